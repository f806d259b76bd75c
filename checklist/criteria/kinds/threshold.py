"""threshold: full points when the number is within min … max, none otherwise."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import ValidationInfo, field_validator, model_validator

from checklist.criteria.kinds.base import EPSILON
from checklist.criteria.kinds.number import NumberItemBase


class ThresholdItem(NumberItemBase):
    kind: Literal["threshold"]
    min: float | None = None
    max: float | None = None

    label = "数值达标"
    all_or_nothing = True

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

    def points_for(self, number: float) -> float:
        low = self.min if self.min is not None else -math.inf
        high = self.max if self.max is not None else math.inf
        return self.points if low - EPSILON <= number <= high + EPSILON else 0.0
