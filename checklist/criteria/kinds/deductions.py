"""deductions: the requirements in place; each one missing deducts its points."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, field_validator

from checklist.criteria.base import Condition, Model, Text, check_distinct
from checklist.criteria.kinds.base import Facts, ItemBase
from checklist.criteria.kinds.choosing import several_choices_problem

if TYPE_CHECKING:
    from checklist.answers.model import Value


class Deduction(Model):
    label: Text
    deduct: Annotated[float, Field(gt=0)]
    # The requirement applies only when this holds ("女会员10名以上建女职委"): when it
    # does not, nothing is deducted for it and the unit is not asked about it.
    when: Condition | None = None


class DeductionsItem(ItemBase):
    kind: Literal["deductions"]
    options: Annotated[list[Deduction], Field(min_length=1)]

    label = "缺项扣分"
    condition_test = None

    @field_validator("options")
    @classmethod
    def _options_distinct(cls, options: list[Deduction]) -> list[Deduction]:
        check_distinct([o.label for o in options], "扣分项")
        return options

    def choices(self) -> dict[str, Value]:
        return {o.label: o.label for o in self.options}

    @cached_property
    def labels(self) -> frozenset[str]:
        """The requirements' labels (what checking an answer looks up)."""
        return frozenset(o.label for o in self.options)

    def value_problem(self, value: Value) -> str | None:
        return several_choices_problem(self.labels, value)

    def options_when(self) -> dict[str, Condition]:
        return {o.label: o.when for o in self.options if o.when is not None}

    def words(self, value: Value, facts: Facts | None = None) -> str:
        assert isinstance(value, list)
        missing = [
            o.label
            for o in self.options
            if o.label not in value and (facts is None or o.when is None or facts.holds(o.when))
        ]
        return "全部具备" if not missing else "缺：" + "、".join(missing)

    def score(self, value: Value, facts: Facts) -> float:
        met = value if isinstance(value, list) else []
        lost = sum(
            o.deduct
            for o in self.options
            if o.label not in met and (o.when is None or facts.holds(o.when))
        )
        return max(0.0, self.points - lost)
