"""A widget that gains or loses the focus takes the styles it had the last time it
was in that state, instead of having them worked out anew from the stylesheet.

Textual 8.2.8 (pinned) matches every rule of the stylesheet against the widget, its
descendants and each of its component classes (an input has four, a selection list
nine) whenever its focus changes: 0.7–1.4 ms for one input. A PgDn to an item of
another kind moves the focus from one answer widget to another, so it paid that
twice. The styles a focus change brings depend on nothing else: the first time a
widget is focused (or blurred) they are worked out by Textual and kept; later changes
of focus reuse them until anything else restyles the widget or one of those below it
(a class added, the theme or the stylesheet changed, a hover or a disabled ancestor),
after which Textual works them out again.
"""

from __future__ import annotations

from itertools import count
from typing import Any, cast
from weakref import WeakKeyDictionary

from textual._context import NoActiveAppError
from textual.app import App
from textual.css.styles import RenderStyles, RulesMap
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widget import Widget

_textual_apply = Stylesheet.apply

# The number of each node's last styling other than for a change of focus, counted
# over all nodes: a node made later never has the number of one gone.
_stylings: WeakKeyDictionary[DOMNode, int] = WeakKeyDictionary()
_styling_numbers = count(1)
_focus_styling = False  # Textual is styling a widget for a change of its focus

Styled = tuple[RulesMap, dict[str, RenderStyles]]  # a node's rules and component styles
# For a node and its own state of focus: what Textual styled for it then (the
# stylesheet's rules, each node styled with the count of its stylings, its parent and
# classes as they were), and the styles each node was given.
_kept: WeakKeyDictionary[Widget, dict[bool, tuple[object, list[Any], list[Styled]]]] = (
    WeakKeyDictionary()
)


def _apply(
    self: Stylesheet,
    node: DOMNode,
    *,
    animate: bool = False,
    cache: dict[tuple[Any, ...], RulesMap] | None = None,
) -> None:
    if not _focus_styling:
        _stylings[node] = next(_styling_numbers)
    _textual_apply(self, node, animate=animate, cache=cache)


def _styled_nodes(widget: Widget) -> list[DOMNode]:
    """The nodes Textual styles when `widget`'s focus changes (Stylesheet.update_nodes
    of the widget and its descendants, with their scrollbars)."""
    nodes: list[DOMNode] = []
    for node in widget.walk_children(with_self=True):
        nodes.append(node)
        if isinstance(node, Widget) and node.is_scrollable:
            vertical = node.show_vertical_scrollbar and node.scrollbar_size_vertical
            horizontal = node.show_horizontal_scrollbar and node.scrollbar_size_horizontal
            if vertical:
                nodes.append(node.vertical_scrollbar)
            if horizontal:
                nodes.append(node.horizontal_scrollbar)
            if vertical and horizontal:
                nodes.append(node.scrollbar_corner)
    return nodes


def _signature(nodes: list[DOMNode]) -> list[Any]:
    # Ids, not the nodes: what is kept must not keep a removed widget alive.
    return [
        (id(node), _stylings.get(node, 0), id(node._parent), frozenset(node._classes))
        for node in nodes
    ]


def _keepable(nodes: list[DOMNode]) -> bool:
    """Styles that depend on more than the focus (a node's place among its siblings,
    the focus of another widget) are always worked out anew."""
    return not any(
        node._has_order_style or node._has_odd_or_even or node._has_focus_within for node in nodes
    )


def _watch_has_focus(self: Widget, _has_focus: bool) -> None:
    has_focus = _has_focus
    global _focus_styling
    try:
        app: App[Any] = self.app
    except NoActiveAppError:
        return  # as Textual's own: no app, nothing to style
    stylesheet = app.stylesheet
    rules = stylesheet.rules
    nodes = _styled_nodes(self)
    signature = _signature(nodes)
    kept = _kept.get(self, {}).get(has_focus)
    if kept is not None and kept[0] is rules and kept[1] == signature:
        for node, (node_rules, components) in zip(nodes, kept[2], strict=True):
            Stylesheet.replace_rules(node, cast(RulesMap, dict(node_rules)), animate=True)
            if node._component_styles != components:
                node._component_styles = dict(components)
                node.refresh()
        return
    _focus_styling = True
    try:
        stylesheet.update_nodes(self.walk_children(with_self=True), animate=True)
    finally:
        _focus_styling = False
    if _keepable(nodes):
        styled: list[Styled] = [
            (cast(RulesMap, dict(node.styles.base._rules)), dict(node._component_styles))
            for node in nodes
        ]
        _kept.setdefault(self, {})[has_focus] = (rules, _signature(nodes), styled)
    else:
        _kept.pop(self, None)


def prepare(widget: Widget) -> None:
    """Have Textual work out now, and keep, the styles of `widget` (not focused) with the
    focus and without it: its first focus then costs what later ones do. For widgets
    made ahead, hidden, while the chair reads; its focus itself does not change (the
    watchers of `has_focus` are not called: a text area's move the terminal cursor)."""
    if widget.has_focus or not widget.is_attached:
        return
    for state in (True, False):
        widget.set_reactive(Widget.has_focus, state)
        _watch_has_focus(widget, state)


def install() -> None:
    """Keep the styles of each state of focus of a widget (see above)."""
    Stylesheet.apply = _apply  # type: ignore[method-assign]
    Widget.watch_has_focus = _watch_has_focus  # type: ignore[method-assign]
