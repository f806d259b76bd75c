"""While a screen changes many of its widgets at once, their wake-up messages are held
back, and sent afterwards only to those that still need one.

Textual 8.2.8 (pinned) has a widget that is refreshed, or given something to call
next, post itself a Prompt message when its queue is empty, so that it wakes up, finds
itself idle and hands its refresh to the screen. A PgDn refreshes some twenty widgets
and the screen then hands every widget's refresh over itself (ItemStepping.show_item):
each Prompt still went through the widget's queue, its handlers and an Idle event,
only to find nothing left to do (about 0.05 ms each).

Within `held(screen)`, a widget of that screen that asks for a Prompt is noted instead.
At the end, once the screen has handed over the refreshes, a Prompt goes to those
that still need one: a widget of another screen, one with a callback waiting to be
called next, or one whose class does more when idle than hand over its refresh.

`hand_over(screen)` has the widgets that asked for a refresh hand it to the screen as
Textual's Widget._check_refresh does, the screen taking each at once as its handlers
of the Update and Layout messages would: some twenty messages a PgDn fewer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from textual import messages
from textual.dom import NoScreen
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget

_textual_check_idle = MessagePump.check_idle
_held: list[set[Widget]] = []  # the widgets noted, innermost `held` last


def _check_idle(self: MessagePump) -> None:
    if _held and isinstance(self, Widget) and not isinstance(self, Screen):
        _held[-1].add(self)
    else:
        _textual_check_idle(self)


def _idle_is_refresh(widget: Widget) -> bool:
    """Whether being idle, for the widget, is handing over its refresh, and no more."""
    kind = type(widget)
    return kind._on_idle is Widget._on_idle and not hasattr(kind, "on_idle")


@contextmanager
def held(screen: Screen[Any]) -> Iterator[set[Widget]]:
    """Hold back the Prompts of `screen`'s widgets; the caller has every widget of the
    screen hand over its refresh (Widget._check_refresh) before the block ends."""
    noted: set[Widget] = set()
    _held.append(noted)
    try:
        yield noted
    finally:
        _held.remove(noted)
        for widget in noted:
            if widget._next_callbacks or not _idle_is_refresh(widget) or not _on(widget, screen):
                _textual_check_idle(widget)


def _on(widget: Widget, screen: Screen[Any]) -> bool:
    """Whether `widget` is one of `screen`'s."""
    try:
        return widget.screen is screen
    except NoScreen:
        return False


def install() -> None:
    """Let `held` hold back Prompts (see above)."""
    MessagePump.check_idle = _check_idle  # type: ignore[method-assign]


def hand_over(screen: Screen[Any]) -> None:
    """Every widget of `screen` that asked for a refresh hands it to the screen (see
    above): Textual's Widget._check_refresh, with Screen._on_update and
    Screen._on_layout done at once for the messages it would post."""
    for widget in screen.walk_children(Widget):
        if widget._closing:
            continue  # as Textual's: a widget being removed hands nothing over
        if widget._refresh_styles_required:
            widget._refresh_styles_required = False
            widget.call_later(widget.update_node_styles)
        if widget._scroll_required:
            widget._scroll_required = False
            if not widget._layout_required:
                if widget.styles.keyline[0] != "none":
                    widget._set_dirty()
                screen.post_message(messages.UpdateScroll())
        if widget._repaint_required:
            widget._repaint_required = False
            if widget.display and screen in screen._compositor:
                screen._dirty_widgets.add(widget)
        if widget._layout_required:
            widget._layout_required = False
            for ancestor in widget.ancestors:
                if not isinstance(ancestor, Widget):
                    break
                ancestor._clear_arrangement_cache()
                ancestor._layout_updates += 1
                if not ancestor.styles.auto_dimensions:
                    break
            _take_layout(screen, widget)


def _take_layout(screen: Screen[Any], widget: Widget) -> None:
    """Screen._on_layout for a Layout message of `widget`'s."""
    layout_required = False
    node: Widget = widget
    for ancestor in widget.ancestors:
        if not isinstance(ancestor, Widget):
            break
        if ancestor not in screen._layout_widgets:
            screen._layout_widgets[ancestor] = set()
        if node not in screen._layout_widgets:
            screen._layout_widgets[ancestor].add(node)
            layout_required = True
        if not ancestor.styles.auto_dimensions:
            break
        node = ancestor
    if layout_required:
        screen._layout_required = True
