"""A widget not yet mounted is not styled when its classes change: it is styled as
it is mounted, with the classes it has then.

Textual (8.2.8, pinned) works out a widget's styles from the whole stylesheet at once
whenever one of its classes changes, even while the widget is being made: a button or
an input made compact (Button(compact=True), Input(compact=True)) was styled in its
__init__ for its -textual-compact class, and styled again when mounted, as every
widget is (App._register). The main screen's first item made four such widgets: as
many stylings of no use before the chair could read it.
"""

from __future__ import annotations

from textual.app import App
from textual.dom import DOMNode

_textual_update_node_styles = DOMNode.update_node_styles


def _update_node_styles(self: DOMNode, animate: bool = True) -> None:
    if self._parent is None and not isinstance(self, App):
        return  # not mounted: styled as it is (App._register)
    _textual_update_node_styles(self, animate)


def install() -> None:
    """Style a node for a change of its classes only once it is mounted."""
    DOMNode.update_node_styles = _update_node_styles  # type: ignore[method-assign]
