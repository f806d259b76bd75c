"""One layout per change of the screen, not two.

Textual 8.2.8 (pinned) lays the screen out, then tells each widget whose size
changed its new size through a reactive that asks for a layout again: every change
of item (the texts change height) laid the whole screen out twice and drew it twice.
Only a widget that scrolls needs to hear of it (its scrollbars may come or go, which
does change the layout): Textual's own scrolling path already updates sizes without
a new layout, and scrollbars that come or go still ask for one themselves.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget

_textual_size_updated = Widget._size_updated


def _size_updated(
    self: Widget, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
) -> bool:
    return _textual_size_updated(self, size, virtual_size, container_size, layout=False)


def install() -> None:
    """Make widgets take their new size without asking for another layout."""
    Widget._size_updated = _size_updated  # type: ignore[method-assign]
