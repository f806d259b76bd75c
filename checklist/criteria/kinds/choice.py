"""choice: one option, each worth its own points; and what multi_choice shares with it."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from checklist.criteria.base import Condition, Model, Text, check_distinct
from checklist.criteria.kinds.base import EPSILON, ConditionTest, Facts, Finding, ItemBase
from checklist.criteria.kinds.choosing import one_choice_problem

if TYPE_CHECKING:
    from checklist.answers.model import Value


class Option(Model):
    label: Text
    points: Annotated[float, Field(ge=0)]
    # Of a multi_choice option: offered, and counted, only when this holds.
    when: Condition | None = None


class ChoiceItemBase(ItemBase):
    options: Annotated[list[Option], Field(min_length=1)]

    @field_validator("options")
    @classmethod
    def _options_distinct(cls, options: list[Option]) -> list[Option]:
        check_distinct([o.label for o in options], "选项")
        return options

    def choices(self) -> dict[str, Value]:
        return {o.label: o.label for o in self.options}

    @cached_property
    def option_points(self) -> dict[str, float]:
        """Each option's points by its label (what checking and scoring an answer look up)."""
        return {o.label: o.points for o in self.options}

    best_name: ClassVar[str]  # what earns `best`, in a message

    @abstractmethod
    def best(self) -> float:
        """The most points any answer earns before the item's points cap them."""

    def options_when(self) -> dict[str, Condition]:
        return {o.label: o.when for o in self.options if o.when is not None}

    def findings(self) -> Iterator[Finding]:
        best = self.best()
        if best < self.points - EPSILON:
            yield (
                "options",
                f"{self.best_name}只有 {best:g} 分，低于 points（分值）{self.points:g}，"
                "任何回答都得不到满分，请调整选项分数或分值",
            )


class ChoiceItem(ChoiceItemBase):
    kind: Literal["choice"]

    label = "单选"
    condition_test = ConditionTest.IS_LABEL
    best_name = "最高的选项"

    @field_validator("options")
    @classmethod
    def _options_within_points(cls, options: list[Option], info: ValidationInfo) -> list[Option]:
        points = info.data.get("points")
        best = max(o.points for o in options)
        if points is not None and best > points:
            raise ValueError(f"选项最高分 {best:g} 超过了 points（分值）{points:g}")
        return options

    def best(self) -> float:
        return max(o.points for o in self.options)

    def findings(self) -> Iterator[Finding]:
        yield from super().findings()
        if self.options_when():
            yield (
                "options",
                "单选（choice）条目的选项不能带适用条件 when；"
                "需要按条件出现的选项请用多选（multi_choice）或缺项扣分（deductions）",
            )

    def value_problem(self, value: Value) -> str | None:
        return one_choice_problem(self.option_points, value)

    def words(self, value: Value, facts: Facts | None = None) -> str:
        return str(value)

    def score(self, value: Value, facts: Facts) -> float:
        assert isinstance(value, str)
        return self.option_points[value]
