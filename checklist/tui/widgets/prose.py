"""Chinese text wrapped as Chinese typesetting expects (避头尾, kinsoku).

Terminals wrap CJK text at any character, so a line can start with "，" or "）" and
end with "（". Prose breaks lines itself: closing punctuation never starts a line,
opening punctuation never ends one, and runs of Latin letters and digits (ids,
dates, numbers) and short words between spaces (单选) stay together when they fit. Option labels (boxes.py) are broken by
the same rules (`break_lines`, `broken`), and so are the command palette's and short
labels that may wrap (ProseLabel).
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.console import RenderResult as RichRenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.app import RenderResult
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

# 行首禁则: may not begin a line.  行尾禁则: may not end a line.
NOT_AT_START = set("，。、；：？！）》」』】〕〉”’…—·％%,.;:?!)]}/")
NOT_AT_END = set("（《「『【〔〈“‘([{/")
# A short word standing between spaces (单选, 2分, 达到程度 in an item's heading) is
# kept whole, as are runs of Latin letters and digits; any other character is a unit.
_SHORT_WORD = r"(?<!\S)[^\s" + re.escape("".join(sorted(NOT_AT_START))) + r"]\S{0,5}(?!\S)"
_UNIT = re.compile(_SHORT_WORD + r"|[A-Za-z0-9_.\-/%]+|\s+|.", re.DOTALL)


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets in `text` where lines start (after the first), for lines ≤ `width` cells."""
    if width <= 2:
        return []
    units = [m.group() for m in _UNIT.finditer(text)]
    # Split units wider than a line (a very long id) into characters.
    pieces: list[str] = []
    for unit in units:
        pieces.extend(unit if cell_len(unit) > width else [unit])
    offsets: list[int] = []
    line: list[str] = []
    line_width = 0
    position = 0
    for piece in pieces:
        if piece == "\n":
            position += 1
            offsets.append(position)
            line, line_width = [], 0
            continue
        piece_width = cell_len(piece)
        if line and line_width + piece_width > width and not piece.isspace():
            # Move characters down until the new line does not start with closing
            # punctuation and the old one does not end with opening punctuation.
            carried: list[str] = []
            while line and (
                (carried or [piece])[0][0] in NOT_AT_START or line[-1][-1] in NOT_AT_END
            ):
                if len(line) == 1:
                    break
                carried.insert(0, line.pop())
            if sum(cell_len(p) for p in carried) + piece_width > width:
                # More closing punctuation than a line holds: the rule gives way.
                line.extend(carried)
                carried = []
            start = position - sum(len(p) for p in carried)
            offsets.append(start)
            line = carried
            line_width = sum(cell_len(p) for p in carried)
        line.append(piece)
        line_width += piece_width
        position += len(piece)
    return offsets


def wrap(text: Text, width: int) -> list[Text]:
    """`text` as lines of at most `width` cells (leading spaces of a line dropped)."""
    lines = text.divide(break_offsets(text.plain, width)) if text.plain else [text]
    result = []
    for line in lines:
        line.rstrip()
        if line.plain.endswith("\n"):
            line.right_crop(1)
        result.append(line)
    return result


class WrappedText:
    """`text` in a Rich layout (a table's cell), wrapped by `wrap` at the width Rich
    gives it: Rich wraps at spaces only and cuts Chinese, which has none, with "…"."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RichRenderResult:
        yield Text("\n").join(wrap(self.text, options.max_width))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = cell_len(self.text.plain)
        return Measurement(min(width, 8), width)


def break_lines(content: Content, width: int) -> list[Content]:
    """`content` as lines of at most `width` cells, as `wrap` breaks a Text."""
    if not content.plain:
        return [content]
    return [line.rstrip() for line in content.divide(break_offsets(content.plain, width))]


class BrokenLines(Visual):
    """`content` broken by the rules above at the width it is drawn at: an option of a
    list, which Textual would break at any character (one line where the widget's
    text-wrap is nowrap)."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._broken: tuple[int, list[Content]] | None = None

    def __str__(self) -> str:
        return str(self.content)  # its text, as the Content's own

    @property
    def plain(self) -> str:
        return self.content.plain

    def lines(self, width: int) -> list[Content]:
        if self._broken is None or self._broken[0] != width:
            self._broken = (width, break_lines(self.content, width))
        return self._broken[1]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if options.rules.get("text_wrap") == "nowrap":  # one line, cut as the rules say
            return self.content.render_strips(width, height, style, options)
        joined = Content("\n").join(self.lines(width))
        return joined.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if rules.get("text_wrap") == "nowrap":
            return 1
        return len(self.lines(width))


def broken(visual: Visual) -> Visual:
    """An option's visual (OptionList._get_visual) broken by the rules above."""
    return BrokenLines(visual) if isinstance(visual, Content) else visual


class ProseLabel(Label):
    """A Label whose lines break by the rules above where it wraps (Textual breaks at
    any character: "2.0%（拨缴金额÷工资总额" above a line holding "）" alone)."""

    _broken: tuple[Visual, Visual] | None = None

    def render(self) -> Visual:
        visual = self.visual
        if self._broken is None or self._broken[0] is not visual:
            self._broken = (visual, broken(visual))
        return self._broken[1]


class ProseOptions(OptionList):
    """An OptionList whose options break into lines as prose does."""

    def _get_visual(self, option: Option) -> Visual:
        if option._visual is None:
            option._visual = broken(super()._get_visual(option))
        return option._visual


class Prose(Widget):
    """A block of text, wrapped with the rules above; height follows the width."""

    DEFAULT_CSS = """
    Prose {
        height: auto;
    }
    """

    def __init__(
        self, text: Text | str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text(text) if isinstance(text, str) else text
        self._wrapped: tuple[int, list[Text]] | None = None

    def update(self, text: Text | str) -> None:
        text = Text(text) if isinstance(text, str) else text
        if text == self._text:
            return  # nothing to lay out or draw again
        self._text = text
        self._wrapped = None
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, wrap(self._text, width))
        return self._wrapped[1]

    @property
    def plain(self) -> str:
        return self._text.plain

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)) if self._text.plain else 0

    def render(self) -> RenderResult:
        return Text("\n").join(self._lines(self.content_size.width))
