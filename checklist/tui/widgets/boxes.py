"""Radio buttons and check boxes whose state shows in their shape, not only in colour.

Textual draws a chosen and an unchosen box alike (▐●▌ / ▐X▌) and tells them apart by
colour alone, which a chair on a monochrome or badly set terminal cannot see. Here
an unchosen box is empty (▐ ▌). The list of a multiple-choice item also draws its
box on the first line of a wrapped option only (Textual draws one on every line).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, RadioButton, SelectionList
from textual.widgets._selection_list import SelectionType
from textual.widgets._toggle_button import ToggleButton

BLANK = " "


class Radio(RadioButton):
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return RadioButton.BUTTON_INNER if self.value else BLANK


class Tick(Checkbox):
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return Checkbox.BUTTON_INNER if self.value else BLANK


class TickList(SelectionList[SelectionType]):
    """A SelectionList that draws an empty box for an option not selected, and draws
    it on the first line of the option only. Textual's own takes the line's number
    for the option's (right only while no option wraps): on a wrapped list the
    boxes showed the state of other options."""

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        _, scroll_y = self.scroll_offset
        if not 0 <= scroll_y + y < len(self._lines):
            return line
        index, line_of_option = self._lines[scroll_y + y]
        underlying = next(iter(line)).style or self.rich_style
        if line_of_option > 0:
            return Strip([Segment(BLANK * self._get_left_gutter_width(), underlying), *line])
        selection = self.get_option_at_index(index)
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
