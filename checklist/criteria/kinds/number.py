"""What the kinds answered with a number share (threshold, count, steps)."""

from __future__ import annotations

import math
from abc import abstractmethod
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from pydantic import model_validator

from checklist.criteria.base import PROFILE_FIGURES, ProfileFigure, Text
from checklist.criteria.figures import FigureValue, numeric_figure_problem
from checklist.criteria.kinds.base import ConditionTest, Facts, Finding, ItemBase
from checklist.formats import PERCENT_OVER_100, format_number, percent_text, read_number

if TYPE_CHECKING:
    from checklist.answers.model import Value

# The profile's figures that are computed percentages (printed as every rate is).
_PROFILE_RATES = frozenset({"membership_rate", "activist_rate"})


class NumberItemBase(ItemBase):
    unit: str = ""
    from_profile: ProfileFigure | None = None
    # The item's own figure it is scored on (入会率 = 会员数 ÷ 职工数), so that nothing
    # is typed twice.
    from_figure: Text | None = None

    condition_test = ConditionTest.NUMBER
    whole: ClassVar[bool] = False  # whether only whole numbers are typed
    LATER_FIELDS = ItemBase.LATER_FIELDS | {"from_figure"}

    @model_validator(mode="after")
    def _one_source(self) -> NumberItemBase:
        if self.from_profile is not None and self.from_figure is not None:
            raise ValueError("from_profile（取自基本情况）和 from_figure（取自数字说明）只能写一个")
        return self

    @property
    def profile_figure(self) -> str | None:
        return self.from_profile

    @property
    def own_figure(self) -> str | None:
        return self.from_figure

    def findings(self) -> Iterator[Finding]:
        if self.from_figure is not None:
            problem = numeric_figure_problem(self.figures, self.from_figure, "from_figure")
            if problem:
                yield "from_figure", problem

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

    def figure_words(self, figure: FigureValue) -> str:
        # 积极分子占比（%）→ 积极分子占比 22.0%: the unit follows the number, once; a
        # computed percentage is printed as every rate is.
        assert isinstance(figure, int | float)
        if self.from_figure is not None:
            taken = self.figure_named(self.from_figure)
            computed = taken is not None and taken.rate is not None
            shown = percent_text(figure) if computed else self.words(figure)
            return f"{self.from_figure} {shown}"
        assert self.from_profile is not None
        name = PROFILE_FIGURES[self.from_profile].removesuffix(f"（{self.unit}）")
        shown = percent_text(figure) if self.from_profile in _PROFILE_RATES else self.words(figure)
        return f"{name} {shown}"

    def score(self, value: Value, facts: Facts) -> float:
        assert isinstance(value, int | float)
        return self.points_for(float(value))

    @abstractmethod
    def points_for(self, number: float) -> float:
        """Points the number earns."""
