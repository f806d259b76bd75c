"""The running score and progress, always visible above the main screen.

One widget draws the score, the progress bar and 已保存. They were a row of two
labels and a ProgressBar (itself a bar and a percentage): every layout of the screen
walks every widget shown, and PgDn lays the main screen out again, so these were five
widgets more in each PgDn's layout and drawing for a line that does not change on a
PgDn. They are drawn where Textual 8.2.8 (pinned) laid them out, as it drew them: the
score, 2 blanks, the bar and its percentage (5 cells, right-aligned) taking the rest,
2 blanks, 已保存; where there is no bar, the score wraps as a label does in the width
已保存 leaves it. Each part is drawn as its widget drew it (drawn_parts.py).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.geometry import Region, Size
from textual.renderables.bar import Bar as BarRenderable
from textual.strip import Strip
from textual.visual import visualize
from textual.widget import Widget

from checklist.formats import points_text
from checklist.scoring import Score
from checklist.tui.widgets.drawn_parts import blank, blank_style, part_lines


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


class ScorePanel(Widget):
    """Shows a Score handed down by the screen; it computes nothing itself.

    The score and 已保存 with its time are never cut: where the line cannot hold them
    and the bar (a narrow terminal, a long score), the bar goes, and the score wraps
    onto a second line if it cannot stand beside 已保存 either.

    One widget draws the score, the progress bar and 已保存 (see the module's
    docstring), where they were a row of labels and a ProgressBar (a bar and a
    percentage): the same places, looks and wrapping as Textual 8.2.8 gave them.
    """

    ALLOW_SELECT = False  # its parts are drawn apart: no text to select across them
    BAR = 10  # the least width worth a bar: a few cells and "100%"
    PERCENTAGE = 5  # the width of the percentage after the bar (PercentageStatus)
    GAP = 2  # blanks either side of the bar, and between the score and 已保存

    COMPONENT_CLASSES: ClassVar[set[str]] = {"score-panel--bar", "score-panel--complete"}

    # The bar's colours are those of Textual's progress bar (Bar, 8.2.8).
    DEFAULT_CSS = """
    ScorePanel {
        width: 1fr;
        height: auto;

        & > .score-panel--bar {
            color: $primary;
            background: $surface;
        }
        & > .score-panel--complete {
            color: $success;
            background: $surface;
        }
    }
    """

    def __init__(self, veto_word: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.veto_word = veto_word
        self._score = Content()
        self._saved = Content()
        self._total: int | None = None
        self._done = 0
        # What Textual's ProgressBar kept: its percentage, and that of its bar, as
        # the bar took it: rounded down to half cells of the bar's width at the time
        # (Bar._validate_percentage), and kept as long as the percentage stays.
        self._percentage: float | None = None
        self._bar_percentage: float | None = None
        self._bar_width = 0  # the bar's width as last drawn (0: not drawn yet)
        self._shown = 0  # counts the texts shown, for the caches below
        # The score's lines where there is no bar: (texts shown, width, count).
        self._wrapped: tuple[int, int, int] | None = None
        # The lines as last drawn: (what they depend on, lines).
        self._drawn: tuple[tuple[object, ...], list[Strip]] | None = None

    def show(self, score: Score, saved_at: dt.datetime | None, write_failed: bool) -> None:
        """`saved_at`: when the answers file was last written; `write_failed`: the last
        write failed, so what is on screen is not all on disk."""
        self.show_texts(
            score_text(score, self.veto_word),
            saved_text(saved_at, write_failed),
            done=score.answered_count,
            total=max(score.active_count, 1),
        )

    def show_texts(self, score: Text, saved: Text, *, done: int, total: int) -> None:
        """Show this score and saved text, and `done` of `total` on the bar."""
        console = self.app.console
        # As a Label has a Text drawn (textual.visual.visualize).
        self._score = Content.from_rich_text(score, console=console)
        self._saved = Content.from_rich_text(saved, console=console)
        # As ProgressBar.update(total=, progress=) sets one and then the other, each
        # change of its percentage passed on to its bar.
        if total != self._total:
            self._total = total
            self._percentage_is(self._computed())
        if done != self._done:
            self._done = done
            self._percentage_is(self._computed())
        self._shown += 1
        self.fit()
        self.refresh(layout=True)

    def _computed(self) -> float | None:
        """ProgressBar._compute_percentage."""
        if self._total:
            return min(max(self._done / self._total, 0.0), 1.0)
        return None if self._total is None else 1.0

    def _percentage_is(self, percentage: float | None) -> None:
        if percentage == self._percentage:
            return
        self._percentage = percentage
        halves = self._bar_width * 2
        if percentage is not None and halves:
            percentage = int(percentage * halves) / halves
        self._bar_percentage = percentage

    def shown(self) -> tuple[str, str]:
        """The score and the saved text shown."""
        return self._score.plain, self._saved.plain

    def regions(self) -> tuple[Region, Region]:
        """Where the score and the saved text are drawn on the screen."""
        region = self.content_region
        score_width, bar_width = self._widths(region.width)
        height = 1 if bar_width is not None else self._score_height(region.width)
        saved_width = self._saved.cell_length
        return (
            Region(region.x, region.y, score_width, height),
            Region(region.right - saved_width, region.y, saved_width, 1),
        )

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Show the bar only where the texts leave room for it (see the class): class
        -no-bar where it does not."""
        width = self.content_size.width
        if not width:
            return  # not laid out yet: on_resize comes
        self.set_class(self._widths(width)[1] is None, "-no-bar")

    def _widths(self, width: int) -> tuple[int, int | None]:
        """At a content width of `width`: the width of the score, and that of the bar
        (None: no bar). The score stands at the left, 已保存 at the right; between
        them, 2 blanks either side of the bar and its percentage, or 2 blanks."""
        saved = self._saved.cell_length
        room = width - self._score.cell_length - saved - 2 * self.GAP
        if room >= self.BAR:
            return self._score.cell_length, room - self.PERCENTAGE
        return max(width - saved - self.GAP, 1), None

    def _score_height(self, width: int) -> int:
        """The score's lines where there is no bar, as its label wrapped it."""
        score_width = self._widths(width)[0]
        if self._wrapped is None or self._wrapped[:2] != (self._shown, score_width):
            self._wrapped = (self._shown, score_width, len(self._score.wrap(score_width)) or 1)
        return self._wrapped[2]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 if self._widths(width)[1] is not None else self._score_height(width)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        lines = self._lines(width)
        return lines[y] if y < len(lines) else Strip.blank(width, blank_style(self))

    def _lines(self, width: int) -> list[Strip]:
        bar_styles = tuple(
            self.get_component_rich_style(name)
            for name in ("score-panel--bar", "score-panel--complete")
        )
        key = (width, self._shown, self.visual_style, self.background_colors, bar_styles)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw(width))
        return self._drawn[1]

    def _draw(self, width: int) -> list[Strip]:
        """The lines at a content width of `width`: each part as its widget drew it,
        the blanks as the row around them (drawn_parts.py)."""
        if not width:
            return []
        score_width, bar_width = self._widths(width)
        gap = blank(self, self.GAP)
        saved = part_lines(self, self._saved, self._saved.cell_length)[0]
        if bar_width is not None:
            self._bar_width = bar_width  # where the bar takes its next percentage
            score = part_lines(self, self._score, score_width)[0]
            return [Strip.join([score, gap, *self._bar(bar_width), gap, saved])]
        lines = part_lines(self, self._score, score_width, None) or [Strip([])]
        rest = blank(self, width - score_width)
        return [
            Strip.join([line, gap, saved] if not y else [line, rest])
            for y, line in enumerate(lines)
        ]

    def _bar(self, width: int) -> list[Strip]:
        """The bar and its percentage, as Textual's ProgressBar drew them (a Bar of
        `width` cells, a PercentageStatus: 5 cells, the text at the right)."""
        percentage = self._bar_percentage
        complete = percentage is not None and percentage >= 1
        style = self.get_component_rich_style(
            "score-panel--complete" if complete else "score-panel--bar"
        )
        # Shown only once `show` has been called, which the screens do as they are
        # mounted: the animation of a bar with no percentage is never seen.
        renderable = BarRenderable(
            highlight_range=(0, width * (percentage or 0)),
            highlight_style=RichStyle.from_color(style.color),
            background_style=RichStyle.from_color(style.bgcolor),
        )
        bar = part_lines(self, visualize(self, renderable), width)[0]
        text = "--%" if self._percentage is None else f"{round(self._percentage * 100)}%"
        percent = part_lines(self, Content(text), self.PERCENTAGE, align="right")
        return [bar, *percent]
