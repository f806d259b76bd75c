"""Opening an answers file: locked, unreadable, missing criteria, another edition."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit

from checklist.criteria.model import Pack
from checklist.tui.app import make_app
from checklist.tui.launch import run
from checklist.tui.screens.edition import EditionScreen
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.notice import NoticeScreen
from tests.support.pilot import opened, settle
from tests.support.samples import write_profile


def test_second_instance_is_refused_and_the_file_untouched(
    answers_path: Path, pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(answers_path, pack)
    before = answers_path.read_bytes()
    first = make_app(answers_path, None)  # holds the lock, as a running app does
    try:
        assert run(answers_path, None) == 1
    finally:
        first.store.close()
    err = capsys.readouterr().err
    assert "无法打开" in err and "正由" in err and "编辑" in err
    assert "Traceback" not in err
    assert answers_path.read_bytes() == before


def test_unreadable_answers_file_is_reported_and_left_alone(
    answers_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers_path.write_text("[profile\nunit = 'x'\n", encoding="utf-8")
    before = answers_path.read_bytes()
    assert run(answers_path, None) == 1
    err = capsys.readouterr().err
    assert "答卷文件无法解析" in err and "文件未作改动" in err
    assert answers_path.read_bytes() == before
    assert not answers_path.with_name(answers_path.name + ".lock").exists()


def test_missing_criteria_file_is_a_message_not_a_traceback(
    answers_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(answers_path, Path("no-such-standard.toml")) == 1
    err = capsys.readouterr().err
    assert "no-such-standard.toml" in err and "Traceback" not in err
    assert not answers_path.exists()


def test_default_answers_file_is_named(
    private_dirs: Path, pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(None, None)
    try:
        assert (
            app.store.path == private_dirs / "data" / "checklist" / f"{pack.info.id}.answers.toml"
        )
        assert app.announce_path
    finally:
        app.store.close()


async def test_answers_of_another_edition_are_flagged_on_opening(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    doc = tomlkit.parse(answers_path.read_text(encoding="utf-8"))
    doc["stamp"]["edition"] = "2025年版"  # type: ignore[index]
    doc["stamp"]["fingerprint"] = "0" * 64  # type: ignore[index]
    first_choice = next(i for i in pack.items.values() if i.kind == "choice")
    doc["answers"] = {"old-item-9": {"value": True}, first_choice.id: {"value": "已删去的选项"}}
    answers_path.write_text(tomlkit.dumps(doc), encoding="utf-8")

    before = answers_path.read_bytes()
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        # Another edition of the same standard: what changed, and the offer to migrate.
        assert isinstance(app.screen, EditionScreen)
        shown = "\n".join(app.screen.lines)
        assert "2025年版" in shown and pack.info.edition in shown
        assert "old-item-9" in shown and first_choice.id in shown
        assert "原版本不在本机" in app.screen.diff
        await pilot.press("enter")  # 暂不迁移 has the focus
        await settle(pilot)
        assert isinstance(app.screen, ItemsScreen)
    # Not migrated: the file is as it was, the unknown answer still in it.
    assert answers_path.read_bytes() == before


async def test_an_answer_to_an_item_the_standard_lacks_is_flagged_on_opening(
    answers_path: Path, pack: Pack
) -> None:
    # Same edition: only a hand edit (a mistyped id) gives such an answer. It opened
    # without a word before, the item it was meant for showing （未答）.
    write_profile(answers_path, pack)
    doc = tomlkit.parse(answers_path.read_text(encoding="utf-8"))
    doc["answers"] = {"djdgj-99": {"value": "两次及以上"}}
    answers_path.write_text(tomlkit.dumps(doc), encoding="utf-8")

    async with opened(answers_path, size=(80, 24)) as (app, _pilot):
        assert isinstance(app.screen, NoticeScreen)
        assert "djdgj-99" in "\n".join(app.screen.lines)
    assert "djdgj-99" in answers_path.read_text(encoding="utf-8")
