"""multi_choice: any number of options, their points added up to the item's points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from checklist.criteria.kinds.base import ConditionTest, Facts
from checklist.criteria.kinds.choice import ChoiceItemBase
from checklist.criteria.kinds.choosing import several_choices_problem

if TYPE_CHECKING:
    from checklist.answers.model import Value


class MultiChoiceItem(ChoiceItemBase):
    kind: Literal["multi_choice"]

    label = "多选"
    condition_test = ConditionTest.INCLUDES
    best_name = "全部选项合计"

    def best(self) -> float:
        return sum(o.points for o in self.options)

    def value_problem(self, value: Value) -> str | None:
        return several_choices_problem(self.option_points, value)

    def words(self, value: Value, facts: Facts | None = None) -> str:
        assert isinstance(value, list)
        # A tick kept on an option that does not apply to the unit is not counted: not said.
        offered = {
            o.label for o in self.options if facts is None or o.when is None or facts.holds(o.when)
        }
        chosen = [label for label in value if label in offered]
        return "、".join(chosen) if chosen else "均未选择"

    def score(self, value: Value, facts: Facts) -> float:
        """The chosen options' points up to the item's points. Options whose `when`
        does not hold are neither offered nor counted; when the others cannot reach
        the item's points, their points are scaled up to it (as 不适用 items are)."""
        chosen = value if isinstance(value, list) else []
        offered = [o for o in self.options if o.when is None or facts.holds(o.when)]
        reachable = min(self.points, sum(o.points for o in offered))
        earned = min(reachable, sum(o.points for o in offered if o.label in chosen))
        return earned * self.points / reachable if reachable else self.points
