"""date: full points when the date is recent enough (max_age_years, or one term); where
the standard allows it, a postponement the higher union approved counts until the day
approved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from checklist.criteria.base import Model, Text
from checklist.criteria.figures import FigureValue
from checklist.criteria.kinds.base import (
    Doubtful,
    Facts,
    Finding,
    ItemBase,
    Missing,
    Remarked,
)
from checklist.formats import format_date, parse_date

if TYPE_CHECKING:
    from checklist.answers.model import Value


class Postponement(Model):
    """A deadline put off with the higher union's approval (换届延期): the item's figures
    that record it, and how far past the deadline the standard lets it run."""

    until: Text  # a date figure of the item: 批准延期至
    approval: Text  # a figure of the item: 批复文号
    # The standard's own limit (months past the deadline); unset: as approved.
    at_most_months: Annotated[int, Field(gt=0)] | None = None


class DateItem(ItemBase):
    kind: Literal["date"]
    max_age_years: Annotated[float, Field(gt=0)] | None = None
    max_age_from_profile: Literal["term_years"] | None = None
    # The item's own date figure it is judged on (上次换届时间, shown from the profile).
    from_figure: Text | None = None
    postponement: Postponement | None = None

    label = "日期期限"
    all_or_nothing = True
    condition_test = None
    LATER_FIELDS = ItemBase.LATER_FIELDS | {"from_figure", "postponement"}

    @model_validator(mode="after")
    def _one_limit(self) -> DateItem:
        if (self.max_age_years is None) == (self.max_age_from_profile is None):
            raise ValueError("date 条目须且只须写 max_age_years 或 max_age_from_profile 之一")
        return self

    @property
    def own_figure(self) -> str | None:
        return self.from_figure

    def findings(self) -> Iterator[Finding]:
        if self.from_figure is not None:
            figure = self.figure_named(self.from_figure)
            if figure is None or not figure.dated:
                yield "from_figure", self._not_a_date("from_figure", self.from_figure)
        if self.postponement is not None:
            until = self.figure_named(self.postponement.until)
            if until is None or not (until.dated and until.asked):
                yield (
                    ("postponement", "until"),
                    self._not_a_date(
                        "postponement 的 until", self.postponement.until, "且由单位填写"
                    ),
                )
            approval = self.figure_named(self.postponement.approval)
            if approval is None or not approval.asked:
                yield (
                    ("postponement", "approval"),
                    f"postponement 的 approval 中的“{self.postponement.approval}”应是本条目由单位填写的"
                    "数字说明（批复文号）",
                )

    def _not_a_date(self, field: str, name: str, how: str = "") -> str:
        known = "、".join(f.name for f in self.figures if f.dated and (f.asked or not how))
        fits = (
            f"可用：{known}"
            if known
            else '请在 figures 中写明这一项，例如 { name = "批准延期至", type = "date" }'
        )
        return f"{field} 中的“{name}”应是本条目日期类{how}的数字说明；{fits}"

    def parse(self, text: str) -> Value:
        return parse_date(text)

    def value_problem(self, value: Value) -> str | None:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            return "应填写日期，例如 2026-11-24"
        return None

    def words(self, value: Value, facts: Facts | None = None) -> str:
        assert isinstance(value, dt.date)
        return format_date(value)

    def figure_words(self, figure: FigureValue) -> str:
        assert isinstance(figure, dt.date)
        return f"{self.from_figure} {format_date(figure)}"

    def score(self, value: Value, facts: Facts) -> float | Missing | Doubtful | Remarked:
        assert isinstance(value, dt.date)
        years = self.max_age_years
        if self.max_age_from_profile:
            term = facts.profile.term_years
            if term is None:
                return Missing("请先在基本情况中填写每届任期")
            years = term
        assert years is not None
        if value > facts.judged_on:
            return Doubtful("日期晚于自评日期")
        due = _add_months(value, round(years * 12))
        if facts.judged_on <= due:
            return self.points
        return self._postponed(due, facts)

    def _postponed(self, due: dt.date, facts: Facts) -> float | Missing | Doubtful | Remarked:
        """Points past the deadline: full while an approved postponement runs."""
        rule = self.postponement
        if rule is None:
            return 0.0
        until = facts.figures.get(rule.until)
        approval = facts.figures.get(rule.approval)
        if until is None and approval is None:
            return 0.0
        if not isinstance(until, dt.date):
            return Missing(f"已填{rule.approval}，请填写{rule.until}的日期")
        if approval is None:
            return Missing(f"已填{rule.until}，请填写{rule.approval}")
        limit = rule.at_most_months
        if limit is not None and until > _add_months(due, limit):
            return Doubtful(
                f"{rule.until}{format_date(until)}，超过本标准允许的期限"
                f"（{format_date(due)}届满后{limit}个月），请核对"
            )
        said = f"经上级工会批准延期至{format_date(until)}（{rule.approval}：{approval}）"
        if facts.judged_on <= until:
            return Remarked(self.points, said)
        return Remarked(0.0, said + "，延期已到期")


def _add_months(value: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    year, month = divmod(value.year * 12 + value.month - 1 + months, 12)
    month += 1
    day = value.day if value.day <= 28 else min(value.day, _days_in_month(year, month))
    return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day
