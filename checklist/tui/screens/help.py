"""Every key, and what the marks in the tree mean."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from checklist.tui.widgets.item_tree import MARKS

KEYS: list[tuple[str, str]] = [
    ("PgDn / PgUp", "下一条 / 上一条"),
    ("Ctrl+N", "下一个未答条目"),
    ("Ctrl+P", "按编号或内容查找条目，也可执行其他命令"),
    ("↑ ↓ 回车", "在左侧目录中移动、打开条目"),
    ("Tab / Shift+Tab", "在目录、回答、备注等之间切换"),
    ("空格 / 回车", "选中单选项，勾选或取消多选项"),
    ("F8", "清除本条回答"),
    ("F2", "单位基本情况"),
    ("F3", "佐证材料目录"),
    ("F4", "自评概要、整改清单、生成报告"),
    ("F1", "本帮助"),
    ("Esc", "返回上一屏"),
    ("Ctrl+Q / Ctrl+C", "退出（回答已随时保存）"),
]


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1", "close", "关闭")]

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in KEYS:
            keys.add_row(key, what)
        marks = Text("  ").join(
            Text.assemble((mark, "bold"), " ", name) for mark, name in MARKS.values()
        )
        with Vertical(classes="dialog wide"):
            yield Label("帮助", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(keys)
                yield Label("目录中的标记", classes="section")
                yield Static(marks)
                yield Label("保存", classes="section")
                yield Static(
                    "每一处修改都立即保存到答卷文件，并保留上一版本（.bak）。"
                    "随时退出都不会丢失回答；再次打开时回到上次停留的条目。"
                )
            yield Button("关闭", variant="primary", id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
