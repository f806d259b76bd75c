"""The current item: what it asks, how it is scored, and the inputs for its answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.timer import Timer
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from checklist.answers.figures import FigureReading
from checklist.answers.model import EvidenceEntry, ItemAnswer
from checklist.criteria.figures import Figure, FigureValue, value_words
from checklist.criteria.model import Condition, Item, Pack
from checklist.formats import format_date, format_number, points_text
from checklist.scoring import ItemScore, Status
from checklist.tui.messages import (
    AnswerValue,
    DetailsEdited,
    NewEvidenceRequested,
    NotApplicableToggled,
)
from checklist.tui.textual_patches import focus_styles
from checklist.tui.widgets.answer_inputs import (
    AllOfAnswer,
    ChoiceAnswer,
    TextAnswer,
    TypedAnswer,
    answer_class,
    answer_widget,
    reload_answer,
)
from checklist.tui.widgets.boxes import Tick, TickList
from checklist.tui.widgets.drawn_ahead import (
    DrawnLines,
    DrawsAhead,
    KeptDrawings,
    lines_for,
    styled_lines,
)
from checklist.tui.widgets.figure_table import FigureInput, FigureTable
from checklist.tui.widgets.item_tree import item_number, place_of
from checklist.tui.widgets.kept_lines import KeptScrollbars
from checklist.tui.widgets.prose import Prose, wrap
from checklist.tui.widgets.validators import Parses


def _field(label: str, value: str) -> Text:
    return Text.assemble((label + "：", "bold"), value)


def score_line(item_score: ItemScore) -> Text:
    item = item_score.item
    if not item_score.active:
        why = item.when.describe() if item.when else ""
        if item_score.hint:  # what the condition asks about is still blank
            return Text(f"本条目是否适用尚未确定：{item_score.hint}（{why}）", style="dim")
        if item_score.status is Status.ABSENT:
            return Text(f"本条目不具备适用条件，按 0 分计（{why}）", style="dim")
        return Text(f"本条目当前不需要回答（{why}）", style="dim")
    if not item.scored:
        text = Text("文字说明，不计分。")
    elif item_score.status is Status.NOT_APPLICABLE:
        text = Text("不适用，不计入满分。")
    else:
        text = Text.assemble(
            "本条得分：",
            (points_text(item_score.score), "bold"),
            f" / {points_text(item_score.max)} 分",
        )
        if item_score.status is Status.UNANSWERED:
            text.append("（未答）", style="dim")
    if item_score.veto_failed:
        text.append("  否决：未得满分", style="bold red")
    if item_score.hint:
        text.append(f"  {item_score.hint}", style="yellow")
    if item_score.remark:
        text.append(f"  {item_score.remark}", style="green")
    return text


def show_text(widget: Static, text: Text) -> None:
    """Give a Static (or Label) new text; one that shows it already is not drawn again."""
    if widget.content != text:
        widget.update(text)


def evidence_prompt(entry: EvidenceEntry) -> Text:
    """The entry as a choice in the list of cited evidence (its title is plain text)."""
    extra = [entry.kind]
    if entry.date:
        extra.append(format_date(entry.date))
    return Text(f"{entry.no}. {entry.title}（{'，'.join(extra)}）")


def figure_heading(figure: Figure) -> str:
    """The figure's name with the unit it is typed in: 受理数（件）, 满意率（%）."""
    unit = figure.unit if figure.asked and figure.type in ("integer", "number") else ""
    if figure.asked and figure.type == "percent":
        unit = "%"
    return f"{figure.name}（{unit}）" if unit else figure.name


_PLACEHOLDERS = {
    "integer": "整数",
    "number": "数字",
    "percent": "百分比，如 95.5",
    "date": "例如 2026-11-24",
    "text": "",
}


