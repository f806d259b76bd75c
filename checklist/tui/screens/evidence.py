"""The unit's 佐证材料目录: add, edit, delete, and which items cite each entry."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from checklist.answers import AnswersStore, EvidenceInUseError
from checklist.criteria.model import Pack
from checklist.formats import format_date
from checklist.tui.saving import save
from checklist.tui.screens.confirm import ConfirmScreen
from checklist.tui.screens.evidence_form import EvidenceForm
from checklist.tui.widgets.item_tree import item_name
from checklist.tui.widgets.key_footer import KeyFooter
from checklist.tui.widgets.prose import Prose


class EvidenceScreen(Screen[None]):
    CSS_PATH = "evidence.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f3", "close", "返回"),
        Binding("a", "add", "新增"),
        Binding("e,enter", "edit", "编辑"),
        Binding("d,delete", "delete", "删除"),
    ]

    def __init__(self, pack: Pack, store: AnswersStore) -> None:
        super().__init__()
        self.pack = pack
        self.store = store

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-page"):
            yield Label("佐证材料目录", classes="page-title")
            yield Static(
                "材料编号一经分配不再改变，各条目按编号引用；仍被条目引用的材料不能删除。",
                classes="hint",
            )
            yield DataTable(cursor_type="row", zebra_stripes=True, id="evidence-table")
            yield Prose("", id="entry")
            yield Label("引用此材料的条目", classes="section")
            yield Prose("", id="citing")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()

    def _fill(self, keep: int | None = None) -> None:
        table = self.query_one(DataTable)
        # Columns are rebuilt too, so that their widths follow the longest entry.
        table.clear(columns=True)
        table.add_column("编号", key="no")
        table.add_column("引用", key="cited")
        table.add_column("类别", key="kind")
        table.add_column("日期", key="date")
        table.add_column("名称", key="title")
        answers = self.store.answers
        for entry in answers.evidence:
            # Cells are Text: a str cell would be read as markup, and titles are the user's.
            table.add_row(
                str(entry.no),
                str(len(answers.citing(entry.no))),
                Text(entry.kind),
                format_date(entry.date) if entry.date else "",
                Text(entry.title),
                key=str(entry.no),
            )
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self._show_citing()

    def _refill(self, keep: int | None = None) -> None:
        """`_fill` once this screen is back on top: filled while a dialog still covered
        it, the table sized its columns to their headings alone (a date cut to "2026")."""
        self.call_after_refresh(self._fill, keep)

    def _selected_no(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def _show_citing(self) -> None:
        citing = self.query_one("#citing", Prose)
        no = self._selected_no()
        entry = self.store.answers.evidence_entry(no) if no is not None else None
        self.query_one("#entry", Prose).update(
            Text.assemble(
                (f"{entry.no}. {entry.title}", "bold"),
                f"\n存放位置：{entry.location or '未填写'}",
            )
            if entry
            else ""
        )
        if no is None:
            citing.update(Text("目录为空。按 a 新增材料。", style="dim"))
            return
        ids = self.store.answers.citing(no)
        if not ids:
            citing.update(Text(f"材料 {no} 尚未被任何条目引用。", style="dim"))
            return
        lines = []
        for item_id in ids:
            item = self.pack.items.get(item_id)
            # An item the standard no longer has is known by its id alone.
            name = item_name(self.pack, item_id) if item else item_id
            lines.append(
                Text.assemble(
                    (name, "bold"), "：", item.text if item else "（当前标准中已没有此条目）"
                )
            )
        citing.update(Text("\n").join(lines))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_citing()

    def action_close(self) -> None:
        self.dismiss(None)

    @work
    async def action_add(self) -> None:
        fields = await self.app.push_screen_wait(
            EvidenceForm(assessed_on=self.store.answers.profile.assessed_on)
        )
        if not fields:
            return
        entry = save(self, self.store.path, lambda: self.store.add_evidence(**fields))
        if entry is not None:
            self._refill(keep=entry.no)
            self.notify(f"已新增佐证材料 {entry.no}")

    @work
    async def action_edit(self) -> None:
        no = self._selected_no()
        if no is None:
            return
        entry = self.store.answers.evidence_entry(no)
        fields: dict[str, Any] | None = await self.app.push_screen_wait(
            EvidenceForm(entry, assessed_on=self.store.answers.profile.assessed_on)
        )
        if not fields:
            return
        if (
            save(self, self.store.path, lambda: self.store.update_evidence(no, **fields))
            is not None
        ):
            self._refill(keep=no)

    @work
    async def action_delete(self) -> None:
        no = self._selected_no()
        if no is None:
            return
        citing = self.store.answers.citing(no)
        if citing:
            self.notify(str(EvidenceInUseError(no, citing)), severity="error", timeout=8)
            return
        entry = self.store.answers.evidence_entry(no)
        title = entry.title if entry else ""
        if not await self.app.push_screen_wait(
            ConfirmScreen(f"删除佐证材料 {no}？", title, "删除")
        ):
            return

        def remove() -> int:
            self.store.remove_evidence(no)
            return no

        if save(self, self.store.path, remove) is not None:
            self.notify(f"已删除佐证材料 {no}")
        self._refill()
