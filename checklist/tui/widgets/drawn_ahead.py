"""A widget's lines drawn in full (content, background, padding, as Textual draws
them) before it shows them, so that showing them later costs a look-up.

Textual (8.2.8, pinned) draws a widget whose content changed line by line as the
screen is drawn: each line from the content, then the widget's background, padding
and effects (its StylesCache). For the item pane, whose every line changes at each
PgDn, that is a tenth of the press; the lines of the item the chair will likely go to
next can be drawn while the chair reads the one shown.

`styled_lines` draws lines as the StylesCache would (Textual's own code, called with
the widget's styles, at a given size); `DrawnLines` keeps them with what they depend
on, `KeptDrawings` keeps the last few, and `lines_for` hands out the part of them the screen asks for. A widget drawing
ahead is a `DrawsAhead`: it counts the changes of its styles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual._styles_cache import StylesCache
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class DrawsAhead(Widget):
    """A widget that draws lines ahead: it knows when its styles changed. Named after
    the widget's own base class (`class ItemHead(Prose, DrawsAhead)`): Textual takes
    a widget's CSS type names and default styles from its first bases only."""

    styles_changed = 0  # how many times its styles changed

    def notify_style_update(self) -> None:
        self.styles_changed += 1
        super().notify_style_update()


def looks_of(widget: DrawsAhead) -> tuple[object, ...]:
    """What, besides its content and size, the widget's drawn lines depend on (the
    colours of what is beneath it too)."""
    app = widget.app
    return (
        widget.styles_changed,
        widget.get_pseudo_class_state(),  # focus, hover, disabled: styles of their own
        widget.background_colors,
        widget.opacity,
        app.ansi_theme,
        app.native_ansi_color,
    )


@dataclass
class DrawnLines:
    """Lines drawn at `size` with `looks` (see looks_of)."""

    size: Size
    looks: tuple[object, ...]
    strips: list[Strip]

    def fits(self, widget: DrawsAhead, size: Size) -> bool:
        return self.size == size and self.looks == looks_of(widget)


class KeptDrawings(dict[tuple[object, ...], DrawnLines]):
    """A widget's last few drawings, by what they show (the most recent last)."""

    def __init__(self, kept: int) -> None:
        super().__init__()
        self.kept = kept

    def drawing(
        self,
        widget: DrawsAhead,
        key: tuple[object, ...],
        size: Size,
        draw: Callable[[], DrawnLines],
    ) -> DrawnLines:
        """The drawing kept under `key`, if it fits `size`; else `draw()`, kept."""
        drawn = self.pop(key, None)
        if drawn is None or not drawn.fits(widget, size):
            drawn = draw()
        self[key] = drawn
        while len(self) > self.kept:
            del self[next(iter(self))]
        return drawn


def styled_lines(
    widget: DrawsAhead, size: Size, content_line: Callable[[int], Strip]
) -> DrawnLines:
    """All the lines of `widget` at `size` (its region's: border and padding included),
    the content's from `content_line`, drawn as Textual draws them (StylesCache.
    render_widget, but at a size of our choosing: the widget's own once shown)."""
    styles = widget.styles
    base_background, background = widget.background_colors
    app = widget.app
    strips = StylesCache().render(
        styles,
        size,
        base_background,
        background,
        content_line,
        [],  # the app's line filters are applied as the lines are shown (lines_for)
        None,  # no border titles: the widgets drawn ahead have no border
        None,
        content_size=size - styles.gutter.totals,
        padding=styles.padding,
        crop=size.region,
        opacity=widget.opacity,
        ansi_theme=app.ansi_theme,
        native_ansi=app.native_ansi_color,
    )
    return DrawnLines(size, looks_of(widget), strips)


def lines_for(widget: Widget, drawn: DrawnLines, crop: Region) -> list[Strip]:
    """The lines of `drawn` in `crop`, as Widget.render_lines would return them."""
    strips = drawn.strips[crop.y : crop.bottom]
    filters = widget.get_line_filters()
    if filters:
        background = widget.background_colors[1]
        for line_filter in filters:
            strips = [strip.apply_filter(line_filter, background) for strip in strips]
    if crop.column_span != (0, drawn.size.width):
        strips = [strip.crop(crop.x, crop.right) for strip in strips]
    return strips
