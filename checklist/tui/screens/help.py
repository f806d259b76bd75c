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
        table.add_row(Text(keys), Text(what))
    return table


class HelpScreen(ModalScreen[None]):
    """`sections` are (title, bindings) pairs: the app's keys and each screen's."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1", "close", "关闭")]

    def __init__(self, sections: Sequence[tuple[str, Sequence[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        marks = Text("  ").join(
            Text.assemble((mark, "bold"), " ", name) for mark, name in MARKS.values()
        )
        with Vertical(classes="dialog wide"):
            yield Label("帮助", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for title, bindings in self.sections:
                    yield Label(Text(title), classes="section")
                    yield Static(_keys_table(key_rows(bindings)))
                yield Label("移动和选择", classes="section")
                yield Static(_keys_table(WIDGET_KEYS))
                yield Label("目录中的标记", classes="section")
                yield Static(marks)
                yield Label("保存", classes="section")
                yield Static(
                    "每一处修改都及时保存到答卷文件（打字时稍停即保存），并保留上一版本（.bak）。"
                    "随时退出都不会丢失回答；再次打开时回到上次停留的条目。"
                )
            yield Button("关闭", variant="primary", id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
