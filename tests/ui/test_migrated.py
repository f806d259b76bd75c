"""An answers file carried to a new edition, opened in the app: its answers kept for
review show as 需复核, Ctrl+N visits them, and F6 confirms one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checklist.answers import read_answers
from checklist.criteria.library import FOLDER_VARIABLE
from checklist.formats import display_width
from checklist.scoring import Status
from checklist.tui.app import make_app
from checklist.tui.screens.edition import DIFF_WIDTH, EditionScreen
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.notice import NoticeScreen
from tests.support.editions import NEW, OLD, answers_of_edition
from tests.support.editions import migrated as migrated_to_new
from tests.support.pilot import screen_text, settle, toasts, until

ANSWERS = """
[profile]
unit = "测试单位"
women_members = 12

[answers.a-01]
value = true

[answers.a-04]
value = 96

[answers.b-01]
value = "基本达到"
"""


def migrated(folder: Path) -> Path:
    return migrated_to_new(folder / "答卷.toml", ANSWERS)


async def test_a_migrated_file_shows_its_answers_to_review(tmp_path: Path) -> None:
    path = migrated(tmp_path)
    app = make_app(path, NEW)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Made against this very edition now: no warning of another edition.
        assert not isinstance(app.screen, NoticeScreen)
        main = app.screen
        assert isinstance(main, ItemsScreen)
        assert set(main.score.review) == {"a-04", "b-01"}
        await main.go_to("a-01")
        await settle(pilot)
        # Ctrl+N goes to the next item unanswered or needing review, in sheet order.
        visited = []
        for _ in range(4):
            await pilot.press("ctrl+n")
            await settle(pilot)
            visited.append(main.current)
        assert visited == ["a-02", "a-03", "a-04", "a-05"]
        await main.go_to("a-04")
        await until(pilot, lambda: "否决项、下限有修改，请核对回答" in screen_text(app), "hint")
        shown = screen_text(app)
        assert "标准修订（2025年版" in shown
        # The tree marks it with the sign of 需复核.
        number = main.pack.sheet_numbers["a-04"]
        assert f"! {number} 入会率" in shown
        # F6: it stands as it is, and counts.
        await pilot.press("f6")
        await until(pilot, lambda: main.score.items["a-04"].status is Status.ANSWERED, "f6")
    answers = read_answers(path)
    assert answers.answers["a-04"].review == "" and answers.answers["b-01"].review


async def test_opening_answers_of_the_older_edition_offers_the_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The older edition is installed, so that the app can tell what changed.
    installed = tmp_path / "installed"
    installed.mkdir()
    monkeypatch.setenv(FOLDER_VARIABLE, str(installed))
    shutil.copy(OLD, installed / "old.toml")
    path = answers_of_edition(tmp_path / "答卷.toml", ANSWERS)
    before = path.read_bytes()

    # No: the file is left as it was.
    app = make_app(path, NEW)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditionScreen)
        assert "改动  一、4  a-04" in app.screen.diff
        assert "    下限：95 → 90" in app.screen.diff.splitlines()
        assert all(display_width(line) <= DIFF_WIDTH for line in app.screen.diff.splitlines())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ItemsScreen)
    assert path.read_bytes() == before

    # Yes: migrated in place, the previous file kept as .bak, the items to review shown.
    app = make_app(path, NEW)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditionScreen)
        await pilot.click("#migrate")
        await until(pilot, lambda: isinstance(app.screen, ItemsScreen), "closed")
        main = app.screen
        assert isinstance(main, ItemsScreen)
        await until(pilot, lambda: set(main.score.review) == {"a-04", "b-01"}, "migrated")
        told = lambda: ["".join(t.split()) for t in toasts(app)]  # noqa: E731
        await until(pilot, lambda: any("需复核2条" in t for t in told()), "told")
    assert (tmp_path / "答卷.toml.bak").read_bytes() == before
    answers = read_answers(path)
    assert answers.stamp.edition == "2026年版" and answers.answers["a-04"].review
