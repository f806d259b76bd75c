"""Nothing the chair needs is cut off at 80×24 (or narrower), and text that wraps
breaks as Chinese does: no line starts with "）" or "，"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, TextArea, Tree
from textual.widgets._toast import Toast

from checklist.answers import AnswersStore
from checklist.criteria.model import Pack
from checklist.tui.app import make_app
from checklist.tui.screens.help import HelpScreen
from checklist.tui.widgets.answer_inputs import MultiAnswer
from checklist.tui.widgets.figure_table import FigureTable
from checklist.tui.widgets.item_detail import ItemDetail
from checklist.tui.widgets.prose import NOT_AT_START
from checklist.tui.widgets.score_panel import ScorePanel
from tests.support.builders import ROOT
from tests.support.pilot import (
    answer_input,
    open_at,
    opened,
    screen_text,
    settle,
    type_into,
    until,
)
from tests.support.samples import first_of_kind, write_profile


def rows_of(app: App[None], widget: Widget | Region) -> list[str]:
    """The rows of `widget`'s content (or of a region of the screen) as the screen
    shows them, trailing blanks off."""
    region = widget if isinstance(widget, Region) else widget.content_region
    strips = app.screen._compositor.render_strips()
    return [s.crop(region.x, region.right).text.rstrip() for s in strips[region.y : region.bottom]]


async def test_the_hint_above_a_multiple_choice_wraps_instead_of_being_cut(
    answers_path: Path, pack: Pack
) -> None:
    # At 64 columns the item pane is narrower than "勾选已具备的项目（未勾选的按缺项扣分）：":
    # it lost its end.
    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "deductions")
    async with opened(answers_path, size=(64, 24)) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        box = main.query_one(ItemDetail).shown_answer
        assert isinstance(box, MultiAnswer)
        above, _ = box.hint_lines()
        rows = rows_of(app, box)[: len(above)]  # the hint: the lines above the checklist
        assert rows == above, (rows, above)
        assert "".join(rows) == "勾选已具备的项目（未勾选的按缺项扣分）：", rows
        assert not [row for row in rows if row[:1] in NOT_AT_START], rows


async def test_a_figure_shown_beside_its_row_breaks_as_chinese(
    answers_path: Path, pack: Pack
) -> None:
    # 拨缴比例 2.0%（拨缴金额（万元）÷上年度工资总额（万元）） wrapped with "）" alone on
    # its second line.
    answers_path.write_bytes((ROOT / "examples" / "sample-complete.answers.toml").read_bytes())
    async with opened(answers_path, size=(120, 40)) as (app, pilot):
        main = await open_at(app, pilot, "yfjh-09")
        table = main.query_one(FigureTable)
        texts = {row.side.plain: table.side_lines(row) for row in table.rows if row.shown}
        long = next(text for text in texts if "÷" in text)
        assert len(texts[long]) > 1, texts  # it wraps at this width
        assert "".join(texts[long]) == long
        screen = rows_of(app, table)
        for lines in texts.values():
            assert not [line for line in lines if line[:1] in NOT_AT_START], lines
            # Each line drawn as broken, at the end of a row of the table on the screen.
            assert all(any(row.endswith(line) for row in screen) for line in lines), screen


async def test_the_help_keeps_its_title_and_cuts_no_line_at_80_by_24(
    answers_path: Path, pack: Pack
) -> None:
    # Its body of 16 lines, the title and the button made the dialog a line taller than
    # the terminal: the focused button scrolled the title away. Rich cut a key's
    # description that had no space in it: "在列表和表格中移动、…".
    write_profile(answers_path, pack)
    async with opened(answers_path, "f1", size=(80, 24)) as (app, pilot):
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one(".dialog-body", VerticalScroll)
        rows: list[str] = []
        while True:
            shown = screen_text(app)
            assert "帮助" in shown and "关闭" in shown
            assert "…" not in shown
            rows += rows_of(app, body)
            if body.scroll_y >= body.max_scroll_y:
                break
            await pilot.press("pagedown")
            await settle(pilot)
        text = "".join("".join(rows).split())
        assert "在左侧目录中移动、打开条目；在列表和表格中移动、选中" in text
        assert "按Tab移到框上，按空格勾选，再写明理由（必填）" in text
        assert not [row for row in rows if row.strip()[:1] in NOT_AT_START], rows


@pytest.mark.parametrize("size", [(80, 24), (64, 24)])
async def test_the_score_and_the_time_of_the_last_save_are_never_cut(
    answers_path: Path, pack: Pack, size: tuple[int, int]
) -> None:
    # "得分 0/98（折算 0.0/100）  未达标（否决项未答 4）  已答 1/47" and the bar left no room
    # for the time: "已保存 01:24:" lost its seconds, at 64 columns all of it.
    write_profile(answers_path, pack)
    na_item = next(i.id for i in pack.items.values() if i.allow_na and i.when is None)
    with AnswersStore.open(answers_path, pack) as store:
        store.set_answer(na_item, na=True, na_reason="本单位没有下属单位")
    item_id = first_of_kind(pack, "count")
    async with opened(answers_path, size=size) as (app, pilot):
        main = await open_at(app, pilot, item_id)
        await type_into(pilot, answer_input(main, Input), "3")
        await pilot.press("enter")
        await until(pilot, lambda: main.store.saved_at is not None, "saved")
        await settle(pilot)
        panel = main.query_one(ScorePanel)
        score, _ = panel.shown()
        score_region, saved_region = panel.regions()
        assert "折算" in score and "未达标" in score  # long: the line holds it and no bar
        shown = "".join(rows_of(app, score_region))
        assert "".join(shown.split()) == "".join(score.split()), shown
        saved = "".join(rows_of(app, saved_region))
        assert re.fullmatch(r"已保存 \d\d:\d\d:\d\d", saved), saved
        assert panel.region.right <= size[0]


async def test_a_notification_keeps_every_character_over_the_widgets_beneath(
    answers_path: Path,
) -> None:
    # F8 on 第7项 at 80×24 told "已清  本条回答": the 除 straddled the edge of a widget
    # beneath the notification and was drawn as two blanks.
    answers_path.write_bytes((ROOT / "examples" / "sample-partial.answers.toml").read_bytes())
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        main = await open_at(app, pilot, "djdgj-07")
        main.query_one(Tree).focus()
        await pilot.press("f8")
        await until(pilot, lambda: list(app.screen.query(Toast)), "a notification is shown")
        await settle(pilot)
        toast = app.screen.query_one(Toast)
        message = toast.render().plain
        assert message.startswith("已清除本条回答")
        rows = [row.strip() for row in rows_of(app, toast) if row.strip()]
        assert "".join("".join(rows).split()) == "".join(message.split()), rows
        assert not [row for row in rows[1:] if row[:1] in NOT_AT_START], rows


async def test_a_note_wraps_as_chinese_and_is_saved_as_typed(answers_path: Path) -> None:
    # The complete sample's note of 第9项 wrapped at 120×40 with "。" alone on its line.
    answers_path.write_bytes((ROOT / "examples" / "sample-complete.answers.toml").read_bytes())
    async with opened(answers_path, size=(120, 40)) as (app, pilot):
        main = await open_at(app, pilot, "yfjh-09")
        note = main.query_one("#note", TextArea)
        before = note.text
        rows = [row.strip(" ▊▎") for row in rows_of(app, note)]
        assert "".join("".join(rows).split()) == "".join(before.split()), rows
        assert not [row for row in rows if row[:1] in NOT_AT_START], rows
        # Editing at the end of a wrapped line still puts the text where the cursor is.
        note.focus()
        await pilot.press("down", "down", "down", "end")  # down the wrapped lines
        await type_into(pilot, note, "另附回执。")
        assert note.text == before + "另附回执。"
