"""An item's figures as they count for a unit: typed by the unit, shown from 单位基本情况,
or computed as a rate of two others; and the checks across them that do not hold.

What a figure is, which values fit it and how a value is written the standard declares
(`checklist.criteria.figures`); here the unit's answers and profile fill them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from checklist.answers.model import ItemAnswer, Profile
from checklist.criteria.base import PROFILE_SOURCES, PROFILE_UNITS
from checklist.criteria.figures import Figure, FigureValue
from checklist.criteria.kinds import Item
from checklist.formats import format_date, format_number, percent_text

FROM_PROFILE = "取自基本情况"


@dataclass(frozen=True, slots=True)
class FigureReading:
    figure: Figure
    value: FigureValue | None  # what counts; None when blank, unreadable or not computed
    shown: str  # the value in words with its unit, or a stored text kept as typed; "" if blank
    source: str = ""  # where it comes from: "" (typed by the unit), 取自基本情况, 会员数÷职工数
    problem: str = ""  # why a stored value does not count (the item needs review), or ""
    missing: str = ""  # why a shown or computed figure has no value (职工数为 0), or ""

    @property
    def line(self) -> str:
        """The figure as the app and the report print it: 入会率 93.7%（会员数÷职工数）."""
        name = self.figure.name
        if self.figure.asked:
            return f"{name}：{self.shown}" if self.shown else ""
        where = self.source if self.value is not None else f"{self.source}；{self.missing}"
        return f"{name}：{self.shown or '—'}（{where}）"


def read_figures(
    item: Item, answer: ItemAnswer | None, profile: Profile
) -> dict[str, FigureReading]:
    """Each figure of the item, by name, in the item's order."""
    stored = answer.figures if answer is not None else {}
    readings: dict[str, FigureReading] = {}
    if not any(f.rate is not None for f in item.figures):  # as most items: in order
        for figure in item.figures:
            name = figure.name
            if name in readings:  # a name given twice (validation refuses it): the first
                continue
            if figure.from_profile is not None:
                readings[name] = _from_profile(figure, profile)
            else:
                readings[name] = _typed(figure, stored.get(name))
        return readings
    by_name = {f.name: f for f in item.figures}

    def reading(figure: Figure, seen: frozenset[str]) -> FigureReading:
        if figure.name in readings:
            return readings[figure.name]
        if figure.from_profile is not None:
            found = _from_profile(figure, profile)
        elif figure.rate is not None:
            found = _rate(figure, by_name, seen | {figure.name}, reading)
        else:
            found = _typed(figure, stored.get(figure.name))
        readings[figure.name] = found
        return found

    for figure in item.figures:
        reading(figure, frozenset())
    return {f.name: readings[f.name] for f in item.figures}


def figure_values(readings: Mapping[str, FigureReading]) -> dict[str, FigureValue]:
    """The figures that count, by name (for scoring)."""
    return {name: r.value for name, r in readings.items() if r.value is not None}


def blank_hint(reading: FigureReading) -> str:
    """What to fill in before an item scored on this figure can be scored."""
    name = reading.figure.name
    if reading.problem:
        return reading.problem
    if reading.figure.asked:
        return f"请先填写数字说明“{name}”（本条按它计分）"
    if reading.figure.rate is not None:
        return f"{name}（{reading.source}）：{reading.missing}"
    return f"{name}{reading.source}：{reading.missing}"


def broken_checks(item: Item, readings: Mapping[str, FigureReading]) -> list[str]:
    """What is wrong, in words, with each of the item's figure checks that does not hold
    (a check of a blank figure waits until it is filled in)."""
    broken = []
    for check in item.figure_checks:
        one, other = readings.get(check.figure), readings.get(check.other)
        if one is None or other is None:
            continue
        a, b = one.value, other.value
        if isinstance(a, int | float) and isinstance(b, int | float) and not check.holds(a, b):
            broken.append(check.broken(one.shown, other.shown))
    return broken


def _typed(figure: Figure, raw: FigureValue | None) -> FigureReading:
    """A figure the unit types, as stored (`raw`; None: blank)."""
    value, problem = figure.read(raw)
    shown = figure.words(value) if value is not None else (str(raw) if problem else "")
    return FigureReading(figure, value, shown, problem=problem)


def _from_profile(figure: Figure, profile: Profile) -> FigureReading:
    source = figure.from_profile
    assert source is not None
    value: FigureValue | None
    if source == "last_election":
        value = profile.last_election
    else:
        value = profile.figure(source)
        if isinstance(value, float) and value == int(value) and PROFILE_UNITS[source] != "%":
            value = int(value)
    if value is None:
        return FigureReading(figure, None, "", FROM_PROFILE, missing=_blank_in_profile(source))
    return FigureReading(figure, value, _profile_words(source, value), FROM_PROFILE)


def _blank_in_profile(source: str) -> str:
    if source == "membership_rate":
        return "基本情况中职工人数、会员人数未填写或职工人数为 0，无法计算"
    if source == "activist_rate":
        return "基本情况中职工人数、积极分子人数未填写或职工人数为 0，无法计算"
    return f"基本情况中{PROFILE_SOURCES[source].removesuffix('（年）')}未填写"


def _profile_words(source: str, value: FigureValue) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    assert isinstance(value, int | float)
    unit = PROFILE_UNITS[source]
    return percent_text(value) if unit == "%" else f"{format_number(value)}{unit}"


def _rate(
    figure: Figure,
    by_name: Mapping[str, Figure],
    seen: frozenset[str],
    reading: Callable[[Figure, frozenset[str]], FigureReading],
) -> FigureReading:
    assert figure.rate is not None
    part_name, whole_name = figure.rate
    source = f"{part_name}÷{whole_name}"
    values = []
    for name in (part_name, whole_name):
        other = by_name.get(name)
        # Validation rules out a rate of an unknown figure and rates in a cycle.
        if other is None or name in seen:
            return FigureReading(figure, None, "", source, missing="无法计算")
        found = reading(other, seen)
        if not isinstance(found.value, int | float):
            blank = found.missing if found.source == FROM_PROFILE else f"{name}未填写"
            return FigureReading(figure, None, "", source, missing=f"{blank}，无法计算")
        values.append(float(found.value))
    part, whole = values
    if not whole:
        return FigureReading(figure, None, "", source, missing=f"{whole_name}为 0，无法计算")
    rate = part / whole * 100
    return FigureReading(figure, rate, percent_text(rate), source)
