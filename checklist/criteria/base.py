"""What every part of a standard is built from: the model settings, ids and texts, the
figures an item may take from the unit profile, and the condition an item may carry.

Field names are the TOML keys staff write (see criteria/README.md).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
# What an item's figures may show from the profile: the numbers above and the date of
# the last election (a figure's `from_profile`).
PROFILE_SOURCES: dict[str, str] = PROFILE_FIGURES | {"last_election": "上次换届日期"}
ProfileSource = Literal[
    "staff",
    "members",
    "women_members",
    "committee_members",
    "activists",
    "term_years",
    "membership_rate",
    "activist_rate",
    "last_election",
]
# The unit each number of the profile is counted in.
PROFILE_UNITS: dict[str, str] = {
    "staff": "人",
    "members": "人",
    "women_members": "人",
    "committee_members": "人",
    "activists": "人",
    "term_years": "年",
    "membership_rate": "%",
    "activist_rate": "%",
}


def new_list() -> list[Any]:
    """An empty list: the default of a list field (`Field(default_factory=new_list)`).

    Not `list` itself: pydantic reads the signature of each field's default factory as
    it builds a model, and Python reads a builtin's signature from text, slowly (some
    eighty list fields across the kinds of item made that 20 ms of every start)."""
    return []


def new_dict() -> dict[Any, Any]:
    """An empty dict: the default of a dict field, for the reason `new_list` gives."""
    return {}


class Model(BaseModel):
    """Strict about keys: `extra="forbid"`, so that a misspelt key is reported, not ignored."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        populate_by_name=True,
        allow_inf_nan=False,
        defer_build=True,
    )


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


def check_distinct(labels: list[str], what: str) -> None:
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            raise ValueError(f"{what}“{label}”重复")
        seen.add(label)
