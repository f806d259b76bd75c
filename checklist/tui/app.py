"""The app: wires the screens together. The work is in screens/ and widgets/."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.screen import Screen
from textual.widgets import Input

from checklist.answers import AnswersStore
from checklist.criteria import load_standard
from checklist.criteria.model import Pack
from checklist.locations import default_answers
from checklist.tui.plain_app import PlainApp
from checklist.tui.queued_keys import handle_queued_keys
from checklist.tui.reporting import Reports
from checklist.tui.screens.items import ItemsScreen
from checklist.validated_cache import used

if TYPE_CHECKING:
    from checklist.tui.screens.profile import ProfileScreen

# What the first screen does not show (the command palette, the help, the profile form
# and the dialogs) is imported when it is first opened, as the main screen's own
# screens are: importing it all made the start slower.


def _item_commands() -> type[Provider]:
    """The palette's commands that find items (Textual asks when the palette opens)."""
    from checklist.tui.palette import ItemCommands

    return ItemCommands


def _profile_screen() -> type[ProfileScreen]:
    from checklist.tui.screens.profile import ProfileScreen

    return ProfileScreen


class ChecklistApp(PlainApp):
    """One unit's answers to one standard, open for editing."""

    TITLE = "机关工会示范单位自评"
    # The main screen's styles too: loaded when it is shown, they made Textual read and
    # apply every style again (a screen's styles stay for the whole app all the same).
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss",
        "widgets/widgets.tcss",
        "screens/items.tcss",
    ]
    COMMANDS = App.COMMANDS | {_item_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "退出", priority=True, tooltip="退出（回答已随时保存）"),
        Binding("ctrl+c", "quit", "退出", show=False, priority=True),
        Binding("f1", "help", "帮助", tooltip="本帮助"),
        # Acted on at once, like the keys that move between items: keys typed right
        # after a Tab go to the field it moves to, not to the one it leaves.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            "查找",
            # Not in the footer: at 80 columns it would push 帮助 off; the help lists it.
            show=False,
            priority=True,
            tooltip="按编号或内容查找条目，也可执行其他命令",
        ),
    ]

    def __init__(self, pack: Pack, store: AnswersStore, *, announce_path: bool = False) -> None:
        super().__init__()
        self.pack = pack
        self.store = store
        self.announce_path = announce_path
        self.sub_title = str(store.path)
        self.reports = Reports(self)
        self._quit_asked = float("-inf")  # when a Ctrl+Q last asked about unsaved typing

    def get_default_screen(self) -> ItemsScreen:
        # The main screen is the app's first, not pushed over an empty one of
        # Textual's: pushed, it was laid out again once its widgets were mounted, and
        # drawn again for the empty one beneath it (some 15 ms of the start).
        return ItemsScreen(self.pack, self.store, self.reports)

    def on_mount(self) -> None:
        if self.announce_path:
            self.notify(f"答卷文件：{self.store.path}", timeout=8)

    ASK_AGAIN = 10.0  # seconds within which a second Ctrl+Q leaves what it named behind

    async def action_quit(self) -> None:
        # Values still being typed are saved before leaving.
        await handle_queued_keys(self)
        if self._work_would_be_lost():
            return
        profile = _profile_screen()
        for screen in self.screen_stack:
            if isinstance(screen, ItemsScreen):
                screen.flush()
            elif isinstance(screen, profile):
                screen.commit()
        await super().action_quit()

    def _work_would_be_lost(self) -> bool:
        """Text typed but not saved, in a dialog not yet confirmed or in a field whose
        value was refused (marked 未保存), or a report being written (the service ends
        with the app): the first Ctrl+Q says so, and only a second one soon after
        leaves without it."""
        from checklist.tui.screens.form import Form

        lost = []
        if any(isinstance(s, Form) and s.edited() for s in self.screen_stack):
            lost.append("对话框中填写的内容还没有保存：按 Enter 保存，或按 Esc 放弃。")
        refused = [
            field
            for screen in self.screen_stack
            if not isinstance(screen, Form)
            for field in screen.query(Input)
            if field.value.strip() and not field.is_valid
        ]
        if refused:
            lost.append("有填写内容不合要求、没有保存（标有“未保存”），请改正或清空。")
        leave = (
            "再按一次 Ctrl+Q 则不保存这些内容，直接退出。"
            if lost
            else "再按一次 Ctrl+Q 则直接退出。"
        )
        if self.reports.busy:
            lost.insert(0, "报告正在生成，现在退出将放弃这份报告。")
        if not lost:
            return False
        now = time.monotonic()
        if now - self._quit_asked < self.ASK_AGAIN:
            return False
        self._quit_asked = now
        self.notify(
            "".join(lost) + leave,
            severity="warning",
            timeout=self.ASK_AGAIN,
        )
        return True

    def on_unmount(self) -> None:
        self.store.close()
        self.reports.close()

    def action_help(self) -> None:
        from checklist.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, Sequence[BindingType]]]:
        """The keys of the app and of each screen, as the help screen lists them."""
        # Imported here, as the main screen does: not needed to start.
        from checklist.tui.screens.evidence import EvidenceScreen
        from checklist.tui.screens.overview import OverviewScreen

        return [
            ("任何时候", self.BINDINGS),
            ("条目（主界面）", ItemsScreen.BINDINGS),
            ("单位基本情况", _profile_screen().BINDINGS),
            ("佐证材料目录", EvidenceScreen.BINDINGS),
            ("自评概要", OverviewScreen.BINDINGS),
        ]

    def action_command_palette(self) -> None:
        from checklist.tui.palette import Palette

        if not isinstance(self.screen, CommandPalette):
            self.push_screen(
                Palette(
                    placeholder="输入条目编号或内容查找条目，或输入命令……",
                    id="--command-palette",
                )
            )

    def search_themes(self) -> None:
        from checklist.tui.palette import Palette, ThemeCommands

        self.push_screen(Palette(providers=[ThemeCommands], placeholder="查找界面主题……"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if isinstance(screen, ItemsScreen):
            yield SystemCommand(
                "下一个未答条目", "跳到下一个尚未回答的条目", screen.action_next_unanswered
            )
            yield SystemCommand("单位基本情况", "填写或修改单位基本情况", screen.action_profile)
            yield SystemCommand("佐证材料目录", "新增、编辑、删除佐证材料", screen.action_evidence)
            yield SystemCommand(
                "自评概要", "得分、等次、未答和失分条目、整改清单、生成报告", screen.action_overview
            )
            yield SystemCommand("清除本条回答", "清除当前条目的回答", screen.action_clear)
        yield SystemCommand("切换主题", "选择浅色或深色等界面主题", self.action_change_theme)
        yield SystemCommand("帮助", "查看全部按键", self.action_help)
        yield SystemCommand("退出", "退出程序（回答已随时保存）", self.action_quit)


def make_app(answers_path: Path | None, criteria_path: Path | None) -> ChecklistApp:
    """Load the standard and open (or create) the answers file for editing.

    With no `answers_path`, the default answers file of the standard is used.
    Raises ProblemsError (unreadable criteria or answers) and LockedError (the file
    is being edited elsewhere); nothing is written in either case.
    """
    # A standard opened before with the same bytes is read back as validated then
    # (validated_cache.py): no parsing, no validation, and none of its models'
    # validators built (50-150 ms of the start for 1,000 items).
    with used():
        pack = load_standard(criteria_path)
        path = answers_path or default_answers(pack.info.id)
        store = AnswersStore.open(path, pack)
    return ChecklistApp(pack, store, announce_path=answers_path is None)
