"""Every keystroke lands in the field the chair sees focused, under the item shown.

A fast typist or a paste sends several keys in one read of the terminal; they reach
the app together, before it has acted on the first. These tests send such bursts
(all keys queued at once) and check where the text was saved.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, SelectionList, Tree

from checklist.answers import read_answers
from checklist.criteria.model import Pack
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.profile import ProfileScreen
from checklist.tui.widgets.item_detail import ItemDetail
from tests.support.pilot import answer_input, open_at, opened, settle, type_into, until
from tests.support.samples import write_profile, write_sample


def burst(app: App[None], *keys: str) -> None:
    """Queue `keys` at once, as a terminal delivers a paste or a fast typist's keys."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def shown_item(main: ItemsScreen) -> str:
    """The id the item pane shows in its heading."""
    detail = main.query_one(ItemDetail)
    assert detail.item is not None
    return detail.item.id


async def test_palette_jump_into_a_collapsed_area_above_lands_there(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)
    here, target = "whty-01", "djdgj-08"  # the first area's count item, from the last area
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, here)
        tree = main.query_one(Tree)
        for area in tree.root.children:
            if area.data != "whty":
                area.collapse()
        await settle(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette opens")
        palette = app.screen
        words = pack.items[target].text[:12]  # as the chair finds it: by its words
        await type_into(pilot, palette.query_one(Input), words)

        def hit_listed() -> bool:
            hits = palette.query_one(CommandList)
            return any(
                words in str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)
            )

        await until(pilot, hit_listed, "the palette lists the item")
        await pilot.press("down", "enter")
        await until(pilot, lambda: app.screen is main, "the palette closes")
        await settle(pilot)
        assert main.current == target and shown_item(main) == target
        assert isinstance(app.focused, Input) and app.focused.id == "answer"
        await pilot.press("5", "enter")
        await settle(pilot)
    answers = read_answers(answers_path).answers
    assert answers[target].value == 5
    assert here not in answers


async def test_typing_then_pagedown_at_once_saves_under_the_item_typed_in(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    # A number item followed by a date item: both are typed.
    first, second = "sxyl-06", "yflz-01"
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, first)
        answer_input(main, Input).focus()
        await settle(pilot)
        burst(app, "8", "5", "pagedown", *"2024-06-18", "enter")
        await until(pilot, lambda: main.current == second, "the next item is shown")
        await settle(pilot)
        assert shown_item(main) == second
    answers = read_answers(answers_path).answers
    assert answers[first].value == 85
    assert str(answers[second].value) == "2024-06-18"


async def test_keys_after_a_tab_land_in_the_field_it_focused(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    item_id = "djdgj-08"  # a count item: Tab from the tree goes to its number input
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        main.query_one(Tree).focus()
        await settle(pilot)
        burst(app, "tab", "4", "2", "enter")
        await until(pilot, lambda: answer_input(main, Input).value == "42", "42 typed")
        await settle(pilot)
    assert read_answers(answers_path).answers[item_id].value == 42


async def test_keys_after_a_tab_in_the_profile_land_in_the_next_field(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path, "f2") as (app, pilot):
        form = app.screen
        assert isinstance(form, ProfileScreen)
        unit = form.query_one("#unit", Input)
        assert app.focused is unit
        burst(app, "tab", *"abc", "tab", *"xyz", "enter")
        contact = form.query_one("#contact", Input)
        await until(pilot, lambda: contact.value.endswith("xyz"), "xyz typed")
        await settle(pilot)
        assert unit.value == "××省××厅机关工会"
        assert form.query_one("#chair", Input).value.endswith("abc")
    profile = read_answers(answers_path).profile
    assert profile.unit == "××省××厅机关工会"
    assert profile.chair is not None and profile.chair.endswith("abc")
    assert profile.contact is not None and profile.contact.endswith("xyz")


async def test_keys_never_go_to_an_input_hidden_with_the_item_it_belonged_to(
    answers_path: Path, pack: Pack
) -> None:
    """From a number typed in, to an item whose figure comes from the profile (nothing
    to type): the hidden number input keeps no focus, and what is typed next is not
    saved under the item before."""
    write_profile(answers_path, pack)
    typed, from_profile = "yfjh-06", "yfjh-08"
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, typed)
        answer_input(main, Input).focus()
        await settle(pilot)
        await main.go_to(from_profile)
        await settle(pilot)
        assert shown_item(main) == from_profile
        assert app.focused is not None and app.focused.region, app.focused
        await pilot.press("7", "enter")
        await settle(pilot)
    assert typed not in read_answers(answers_path).answers


async def test_evidence_ticked_for_one_item_is_not_shown_nor_saved_for_the_next(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)  # two evidence entries; djdgj-05 and -06 cite none
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, "djdgj-05")
        cited = main.query_one("#evidence-list", SelectionList)
        cited.select(2)
        await settle(pilot)
        await pilot.press("pagedown")
        await until(pilot, lambda: shown_item(main) == "djdgj-06", "the next item is shown")
        assert cited.selected == []
        await pilot.press("pagedown")
        await settle(pilot)
    answers = read_answers(answers_path).answers
    assert answers["djdgj-05"].evidence == [2]
    assert "djdgj-06" not in answers or not answers["djdgj-06"].evidence
