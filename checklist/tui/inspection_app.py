"""`checklist inspect`: the app in the inspector's mode, on an inspection file made
from a unit's report (or answers file) or opened again.

Every failure is a Chinese message, never a traceback; a file that cannot be read is
never written.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from checklist.inspection import InspectionStore, Reported, default_path, is_inspection_file
from checklist.problems import Problem, ProblemsError, display_path, os_error_text
from checklist.tui.plain_app import PlainApp
from checklist.tui.queued_keys import handle_queued_keys
from checklist.tui.screens.help import HelpScreen
from checklist.tui.screens.inspection import InspectionScreen
from checklist.tui.screens.team import TeamScreen


class InspectionApp(PlainApp):
    """One unit's report, inspected: the team's 验收分 beside the unit's 自评分."""

    TITLE = "机关工会示范单位验收"
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "widgets/widgets.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "退出", priority=True, tooltip="退出（验收内容已随时保存）"),
        Binding("ctrl+c", "quit", "退出", show=False, priority=True),
        Binding("f1", "help", "帮助", tooltip="本帮助"),
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(self, store: InspectionStore) -> None:
        super().__init__()
        self.store = store
        unit = store.inspection.report.unit
        self.sub_title = f"{unit}  {store.path}" if unit else str(store.path)

    def on_mount(self) -> None:
        self.push_screen(InspectionScreen(self.store))
        self._tell_other_edition()

    def _tell_other_edition(self) -> None:
        """The report was made against another edition of its standard than the one
        installed here: say so, what differs, and that the inspection stays with the
        report's edition (inspection/edition.py)."""
        from checklist.editions.diff import diff_packs
        from checklist.editions.diff_text import diff_text
        from checklist.inspection.edition import installed_edition, other_edition
        from checklist.tui.screens.edition import DIFF_WIDTH
        from checklist.tui.screens.notice import NoticeScreen

        pack = self.store.pack
        installed = installed_edition(pack)
        lines = other_edition(pack, installed)
        if installed is None or not lines:
            return
        table = diff_text(diff_packs(pack, installed), width=DIFF_WIDTH)
        self.push_screen(NoticeScreen("报告所依据的标准版本与本机不同", lines, table))

    async def action_quit(self) -> None:
        await handle_queued_keys(self)
        for screen in self.screen_stack:
            if isinstance(screen, TeamScreen) and not screen.commit():
                return  # its message says what to mend
            if isinstance(screen, InspectionScreen):
                screen.flush()
        await super().action_quit()

    def on_unmount(self) -> None:
        self.store.close()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(
                HelpScreen(
                    [
                        ("任何时候", self.BINDINGS),
                        ("条目（验收）", InspectionScreen.BINDINGS),
                        ("检查组与验收意见", TeamScreen.BINDINGS),
                    ],
                    saving=(
                        "每一处修改都及时保存到验收文件（打字时稍停即保存），并保留上一版本（.bak）。"
                        "单位的答卷文件不会被改动。目录中 ○ 表示尚未核定，✓ 表示已确认自评分或已评验收分。"
                    ),
                )
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if isinstance(screen, InspectionScreen):
            yield SystemCommand(
                "下一个未核定条目", "跳到下一个尚未核定的条目", screen.action_next_pending
            )
            yield SystemCommand("确认自评分", "确认当前条目的自评分为验收分", screen.action_confirm)
            yield SystemCommand("检查组与验收意见", "填写检查组和验收意见", screen.action_team)
        yield SystemCommand("帮助", "查看全部按键", self.action_help)
        yield SystemCommand("退出", "退出程序（验收内容已随时保存）", self.action_quit)


def reported_from(source: Path) -> Reported:
    """The unit's report as an inspection binds to it: from a PDF report (what it
    embeds) or from an answers file (and the standard it records). Raises
    ProblemsError."""
    name = display_path(source)
    if source.suffix.lower() == ".pdf":
        from checklist.criteria.library import read_library
        from checklist.criteria.load import source_of
        from checklist.report.standard_check import installed_for
        from checklist.report.verify import META_FINGERPRINT, VerifyError, read_embedded

        try:
            embedded = read_embedded(source)
        except VerifyError as exc:
            raise ProblemsError([Problem(name, 0, 0, "", str(exc))]) from None
        if embedded.standard is not None:
            standard_raw = embedded.standard.raw
        else:
            standard_raw = source_of(installed_for(embedded.criteria_fingerprint, read_library()))
        reported = Reported.read(embedded.answers, standard_raw, name, embedded.scored_on)
        printed = embedded.meta.get(META_FINGERPRINT, "")
        if printed and printed != reported.fingerprint:
            raise ProblemsError(
                [
                    Problem(
                        name,
                        0,
                        0,
                        "",
                        f"报告印有的指纹 {printed} 与其内嵌答卷和标准算出的 {reported.fingerprint} "
                        "不符，报告可能被改动过；请先用 checklist verify 核验，"
                        "或向报送单位索取原始报告文件",
                    )
                ]
            )
        return reported
    from checklist.answers.edition import standard_for
    from checklist.criteria.load import source_of
    from checklist.inspection.edition import answers_of_another_edition
    from checklist.reading import read_file

    standard = standard_for(source)
    try:
        raw = read_file(source, 64 * 1024 * 1024, "答卷文件")
    except OSError as exc:
        raise ProblemsError(
            [Problem(name, 0, 0, "", f"无法读取答卷文件：{os_error_text(exc)}")]
        ) from None
    except ValueError as exc:
        raise ProblemsError([Problem(name, 0, 0, "", str(exc))]) from None
    reported = Reported.read(raw, source_of(standard.pack), name, None)
    refused = answers_of_another_edition(reported.answers, standard.pack)
    if refused:
        raise ProblemsError([Problem(name, 0, 0, "", refused)])
    if reported.answers.profile.assessed_on is None:
        # Dates are judged as a report made today would judge them.
        return replace(reported, scored_on=dt.date.today())
    return reported


def inspect(source: Path, output: Path | None) -> int:
    """Open (or create) the inspection of `source` and run the app; the exit code."""
    from checklist.answers.lock import LockedError
    from checklist.tui.launch import serve

    try:
        if source.suffix.lower() != ".pdf" and is_inspection_file(source):
            if output is not None:
                raise ProblemsError(
                    [
                        Problem(
                            display_path(source),
                            0,
                            0,
                            "",
                            "这是验收文件，直接打开即可继续验收；-o 只用于对单位的报告或答卷新建验收文件",
                        )
                    ]
                )
            store = InspectionStore.open(source)
        else:
            if not source.exists():
                raise ProblemsError(
                    [Problem(display_path(source), 0, 0, "", "找不到这个文件，请检查路径")]
                )
            reported = reported_from(source)
            target = output or default_path(source)
            store = InspectionStore.open(target, reported)
    except ProblemsError as exc:
        print(f"无法打开，文件未作任何改动：\n{exc}", file=sys.stderr)
        return 1
    except LockedError as exc:
        print(f"无法打开：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"无法打开 {exc.filename or source}：{os_error_text(exc)}", file=sys.stderr)
        return 1
    print(f"验收文件：{store.path}")
    return serve(InspectionApp(store), store)


__all__: Sequence[str] = ["InspectionApp", "inspect", "reported_from"]
