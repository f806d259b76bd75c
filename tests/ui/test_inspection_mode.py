"""The app in the inspector's mode (`checklist inspect`): the unit's item read-only,
the team's 验收分, 扣分原因, confirmation, proposals, team and 验收意见, saved as it goes."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from checklist.inspection import InspectionStore, default_path
from checklist.tui.inspection_app import InspectionApp, reported_from
from checklist.tui.screens.inspection import InspectionPanel, InspectionScreen
from checklist.tui.screens.team import TeamScreen
from checklist.tui.widgets.item_detail import ItemDetail
from checklist.tui.widgets.verdict_pane import VerdictPane
from tests.support.builders import ROOT
from tests.support.pilot import screen_text, settle, type_into, until

SAMPLE = ROOT / "examples" / "sample-complete.answers.toml"


@pytest.fixture(autouse=True)
def typed_verdicts_wait_for_enter(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is typed is saved at Enter or on moving on: never half-way on a slow machine."""
    monkeypatch.setattr(VerdictPane, "PAUSE", 3600)


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    path = tmp_path / "单位.toml"
    shutil.copy(SAMPLE, path)
    return path


@asynccontextmanager
async def inspecting(unit: Path) -> AsyncIterator[tuple[InspectionApp, Pilot[None]]]:
    store = InspectionStore.open(default_path(unit), reported_from(unit))
    app = InspectionApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: isinstance(app.screen, InspectionScreen), "the main screen")
        yield app, pilot
    store.close()


def main(app: InspectionApp) -> InspectionScreen:
    screen = app.screen
    assert isinstance(screen, InspectionScreen)
    return screen


def status(app: InspectionApp) -> str:
    return str(app.screen.query_one("#verdict-status", Static).render())


def field(app: InspectionApp, selector: str) -> Input:
    return app.screen.query_one(selector, Input)


async def test_a_score_typed_is_saved_and_asks_for_its_reason(unit: Path) -> None:
    async with inspecting(unit) as (app, pilot):
        screen = main(app)
        item_id = screen.current
        assert item_id == "djdgj-01"
        await type_into(pilot, field(app, "#verdict-score"), "1")
        await pilot.press("enter")
        await until(pilot, lambda: app.store.inspection.item(item_id).score == 1, "the score")
        assert "请填写扣分原因" in status(app)
        panel = app.screen.query_one(InspectionPanel).shown()[0]
        assert "缺扣分原因 1" in panel
        await type_into(pilot, field(app, "#verdict-reason"), "只有一次专题研究")
        await pilot.press("enter")
        await until(
            pilot,
            lambda: app.store.inspection.item(item_id).reason == "只有一次专题研究",
            "the reason",
        )
        assert "已评验收分" in status(app)
        assert "已保存" in app.screen.query_one(InspectionPanel).shown()[1]
        assert "缺扣分原因" not in app.screen.query_one(InspectionPanel).shown()[0]


async def test_a_score_out_of_the_items_bounds_is_not_saved(unit: Path) -> None:
    async with inspecting(unit) as (app, pilot):
        item_id = main(app).current
        assert item_id is not None
        await type_into(pilot, field(app, "#verdict-score"), "9")
        await pilot.press("enter")
        await until(pilot, lambda: "未保存" in status(app), "the refusal")
        assert "验收分应在 0 到 2 分" in status(app)
        assert app.store.inspection.item(item_id).score is None
        assert "score" not in app.store.path.read_text("utf-8").split("[record]")[0]


async def test_f5_confirms_the_self_score_and_ctrl_n_skips_what_is_settled(unit: Path) -> None:
    async with inspecting(unit) as (app, pilot):
        screen = main(app)
        first = screen.current
        assert first is not None
        await pilot.press("f5")
        await until(pilot, lambda: app.store.inspection.item(first).confirmed, "confirmed")
        assert "已确认自评分" in status(app)
        self_score = app.store.self_score.items[first].score
        assert app.store.inspection.item(first).score == self_score
        assert "已核定 1/" in screen_text(app)
        # Confirm the next one too, go back, and jump: the third is the next pending.
        await pilot.press("pagedown")
        await settle(pilot)
        second = screen.current
        await pilot.press("f5")
        await until(pilot, lambda: app.store.inspection.item(second).confirmed, "second")
        await screen.show_item(first)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.current not in (first, second), "the jump")
        assert screen.current == app.store.pending()[0]


