"""An inspection and the editions of its standard: an inspection file is not migrated
(it is of one report, made against one edition), a report of an older edition is
inspected against that edition with the inspector told what differs, and answers of
an edition not installed here are not inspected against another."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checklist.cli import main
from checklist.inspection import InspectionStore, default_path
from checklist.tui.inspection_app import InspectionApp, reported_from
from checklist.tui.screens.inspection import InspectionScreen
from checklist.tui.screens.notice import NoticeScreen
from tests.support.editions import NEW, OLD, answers_of_edition
from tests.support.pilot import screen_text, settle, until

ANSWERS = """
[profile]
unit = "测试单位"
women_members = 12
assessed_on = 2026-11-24

[answers.a-01]
value = true

[answers.a-04]
value = 96

[answers.b-02]
value = true
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """A unit's answers made against the 2025 edition."""
    return answers_of_edition(tmp_path / "单位.toml", ANSWERS)


def install(folder: Path, *standards: Path) -> None:
    for standard in standards:
        shutil.copy(standard, folder / standard.name)


def test_an_inspection_file_is_not_migrated_and_the_message_says_why(
    answers: Path, no_installed_standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install(no_installed_standards, OLD)
    path = default_path(answers)
    with InspectionStore.open(path, reported_from(answers)) as store:
        store.set_item("a-04", score=2, reason="入会率核实为 90%")
    backup = path.with_name(path.name + ".bak")
    before, backed_up = path.read_bytes(), backup.read_bytes()
    assert main(["migrate", str(path), "--to", str(NEW)]) == 1
    err = capsys.readouterr().err
    assert "是验收文件" in err and "不能迁移" in err and "文件未作任何改动" in err
    # It names the report's edition and says how to be inspected against the new one.
    assert "测试单位" in err and "版本测试标准（2025年版）" in err
    assert "checklist migrate 把答卷迁移到2026年版" in err and "checklist inspect" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before and backup.read_bytes() == backed_up
    # The 验收分 stands as the team gave it.
    with InspectionStore.open(path) as store:
        assert store.inspection.item("a-04").score == 2


def test_answers_of_an_edition_not_installed_are_not_inspected_against_another(
    answers: Path, no_installed_standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install(no_installed_standards, NEW)  # only the 2026 edition here
    assert main(["inspect", str(answers)]) == 1
    err = capsys.readouterr().err
    assert "2025年版" in err and "本机没有这一版，只有2026年版" in err
    assert "PDF 报告" in err and "checklist migrate" in err and "Traceback" not in err
    assert not default_path(answers).exists()


async def test_a_report_of_an_older_edition_is_inspected_against_it_and_the_inspector_told(
    answers: Path, no_installed_standards: Path
) -> None:
    install(no_installed_standards, OLD, NEW)
    reported = reported_from(answers)
    # Scored against the edition the answers were made against, not the newest.
    assert reported.pack.info.edition == "2025年版"
    assert "b-02" in reported.pack.items and "c-01" not in reported.pack.items
    store = InspectionStore.open(default_path(answers), reported)
    app = InspectionApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: isinstance(app.screen, NoticeScreen), "the notice")
        notice = app.screen
        assert isinstance(notice, NoticeScreen)
        said = "".join(notice.lines)
        assert "按版本测试标准（2025年版）出具" in said and "本机安装的这份标准是2026年版" in said
        assert "有改动 8 条，新增 2 条，删除 1 条" in said
        assert "checklist migrate 把答卷迁移到2026年版" in said
        # On screen: the title, the words, and what differs item by item (checklist diff).
        await until(pilot, lambda: "验收文件不随标准迁移" in screen_text(app), "the words")
        shown = screen_text(app)
        assert "报告所依据的标准版本与本机不同" in shown
        assert "版本测试标准：2025年版 → 2026年版" in shown
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InspectionScreen), "the main screen")
        # The items are those of the report's edition: b-02 (removed in 2026) is there.
        assert "b-02" in store.pending() and store.pack.info.edition == "2025年版"
    store.close()
