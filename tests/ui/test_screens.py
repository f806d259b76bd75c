"""The evidence index, the summary with its rectification list, and the report action."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, OptionList, Select, Static, TextArea

from checklist.answers import AnswersStore, read_answers
from checklist.criteria.model import Pack
from checklist.tui.app import ChecklistApp
from checklist.tui.screens.evidence import EvidenceScreen
from checklist.tui.screens.evidence_form import EvidenceForm
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.profile import ProfileScreen
from checklist.tui.screens.rectification_form import RectificationForm
from checklist.tui.widgets.item_tree import mark_of
from checklist.tui.widgets.prose import Prose
from checklist.tui.widgets.score_panel import ScorePanel
from tests.support.pilot import choose, opened, screen_text, settle, type_into, until
from tests.support.processes import exit_code
from tests.support.samples import write_sample


def summary_of(
    answers_path: Path, pack: Pack
) -> AbstractAsyncContextManager[tuple[ChecklistApp, Pilot[None]]]:
    """The app on the sample answers, with its summary (F4) open."""
    write_sample(answers_path, pack)
    return opened(answers_path, "f4")


async def test_evidence_still_cited_is_not_deleted(answers_path: Path, pack: Pack) -> None:
    write_sample(answers_path, pack)
    async with opened(answers_path, "f3", size=(80, 24)) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        citing = screen.query_one("#citing", Prose).plain
        # Named as the sheet numbers them (each area from 1), not by their ids.
        area = pack.area_of["djdgj-01"].title
        assert f"{area} › 第1项：{pack.items['djdgj-01'].text[:6]}" in citing
        assert f"{area} › 第3项：" in citing and "djdgj" not in citing
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


async def test_the_summary_names_items_as_the_sheet_numbers_them(
    answers_path: Path, pack: Pack
) -> None:
    """Every list of the summary (否决项, 未答, 失分) names an item by its area and its
    number in the sheet, then its text; the standard's ids (djdgj-01) never show."""
    write_sample(answers_path, pack)
    async with opened(answers_path, "f4", size=(80, 24)) as (app, pilot):
        summary = app.screen
        assert isinstance(summary, OverviewScreen)
        result = summary.result
        assert result.unanswered and result.shortfalls and result.veto_failed
        texts = [p.plain for p in summary.query(".veto-list").results(Prose)]
        for selector in ("#unanswered", "#shortfalls"):
            options = summary.query_one(selector, OptionList)
            texts += [str(o.prompt) for o in options.options]
        shown = "\n".join(texts)
        for item_id in [*result.unanswered, *(s.item_id for s in result.shortfalls)]:
            number = f"{pack.area_of[item_id].title} › 第{pack.sheet_numbers[item_id]}项"
            assert number in shown, number
        assert not [i for i in pack.items if i in shown]
        gap = result.shortfalls[0]
        name = f"{pack.area_of[gap.item_id].title} › 第{pack.sheet_numbers[gap.item_id]}项"
        assert f"{name}（失{gap.gap:g}分" in shown
        # What the screen shows, as the chair scrolls down to the lists.
        summary.query_one("#shortfalls").focus()
        await settle(pilot)
        assert name in screen_text(app) and not [i for i in pack.items if i in screen_text(app)]


async def test_summary_jumps_to_unanswered_and_turns_shortfalls_into_rectification(
    answers_path: Path, pack: Pack
) -> None:
    async with summary_of(answers_path, pack) as (app, pilot):
        summary = app.screen
        assert isinstance(summary, OverviewScreen)
        # a shortfall becomes a rectification entry; a bad date is refused inline
        await choose(pilot, summary.query_one("#shortfalls", OptionList), 0)
        form = app.screen
        assert isinstance(form, RectificationForm)
        first_gap = summary.result.shortfalls[0].item_id
        # The item it comes from is already listed, as the sheet numbers it.
        assert form.items == [first_gap]
        assert f"第{pack.sheet_numbers[first_gap]}项" in str(form.query_one("#items").render())
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
        assert isinstance(main, ItemsScreen) and main.current == target