async def test_what_the_team_finds_proposes_the_score(unit: Path) -> None:
    async with inspecting(unit) as (app, pilot):
        screen = main(app)
        await screen.show_item("djdgj-02")  # 缺项扣分: three requirements, 1 point each
        await settle(pilot)
        [found] = app.screen.query(".found-input").results(Input)
        await type_into(pilot, found, "1")
        await pilot.press("enter")
        await until(pilot, lambda: app.store.inspection.item("djdgj-02").score == 1, "proposal")
        assert field(app, "#verdict-score").value == "1"
        assert "按核实情况建议验收分：1 分" in screen_text(app)
        assert "请填写扣分原因" in status(app)


async def test_the_units_item_is_shown_and_cannot_be_changed(unit: Path) -> None:
    before = unit.read_bytes()
    async with inspecting(unit) as (app, pilot):
        detail = app.screen.query_one(ItemDetail)
        assert all(part.disabled for part in detail.children)
        assert not [w for w in app.screen.focus_chain if detail in w.ancestors]
        text = screen_text(app)
        assert "自评分：2 / 2 分" in text
        assert "2026年3月18日" in text  # the unit's figures
        await pilot.press("f5")
        await settle(pilot)
    assert unit.read_bytes() == before


async def test_keys_scroll_the_units_item_on_a_small_terminal(unit: Path) -> None:
    store = InspectionStore.open(default_path(unit), reported_from(unit))
    app = InspectionApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InspectionScreen), "the main screen")
        detail = app.screen.query_one(ItemDetail)
        await until(pilot, lambda: detail.max_scroll_y > 0, "an item taller than its pane")
        await pilot.press("ctrl+down")
        await until(pilot, lambda: detail.scroll_y == 3, "scrolled down")
        await pilot.press("ctrl+up")
        await until(pilot, lambda: detail.scroll_y == 0, "scrolled back")
    store.close()


async def test_reopening_shows_what_was_saved(unit: Path) -> None:
    async with inspecting(unit) as (app, pilot):
        item_id = main(app).current
        await type_into(pilot, field(app, "#verdict-score"), "1.5")
        await type_into(pilot, field(app, "#verdict-reason"), "第二次研究无纪要")
        await pilot.press("pagedown")  # moving on saves what was typed
        await settle(pilot)
        await app.action_quit()
    store = InspectionStore.open(default_path(unit))
    app = InspectionApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InspectionScreen), "the main screen")
        await main(app).show_item(str(item_id))
        await settle(pilot)
        assert field(app, "#verdict-score").value == "1.5"
        assert field(app, "#verdict-reason").value == "第二次研究无纪要"
    store.close()


async def test_team_and_opinions_are_saved_on_leaving_their_screen(unit: Path) -> None:
    async with inspecting(unit) as (app, pilot):
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen), "the team screen")
        await type_into(pilot, field(app, "#leader"), "张建华")
        await type_into(pilot, field(app, "#members"), "李明、王芳")
        await type_into(pilot, field(app, "#date"), "2026-12-01")
        overall = app.screen.query_one("#overall", TextArea)
        overall.text = "组织健全，制度完善。"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InspectionScreen), "back")
        team = app.store.inspection.team
        assert (team.leader, team.members, str(team.date)) == (
            "张建华",
            ["李明", "王芳"],
            "2026-12-01",
        )
        assert app.store.inspection.opinion.overall == "组织健全，制度完善。"


async def test_a_date_that_cannot_be_read_keeps_the_team_screen_open(unit: Path) -> None:
    async with inspecting(unit) as (app, pilot):
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen), "the team screen")
        await type_into(pilot, field(app, "#date"), "十二月")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)
        assert "验收日期" in screen_text(app) and "未保存" in screen_text(app)
        assert app.store.inspection.team.date is None
