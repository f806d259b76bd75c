"""A chair's whole walk through the app, driven with Pilot, and what ends up on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Input, SelectionList, Static, TextArea

from checklist.answers import AnswersStore, read_answers
from checklist.answers.lock import lock_path
from checklist.answers.model import Answers, ItemAnswer, Profile
from checklist.criteria.model import NumberItemBase, Pack
from checklist.scoring import Status, score
from checklist.tui.screens.evidence_form import EvidenceForm
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.profile import ProfileScreen
from checklist.tui.widgets.answer_inputs import ChoiceAnswer
from checklist.tui.widgets.figure_table import FigureTable
from checklist.tui.widgets.item_detail import score_line
from checklist.tui.widgets.item_tree import ItemTree
from tests.support.pilot import (
    answer_input,
    answer_message,
    items_prepared,
    open_at,
    opened,
    settle,
    type_into,
)
from tests.support.samples import first_of_kind, write_profile


@pytest.mark.made_ahead
async def test_whole_walk_is_saved_and_resumed(answers_path: Path, pack: Pack) -> None:
    async with opened(answers_path) as (app, pilot):
        # First opening: the profile form comes first.
        assert isinstance(app.screen, ProfileScreen)
        form = app.screen
        await type_into(pilot, form.query_one("#unit", Input), "省直机关测试工会")
        for key, text in [
            ("chair", "张三"),
            ("staff", "100"),
            ("members", "96"),
            ("women_members", "30"),
            ("activists", "30"),
            ("term_years", "5"),
            ("assessed_on", "2026年11月24日"),
        ]:
            await type_into(pilot, form.query_one(f"#{key}", Input), text)
        await pilot.press("escape")
        main = await items_prepared(app, pilot)  # the widgets PgDn fills, made ahead
        # Items that take their figure from the profile, or compute it from figures of
        # the profile, are answered by it (the shipped standard's steps item is one: 30
        # activists of 100 staff).
        for item in pack.items.values():
            own = item.figure_named(item.own_figure) if item.own_figure else None
            computed = own is not None and own.rate is not None
            if isinstance(item, NumberItemBase) and (item.from_profile or computed):
                assert main.score.items[item.id].status is Status.ANSWERED, item.id
        assert any(
            i.kind == "steps" and main.score.items[i.id].status is Status.ANSWERED
            for i in pack.items.values()
        )

        answered: dict[str, object] = {}

        async def open_item(item_id: str) -> None:
            await main.go_to(item_id)
            await settle(pilot)
            assert main.current == item_id

        # Choosing kinds: the first option is highlighted; Enter chooses it.
        for kind, expected in [("yes_no", True), ("level", "完全达到"), ("choice", None)]:
            item_id = first_of_kind(pack, kind)
            await open_item(item_id)
            answer_input(main, ChoiceAnswer).focus()
            await pilot.press("enter")
            await settle(pilot)
            answered[item_id] = expected

        for kind, text, expected_value in [
            ("threshold", "3", 3),
            ("count", "4", 4),
            ("date", "2024年6月18日", dt.date(2024, 6, 18)),
        ]:
            item_id = first_of_kind(pack, kind)
            await open_item(item_id)
            await type_into(pilot, answer_input(main, Input), text)
            answered[item_id] = expected_value

        for kind in ("multi_choice", "deductions"):
            item_id = first_of_kind(pack, kind)
            await open_item(item_id)
            answer_input(main, SelectionList).focus()
            await pilot.press("space")
            await settle(pilot)
            answered[item_id] = [pack.items[item_id].options[0].label]  # type: ignore[union-attr]

        text_item = first_of_kind(pack, "text")
        await open_item(text_item)
        await type_into(pilot, answer_input(main, TextArea), "已对照条例逐条自查")
        answered[text_item] = "已对照条例逐条自查"

        # A note and a new evidence entry, cited from the item being answered.
        await type_into(pilot, main.query_one("#note", TextArea), "纪要存档于工会办公室")
        main.query_one("#add-evidence", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, EvidenceForm)
        await type_into(pilot, app.screen.query_one("#title", Input), "工会委员会会议纪要")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        await pilot.press("ctrl+q")

    # Everything the user did is on disk, and the lock is gone.
    assert not lock_path(answers_path).exists()
    saved = read_answers(answers_path)
    assert saved.profile.unit == "省直机关测试工会"
    assert saved.profile.staff == 100
    assert saved.profile.assessed_on == dt.date(2026, 11, 24)
    for item_id, value in answered.items():
        if value is None:  # a choice item: whatever its first option is
            value = pack.items[item_id].options[0].label  # type: ignore[union-attr]
        assert saved.answers[item_id].value == value, item_id
    assert saved.answers[text_item].note == "纪要存档于工会办公室"
    assert [(e.no, e.title) for e in saved.evidence] == [(1, "工会委员会会议纪要")]
    assert saved.answers[text_item].evidence == [1]

    # Reopening: straight to the main screen, at the item where the user stopped.
    async with opened(answers_path) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        assert main.current == text_item
        tree = main.query_one(ItemTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == text_item
        assert main.query_one("#note", TextArea).text == "纪要存档于工会办公室"


async def test_conditional_item_appears_when_its_condition_holds(
    answers_path: Path, pack: Pack
) -> None:

    write_profile(answers_path, pack)
    # fwzx-05 applies only when fwzx-02 includes 心理咨询中心.
    dependent = next(
        i for i in pack.items.values() if i.when is not None and i.when.includes is not None
    )
    assert dependent.when is not None and dependent.when.item is not None
    source, option = dependent.when.item, dependent.when.includes
    async with opened(answers_path) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        tree = main.query_one(ItemTree)
        assert dependent.id not in tree._item_nodes
        await main.go_to(source)
        await settle(pilot)
        selection = answer_input(main, SelectionList)
        selection.focus()
        labels = [o.label for o in pack.items[source].options]  # type: ignore[union-attr]
        for _ in range(labels.index(option)):
            await pilot.press("down")
        await pilot.press("space")
        await settle(pilot)
        assert dependent.id in tree._item_nodes
        assert main.score.items[dependent.id].status is Status.UNANSWERED
        # and it goes again when the option is unticked
        await pilot.press("space")
        await settle(pilot)
        assert dependent.id not in tree._item_nodes
        assert main.score.items[dependent.id].status is Status.ABSENT


async def test_enter_on_a_saved_choice_keeps_it(answers_path: Path, pack: Pack) -> None:
    # Before, the highlight started on the first label: Enter saved that instead.

    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "level")
    saved = list(pack.items[item_id].choices())[1]
    with AnswersStore.open(answers_path, pack) as store:
        store.set_answer(item_id, value=saved)
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        answer_input(main, ChoiceAnswer).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert answer_input(main, ChoiceAnswer).chosen == 1
        await pilot.press("down", "enter")
        await settle(pilot)
    assert (
        read_answers(answers_path).answers[item_id].value == list(pack.items[item_id].choices())[2]
    )


async def test_leaving_the_not_applicable_dialog_comes_back_to_its_box(
    answers_path: Path, pack: Pack
) -> None:
    # After Esc the focus went to the tree, where the next Space folded a branch.

    write_profile(answers_path, pack)
    item_id = next(i.id for i in pack.items.values() if i.allow_na and i.when is None)
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        main.query_one("#na", Checkbox).focus()
        await pilot.press("space")
        await settle(pilot)
        assert not isinstance(app.screen, ItemsScreen)  # the 不适用理由 dialog
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main
        assert app.focused is main.query_one("#na", Checkbox)
        assert not main.query_one("#na", Checkbox).value


def test_an_item_waiting_on_a_blank_answer_says_what_it_waits_for(pack: Pack) -> None:
    blank = score(pack, Answers(profile=Profile()))
    assert str(score_line(blank.items["cxgzs-02"])) == (
        "本条目是否适用尚未确定：条目 cxgzs-01 未填写（条目 cxgzs-01为“是”时适用）"
    )
    answered = Answers(profile=Profile(), answers={"cxgzs-01": ItemAnswer(value=False)})
    assert str(score_line(score(pack, answered).items["cxgzs-02"])) == (
        "本条目不具备适用条件，按 0 分计（条目 cxgzs-01为“是”时适用）"
    )


async def test_invalid_number_is_rejected_inline_and_not_saved(
    answers_path: Path, pack: Pack
) -> None:

    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "count")
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        field = answer_input(main, Input)
        await type_into(pilot, field, "三次")
        message = answer_message(main)
        assert "请输入数字" in message and "未保存" in message
        assert item_id not in read_answers(answers_path).answers
        # correcting it saves at once
        field.clear()
        await type_into(pilot, field, "3")
        await pilot.press("enter")
        assert read_answers(answers_path).answers[item_id].value == 3
        assert "请输入数字" not in answer_message(main)


async def test_a_rate_over_100_and_half_a_time_are_refused(answers_path: Path, pack: Pack) -> None:
    # 150% was accepted and scored 0 without a reason; 2.5 次 was accepted and scored.

    write_profile(answers_path, pack)
    rate = next(
        i.id
        for i in pack.items.values()
        if isinstance(i, NumberItemBase)
        and i.unit == "%"
        and not i.from_profile
        and not i.own_figure
        and i.when is None
    )
    count = first_of_kind(pack, "count")
    async with opened(answers_path) as (app, pilot):
        for item_id, typed, why in [
            (rate, "150", "百分比不能超过 100"),
            (count, "2.5", "请填写整数"),
        ]:
            main = await open_at(app, pilot, item_id)
            await type_into(pilot, answer_input(main, Input), typed)
            await pilot.press("enter")
            await settle(pilot)
            assert answer_message(main) == f"✗ {why}（未保存）"
    assert rate not in read_answers(answers_path).answers
    assert count not in read_answers(answers_path).answers


async def test_impossible_date_is_rejected_and_both_date_forms_accepted(
    answers_path: Path, pack: Pack
) -> None:

    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "date")
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        field = answer_input(main, Input)
        await type_into(pilot, field, "2026-02-30")
        assert "没有这一天" in answer_message(main)
        assert item_id not in read_answers(answers_path).answers
        field.clear()
        await type_into(pilot, field, "2025-11-24")
        await pilot.press("enter")
        assert read_answers(answers_path).answers[item_id].value == dt.date(2025, 11, 24)
        field.clear()
        await type_into(pilot, field, "2024年6月8日")
        await pilot.press("enter")
        assert read_answers(answers_path).answers[item_id].value == dt.date(2024, 6, 8)
        assert "2024年6月8日" in answer_message(main)


async def test_chinese_typed_into_an_input_is_shown_and_saved(answers_path: Path) -> None:
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        form = app.screen
        assert isinstance(form, ProfileScreen)
        field = form.query_one("#unit", Input)
        await type_into(pilot, field, "浙江省（直属）机关工会，第一届")
        assert field.value == "浙江省（直属）机关工会，第一届"
        # the cursor sits after the last wide character: 2 cells each
        assert field.cursor_position == len(field.value)
        await pilot.press("enter")
        assert read_answers(answers_path).profile.unit == "浙江省（直属）机关工会，第一届"


async def test_not_applicable_asks_for_a_reason(answers_path: Path, pack: Pack) -> None:

    write_profile(answers_path, pack)
    item_id = next(i.id for i in pack.items.values() if i.allow_na and i.when is None)
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        main.query_one("#na", Checkbox).focus()
        await pilot.press("space")
        await settle(pilot)
        # cancelling leaves the item as it was
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main
        assert not main.query_one("#na", Checkbox).value
        assert item_id not in read_answers(answers_path).answers
        main.query_one("#na", Checkbox).focus()
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("enter")  # an empty reason is refused
        await settle(pilot)
        assert "请填写不适用理由" in str(app.screen.query_one("#reason-message", Static).render())
        await pilot.press(*"本单位无此情况")
        await pilot.press("enter")
        await settle(pilot)
        saved = read_answers(answers_path).answers[item_id]
        assert saved.na and saved.na_reason == "本单位无此情况"
        assert main.score.items[item_id].status is Status.NOT_APPLICABLE
        assert main.query_one("#na", Checkbox).value


async def test_figures_and_note_stay_with_their_item_when_moving_on(
    answers_path: Path, pack: Pack
) -> None:
    """The figure inputs and the note are reused between items: nothing may leak."""
    from tests.support.pilot import type_into as type_text

    write_profile(answers_path, pack)
    with_figures = [i.id for i in pack.items.values() if len(i.figures) >= 2 and i.when is None]
    first, second = with_figures[0], with_figures[1]
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, first)
        fields = [row.field for row in main.query_one(FigureTable).rows if row.shown]
        await type_text(pilot, fields[0], "12人")
        await type_text(pilot, main.query_one("#note", TextArea), "第一条的说明")
        await main.go_to(second)  # at once, before anything else happens
        await settle(pilot)
        shown = [row.field.value for row in main.query_one(FigureTable).rows if row.shown]
        assert shown == [""] * len(pack.items[second].figures)
        assert main.query_one("#note", TextArea).text == ""
    saved = read_answers(answers_path).answers
    assert saved[first].figures == {pack.items[first].figures[0].name: "12人"}
    assert saved[first].note == "第一条的说明"
    assert second not in saved


@pytest.mark.made_ahead
async def test_moving_between_items_of_every_kind_leaves_nothing_stale_on_screen(
    answers_path: Path, pack: Pack
) -> None:
    """The pane is updated in place and only changed parts are drawn again: after each
    key the screen is what drawing every widget anew shows."""
    write_profile(answers_path, pack)
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        await items_prepared(app, pilot)  # the widgets PgDn fills, made ahead
        # choice, deductions, yes_no, level (…), back, and the focus moved by Tab
        for key in ["pagedown", "pagedown", "pagedown", "pageup", "tab", "ctrl+n"]:
            await pilot.press(key)
            for widget in app.screen.query("Input, TextArea"):  # new ones too
                assert isinstance(widget, Input | TextArea)
                widget.cursor_blink = False
            await settle(pilot)
            drawn = app.export_screenshot()
            for widget in app.screen.walk_children(with_self=True):
                widget.refresh()
            await settle(pilot)
            assert app.export_screenshot() == drawn, key
