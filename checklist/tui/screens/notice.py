"""A plain message the user acknowledges (e.g. the standard's edition changed)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from checklist.tui.widgets.prose import Prose


class NoticeScreen(ModalScreen[None]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "知道了")]

    def __init__(self, title: str, lines: list[str], table: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.table = table  # text laid out in columns (e.g. checklist diff), shown as is

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for line in self.lines:
                    yield Prose(line, classes="dialog-text")
                if self.table:
                    yield Static(Text(self.table), classes="dialog-text")
            yield Button("知道了", variant="primary", id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
