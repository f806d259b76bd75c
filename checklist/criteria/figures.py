"""The figures an item asks for (工作情况和数字说明), and the checks across them.

A figure is free text (a plain name, as sheets have always asked: "会议时间"), or typed
(an integer, a number, a percentage or a date, with its unit), or shown from 单位基本情况
(`from_profile`, never asked again), or computed as part ÷ whole of two other figures of
the item (`rate`, a percentage, never typed). `figure_checks` compare two figures of an
item (办结数 ≤ 受理数); one that is broken puts the item up for review.

Field names are the TOML keys staff write (see criteria/README.md).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from pydantic import (
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from checklist.criteria.base import Model, ProfileSource, Text
from checklist.formats import format_date, format_number, parse_date, read_number

# What a stored figure holds: TOML integer, float, date or string.
FigureValue = int | float | dt.date | str

FigureType = Literal["integer", "number", "percent", "date", "text"]
TYPE_WORDS: dict[str, str] = {
    "integer": "整数",
    "number": "数字",
    "percent": "百分比",
    "date": "日期",
    "text": "文字",
}

Loc = tuple[str | int, ...]


class Figure(Model):
    """One figure of 工作情况和数字说明. A plain string in the file is a figure of free
    text by that name, and is written back as one (item fingerprints stay as they were)."""

    name: Text
    type: FigureType = "text"
    unit: str = ""  # of an integer or a number: 件, 人, 平方米 …
    from_profile: ProfileSource | None = None
    rate: list[Text] | None = None  # [part, whole]: part ÷ whole, as a percentage

    @model_validator(mode="before")
    @classmethod
    def _plain_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data

    @field_validator("rate")
    @classmethod
    def _part_and_whole(cls, rate: list[str] | None) -> list[str] | None:
        if rate is not None and (len(rate) != 2 or rate[0] == rate[1]):
            raise ValueError(
                'rate（比率）写两个不同的数字说明名称：[部分, 全体]，例如 rate = ["会员数", "职工数"]'
            )
        return rate

    @model_validator(mode="after")
    def _one_source(self) -> Figure:
        name = f"数字说明“{self.name}”"
        if self.from_profile is not None and self.rate is not None:
            raise ValueError(f"{name}：from_profile（取自基本情况）和 rate（比率）只能写一个")
        derived = self.from_profile is not None or self.rate is not None
        if derived and "type" in self.model_fields_set:
            raise ValueError(f"{name}取自基本情况或由比率算出，类型由程序确定，不写 type")
        if derived and self.unit:
            raise ValueError(f"{name}取自基本情况或由比率算出，单位由程序给出，不写 unit")
        if self.unit and self.type not in ("integer", "number"):
            raise ValueError(
                f"{name}：unit（计量单位）只用于 integer（整数）或 number（数字）；"
                "百分比自带 %，日期和文字不写单位"
            )
        return self

    @model_serializer(mode="wrap")
    def _as_written(self, handler: SerializerFunctionWrapHandler) -> Any:
        return self.name if self.plain else handler(self)

    @property
    def plain(self) -> bool:
        """Free text the unit types, as a plain name in the file means."""
        return (
            self.type == "text"
            and not self.unit
            and self.from_profile is None
            and self.rate is None
        )

    @property
    def asked(self) -> bool:
        """Whether the unit types it (else it is shown from the profile or computed)."""
        return self.from_profile is None and self.rate is None

    @property
    def numeric(self) -> bool:
        if self.rate is not None:
            return True
        if self.from_profile is not None:
            return self.from_profile != "last_election"
        return self.type in ("integer", "number", "percent")

    @property
    def dated(self) -> bool:
        return self.from_profile == "last_election" or (self.asked and self.type == "date")

    @property
    def type_words(self) -> str:
        """What it holds, in words: 整数, 百分比, 日期 …"""
        if self.rate is not None:
            return "比率"
        if self.from_profile is not None:
            return "日期" if self.dated else "数字"
        return TYPE_WORDS[self.type]

    def parse(self, text: str) -> FigureValue:
        """The value a person means by typing `text` (a unit typed after a number, as in
        12件, is allowed); ValueError says what is wrong."""
        text = text.strip()
        if self.type == "text":
            return text
        if self.type == "date":
            return parse_date(text)
        if self.unit and text.endswith(self.unit):
            text = text.removesuffix(self.unit)
        return read_number(text, whole=self.type == "integer", percent=self.type == "percent")

    def read(self, stored: FigureValue | None) -> tuple[FigureValue | None, str]:
        """The value a stored figure counts as (None when blank or when it does not read
        as the figure's type), and why it does not ("" when it does)."""
        if stored is None or stored == "":
            return None, ""
        if self.type == "text":
            return (stored if isinstance(stored, str) else value_words(stored)), ""
        if isinstance(stored, str):
            try:
                return self.parse(stored), ""
            except ValueError as exc:
                return None, f"数字说明“{self.name}”填的是“{stored}”：{exc}"
        problem = self._typed_problem(stored)
        if problem:
            return None, f"数字说明“{self.name}”填的是 {value_words(stored)}：{problem}"
        if self.type == "integer" and isinstance(stored, float):
            return int(stored), ""
        return stored, ""

    def _typed_problem(self, stored: FigureValue) -> str:
        if self.type == "date":
            plain_date = isinstance(stored, dt.date) and not isinstance(stored, dt.datetime)
            return "" if plain_date else "应填写日期，例如 2026-11-24"
        if isinstance(stored, bool) or not isinstance(stored, int | float):
            return f"应填写{TYPE_WORDS[self.type]}"
        if not math.isfinite(stored) or stored < 0:
            return "应填写不小于 0 的数"
        if self.type == "integer" and stored != int(stored):
            return "请填写整数"
        if self.type == "percent" and stored > 100:
            return "百分比不能超过 100"
        return ""

    def words(self, value: FigureValue) -> str:
        """A value read as this figure's type, with its unit: 12件, 96.5%, 2026年3月18日."""
        if isinstance(value, dt.date):
            return format_date(value)
        if isinstance(value, str):
            return value
        unit = "%" if self.type == "percent" else self.unit
        return f"{format_number(value)}{unit}"


def value_words(value: FigureValue) -> str:
    """A stored value in words, whatever figure it belongs to."""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


class FigureCheck(Model):
    """Two figures of an item that must compare so: `figure` at most (or at least) the
    figure named, e.g. { figure = "办结数", at_most = "受理数" }."""

    figure: Text
    at_most: Text | None = None
    at_least: Text | None = None

    @model_validator(mode="after")
    def _one_comparison(self) -> FigureCheck:
        if (self.at_most is None) == (self.at_least is None):
            raise ValueError(
                "figure_checks 的每一项须且只须写 at_most（不多于）或 at_least（不少于）之一，"
                '例如 { figure = "办结数", at_most = "受理数" }'
            )
        return self

    @property
    def other(self) -> str:
        return self.at_most if self.at_most is not None else str(self.at_least)

    def holds(self, value: float, other: float) -> bool:
        if self.at_most is not None:
            return value <= other + 1e-9
        return value >= other - 1e-9

    def broken(self, value: str, other: str) -> str:
        """What is wrong when it does not hold, the values in words."""
        more = "多于" if self.at_most is not None else "少于"
        return f"{self.figure} {value} {more}{self.other} {other}，请核对"


def numeric_figure_problem(figures: Sequence[Figure], name: str, field: str) -> str | None:
    """Why `name`, written in `field`, is not a numeric figure of the item, or None."""
    figure = next((f for f in figures if f.name == name), None)
    where = f"{field}{' ' if field[-1].isascii() else ''}中的“{name}”"
    if figure is None:
        known = "、".join(dict.fromkeys(f.name for f in figures)) or "（本条目没有 figures）"
        return f"{where}不是本条目 figures（数字说明）中的名称；可用：{known}"
    if not figure.numeric:
        return f"{where}是{figure.type_words}，这里要用数字（整数、数字、百分比或比率）"
    return None


def figure_findings(
    figures: Sequence[Figure], checks: Sequence[FigureCheck]
) -> Iterator[tuple[Loc, str]]:
    """What is wrong with an item's figures and checks as a whole: names used twice,
    rates of figures the item does not have or of themselves, rates in a cycle."""
    seen: set[str] = set()
    for i, figure in enumerate(figures):
        if figure.name in seen:
            yield ("figures", i, "name"), f"数字说明“{figure.name}”重复，每个名称只能用一次"
        seen.add(figure.name)
    by_name = {f.name: f for f in figures}
    for i, figure in enumerate(figures):
        for name in figure.rate or ():
            if name == figure.name:
                yield ("figures", i, "rate"), f"数字说明“{figure.name}”的 rate（比率）不能引用自身"
            elif problem := numeric_figure_problem(figures, name, "rate（比率）"):
                yield ("figures", i, "rate"), problem
    yield from _rate_cycles(figures, by_name)
    for k, check in enumerate(checks):
        for field in ("figure", "at_most", "at_least"):
            name = getattr(check, field)
            if name is not None and (
                problem := numeric_figure_problem(figures, name, f"figure_checks 的 {field}")
            ):
                yield ("figure_checks", k, field), problem
        if check.figure == check.other:
            yield (
                ("figure_checks", k, "figure"),
                f"figure_checks 中“{check.figure}”与自身比较，请写另一个数字说明",
            )


def _rate_cycles(
    figures: Sequence[Figure], by_name: dict[str, Figure]
) -> Iterator[tuple[Loc, str]]:
    reported: set[str] = set()
    for i, start in enumerate(figures):
        cycle = _cycle_through(start, by_name, [start.name])
        if cycle and cycle[0] == start.name and not reported.intersection(cycle):
            reported.update(cycle)
            yield (
                ("figures", i, "rate"),
                "比率循环引用：" + " → ".join(cycle) + "，比率只能由填写的或取自基本情况的数字算出",
            )


def _cycle_through(figure: Figure, by_name: dict[str, Figure], path: list[str]) -> list[str] | None:
    """The names of a cycle of rates reached from `figure` along `path`, or None."""
    for name in figure.rate or ():
        if name == figure.name or name not in by_name:
            continue
        if name in path:
            return [*path[path.index(name) :], name]
        found = _cycle_through(by_name[name], by_name, [*path, name])
        if found:
            return found
    return None
