"""Radio buttons and check boxes whose state shows in their shape, not only in colour.

Textual draws a chosen and an unchosen box alike (▐●▌ / ▐X▌) and tells them apart by
colour alone, which a chair on a monochrome or badly set terminal cannot see. Here
an unchosen box is empty (▐ ▌). The list of a multiple-choice item also draws its
box on the first line of a wrapped option only (Textual draws one on every line).

A long label is broken as Chinese prose is (prose.py: no line starts with "，" or
"）"), at whatever width the box is drawn; Textual breaks at any character, and a
radio button of its own shows a label's first line only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import Checkbox, OptionList, RadioButton, SelectionList
from textual.widgets._selection_list import SelectionType
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option

from checklist.tui.widgets.prose import break_lines, broken

BLANK = " "

# The mixin below goes before RadioButton or Checkbox, whose CSS must stay theirs.
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


class Radio(_BrokenLabel, RadioButton):
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return RadioButton.BUTTON_INNER if self.value else BLANK


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
