"""The evaluation standard as validated models: pack → area → indicator → item.

Field names are the TOML keys staff write (see criteria/README.md). Models are
pydantic v2 with `extra="forbid"` so that a misspelt key is reported, not ignored.
Items are declared kind by kind in `checklist.criteria.kinds`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr

from checklist.criteria.base import (
    PROFILE_FIGURES,
    Condition,
    ItemId,
    Method,
    Model,
    ProfileFigure,
    Text,
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
