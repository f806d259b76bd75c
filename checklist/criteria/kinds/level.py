"""level: how far a requirement is met (完全达到 … 未达到), each level a share of the points."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import ConfigDict, Field, field_validator

from checklist.criteria.base import Model, Text, check_distinct
from checklist.criteria.kinds.base import EPSILON, ConditionTest, Facts, Finding, ItemBase
from checklist.criteria.kinds.choosing import one_choice_problem

if TYPE_CHECKING:
    from checklist.answers.model import Value


class Level(Model):
    # Frozen, so hashable: items that keep the default levels share them rather than
    # each validation copying them.
    model_config = ConfigDict(frozen=True)

    label: Text
    ratio: Annotated[float, Field(ge=0, le=1)]


# Made without validation (they are valid, tests/unit/test_kinds.py): validating
# them at import built the models' schemas, which a start from the cache of
# validated standards (validated_cache.py) does without.
DEFAULT_LEVELS: tuple[Level, ...] = (
    Level.model_construct(label="完全达到", ratio=1.0),
    Level.model_construct(label="基本达到", ratio=0.8),
    Level.model_construct(label="部分达到", ratio=0.5),
    Level.model_construct(label="未达到", ratio=0.0),
)


class LevelItem(ItemBase):
    kind: Literal["level"]
    levels: tuple[Level, ...] = DEFAULT_LEVELS

    label = "达到程度"
    condition_test = ConditionTest.IS_LABEL

    @field_validator("levels")
    @classmethod
    def _levels_distinct(cls, levels: tuple[Level, ...]) -> tuple[Level, ...]:
        check_distinct([lv.label for lv in levels], "等级")
        if not levels:
            raise ValueError("levels（等级）不能为空")
        return levels

    def findings(self) -> Iterator[Finding]:
        if max(lv.ratio for lv in self.levels) < 1 - EPSILON:
            yield (
                "levels",
                "levels（等级）中没有系数为 1 的等级，任何回答都得不到满分，请加上一个 ratio = 1.0 的等级",
            )

    def choices(self) -> dict[str, Value]:
        return {lv.label: lv.label for lv in self.levels}

    @cached_property
    def level_ratios(self) -> dict[str, float]:
        """Each level's share of the points by its label."""
        return {lv.label: lv.ratio for lv in self.levels}

    def value_problem(self, value: Value) -> str | None:
        return one_choice_problem(self.level_ratios, value)

    def words(self, value: Value, facts: Facts | None = None) -> str:
        return str(value)

    def score(self, value: Value, facts: Facts) -> float:
        assert isinstance(value, str)
        return self.points * self.level_ratios[value]
