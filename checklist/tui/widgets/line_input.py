"""A one-line input that keeps all of a pasted text, and keeps its drawings while it
has no focus."""

from __future__ import annotations

from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Input

from checklist.tui.widgets.drawn_ahead import DrawsAhead, KeptDrawings, lines_for, styled_lines


class LineInput(Input, DrawsAhead):
    """Textual's Input keeps only the first line of a paste and drops the rest without a
    word. This one keeps every line, joined by spaces, as the field holds one line.

    Without the focus it shows its text (or its placeholder) and nothing else: the
    last few drawn are kept by what they show, so that an input shown again with a
    text it showed before (a figure's input moving from item to item, most of them
    empty with the same placeholder) is not drawn anew at each PgDn. With the focus
    (a cursor, a selection, a suggestion) Textual draws it."""

    KEPT = 8  # drawings kept while unfocused
    _drawn: KeptDrawings | None = None  # by what they show

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.has_focus:
            return super().render_lines(crop)
        if self._drawn is None:
            self._drawn = KeptDrawings(self.KEPT)
        key = (self.value, self.placeholder, self.password, self.scroll_offset.x)
        size = self.region.size
        drawn = self._drawn.drawing(
            self, key, size, lambda: styled_lines(self, size, self.render_line)
        )
        return lines_for(self, drawn, crop)

    def _on_paste(self, event: events.Paste) -> None:
        text = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.prevent_default()  # not Input's own handler after this one
        event.stop()