class _FakeService:
    """Stands in for checklist.report.pdf.service.RenderService: records how it is used."""

    started: ClassVar[list[tuple[str, ...]]] = []  # the font families of each one started
    prepared: ClassVar[list[tuple[str, ...]]] = []  # the families it was asked to prepare
    fail: ClassVar[Exception | None] = None  # raised by render

    def __init__(self) -> None:
        self.families: tuple[str, ...] | None = None
        self.busy = False

    def prepare(self, families: Sequence[str]) -> None:
        self.prepared.append(tuple(families))

    def render(
        self,
        pack: Pack,
        answers: Path,
        output: Path,
        families: Sequence[str],
        progress: Callable[[float, str], None],
        warn: Callable[[str], None],
    ) -> Any:
        assert not self.busy, "two reports at once on one service"
        self.busy = True
        try:
            if self.families is None:
                self.started.append(tuple(families))
                warn("提示：未找到 HarfBuzz 字体子集库")
                self.families = tuple(families)
            progress(0.5, "排版")
            if self.fail is not None:
                raise self.fail
            output.write_bytes(b"%PDF-1.7 fake")
            progress(1.0, "完成")
            return types.SimpleNamespace(
                path=output, edition_notice="", glyphs_notice="", doubts_notice=""
            )
        finally:
            self.busy = False

    def close(self) -> None:
        pass


@pytest.fixture
def fake_service(monkeypatch: pytest.MonkeyPatch) -> type[_FakeService]:
    from checklist.report.pdf import service

    monkeypatch.setattr(service, "RenderService", _FakeService)
    monkeypatch.setattr(_FakeService, "started", [])
    monkeypatch.setattr(_FakeService, "prepared", [])
    monkeypatch.setattr(_FakeService, "fail", None)
    return _FakeService


async def _report(app: ChecklistApp, pilot: Pilot[None]) -> str:
    """Press r on the summary, wait for the report, and return the status line."""
    await pilot.press("r")
    await app.workers.wait_for_complete()
    await settle(pilot)
    return str(app.screen.query_one("#report-status", Static).render()).replace("\n", "")


async def test_report_from_the_app_is_a_real_pdf_and_the_service_ends_with_the_app(
    answers_path: Path, pack: Pack
) -> None:
    import pypdf

    async with summary_of(answers_path, pack) as (app, pilot):
        assert "报告已生成" in await _report(app, pilot)
        service = app.reports._service
        assert service is not None and service.process is not None
        process = service.process
        assert process.is_alive()  # kept for the next report
    reader = pypdf.PdfReader(answers_path.with_suffix(".pdf"))
    assert len(reader.pages) > 10
    assert reader.attachments["answers.toml"] == [answers_path.read_bytes()]
    assert exit_code(process) == 0  # the service ends when the app does


@pytest.mark.made_ahead
async def test_report_runs_in_a_worker_and_reuses_its_service(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, fake_service: Any
) -> None:
    monkeypatch.setenv("CHECKLIST_FONTS", "Test Serif, Other Sans")
    async with summary_of(answers_path, pack) as (app, pilot):
        # the summary has the service load its renderer before any report is asked for
        assert fake_service.prepared == [("Test Serif", "Other Sans")]
        pdf = answers_path.with_suffix(".pdf")
        status = await _report(app, pilot)
        assert "报告已生成" in status and pdf.name in status
        assert pdf.read_bytes().startswith(b"%PDF")
        # the renderer's warnings reach the user; the fonts come from $CHECKLIST_FONTS
        assert any("HarfBuzz" in n.message for n in app._notifications)
        assert fake_service.started == [("Test Serif", "Other Sans")]
        # a second report, from the summary opened again, goes to the same service
        await pilot.press("escape", "f4")
        await settle(pilot)
        assert "报告已生成" in await _report(app, pilot)
        assert len(fake_service.started) == 1


