"""工作情况和数字说明 of the item shown: one row per figure, its name, and beside it its
input, or what is shown instead of one (a figure not typed: its value and where it
comes from), and beside an input what is wrong with the text typed.

One widget draws every name and side text; the inputs are its only children, placed
by its own layout where the row puts them. As three widgets to a row in a row
container, the figures took more than a third of every PgDn's layout and drawing
on the shipped standard (most of its items have two or three figures).

The geometry is the one the rows had as Textual laid them out: the name takes 40 %
of the width, the side text as much as it needs up to 60 %, the input the rest.
Names and side texts break as Chinese prose does (prose.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.geometry import NULL_OFFSET, NULL_SPACING, Region, Size
from textual.layout import ArrangeResult, Layout, WidgetPlacement
from textual.widget import Widget

from checklist.criteria.figures import Figure, FigureValue
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.prose import break_lines

NAME_SHARE = Fraction(40, 100)  # of the width, for the names
SIDE_SHARE = Fraction(60, 100)  # at most, for a side text


class FigureInput(LineInput):
    """The input of one figure, reused from item to item (see ItemDetail.show).

    A typed figure accepts its type only: text that does not read as it is marked, and
    kept as typed (the item then needs review), never dropped."""

    def __init__(self) -> None:
        super().__init__(classes="figure-input", compact=True)
        self.item_id = ""
        self.name_ = ""
        self.figure: Figure | None = None
        # The text shown when the item was shown, and the value saved then.
        self.loaded: tuple[str, FigureValue | None] = ("", None)

    def current(self) -> FigureValue | None:
        """What the field holds, as it is saved: the saved value while the text is as
        loaded; else the value read as the figure's type, or the text as typed."""
        text = self.value.strip()
        if not text or self.figure is None:
            return None
        if text == self.loaded[0]:
            return self.loaded[1]
        try:
            return self.figure.parse(text)
        except ValueError:
            return text


@dataclass
class FigureRow:
    """What one row shows: the heading, the input (shown when the figure is typed),
    and the side text (empty: none)."""

    field: FigureInput
    name: str = ""
    side: Text = dataclasses.field(default_factory=Text)
    shown: bool = False  # whether the row is in use for the item shown


@dataclass(frozen=True)
class _Placed:
    """A row laid out at a width: its top line, its lines of name and side text, and
    the regions of its input and side text (relative to the table)."""

    y: int
    height: int
    name_lines: list[Content]
    side_lines: list[Content]
    side_x: int
    input_region: Region | None


class _FigureLayout(Layout):
    name = "figures"

    def arrange(
        self, parent: Widget, children: list[Widget], size: Size, greedy: bool = True
    ) -> ArrangeResult:
        assert isinstance(parent, FigureTable)
        return parent.placements(size.width)


class FigureTable(Widget):
    """The figure rows of the item shown (see the module's docstring)."""

    DEFAULT_CSS = """
    FigureTable {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"figure-table--side"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[FigureRow] = []
        self._layout = _FigureLayout()
        # The rows as last laid out: (width, the rows shown then, their places).
        self._placed: tuple[int, list[int], list[_Placed]] | None = None

    @property
    def layout(self) -> Layout:
        return self._layout

    async def make_rows(self, count: int) -> None:
        """At least `count` rows (those added unused, their inputs hidden)."""
        new = [FigureRow(FigureInput()) for _ in range(count - len(self.rows))]
        for row in new:
            row.field.display = False
        self.rows += new
        if new:
            await self.mount_all([row.field for row in new])

    def changed(self) -> None:
        """The rows' texts or inputs changed: lay the table out and draw it again."""
        self._placed = None
        # Textual keeps a container's arrangement for as long as its size and children
        # stay the same (8.2.8, pinned): the inputs' places change with the texts.
        self._clear_arrangement_cache()
        self.refresh(layout=True)

    def show_side(self, row: FigureRow, text: Text) -> None:
        """What to show beside the row's input (or instead of it)."""
        if row.side != text:
            row.side = text
            self.changed()

    def side_lines(self, row: FigureRow) -> list[str]:
        """The row's side text as drawn, line by line, at the table's width."""
        for placed_row, placed in zip(
            self._shown_rows(), self._laid_out(self.size.width), strict=True
        ):
            if placed_row is row:
                return [line.plain for line in placed.side_lines]
        return []

    def _shown_rows(self) -> list[FigureRow]:
        return [row for row in self.rows if row.shown]

    def _laid_out(self, width: int) -> list[_Placed]:
        # Laid out anew for other rows too: ItemDetail sets the rows one by one before
        # it calls `changed`, and hiding an input on the way can make Textual arrange
        # the table (seen at 64×24: the rows as laid out did not match those shown).
        shown = [id(row) for row in self._shown_rows()]
        if self._placed is None or self._placed[:2] != (width, shown):
            self._placed = (width, shown, self._lay_out(width))
        return self._placed[2]

    def _lay_out(self, width: int) -> list[_Placed]:
        """Each row shown at `width`, as a row container laid out a name of 40 %, an
        input of the rest and a side text of its own width (at most 60 %)."""
        placed = []
        y = 0
        name_end = Fraction(width) * NAME_SHARE
        name_width = name_end.__floor__()
        for row in self._shown_rows():
            name_lines = break_lines(Content(row.name), name_width)
            side = Content.from_rich_text(row.side) if row.side.plain else None
            side_width = Fraction(0)
            if side is not None:
                optimal = max(cell_len(line) for line in side.plain.split("\n"))
                side_width = min(Fraction(optimal), Fraction(width) * SIDE_SHARE)
            x = name_end
            input_region = None
            if row.field.display:
                # 1fr: the whole cells the name and the side text leave, and 1 cell where
                # they leave none (then the side text runs past the edge and is cut).
                input_width = width - int(name_end + side_width) or 1
                input_region = Region(name_width, y, (x + input_width).__floor__() - name_width, 1)
                x += input_width
            side_lines: list[Content] = []
            side_height = 0
            side_x = x.__floor__()
            if side is not None:
                # Laid out at its width in whole cells, drawn at the width of its region.
                side_height = len(break_lines(side, int(side_width)))
                side_lines = break_lines(side, (x + side_width).__floor__() - side_x)
            height = max(len(name_lines), side_height, 1 if row.field.display else 0)
            placed.append(_Placed(y, height, name_lines, side_lines, side_x, input_region))
            y += height
        return placed

    def placements(self, width: int) -> list[WidgetPlacement]:
        """Where the inputs go: beside their names."""
        return [
            WidgetPlacement(placed.input_region, NULL_OFFSET, NULL_SPACING, row.field)
            for row, placed in zip(self._shown_rows(), self._laid_out(width), strict=True)
            if placed.input_region is not None and row.field.display
        ]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(placed.height for placed in self._laid_out(width))

    def render(self) -> Content:
        width = self.content_size.width
        side_style = self.get_visual_style("figure-table--side")
        lines: list[Content] = []
        for placed in self._laid_out(width):
            for line in range(placed.height):
                name = placed.name_lines[line] if line < len(placed.name_lines) else Content()
                if line < len(placed.side_lines):
                    gap = Content(" " * (placed.side_x - name.cell_length))
                    side = placed.side_lines[line].stylize_before(side_style)
                    name = Content.assemble(name, gap, side)
                lines.append(name)
        return Content("\n").join(lines)
