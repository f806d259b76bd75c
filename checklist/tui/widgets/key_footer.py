"""The footer, made with its keys and rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys whenever focus moves; moving from one item's
answer widget to the next item's moves focus on every keypress, and rebuilding the
footer then cost more than showing the item. The keys shown are the same, so skip it.

Textual's Footer is also made empty, and its keys only once the screen has first
been drawn and has told it its keys (8.2.8, pinned): the whole screen was laid out
and drawn a second time for them, some 30-40 ms of the app's start. This one is
made with the keys its screen has as it is made, which are those shown once the
focus has settled (the keys of the main screen and of the app: the widgets that
take the focus show none of theirs), so the screen is drawn once with them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)
        self._shown: tuple[tuple[str, str, bool], ...] | None = None
        self.set_reactive(Footer._bindings_ready, True)  # its keys, made with it

    def compose(self) -> ComposeResult:
        self._shown = _keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # As its `compact` (bound to the footer's) will have it: given when
                # the key is mounted, the class had the key styled a second time.
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = _keys(screen)
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)


def _keys(screen: Screen[object]) -> tuple[tuple[str, str, bool], ...]:
    """What the footer shows of the screen's keys."""
    return tuple(
        (binding.key, binding.description, enabled)
        for (_, binding, enabled, _) in screen.active_bindings.values()
        if binding.show
    )