async def test_report_failures_are_told_in_chinese(
    answers_path: Path, pack: Pack, fake_service: Any
) -> None:
    from checklist.problems import Problem, ProblemsError
    from checklist.report.output import OutputRefusedError
    from checklist.report.pdf.fonts import FontsMissingError
    from checklist.report.pdf.service import SetupError
    from checklist.report.side_by_side import ChildDiedError

    async with summary_of(answers_path, pack) as (app, pilot):
        # no Chinese font: the renderer cannot be built
        fake_service.fail = SetupError("renderer", FontsMissingError(["Test Serif"]))
        assert "找不到可用的中文字体" in await _report(app, pilot)
        # WeasyPrint cannot load its system libraries
        missing = OSError("cannot load library 'libpango-1.0-0'")
        fake_service.fail = SetupError("libraries", missing)
        assert "无法加载 PDF 排版所需的系统库" in await _report(app, pilot)
        # the answers cannot be read, or the PDF cannot be written
        fake_service.fail = None
        assert "报告已生成" in await _report(app, pilot)
        fake_service.fail = ProblemsError([Problem("unit.answers.toml", 3, 1, "", "无法解析")])
        assert "无法读取答卷文件" in await _report(app, pilot)
        fake_service.fail = PermissionError(13, "Permission denied")
        status = await _report(app, pilot)
        assert "无法写入报告文件" in status and "没有访问权限" in status
        # the service (or its layout process) was killed
        fake_service.fail = ChildDiedError("生成报告的进程意外退出，请重试。")
        assert "生成报告的进程意外退出" in await _report(app, pilot)
        # a file that is not a report where the report would go is left alone
        # what to do says what the app allows: its report always goes beside the answers
        fake_service.fail = OutputRefusedError(
            "unit.answers.pdf 已存在，且不是 PDF 报告，没有覆盖",
            "请换一个报告文件名，或先移走这个文件",
            "请先把它移走或改名，再生成报告",
        )
        status = await _report(app, pilot)
        assert "生成报告失败：unit.answers.pdf 已存在，且不是 PDF 报告" in status
        assert "请先把它移走或改名" in status and "换一个报告文件名" not in status
        assert app.screen.query_one("#report", Button).disabled is False


class _SlowService(_FakeService):
    """A service whose report waits until the test lets it finish."""

    gate: ClassVar[Any] = None

    def render(self, *args: Any, **kwargs: Any) -> Any:
        progress = args[4]
        progress(0.3, "排版第 7 页")
        assert self.gate.wait(timeout=30), "the test never let the report finish"
        return super().render(*args, **kwargs)


@pytest.fixture
def slow_service(monkeypatch: pytest.MonkeyPatch, fake_service: Any) -> type[_SlowService]:
    import threading

    from checklist.report.pdf import service

    monkeypatch.setattr(service, "RenderService", _SlowService)
    monkeypatch.setattr(_SlowService, "gate", threading.Event())
    return _SlowService


async def test_a_report_goes_on_when_its_summary_closes_and_the_next_summary_shows_it(
    answers_path: Path, pack: Pack, slow_service: Any
) -> None:
    async with summary_of(answers_path, pack) as (app, pilot):

        def status() -> str:
            return str(app.screen.query_one("#report-status", Static).render())

        assert f"报告将保存为：{answers_path.with_suffix('.pdf')}" in status()
        await pilot.press("r")
        await until(pilot, lambda: "排版第 7 页" in status(), "page 7 told while laid out")
        await pilot.press("escape", "f4")  # a new summary, while the report is written
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert "排版第 7 页" in status()
        assert app.screen.query_one("#report", Button).disabled
        await pilot.press("r")  # no second report behind the first
        assert not any("报告已生成" in n.message for n in app._notifications)
        slow_service.gate.set()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "报告已生成" in status()
        assert sum("报告已生成" in n.message for n in app._notifications) == 1
        assert not app.screen.query_one("#report", Button).disabled


