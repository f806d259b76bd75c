"""One layout per change of the screen, not two, and scrollbars drawn when they change.

Textual 8.2.8 (pinned) lays the screen out, then tells each widget whose size
changed its new size through a reactive that asks for a layout again: every change
of item (the texts change height) laid the whole screen out twice and drew it twice.
Only a widget that scrolls needs to hear of it (its scrollbars may come or go, which
does change the layout): Textual's own scrolling path already updates sizes without
a new layout, and scrollbars that come or go still ask for one themselves.

A scroll view (the item tree, a text area, an option list) sizes its own content;
the compositor passes it the size of its window as the "virtual size", and Textual
compares that with the content's size: they differ whenever there is something to
scroll, so each layout of the screen redrew the tree's scrollbar, line by line. The
scroll view here updates its scrollbars when its size, its window or its content's
size has changed since they were last updated.

A screen is told the terminal's size several times as the app starts (the driver,
the app and the test pilot each say it), and Textual laid the whole screen out again
at each, though its size was the one it had just been laid out at (the app's start
laid its first screen out four times). A screen told the size it is laid out at
keeps its layout: what changed within it asks for a layout of its own.

A widget changed asks for a layout when it is next idle, after the screen may have
laid itself out in full already, with the change: the first screen, laid out once
shown, was laid out a second time for the fourteen widgets that had been filled
before it was shown. What was asked before a screen lays itself out in full is done
by that layout: a request the screen reads after it (a Layout message sent before
it) asks for nothing more. And a screen shown, laid out and drawn in full for it, is
not drawn in full a second time just after (Textual asks for that, as for a screen
shown again at the size it had, which is not laid out), nor again in part for the
widgets that asked to be drawn before or during its first layout (a scroll view
finding its size), which the drawing after it drew all.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from textual import events, messages
from textual._time import get_time
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget

_textual_size_updated = Widget._size_updated
_textual_scroll_view_size_updated = ScrollView._size_updated
_textual_screen_resized = Screen._screen_resized
_textual_refresh_layout = Screen._refresh_layout
_textual_on_layout = Screen._on_layout
_textual_on_update = Screen._on_update
_textual_on_screen_resume = Screen._on_screen_resume
# Each scroll view's content size when its scrollbars were last updated.
_scrollbars_content: WeakKeyDictionary[ScrollView, Size] = WeakKeyDictionary()
# When each screen last began a layout in full, and its first.
_laid_out: WeakKeyDictionary[Screen[Any], float] = WeakKeyDictionary()
_first_laid_out: WeakKeyDictionary[Screen[Any], float] = WeakKeyDictionary()


def _size_updated(
    self: Widget, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
) -> bool:
    changed = _textual_size_updated(self, size, virtual_size, container_size, layout=False)
    _draw_scrollbars_now(self)
    return changed


def _scroll_view_size_updated(
    self: ScrollView, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
) -> bool:
    content = self.virtual_size
    if _scrollbars_content.get(self) == content:
        virtual_size = content  # the same content as last time: not a change
    _scrollbars_content[self] = content
    changed = _textual_scroll_view_size_updated(self, size, virtual_size, container_size, layout)
    _draw_scrollbars_now(self)
    return changed


def _draw_scrollbars_now(widget: Widget) -> None:
    """Have the scrollbars the new size changed drawn with the layout that sized them.

    The screen tells each widget its size after laying the screen out and before
    drawing it; a scrollbar whose thumb moved asks to be drawn when next idle, and
    was drawn in a second frame of its own (a PgDn to an item of another height).
    One that is on screen already is drawn now, with the rest."""
    compositor = widget.screen._compositor
    for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar):
        if bar is not None and bar._repaint_required and bar in compositor.visible_widgets:
            compositor.update_widgets({bar})
            bar._repaint_required = False


def _screen_resized(self: Screen[Any], size: Size) -> None:
    if size == self._compositor.size and self._compositor.root is not None:
        return  # laid out at this size already
    _textual_screen_resized(self, size)


def _refresh_layout(self: Screen[Any], size: Size | None = None, scroll: bool = False) -> None:
    if not scroll or self._layout_widgets:  # Textual's full layout, not a scroll's
        self._layout_required = False  # what was asked is done now
        _laid_out[self] = get_time()
        if self not in _first_laid_out and self.is_current and not self.app._batch_count:
            # The screen's first layout, and its drawing in full right after.
            _first_laid_out[self] = _laid_out[self]
            _textual_refresh_layout(self, size, scroll)
            for widget in self.walk_children(Widget):
                widget._repaint_required = False  # drawn, as asked before and during
                for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar):
                    if bar is not None:
                        bar._repaint_required = False  # its scrollbars too
            return
    _textual_refresh_layout(self, size, scroll)


async def _on_layout(self: Screen[Any], message: messages.Layout) -> None:
    if message.time < _laid_out.get(self, float("-inf")):
        message.stop()  # as Textual's handler does with the message
        message.prevent_default()
        return  # asked before the layout in full that did it
    await _textual_on_layout(self, message)


async def _on_update(self: Screen[Any], message: messages.Update) -> None:
    if message.time < _first_laid_out.get(self, float("-inf")):
        message.stop()  # as Textual's handler does with the message
        message.prevent_default()
        return  # asked before the screen's first layout, which drew every widget
    await _textual_on_update(self, message)


def _on_screen_resume(self: Screen[Any], event: events.ScreenResume) -> None:
    laid_out = _laid_out.get(self)
    _textual_on_screen_resume(self, event)
    if _laid_out.get(self) != laid_out and self.is_current:
        self._repaint_required = False  # laid out and drawn in full just now


def install() -> None:
    """Make widgets take their new size without asking for another layout, scroll
    views update their scrollbars only when something changed, and screens lay
    themselves out on a resize only to another size, and once for what their
    widgets asked before a layout in full."""
    Widget._size_updated = _size_updated  # type: ignore[method-assign]
    ScrollView._size_updated = _scroll_view_size_updated  # type: ignore[method-assign]
    Screen._screen_resized = _screen_resized  # type: ignore[method-assign]
    Screen._refresh_layout = _refresh_layout  # type: ignore[method-assign]
    Screen._on_layout = _on_layout  # type: ignore[method-assign]
    Screen._on_update = _on_update  # type: ignore[method-assign]
    Screen._on_screen_resume = _on_screen_resume  # type: ignore[method-assign]
