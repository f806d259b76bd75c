"""What reaches the answers file: cleared inputs, failed saves, typing that pauses."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import tomlkit
from textual import events
from textual.widgets import Button, Input, TextArea

from checklist.answers import AnswersStore, read_answers
from checklist.answers import session as session_module
from checklist.criteria.model import Pack
from checklist.scoring import Status
from checklist.tui.app import make_app
from checklist.tui.screens import items as items_module
from checklist.tui.screens.evidence import EvidenceScreen
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.profile import ProfileScreen
from checklist.tui.widgets.answer_inputs import PendingValue
from checklist.tui.widgets.figure_table import FigureInput
from checklist.tui.widgets.item_detail import ItemDetail
from tests.support.pilot import (
    answer_input,
    notifications_of,
    open_at,
    opened,
    screen_text,
    settle,
    type_at_once,
    type_into,
    until,
)
from tests.support.samples import first_of_kind, write_profile, write_sample


async def test_clearing_a_saved_number_or_date_clears_the_file(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    number, date = first_of_kind(pack, "count"), first_of_kind(pack, "date")
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        for item_id, text in ((number, "3"), (date, "2025-11-24")):
            await main.go_to(item_id)
            await settle(pilot)
            field = answer_input(main, Input)
            await type_into(pilot, field, text)
            await pilot.press("enter")
            await settle(pilot)
            assert read_answers(answers_path).answers[item_id].value is not None
            # Emptied with backspace, then straight on to the next item.
            await pilot.press(*["backspace"] * len(text))
            await pilot.press("pagedown")
            await settle(pilot)
            assert read_answers(answers_path).answers[item_id].value is None, item_id
            assert main.score.items[item_id].status is Status.UNANSWERED


async def test_an_answer_needing_review_is_kept_unless_edited(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    number = first_of_kind(pack, "count")
    with AnswersStore.open(answers_path, pack) as store:
        store.set_answer(number, value="三次")  # typed by hand in the file: 需复核
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = await open_at(app, pilot, number)
        field = answer_input(main, Input)
        assert field.value == ""
        field.focus()
        await pilot.press("enter")  # Enter and leaving an untouched input save nothing
        await pilot.press("pagedown")
        await settle(pilot)
        assert read_answers(answers_path).answers[number].value == "三次"
        await pilot.press("ctrl+q")
    assert read_answers(answers_path).answers[number].value == "三次"


async def test_a_failing_disk_is_reported_on_every_screen(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_sample(answers_path, pack)
    before = answers_path.read_bytes()

    def disk_full(path: Path, data: bytes, **_: bool) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(session_module, "write_atomically", disk_full)
    number = first_of_kind(pack, "count")
    async with opened(answers_path) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        failures = 0
        notified = notifications_of(app)

        async def reported() -> None:
            nonlocal failures
            await app.workers.wait_for_complete()
            await settle(pilot)
            messages = [message for message in notified if "保存失败" in message]
            assert len(messages) > failures, "no message for the failed save"
            assert "磁盘空间已满" in messages[-1] and answers_path.name in messages[-1]
            failures = len(messages)

        # main screen: an answer, and new evidence cited from the item (a worker)
        await main.go_to(number)
        await settle(pilot)
        await type_into(pilot, answer_input(main, Input), "3")
        await pilot.press("enter")
        await reported()
        # The score panel says the answer is not on disk, in words.
        assert "未保存" in screen_text(app).splitlines()[0]
        assert "已保存" not in screen_text(app).splitlines()[0]
        await pilot.press("f8")  # clearing fails too, and does not claim otherwise
        await reported()
        assert not any("已清除" in message for message in notified)
        main.query_one("#add-evidence", Button).press()
        await settle(pilot)
        await type_into(pilot, app.screen.query_one("#title", Input), "会议记录")
        await pilot.press("enter")
        await reported()
        assert app.screen is main

        # the evidence index
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, app.screen.query_one("#title", Input), "活动照片")
        await pilot.press("enter")
        await reported()
        await pilot.press("down", "d")  # entry 2 is cited by none
        await settle(pilot)
        app.screen.query_one("#yes", Button).press()
        await reported()
        await pilot.press("escape")
        await settle(pilot)

        # the summary's rectification list
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, app.screen.query_one("#problem", Input), "台账不全")
        await pilot.press("enter")
        await reported()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")
        await settle(pilot)

        # the profile
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        await type_into(pilot, app.screen.query_one("#chair", Input), "李")
        await pilot.press("enter")
        await reported()
        assert isinstance(app.screen, ProfileScreen)
    assert answers_path.read_bytes() == before


async def test_typing_is_saved_after_a_pause_not_at_every_key(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_profile(answers_path, pack)
    writes: list[bytes] = []
    real_write = session_module.write_atomically

    def counted(path: Path, data: bytes, **options: bool) -> None:
        writes.append(data)
        real_write(path, data, **options)

    monkeypatch.setattr(session_module, "write_atomically", counted)
    positions: list[str] = []
    monkeypatch.setattr(
        items_module, "remember_position", lambda _, item_id: positions.append(item_id)
    )
    # A slow machine may dwell longer than the usual pause on an item while typing:
    # only leaving should remember the position here.
    monkeypatch.setattr(ItemsScreen, "POSITION_PAUSE", 600)
    with_figures = next(i for i in pack.items.values() if i.figures and i.when is None)
    text_item = first_of_kind(pack, "text")
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, with_figures.id)
        # A pause long enough never to come: nothing is written while typing …
        usual_pause = ItemDetail.PAUSE
        monkeypatch.setattr(ItemDetail, "PAUSE", 60)
        figure = next(f for f in main.query(FigureInput) if f.name_ == with_figures.figures[0].name)
        await type_into(pilot, figure, "3月12日")
        await type_into(pilot, main.query_one("#note", TextArea), "纪要存档于工会办公室")
        assert writes == []
        # … and moving on saves the note and the figure in one write.
        await pilot.press("pagedown")
        await settle(pilot)
        assert len(writes) == 1
        saved = read_answers(answers_path).answers[with_figures.id]
        assert saved.note == "纪要存档于工会办公室"
        assert saved.figures == {with_figures.figures[0].name: "3月12日"}

        # With the usual pause, one write once the typing stops.
        monkeypatch.setattr(ItemDetail, "PAUSE", usual_pause)
        await type_at_once(pilot, main.query_one("#note", TextArea), "第二条")
        await until(pilot, lambda: len(writes) >= 2, "the note saved after the pause")
        await settle(pilot)
        assert len(writes) == 2

        # Free text answers: saved after the pause too, not at every character.
        monkeypatch.setattr(PendingValue, "PAUSE", 60)
        await main.go_to(text_item)
        await settle(pilot)
        await type_into(pilot, answer_input(main, TextArea), "已对照条例逐条自查")
        assert len(writes) == 2  # nothing typed since the last save

        # Moving through items remembers where the user stopped once, when leaving.
        for _ in range(5):
            await pilot.press("pagedown")
        await settle(pilot)
        assert positions == []
        assert len(writes) == 3  # the text answer, on moving on
        last = main.current
        assert last is not None
        # Quitting in the middle of a note keeps it.
        monkeypatch.setattr(ItemDetail, "PAUSE", 60)
        await type_into(pilot, main.query_one("#note", TextArea), "未完")
        await pilot.press("ctrl+q")
    assert positions == [last]
    assert len(writes) == 4
    saved_answers = read_answers(answers_path).answers
    assert saved_answers[text_item].value == "已对照条例逐条自查"
    assert saved_answers[last].note == "未完"


async def test_a_file_changed_by_another_program_is_not_overwritten(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    number = first_of_kind(pack, "count")
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        edited = answers_path.read_text(encoding="utf-8") + "# 另一个程序加的注释\n"
        answers_path.write_text(edited, encoding="utf-8")
        await main.go_to(number)
        await settle(pilot)
        await type_into(pilot, answer_input(main, Input), "4")
        await pilot.press("enter")
        await settle(pilot)
        assert any("被其他程序修改过" in n.message for n in app._notifications)
        assert app.screen is main
    assert answers_path.read_text(encoding="utf-8") == edited


async def test_a_cited_number_missing_from_the_evidence_index_is_kept(
    answers_path: Path, pack: Pack
) -> None:
    """`evidence = [1, 9]` typed by hand where the index has no 9: the list to tick
    cannot show 9, and looking at the item must not drop it or touch the answer."""
    write_sample(answers_path, pack)
    document = tomlkit.parse(answers_path.read_text("utf-8"))
    document["answers"]["djdgj-01"]["evidence"] = [1, 9]  # type: ignore[index]
    answers_path.write_text(tomlkit.dumps(document), "utf-8")
    before = answers_path.read_bytes()
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_at(app, pilot, "djdgj-01")
        await pilot.press("pagedown")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert answers_path.read_bytes() == before


async def test_a_paste_of_several_lines_into_a_figure_keeps_them_all(
    answers_path: Path, pack: Pack
) -> None:
    # Textual's Input kept the first line of a paste and dropped the rest unseen.
    write_profile(answers_path, pack)
    with_figures = next(i for i in pack.items.values() if i.figures and i.when is None)
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_at(app, pilot, with_figures.id)
        figure = next(f for f in main.query(FigureInput) if f.name_ == with_figures.figures[0].name)
        figure.focus()
        await settle(pilot)
        figure.post_message(events.Paste("3月12日\n  4月9日\n\n5月20日\n"))
        await settle(pilot)
        assert figure.value == "3月12日 4月9日 5月20日"
        await pilot.press("pagedown")
        await settle(pilot)
    saved = read_answers(answers_path).answers[with_figures.id]
    assert saved.figures == {with_figures.figures[0].name: "3月12日 4月9日 5月20日"}


async def test_a_file_the_editor_cannot_parse_is_told_at_the_first_change_and_kept(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app reads the answers with tomli at opening and parses them for editing
    (tomlkit) at the first change. Should tomlkit refuse what tomli read, the chair is
    told where, the app goes on, and the file is left as it was."""
    from tomlkit.exceptions import ParseError

    write_sample(answers_path, pack)
    before = answers_path.read_bytes()

    def refused(text: str) -> object:
        raise ParseError(2, 0)

    monkeypatch.setattr(tomlkit, "parse", refused)
    number = first_of_kind(pack, "count")
    async with opened(answers_path) as (app, pilot):
        notified = notifications_of(app)
        main = app.screen
        assert isinstance(main, ItemsScreen)
        await main.go_to(number)
        await settle(pilot)
        await type_into(pilot, answer_input(main, Input), "3")
        await pilot.press("enter")
        await until(pilot, lambda: any("未保存" in m for m in notified), "the refusal told")
        told = next(m for m in notified if "未保存" in m)
        assert f"{answers_path.name}:2:1" in told and "答卷文件无法解析" in told
        assert "文件未作改动" in told
        assert app.screen is main and app.is_running
        await pilot.press("ctrl+q")  # nothing was changed: it quits at once
        await until(pilot, lambda: not app.is_running, "the app quit")
    assert answers_path.read_bytes() == before
