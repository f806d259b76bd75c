"""The 整改 form picks its items from a list, as the sheet numbers them, by keyboard."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input

from checklist.answers import read_answers
from checklist.criteria.model import Pack
from checklist.scoring import score
from checklist.tui.screens.item_picker import ItemPicker
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.rectification_form import ItemsField, RectificationForm
from checklist.tui.widgets.boxes import TickList
from tests.support.pilot import opened, screen_text, settle, type_into, until
from tests.support.samples import write_sample


def listed(picker: ItemPicker) -> list[str]:
    """The ids of the items the list shows now (not its area headings)."""
    options = picker.query_one(TickList).options
    return [o.value for o in options if not o.disabled]  # type: ignore[attr-defined]


async def test_a_rectification_row_picks_its_items_from_a_list_at_80x24(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)
    lost = score(pack, read_answers(answers_path)).shortfalls[0]
    # An item of another area than the one that lost points, found by a word of its text.
    other = next(
        item
        for item in pack.items.values()
        if pack.area_of[item.id] != pack.area_of[lost.item_id] and "经费" in item.text
    )
    async with opened(answers_path, "f4", size=(80, 24)) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RectificationForm)
        await type_into(pilot, form.query_one("#problem", Input), "经费拨缴不足")
        await pilot.press("tab", "tab", "tab", "tab")  # to 涉及条目
        await settle(pilot)
        assert form.focused is form.query_one(ItemsField)
        assert "保存" in screen_text(app)  # the form's buttons are in view at 80×24
        await pilot.press("enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ItemPicker)
        shown = screen_text(app)
        # As the sheet numbers it, with the start of its text; what lost points is marked.
        number = pack.sheet_numbers[lost.item_id]
        assert f"第{number}项（失" in shown
        assert pack.items[lost.item_id].text[:8] in shown
        assert lost.item_id not in shown and "确定" in shown
        # Typing narrows the list; Down goes to it, Space ticks.
        search = picker.query_one("#search", Input)
        await type_into(pilot, search, "经费")
        assert other.id in listed(picker) and all(
            "经费" in pack.items[i].text or "经费" in pack.area_of[i].title for i in listed(picker)
        )
        await pilot.press("down")
        await settle(pilot)
        options = picker.query_one(TickList)
        assert picker.focused is options
        for _ in listed(picker):
            highlighted = options.highlighted
            assert highlighted is not None
            if options.get_option_at_index(highlighted).value == other.id:
                break
            await pilot.press("down")
        await pilot.press("space")
        await settle(pilot)
        assert "已选 1 项" in screen_text(app)
        # Typing in the list goes on with the search; what was ticked stays ticked.
        await pilot.press("x")
        await settle(pilot)
        assert picker.focused is search and search.value == "经费x"
        assert "没有找到" in screen_text(app) and "已选 1 项" in screen_text(app)
        await pilot.press("backspace")
        await settle(pilot)
        assert other.id in options.selected
        await pilot.press("tab", "tab", "enter")  # the list, 确定
        await settle(pilot)
        assert app.screen is form
        assert f"第{pack.sheet_numbers[other.id]}项" in screen_text(app)
        await pilot.press("tab", "enter")  # 保存
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
    saved = read_answers(answers_path).rectification
    assert saved[-1].problem == "经费拨缴不足" and saved[-1].items == [other.id]


async def test_keys_typed_in_a_burst_land_in_the_list_after_down(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)
    async with opened(answers_path, "f4", "n", size=(80, 24)) as (app, pilot):
        form = app.screen
        assert isinstance(form, RectificationForm)
        form.query_one(ItemsField).focus()
        await pilot.press("enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ItemPicker)
        # A word, ↓, tick, ↓, tick: all queued at once, as a fast typist's keys come.
        keys = [("经", "经"), ("费", "费"), ("down", None), ("space", " ")]
        for key, character in [*keys, ("down", None), ("space", " ")]:
            app.post_message(events.Key(key, character))
        await until(pilot, lambda: "已选 2 项" in screen_text(app), "two items ticked")
        search = picker.query_one("#search", Input)
        assert search.value == "经费"
        assert picker.chosen == listed(picker)[:2]
