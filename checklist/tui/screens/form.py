"""A dialog whose typed text is not saved until it is confirmed (the 不适用 reason,
an evidence entry, a rectification row): quitting asks before throwing it away."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.screen import ModalScreen
from textual.widgets import Input, Select

T = TypeVar("T")


class Form(ModalScreen[T]):
    """A modal dialog of inputs; `edited` says whether any differs from how it opened."""

    def on_mount(self) -> None:
        self._opened_with = self._values()

    def edited(self) -> bool:
        return self._values() != getattr(self, "_opened_with", None)

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {f"{field.id}": field.value for field in self.query(Input)}
        values |= {f"{choice.id}": choice.value for choice in self.query(Select)}
        return values
