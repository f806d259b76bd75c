"""The running score and progress, always visible above the main screen."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from checklist.formats import points_text
from checklist.scoring import Score


def grade_style(score: Score) -> str:
    """Red for failing, green for the standard's highest grade, bold for the others."""
    return "bold red" if score.failed else "bold green" if score.top_grade else "bold"


def score_text(score: Score, veto_word: str) -> Text:
    if abs(score.raw_max - score.max) < 1e-9:
        text = Text.assemble("得分 ", (score.total_text, "bold"), f"/{points_text(score.max)}")
    else:
        # Items that do not apply: the points the answers earned, out of the points
        # that apply, then the total rescaled from them (a single answer worth 1 must
        # not show as 1.02 with nothing said).
        text = Text.assemble(
            "得分 ",
            (points_text(score.raw), "bold"),
            f"/{points_text(score.raw_max)}（折算 ",
            (score.total_text, "bold"),
            f"/{points_text(score.max)}）",
        )
    text.append("  ")
    text.append(score.grade, grade_style(score))
    # Unanswered veto items count as failed until answered; say which is which.
    if score.veto_not_met:
        text.append(f"（{veto_word}未通过 {len(score.veto_not_met)}）", style="red")
    elif score.veto_pending:
        text.append(f"（{veto_word}未答 {len(score.veto_pending)}）", style="yellow")
    text.append(f"  已答 {score.answered_count}/{score.active_count}")
    return text


def saved_text(saved_at: dt.datetime | None, write_failed: bool) -> Text:
    """Whether the answers are on disk: 已保存 and the time of the last write."""
    if write_failed:
        return Text("未保存", style="bold red")
    if saved_at is None:  # nothing changed since the file was read: all is on disk
        return Text("已保存")
    return Text(f"已保存 {saved_at:%H:%M:%S}")


class ScorePanel(Horizontal):
    """Shows a Score handed down by the screen; it computes nothing itself.

    The score and 已保存 with its time are never cut: where the line cannot hold them
    and the bar (a narrow terminal, a long score), the bar goes, and the score wraps
    onto a second line if it cannot stand beside 已保存 either.
    """

    BAR = 10  # the least width worth a bar: a few cells and "100%"

    def __init__(self, veto_word: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.veto_word = veto_word

    def compose(self) -> ComposeResult:
        yield Label(id="score-text")
        yield ProgressBar(show_eta=False, id="progress")
        yield Label(id="saved")

    def show(self, score: Score, saved_at: dt.datetime | None, write_failed: bool) -> None:
        """`saved_at`: when the answers file was last written; `write_failed`: the last
        write failed, so what is on screen is not all on disk."""
        self.query_one("#score-text", Label).update(score_text(score, self.veto_word))
        self.query_one("#saved", Label).update(saved_text(saved_at, write_failed))
        self.query_one("#progress", ProgressBar).update(
            total=max(score.active_count, 1), progress=score.answered_count
        )
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Show the bar only where the texts leave room for it (see the class)."""
        width = self.content_size.width
        if not width:
            return  # not laid out yet: on_resize comes
        texts = sum(cell_len(str(label.render())) for label in self.query(Label))
        room = width - texts - 4  # the margins either side of the bar
        self.set_class(room < self.BAR, "-no-bar")
