"""Notifications keep every character of their text, whatever lies beneath them, and
break into lines as Chinese does (prose.py: no line ends with “ or starts with ）).

Textual 8.2.8 (pinned) cuts each line of the screen wherever any widget begins or
ends, the widgets hidden beneath a notification included, and draws each piece from
the topmost widget there. A Chinese character of a notification that straddled the
edge of a widget beneath it was cut in two and drawn as two blanks: "已清  本条回答",
"再按一次 Ctrl+Q 则    存这些内容". Inside a notification the edges of what lies
beneath are no longer cuts, and each widget's line is divided from its own first
column, so that a piece is always drawn where it belongs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import cast

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets._toast import Toast

from checklist.tui.widgets.prose import broken

_textual_render_chops = Compositor._render_chops
_textual_cuts = cast(
    Callable[[Compositor], list[list[int]]],
    Compositor.cuts.fget,  # type: ignore[attr-defined]
)


def _cuts(self: Compositor) -> list[list[int]]:
    if self._cuts is not None:
        return self._cuts
    cuts = _textual_cuts(self)
    for widget, (region, clip) in self.visible_widgets.items():
        if isinstance(widget, Toast):
            x, y, width, height = region.intersection(clip)
            for line in cuts[y : y + height]:
                line[:] = [cut for cut in line if not x < cut < x + width]
    self._cuts = cuts
    return cuts


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    """Textual's Compositor._render_chops, each widget's line divided from its own first
    column and only pieces that begin at a cut kept (those beneath a notification).
    Without a notification on screen every widget begins at a cut: Textual's own, which
    is quicker (this one cost a tenth of a PgDn's drawing)."""
    if not any(isinstance(widget, Toast) for widget in self.visible_widgets):
        return _textual_render_chops(self, crop, is_rendered_line)
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for region, clip, strips in self._get_renders(crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            chops_line = chops[y]
            final_cuts = sorted({first_cut, *(c for c in cuts[y] if last_cut >= c >= first_cut)})
            pieces = strip.divide([cut - render_x for cut in final_cuts[1:]])
            # Front to back: the first piece for a cut wins.
            for cut, piece in zip(final_cuts, pieces, strict=False):
                if cut in chops_line and chops_line[cut] is None:
                    chops_line[cut] = piece
    return cast(Sequence[Mapping[int, Strip]], chops)


_textual_toast_render = Toast.render


def _toast_render(self: Toast) -> Visual:
    return broken(_textual_toast_render(self))


def install() -> None:
    """Draw notifications whole over any widget, broken into lines as prose."""
    Toast.render = _toast_render  # type: ignore[method-assign, assignment]
    Compositor.cuts = property(_cuts)  # type: ignore[method-assign, assignment]
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]
