"""A typed answer and a multiple-choice answer each draw their texts themselves
(answer_inputs.TypedAnswer, MultiAnswer): what the chair sees of them, and the keys
and clicks of their inputs and buttons."""

from __future__ import annotations

from pathlib import Path

from rich.color import Color as RichColor
from textual.app import App
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Button, Input, SelectionList

from checklist.answers import AnswersStore, read_answers
from checklist.criteria import load_pack
from checklist.criteria.model import Pack
from checklist.tui.app import make_app
from checklist.tui.widgets.answer_inputs import MultiAnswer, TypedAnswer
from checklist.tui.widgets.item_detail import ItemDetail
from checklist.tui.widgets.prose import NOT_AT_END, NOT_AT_START
from tests.report.test_content import SHEET
from tests.support.pilot import answer_input, open_at, opened, settle, type_into, until
from tests.support.samples import first_of_kind, write_profile


def rows_of(app: App[None], widget: Widget, x: int | None = None) -> list[str]:
    """The rows of `widget` as the screen shows them (from the screen's column `x` on,
    where given), trailing blanks off."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    start = region.x if x is None else x
    return [s.crop(start, region.right).text.rstrip() for s in strips[region.y : region.bottom]]


def colours_of(app: App[None], widget: Widget, row: int) -> set[RichColor | None]:
    """The colours of the text (not the blanks) on `row` of `widget` on the screen."""
    region = widget.region
    strip = app.screen._compositor.render_strips()[region.y + row]
    return {s.style.color for s in strip.crop(region.x, region.right) if s.text.strip()}


def typed_answer(app: App[None]) -> TypedAnswer:
    widget = app.screen.query_one(ItemDetail).shown_answer
    assert isinstance(widget, TypedAnswer), widget
    return widget


async def test_the_unit_follows_the_input_and_the_message_is_under_it_at_80x24(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "count")
    unit = pack.items[item_id].unit  # type: ignore[union-attr]
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        field = answer_input(main, Input)
        box = typed_answer(app)
        box.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        # The input's middle line, then one cell, then the unit.
        assert field.region.y == box.region.y and field.region.height == 3
        after_input = rows_of(app, box, field.region.right)
        assert after_input[:3] == ["", f" {unit}", ""], after_input
        assert rows_of(app, box)[3] == ""  # no message yet: its line is blank
        await type_into(pilot, field, "三次")
        await until(pilot, lambda: box.message_lines() != [""], "the message shown")
        rows = rows_of(app, box)
        assert rows[3] == "✗ 请输入数字，例如 12（未保存）", rows
        assert box.message_lines() == [rows[3]]
        error = Color.parse(app.theme_variables["error"]).rich_color
        assert colours_of(app, box, 3) == {error}
        # Corrected: the message goes, and nothing is drawn in the error colour.
        field.clear()
        await type_into(pilot, field, "3")
        await until(pilot, lambda: not box.message_is_error, "the message gone")
        await settle(pilot)
        assert rows_of(app, box)[3] == ""
        assert rows_of(app, box, field.region.right)[1] == f" {unit}"


async def test_a_wrong_date_is_told_under_its_input_in_the_error_colour_at_64x24(
    answers_path: Path, pack: Pack
) -> None:
    # The pane is narrower than the message: it wraps under the input, as a line of
    # text wraps at a space.
    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "date")
    async with opened(answers_path, size=(64, 24)) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        field = answer_input(main, Input)
        box = typed_answer(app)
        await type_into(pilot, field, "明天上午")
        await until(pilot, lambda: box.message_is_error, "the message shown")
        box.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        lines = box.message_lines()
        assert lines == ["✗ 日期格式应为 2026-11-24 或", "2026年11月24日（未保存）"], lines
        assert rows_of(app, box)[3:] == lines
        error = Color.parse(app.theme_variables["error"]).rich_color
        assert all(colours_of(app, box, 3 + row) == {error} for row in range(len(lines)))
        # A date it reads: what it reads as, on one line, not in the error colour.
        field.clear()
        await type_into(pilot, field, "2024年6月8日")
        await until(pilot, lambda: box.message_lines() == ["即 2024年6月8日"], "read")
        await settle(pilot)
        assert rows_of(app, box)[3:] == ["即 2024年6月8日"]
        assert error not in colours_of(app, box, 3)
    assert item_id not in read_answers(answers_path).answers  # never saved wrong


def _women_sheet(folder: Path, answers_path: Path) -> Path:
    """SHEET for a unit of 3 women members: 女职委 of zzjq-01 is not offered to it."""
    criteria = folder / "sheet.toml"
    criteria.write_text(SHEET, "utf-8")
    with AnswersStore.open(answers_path, load_pack(criteria)) as store:
        store.set_profile(unit="某局", members=40, women_members=3)
    return criteria


async def test_the_options_not_offered_are_told_under_the_button_at_64x24(
    tmp_path: Path, answers_path: Path
) -> None:
    app = make_app(answers_path, _women_sheet(tmp_path, answers_path))
    async with app.run_test(size=(64, 24)) as pilot:
        main = await open_at(app, pilot, "zzjq-01")
        box = main.query_one(ItemDetail).shown_answer
        assert isinstance(box, MultiAnswer)
        above, below = box.hint_lines()
        rows = rows_of(app, box)
        assert rows[: len(above)] == above
        assert "".join(above) == "勾选已具备的项目（未勾选的按缺项扣分）："
        # The button, then the lines of what is not offered, broken as prose.
        button = box.query_one("#answer-none", Button)
        assert rows[button.region.y - box.region.y].strip() == "均不具备"
        assert rows[button.region.bottom - box.region.y :] == below
        assert "".join(below) == "不适用于本单位、不扣分的项目：女职委（女会员人数不少于 10时适用）"
        assert len(below) > 1
        assert not [line for line in below[1:] if line[0] in NOT_AT_START], below
        assert not [line for line in below[:-1] if line[-1] in NOT_AT_END], below


async def test_tab_enter_and_a_click_on_none_of_a_multiple_choice(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "multi_choice")
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        options = answer_input(main, SelectionList)
        options.focus()
        await pilot.press("space")  # ticks the first option
        await until(pilot, lambda: item_id in read_answers(answers_path).answers, "saved")
        assert read_answers(answers_path).answers[item_id].value
        # Tab: from the options to 均未选择, and back with Shift+Tab.
        await pilot.press("tab")
        none = app.screen.focused
        assert isinstance(none, Button) and none.id == "answer-none"
        assert str(none.label) == "均未选择"
        await pilot.press("shift+tab")
        assert app.screen.focused is options
        await pilot.press("tab", "enter")
        await until(pilot, lambda: not options.selected, "unticked")
        await until(pilot, lambda: read_answers(answers_path).answers[item_id].value == [], "saved")
        # Ticked again, then a click on it.
        options.focus()
        await pilot.press("space")
        await until(pilot, lambda: read_answers(answers_path).answers[item_id].value, "saved")
        none.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        assert await pilot.click(none)
        await until(pilot, lambda: read_answers(answers_path).answers[item_id].value == [], "saved")
        assert not options.selected
