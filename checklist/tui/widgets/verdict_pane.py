"""The inspection team's inputs for the current item: 验收分, 扣分原因, what the team
found (where the item's rule is mechanical), the proposed score and what is missing.

It computes nothing and saves nothing: the screen reads what is typed (`typed`),
saves it through the inspection store and hands the result back (`show_state`).
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from checklist.formats import format_number, points_text
from checklist.inspection import FoundField, ItemInspection, reason_missing
from checklist.inspection.model import Found
from checklist.scoring import ItemScore, Status
from checklist.tui.widgets.item_detail import show_text
from checklist.tui.widgets.line_input import LineInput


def _score_text(value: float | None) -> str:
    return "" if value is None else format_number(value)


def found_text(found: Found | None, field: FoundField) -> str:
    """What the team found for `field`, as it is typed."""
    if found is None:
        return ""
    value: object
    if field.where == "profile":
        value = found.profile.get(field.key)
    elif field.where == "figure":
        value = found.figures.get(field.key)
    else:
        value = found.value
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def self_line(unit: ItemScore) -> Text:
    """The unit's 自评分 as the team reads it beside its own."""
    if not unit.item.scored:
        return Text("文字说明，不计分。", style="dim")
    if unit.status is Status.NOT_APPLICABLE:
        return Text("自评：不适用（不计入满分）", style="bold")
    text = Text.assemble(
        "自评分：", (points_text(unit.score), "bold"), f" / {points_text(unit.max)} 分"
    )
    if unit.status is not Status.ANSWERED:
        text.append(f"（{unit.status.value}）", style="yellow")
    return text


class VerdictPane(Vertical):
    """Posts Edited after a pause in typing, and at Enter in any of its fields."""

    PAUSE = 0.8

    class Edited(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_id = ""
        self.fields: list[FoundField] = []
        self.loaded: dict[str, str] = {}  # each input's text as shown
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Label("验收", classes="section")
        yield Static(id="self-line")
        with Horizontal(classes="verdict-row"):
            yield Label("验收分", classes="verdict-label")
            yield LineInput(id="verdict-score", compact=True, placeholder="如 2 或 1.5")
            yield Static(id="verdict-points", classes="verdict-side")
        with Horizontal(classes="verdict-row"):
            yield Label("扣分原因", classes="verdict-label")
            yield LineInput(id="verdict-reason", compact=True)
        yield Vertical(id="found-holder")
        yield Static(id="proposal")
        yield Static(id="verdict-status")

    async def show(self, unit: ItemScore, entry: ItemInspection, fields: list[FoundField]) -> None:
        """Show the item's verdict as saved."""
        self._stop()
        self.item_id = unit.item.id
        self.fields = fields
        show_text(self.query_one("#self-line", Static), self_line(unit))
        show_text(
            self.query_one("#verdict-points", Static),
            Text(f"（0 – {points_text(unit.max)} 分）", style="dim"),
        )
        self.loaded = {
            "verdict-score": _score_text(entry.score),
            "verdict-reason": entry.reason,
        }
        holder = self.query_one("#found-holder")
        rows = list(holder.query(".found-row").results(Horizontal))
        if len(rows) < len(fields):
            new = [
                Horizontal(
                    Label(classes="verdict-label found-label"),
                    LineInput(classes="found-input", compact=True),
                    classes="verdict-row found-row",
                )
                for _ in range(len(fields) - len(rows))
            ]
            await holder.mount_all(new)
            rows += new
        for index, row in enumerate(rows):
            row.display = index < len(fields)
            field_input = row.query_one(LineInput)
            if not row.display:
                continue
            field = fields[index]
            row.query_one(Label).update(Text(f"核实{field.label}"))
            field_input.placeholder = field.hint
            text = found_text(entry.found, field)
            self.loaded[f"found-{index}"] = text
            with field_input.prevent(Input.Changed):
                field_input.value = text
        for name in ("verdict-score", "verdict-reason"):
            field_input = self.query_one(f"#{name}", LineInput)
            with field_input.prevent(Input.Changed):
                field_input.value = self.loaded[name]

    def found_inputs(self) -> list[LineInput]:
        return [
            row.query_one(LineInput)
            for row in self.query(".found-row").results(Horizontal)
            if row.display
        ][: len(self.fields)]

    def typed(self) -> dict[str, str]:
        """What each field holds now, by the names of `loaded`."""
        texts = {
            "verdict-score": self.query_one("#verdict-score", LineInput).value.strip(),
            "verdict-reason": self.query_one("#verdict-reason", LineInput).value.strip(),
        }
        for index, field_input in enumerate(self.found_inputs()):
            texts[f"found-{index}"] = field_input.value.strip()
        return texts

    def show_state(
        self,
        unit: ItemScore,
        entry: ItemInspection,
        proposal: ItemScore | None,
        problem: str = "",
    ) -> None:
        """The proposal and what the verdict still lacks; `problem`: why what was
        typed was not saved."""
        proposal_text = Text()
        if proposal is not None:
            if proposal.status is Status.ANSWERED:
                proposal_text = Text.assemble(
                    "按核实情况建议验收分：",
                    (points_text(proposal.score), "bold"),
                    " 分",
                )
            elif proposal.hint:
                proposal_text = Text(f"尚不能给出建议分：{proposal.hint}", style="yellow")
        elif self.fields:
            proposal_text = Text("填写核实情况后，程序按本条评分规则给出建议分。", style="dim")
        show_text(self.query_one("#proposal", Static), proposal_text)
        proposed = proposal.score if proposal and proposal.status is Status.ANSWERED else None
        if problem:
            status = Text(f"✗ {problem}（未保存）", style="bold red")
        elif not unit.item.scored:
            status = Text("文字说明，不计分，无需评验收分", style="dim")
        elif reason_missing(entry, unit, proposed):
            status = Text("✗ 请填写扣分原因", style="bold red")
        elif entry.confirmed:
            status = Text("✓ 已确认自评分", style="bold green")
        elif entry.score is not None:
            status = Text("✓ 已评验收分", style="bold green")
        else:
            status = Text("未核定：按 F5 确认自评分，或填写验收分", style="dim")
        show_text(self.query_one("#verdict-status", Static), status)

    # -- typing ---------------------------------------------------------------

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _edited_now(self) -> None:
        self._stop()
        self.post_message(self.Edited())

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._stop()
        self._timer = self.set_timer(self.PAUSE, self._edited_now)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._edited_now()
