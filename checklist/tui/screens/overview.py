"""自评概要: score by area, grade, veto failures, unanswered items, shortfalls, the
整改清单, and the PDF report. Dismisses with an item id when the user jumps to one."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from checklist.answers import AnswersStore
from checklist.answers.model import Rectification
from checklist.criteria.model import Pack
from checklist.formats import format_date, points_text, rate_text
from checklist.locations import default_report
from checklist.score_text import rescaled
from checklist.scoring import Score, score
from checklist.tui.reporting import ReportJob, Reports
from checklist.tui.saving import save
from checklist.tui.screens.confirm import ConfirmScreen
from checklist.tui.screens.rectification_form import RectificationForm
from checklist.tui.widgets.item_tree import item_name
from checklist.tui.widgets.key_footer import KeyFooter
from checklist.tui.widgets.prose import Prose, ProseOptions, wrap


def area_table(result: Score) -> Table:
    table = Table(expand=True, box=None, header_style="bold", pad_edge=False)
    table.add_column("一级指标", ratio=1)
    table.add_column("得分", justify="right", no_wrap=True)
    table.add_column("满分", justify="right", no_wrap=True)
    table.add_column("得分率", justify="right", no_wrap=True)
    for area in result.areas:
        table.add_row(
            Text(area.title),
            points_text(area.score),
            points_text(area.max),
            rate_text(area.score, area.max),
        )
    return table


class OverviewScreen(Screen[str | None]):
    CSS_PATH = "overview.tcss"
    AUTO_FOCUS = None  # see on_mount
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f4", "close", "返回"),
        Binding("r", "report", "生成报告"),
        Binding("n", "add_rectification", "新增整改"),
        Binding("e", "edit_rectification", "编辑整改", show=False),
        Binding("d", "delete_rectification", "删除整改", show=False),
    ]

    def __init__(self, pack: Pack, store: AnswersStore, reports: Reports) -> None:
        super().__init__()
        self.pack = pack
        self.store = store
        self.reports = reports
        self.result = score(pack, store.answers)

    def compose(self) -> ComposeResult:
        pack, result = self.pack, self.result
        veto_word = pack.info.veto_word
        with VerticalScroll(id="overview"):
            yield Label("自评概要", classes="page-title")
            unit = self.store.answers.profile.unit or "（未填写单位名称）"
            yield Static(
                Text.assemble(
                    (unit, "bold"),
                    f"  总分 {result.total_text} / {points_text(result.max)}"
                    f"{rescaled(result)}  等次：",
                    (result.grade, "bold red" if result.failed else "bold green"),
                )
            )
            yield Static(area_table(result), id="areas")
            for ids, title in (
                (result.veto_not_met, f"{veto_word}未通过"),
                (result.veto_pending, f"{veto_word}尚未填写或需复核（按未通过计）"),
            ):
                if ids:
                    yield Label(Text(title), classes="section -error")
                    yield Prose(
                        Text("\n").join(
                            Text.assemble((item_name(pack, i), "bold"), "：", pack.items[i].text)
                            for i in ids
                        ),
                        classes="veto-list",
                    )
            yield Label(
                f"未答条目（{len(result.unanswered)}，回车跳转到该条目）", classes="section"
            )
            if result.unanswered:
                yield ProseOptions(
                    *(Option(self._item_line(i), id=i) for i in result.unanswered),
                    markup=False,
                    id="unanswered",
                )
            else:
                yield Static("全部条目均已回答。", classes="hint")
            if result.review:
                yield Label(
                    f"需复核条目（{len(result.review)}，按 0 分计；回车跳转到该条目）",
                    classes="section -error",
                )
                yield ProseOptions(
                    *(Option(self._review_line(i), id=i) for i in result.review),
                    markup=False,
                    id="review",
                )
            yield Label(
                f"失分条目（{len(result.shortfalls)}，回车列入整改清单）", classes="section"
            )
            if result.shortfalls:
                yield ProseOptions(
                    *(
                        Option(
                            f"{item_name(pack, s.item_id)}（失{points_text(s.gap)}分"
                            f"{'，' + veto_word if s.veto else ''}）{pack.items[s.item_id].text}",
                            id=s.item_id,
                        )
                        for s in result.shortfalls
                    ),
                    markup=False,
                    id="shortfalls",
                )
            else:
                yield Static("没有失分条目。", classes="hint")
            yield Label("整改清单（n 新增，e 编辑，d 删除）", classes="section")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="rectification")
            yield Label("自评报告", classes="section")
            with Horizontal(id="report-row"):
                yield Button("生成报告", variant="primary", id="report")
                yield ProgressBar(total=1.0, show_eta=False, id="report-progress")
            yield Static("", id="report-status")
        yield KeyFooter()

    def _output_line(self) -> Text:
        return Text.assemble("报告将保存为：", (str(default_report(self.store.path)), "bold"))

    def _item_line(self, item_id: str) -> str:
        """An item as the sheet numbers it, and its text."""
        return f"{item_name(self.pack, item_id)}：{self.pack.items[item_id].text}"

    def _review_line(self, item_id: str) -> str:
        hint = self.result.items[item_id].hint
        return self._item_line(item_id) + (f"（{hint}）" if hint else "")

    def on_mount(self) -> None:
        self.reports.prepare()  # the renderer takes seconds to load: start it now
        self._fill_rectification()
        # A report may be on its way from an earlier visit: show how far it is.
        self._show_report(self.reports.job)
        self._stop_listening = self.reports.listen(self._show_report)
        # The first list (未答条目, else 失分条目), whose heading says what Enter does
        # there; else the 整改清单. By default the scrolling page took the focus. Not
        # scrolled to: the total stays in view until a key moves in the list.
        self.query("OptionList, #rectification").first().focus(scroll_visible=False)
        self.call_after_refresh(setattr, self, "_follow_keys", True)

    _follow_keys = False  # from the first refresh on, a list's highlight is brought into view

    @on(OptionList.OptionHighlighted)
    def _highlight_in_view(self, event: OptionList.OptionHighlighted) -> None:
        # At 80×24 the focused list starts below the screen's end: ↓ moved a highlight
        # the chair could not see, and Enter acted on it.
        if self._follow_keys:
            event.option_list.scroll_visible(animate=False)

    # Widths of their own, the texts wrapped within them (rows of auto height): sized to
    # their longest text, a problem that quotes its item's text pushed 责任人 and 完成时限
    # out of sight. 完成时限 holds a date (2027年12月31日); 问题 and 整改措施 share what
    # the screen leaves, so that at 80 columns all four are in view.
    _OWNER, _DUE, _PADDING = 16, 14, 2  # a cell's padding, both sides

    def _columns(self) -> tuple[int, int, int, int]:
        # The screen less the page's padding and scroll bar, and the table's own.
        width = self.app.size.width - 4
        text = (width - self._OWNER - self._DUE - 4 * self._PADDING) // 2
        text = max(12, min(text, 40))
        return text, text, self._OWNER, self._DUE

    def on_resize(self) -> None:
        table = self.query_one("#rectification", DataTable)
        if tuple(c.width for c in table.columns.values()) != self._columns():
            self._fill_rectification()

    def _fill_rectification(self) -> None:
        table = self.query_one("#rectification", DataTable)
        table.clear(columns=True)
        names = (
            ("问题", "problem"),
            ("整改措施", "measure"),
            ("责任人", "owner"),
            ("完成时限", "due"),
        )
        widths = self._columns()
        for (label, key), width in zip(names, widths, strict=True):
            table.add_column(label, key=key, width=width)

        def cell(text: str, width: int) -> Text:
            # Text, not str, which would be read as markup (these are the user's words),
            # broken into lines as Chinese is (Prose), not wherever the column ends.
            return Text("\n").join(wrap(Text(text), width))

        for entry in self.store.answers.rectification:
            table.add_row(
                cell(entry.problem, widths[0]),
                cell(entry.measure, widths[1]),
                cell(entry.owner, widths[2]),
                format_date(entry.due) if entry.due else "",
                height=None,
            )

    def action_close(self) -> None:
        self.dismiss(None)

    def on_unmount(self) -> None:
        self._stop_listening()

    @on(OptionList.OptionSelected, "#unanswered, #review")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(OptionList.OptionSelected, "#shortfalls")
    def _shortfall(self, event: OptionList.OptionSelected) -> None:
        item_id = event.option.id
        assert item_id is not None
        gap = next(s.gap for s in self.result.shortfalls if s.item_id == item_id)
        problem = f"{self.pack.items[item_id].text}（失{points_text(gap)}分）"
        self._edit(self._form(problem=problem, items=(item_id,)), None)

    def _form(self, entry: Rectification | None = None, **start: Any) -> RectificationForm:
        """The rectification form, the items that lost points marked in its list."""
        lost = {s.item_id: s.gap for s in self.result.shortfalls}
        return RectificationForm(self.pack, entry, shortfalls=lost, **start)

    def action_add_rectification(self) -> None:
        self._edit(self._form(), None)

    def _selected_row(self) -> int | None:
        table = self.query_one("#rectification", DataTable)
        return table.cursor_row if table.row_count else None

    def action_edit_rectification(self) -> None:
        index = self._selected_row()
        if index is None:
            self.notify("整改清单为空", severity="warning")
            return
        self._edit(self._form(self.store.answers.rectification[index]), index)

    @work
    async def _edit(self, form: RectificationForm, index: int | None) -> None:
        fields: dict[str, Any] | None = await self.app.push_screen_wait(form)
        if fields is None:
            return
        if index is None:
            if (
                save(self, self.store.path, lambda: self.store.add_rectification(**fields))
                is not None
            ):
                self.notify("已列入整改清单")
        else:
            save(self, self.store.path, lambda: self.store.update_rectification(index, **fields))
        self._fill_rectification()

    @work
    async def action_delete_rectification(self) -> None:
        index = self._selected_row()
        if index is None:
            return
        entry = self.store.answers.rectification[index]
        if await self.app.push_screen_wait(
            ConfirmScreen("删除这条整改事项？", entry.problem, "删除")
        ):

            def remove() -> int:
                self.store.remove_rectification(index)
                return index

            save(self, self.store.path, remove)
            self._fill_rectification()

    @on(Button.Pressed, "#report")
    def action_report(self) -> None:
        if self.reports.busy:
            return  # a report is being written: its progress is shown
        status = self.query_one("#report-status", Static)
        if self.store.unsaved:
            # The report is made from the file: it would not show what this screen does.
            save(self, self.store.path, self.store.save_again)
            if self.store.unsaved:
                status.update(
                    Text(
                        "没有生成报告：有修改尚未写入答卷文件（上次保存失败），报告按文件中的"
                        "内容生成，会与屏幕上的不一致。请先解决保存问题（磁盘空间、文件权限），"
                        "再生成报告。",
                        style="red",
                    )
                )
                status.scroll_visible(animate=False)
                return
        self.reports.start(self.pack, self.store.path)

    def _show_report(self, job: ReportJob | None) -> None:
        """The report being written, or the last one written, or where one would go."""
        bar = self.query_one("#report-progress", ProgressBar)
        status = self.query_one("#report-status", Static)
        self.query_one("#report", Button).disabled = job is not None and not job.done
        bar.display = job is not None and not job.done
        if job is None:
            status.update(self._output_line())
        elif not job.done:
            bar.update(progress=job.fraction)
            status.update(Text(job.message))
        elif job.failed:
            status.update(Text(f"生成报告失败：{job.text}", style="red"))
        else:
            shown = Text.assemble("报告已生成：", (str(job.output), "bold"))
            if job.text:
                shown.append(f"\n{job.text}", style="yellow")
            status.update(shown)
        if job is not None and (job.done or job.fraction == 0):
            # The outcome in view, all of it: a warning or a long error is several lines.
            self.call_after_refresh(status.scroll_visible, animate=False)
