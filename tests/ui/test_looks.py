"""What the chair sees without reading colours: key names, box shapes, the focused
field, and items named by their number in the sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input, Tree
from textual.widgets.selection_list import Selection

from checklist.answers import AnswersStore, read_answers
from checklist.criteria.model import Pack
from checklist.formats import points_text
from checklist.tui.plain_app import PlainApp
from checklist.tui.screens.evidence_form import EvidenceForm
from checklist.tui.textual_patches import focus_styles
from checklist.tui.widgets.answer_inputs import ChoiceAnswer
from checklist.tui.widgets.boxes import TickList
from tests.support.pilot import (
    answer_input,
    choose,
    open_at,
    opened,
    screen_text,
    settle,
    type_into,
    until,
)
from tests.support.samples import ASSESSED_ON, first_of_kind, write_profile, write_sample


async def test_the_footer_names_keys_as_chinese_software_does(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path, size=(80, 24)) as (app, _pilot):
        footer = screen_text(app).splitlines()[-1]
    assert "Ctrl+N 下一未答" in footer and "Ctrl+Q 退出" in footer and "F1 帮助" in footer
    assert "^" not in footer
    # Nothing is cut at 80 columns: the last key shown is whole.
    assert footer.rstrip().endswith("F1 帮助")


async def test_a_chosen_option_differs_in_shape_from_the_others(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "choice")
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        radios = answer_input(main, ChoiceAnswer)
        radios.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        lines = [line for line in screen_text(app).splitlines() if "▐" in line]
    chosen = [line for line in lines if "▐●▌" in line]
    assert len(chosen) == 1 and len(lines) == len(pack.items[item_id].options)
    assert all("▐ ▌" in line for line in lines if line not in chosen)


async def test_the_field_with_the_focus_has_a_heavy_frame(answers_path: Path, pack: Pack) -> None:
    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "count")
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        number = answer_input(main, Input)
        main.query_one(Tree).focus()
        await settle(pilot)
        assert number.styles.border_top[0] != "heavy"
        number.focus()
        await settle(pilot)
        assert number.styles.border_top[0] == "heavy"
        assert "┏" in screen_text(app)


class _Fields(PlainApp):
    CSS = """
    Input:focus { border: heavy $accent; }
    Input.-marked:focus { border: double $accent; }
    """

    def compose(self) -> ComposeResult:
        yield Input(id="a")
        yield Input(id="b")


async def test_a_field_looks_focused_each_time_it_takes_the_focus_again() -> None:
    """The styles of a change of focus are kept and reused (focus_styles.py): a field
    styled otherwise in between (a class added) takes its new look."""
    app = _Fields()
    async with app.run_test() as pilot:
        a, b = app.query_one("#a", Input), app.query_one("#b", Input)

        async def focus(field: Input) -> tuple[str, str]:
            field.focus()
            await settle(pilot)
            return a.styles.border_top[0], b.styles.border_top[0]

        for _ in range(3):
            assert await focus(a) == ("heavy", "tall")
            assert await focus(b) == ("tall", "heavy")
        a.add_class("-marked")
        await settle(pilot)
        for _ in range(2):
            assert await focus(a) == ("double", "tall")
            assert await focus(b) == ("tall", "heavy")
        a.remove_class("-marked")
        assert await focus(a) == ("heavy", "tall")


async def test_a_field_whose_focus_looks_are_made_ahead_looks_as_before_until_focused() -> None:
    """focus_styles.prepare works out a field's looks with and without the focus; the
    field keeps its own meanwhile, and takes the focused one when focused."""
    app = _Fields()
    async with app.run_test() as pilot:
        a, b = app.query_one("#a", Input), app.query_one("#b", Input)
        a.focus()
        await settle(pilot)
        focus_styles.prepare(b)
        await settle(pilot)
        assert not b.has_focus and app.focused is a
        assert (a.styles.border_top[0], b.styles.border_top[0]) == ("heavy", "tall")
        b.focus()
        await settle(pilot)
        assert (a.styles.border_top[0], b.styles.border_top[0]) == ("tall", "heavy")


async def test_items_are_named_by_their_number_in_the_sheet(answers_path: Path, pack: Pack) -> None:
    write_profile(answers_path, pack)
    # The third item of the second area: numbered as the sheet numbers it.
    item = list(pack.areas[1].items())[2]
    number = pack.sheet_numbers[item.id]
    expected = 3 if pack.info.numbering == "per_area" else len(list(pack.areas[0].items())) + 3
    assert number == expected
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, item.id)
        shown = screen_text(app)
        node = main.query_one(Tree).cursor_node
        assert node is not None and node.data == item.id
        assert str(node.label).split()[1] == str(number)
    assert f"第{number}项" in shown and item.id not in shown


class _Choices(App[None]):
    def __init__(self, selections: list[Selection[int]]) -> None:
        super().__init__()
        self.selections = selections

    def compose(self) -> ComposeResult:
        yield TickList[int](*self.selections)

    CSS = "TickList { width: 30; height: 12; text-wrap: wrap; text-overflow: fold; }"


async def test_a_wrapped_option_has_one_box_on_its_first_line_in_its_own_state() -> None:
    long = "建立工会干部联系职工、职工谈心和意见征集制度，及时了解反映职工思想动态和诉求"
    app = _Choices([Selection("甲", 0), Selection(long, 1, True), Selection("乙", 2)])
    async with app.run_test(size=(40, 20)) as pilot:
        await settle(pilot)
        rows = [line[:26] for line in screen_text(app).splitlines() if line.strip()]
        options = app.query_one(TickList)
        await choose(pilot, options, 2)
        after = [line[:26] for line in screen_text(app).splitlines() if line.strip()]
    # One box per option, whatever its lines: 甲 empty, the long one ticked, 乙 empty.
    boxed = [row for row in rows if "▐" in row]
    assert len(boxed) == 3
    assert "▐ ▌ 甲" in boxed[0] and "▐X▌ 建立" in boxed[1] and "▐ ▌ 乙" in boxed[2]
    assert len(rows) > 4  # the long option wrapped; its later lines carry no box
    assert "▐X▌ 乙" in next(row for row in after if "乙" in row)


async def test_ctrl_z_undoes_a_cleared_answer_and_the_change_before_it(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "count")
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        for number in ("3", "7"):
            field = answer_input(main, Input)
            field.focus()
            field.value = ""
            await pilot.press(number, "enter")
            await settle(pilot)
        assert read_answers(answers_path).answers[item_id].value == 7
        main.query_one(Tree).focus()
        await pilot.press("f8")
        await until(
            pilot,
            lambda: (
                read_answers(answers_path).answer(item_id) is None
                or read_answers(answers_path).answers[item_id].value is None
            ),
            "cleared",
        )
        told = [note.message for note in app._notifications]
        assert any("按 Ctrl+Z 可撤销" in message for message in told), told
        await pilot.press("ctrl+z")
        await until(pilot, lambda: read_answers(answers_path).answers[item_id].value == 7, "7 back")
        assert answer_input(main, Input).value == "7"
        await pilot.press("ctrl+z")
        await until(pilot, lambda: read_answers(answers_path).answers[item_id].value == 3, "3 back")
        assert answer_input(main, Input).value == "3"
        assert "已保存" in screen_text(app).splitlines()[0]


async def test_an_evidence_date_after_the_assessment_day_is_questioned(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path, "f3", "a") as (app, pilot):
        form = app.screen
        assert isinstance(form, EvidenceForm)
        date = form.query_one("#date", Input)
        later = ASSESSED_ON + dt.timedelta(days=1)
        await type_into(pilot, date, later.isoformat())
        assert "晚于自评日期" in screen_text(app)
        date.value = ""
        await type_into(pilot, date, ASSESSED_ON.isoformat())
        assert "晚于自评日期" not in screen_text(app)


async def test_the_panel_shows_points_earned_beside_the_rescaled_total(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)
    with AnswersStore.open(answers_path, pack) as store:
        item = next(i for i in pack.items.values() if i.allow_na and i.when is None)
        store.set_answer(item.id, na=True, na_reason="本单位无此项工作")
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = await open_at(app, pilot, first_of_kind(pack, "choice"))
        result = main.score
        # An item does not apply, so the total is rescaled.
        assert result.raw_max < result.max and result.raw > 0
        top = screen_text(app).splitlines()[0]
    earned = f"得分 {points_text(result.raw)}/{points_text(result.raw_max)}"
    assert f"{earned}（折算 {points_text(result.total)}/{points_text(result.max)}）" in top
