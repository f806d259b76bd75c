"""A one-line input that keeps all of a pasted text."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class LineInput(Input):
    """Textual's Input keeps only the first line of a paste and drops the rest without a
    word. This one keeps every line, joined by spaces, as the field holds one line."""

    def _on_paste(self, event: events.Paste) -> None:
        text = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.prevent_default()  # not Input's own handler after this one
        event.stop()
