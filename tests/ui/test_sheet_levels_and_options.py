"""A sheet of two levels, and options that apply only to some units, in the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, SelectionList

from checklist.answers import AnswersStore, read_answers
from checklist.criteria import load_pack
from checklist.tui.app import make_app
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.item_tree import ItemTree
from tests.report.test_content import SHEET
from tests.support.pilot import answer_input, answer_part, open_at, screen_text, settle


def _sheet(folder: Path, answers_path: Path, women: int) -> Path:
    criteria = folder / "sheet.toml"
    criteria.write_text(SHEET, "utf-8")
    with AnswersStore.open(answers_path, load_pack(criteria)) as store:
        store.set_profile(unit="某局", members=40, women_members=women)
    return criteria


async def test_items_directly_under_an_area_sit_under_it_in_the_tree(
    tmp_path: Path, answers_path: Path
) -> None:
    app = make_app(answers_path, _sheet(tmp_path, answers_path, women=3))
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_at(app, pilot, "zzjq-02")
        tree = main.query_one(ItemTree)
        two, three = tree.root.children
        # 组织健全 holds its items itself; 工作有效 holds 民主管理, which holds its item.
        assert [n.data for n in two.children] == ["zzjq-01", "zzjq-02"]
        assert [n.data for n in three.children] == ["gzyx-1"]
        assert [n.data for n in three.children[0].children] == ["gzyx-01"]
        text = screen_text(app)
        assert "组织健全  " in text and "组织健全 ›" not in text  # the item's heading
        await main.go_to("gzyx-01")
        await settle(pilot)
        assert "工作有效 › 民主管理" in screen_text(app)


def _offered(main: ItemsScreen) -> list[str]:
    options = answer_input(main, SelectionList)
    return [options.get_option_at_index(i).value for i in range(options.option_count)]


async def test_an_option_that_applies_is_offered(tmp_path: Path, answers_path: Path) -> None:
    app = make_app(answers_path, _sheet(tmp_path, answers_path, women=12))
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_at(app, pilot, "zzjq-01")
        assert _offered(main) == ["经审会", "女职委"]
        assert "不适用于本单位" not in screen_text(app)


async def test_an_option_that_does_not_apply_is_not_offered_nor_lost(
    tmp_path: Path, answers_path: Path
) -> None:
    criteria = _sheet(tmp_path, answers_path, women=3)
    # Ticked while the unit had 12 women members: kept while it does not apply.
    with AnswersStore.open(answers_path, load_pack(criteria)) as store:
        store.set_answer("zzjq-01", value=["女职委"])
    app = make_app(answers_path, criteria)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_at(app, pilot, "zzjq-01")
        assert _offered(main) == ["经审会"]
        assert "不适用于本单位、不扣分的项目：女职委（女会员人数不少于 10时适用）" in (
            screen_text(app)
        )
        # Nothing is missing: the unit has its 经审会, and 女职委 is not asked of it.
        answer_input(main, SelectionList).focus()
        await pilot.press("space")
        await settle(pilot)
        assert main.score.items["zzjq-01"].score == 4
        assert read_answers(answers_path).answers["zzjq-01"].value == ["经审会", "女职委"]
        answer_part(main, "#answer-none", Button).press()
        await settle(pilot)
        assert main.score.items["zzjq-01"].score == 2
    assert read_answers(answers_path).answers["zzjq-01"].value == ["女职委"]
