"""all_of: several conditions asked at once ("集体合同履约满意率90%以上、劳动合同签订率
95%以上"), each met or not; all-or-nothing, or each part worth its own points."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, field_validator

from checklist.criteria.base import Model, Text, check_distinct
from checklist.criteria.kinds.base import EPSILON, ConditionTest, Facts, Finding, ItemBase
from checklist.criteria.kinds.choosing import several_choices_problem

if TYPE_CHECKING:
    from checklist.answers.model import Value


class Part(Model):
    label: Text
    # What the part is worth when the item is scored part by part (`all_required` false).
    points: Annotated[float | None, Field(ge=0)] = None


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

    def choices(self) -> dict[str, Value]:
        return {p.label: p.label for p in self.parts}

    def value_problem(self, value: Value) -> str | None:
        return several_choices_problem(self.choices(), value)

    def words(self, value: Value, facts: Facts | None = None) -> str:
        assert isinstance(value, list)
        missing = [p.label for p in self.parts if p.label not in value]
        return "全部达到" if not missing else "未达到：" + "、".join(missing)

    def score(self, value: Value, facts: Facts) -> float:
        met = value if isinstance(value, list) else []
        if self.all_required:
            return self.points if all(p.label in met for p in self.parts) else 0.0
        return sum(p.points or 0.0 for p in self.parts if p.label in met)
