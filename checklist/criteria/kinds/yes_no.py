"""yes_no: 是 earns the item's points, 否 none."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from checklist.criteria.kinds.base import ConditionTest, Facts, ItemBase

if TYPE_CHECKING:
    from checklist.answers.model import Value


class YesNoItem(ItemBase):
    kind: Literal["yes_no"]

    label = "是/否"
    all_or_nothing = True
    condition_test = ConditionTest.IS_BOOL

    def choices(self) -> dict[str, Value]:
        return {"是": True, "否": False}

    def value_problem(self, value: Value) -> str | None:
        return None if isinstance(value, bool) else "应回答 是 或 否"

    def words(self, value: Value, facts: Facts | None = None) -> str:
        return "是" if value else "否"

    def score(self, value: Value, facts: Facts) -> float:
        return self.points if value is True else 0.0
