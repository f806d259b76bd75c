"""The inspector's main screen: the standard's tree on the left; on the right the unit's
item as its app shows it (answer, figures, note, cited evidence: read-only) above the
team's verdict (验收分, 扣分原因, what it found).

Keys follow the unit's app (PgDn / PgUp, Ctrl+N to the next item still to be dealt
with); F5 confirms the unit's 自评分 in one key; F2 opens the team and 验收意见.
Everything typed is saved as it goes, through the inspection store.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from checklist.formats import format_number, points_text
from checklist.inspection import (
    Found,
    InspectionStore,
    found_fields,
    propose,
    read_found,
    read_score,
    reason_missing,
)
from checklist.scoring import ItemScore, Score, Status, condition_holds
from checklist.tui import collector
from checklist.tui.queued_keys import handle_queued_keys
from checklist.tui.saving import save
from checklist.tui.screens.stepping import ItemStepping
from checklist.tui.screens.team import TeamScreen
from checklist.tui.widgets.item_detail import ItemDetail
from checklist.tui.widgets.item_tree import ItemTree
from checklist.tui.widgets.key_footer import KeyFooter
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.score_panel import ScorePanel, grade_style, saved_text
from checklist.tui.widgets.verdict_pane import VerdictPane

# Where a found figure or number of 基本情况 goes in `Found`.
_FOUND_SECTIONS = {"figure": "figures", "profile": "profile"}


class InspectionPanel(ScorePanel):
    """The 验收总分 beside the 自评分, and how far the team has got."""

    def show_inspection(
        self,
        total: Score,
        unit: Score,
        settled: int,
        count: int,
        lacking: int,
        saved: Text,
    ) -> None:
        text = Text.assemble(
            "验收分 ",
            (total.total_text, "bold"),
            f"/{points_text(total.max)}  ",
            (total.grade, grade_style(total)),
            f"  自评 {unit.total_text} {unit.grade}",
            f"  已核定 {settled}/{count}",
        )
        if lacking:
            text.append(f"  缺扣分原因 {lacking}", style="bold red")
        self.show_texts(text, saved, done=settled, total=max(count, 1))


class InspectionScreen(ItemStepping):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["items.tcss", "inspection.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "next", "下一条", key_display="PgDn", priority=True),
        Binding("pageup", "previous", "上一条", key_display="PgUp", priority=True, show=False),
        Binding(
            "ctrl+n", "next_pending", "下一未核定", priority=True, tooltip="下一个尚未核定的条目"
        ),
        Binding(
            "f5",
            "confirm",
            "确认自评分",
            priority=True,
            tooltip="确认单位的自评分为验收分（再按一次撤销）",
        ),
        Binding("f2", "team", "检查组与意见", tooltip="检查组成员、验收日期和验收意见"),
        # The unit's item cannot take the focus (nothing of it may change): these
        # scroll it, on a small terminal its answer is below the fold.
        Binding(
            "ctrl+down", "scroll_unit(3)", "向下滚动", show=False, tooltip="向下滚动单位的回答"
        ),
        Binding("ctrl+up", "scroll_unit(-3)", "向上滚动", show=False, tooltip="向上滚动单位的回答"),
    ]

    def __init__(self, store: InspectionStore) -> None:
        super().__init__(store.pack)
        self.store = store
        self.pack = store.pack
        self.total: Score = store.total()

    def compose(self) -> ComposeResult:
        yield InspectionPanel(self.pack.info.veto_word, id="score-panel")
        with Horizontal(id="body"):
            yield ItemTree(self.pack, id="tree")
            with Vertical(id="inspect-side"):
                yield ItemDetail(self.pack, id="detail")
                yield VerdictPane(id="verdict")
        yield KeyFooter()

    async def on_mount(self) -> None:
        # The unit's item as its own app shows it; nothing of it can be changed.
        self.query_one(ItemDetail).make_read_only()
        pending = self.store.pending()
        start = pending[0] if pending else next(i for i in self.order if self._applies(i))
        tree = self.query_one(ItemTree)
        tree.build(self.total, start)
        self._show_totals()
        await self.show_item(start)
        self.call_after_refresh(collector.started)  # collected as usual from the first screen on

    def _applies(self, item_id: str) -> bool:
        return self.store.self_score.items[item_id].active

    # -- showing ----------------------------------------------------------------

    async def _draw(self, item_id: str, *, focus: bool) -> None:
        answers = self.store.reported.answers
        unit = self.store.self_score.items[item_id]
        item = self.pack.items[item_id]
        await self.query_one(ItemDetail).show(
            item,
            answers.answer(item_id),
            unit,
            answers.evidence,
            not_offered={
                label: cond
                for label, cond in item.options_when().items()
                if not condition_holds(self.pack, answers, cond)
            },
        )
        pane = self.query_one(VerdictPane)
        entry = self.store.inspection.item(item_id)
        await pane.show(unit, entry, found_fields(item))
        pane.show_state(unit, entry, self._proposal(item_id))

    def _shown(self, *, focus: bool) -> None:
        if focus:
            self.query_one("#verdict-score").focus()

    def _proposal(self, item_id: str) -> ItemScore | None:
        found = self.store.inspection.item(item_id).found
        if found is None or found.empty:
            return None
        reported = self.store.reported
        return propose(self.pack, reported.answers, item_id, found, reported.scored_on)

    def _lacking(self) -> list[str]:
        """Items whose verdict lacks its 扣分原因."""
        lacking = []
        for item_id, entry in self.store.inspection.items.items():
            unit = self.store.self_score.items.get(item_id)
            if unit is None or not unit.active:
                continue
            proposal = self._proposal(item_id)
            proposed = proposal.score if proposal and proposal.status is Status.ANSWERED else None
            if reason_missing(entry, unit, proposed):
                lacking.append(item_id)
        return lacking

    def _show_totals(self) -> None:
        self.total = self.store.total()
        count = sum(1 for s in self.store.self_score.items.values() if s.active and s.item.scored)
        self.query_one(InspectionPanel).show_inspection(
            self.total,
            self.store.self_score,
            count - len(self.store.pending()),
            count,
            len(self._lacking()),
            saved_text(self.store.saved_at, self.store.write_failed),
        )
        self.query_one(ItemTree).update_score(self.total)

    # -- saving -----------------------------------------------------------------

    def _typed_changes(self) -> tuple[dict[str, Any], str]:
        """What was typed for the current item and differs from what is saved, as
        set_item arguments; and why any of it cannot be saved ("" when all can)."""
        pane = self.query_one(VerdictPane)
        if self.current is None or pane.item_id != self.current:
            return {}, ""
        item = self.pack.items[self.current]
        typed = pane.typed()
        changes: dict[str, Any] = {}
        problem = ""
        if typed["verdict-score"] != pane.loaded["verdict-score"]:
            text = typed["verdict-score"]
            try:
                changes["score"] = read_score(self.pack, item, text) if text else None
            except ValueError as exc:
                problem = str(exc)
        if typed["verdict-reason"] != pane.loaded["verdict-reason"]:
            changes["reason"] = typed["verdict-reason"] or None
        found_changed = any(
            typed[f"found-{n}"] != pane.loaded.get(f"found-{n}", "")
            for n in range(len(pane.fields))
        )
        if found_changed:
            values: dict[str, Any] = {"value": None, "figures": {}, "profile": {}}
            for n, field in enumerate(pane.fields):
                try:
                    value = read_found(item, field, typed[f"found-{n}"])
                except ValueError as exc:
                    problem = problem or f"核实{field.label}：{exc}"
                    continue
                if value is None:
                    continue
                if field.where == "value":
                    values["value"] = value
                else:
                    values[_FOUND_SECTIONS[field.where]][field.key] = value
            if not problem:
                found = Found.model_validate(values)
                changes["found"] = found
                if "score" not in changes and not problem and not found.empty:
                    reported = self.store.reported
                    proposal = propose(
                        self.pack, reported.answers, item.id, found, reported.scored_on
                    )
                    if proposal.status is Status.ANSWERED:
                        changes["score"] = proposal.score  # the proposal, taken up
        return changes, problem

    def flush(self) -> bool:
        """Save what was typed for the current item; False when some of it could not
        be saved (the pane says why)."""
        if self.current is None:
            return True
        changes, problem = self._typed_changes()
        item_id = self.current
        if changes:
            saved = save(self, self.store.path, lambda: self.store.set_item(item_id, **changes))
            if saved is not None:
                pane = self.query_one(VerdictPane)
                typed = pane.typed()
                for key in ("verdict-reason", *(f"found-{n}" for n in range(len(pane.fields)))):
                    pane.loaded[key] = typed[key]
                if "score" in changes:
                    text = "" if saved.score is None else format_number(saved.score)
                    pane.loaded["verdict-score"] = text
                    field = self.query_one("#verdict-score", LineInput)
                    if field.value.strip() != text:
                        with field.prevent(Input.Changed):
                            field.value = text
        self._after_change(problem)
        return not problem

    def _after_change(self, problem: str = "") -> None:
        if self.current is None:
            return
        self._show_totals()
        self.query_one(VerdictPane).show_state(
            self.store.self_score.items[self.current],
            self.store.inspection.item(self.current),
            self._proposal(self.current),
            problem,
        )

    @on(VerdictPane.Edited)
    def _edited(self, event: VerdictPane.Edited) -> None:
        event.stop()
        self.flush()

    # -- moving -----------------------------------------------------------------

    async def action_next_pending(self) -> None:
        await handle_queued_keys(self.app)
        self.flush()
        pending = self.store.pending()
        if not pending:
            self.notify("全部条目均已核定。按 F2 填写检查组和验收意见。")
            return
        here = self.position[self.current] if self.current else -1
        later = [i for i in pending if self.position[i] > here]
        await self.show_item((later or pending)[0])

    async def action_confirm(self) -> None:
        await handle_queued_keys(self.app)
        if self.current is None:
            return
        self.flush()
        item_id = self.current
        # The pane's status line and the tree's mark say what it did.
        save(self, self.store.path, lambda: self.store.confirm(item_id))
        await self.show_item(item_id, rebuild=True)
        self._after_change()

    @on(ItemTree.ItemChosen)
    async def _chosen(self, event: ItemTree.ItemChosen) -> None:
        await self.show_item(event.item_id, focus=False)

    def action_scroll_unit(self, lines: int) -> None:
        self.query_one(ItemDetail).scroll_relative(y=lines, animate=False)

    def action_team(self) -> None:
        self.flush()
        self.app.push_screen(TeamScreen(self.store))
