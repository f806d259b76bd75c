"""Radio buttons and check boxes whose state shows in their shape, not only in colour.

Textual draws a chosen and an unchosen box alike (▐●▌ / ▐X▌) and tells them apart by
colour alone, which a chair on a monochrome or badly set terminal cannot see. Here
an unchosen box is empty (▐ ▌). The list of a multiple-choice item also draws its
box on the first line of a wrapped option only (Textual draws one on every line).

A long label is broken as Chinese prose is (prose.py: no line starts with "，" or
"）"), at whatever width the box is drawn; Textual breaks at any character, and a
radio button of its own shows a label's first line only.

The options of a single choice are one widget (RadioList) that draws them all, not a
RadioSet of a RadioButton each: each widget of the item pane costs its share of every
layout, drawing and message of a PgDn, and the options were most of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widgets import Checkbox, OptionList, RadioButton, SelectionList
from textual.widgets._selection_list import SelectionType
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option

from checklist.tui.widgets.drawn_ahead import (
    DrawnLines,
    DrawsAhead,
    KeptDrawings,
    lines_for,
    styled_lines,
)
from checklist.tui.widgets.prose import break_lines, broken

BLANK = " "

# The mixin below goes before Checkbox, whose CSS must stay its own.
if TYPE_CHECKING:
    _ToggleButton = ToggleButton
else:
    _ToggleButton = object


class _BrokenLabel(_ToggleButton):
    """For a toggle button: its label broken into lines by the rules of prose.py, the
    box on the first line and the later lines indented under the label."""

    # The label as last broken: (label, room, lines). Broken once for the layout (the
    # height) and once more for drawing, at each showing of another item.
    _broken: tuple[Content, int, list[Content]] | None = None

    def _label_lines(self, width: int) -> list[Content]:
        # The box, and a space either side of the label.
        room = width - cell_len(self.BUTTON_LEFT + self.BUTTON_INNER + self.BUTTON_RIGHT) - 2
        label = self._label
        if self._broken is None or self._broken[0] is not label or self._broken[1] != room:
            self._broken = (label, room, break_lines(label, room))
        return self._broken[2]

    def render(self) -> Content:
        button = self._button
        label_style = self.get_visual_style("toggle--label")
        lines = [
            line.pad(1, 1).stylize_before(label_style)
            for line in self._label_lines(self.content_size.width)
        ]
        indent = Content(BLANK * button.cell_length)
        return Content("\n").join(
            Content.assemble(indent if row else button, line) for row, line in enumerate(lines)
        )

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._label_lines(width))


class RadioList(DrawsAhead, can_focus=True):
    """One choice of several labels, drawn by one widget: a radio box for each label,
    ▐●▌ where chosen and ▐ ▌ elsewhere, each label broken into lines by the rules of
    prose.py with its later lines indented under it. It looks and answers keys as a
    RadioSet of radio buttons does (Textual 8.2.8): Up/Down (and Left/Right) move the
    highlight round the ends, Enter or Space chooses the label highlighted, a click
    chooses the label clicked (on any of its lines). Choosing posts Changed;
    showing other labels (`show`) posts nothing. Labels to be shown next can be drawn
    ahead (`prepare`); the last few drawn are kept."""

    ALLOW_SELECT = False
    KEPT = 4  # drawings kept: the one shown, the one drawn ahead, the ones before
    ALLOW_MAXIMIZE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_button", "Next option", show=False),
        Binding("enter,space", "toggle_button", "Toggle", show=False),
        Binding("up,left", "previous_button", "Previous option", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "radio-list--button",
        "radio-list--button-on",
        "radio-list--label",
        "radio-list--highlighted",
        "radio-list--hover",
    }

    # The looks of a RadioSet and its buttons (Textual 8.2.8's CSS of RadioSet and
    # ToggleButton), a button's parts as components: a button's label is
    # --highlighted where RadioSet marks its selected button, --hover where the
    # mouse is over a button not selected.
    DEFAULT_CSS = """
    RadioList {
        border: tall $border-blurred;
        background: $surface;
        padding: 0 1;
        height: auto;
        width: 1fr;
        pointer: pointer;

        & > .radio-list--button {
            color: $panel-darken-2;
            background: $panel;
        }
        & > .radio-list--button-on {
            color: $text-success;
            background: $panel;
        }
        & > .radio-list--highlighted {
            background: $block-cursor-blurred-background;
        }
        & > .radio-list--hover {
            background: $block-hover-background;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .radio-list--highlighted {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        &:ansi {
            & > .radio-list--button {
                background: $ansi-background;
                color: $ansi-foreground;
                text-style: dim;
            }
            & > .radio-list--button-on {
                color: $accent;
                background: $ansi-background;
                text-style: bold not dim;
            }
        }
    }
    """

    class Changed(Message):
        """The chair chose the label at `index`."""

        def __init__(self, radio_list: RadioList, index: int) -> None:
            super().__init__()
            self.radio_list = radio_list
            self.index = index

        @property
        def control(self) -> RadioList:
            return self.radio_list

    def __init__(
        self,
        labels: Sequence[str] = (),
        chosen: int | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._labels: list[Content] = []
        self._chosen: int | None = None
        self._highlighted = 0
        self._hover: int | None = None  # the label under the mouse
        # The labels as last broken: (room for a line, each label's lines).
        self._broken: tuple[int, list[list[Content]]] | None = None
        # Drawn in full, by (labels, chosen, highlighted, hover).
        self._drawn = KeptDrawings(self.KEPT)
        self.show(labels, chosen)

    @property
    def chosen(self) -> int | None:
        """The index of the label chosen, None where none is."""
        return self._chosen

    @property
    def highlighted(self) -> int:
        """The index of the label Enter would choose."""
        return self._highlighted

    @property
    def labels(self) -> list[str]:
        return [label.plain for label in self._labels]

    def show(self, labels: Sequence[str], chosen: int | None) -> None:
        """Show these labels, `chosen` chosen, and highlight it (the first label where
        none is chosen: Enter on the first label would replace the answer)."""
        if chosen is not None and not 0 <= chosen < len(labels):
            chosen = None
        width = self.content_size.width
        rows = self._row_count(width) if self._broken is not None else None
        shown = [label.rstrip() for label in labels]
        if [label.plain for label in self._labels] != shown:
            self._labels = [Content(label) for label in shown]
            self._broken = None
        self._chosen = chosen
        self._highlighted = chosen or 0
        if self._hover is not None and self._hover >= len(self._labels):
            self._hover = None
        # A new layout only where the new labels take another number of lines.
        self.refresh(layout=rows is None or self._row_count(width) != rows)

    def prepare(self, labels: Sequence[str], chosen: int | None) -> None:
        """Draw now these labels as `show` would show them, with the looks the widget
        has now (where it is shown: it then has a width)."""
        width = self.content_size.width
        if not width or not self.display or not self.is_attached:
            return
        shown = [Content(label.rstrip()) for label in labels]
        if chosen is not None and not 0 <= chosen < len(shown):
            chosen = None
        lines = [break_lines(label, self._room(width)) for label in shown]
        size = Size(width, sum(len(label) for label in lines)) + self.styles.gutter.totals
        hover = self._hover if self._hover is not None and self._hover < len(shown) else None
        self._full(lines, chosen, chosen or 0, hover, size)

    @staticmethod
    def _room(width: int) -> int:
        """Room for a label's line at a content width of `width`: the box, and a space
        either side of the label, take the rest."""
        return width - cell_len(ToggleButton.BUTTON_LEFT + BLANK + ToggleButton.BUTTON_RIGHT) - 2

    def _label_lines(self, width: int) -> list[list[Content]]:
        """Each label's lines at a content width of `width`."""
        room = self._room(width)
        if self._broken is None or self._broken[0] != room:
            self._broken = (room, [break_lines(label, room) for label in self._labels])
        return self._broken[1]

    def _row_count(self, width: int) -> int:
        return sum(len(lines) for lines in self._label_lines(width))

    def _label_at(self, row: int) -> int | None:
        """The index of the label drawn on `row` of the content, None below them."""
        if row < 0:
            return None
        for index, lines in enumerate(self._label_lines(self.content_size.width)):
            if row < len(lines):
                return index
            row -= len(lines)
        return None

    def get_content_width(self, container: Size, viewport: Size) -> int:
        box = cell_len(ToggleButton.BUTTON_LEFT + BLANK + ToggleButton.BUTTON_RIGHT)
        return max((box + 2 + label.cell_length for label in self._labels), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._row_count(width)

    def _box(self, chosen: bool) -> Content:
        """A radio box, as ToggleButton draws its button (with the inside empty where
        not chosen)."""
        button_style = self.get_visual_style(
            "radio-list--button-on" if chosen else "radio-list--button"
        )
        side_style = VisualStyle(
            foreground=button_style.background, background=self.background_colors[1]
        )
        return Content.assemble(
            (ToggleButton.BUTTON_LEFT, side_style),
            (RadioButton.BUTTON_INNER if chosen else BLANK, button_style),
            (ToggleButton.BUTTON_RIGHT, side_style),
        )

    def render(self) -> Content:
        lines = self._label_lines(self.content_size.width)
        return self._content(lines, self._chosen, self._highlighted, self._hover)

    def _content(
        self,
        label_lines: list[list[Content]],
        chosen: int | None,
        highlighted: int,
        hover: int | None,
    ) -> Content:
        """The labels of these lines drawn with their boxes."""
        label_style = self.get_visual_style("radio-list--label")
        highlighted_style = self.get_visual_style("radio-list--highlighted")
        hover_style = self.get_visual_style("radio-list--hover")
        boxes = {chosen: self._box(chosen) for chosen in (False, True)}
        indent = Content(BLANK * boxes[False].cell_length)
        rows: list[Content] = []
        for index, lines in enumerate(label_lines):
            if index == highlighted:
                style = highlighted_style
            elif index == hover:
                style = hover_style
            else:
                style = label_style
            box = boxes[index == chosen]
            rows.extend(
                Content.assemble(indent if row else box, line.pad(1, 1).stylize_before(style))
                for row, line in enumerate(lines)
            )
        return Content("\n").join(rows)

    def _full(
        self,
        label_lines: list[list[Content]],
        chosen: int | None,
        highlighted: int,
        hover: int | None,
        size: Size,
    ) -> DrawnLines:
        """The labels drawn in full at `size` (the widget's, with its border and
        padding), kept while they fit."""
        labels = tuple(tuple(line.plain for line in lines) for lines in label_lines)
        key = (labels, chosen, highlighted, hover)

        def draw() -> DrawnLines:
            # As Textual draws a widget's content (Widget._render_content).
            content = self._content(label_lines, chosen, highlighted, hover)
            width, height = size - self.styles.gutter.totals
            strips = Visual.to_strips(self, content, width, height, self.visual_style)
            blank = Strip.blank(width, self.visual_style.rich_style)
            return styled_lines(self, size, lambda y: strips[y] if y < len(strips) else blank)

        return self._drawn.drawing(self, key, size, draw)

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = self._label_lines(self.content_size.width)
        drawn = self._full(lines, self._chosen, self._highlighted, self._hover, self.region.size)
        return lines_for(self, drawn, crop)

    def _choose(self, index: int) -> None:
        self._highlighted = index
        self.refresh()
        if index != self._chosen:
            self._chosen = index
            self.chosen_by_chair(index)

    def chosen_by_chair(self, index: int) -> None:
        """The chair chose the label at `index` (by a key or a click)."""
        self.post_message(self.Changed(self, index))

    def _move(self, direction: int) -> None:
        if self._labels:
            self._highlighted = (self._highlighted + direction) % len(self._labels)
            self.refresh()

    def action_next_button(self) -> None:
        self._move(1)

    def action_previous_button(self) -> None:
        self._move(-1)

    def action_toggle_button(self) -> None:
        if self._labels:
            self._choose(self._highlighted)

    def _hover_at(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        self._hover_at(None if offset is None else self._label_at(offset.y))

    def on_leave(self, event: events.Leave) -> None:
        self._hover_at(None)

    def on_click(self, event: events.Click) -> None:
        self.focus()
        offset = event.get_content_offset(self)
        index = None if offset is None else self._label_at(offset.y)
        self._hover_at(index)  # the mouse is there, whether or not it moved before
        if index is not None:
            self._choose(index)


class Tick(_BrokenLabel, Checkbox):
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return Checkbox.BUTTON_INNER if self.value else BLANK


class TickList(SelectionList[SelectionType]):
    """A SelectionList that draws an empty box for an option not selected, and draws
    it on the first line of the option only. Textual's own takes the line's number
    for the option's (right only while no option wraps): on a wrapped list the
    boxes showed the state of other options. A disabled option is a heading: it has
    no box."""

    _drawn_width: int | None = None  # the width its options were last drawn at

    def _get_visual(self, option: Option) -> Visual:
        if option._visual is None:
            option._visual = broken(super()._get_visual(option))
        return option._visual

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        # Textual forgets the options as drawn at every resize, and draws the list
        # again: a list shown, or grown by an option, was drawn a second time after
        # the screen (Textual 8.2.8). They are forgotten when the width they were
        # drawn at changes (_update_lines), and a new size is drawn anyway.
        event.prevent_default()

    def _update_lines(self) -> None:
        """Textual's OptionList._update_lines, except that the new number of lines asks
        for a layout only where the list's height differs from it. A list filled while
        hidden counts its lines when first drawn, at the height the layout just gave
        it from the same options (get_content_height), and is being drawn with them:
        Textual laid the screen out and drew it a second time (PgDn to a
        multiple-choice item). Whoever changes the options asks for a repaint."""
        region = self.scrollable_content_region
        if not region:
            return
        if region.width != self._drawn_width:
            self._option_render_cache.clear()
            self._line_cache.clear()
            self._drawn_width = region.width
        line_cache = self._line_cache
        lines = line_cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = region.width - self._get_left_gutter_width()
        if next_index < len(self.options):
            padding = self.get_component_styles("option-list--option").padding
            rules = cast(RulesMap, self.styles)  # as Textual's own passes them
            for index, option in enumerate(self.options[next_index:], next_index):
                line_cache.index_to_line[index] = len(lines)
                line_count = (
                    self._get_visual(option).get_height(rules, width - padding.width)
                    + option._divider
                )
                line_cache.heights[index] = line_count
                lines.extend([(index, line_no) for line_no in range(line_count)])
        last_divider = self.options and self.options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.set_reactive(OptionList.virtual_size, virtual_size)
            if virtual_size.height != region.height:
                self.refresh(layout=True)
            self._scroll_update(virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual measures the options at the list's width, the boxes included.
        return super().get_content_height(
            container, viewport, width - self._get_left_gutter_width()
        )

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        _, scroll_y = self.scroll_offset
        if not 0 <= scroll_y + y < len(self._lines):
            return line
        index, line_of_option = self._lines[scroll_y + y]
        underlying = next(iter(line)).style or self.rich_style
        selection = self.get_option_at_index(index)
        gutter = Segment(BLANK * self._get_left_gutter_width(), underlying)
        if selection.disabled:  # a heading: no box, not indented
            return Strip([*line, gutter])
        if line_of_option > 0:
            return Strip([gutter, *line])
        component = "selection-list--button"
        if selection.value in self._selected:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button_style = self.get_component_rich_style(component)
        meta = Style(meta={"option": index})
        side_style = Style.from_color(button_style.bgcolor, underlying.bgcolor) + meta
        inner = ToggleButton.BUTTON_INNER if selection.value in self._selected else BLANK
        return Strip(
            [
                Segment(ToggleButton.BUTTON_LEFT, side_style),
                Segment(inner, button_style + meta),
                Segment(ToggleButton.BUTTON_RIGHT, side_style),
                Segment(" ", underlying),
                *line,
            ]
        )
