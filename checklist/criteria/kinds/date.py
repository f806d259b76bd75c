"""date: full points when the date is recent enough (max_age_years, or one term)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from checklist.criteria.kinds.base import Doubtful, Facts, ItemBase, Missing
from checklist.formats import format_date, parse_date

if TYPE_CHECKING:
    from checklist.answers.model import Value


class DateItem(ItemBase):
    kind: Literal["date"]
    max_age_years: Annotated[float, Field(gt=0)] | None = None
    max_age_from_profile: Literal["term_years"] | None = None

    label = "日期期限"
    all_or_nothing = True
    condition_test = None

    @model_validator(mode="after")
    def _one_limit(self) -> DateItem:
        if (self.max_age_years is None) == (self.max_age_from_profile is None):
            raise ValueError("date 条目须且只须写 max_age_years 或 max_age_from_profile 之一")
        return self

    def parse(self, text: str) -> Value:
        return parse_date(text)

    def value_problem(self, value: Value) -> str | None:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            return "应填写日期，例如 2026-11-24"
        return None

    def words(self, value: Value, facts: Facts | None = None) -> str:
        assert isinstance(value, dt.date)
        return format_date(value)

    def score(self, value: Value, facts: Facts) -> float | Missing | Doubtful:
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
        return self.points if _within_years(value, facts.judged_on, years) else 0.0


def _within_years(value: dt.date, reference: dt.date, years: float) -> bool:
    months = round(years * 12)
    year, month = divmod(value.year * 12 + value.month - 1 + months, 12)
    month += 1
    day = min(value.day, _days_in_month(year, month))
    return reference <= dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day
