"""Figures in the app: what 基本情况 holds is shown, never asked; rates are computed
and shown with how; typed figures take their type and reach the file as it."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.widgets import Static

from checklist.answers import AnswersStore, read_answers
from checklist.criteria import load_standard
from checklist.criteria.model import Pack
from checklist.scoring import Status
from checklist.tui.app import make_app
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.answer_inputs import MultiAnswer
from checklist.tui.widgets.boxes import TickList
from checklist.tui.widgets.figure_table import FigureInput, FigureTable
from checklist.tui.widgets.item_detail import ItemDetail
from tests.support.builders import ROOT
from tests.support.pilot import open_at, opened, screen_text, settle, type_into, until
from tests.support.samples import write_profile


def figure_rows(main: ItemsScreen) -> list[tuple[str, bool, str]]:
    """Each figure row shown: its heading, whether it has an input, and what is shown
    beside it (a value and where it comes from, or why the text typed does not fit)."""
    table = main.query_one(FigureTable)
    return [
        (row.name, row.field.display, "".join(table.side_lines(row)))
        for row in table.rows
        if row.shown
    ]


async def test_the_app_does_not_ask_for_a_profile_figure_and_shows_the_computed_rate(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack, staff=142, members=133)
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, "yfjh-02")
        # 133 ÷ 142 = 93.66…% → 93.7%, below 95%.
        assert figure_rows(main) == [
            ("职工数", False, "142人（取自基本情况）"),
            ("会员数", False, "133人（取自基本情况）"),
            ("入会率", False, "93.7%（会员数÷职工数）"),
        ]
        detail = main.query_one(ItemDetail)
        assert detail.answer_input() is None  # nothing to type: the rate is the answer
        shown = detail.shown_answer
        assert isinstance(shown, Static) and shown.has_class("answer-box")
        answer = str(shown.render())
        assert answer == "按数字说明“入会率”计分：由会员数÷职工数算出，见下方“工作情况和数字说明”"
        assert str(main.query_one("#item-score", Static).render()) == "本条得分：0 / 2 分"
        assert "93.7%（会员数÷职工数）" in screen_text(app)
        # yfjh-03 shows the date and the term of 基本情况, and asks only for the rest.
        await main.go_to("yfjh-03")
        await settle(pilot)
        assert figure_rows(main) == [
            ("上次换届时间", False, "2023年6月18日（取自基本情况）"),
            ("每届任期", False, "5年（取自基本情况）"),
            ("批复文号", True, ""),
            ("批准延期至", True, ""),
            ("延期批复文号", True, ""),
        ]
    assert "yfjh-02" not in read_answers(answers_path).answers


async def test_typed_figures_reach_the_file_as_their_type_and_the_rate_follows(
    tmp_path: Path,
) -> None:
    sheet = ROOT / "criteria" / "jiguan-hege-dabiao.toml"
    path = tmp_path / "unit.toml"
    write_profile(path, load_standard(sheet))
    app = make_app(path, sheet)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_at(app, pilot, "zzjq-8")
        assert [(name, typed) for name, typed, _ in figure_rows(main)] == [
            ("应建小家科室、班组数（个）", True),
            ("开展建小家活动数（个）", True),
            ("建小家活动率", False),
        ]
        due, done = [f for f in main.query(FigureInput) if f.display and f.name_][:2]
        await type_into(pilot, due, "8")
        await type_into(pilot, done, "7个")  # the unit typed after the number is fine
        await pilot.press("pagedown")
        await settle(pilot)
        text = path.read_text("utf-8")
        assert 'figures = {"应建小家科室、班组数" = 8, "开展建小家活动数" = 7}' in text
        # 7 ÷ 8 = 87.5% < 90%: 0 of 2, shown with how it was computed.
        await main.go_to("zzjq-8")
        await settle(pilot)
        assert figure_rows(main)[2] == (
            "建小家活动率",
            False,
            "87.5%（开展建小家活动数÷应建小家科室、班组数）",
        )
        assert main.score.items["zzjq-8"].score == 0

        # Text that is not a whole number is marked at once, and kept as typed.
        done = [f for f in main.query(FigureInput) if f.display and f.name_][1]
        done.clear()
        await type_into(pilot, done, "七")
        assert figure_rows(main)[1][2] == "✗ 请输入数字，例如 12（按文字保存，需复核）"
        # Beside the input, which makes room for it: on the screen, not under the input.
        await settle(pilot)
        wrong = "✗ 请输入数字，例如 12（按文字保存，需复核）"
        assert done.region.right == main.query_one(FigureTable).region.right - cell_len(wrong)
        assert wrong in screen_text(app)
        await pilot.press("pagedown")
        await settle(pilot)
        assert read_answers(path).answers["zzjq-8"].figures["开展建小家活动数"] == "七"
        item = main.score.items["zzjq-8"]
        assert item.status is Status.REVIEW
        assert item.hint == "数字说明“开展建小家活动数”填的是“七”：请输入数字，例如 12"


async def test_a_broken_check_is_shown_as_需复核_on_the_item(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    with AnswersStore.open(answers_path, pack) as store:
        store.set_answer("yflz-06", value="完全达到", figures={"受理件数": 9, "办结件数": 12})
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, "yflz-06")
        line = str(main.query_one("#item-score", Static).render())
        assert line == "本条得分：0 / 2 分  办结件数 12件 多于受理件数 9件，请核对"
        assert [f.value for f in main.query(FigureInput) if f.display and f.name_] == ["9", "12"]
        assert main.score.review == ["yflz-06"]


_ALL_OF_STANDARD = """\
[pack]
id = "all-of-pack"
title = "多项同时达到"
edition = "测试版"
effective = 2026-01-01
issuer = "测试单位"
total = 9
grades = [{ name = "合格", at_least = 6 }]
fail = "不合格"

