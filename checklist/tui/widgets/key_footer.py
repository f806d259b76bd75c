"""The footer: the keys of the screen, drawn by one widget.

Textual's Footer is a container of a FooterKey widget per key (8.2.8, pinned). Every
layout of the screen walks every widget shown, and PgDn lays the main screen out
again: the footer's seven keys were seven widgets more in each PgDn's layout and
drawing, for keys that do not change on a PgDn. This one draws the keys itself, as
Textual's compact footer draws them (the same CSS variables, layered as the footer,
the key and its parts are: see DEFAULT_CSS), and does what a FooterKey does with the
mouse: a click on a key presses it (the bell where the key is disabled), the key under
the mouse is highlighted and shows its tooltip. Keys beyond the right edge are cut, as
the footer cut them (its keys could be scrolled into view with the mouse wheel: not
kept here). Key groups (Binding.group, two keys drawn as one) are not drawn as groups:
no binding of the app has a group.

Textual's Footer also rebuilt its keys whenever focus moved, and was made empty and
given its keys only once the screen was first drawn (a second layout and drawing of
the whole screen at the start). This one draws the keys its screen has (those shown
once the focus has settled: the keys of the screen and of the app, the widgets that
take the focus show none of theirs) and draws again only when they change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from checklist.tui.widgets.drawn_parts import blank, blank_style, part_lines


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer shows it."""

    key: str  # as pressed (Binding.key)
    display: str  # as written (key_names.py)
    description: str
    enabled: bool
    tooltip: str


class KeyFooter(Widget):
    """The keys of the screen (see the module's docstring)."""

    ALLOW_SELECT = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--item",
        "key-footer--hover",
        "key-footer--disabled",
        "key-footer--key",
        "key-footer--description",
    }

    # Textual 8.2.8's CSS of a compact Footer and its FooterKeys, a key's layers as
    # components drawn one over the other as the DOM layered them: the footer, the
    # key (--item, or --hover under the mouse, and --disabled), then its part (--key,
    # --description).
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;

        & > .key-footer--item {
            background: $footer-item-background;
        }
        & > .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .key-footer--disabled {
            text-style: dim;
        }
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        &.-over-key {
            pointer: pointer;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[FooterEntry, ...] = ()
        self._hover: int | None = None  # the key under the mouse
        self._drawn: tuple[tuple[object, ...], Strip] | None = None  # the line as last drawn

    def on_mount(self) -> None:
        self._shown = _keys(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        shown = _keys(screen)
        if shown == self._shown:
            return
        self._shown = shown
        self._hover_at(None)
        self.refresh()

    def shown(self) -> list[str]:
        """The keys as drawn, from left to right: "F2 基本情况"."""
        return [f"{entry.display} {entry.description}".rstrip() for entry in self._shown]

    def _spans(self) -> list[tuple[int, int]]:
        """Where each key is drawn: from its first cell to the cell after it."""
        spans = []
        x = 0
        for entry in self._shown:
            width = Content(entry.display).cell_length
            if entry.description:
                width += 1 + Content(entry.description).cell_length
            spans.append((x, x + width))
            x += width + 1  # a blank after each key (margin-right: 1, compact)
        return spans

    def _key_at(self, x: int) -> int | None:
        for index, (start, end) in enumerate(self._spans()):
            if start <= x < end:
                return index
        return None

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        looks = tuple(self.get_visual_style(name) for name in sorted(self.COMPONENT_CLASSES))
        key = (width, self._shown, self._hover, self.visual_style, self.background_colors, looks)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw(width))
        return self._drawn[1] if not y else Strip.blank(width, blank_style(self))

    def _draw(self, width: int) -> Strip:
        """The keys, each as its FooterKey drew it, a blank after each as the footer
        drew its background (drawn_parts.py), cut at the right edge."""
        parts: list[Strip] = []
        for index, entry in enumerate(self._shown):
            layers = ["key-footer--hover" if index == self._hover else "key-footer--item"]
            if not entry.enabled:
                layers.append("key-footer--disabled")
            content = Content.styled(
                entry.display, self.get_visual_style(*layers, "key-footer--key")
            )
            if entry.description:
                description = self.get_visual_style(*layers, "key-footer--description")
                content = Content.assemble(content, (" " + entry.description, description))
            if parts:
                parts.append(blank(self, 1))
            parts.extend(part_lines(self, content, content.cell_length))
        return Strip.join(parts).crop(0, width)

    def _hover_at(self, index: int | None) -> None:
        if index == self._hover:
            return
        self._hover = index
        self.set_class(index is not None, "-over-key")
        self.tooltip = (self._shown[index].tooltip or None) if index is not None else None
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        self._hover_at(None if offset is None else self._key_at(offset.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover_at(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """As a FooterKey: the key pressed, or the bell where it is disabled."""
        offset = event.get_content_offset(self)
        index = None if offset is None else self._key_at(offset.x)
        if index is None:
            return
        entry = self._shown[index]
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()


def _keys(screen: Screen[object]) -> tuple[FooterEntry, ...]:
    """What the footer shows of the screen's keys: as Textual's Footer, the first key
    shown of each action, in the order of the screen's active bindings."""
    entries: dict[str, FooterEntry] = {}
    for _, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in entries:
            entries[binding.action] = FooterEntry(
                binding.key,
                screen.app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip,
            )
    return tuple(entries.values())
