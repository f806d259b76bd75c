"""all_of: several conditions asked at once ("集体合同履约满意率90%以上、劳动合同签订率
95%以上"), each met or not; all-or-nothing, or each part worth its own points.

A part is ticked by the unit, or, when it names a figure of the item with a line
(`figure`, `at_least` / `at_most`), decided from that figure: "落实率70%以上" is met
when the figure 落实率 is 70 or more, and cannot be decided while the figure is blank."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, field_validator, model_validator

from checklist.criteria.base import Model, Text, check_distinct
from checklist.criteria.figures import numeric_figure_problem
from checklist.criteria.kinds.base import (
    EPSILON,
    ConditionTest,
    Facts,
    Finding,
    ItemBase,
    Missing,
)
from checklist.criteria.kinds.choosing import several_choices_problem
from checklist.formats import format_number

if TYPE_CHECKING:
    from checklist.answers.model import Value


class Part(Model):
    label: Text
    # What the part is worth when the item is scored part by part (`all_required` false).
    points: Annotated[float | None, Field(ge=0)] = None
    # A numeric part: met when the item's figure of this name is within the line.
    figure: Text | None = None
    at_least: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _figure_and_line(self) -> Part:
        lined = self.at_least is not None or self.at_most is not None
        if self.figure is not None and not lined:
            raise ValueError(
                f"条件“{self.label}”写了 figure，还须写 at_least（不少于）或 at_most（不多于）"
            )
        if lined and self.figure is None:
            raise ValueError(
                f"条件“{self.label}”写了 at_least / at_most，还须写 figure（比较哪个数字说明）"
            )
        return self

    def met_by(self, figure: float) -> bool:
        low = self.at_least if self.at_least is not None else -float("inf")
        high = self.at_most if self.at_most is not None else float("inf")
        return low - EPSILON <= figure <= high + EPSILON

    def line(self) -> str:
        """不少于 70、不多于 5: the line in words."""
        parts = []
        if self.at_least is not None:
            parts.append(f"不少于 {format_number(self.at_least)}")
        if self.at_most is not None:
            parts.append(f"不多于 {format_number(self.at_most)}")
        return "、".join(parts)


class AllOfItem(ItemBase):
    kind: Literal["all_of"]
    parts: Annotated[list[Part], Field(min_length=2)]
    # True: the item's points only when every part is met, else none (as most sheets
    # mean "…以上、…以上"); false: each part met earns its own points.
    all_required: bool = True

    label = "多项同时达到"
    condition_test = ConditionTest.INCLUDES

    @field_validator("parts")
    @classmethod
    def _parts_distinct(cls, parts: list[Part]) -> list[Part]:
        check_distinct([p.label for p in parts], "条件")
        return parts

    def findings(self) -> Iterator[Finding]:
        worth = [p.points for p in self.parts]
        if self.all_required and any(w is not None for w in worth):
            yield (
                "parts",
                "all_required = true 时整项计分，各条件不写 points；要分别计分请写 all_required = false",
            )
        if not self.all_required:
            if any(w is None for w in worth):
                yield "parts", "all_required = false 时每个条件都要写 points（该条件达到时的得分）"
            elif abs(sum(w or 0.0 for w in worth) - self.points) > EPSILON:
                yield (
                    "parts",
                    f"各条件分数之和为 {sum(w or 0.0 for w in worth):g}，应等于 points（分值）{self.points:g}",
                )
        for i, part in enumerate(self.parts):
            if part.figure is not None:
                problem = numeric_figure_problem(self.figures, part.figure, "figure")
                if problem:
                    yield ("parts", i, "figure"), problem

    def choices(self) -> dict[str, Value]:
        # Numeric parts are decided from their figures, never ticked.
        return {p.label: p.label for p in self.parts if p.figure is None}

    def blank_answer(self) -> Value | None:
        return [] if not self.choices() else None

    def value_problem(self, value: Value) -> str | None:
        # A tick of a part that is now numeric (kept from an earlier edition) is
        # ignored, as the figure decides it.
        numeric = {p.label for p in self.parts if p.figure is not None}
        kept = [v for v in value if v not in numeric] if isinstance(value, list) else value
        return several_choices_problem(self.choices(), kept)

    def words(self, value: Value, facts: Facts | None = None) -> str:
        assert isinstance(value, list)
        met = {p.label: self._met(p, value, facts) for p in self.parts}
        missing = [label for label, ok in met.items() if ok is False]
        undecided = [label for label, ok in met.items() if ok is None]
        said = []
        if missing:
            said.append("未达到：" + "、".join(missing))
        if undecided:
            said.append("待数字说明判断：" + "、".join(undecided))
        return "；".join(said) or "全部达到"

    def _met(self, part: Part, ticked: list[str], facts: Facts | None) -> bool | None:
        """Whether the part is met (None: its figure is blank)."""
        if part.figure is None:
            return part.label in ticked
        figure = facts.figures.get(part.figure) if facts is not None else None
        if not isinstance(figure, int | float):
            return None
        return part.met_by(float(figure))

    def score(self, value: Value, facts: Facts) -> float | Missing:
        ticked = value if isinstance(value, list) else []
        met = {p.label: self._met(p, ticked, facts) for p in self.parts}
        blank = [p for p in self.parts if met[p.label] is None]
        if blank:
            return Missing(
                "、".join(f"数字说明“{p.figure}”还没有数值，无法判断“{p.label}”" for p in blank)
            )
        if self.all_required:
            return self.points if all(met.values()) else 0.0
        return sum(p.points or 0.0 for p in self.parts if met[p.label])