def _figure_text(value: FigureValue | None) -> str:
    """A saved figure as it is typed: 12, 95.5, 2026-11-24, or its text."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return format_number(value)
    return value_words(value)


def _shown(reading: FigureReading | None) -> str:
    """A figure the unit does not type, as the app shows it: 93.7%（会员数÷职工数）."""
    if reading is None:
        return ""
    return reading.line.removeprefix(f"{reading.figure.name}：")


HeadParts = tuple[Text, Text, Text]  # an item's heading, text and facts


def head_parts(pack: Pack, item: Item) -> HeadParts:
    """What ItemHead shows of `item`: its heading (number, place, points, kind), its
    text and its facts (basis, method, evidence, guidance, condition)."""
    heading = Text.assemble(
        (item_number(pack, item.id), "bold"),
        f"  {place_of(pack, item.id)}  ",
        (f"{points_text(item.points)}分", "bold") if item.scored else "",
        f"  {item.label}",
    )
    if item.veto:
        heading.append(f"  【{pack.info.veto_word}】", style="bold red")
    facts = []
    if item.basis:
        facts.append(_field("依据", "、".join(item.basis)))
    if item.method:
        facts.append(_field("考核方法", "、".join(item.method)))
    if item.evidence:
        facts.append(_field("佐证材料", "、".join(item.evidence)))
    if item.guidance:
        facts.append(_field("评分说明", item.guidance))
    if item.when:
        facts.append(_field("适用条件", item.when.describe()))
    return heading, Text(item.text, style="bold"), Text("\n").join(facts)


@dataclass
class _Head:
    """An item's head broken into lines at a width, and drawn (its content's strips,
    with the styles they were drawn with; then its lines in full) once drawn."""

    parts: HeadParts
    width: int
    lines: list[tuple[str, Text]]  # (component class or "", line)
    drawn: tuple[object, list[Strip]] | None = None
    full: DrawnLines | None = None


class ItemHead(Prose, DrawsAhead):
    """What the item asks, above its answer, as one block of prose of several lines:
    the heading, the item's text, its facts (head_parts) and the title 回答, a blank
    line between each. As four widgets, each had its share of every PgDn's layout,
    drawing and messages. (A Prose, whose styles the app then loads with its first
    screen: loaded later, with the first multiple-choice hint, they had Textual style
    the kept profile form anew at the first F2.)

    The head of the item the chair is likely to go to next is broken into lines and
    drawn ahead, while the chair reads (`prepare`): a PgDn then only shows it. Those
    of the last few items shown are kept, for going back."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"item-head--muted", "item-head--section"}
    KEPT = 4  # heads kept: the one shown, the one drawn ahead, the ones before

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key = ""  # the item shown
        self._heads: dict[str, _Head] = {}  # by item, the most recent last

    def show(self, key: str, parts: HeadParts) -> None:
        """Show the head of the item `key`."""
        if key == self._key and key in self._heads and self._heads[key].parts == parts:
            return  # nothing to lay out or draw again
        self._key = key
        self._head(key, parts, self.content_size.width)
        self.refresh(layout=True)

    def prepare(self, key: str, parts: HeadParts) -> None:
        """Break into lines and draw now the head of the item `key`, shown later."""
        width = self.content_size.width
        if width and self.is_attached:
            head = self._head(key, parts, width)
            self._full(head, Size(width, len(head.lines)) + self.styles.gutter.totals)

    @property
    def plain(self) -> str:
        head = self._heads.get(self._key)
        return "\n\n".join(part.plain for part in head.parts if part.plain) if head else ""

    def _head(self, key: str, parts: HeadParts, width: int) -> _Head:
        """The head of `key` at `width`, broken into lines anew if its parts changed."""
        head = self._heads.pop(key, None)
        if head is None or head.parts != parts or head.width != width:
            head = _Head(parts, width, self._break(parts, width))
        self._heads[key] = head
        while len(self._heads) > self.KEPT:
            del self._heads[next(iter(self._heads))]
        return head

    @staticmethod
    def _break(parts: HeadParts, width: int) -> list[tuple[str, Text]]:
        heading, text, facts = parts
        muted, section = "item-head--muted", "item-head--section"
        lines = [(muted, line) for line in wrap(heading, width)]
        lines += [("", Text())] + [("", line) for line in wrap(text, width)]
        if facts.plain:
            lines += [("", Text())] + [(muted, line) for line in wrap(facts, width)]
        lines += [("", Text()), (section, Text("回答"))]
        return lines

    def _shown_head(self, width: int) -> _Head | None:
        head = self._heads.get(self._key)
        if head is not None and head.width != width:
            head = self._head(self._key, head.parts, width)
        return head

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        head = self._shown_head(width)
        return len(head.lines) if head is not None else 0

    def _content(self, head: _Head) -> Content:
        lines = []
        for component, line in head.lines:
            content = Content.from_rich_text(line)
            if component:
                content = content.stylize_before(self.get_visual_style(component))
            lines.append(content)
        return Content("\n").join(lines)

    def _strips(self, head: _Head) -> list[Strip]:
        """The head drawn as Textual draws a widget's content (Widget._render_content),
        kept while the styles stay the same."""
        styles = (
            self.visual_style,
            self.get_visual_style("item-head--muted"),
            self.get_visual_style("item-head--section"),
        )
        if head.drawn is None or head.drawn[0] != styles:
            strips = Visual.to_strips(self, self._content(head), head.width, None, styles[0])
            head.drawn = (styles, strips)
        return head.drawn[1]

    def _full(self, head: _Head, size: Size) -> DrawnLines:
        """The head's lines in full at `size` (the widget's, with its padding: it has
        none), kept while they fit."""
        if head.full is None or not head.full.fits(self, size):
            strips = self._strips(head)
            blank = Strip.blank(head.width, self.visual_style.rich_style)
            head.full = styled_lines(self, size, lambda y: strips[y] if y < len(strips) else blank)
        return head.full

    def render(self) -> Content:
        head = self._shown_head(self.content_size.width)
        return self._content(head) if head is not None else Content()

    def render_lines(self, crop: Region) -> list[Strip]:
        head = self._shown_head(self.content_size.width)
        if head is None or self.text_selection is not None:
            return super().render_lines(crop)  # a selection is drawn by Textual
        return lines_for(self, self._full(head, self.region.size), crop)

    def render_line(self, y: int) -> Strip:
        head = self._shown_head(self.content_size.width)
        if head is None or self.text_selection is not None:
            return super().render_line(y)  # a selection is drawn by Textual
        strips = self._strips(head)
        if y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)


