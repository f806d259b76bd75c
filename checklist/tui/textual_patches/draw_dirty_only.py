"""A partial update of the screen draws only the widgets, and the lines of each, that
the changed parts of the screen cover.

Textual 8.2.8 (pinned) draws, for a partial update, every widget that overlaps the
rectangle around all the changed parts, each over all its lines on screen: a PgDn
changes the item pane and two lines of the tree, and the whole tree, the score bar
and the footer were drawn again (from their caches, line by line) to be thrown away,
as only the changed parts are sent to the terminal. Now a widget is drawn only if a
changed part overlaps it, and only over the lines from the first changed part it
overlaps to the last. A widget is still drawn over its whole width: the screen is
cut into pieces where widgets begin and end, and a piece must begin there.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

_textual_get_renders = Compositor._get_renders
# The changed parts of the partial update being drawn, by compositor.
_changed: dict[int, list[Region]] = {}


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """Textual's Compositor.render_partial_update, telling _get_renders what changed."""
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(update_regions).intersection(self.size.region)
    spans = list(self._regions_to_spans(update_regions))
    is_rendered_line = {y for y, _, _ in spans}.__contains__
    _changed[id(self)] = list(update_regions)
    try:
        chops = self._render_chops(crop, is_rendered_line)
    finally:
        del _changed[id(self)]
    chop_ends = [cut_set[1:] for cut_set in self.cuts]
    return ChopsUpdate(chops, spans, chop_ends)


def _get_renders(
    self: Compositor, crop: Region | None = None
) -> Iterable[tuple[Region, Region, list[Strip]]]:
    changed = _changed.get(id(self))
    if changed is None:  # the whole screen, or a part of it, drawn as Textual does
        yield from _textual_get_renders(self, crop)
        return
    for widget, (region, clip) in self.visible_widgets.items():
        visible = region.intersection(clip)  # clip: where its container shows it
        covered = [part for part in changed if part.overlaps(visible)]
        if not covered:
            continue
        # Only the lines the changed parts cover; all the widget's visible columns.
        lines = Region.from_union(covered)
        clip = clip.intersection(Region(clip.x, lines.y, clip.width, lines.height))
        x, y, width, height = region.intersection(clip)
        if width and height:
            strips = widget.render_lines(Region(x - region.x, y - region.y, width, height))
            yield region, clip, strips


def install() -> None:
    """Have partial updates draw only what their changed parts cover."""
    Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
    Compositor._get_renders = _get_renders  # type: ignore[method-assign]
