"""steps: full points at `target`; every `step` short of it deducts `deduct` points."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from checklist.criteria.kinds.base import EPSILON
from checklist.criteria.kinds.number import NumberItemBase


class StepsItem(NumberItemBase):
    kind: Literal["steps"]
    target: float
    step: Annotated[float, Field(gt=0)]
    deduct: Annotated[float, Field(gt=0)]
    zero_below: float | None = None
    # A shortfall that is not a whole `step`: "counts" as a step (每少2%扣0.5分: 1%
    # short deducts 0.5) or is "ignored" (only whole steps deduct). Unset: counts.
    partial_step: Literal["counts", "ignored"] | None = None

    label = "按差距扣分"
    LATER_FIELDS = NumberItemBase.LATER_FIELDS | {"partial_step"}

    @field_validator("zero_below")
    @classmethod
    def _floor_below_target(cls, floor: float | None, info: ValidationInfo) -> float | None:
        target = info.data.get("target")
        if floor is not None and target is not None and floor > target:
            raise ValueError("zero_below（不得分线）不能高于 target（目标值）")
        return floor

    def points_for(self, number: float) -> float:
        if number >= self.target - EPSILON:
            return self.points
        if self.zero_below is not None and number < self.zero_below - EPSILON:
            return 0.0
        short = (self.target - number) / self.step
        if self.partial_step == "ignored":
            steps = math.floor(short + EPSILON)
        else:
            steps = math.ceil(short - EPSILON)
        return max(0.0, self.points - steps * self.deduct)