class ScoreLine(Static, DrawsAhead):
    """The item's score line (its text, as a Static's) and, when the item has figures,
    below it the title of the figures (工作情况和数字说明, a blank line above), as one
    widget: as two, each had its share of every PgDn's layout, drawing and messages.

    The next item's is drawn ahead, as its head is (`prepare`); those of the last few
    items shown are kept."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"score-line--section"}
    TITLE = "工作情况和数字说明"
    KEPT = 4  # drawn score lines kept: the one shown, the one drawn ahead, the ones before
    figures = False  # whether the title of the figures is shown

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._score = Text()  # shown
        self._drawn = KeptDrawings(self.KEPT)  # by (score, figures)

    def show(self, score: Text, *, figures: bool) -> None:
        self._score = score
        show_text(self, score)
        if figures != self.figures:
            self.figures = figures
            self.refresh(layout=True)

    def prepare(self, score: Text, *, figures: bool) -> None:
        """Draw now the score line of an item shown later."""
        width = self.size.width
        if width and self.is_attached:
            visual = visualize(self, score, markup=False)
            lines = len(Visual.to_strips(self, visual, width, None, self.visual_style))
            size = Size(width, lines + 2 if figures else lines)
            self._lines(score, figures, size + self.styles.gutter.totals)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        score = super().get_content_height(container, viewport, width)
        return score + 2 if self.figures else score

    def _lines(self, score: Text, figures: bool, size: Size) -> DrawnLines:
        """The score line in full at `size` (the widget's, with its padding: it has
        none), kept while it fits."""
        key = (score.markup, figures)

        def draw() -> DrawnLines:
            width, height = size - self.styles.gutter.totals
            visual = visualize(self, score, markup=False)
            blank = Strip.blank(width, self.visual_style.rich_style)
            strips = Visual.to_strips(self, visual, width, height, self.visual_style)[:height]
            strips += [blank] * (height - len(strips))
            if figures and height >= 2:
                strips[height - 2] = blank
                strips[height - 1] = self._title(width)
            return styled_lines(self, size, strips.__getitem__)

        return self._drawn.drawing(self, key, size, draw)

    def _title(self, width: int) -> Strip:
        """The title of the figures, as a line of the widget's content."""
        title = Content(self.TITLE).stylize_before(self.get_visual_style("score-line--section"))
        return Visual.to_strips(self, title, width, 1, self.visual_style)[0]

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.text_selection is not None:
            return super().render_lines(crop)  # a selection is drawn by Textual
        return lines_for(self, self._lines(self._score, self.figures, self.region.size), crop)

    def render_line(self, y: int) -> Strip:
        # Line by line, as Textual draws a selection (render_lines).
        title = self.size.height - 1
        if not self.figures or y < title - 1:
            return super().render_line(y)
        width = self.size.width
        if y == title - 1:
            return Strip.blank(width, self.visual_style.rich_style)
        return self._title(width)


