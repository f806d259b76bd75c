"""The evaluation standard as validated models: pack → area → indicator → item.

Field names are the TOML keys staff write (see criteria/README.md). Models are
pydantic v2 with `extra="forbid"` so that a misspelt key is reported, not ignored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

ItemId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1)]
Text = Annotated[str, Field(min_length=1)]

Method = Literal["查阅资料", "实地查看", "座谈", "问卷", "个别访谈", "抽查"]

# Figures an item may take from the unit profile instead of asking again.
# Names map to Chinese labels; ratios are computed in checklist.answers.model.Profile.
PROFILE_FIGURES: dict[str, str] = {
    "staff": "职工人数",
    "members": "会员人数",
    "women_members": "女会员人数",
    "committee_members": "工会委员会委员人数",
    "activists": "工会积极分子人数",
    "term_years": "每届任期（年）",
    "membership_rate": "入会率（%）",
    "activist_rate": "积极分子占比（%）",
}
ProfileFigure = Literal[
    "staff",
    "members",
    "women_members",
    "committee_members",
    "activists",
    "term_years",
    "membership_rate",
    "activist_rate",
]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, populate_by_name=True, allow_inf_nan=False
    )


class Level(Model):
    label: Text
    ratio: Annotated[float, Field(ge=0, le=1)]


DEFAULT_LEVELS: tuple[Level, ...] = (
    Level(label="完全达到", ratio=1.0),
    Level(label="基本达到", ratio=0.8),
    Level(label="部分达到", ratio=0.5),
    Level(label="未达到", ratio=0.0),
)


class Option(Model):
    label: Text
    points: Annotated[float, Field(ge=0)]


class Deduction(Model):
    label: Text
    deduct: Annotated[float, Field(gt=0)]


class Condition(Model):
    """The item applies only when this holds (an earlier answer or a profile figure)."""

    item: ItemId | None = None
    profile: ProfileFigure | None = None
    is_: bool | str | None = Field(default=None, alias="is")
    includes: str | None = None
    at_least: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _one_subject_one_test(self) -> Condition:
        if (self.item is None) == (self.profile is None):
            raise ValueError(
                "适用条件 when 须且只须写 item（条目编号）或 profile（基本情况数字）之一"
            )
        tests = [t for t in (self.is_, self.includes, self.at_least, self.at_most) if t is not None]
        if not tests:
            raise ValueError("适用条件 when 须写明 is、includes、at_least 或 at_most")
        if self.profile is not None and (self.is_ is not None or self.includes is not None):
            raise ValueError("以 profile 为条件时只能用 at_least 或 at_most")
        return self

    def describe(self) -> str:
        subject = PROFILE_FIGURES[self.profile] if self.profile else f"条目 {self.item}"
        parts = []
        if self.is_ is not None:
            value = (
                {True: "是", False: "否"}.get(self.is_, self.is_)
                if isinstance(self.is_, bool)
                else self.is_
            )
            parts.append(f"为“{value}”")
        if self.includes is not None:
            parts.append(f"包含“{self.includes}”")
        if self.at_least is not None:
            parts.append(f"不少于 {self.at_least:g}")
        if self.at_most is not None:
            parts.append(f"不多于 {self.at_most:g}")
        return subject + "、".join(parts) + "时适用"


class ItemBase(Model):
    id: ItemId
    text: Text
    basis: list[Text] = []
    method: list[Method] = []
    evidence: list[Text] = []
    points: Annotated[float, Field(gt=0)]
    guidance: str = ""
    veto: bool = False
    allow_na: bool = False
    when: Condition | None = None
    figures: list[Text] = []

    @property
    def scored(self) -> bool:
        return True


class YesNoItem(ItemBase):
    kind: Literal["yes_no"]


class LevelItem(ItemBase):
    kind: Literal["level"]
    levels: tuple[Level, ...] = DEFAULT_LEVELS

    @field_validator("levels")
    @classmethod
    def _levels_distinct(cls, levels: tuple[Level, ...]) -> tuple[Level, ...]:
        _check_distinct([lv.label for lv in levels], "等级")
        if not levels:
            raise ValueError("levels（等级）不能为空")
        return levels


class NumberItemBase(ItemBase):
    unit: str = ""
    from_profile: ProfileFigure | None = None


class ThresholdItem(NumberItemBase):
    kind: Literal["threshold"]
    min: float | None = None
    max: float | None = None

    # Checks that compare two fields are field validators of the later one, so that
    # the message points at its line (fields are validated in the order declared).
    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, high: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("min")
        if high is not None and low is not None and low > high:
            raise ValueError(f"max（上限）{high:g} 不能小于 min（下限）{low:g}")
        return high

    @model_validator(mode="after")
    def _bounds(self) -> ThresholdItem:
        if self.min is None and self.max is None:
            raise ValueError("threshold 条目须写 min 或 max（或两者）")
        return self


class CountItem(NumberItemBase):
    kind: Literal["count"]
    each: Annotated[float, Field(gt=0)]
    unit: str = "次"

    @field_validator("each")
    @classmethod
    def _each_within_points(cls, each: float, info: ValidationInfo) -> float:
        points = info.data.get("points")
        if points is not None and each > points:
            raise ValueError(f"each（每次得分）{each:g} 不能大于 points（分值）{points:g}")
        return each


class StepsItem(NumberItemBase):
    kind: Literal["steps"]
    target: float
    step: Annotated[float, Field(gt=0)]
    deduct: Annotated[float, Field(gt=0)]
    zero_below: float | None = None

    @field_validator("zero_below")
    @classmethod
    def _floor_below_target(cls, floor: float | None, info: ValidationInfo) -> float | None:
        target = info.data.get("target")
        if floor is not None and target is not None and floor > target:
            raise ValueError("zero_below（不得分线）不能高于 target（目标值）")
        return floor


class DateItem(ItemBase):
    kind: Literal["date"]
    max_age_years: Annotated[float, Field(gt=0)] | None = None
    max_age_from_profile: Literal["term_years"] | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> DateItem:
        if (self.max_age_years is None) == (self.max_age_from_profile is None):
            raise ValueError("date 条目须且只须写 max_age_years 或 max_age_from_profile 之一")
        return self


class ChoiceItemBase(ItemBase):
    options: Annotated[list[Option], Field(min_length=1)]

    @field_validator("options")
    @classmethod
    def _options_distinct(cls, options: list[Option]) -> list[Option]:
        _check_distinct([o.label for o in options], "选项")
        return options


class ChoiceItem(ChoiceItemBase):
    kind: Literal["choice"]

    @field_validator("options")
    @classmethod
    def _options_within_points(cls, options: list[Option], info: ValidationInfo) -> list[Option]:
        points = info.data.get("points")
        best = max(o.points for o in options)
        if points is not None and best > points:
            raise ValueError(f"选项最高分 {best:g} 超过了 points（分值）{points:g}")
        return options


class MultiChoiceItem(ChoiceItemBase):
    kind: Literal["multi_choice"]


class DeductionsItem(ItemBase):
    kind: Literal["deductions"]
    options: Annotated[list[Deduction], Field(min_length=1)]

    @field_validator("options")
    @classmethod
    def _options_distinct(cls, options: list[Deduction]) -> list[Deduction]:
        _check_distinct([o.label for o in options], "扣分项")
        return options


class TextItem(ItemBase):
    kind: Literal["text"]
    points: Annotated[float, Field(ge=0, le=0)] = 0

    @property
    def scored(self) -> bool:
        return False


Item = Annotated[
    YesNoItem
    | LevelItem
    | ThresholdItem
    | CountItem
    | StepsItem
    | DateItem
    | ChoiceItem
    | MultiChoiceItem
    | DeductionsItem
    | TextItem,
    Field(discriminator="kind"),
]
KINDS: dict[str, str] = {
    "yes_no": "是/否",
    "level": "达到程度",
    "threshold": "数值达标",
    "count": "按次数计分",
    "steps": "按差距扣分",
    "date": "日期期限",
    "choice": "单选",
    "multi_choice": "多选",
    "deductions": "缺项扣分",
    "text": "文字说明",
}


class Indicator(Model):
    id: ItemId
    title: Text
    points: Annotated[float, Field(gt=0)]
    items: Annotated[list[Item], Field(alias="item", min_length=1)]


class Area(Model):
    id: ItemId
    title: Text
    points: Annotated[float, Field(gt=0)]
    indicators: Annotated[list[Indicator], Field(alias="indicator", min_length=1)]

    def items(self) -> Iterator[Item]:
        for indicator in self.indicators:
            yield from indicator.items


class PackInfo(Model):
    id: ItemId
    title: Text
    edition: Text
    effective: date
    issuer: Text
    total: Annotated[float, Field(gt=0)]
    pass_: Annotated[float, Field(alias="pass", ge=0)]
    demonstration: Annotated[float, Field(ge=0)]
    veto_word: Text = "否决项"
    not_applicable: Literal["renormalize", "count_as_met"] = "renormalize"


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
        return {
            id_: hashlib.sha256(item.model_dump_json(by_alias=True).encode()).hexdigest()[:12]
            for id_, item in self.items.items()
        }

    @cached_property
    def items(self) -> dict[str, Item]:
        return {item.id: item for area in self.areas for item in area.items()}

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


def _check_distinct(labels: list[str], what: str) -> None:
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            raise ValueError(f"{what}“{label}”重复")
        seen.add(label)
