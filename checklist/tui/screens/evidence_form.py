"""Add or edit one entry of the 佐证材料目录; returns its fields, or None when cancelled."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from checklist.answers.model import EVIDENCE_KINDS, EvidenceEntry
from checklist.formats import format_date, parse_date
from checklist.tui.screens.form import Form
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.validators import DateText, Required, show_first_invalid


class EvidenceForm(Form[dict[str, Any] | None]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(
        self, entry: EvidenceEntry | None = None, *, assessed_on: dt.date | None = None
    ) -> None:
        """`assessed_on`: the 自评日期, after which a material's date is questioned."""
        super().__init__()
        self.entry = entry
        self.assessed_on = assessed_on

    def compose(self) -> ComposeResult:
        entry = self.entry
        title = f"编辑佐证材料 {entry.no}" if entry else "新增佐证材料"
        with Vertical(classes="dialog"):
            yield Label(title, classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("名称", classes="form-label")
                yield LineInput(
                    entry.title if entry else "",
                    placeholder="例如 2026年工会委员会会议纪要",
                    validators=[Required("材料名称")],
                    id="title",
                )
            with Horizontal(classes="form-row"):
                yield Label("类别", classes="form-label")
                # A kind written by hand in the file is offered too, so saving keeps it.
                kinds = list(EVIDENCE_KINDS)
                if entry and entry.kind and entry.kind not in kinds:
                    kinds.append(entry.kind)
                yield Select(
                    [(Text(kind), kind) for kind in kinds],
                    value=entry.kind if entry and entry.kind else "其他",
                    allow_blank=False,
                    id="kind",
                )
            with Horizontal(classes="form-row"):
                yield Label("日期", classes="form-label")
                yield LineInput(
                    entry.date.isoformat() if entry and entry.date else "",
                    placeholder="可不填，例如 2026-11-24",
                    validators=[DateText()],
                    id="date",
                )
            with Horizontal(classes="form-row"):
                yield Label("存放位置", classes="form-label")
                yield LineInput(
                    entry.location if entry else "",
                    placeholder="可不填：档案盒、文件名等",
                    id="location",
                )
            yield Static("", id="date-warning", classes="message")
            yield Static("", id="form-message", classes="message -error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        inputs = [self.query_one(f"#{key}", Input) for key in ("title", "date")]
        labels = {"title": "名称", "date": "日期"}
        if show_first_invalid(inputs, labels, self.query_one("#form-message", Static)):
            return
        date_text = self.query_one("#date", Input).value
        self.dismiss(
            {
                "title": self.query_one("#title", Input).value.strip(),
                "kind": str(self.query_one("#kind", Select).value),
                "date": parse_date(date_text) if date_text.strip() else None,
                "location": self.query_one("#location", Input).value.strip(),
            }
        )

    @on(Input.Changed, "#date")
    def _date_changed(self, event: Input.Changed) -> None:
        """A material dated after the 自评日期 cannot have supported it: say so (the
        date is kept; it may be a typing slip or a material still to come)."""
        warning = ""
        try:
            day = parse_date(event.value) if event.value.strip() else None
        except ValueError:
            day = None
        if day and self.assessed_on and day > self.assessed_on:
            warning = f"注意：日期晚于自评日期（{format_date(self.assessed_on)}），请核对。"
        self.query_one("#date-warning", Static).update(warning)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
