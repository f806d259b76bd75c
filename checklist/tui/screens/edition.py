"""Answers made against another edition of the standard: what changed between the
two editions, and the offer to carry the answers across (checklist migrate).
Answering no leaves the file as it is."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from checklist.tui.widgets.prose import Prose

# The dialog's text is this many cells wide (a wide dialog, less its border and padding).
DIFF_WIDTH = 68


class EditionScreen(ModalScreen[bool]):
    """Returns True when the user chose to migrate."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", "暂不迁移")]

    def __init__(self, lines: list[str], diff: str) -> None:
        super().__init__()
        self.lines = lines  # the warning: which editions, which items changed
        self.diff = diff  # what changed, item by item (checklist diff)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text("标准版本有变化"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="edition-diff"):
                for line in self.lines:
                    yield Prose(line, classes="dialog-text")
                if self.diff:
                    yield Static(Text(self.diff), classes="dialog-text")
            yield Prose(
                "迁移后：内容未变的条目保留回答；有改动的条目保留回答并标为“需复核”"
                "（Ctrl+N 逐个跳到，核对后改答或按 F6 确认）；已删除条目的回答移入记录，不会丢失。"
                "原文件保留为 .bak。",
                classes="dialog-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("迁移到新版本", variant="primary", id="migrate")
                yield Button("暂不迁移", id="keep")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed, "#migrate")
    def _migrate(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(False)
