"""The evaluation standard as validated models: pack → area → (indicator →) item.

Field names are the TOML keys staff write (see criteria/README.md). Models are
pydantic v2 with `extra="forbid"` so that a misspelt key is reported, not ignored.
Items are declared kind by kind in `checklist.criteria.kinds`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from checklist.criteria.base import (
    PROFILE_FIGURES,
    Condition,
    ItemId,
    Method,
    Model,
    ProfileFigure,
    Text,
    new_list,
)
from checklist.criteria.kinds import (
    DEFAULT_LEVELS,
    KINDS,
    ChoiceItem,
    ChoiceItemBase,
    CountItem,
    DateItem,
    Deduction,
    DeductionsItem,
    Item,
    ItemBase,
    Level,
    LevelItem,
    MultiChoiceItem,
    NumberItemBase,
    Option,
    StepsItem,
    TextItem,
    ThresholdItem,
    YesNoItem,
)

ColumnRole = Literal["number", "content", "figures", "points", "self_score", "inspected"]
# What each column of the scoring table holds, with the name the report gives it by default.
COLUMN_ROLES: dict[str, str] = {
    "number": "序号",
    "content": "考核内容",
    "points": "分值",
    "figures": "工作情况和数字说明",
    "self_score": "自评分",
    "inspected": "考核分",
}


class Column(Model):
    """A column of the scoring table: what it holds, and its heading on the sheet."""

    show: ColumnRole
    name: Text


def _default_columns() -> list[Column]:
    return [
        Column.model_validate({"show": role, "name": name}) for role, name in COLUMN_ROLES.items()
    ]


class Indicator(Model):
    id: ItemId
    title: Text
    points: Annotated[float, Field(gt=0)]
    items: Annotated[list[Item], Field(alias="item", min_length=1)]
    # Made by the program for an area whose items sit directly under it (a sheet of
    # two levels): it has the area's id and title, and is never shown as a level.
    implicit: Annotated[bool, Field(exclude=True)] = False


class Area(Model):
    """一级指标: its items sit under 二级指标 (`[[area.indicator]]`) or, on a sheet of
    two levels, directly under it (`[[area.item]]`); one or the other."""

    id: ItemId
    title: Text
    points: Annotated[float, Field(gt=0)]
    indicators: Annotated[list[Indicator], Field(alias="indicator")] = Field(
        default_factory=new_list
    )
    direct_items: Annotated[list[Item], Field(alias="item", exclude=True)] = Field(
        default_factory=new_list
    )

    @model_validator(mode="after")
    def _one_level_below(self) -> Area:
        if self.indicators and self.direct_items:
            raise ValueError(
                "一级指标下要么写二级指标 [[area.indicator]]，要么直接写条目 [[area.item]]，不能两者都有"
            )
        if not self.indicators and not self.direct_items:
            raise ValueError(
                "一级指标下至少要有一个二级指标 [[area.indicator]] 或条目 [[area.item]]"
            )
        if self.direct_items:
            self.indicators = [
                Indicator(
                    id=self.id,
                    title=self.title,
                    points=self.points,
                    items=self.direct_items,
                    implicit=True,
                )
            ]
        return self

    @property
    def two_levels(self) -> bool:
        """Whether its items sit directly under it (no 二级指标 to show)."""
        return self.indicators[0].implicit

    def items(self) -> Iterator[Item]:
        for indicator in self.indicators:
            yield from indicator.items


class GradeLine(Model):
    """A grade the standard awards (示范, 模范, 合格 …) from a total of `at_least` up."""

    name: Text
    at_least: Annotated[float, Field(ge=0)]


class PackInfo(Model):
    id: ItemId
    title: Text
    edition: Text
    effective: date
    issuer: Text
    total: Annotated[float, Field(gt=0)]
    # The grades, highest first (any number); or, as standards written before grades
    # could be named, `pass` (达标) and `demonstration` (示范).
    grades: list[GradeLine] = Field(default_factory=new_list)
    fail: Text = "未达标"  # the name of failing (未达标, 不合格 …)
    pass_: Annotated[float | None, Field(alias="pass", ge=0, exclude=True)] = None
    demonstration: Annotated[float | None, Field(ge=0, exclude=True)] = None
    veto_word: Text = "否决项"
    not_applicable: Literal["renormalize", "count_as_met"] = "renormalize"
    # What the report is called, e.g. 合格职工之家达标验收自评报告 ("": 《title》自评报告).
    report_title: str = ""
    # How many decimals the report prints the total with (rounded half up).
    decimals: Annotated[int, Field(ge=0, le=2)] = 1
    # The review boxes the report carries after the signatures, in order.
    review: list[Text] = Field(default_factory=lambda: ["机关党组织审核意见"])
    # The scoring table's columns as the sheet names them, and how its items are
    # numbered: 1…N through the whole sheet, or from 1 in each area.
    columns: list[Column] = Field(default_factory=_default_columns)
    numbering: Literal["continuous", "per_area"] = "per_area"

    @field_validator("columns")
    @classmethod
    def _columns(cls, columns: list[Column]) -> list[Column]:
        shown = [c.show for c in columns]
        for role in set(shown):
            if shown.count(role) > 1:
                raise ValueError(f"columns（评分表的列）中 {role} 出现了两次")
        needed = [r for r in ("number", "content", "points", "self_score") if r not in shown]
        if needed:
            raise ValueError(
                f"columns（评分表的列）缺少 {'、'.join(needed)}；"
                f"可用：{'、'.join(f'{r}（{n}）' for r, n in COLUMN_ROLES.items())}"
            )
        return columns

    @model_validator(mode="after")
    def _grades(self) -> PackInfo:
        legacy = [g for g in (self.demonstration, self.pass_) if g is not None]
        if self.grades and legacy:
            raise ValueError("已用 grades 写明等次时，不再写 pass 和 demonstration（它们是旧写法）")
        if not self.grades:
            if self.pass_ is None:
                raise ValueError(
                    "请用 grades 写明等次及其分数线，例如 "
                    'grades = [{ name = "合格", at_least = 80 }]'
                )
            self.grades = [GradeLine(name="达标", at_least=self.pass_)]
            if self.demonstration is not None:
                self.grades.insert(0, GradeLine(name="示范", at_least=self.demonstration))
        return self


class Pack(Model):
    """A whole standard. Items are reachable in order, and by id."""

    info: PackInfo = Field(alias="pack")
    areas: Annotated[list[Area], Field(alias="area", min_length=1)]
    _fingerprint: str = PrivateAttr(default="")

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the canonical criteria content (comments and layout excluded)."""
        return self._fingerprint

    @cached_property
    def item_fingerprints(self) -> dict[str, str]:
        """A short hash of each item's content, so answers can tell which items changed."""
        return {id_: _item_fingerprint(item) for id_, item in self.items.items()}

    @cached_property
    def items(self) -> dict[str, Item]:
        return {item.id: item for area in self.areas for item in area.items()}

    @cached_property
    def sheet_numbers(self) -> dict[str, int]:
        """Each item's number as the sheet prints it: 1…N through the sheet, or from 1
        in each area, as the standard says (`numbering`)."""
        numbers: dict[str, int] = {}
        for area in self.areas:
            start = len(numbers) if self.info.numbering == "continuous" else 0
            for n, item in enumerate(area.items(), start + 1):
                numbers[item.id] = n
        return numbers

    @cached_property
    def area_of(self) -> dict[str, Area]:
        return {item.id: area for area in self.areas for item in area.items()}

    @cached_property
    def indicator_of(self) -> dict[str, Indicator]:
        return {
            item.id: indicator
            for area in self.areas
            for indicator in area.indicators
            for item in indicator.items
        }


