"""count: `each` points for every time something was done, up to the item's points."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from checklist.criteria.kinds.base import EPSILON
from checklist.criteria.kinds.number import NumberItemBase


class CountItem(NumberItemBase):
    kind: Literal["count"]
    each: Annotated[float, Field(gt=0)]
    unit: str = "次"

    label = "按次数计分"
    whole = True  # a count of times is whole: 2.5 次 was accepted and scored

    @field_validator("each")
    @classmethod
    def _each_within_points(cls, each: float, info: ValidationInfo) -> float:
        points = info.data.get("points")
        if points is not None and each > points:
            raise ValueError(f"each（每次得分）{each:g} 不能大于 points（分值）{points:g}")
        return each

    def points_for(self, number: float) -> float:
        return min(self.points, math.floor(number + EPSILON) * self.each)