[[area]]
id = "a"
title = "组织健全"
points = 9

  [[area.item]]
  id = "a-1"
  text = "会籍动态管理，入会率达90%以上"
  points = 3
  figures = [
    { name = "职工数", from_profile = "staff" },
    { name = "会员数", from_profile = "members" },
    { name = "入会率", rate = ["会员数", "职工数"] },
  ]
  kind = "all_of"
  parts = [
    { label = "会籍动态管理" },
    { label = "入会率达90%以上", figure = "入会率", at_least = 90 },
  ]

  [[area.item]]
  id = "a-2"
  text = "登记表、会员证齐全"
  points = 3
  kind = "all_of"
  parts = [{ label = "登记表齐全" }, { label = "会员证齐全" }]

  [[area.item]]
  id = "a-3"
  text = "会员人数达到100人，职工人数达到100人"
  points = 3
  figures = [
    { name = "职工数", from_profile = "staff" },
    { name = "会员数", from_profile = "members" },
  ]
  kind = "all_of"
  parts = [
    { label = "会员达100人", figure = "会员数", at_least = 100 },
    { label = "职工达100人", figure = "职工数", at_least = 100 },
  ]
"""


async def test_each_compound_item_shows_its_own_parts_decided_by_figures(
    tmp_path: Path,
) -> None:
    """Three 多项同时达到 items in a row: one with a part decided by a figure, one all
    ticked, one all decided. Each shows its own parts, whichever was shown before."""
    sheet = tmp_path / "all_of.toml"
    sheet.write_text(_ALL_OF_STANDARD, encoding="utf-8")
    path = tmp_path / "unit.toml"
    write_profile(path, load_standard(sheet), staff=120, members=116)
    app = make_app(path, sheet)
    # What each shows: the parts to tick, and the parts its figures decide.
    shown = {
        "a-1": (["会籍动态管理"], ["入会率达90%以上（入会率不少于 90%）"]),
        "a-2": (["登记表齐全", "会员证齐全"], []),
        "a-3": ([], ["会员达100人（会员数不少于 100）", "职工达100人（职工数不少于 100）"]),
    }
    words = [w for ticked, decided in shown.values() for w in ticked + decided]
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_at(app, pilot, "a-1")
        for item_id in ["a-1", "a-2", "a-3", "a-1", "a-3", "a-2"]:
            await main.go_to(item_id)
            await settle(pilot)
            box = main.query_one(ItemDetail).shown_answer
            assert isinstance(box, MultiAnswer)
            above, below = box.hint_lines()  # the lines it draws itself
            text = "".join(above + below)
            for boxes in box.query(TickList):
                text += "".join(str(option.prompt) for option in boxes.options)
            ticked, decided = shown[item_id]
            assert [w for w in words if w in text] == ticked + decided, (item_id, text)
            # Nothing to tick: no boxes and no 均未达到.
            assert ("勾选已达到的条件" in text) is bool(ticked), (item_id, text)


async def test_why_a_pasted_figure_does_not_fit_is_shown_beside_its_input(
    answers_path: Path, pack: Pack
) -> None:
    # At 80 columns the reason takes all the room the name leaves: the input keeps one
    # cell (as Textual gives a 1fr column left no room), and the reason is drawn
    # beside it.
    answers_path.write_bytes((ROOT / "examples" / "sample-complete.answers.toml").read_bytes())
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = await open_at(app, pilot, "yfjh-09")
        field = next(f for f in main.query(FigureInput) if f.display and f.name_)
        field.focus()
        field.clear()
        field.insert_text_at_cursor("不是数字")  # as a paste inserts it
        table = main.query_one(FigureTable)
        row = next(row for row in table.rows if row.field is field)
        await until(pilot, lambda: row.side.plain.startswith("✗"), "the reason shown")
        await settle(pilot)
        first = table.side_lines(row)[0]
        assert field.region.width == 1
        assert first in screen_text(app)
