"""What a terminal shows of an app: every update the app sends, full or partial,
applied to a grid of cells, as a terminal applies them.

The app sends the whole screen rarely; mostly it sends the parts that changed. A part
it failed to send stays on the terminal as it was: a test compares this grid with the
screen as drawn in full at the same moment (`drawn_in_full`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import ControlType, Segment
from rich.style import Style
from textual.app import App

Cell = tuple[str, str]  # the character (or "" right of a wide one), its escape codes


class Terminal:
    """A grid of cells kept up to date from what `app`, run at `size`, sends to
    display; made before the app runs, so that it sees the first screen too."""

    def __init__(self, app: App[None], size: tuple[int, int]) -> None:
        self.width, self.height = size
        self.cells: list[list[Cell]] = self._blank()
        self.frames = 0
        self._console = Console(width=self.width, height=self.height, legacy_windows=False)
        display = app._display

        def shown(screen: object, renderable: object) -> None:
            if renderable is not None:
                self.frames += 1
                options = self._console.options
                self.apply(self._console.render(renderable, options))  # type: ignore[arg-type]
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = shown  # type: ignore[method-assign]

    def _blank(self) -> list[list[Cell]]:
        return [[(" ", "")] * self.width for _ in range(self.height)]

    def apply(self, segments: Iterable[Segment]) -> None:
        """Write segments as a terminal does: moves of the cursor, new lines, text."""
        x = y = 0
        for text, style, control in segments:
            if control:
                for code in control:
                    if code[0] is ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]  # type: ignore[misc]
                continue
            for char in text:
                if char == "\n":
                    x, y = 0, y + 1
                    continue
                width = cell_len(char)
                if 0 <= y < self.height and x + width <= self.width:
                    self.cells[y][x] = (char, _looks(style))
                    if width == 2:
                        self.cells[y][x + 1] = ("", _looks(style))
                x += width

    def lines(self) -> list[str]:
        return ["".join(char for char, _ in row) for row in self.cells]


def drawn_in_full(app: App[None]) -> list[list[Cell]]:
    """The current screen drawn from scratch, as cells."""
    terminal = object.__new__(Terminal)
    terminal.width, terminal.height = app.size
    terminal.cells = terminal._blank()
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        terminal.apply([Segment("", None, [(ControlType.CURSOR_MOVE_TO, 0, y)]), *strip])
    return terminal.cells


def differences(shown: list[list[Cell]], full: list[list[Cell]]) -> list[str]:
    """Each line where the two grids differ (text or looks), as "line: shown | full"."""
    found = []
    for y, (row, expected) in enumerate(zip(shown, full, strict=True)):
        if row != expected:
            found.append(
                f"{y}: {''.join(c for c, _ in row)!r} | {''.join(c for c, _ in expected)!r}"
            )
    return found


def _looks(style: Style | None) -> str:
    """The style as the terminal is told it (Textual's mouse metadata is not)."""
    if style is None:
        return ""
    return style.clear_meta_and_links().render("x", color_system=ColorSystem.TRUECOLOR)
