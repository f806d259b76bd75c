"""text: a written account; not scored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from checklist.criteria.kinds.base import Facts, ItemBase

if TYPE_CHECKING:
    from checklist.answers.model import Value


class TextItem(ItemBase):
    kind: Literal["text"]
    points: Annotated[float, Field(ge=0, le=0)] = 0

    label = "文字说明"
    condition_test = None

    @property
    def scored(self) -> bool:
        return False

    def value_problem(self, value: Value) -> str | None:
        return None if isinstance(value, str) else "应填写文字"

    def words(self, value: Value, facts: Facts | None = None) -> str:
        return str(value)

    def score(self, value: Value, facts: Facts) -> float:
        return 0.0
