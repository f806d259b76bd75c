"""The current item: what it asks, how it is scored, and the inputs for its answer."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from checklist.answers.model import EvidenceEntry, ItemAnswer
from checklist.answers.values import format_date, format_number
from checklist.criteria.model import KINDS, Item, Pack
from checklist.scoring import ItemScore, Status
from checklist.tui.messages import (
    EvidenceCited,
    FigureChanged,
    NewEvidenceRequested,
    NotApplicableToggled,
    NoteChanged,
)
from checklist.tui.widgets.answer_inputs import answer_widget


def _field(label: str, value: str) -> Text:
    return Text.assemble((label + "：", "bold"), value)


def score_line(item_score: ItemScore) -> Text:
    item = item_score.item
    if item_score.status is Status.INACTIVE:
        why = item.when.describe() if item.when else ""
        return Text(f"本条目当前不需要回答（{why}）", style="dim")
    if not item.scored:
        text = Text("文字说明，不计分。")
    elif item_score.status is Status.NOT_APPLICABLE:
        text = Text("不适用，不计入满分。")
    else:
        text = Text.assemble(
            "本条得分：",
            (format_number(round(item_score.score, 2)), "bold"),
            f" / {format_number(item_score.max)} 分",
        )
        if item_score.status is Status.UNANSWERED:
            text.append("（未答）", style="dim")
    if item_score.veto_failed:
        text.append("  否决：未得满分", style="bold red")
    if item_score.hint:
        text.append(f"  {item_score.hint}", style="yellow")
    return text


def evidence_prompt(entry: EvidenceEntry) -> str:
    extra = [entry.kind]
    if entry.date:
        extra.append(format_date(entry.date))
    return f"{entry.no}. {entry.title}（{'，'.join(extra)}）"


class ItemDetail(VerticalScroll):
    """Built for one item; the screen replaces it when the user moves on."""

    # Tab goes straight to the inputs; the pane scrolls to whichever has focus.
    can_focus = False

    def __init__(
        self,
        pack: Pack,
        item: Item,
        answer: ItemAnswer | None,
        item_score: ItemScore,
        evidence: list[EvidenceEntry],
    ) -> None:
        super().__init__(id="detail")
        self.pack = pack
        self.item = item
        self.answer = answer
        self.item_score = item_score
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        item, answer = self.item, self.answer
        area = self.pack.area_of[item.id]
        indicator = self.pack.indicator_of[item.id]
        heading = Text.assemble(
            (item.id, "bold"),
            f"  {area.title} › {indicator.title}  ",
            (f"{format_number(item.points)}分", "bold") if item.scored else "",
            f"  {KINDS[item.kind]}",
        )
        if item.veto:
            heading.append(f"  【{self.pack.info.veto_word}】", style="bold red")
        yield Static(heading, classes="item-heading")
        yield Static(Text(item.text, style="bold"), classes="item-text")
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
        if facts:
            yield Static(Text("\n").join(facts), classes="item-facts")

        yield Label("回答", classes="section")
        figure = self.item_score.figure
        yield answer_widget(item, answer, figure)
        if item.allow_na:
            na = bool(answer and answer.na)
            yield Checkbox("不适用", na, id="na", compact=True)
            if na:
                reason = answer.na_reason if answer else ""
                yield Static(
                    Text(
                        f"不适用理由：{reason}" if reason else "不适用理由：未填写", style="italic"
                    ),
                    id="na-reason",
                )
        yield Static(score_line(self.item_score), id="item-score")

        if item.figures:
            yield Label("工作情况和数字说明", classes="section")
            figures = answer.figures if answer else {}
            for index, name in enumerate(item.figures):
                with Horizontal(classes="figure"):
                    yield Label(name, classes="figure-name")
                    yield Input(figures.get(name, ""), id=f"figure-{index}", classes="figure-input")

        yield Label("情况说明（备注）", classes="section")
        yield TextArea(answer.note if answer else "", soft_wrap=True, id="note")

        yield Label("引用的佐证材料", classes="section")
        cited = set(answer.evidence) if answer else set()
        if self.evidence:
            yield SelectionList[int](
                *(Selection(evidence_prompt(e), e.no, e.no in cited) for e in self.evidence),
                id="evidence-list",
            )
        else:
            yield Static("佐证材料目录中还没有材料。", classes="hint")
        yield Button("新增佐证材料…", id="add-evidence", compact=True)

    def show_score(self, item_score: ItemScore) -> None:
        self.item_score = item_score
        self.query_one("#item-score", Static).update(score_line(item_score))

    @on(Checkbox.Changed, "#na")
    def _na(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(NotApplicableToggled(self.item.id, event.value))

    @on(Input.Changed, ".figure-input")
    def _figure(self, event: Input.Changed) -> None:
        event.stop()
        assert event.input.id is not None
        index = int(event.input.id.removeprefix("figure-"))
        self.post_message(FigureChanged(self.item.id, self.item.figures[index], event.value))

    @on(TextArea.Changed, "#note")
    def _note(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(NoteChanged(self.item.id, event.text_area.text))

    @on(SelectionList.SelectedChanged, "#evidence-list")
    def _evidence(self, event: SelectionList.SelectedChanged[int]) -> None:
        event.stop()
        self.post_message(EvidenceCited(self.item.id, sorted(event.selection_list.selected)))

    @on(Button.Pressed, "#add-evidence")
    def _add_evidence(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(NewEvidenceRequested(self.item.id))
