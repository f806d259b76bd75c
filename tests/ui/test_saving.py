"""What reaches the answers file: cleared inputs, failed saves, typing that pauses."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from checklist.answers import AnswersStore, read_answers
from checklist.criteria.model import Pack
from checklist.scoring import Status
from checklist.tui.app import make_app
from checklist.tui.screens.main import MainScreen
from tests.ui.conftest import write_profile
from tests.ui.pilot import settle, type_into
from tests.ui.test_walk import first_of_kind


async def test_clearing_a_saved_number_or_date_clears_the_file(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    number, date = first_of_kind(pack, "count"), first_of_kind(pack, "date")
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        for item_id, text in ((number, "3"), (date, "2025-11-24")):
            await main.go_to(item_id)
            await settle(pilot)
            field = main.query_one("#answer", Input)
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
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await main.go_to(number)
        await settle(pilot)
        field = main.query_one("#answer", Input)
        assert field.value == ""
        field.focus()
        await pilot.press("enter")  # Enter and leaving an untouched input save nothing
        await pilot.press("pagedown")
        await settle(pilot)
        assert read_answers(answers_path).answers[number].value == "三次"
        await pilot.press("ctrl+q")
    assert read_answers(answers_path).answers[number].value == "三次"
