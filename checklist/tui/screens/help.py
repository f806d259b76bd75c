"""Every key, and what the marks in the tree mean.

The keys come from the screens' own BINDINGS (passed in by the app), so the help
cannot drift from what the keys do; only keys that are not bindings (moving
around, choosing) are written out here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from checklist.tui.key_names import key_name
from checklist.tui.widgets.item_tree import MARKS
from checklist.tui.widgets.prose import Prose, WrappedText

# Keys handled by the widgets themselves rather than by bindings.
WIDGET_KEYS: list[tuple[str, str]] = [
    ("↑ ↓ 回车", "在左侧目录中移动、打开条目；在列表和表格中移动、选中"),
    ("Tab / Shift+Tab", "在目录、回答、备注等之间切换"),
    ("空格 / 回车", "选中单选项，勾选或取消多选项，按下按钮"),
    ("Esc", "在对话框中：取消并关闭"),
]


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each action with a description, in binding order.

    Keys bound to the same action share a row; the tooltip, when given, is the
    longer description.
    """
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description:
            continue
        keys, _ = rows.setdefault(binding.action, ([], binding.tooltip or binding.description))
        keys.append(key_name(binding))
    return [(" / ".join(keys), what) for keys, what in rows.values()]


def _keys_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, what in rows:
        table.add_row(Text(keys), WrappedText(Text(what)))
    return table


class HelpScreen(ModalScreen[None]):
    """`sections` are (title, bindings) pairs: the app's keys and each screen's."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1", "close", "关闭")]

    def __init__(
        self, sections: Sequence[tuple[str, Sequence[BindingType]]], *, saving: str = ""
    ) -> None:
        super().__init__()
        self.sections = sections
        self.saving = saving or (
            "每一处修改都及时保存到答卷文件（打字时稍停即保存），并保留上一版本（.bak）。"
            "顶部右侧显示“已保存”和最后一次写入的时间；写入失败时显示“未保存”。"
            "随时退出都不会丢失回答；再次打开时回到上次停留的条目。"
            "Ctrl+Z 撤销对回答的上一次修改。"
        )

    def compose(self) -> ComposeResult:
        marks = Text("  ").join(
            Text.assemble((mark, "bold"), " ", name) for mark, name in MARKS.values()
        )
        with Vertical(classes="dialog wide", id="help"):
            yield Label("帮助", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for title, bindings in self.sections:
                    yield Label(Text(title), classes="section")
                    yield Static(_keys_table(key_rows(bindings)))
                yield Label("移动和选择", classes="section")
                yield Static(_keys_table(WIDGET_KEYS))
                yield Label("目录中的标记", classes="section")
                yield Static(marks)
                yield Label("不适用和佐证材料", classes="section")
                yield Prose(
                    "条目允许时，回答下方有“不适用”勾选框：按 Tab 移到框上，按空格勾选，"
                    "再写明理由（必填）。不适用的条目不计分，其余条目的得分按总分折算，"
                    "顶部显示为“得分 实得/适用满分（折算 总分）”。\n"
                    "佐证材料先在目录中登记（F3，或条目中的“新增佐证材料”按钮），"
                    "再在条目的佐证材料列表中按空格勾选引用；报告附件2列出目录，"
                    "评分明细中注明每条引用的材料编号。"
                )
                yield Label("保存", classes="section")
                yield Prose(self.saving)
            yield Button("关闭", variant="primary", id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
