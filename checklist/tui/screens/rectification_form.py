"""Add or edit one row of the 整改清单; returns its fields, or None when cancelled."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label, Static

from checklist.answers.model import Rectification
from checklist.criteria.model import Pack
from checklist.formats import parse_date
from checklist.tui.screens.form import Form
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.validators import DateText, Required, show_first_invalid

_LABELS = {"problem": "问题", "due": "完成时限", "items": "涉及条目"}


def split_ids(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,，、;；]+", text.strip()) if part]


class KnownItems(Validator):
    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    def validate(self, value: str) -> ValidationResult:
        unknown = [i for i in split_ids(value) if i not in self.pack.items]
        if unknown:
            return self.failure(f"标准中没有条目 {'、'.join(unknown)}")
        return self.success()


class RectificationForm(Form[dict[str, Any] | None]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(
        self,
        pack: Pack,
        entry: Rectification | None = None,
        *,
        problem: str = "",
        items: tuple[str, ...] = (),
    ) -> None:
        """Edit `entry`, or start a new one from a problem and the items it concerns."""
        super().__init__()
        self.pack = pack
        self.entry = entry
        self.problem = entry.problem if entry else problem
        self.items = entry.items if entry else list(items)

    def compose(self) -> ComposeResult:
        e = self.entry
        with Vertical(classes="dialog wide"):
            yield Label("编辑整改事项" if e else "新增整改事项", classes="dialog-title")
            due = e.due.isoformat() if e and e.due else ""
            rows: list[tuple[str, str, str, str, list[Validator]]] = [
                ("问题", "problem", self.problem, "存在的问题", [Required("问题")]),
                ("整改措施", "measure", e.measure if e else "", "采取的措施", []),
                ("责任人", "owner", e.owner if e else "", "姓名或部门", []),
                ("完成时限", "due", due, "例如 2026-12-31", [DateText()]),
                (
                    "涉及条目",
                    "items",
                    "、".join(self.items),
                    "条目编号，用顿号分隔",
                    [KnownItems(self.pack)],
                ),
            ]
            for label, key, value, placeholder, validators in rows:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield LineInput(value, placeholder=placeholder, validators=validators, id=key)
            yield Static("", id="form-message", classes="message -error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        if show_first_invalid(self.query(Input), _LABELS, self.query_one("#form-message", Static)):
            return

        def value(key: str) -> str:
            return self.query_one(f"#{key}", Input).value.strip()

        self.dismiss(
            {
                "problem": value("problem"),
                "measure": value("measure"),
                "owner": value("owner"),
                "due": parse_date(value("due")) if value("due") else None,
                "items": split_ids(value("items")),
            }
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
