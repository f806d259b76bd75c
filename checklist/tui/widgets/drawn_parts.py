"""For a widget that draws in one line what were several widgets side by side (the
footer's keys, the score bar's labels and progress bar): each part drawn as Textual
(8.2.8, pinned) drew it as a widget of its own, and the blanks between them as the
container drew its background, so that the line reaching the terminal is the same,
cell by cell and run by run (the snapshots compare the runs of a line too).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.css.types import AlignHorizontal
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget


def part_lines(
    widget: Widget,
    visual: Visual,
    width: int,
    height: int | None = 1,
    *,
    align: AlignHorizontal = "left",
) -> list[Strip]:
    """`visual` drawn as a widget `width` cells wide with no padding and the looks of
    `widget` would draw it (Widget._render_content: Visual.to_strips with the widget's
    style, and its content-align-horizontal `align`), each line made `width` cells
    long as the widget's StylesCache made it."""
    strips = Visual.to_strips(widget, visual, width, height, widget.visual_style)
    if align != "left":
        # As Visual.to_strips aligns a widget's content.
        style = (widget.visual_style + Style(reverse=False)).rich_style
        strips = list(Strip.align(strips, style, width, len(strips), align, "top"))
    blank = blank_style(widget)
    return [strip.adjust_cell_length(width, blank) for strip in strips]


def blank_style(widget: Widget) -> RichStyle:
    """The style of the blanks of a container with the looks of `widget` around its
    children (its StylesCache's inner style: the background alone)."""
    base_background, background = widget.background_colors
    return Style(background=base_background + background).rich_style


def blank(widget: Widget, width: int) -> Strip:
    """`width` cells of the blank between parts."""
    return Strip([Segment(" " * width, blank_style(widget))], width)
