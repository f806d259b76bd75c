"""What the kinds answered with a number share (threshold, count, steps)."""

from __future__ import annotations

import math
from abc import abstractmethod
from typing import TYPE_CHECKING, ClassVar

from checklist.criteria.base import PROFILE_FIGURES, ProfileFigure
from checklist.criteria.kinds.base import ConditionTest, Facts, ItemBase
from checklist.formats import PERCENT_OVER_100, format_number, read_number

if TYPE_CHECKING:
    from checklist.answers.model import Value


class NumberItemBase(ItemBase):
    unit: str = ""
    from_profile: ProfileFigure | None = None

    condition_test = ConditionTest.NUMBER
    whole: ClassVar[bool] = False  # whether only whole numbers are typed

    @property
    def profile_figure(self) -> str | None:
        return self.from_profile

    def parse(self, text: str) -> Value:
        return read_number(text, whole=self.whole, percent=self.unit == "%")

    def value_problem(self, value: Value) -> str | None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return "应填写数字"
        if value < 0:
            return "不能是负数"
        return PERCENT_OVER_100 if self.unit == "%" and value > 100 else None

    def words(self, value: Value, facts: Facts | None = None) -> str:
        assert isinstance(value, int | float)
        return f"{format_number(value)}{self.unit}"

    def figure_words(self, figure: float) -> str:
        # 积极分子占比（%）→ 积极分子占比 22.04%: the unit follows the number, once.
        assert self.from_profile is not None
        name = PROFILE_FIGURES[self.from_profile].removesuffix(f"（{self.unit}）")
        return f"{name} {self.words(figure)}"

    def score(self, value: Value, facts: Facts) -> float:
        assert isinstance(value, int | float)
        return self.points_for(float(value))

    @abstractmethod
    def points_for(self, number: float) -> float:
        """Points the number earns."""
