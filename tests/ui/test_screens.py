"""The evidence index, the summary with its rectification list, and the report action."""

from __future__ import annotations

import datetime as dt
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from checklist.answers import read_answers
from checklist.criteria.model import Pack
from checklist.tui.app import make_app
from checklist.tui.screens.evidence import EvidenceScreen
from checklist.tui.screens.main import MainScreen
from checklist.tui.screens.rectification_form import RectificationForm
from checklist.tui.screens.summary import SummaryScreen
from checklist.tui.widgets.prose import Prose
from tests.ui.conftest import write_sample
from tests.ui.pilot import settle, type_into


async def test_evidence_still_cited_is_not_deleted(answers_path: Path, pack: Pack) -> None:
    write_sample(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        citing = screen.query_one("#citing", Prose).plain
        assert "djdgj-01" in citing and "djdgj-03" in citing
        await pilot.press("d")  # entry 1 is cited by two items
        await settle(pilot)
        assert [e.no for e in read_answers(answers_path).evidence] == [1, 2]
        assert any("仍被条目" in n.message for n in app._notifications)
        await pilot.press("down", "d")  # entry 2 is cited by none: asks, then deletes
        await settle(pilot)
        app.screen.query_one("#yes").press()  # type: ignore[attr-defined]
        await settle(pilot)
        assert [e.no for e in read_answers(answers_path).evidence] == [1]
        # numbers are never reused
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, app.screen.query_one("#title", Input), "活动照片")
        await pilot.press("enter")
        await settle(pilot)
        assert [e.no for e in read_answers(answers_path).evidence] == [1, 3]


async def test_summary_jumps_to_unanswered_and_turns_shortfalls_into_rectification(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        # a shortfall becomes a rectification entry; a bad date is refused inline
        shortfalls = summary.query_one("#shortfalls", OptionList)
        shortfalls.focus()
        shortfalls.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RectificationForm)
        first_gap = summary.result.shortfalls[0].item_id
        assert form.query_one("#items", Input).value == first_gap
        await type_into(pilot, form.query_one("#measure", Input), "明年一季度完成")
        await type_into(pilot, form.query_one("#due", Input), "2026-13-01")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert "完成时限：没有这一天" in str(form.query_one("#form-message", Static).render())
        form.query_one("#due", Input).clear()
        await type_into(pilot, form.query_one("#due", Input), "2027年3月31日")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is summary
        saved = read_answers(answers_path).rectification
        assert saved[-1].due == dt.date(2027, 3, 31) and saved[-1].items == [first_gap]
        assert summary.query_one("#rectification", DataTable).row_count == len(saved)
        # an unanswered item jumps back to the main screen at that item
        unanswered = summary.query_one("#unanswered", OptionList)
        unanswered.focus()
        unanswered.highlighted = 2
        target = summary.result.unanswered[2]
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen) and main.current == target


class _FakeRenderer:
    def render(self, pack: Pack, answers: Path, output: Path, **kw: Any) -> None:
        kw["progress"](0.5, "排版")
        output.write_bytes(b"%PDF-1.7 fake")
        kw["progress"](1.0, "完成")


async def test_report_runs_in_a_worker_and_shows_its_path(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("checklist.report.render")
    module.Renderer = _FakeRenderer  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "checklist.report.render", module)
    write_sample(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await settle(pilot)
        status = str(app.screen.query_one("#report-status", Static).render())
        pdf = answers_path.with_suffix(".pdf")
        assert "报告已生成" in status and pdf.name in status.replace("\n", "")
        assert pdf.read_bytes().startswith(b"%PDF")


async def test_report_without_renderer_says_so(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "checklist.report.render", None)
    write_sample(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert any("暂时无法生成报告" in n.message for n in app._notifications)
