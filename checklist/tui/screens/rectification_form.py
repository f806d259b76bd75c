"""Add or edit one row of the 整改清单; returns its fields, or None when cancelled.

The items it concerns are picked from a list (ItemPicker), not typed: the field shows
them as the sheet numbers them, and Enter on it opens the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.validation import Validator
from textual.widgets import Button, Input, Label, Static

from checklist.answers.model import Rectification
from checklist.criteria.model import Pack
from checklist.formats import parse_date
from checklist.tui.screens.form import Form
from checklist.tui.screens.item_picker import ItemPicker, item_choice
from checklist.tui.widgets.item_tree import item_name
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.validators import DateText, Required, show_first_invalid

_LABELS = {"problem": "问题", "due": "完成时限"}


class ItemsField(Static, can_focus=True):
    """The items of the row, one a line; Enter or Space opens the list to pick them."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,space", "pick", "选择条目", show=False)]

    def __init__(self, pack: Pack, items: list[str]) -> None:
        super().__init__(id="items")
        self.pack = pack
        self.show(items)

    def show(self, items: list[str]) -> None:
        lines = [self._line(i) for i in items]
        self.update(Text("\n".join(lines) if lines else "未选（按回车从列表中选择）"))
        self.set_class(not lines, "-empty")

    def _line(self, item_id: str) -> str:
        if item_id not in self.pack.items:
            return f"{item_id}（标准中没有这一条目）"
        return item_choice(self.pack, item_id, named=item_name)

    def action_pick(self) -> None:
        form = self.screen
        assert isinstance(form, RectificationForm)
        form.pick_items()


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
        shortfalls: Mapping[str, float] | None = None,
    ) -> None:
        """Edit `entry`, or start a new one from a problem and the items it concerns;
        `shortfalls` (item id → points lost) are marked in the list of items."""
        super().__init__()
        self.pack = pack
        self.entry = entry
        self.problem = entry.problem if entry else problem
        self.items = list(entry.items if entry else items)
        self.shortfalls = dict(shortfalls or {})

    def compose(self) -> ComposeResult:
        e = self.entry
        with Vertical(classes="dialog wide", id="rectification-form"):
            yield Label("编辑整改事项" if e else "新增整改事项", classes="dialog-title")
            due = e.due.isoformat() if e and e.due else ""
            rows: list[tuple[str, str, str, str, list[Validator]]] = [
                ("问题", "problem", self.problem, "存在的问题", [Required("问题")]),
                ("整改措施", "measure", e.measure if e else "", "采取的措施", []),
                ("责任人", "owner", e.owner if e else "", "姓名或部门", []),
                ("完成时限", "due", due, "例如 2026-12-31", [DateText()]),
            ]
            for label, key, value, placeholder, validators in rows:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield LineInput(value, placeholder=placeholder, validators=validators, id=key)
            with Horizontal(classes="form-row"):
                yield Label("涉及条目", classes="form-label")
                yield ItemsField(self.pack, self.items)
            yield Static("", id="form-message", classes="message -error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    def _values(self) -> dict[str, Any]:
        return super()._values() | {"items": list(self.items)}

    @work
    async def pick_items(self) -> None:
        picked = await self.app.push_screen_wait(ItemPicker(self.pack, self.items, self.shortfalls))
        if picked is None:
            return
        # Ids the standard does not know (an answers file of another edition) stay.
        self.items = picked + [i for i in self.items if i not in self.pack.items]
        self.query_one(ItemsField).show(self.items)

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
                "items": list(self.items),
            }
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