class ItemDetail(KeptScrollbars, VerticalScroll):
    """The current item. Mounted once; `show` changes its content when the user moves on.

    Everything is updated in place, which keeps moving between items fast: the answer
    widget of each kind is kept and shows the next item of that kind, and figure rows
    are reused.
    """

    # Tab goes straight to the inputs; the pane scrolls to whichever has focus.
    can_focus = False
    PAUSE = 0.8  # seconds of no typing in the note or a figure before they are saved

    def __init__(self, pack: Pack, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pack = pack
        self.item: Item | None = None
        self.item_score: ItemScore | None = None
        self._edited: Timer | None = None
        self._answers: dict[type[Widget], Widget] = {}  # one of each kind's widget
        self._answer: Widget | None = None  # the one shown
        self.prepared = False  # what the items need is made (see prepare)
        self.read_only = False  # see make_read_only
        # The cited-evidence list as last filled: rebuilt only when another item's
        # would differ (forgotten once the user ticks in it).
        self._evidence_shown: list[tuple[int, str, bool]] | None = None
        # Its parts, kept at hand: each PgDn fills them (a query each cost it more).
        self._head = ItemHead(id="head")
        self._score_line = ScoreLine(id="item-score")
        self._table = FigureTable(id="figures")
        self._note_area = TextArea(soft_wrap=True, id="note")
        self._evidence_list = TickList[int](id="evidence-list")
        self._evidence_empty = Static(
            "佐证材料目录中还没有材料。", classes="hint", id="evidence-empty"
        )
        self._na_parts: tuple[Tick, Static] | None = None  # 不适用 and its reason, once made

    def compose(self) -> ComposeResult:
        # The answer widgets come after the heading, then 不适用 and its reason once an
        # item allows it; the figure rows after the score line. All are children of
        # the pane itself: each container between cost every PgDn its layout, drawing
        # and messages.
        yield self._head
        yield self._score_line
        yield self._table
        yield Label("情况说明（备注）", classes="section")
        yield self._note_area
        yield Label("引用的佐证材料", classes="section")
        yield self._evidence_list
        yield self._evidence_empty
        yield Button("新增佐证材料…", id="add-evidence", compact=True)

    def make_read_only(self) -> None:
        """Show items read-only from now on: every part is disabled, those mounted
        later too; the pane itself is not, so that it still scrolls."""
        self.read_only = True
        for part in self.children:
            part.disabled = True

    async def _mount(
        self, *widgets: Widget, before: Widget | None = None, after: Widget | None = None
    ) -> None:
        for widget in widgets:
            widget.disabled = widget.disabled or self.read_only
        await self.mount_all(widgets, before=before, after=after)

    @property
    def shown_answer(self) -> Widget | None:
        """The answer widget of the item shown."""
        return self._answer

    def answer_input(self) -> Widget | None:
        """The widget of the item shown that takes the keys of its answer (None for an
        answer taken from the profile)."""
        widget = self._answer
        if widget is None or widget.has_class("answer-input"):
            return widget
        return next(iter(widget.query(".answer-input")), None)

    def take_pending_answer(self) -> tuple[str, AnswerValue] | None:
        """(item id, value) typed in the answer widget but not yet handed up, and
        forget it: the caller saves it."""
        widget = self._answer
        if isinstance(widget, TypedAnswer | TextAnswer):
            pending = widget.take_pending()
            if pending is not None:
                return widget.item.id, pending[0]
        return None

    def live_state(self) -> tuple[str, str, list[int], dict[str, FigureValue]] | None:
        """(item id, note, cited evidence, figures) as shown now, for saving before
        moving on."""
        if self.item is None:
            return None
        note = self._note_area.text.strip()
        cited = sorted(self._evidence_list.selected)
        figures = {
            field.name_: value
            for field in (row.field for row in self._table.rows)
            if field.item_id == self.item.id
            and field.name_
            and field.display
            and (value := field.current()) is not None
        }
        return self.item.id, note, cited, figures

    async def show(
        self,
        item: Item,
        answer: ItemAnswer | None,
        item_score: ItemScore,
        evidence: list[EvidenceEntry],
        *,
        focus_answer: bool = False,
        not_offered: Mapping[str, Condition] | None = None,
    ) -> None:
        """Show `item`; with `focus_answer`, put the keyboard focus on its answer input;
        `not_offered`: its options whose own condition does not hold (not offered).

        The screen has saved what was shown before (see live_state).
        """
        self._stop_timer()
        self.item, self.item_score = item, item_score
        self._head.show(item.id, head_parts(self.pack, item))
        self._score_line.show(score_line(item_score), figures=bool(item.figures))

        await self._show_answer(item, answer, item_score, not_offered, focus=focus_answer)

        await self._show_figures(item, answer.figures if answer else {}, item_score.readings or {})

        note = self._note_area
        note_text = answer.note if answer else ""
        if note.text != note_text:
            with note.prevent(TextArea.Changed):
                note.load_text(note_text)
        else:  # as loaded anew, without drawing it again: no undo into the item before
            note.history.clear()
            if note.cursor_location != (0, 0):
                note.move_cursor((0, 0))

        cited = set(answer.evidence) if answer else set()
        shown = [(e.no, evidence_prompt(e).plain, e.no in cited) for e in evidence]
        if shown != self._evidence_shown:
            self._evidence_shown = shown
            evidence_list = self._evidence_list
            with evidence_list.prevent(SelectionList.SelectedChanged):
                evidence_list.clear_options()
                evidence_list.add_options(
                    [Selection(evidence_prompt(e), e.no, e.no in cited) for e in evidence]
                )
            evidence_list.display = bool(evidence)
            self._evidence_empty.display = not evidence
        self._keep_focus_in_sight()
        self.scroll_home(animate=False)

    async def prepare(self, items: Iterable[Item]) -> None:
        """Make, hidden, what showing `items` will need: the answer widget of each
        kind, 不适用, and the figure rows. Made when first needed, each cost its PgDn several
        times what showing an item costs; the screen calls this while the chair reads."""
        items = list(items)
        for item in items:
            kind = answer_class(item)
            if kind is AllOfAnswer:
                continue  # what it shows besides its boxes is the item's own: made for it
            widget = self._answers.get(kind)
            if widget is None:
                widget = answer_widget(item, None, None)
                widget.display = False
                await self._mount_answer(widget)
                self._answers[kind] = widget
        if any(item.allow_na for item in items):
            await self._na_tick()
        await self._table.make_rows(max((len(item.figures) for item in items), default=0))
        # Their looks with the focus and without, worked out now: a PgDn to an item of
        # another kind moves the focus from one answer input to another.
        for widget in self._answers.values():
            for field in [widget, *widget.query(".answer-input")]:
                if field.has_class("answer-input"):
                    focus_styles.prepare(field)
        self.prepared = True

    def prepare_next(self, item: Item, answer: ItemAnswer | None, item_score: ItemScore) -> None:
        """Draw ahead what showing `item` next will draw anew: its head, its score, and
        its choices where the widget that shows them is shown now."""
        self._head.prepare(item.id, head_parts(self.pack, item))
        self._score_line.prepare(score_line(item_score), figures=bool(item.figures))
        widget = self._answers.get(answer_class(item))
        if isinstance(widget, ChoiceAnswer) and widget is self._answer:
            widget.prepare_item(item, answer.value if answer is not None else None)

    def _keep_focus_in_sight(self) -> None:
        """A field hidden with the item before (its answer widget, a figure row) keeps
        no focus: the first field of this item takes it, and the keys."""
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors:
            return
        node: Widget | None = focused
        while node is not None and node is not self:
            if not node.display:
                shown = (w for w in self.screen.focus_chain if self in w.ancestors)
                self.screen.set_focus(next(shown, None), scroll_visible=False)
                return
            node = node.parent if isinstance(node.parent, Widget) else None

    async def _show_answer(
        self,
        item: Item,
        answer: ItemAnswer | None,
        item_score: ItemScore,
        not_offered: Mapping[str, Condition] | None,
        *,
        focus: bool,
    ) -> None:
        """The answer widget of the item's kind, and 不适用.

        Each kind's widget is made once and kept, hidden while other kinds are shown:
        showing another item changes its text, which is much faster than mounting.
        """
        old = self._answer
        kind = answer_class(item)
        widget = self._answers.get(kind)
        if widget is None or not reload_answer(
            widget, item, answer, item_score.figure, not_offered
        ):
            if widget is not None:  # it cannot show this item (all_of: made for each item)
                await widget.remove()
            widget = answer_widget(item, answer, item_score.figure, not_offered)
            await self._mount_answer(widget)
            self._answers[kind] = widget
        self._answer = widget
        if old is not None and old is not widget and old.is_attached:
            # Hidden first: hidden after the focus moved, it asked for its layout only
            # once its queue had the focus messages through, and the screen was laid
            # out a second time. The focus moves once all the same (below).
            old.display = False
        widget.display = True
        if focus and (target := self.answer_input()) is not None:
            # At once, not after the keys already queued: they are typed into it.
            self.screen.set_focus(target, scroll_visible=False)
            # Once laid out, scroll just enough to show it, without animation: on a
            # small terminal a long item pushes its answer below the fold.
            self.call_after_refresh(self.scroll_to_widget, target, animate=False)
        if old is not widget and isinstance(old, TypedAnswer | TextAnswer) and old.is_attached:
            old.forget_typing()

        if not item.allow_na and self._na_parts is None:
            return
        na, reason = await self._na_tick()
        na.display = item.allow_na
        with na.prevent(Checkbox.Changed):
            na.value = bool(item.allow_na and answer and answer.na)
        reason.display = na.value
        if na.value:
            why = answer.na_reason if answer else ""
            reason.update(Text(f"不适用理由：{why or '未填写'}", style="italic"))

    async def _mount_answer(self, widget: Widget) -> None:
        """Mount an answer widget where answers show: under the heading (the one shown
        is the only one displayed; their order does not matter)."""
        await self._mount(widget, after=self._head)

    async def _na_tick(self) -> tuple[Tick, Static]:
        """不适用 and its reason, made when first needed (hidden), then kept: below the
        answer widgets, above the score line."""
        if self._na_parts is None:
            tick, reason = Tick("不适用", id="na", compact=True), Static(id="na-reason")
            tick.display = reason.display = False
            await self._mount(tick, reason, before=self._score_line)
            self._na_parts = (tick, reason)
        return self._na_parts

    async def _show_figures(
        self,
        item: Item,
        figures: Mapping[str, FigureValue],
        readings: Mapping[str, FigureReading],
    ) -> None:
        """Fill the figure rows, reusing the rows and inputs of earlier items (mounting
        is slow). A figure shown from 基本情况 or computed has no input: its value and
        where it comes from are shown instead (`readings`)."""
        table = self._table
        await table.make_rows(len(item.figures))
        for index, row in enumerate(table.rows):
            field = row.field
            figure = item.figures[index] if index < len(item.figures) else None
            row.shown = figure is not None
            row.name = figure_heading(figure) if figure is not None else ""
            name = figure.name if figure is not None else ""
            field.item_id, field.name_, field.figure = item.id, name, figure
            field.display = figure is not None and figure.asked
            typed = figure is not None and figure.asked and figure.type != "text"
            field.validators = [Parses(figure.parse)] if typed and figure is not None else []
            field.placeholder = _PLACEHOLDERS[figure.type] if typed and figure is not None else ""
            saved = figures.get(name) if field.display else None
            field.loaded = (_figure_text(saved), saved)
            shown = figure is not None and not field.display
            row.side = Text(_shown(readings.get(name)) if shown else "")
            with field.prevent(Input.Changed):
                field.value = field.loaded[0]
        table.changed()

    def show_score(self, item_score: ItemScore) -> None:
        self.item_score = item_score
        line = self._score_line
        line.show(score_line(item_score), figures=line.figures)
        # Computed figures follow the figures typed (建小家活动率 as 开展数 is typed).
        table = self._table
        for row in table.rows:
            field = row.field
            if field.item_id == item_score.item.id and row.shown and not field.display:
                reading = (item_score.readings or {}).get(field.name_)
                table.show_side(row, Text(_shown(reading)))

    @on(Checkbox.Changed, "#na")
    def _na(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.item is not None:
            self.post_message(NotApplicableToggled(self.item.id, event.value))

    # The note and the figures are saved after a pause in typing, the cited evidence at
    # once; before moving on and quitting, the screen saves whatever is shown.
    def _stop_timer(self) -> None:
        if self._edited is not None:
            self._edited.stop()
            self._edited = None

    def _typed(self) -> None:
        self._stop_timer()
        self._edited = self.set_timer(self.PAUSE, self._edited_now)

    def _edited_now(self) -> None:
        self._stop_timer()
        if self.item is not None:
            self.post_message(DetailsEdited(self.item.id))

    @on(Input.Changed, ".figure-input")
    def _figure(self, event: Input.Changed) -> None:
        event.stop()
        figure = event.input
        assert isinstance(figure, FigureInput)
        # A change queued before the row was reused for another item is stale.
        if event.value == figure.value and figure.name_:
            result = event.validation_result
            table = self._table
            row = next((row for row in table.rows if row.field is figure), None)
            if row is not None:
                wrong = result is not None and not result.is_valid
                table.show_side(
                    row,
                    Text(f"✗ {result.failure_descriptions[0]}（按文字保存，需复核）", style="red")
                    if wrong and result is not None
                    else Text(),
                )
            self._typed()

    @on(TextArea.Changed, "#note")
    def _note(self, event: TextArea.Changed) -> None:
        event.stop()
        self._typed()

    @on(SelectionList.SelectedChanged, "#evidence-list")
    def _evidence(self, event: SelectionList.SelectedChanged[int]) -> None:
        event.stop()
        self._evidence_shown = None  # ticked here: the next item lists its own anew
        self._edited_now()

    @on(Button.Pressed, "#add-evidence")
    def _add_evidence(self, event: Button.Pressed) -> None:
        event.stop()
        if self.item is not None:
            self.post_message(NewEvidenceRequested(self.item.id))
