"""Asks why an item does not apply; returns the reason, or None when cancelled."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from checklist.tui.screens.form import Form
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.prose import Prose
from checklist.tui.widgets.validators import Required


class NaReasonScreen(Form[str | None]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self, item_text: str, reason: str = "") -> None:
        super().__init__()
        self.item_text = item_text
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("不适用理由", classes="dialog-title")
            yield Prose(self.item_text, classes="dialog-text")
            yield Static("检查组要求写明不适用的理由；没有理由的按未回答处理。", classes="hint")
            yield LineInput(
                self.reason,
                placeholder="例如：本单位职工不足25人，未单独建立……",
                validators=[Required("不适用理由")],
                validate_on=["submitted"],
                id="reason",
            )
            yield Static("", id="reason-message", classes="message -error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("确定", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#reason-message", Static).update("✗ 请填写不适用理由")
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
