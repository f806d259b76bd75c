"""The main screen: the tree of the standard on the left, the current item on the right.

Widgets post messages (AnswerChanged …); this screen saves through the store, scores
the answers again and hands the result down to the tree, the score panel and the item.

The screens it opens on a key (evidence, overview, dialogs, a new edition's changes)
are imported when first opened: importing them all made the app slower to start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import MountError, Widget

from checklist.answers import AnswersStore
from checklist.answers.edition import check_edition
from checklist.answers.model import ItemAnswer, Profile
from checklist.criteria.model import Pack
from checklist.scoring import Score, condition_holds, score
from checklist.tui import collector
from checklist.tui.messages import (
    AnswerChanged,
    AnswerValue,
    DetailsEdited,
    NewEvidenceRequested,
    NotApplicableToggled,
)
from checklist.tui.plain_app import PlainApp
from checklist.tui.queued_keys import handle_queued_keys
from checklist.tui.reporting import Reports
from checklist.tui.resume import last_position, remember_position
from checklist.tui.saving import save
from checklist.tui.screens.kept_styles import KeptStyles, load_styles_of
from checklist.tui.screens.notice import NoticeScreen
from checklist.tui.screens.stepping import ItemStepping
from checklist.tui.widgets.boxes import Tick
from checklist.tui.widgets.item_detail import ItemDetail
from checklist.tui.widgets.item_tree import ItemTree, item_number
from checklist.tui.widgets.key_footer import KeyFooter
from checklist.tui.widgets.score_panel import ScorePanel

if TYPE_CHECKING:
    from checklist.tui.screens.profile import ProfileScreen

UNDOABLE = ("value", "na", "na_reason")  # what Ctrl+Z puts back


class ItemsScreen(KeptStyles, ItemStepping):
    CSS_PATH = "items.tcss"  # loaded with the app's own (ChecklistApp.CSS_PATH)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "next", "下一条", key_display="PgDn", priority=True),
        Binding("pageup", "previous", "上一条", key_display="PgUp", priority=True, show=False),
        Binding("ctrl+n", "next_unanswered", "下一未答", priority=True, tooltip="下一个未答条目"),
        Binding("f2", "profile", "基本情况", tooltip="填写或修改单位基本情况"),
        Binding("f3", "evidence", "佐证材料", tooltip="佐证材料目录：新增、编辑、删除"),
        Binding("f4", "overview", "概要", tooltip="自评概要、整改清单、生成报告"),
        Binding(
            "f8", "clear", "清除回答", show=False, tooltip="清除本条回答（备注和佐证材料保留）"
        ),
        # Not a priority: in a text field, Ctrl+Z undoes the typing there first.
        Binding(
            "ctrl+z", "undo", "撤销", show=False, tooltip="撤销对回答的上一次修改（可连续撤销）"
        ),
        Binding(
            "f6",
            "confirm_review",
            "复核无误",
            show=False,
            tooltip="迁移到新版标准后需复核的回答，核对无误后确认保留",
        ),
    ]

    # Textual redraws the whole screen when the focus moves (8.2.8, pinned), though
    # the widgets whose look changes redraw themselves; moving to the next item of
    # another kind moves the focus, and that redraw cost as much as showing the item.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    POSITION_PAUSE = 2.0  # seconds on an item before it is remembered as where to resume
    NEXT_PAUSE = 0.1  # seconds on an item before the next one is drawn ahead
    # Seconds after the first screen is drawn before the profile form is made (in a few
    # slices of under a tenth of a second each): before a chair has read the screen
    # and pressed F2, which would otherwise wait for all of it.
    PREPARE_PAUSE = 0.3
    # Seconds after the first screen before the widgets PgDn shows are made (after the
    # profile form's slices, so that neither delays the other's first keys).
    PREPARE_ITEMS_PAUSE = 1.0

    def __init__(self, pack: Pack, store: AnswersStore, reports: Reports) -> None:
        super().__init__(pack)
        self.pack = pack
        self.store = store
        self.reports = reports
        self.score: Score = score(pack, store.answers)
        self._position_timer: Timer | None = None
        self._next_timer: Timer | None = None  # draws the next item ahead
        self._prepare_when_back = False  # the item widgets wait for this screen
        self._profile: ProfileScreen | None = None
        self._profile_shown: Profile | None = None  # as it was when the form opened
        # (item id, what its answer was) before each change of a value or 不适用, for Ctrl+Z.
        self._undo: list[tuple[str, dict[str, Any]]] = []

    def compose(self) -> ComposeResult:
        yield ScorePanel(self.pack.info.veto_word, id="score-panel")
        with Horizontal(id="body"):
            yield ItemTree(self.pack, id="tree")
            yield ItemDetail(self.pack, id="detail")
        yield KeyFooter()

    async def on_mount(self) -> None:
        start = self._start_item()
        tree = self.query_one(ItemTree)
        tree.build(self.score, start)
        self.query_one(ScorePanel).show(self.score, self.store.saved_at, self.store.write_failed)
        await self.show_item(start, focus=False)
        # 不适用 is made when first needed, or ahead (ItemDetail.prepare) after the
        # profile form: its styles, a ToggleButton's, are the app's from the start.
        load_styles_of(self.app, Tick(""))
        self.styled()
        tree.focus()
        if not self.store.answers.profile.unit:
            self.app.push_screen(self._profile_form(first=True), self._profile_closed)
        else:
            # Counted from when the screen is first drawn: the start is not slowed.
            self.call_after_refresh(self.set_timer, self.PREPARE_PAUSE, self._prepare_profile)
        self.call_after_refresh(self.set_timer, self.PREPARE_ITEMS_PAUSE, self._prepare_items)
        self.call_after_refresh(collector.started)  # collected as usual from the first screen on
        check = check_edition(self.pack, self.store.answers)
        notice = check.describe()
        if not check.same and check.answered_pack == self.pack.info.id:
            self._offer_migration(notice)
        elif notice:
            title = "答卷中有标准没有的条目" if check.same else "标准版本有变化"
            self.app.push_screen(NoticeScreen(title, notice.splitlines()))

    def _offer_migration(self, notice: str) -> None:
        """Answers made against another edition of this standard: show what changed
        and offer to carry them across; no leaves the file as it is."""
        from checklist.editions.diff import diff_packs
        from checklist.editions.diff_text import diff_text
        from checklist.editions.migrate import answered_edition
        from checklist.tui.screens.edition import DIFF_WIDTH, EditionScreen

        old = answered_edition(self.store.answers)
        if old is not None:
            shown = diff_text(diff_packs(old, self.pack), width=DIFF_WIDTH)
        else:
            shown = "答卷所依据的原版本不在本机，无法逐条列出改动；迁移时按答卷记录的条目指纹判断哪些条目改过。"

        def answered(migrate_now: bool | None) -> None:
            if migrate_now:
                self.call_later(self._migrate, old)

        self.app.push_screen(EditionScreen(notice.splitlines(), shown), answered)

    async def _migrate(self, old: Pack | None) -> None:
        from checklist.editions.migrate import migrate

        self.flush()
        try:
            done = migrate(self.store.text(), self.store.answers, self.pack, old, dt.date.today())
        except AssertionError:
            self.notify("迁移后的答卷与应有的内容不符，没有迁移，文件未改动", severity="error")
            return
        if not self._save(lambda: self.store.replace_text(done.text)):
            return
        if self.current is not None:
            await self.show_item(self.current, rebuild=True)
        review = sum(1 for o in done.outcomes if o.what == "review")
        retired = sum(1 for o in done.outcomes if o.what == "retired")
        self.notify(
            f"已迁移到{self.pack.info.edition}：需复核 {review} 条（Ctrl+N 逐个跳到），"
            f"移入记录 {retired} 条；原文件保留为 .bak",
            timeout=10,
        )

    def _applies(self, item_id: str) -> bool:
        """Whether the item's condition holds, so that it is shown and answered."""
        item_score = self.score.items.get(item_id)
        return item_score is not None and item_score.active

    def _start_item(self) -> str:
        remembered = last_position(self.store.path)
        if remembered in self.pack.items and self._applies(remembered):
            return remembered
        if self.score.unanswered:
            return self.score.unanswered[0]
        return next(i for i in self.order if self._applies(i))

    # -- moving around ------------------------------------------------------

    async def _draw(self, item_id: str, *, focus: bool) -> None:
        item = self.pack.items[item_id]
        await self.query_one(ItemDetail).show(
            item,
            self.store.answers.answer(item_id),
            self.score.items[item_id],
            self.store.answers.evidence,
            focus_answer=focus,
            not_offered={
                label: cond
                for label, cond in item.options_when().items()
                if not condition_holds(self.pack, self.store.answers, cond)
            },
        )

    def _shown(self, *, focus: bool) -> None:
        # Written once the user rests on an item (and on leaving), not at every PgDn.
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(self.POSITION_PAUSE, self._remember_position)
        # What the next PgDn shows anew is drawn ahead while the chair reads: not at
        # once, so that a burst of PgDn does not draw the heads it passes.
        if self._next_timer is not None:
            self._next_timer.stop()
        self._next_timer = self.set_timer(self.NEXT_PAUSE, self._prepare_next)

    def _prepare_next(self) -> None:
        following = self._next_of(1)
        if following is not None and self.is_current:
            self.query_one(ItemDetail).prepare_next(
                self.pack.items[following],
                self.store.answers.answer(following),
                self.score.items[following],
            )

    async def _prepare_items(self) -> None:
        """Make the widgets the items will need (ItemDetail.prepare) while the chair
        reads the first: PgDn then only fills them. Not while another screen is being
        filled in (the profile form at the first start): once this one is back."""
        if not self.is_attached or not self.app.is_running:
            return  # the app is closing (Textual clears is_running first)
        if not self.is_current:
            self._prepare_when_back = True
            return
        async with self._showing:
            with self.app.batch_update():
                try:
                    await self.query_one(ItemDetail).prepare(self.pack.items.values())
                except MountError:
                    return  # the app began to close meanwhile: nothing to show them in
        if isinstance(self.app, PlainApp):
            self.app.keep_made()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls KeptStyles' handler of this event too (one of each class).
        if self._prepare_when_back:
            self._prepare_when_back = False
            self.set_timer(self.PREPARE_ITEMS_PAUSE, self._prepare_items)

    def _remember_position(self) -> None:
        if self._position_timer is not None:
            self._position_timer.stop()
            self._position_timer = None
        if self.current is not None:
            remember_position(self.store.path, self.current)

    def on_unmount(self) -> None:
        self._remember_position()

    async def action_next_unanswered(self) -> None:
        """The next item unanswered or needing review (需复核), after the current one."""
        await handle_queued_keys(self.app)
        open_items = {*self.score.unanswered, *self.score.review}
        unanswered = [i for i in self.order if i in open_items]
        if not unanswered:
            self.notify("全部条目均已回答。按 F4 查看概要。")
            return
        here = self.position[self.current] if self.current else -1
        later = [i for i in unanswered if self.position[i] > here]
        await self.show_item((later or unanswered)[0])

    async def go_to(self, item_id: str) -> None:
        """Jump to an item (command palette, summary)."""
        await handle_queued_keys(self.app)
        if not self._applies(item_id):
            self.notify("该条目的适用条件当前不成立，无需回答。", severity="warning")
            return
        await self.show_item(item_id)

    @on(ItemTree.ItemChosen)
    async def _chosen(self, event: ItemTree.ItemChosen) -> None:
        await self.show_item(event.item_id, focus=False)

    # -- saving -------------------------------------------------------------

    def _save(self, change: Callable[[], object]) -> bool:
        """Run one store change (see saving.save) and score again; True when saved."""
        saved = save(self, self.store.path, change) is not None
        # A failed write has changed the answers in memory all the same: show them.
        self._rescore()
        return saved

    def _rescore(self) -> None:
        answers = self.store.answers
        self.score = score(self.pack, answers)
        self.query_one(ItemTree).update_score(self.score)
        self.query_one(ScorePanel).show(self.score, self.store.saved_at, self.store.write_failed)
        if self.current is not None:
            for detail in self.query(ItemDetail):
                detail.show_score(self.score.items[self.current])

    def _unsaved(self) -> dict[str, dict[str, Any]]:
        """What the user typed or ticked but has not been saved yet, by item, as
        set_answer arguments: a value still being typed, the note, figures, evidence."""
        changes: dict[str, dict[str, Any]] = {}
        detail = self.query_one(ItemDetail)
        pending = detail.take_pending_answer()
        if pending is not None:
            item_id, value = pending
            changes[item_id] = self._value_change(item_id, value)
        live = detail.live_state()
        if live is not None:
            item_id, note, cited, figures = live
            answer = self.store.answers.answer(item_id)
            item = changes.setdefault(item_id, {})
            if (answer.note if answer else "") != note:
                item["note"] = note
            # Numbers the evidence index does not hold (a hand edit) are not in the
            # list to tick: they stay in the file, as the figures below do.
            saved_cited = sorted(answer.evidence) if answer else []
            listed = {entry.no for entry in self.store.answers.evidence}
            cited = sorted({n for n in saved_cited if n not in listed} | set(cited))
            if saved_cited != cited:
                item["evidence"] = cited or None
            # Figures this edition of the standard does not ask for stay in the file
            # (those it shows from 基本情况 or computes are never written).
            saved = answer.figures if answer else {}
            asked = {f.name for f in self.pack.items[item_id].figures if f.asked}
            kept = {name: value for name, value in saved.items() if name not in asked}
            if saved != kept | figures:
                item["figures"] = (kept | figures) or None
        return {item_id: change for item_id, change in changes.items() if change}

    def _value_change(self, item_id: str, value: AnswerValue) -> dict[str, Any]:
        """set_answer arguments that give an item `value` ({} when it has it already)."""
        answer = self.store.answers.answer(item_id)
        if answer is not None and answer.na:
            # Giving an answer withdraws 不适用; the reason is kept in case it returns.
            return {"value": value, "na": False}
        if (answer.value if answer else None) == value:
            return {}
        return {"value": value}

    def _save_changes(self, changes: dict[str, dict[str, Any]]) -> None:
        """One set_answer per item (one write of the file each)."""
        for item_id, change in changes.items():
            self._set_answer(item_id, **change)

    def _set_answer(self, item_id: str, **change: Any) -> bool:
        """Save a change to an item's answer, remembering what it changed for Ctrl+Z."""
        before = self.store.answers.answer(item_id) or ItemAnswer()
        undo = {key: getattr(before, key) for key in UNDOABLE if key in change}
        saved = self._save(partial(self.store.set_answer, item_id, **change))
        if saved and undo and any(undo[key] != change[key] for key in undo):
            self._undo.append((item_id, undo))
        return saved

    async def action_undo(self) -> None:
        """Put back the answer as it was before its last change (value and 不适用)."""
        if not self._undo:
            self.notify("没有可以撤销的修改")
            return
        self.flush()
        item_id, before = self._undo.pop()
        if self._save(partial(self.store.set_answer, item_id, **before)):
            self.notify(f"已撤销{item_number(self.pack, item_id)}的上一次修改")
        if not self._applies(item_id):
            return
        if item_id == self.current:  # shown anew; what the widgets held was flushed above
            await self.show_item(item_id, focus=False, rebuild=True)
        else:
            await self.show_item(item_id)

    def flush(self) -> None:
        """Save what the user has typed or ticked but not yet handed up (before moving
        on or quitting): a value still being typed, the note, figures, cited evidence."""
        self._save_changes(self._unsaved())

    @on(AnswerChanged)
    async def _answer(self, event: AnswerChanged) -> None:
        changes = self._unsaved()
        value = self._value_change(event.item_id, event.value)
        changes[event.item_id] = changes.get(event.item_id, {}) | value
        self._save_changes({item_id: change for item_id, change in changes.items() if change})
        if value.get("na") is False and event.item_id == self.current:
            await self.show_item(event.item_id, focus=False, rebuild=True)

    @on(DetailsEdited)
    def _details(self, event: DetailsEdited) -> None:
        self._save_changes(self._unsaved())

    @on(NotApplicableToggled)
    def _not_applicable(self, event: NotApplicableToggled) -> None:
        self._toggle_na(event.item_id, event.on)

    @work
    async def _toggle_na(self, item_id: str, on: bool) -> None:
        self.flush()
        answer = self.store.answers.answer(item_id)
        if on:
            from checklist.tui.screens.na_reason import NaReasonScreen

            previous = answer.na_reason if answer else ""
            reason = await self.app.push_screen_wait(
                NaReasonScreen(self.pack.items[item_id].text, previous)
            )
            if reason is not None:
                self._set_answer(item_id, na=True, na_reason=reason)
        elif answer is not None and answer.na:
            self._set_answer(item_id, na=False)
        if self.current == item_id:
            await self.show_item(item_id, focus=False, rebuild=True)
            # Back on the 不适用 box, made anew with the answer: the next Space acts
            # there, not on whatever took the focus when the old box went.
            for box in self.query("#na"):
                box.focus()

    @on(NewEvidenceRequested)
    def _new_evidence(self, event: NewEvidenceRequested) -> None:
        self._add_evidence(event.item_id)

    @work
    async def _add_evidence(self, item_id: str) -> None:
        from checklist.tui.screens.evidence_form import EvidenceForm

        self.flush()
        fields = await self.app.push_screen_wait(
            EvidenceForm(assessed_on=self.store.answers.profile.assessed_on)
        )
        if not fields:
            return
        entry = save(self, self.store.path, lambda: self.store.add_evidence(**fields))
        if entry is None:
            return
        answer = self.store.answers.answer(item_id)
        numbers = sorted({*(answer.evidence if answer else []), entry.no})
        self._save(lambda: self.store.set_answer(item_id, evidence=numbers))
        self.notify(f"已新增佐证材料 {entry.no} 并在本条引用")
        if self.current == item_id:
            await self.show_item(item_id, focus=False, rebuild=True)

    async def action_clear(self) -> None:
        if self.current is None:
            return
        item_id = self.current
        answer = self.store.answers.answer(item_id)
        if answer is None or (answer.value is None and not answer.na):
            return
        self.flush()
        saved = self._set_answer(item_id, value=None, na=False)
        await self.show_item(item_id, rebuild=True)
        if saved:
            self.notify("已清除本条回答（备注和佐证材料引用保留）。按 Ctrl+Z 可撤销")

    async def action_confirm_review(self) -> None:
        """The answer kept for review (需复核) after a migration stands as it is."""
        if self.current is None:
            return
        item_id = self.current
        answer = self.store.answers.answer(item_id)
        if answer is None or not answer.review:
            self.notify("本条回答不需要复核。")
            return
        self.flush()
        if self._save(lambda: self.store.confirm_review(item_id)):
            await self.show_item(item_id, rebuild=True)
            self.notify("已确认：本条回答按现有内容保留")

    # -- other screens ------------------------------------------------------

    def _profile_form(self, *, first: bool = False) -> ProfileScreen:
        """The profile form, made once and kept: opening it again is then quick."""
        if self._profile is None:
            from checklist.tui.screens.profile import ProfileScreen

            self._profile = ProfileScreen(self.store)
            self._profile.add_styles()
            self.app.install_screen(self._profile, "profile")
        self._profile.first = first
        self._profile_shown = self.store.answers.profile
        return self._profile

    def _prepare_profile(self) -> None:
        """Make the profile form while the chair reads the first item: it takes longer
        than a key may, and made at start it made the start slower (Textual 8.2.8 has
        no public way to start a screen without showing it: this is the step of
        push_screen that does; the form then lays itself out, unseen)."""
        if self._profile is None and self.is_attached:
            self.app._get_screen(self._profile_form())

    def action_profile(self) -> None:
        self.flush()
        self.app.push_screen(self._profile_form(), self._profile_closed)

    async def _profile_closed(self, _: None) -> None:
        if self.store.answers.profile == self._profile_shown:
            return  # nothing changed
        # Profile figures feed conditions and from_profile items.
        self._rescore()
        if self.current is not None:
            current = self.current
            if not self._applies(current):
                await self._step(1)
            else:
                await self.show_item(current, focus=False, rebuild=True)

    def action_evidence(self) -> None:
        from checklist.tui.screens.evidence import EvidenceScreen

        self.flush()
        self.app.push_screen(EvidenceScreen(self.pack, self.store), self._evidence_closed)

    async def _evidence_closed(self, _: None) -> None:
        if self.current is not None:
            await self.show_item(self.current, focus=False, rebuild=True)

    def action_overview(self) -> None:
        from checklist.tui.screens.overview import OverviewScreen

        self.flush()
        self.app.push_screen(
            OverviewScreen(self.pack, self.store, self.reports), self._overview_closed
        )

    async def _overview_closed(self, item_id: str | None) -> None:
        if item_id:
            await self.go_to(item_id)
