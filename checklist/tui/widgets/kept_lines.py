"""Lines of a widget's content framed once (its borders, padding, tint, opacity) and
kept under what they were framed from, for the tree and the panes' scrollbars.

Textual (8.2.8, pinned) frames each line of a widget (textual._styles_cache.StylesCache)
and keeps it under its row: a widget refreshed whole frames every row again, though
most show what they showed before, only elsewhere. The tree is refreshed whole at each
scroll (38 rows, some 1.5 ms), a scrollbar at each move of its thumb or change of its
pane's height (1-2 ms for the two of a PgDn). A row of the content (below the top
border and padding, above the bottom ones, outlines aside) is framed the same
wherever it is: here it is framed once and kept under its content and what framing
it depends on (the widget's size, borders, padding, colours, tint, opacity, ANSI
theme), read once for all rows. What Textual draws is unchanged: the kept line is the
one Textual framed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.terminal_theme import TerminalTheme
from textual._ansi_theme import DEFAULT_TERMINAL_THEME
from textual._styles_cache import StylesCache
from textual.cache import LRUCache
from textual.color import Color
from textual.content import Content
from textual.css.styles import StylesBase
from textual.filter import LineFilter
from textual.geometry import Region, Size, Spacing
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

_Label = tuple[Content, Color, Color, Style] | None


class KeptFraming(StylesCache):
    """A StylesCache (Textual 8.2.8) keeping the rows of content it framed under their
    content (see above); borders, padding and outlines are framed as Textual does."""

    def __init__(self, size: int = 256) -> None:
        super().__init__()
        self._framed: LRUCache[tuple[Any, ...], Strip] = LRUCache(size)
        self._framing: tuple[Any, ...] | None = None  # what framing depends on
        self._band = (0, 0)  # the rows of content: framed alike

    def render(
        self,
        styles: StylesBase,
        size: Size,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        filters: Sequence[LineFilter],
        border_title: _Label,
        border_subtitle: _Label,
        content_size: Size | None = None,
        padding: Spacing | None = None,
        crop: Region | None = None,
        opacity: float = 1.0,
        ansi_theme: TerminalTheme = DEFAULT_TERMINAL_THEME,
        native_ansi: bool = False,
    ) -> list[Strip]:
        # What StylesCache.render_line reads for a row of content, read once.
        gutter = styles.gutter
        outline = styles.outline
        outline_top, outline_bottom = outline[0][0], outline[2][0]
        height = size.height
        self._band = (
            max(gutter.top, 1 if outline_top else 0),
            min(height - gutter.bottom, height - 1 if outline_bottom else height),
        )
        self._framing = (
            size,
            content_size,
            padding,
            base_background,
            background,
            opacity,
            ansi_theme,
            native_ansi,
            styles.border,
            styles.outline,
            styles.text_opacity,
            styles.hatch if styles.has_rule("hatch") else None,
            styles.tint,
        )
        try:
            return super().render(
                styles,
                size,
                base_background,
                background,
                render_content_line,
                filters,
                border_title,
                border_subtitle,
                content_size,
                padding,
                crop,
                opacity,
                ansi_theme,
                native_ansi,
            )
        finally:
            self._framing = None

    def render_line(
        self,
        styles: StylesBase,
        y: int,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        border_title: _Label,
        border_subtitle: _Label,
        opacity: float,
        ansi_theme: TerminalTheme,
        native_ansi: bool,
    ) -> Strip:
        framing = self._framing
        top, bottom = self._band
        content_y = y - top
        kept = framing is not None and top <= y < bottom and content_y < content_size.height
        if kept:
            content = render_content_line(content_y)
            key = (framing, tuple(content))
            strip = self._framed.get(key)
            if strip is not None:
                return strip
            render_content_line = lambda _: content  # noqa: E731 (read once, above)
        strip = super().render_line(
            styles,
            y,
            size,
            content_size,
            padding,
            base_background,
            background,
            render_content_line,
            border_title,
            border_subtitle,
            opacity,
            ansi_theme,
            native_ansi,
        )
        if kept:
            self._framed[key] = strip
        return strip


# A mixin of widgets, not a widget: Textual follows a widget's first base that is a
# DOMNode for its default styles (DOMNode._css_bases).
if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object


class KeptScrollbars(_Base):
    """Given first among a widget's bases, its scrollbars keep the rows they framed
    (KeptFraming): a thumb moved, or a pane grown, changes few of them."""

    def _keep_framing(self, scrollbar: ScrollBar) -> ScrollBar:
        if not isinstance(scrollbar._styles_cache, KeptFraming):
            scrollbar._styles_cache = KeptFraming(64)
        return scrollbar

    # Textual (8.2.8, pinned) makes a widget's scrollbars in these properties, when
    # first asked for, and renders them through their _styles_cache.
    @property
    def vertical_scrollbar(self) -> ScrollBar:
        return self._keep_framing(super().vertical_scrollbar)

    @property
    def horizontal_scrollbar(self) -> ScrollBar:
        return self._keep_framing(super().horizontal_scrollbar)
