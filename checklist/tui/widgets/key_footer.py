"""The footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys whenever focus moves; moving from one item's
answer widget to the next item's moves focus on every keypress, and rebuilding the
footer then cost more than showing the item. The keys shown are the same, so skip it.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)
        self._shown: tuple[tuple[str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled)
            for (_, binding, enabled, _) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)