_LATER_ELEMENT_FIELDS = ("when", "figure", "at_least", "at_most")


def _item_fingerprint(item: Item) -> str:
    """A hash of the item's JSON in field order, leaving out the fields added since
    answers files began to record these hashes while they are unset."""
    dump = item.model_dump(mode="json", by_alias=True)
    for name in item.LATER_FIELDS:
        if dump.get(name) in (None, []):
            dump.pop(name, None)
    # The same for the fields added to an option (its `when`) and to a part of an
    # all_of item (a numeric part's figure and line).
    for element in [*(dump.get("options") or ()), *(dump.get("parts") or ())]:
        for name in _LATER_ELEMENT_FIELDS:
            if isinstance(element, dict) and element.get(name) is None:
                element.pop(name, None)
    text = json.dumps(dump, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


__all__ = [
    "DEFAULT_LEVELS",
    "KINDS",
    "PROFILE_FIGURES",
    "Area",
    "ChoiceItem",
    "ChoiceItemBase",
    "Condition",
    "CountItem",
    "DateItem",
    "Deduction",
    "DeductionsItem",
    "Indicator",
    "Item",
    "ItemBase",
    "ItemId",
    "Level",
    "LevelItem",
    "Method",
    "MultiChoiceItem",
    "NumberItemBase",
    "Option",
    "Pack",
    "PackInfo",
    "ProfileFigure",
    "StepsItem",
    "Text",
    "TextItem",
    "ThresholdItem",
    "YesNoItem",
]