async def test_quitting_while_a_report_is_written_asks_first(
    answers_path: Path, pack: Pack, slow_service: Any
) -> None:
    async with summary_of(answers_path, pack) as (app, pilot):
        await pilot.press("r")
        await until(pilot, lambda: app.reports.busy, "a report being written")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running
        assert any("报告正在生成，现在退出将放弃这份报告" in n.message for n in app._notifications)
        slow_service.gate.set()
        await app.workers.wait_for_complete()


async def test_no_report_while_answers_on_screen_are_not_in_the_file(
    answers_path: Path, pack: Pack, fake_service: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report is made from the file: after a failed save it would show other
    answers than the summary does."""
    async with summary_of(answers_path, pack) as (app, pilot):
        monkeypatch.setattr(type(app.store), "unsaved", property(lambda store: True))

        def still_failing(store: AnswersStore) -> None:
            raise PermissionError(13, "Permission denied", str(answers_path))

        monkeypatch.setattr(type(app.store), "save_again", still_failing)
        status = await _report(app, pilot)
        assert "没有生成报告：有修改尚未写入答卷文件" in status
        assert not answers_path.with_suffix(".pdf").exists()
        assert any("保存失败" in n.message for n in app._notifications)


async def test_editing_evidence_keeps_a_kind_of_its_own(answers_path: Path, pack: Pack) -> None:
    write_sample(answers_path, pack)
    with AnswersStore.open(answers_path, pack) as store:
        store.update_evidence(2, kind="财务凭证")  # not one of EVIDENCE_KINDS
    async with opened(answers_path) as (app, pilot):
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EvidenceForm)
        assert form.query_one("#kind", Select).value == "财务凭证"
        await type_into(pilot, form.query_one("#location", Input), "财务室")
        await pilot.press("enter")
        await settle(pilot)
    entry = read_answers(answers_path).evidence[1]
    assert (entry.kind, entry.location) == ("财务凭证", "财务室")


async def test_a_veto_item_needing_review_is_pending_not_failed(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)
    veto = next(i for i in pack.items.values() if i.veto and i.when is None)
    with AnswersStore.open(answers_path, pack) as store:
        store.set_answer(veto.id, value=12.5)  # fits no veto item's kind: 需复核
    async with opened(answers_path) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        assert "未通过" not in main.query_one(ScorePanel).shown()[0]
        assert mark_of(main.score.items[veto.id]) == "review"
        await pilot.press("f4")
        await settle(pilot)
        lines = [line.strip() for line in screen_text(app).splitlines()]
        veto_word = pack.info.veto_word
        assert f"{veto_word}未通过" not in lines
        pending = lines.index(f"{veto_word}尚未填写或需复核（按未通过计）")
        name = f"{pack.area_of[veto.id].title} › 第{pack.sheet_numbers[veto.id]}项："
        assert any(line.startswith(name) for line in lines[pending:])


async def test_the_evidence_table_keeps_its_columns_wide_after_an_entry_is_added(
    answers_path: Path, pack: Pack
) -> None:
    # Refilled while the dialog still covered it, the table cut every column to the
    # width of its heading: "2026" for a date, "活动" for a title.
    write_sample(answers_path, pack)
    async with opened(answers_path, "f3", "a", size=(100, 30)) as (app, pilot):
        await type_into(pilot, app.screen.query_one("#title", Input), "活动照片和签到表")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceScreen)
        rows = screen_text(app).splitlines()
        assert any("2026年3月12日" in row for row in rows)
        assert any("活动照片和签到表" in row for row in rows)


async def test_a_long_rectification_wraps_and_leaves_its_owner_and_date_in_sight(
    answers_path: Path, pack: Pack
) -> None:
    # Sized to its text, the 问题 column pushed 责任人 and 完成时限 off the screen.
    write_sample(answers_path, pack)
    problem = (
        "将党建工建同检查同考核制度落实到各支部，建立年度考核台账并逐项对照标准整改（失0.5分）"
    )
    with AnswersStore.open(answers_path, pack) as store:
        store.add_rectification(problem=problem, owner="李敏", due=dt.date(2027, 6, 30))
    # 120 columns as reported, and rows enough for the whole summary: what is asserted
    # does not hang on where the page is scrolled to.
    async with opened(answers_path, "f4", size=(120, 80)) as (app, _pilot):
        rows = screen_text(app).splitlines()
        first = next(row for row in rows if "将党建工建" in row)
        assert "李敏" in first and "2027年6月30日" in first
        # The whole problem, wrapped in its column (the 整改措施 column is empty here).
        at = rows.index(first)
        column = "".join(
            row.replace("李敏", "").replace("2027年6月30日", "") for row in rows[at : at + 4]
        )
        assert problem in column.replace(" ", "")


async def test_a_dialog_taller_than_the_terminal_scrolls_to_its_buttons(
    answers_path: Path, pack: Pack
) -> None:
    # At 60×20 the 整改 dialog's buttons were cut off, out of reach.
    write_sample(answers_path, pack)
    async with opened(answers_path, "f4", "n", size=(60, 20)) as (app, pilot):
        assert "保存" not in screen_text(app)  # below the fold
        for _ in range(10):
            if app.focused is not None and app.focused.id == "ok":
                break
            await pilot.press("tab")
        await settle(pilot)
        assert "保存" in screen_text(app) and "取消" in screen_text(app)


async def test_the_summary_says_why_the_total_is_not_the_sum_of_the_areas(
    answers_path: Path, pack: Pack
) -> None:
    # The areas of the complete sample add up to 95.8; the total is 96.28…, rescaled
    # because an item does not apply, and written 96.3 as the report writes it. The
    # summary showed the total alone.
    from tests.support.builders import ROOT

    answers_path.write_bytes((ROOT / "examples" / "sample-complete.answers.toml").read_bytes())
    async with opened(answers_path, "f4", size=(120, 40)) as (app, _pilot):
        assert "总分 96.3 / 100（适用条目得分 95.8 / 99.5，已折算）  等次：示范" in screen_text(app)


async def test_the_summary_opens_on_its_first_list_and_enter_acts_at_once(
    answers_path: Path, pack: Pack
) -> None:
    async with summary_of(answers_path, pack) as (app, pilot):
        assert app.focused is not None and app.focused.id == "unanswered"
        first = app.screen.query_one("#unanswered", OptionList).get_option_at_index(0).id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemsScreen) and app.screen.current == first


async def test_a_key_in_the_summarys_first_list_brings_its_highlight_into_view(
    answers_path: Path, pack: Pack
) -> None:
    # At 80×24 the list focused on opening starts below the screen's end: ↓ moved a
    # highlight the chair could not see, and Enter would jump to that unseen item.
    write_sample(answers_path, pack)
    async with opened(answers_path, "f4", size=(80, 24)) as (app, pilot):
        summary = app.screen
        assert isinstance(summary, OverviewScreen)
        assert "总分" in screen_text(app)  # opened on the total, the list below
        unanswered = summary.query_one("#unanswered", OptionList)
        assert app.focused is unanswered
        await pilot.press("down")
        await settle(pilot)
        assert unanswered.highlighted == 1
        second = str(unanswered.get_option_at_index(1).prompt)
        assert second[:16] in screen_text(app), screen_text(app)


async def test_quitting_asks_before_losing_a_value_that_was_refused(
    answers_path: Path, pack: Pack
) -> None:
    """职工人数 "1200人" is refused and marked 未保存; quitting lost it without a word."""
    write_sample(answers_path, pack)
    async with opened(answers_path, "f2", size=(100, 30)) as (app, pilot):
        assert isinstance(app.screen, ProfileScreen)
        staff = app.screen.query_one("#staff", Input)
        staff.clear()
        await type_into(pilot, staff, "1200人")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running
        assert any("没有保存（标有“未保存”）" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
    assert read_answers(answers_path).profile.staff != 1200


async def test_quitting_asks_before_losing_what_a_dialog_holds(
    answers_path: Path, pack: Pack
) -> None:
    """Text typed in a dialog is saved only when confirmed: the first Ctrl+Q says so,
    a second one leaves without it. An untouched dialog does not hold the quit up."""
    write_sample(answers_path, pack)
    before = answers_path.read_bytes()
    async with opened(answers_path, "f3", "a", size=(80, 24)) as (app, pilot):
        assert isinstance(app.screen, EvidenceForm)
        await type_into(pilot, app.screen.query_one("#title", Input), "活动照片")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceForm) and app.is_running
        assert any("对话框中填写的内容还没有保存" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
    assert answers_path.read_bytes() == before  # the title typed was not confirmed

    async with opened(answers_path, "f3", "a", size=(80, 24)) as (app, pilot):
        assert isinstance(app.screen, EvidenceForm)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_summary_lists_answers_that_need_review_and_jumps_to_them(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)
    # A hand edit the standard's options no longer hold: scored 0, needing review.
    text = answers_path.read_text("utf-8").replace('value = "一次"', 'value = "三次"', 1)
    answers_path.write_text(text, "utf-8")
    async with opened(answers_path, "f4") as (app, pilot):
        summary = app.screen
        assert isinstance(summary, OverviewScreen)
        assert summary.result.review == ["djdgj-01"]
        assert "需复核条目（1" in screen_text(app)
        await choose(pilot, summary.query_one("#review", OptionList), 0)
        main = app.screen
        assert isinstance(main, ItemsScreen) and main.current == "djdgj-01"


async def test_the_rectification_list_fits_an_80_column_terminal(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)
    with AnswersStore.open(answers_path, pack) as store:
        store.update_rectification(0, owner="张伟（工会组织委员）")
    async with opened(answers_path, "f4", size=(80, 24)) as (app, pilot):
        table = app.screen.query_one("#rectification", DataTable)
        table.focus()
        await settle(pilot)
        assert table.region.right <= 80
        assert table.virtual_size.width <= table.size.width  # 完成时限 in view, no scrolling
        owner = table.get_cell_at((0, 2))
        assert owner.plain.replace("\n", "") == "张伟（工会组织委员）"
        assert not any(
            line.startswith("，") for line in table.get_cell_at((0, 1)).plain.split("\n")
        )


async def test_the_profile_form_opened_again_shows_what_is_saved(
    answers_path: Path, pack: Pack
) -> None:
    """The form is kept between openings (it opens at once); each opening shows the
    saved profile, not text that was refused, with the keyboard in the unit name."""
    write_sample(answers_path, pack)
    async with opened(answers_path, "f2") as (app, pilot):
        form = app.screen
        assert isinstance(form, ProfileScreen)
        assert not form.query_one("#first-time").display  # not a new answers file
        await type_into(pilot, form.query_one("#staff", Input), "一百")
        assert "未保存" in str(form.query_one("#staff-message", Static).render())
        await type_into(pilot, form.query_one("#chair", Input), "张三")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ItemsScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#staff", Input).value == "120"
        assert str(form.query_one("#staff-message", Static).render()) == ""
        assert form.query_one("#chair", Input).value == "张三"
        assert app.focused is form.query_one("#unit", Input)
    profile = read_answers(answers_path).profile
    assert profile.staff == 120 and profile.chair == "张三"


async def test_the_chair_writes_the_reports_achievements_and_problems_in_the_profile_form(
    answers_path: Path, pack: Pack
) -> None:
    """工作成效 and 存在问题, written below the profile, are saved to the answers file
    (三 and 四 of the report open with them) and shown again when the form reopens."""
    write_sample(answers_path, pack)
    async with opened(answers_path, "f2") as (app, pilot):
        form = app.screen
        assert isinstance(form, ProfileScreen)
        achievements = form.query_one("#summary-achievements", TextArea)
        await type_into(pilot, achievements, "一是建家")
        await pilot.press("enter")
        await type_into(pilot, achievements, "二是评家")
        await type_into(pilot, form.query_one("#summary-problems", TextArea), "台账不全")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ItemsScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert form.query_one("#summary-problems", TextArea).text == "台账不全"
    summary = read_answers(answers_path).summary
    assert (summary.achievements, summary.problems) == ("一是建家\n二是评家", "台账不全")
