"""检查组与验收意见: the team (组长, 成员, 验收日期), the overall 验收意见 and one per
一级指标. Saved when the screen is left (Esc, F2 or the button) and at quitting."""

from __future__ import annotations

import re
from functools import partial
from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from checklist.formats import parse_date
from checklist.inspection import InspectionStore
from checklist.tui.saving import save
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.validators import DateText


def _names(text: str) -> list[str]:
    """成员 as typed, separated by 、，, or spaces."""
    return [name for name in re.split(r"[、，,;；\s]+", text) if name]


class TeamScreen(ModalScreen[None]):
    AUTO_FOCUS = "#leader"
    CSS_PATH: ClassVar[list[str | PurePath]] = ["modal.tcss", "inspection.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f2", "close", "保存并返回", priority=True),
    ]

    def __init__(self, store: InspectionStore) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        inspection = self.store.inspection
        team = inspection.team
        with Vertical(classes="dialog wide", id="team-dialog"):
            yield Label("检查组与验收意见", classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="team-body"):
                yield Label("组长", classes="section")
                yield LineInput(team.leader, id="leader", compact=True)
                yield Label("成员（用顿号分隔）", classes="section")
                yield LineInput("、".join(team.members), id="members", compact=True)
                yield Label("验收日期", classes="section")
                yield LineInput(
                    team.date.isoformat() if team.date else "",
                    id="date",
                    compact=True,
                    placeholder="例如 2026-12-01",
                    validators=[DateText()],
                )
                yield Label("总体验收意见", classes="section")
                yield TextArea(
                    inspection.opinion.overall, id="overall", soft_wrap=True, classes="opinion"
                )
                for area in self.store.pack.areas:
                    yield Label(Text(f"{area.title}验收意见"), classes="section")
                    yield TextArea(
                        inspection.opinion.areas.get(area.id, ""),
                        id=f"opinion-{area.id}",
                        soft_wrap=True,
                        classes="opinion area-opinion",
                    )
            yield Static(id="team-message")
            yield Button("保存并返回", variant="primary", id="close")

    def commit(self) -> bool:
        """Save every field; False (and a message) when the date cannot be read."""
        date_text = self.query_one("#date", LineInput).value.strip()
        try:
            date = parse_date(date_text) if date_text else None
        except ValueError as exc:
            self.query_one("#team-message", Static).update(
                Text(f"✗ 验收日期：{exc}（未保存）", style="bold red")
            )
            self.query_one("#date").focus()
            return False
        leader = self.query_one("#leader", LineInput).value.strip()
        members = _names(self.query_one("#members", LineInput).value)
        inspection = self.store.inspection
        team = inspection.team
        if (leader, members, date) != (team.leader, team.members, team.date):
            save(
                self,
                self.store.path,
                lambda: self.store.set_team(leader=leader, members=members, date=date),
            )
        overall = self.query_one("#overall", TextArea).text.strip()
        if overall != inspection.opinion.overall:
            save(self, self.store.path, lambda: self.store.set_opinion(overall))
        for area in self.store.pack.areas:
            text = self.query_one(f"#opinion-{area.id}", TextArea).text.strip()
            if text != inspection.opinion.areas.get(area.id, ""):
                save(
                    self,
                    self.store.path,
                    partial(self.store.set_opinion, text, area.id),
                )
        return True

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        if self.commit():
            self.dismiss(None)
