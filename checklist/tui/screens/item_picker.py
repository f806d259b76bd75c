"""Pick the items a rectification row concerns from the standard's list, as the sheet
numbers them; returns the ids ticked, or None when cancelled.

Items are listed under their area (a sheet may number each area from 1), those that
lost points marked 失N分. Typing narrows the list: a number finds the item so numbered,
words find the items, areas or marks that contain them (失 finds every item that lost
points). What was ticked stays ticked while the list is narrowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import ClassVar

from rich.text import Text
from textual import on
from textual._path import CSSPathType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from checklist.criteria.model import Pack
from checklist.formats import points_text
from checklist.tui.queued_keys import handle_queued_keys
from checklist.tui.widgets.boxes import TickList
from checklist.tui.widgets.item_tree import item_number
from checklist.tui.widgets.line_input import LineInput

HEADING = "\0area:"  # the value of an area's heading in the list (not an item id)


def item_choice(
    pack: Pack,
    item_id: str,
    gap: float | None = None,
    *,
    named: Callable[[Pack, str], str] = item_number,
) -> str:
    """An item as the list shows it under its area: 第5项（失2分）机关为工会开展工作……;
    `named=item_name` where its area is not above it."""
    lost = f"（失{points_text(gap)}分）" if gap else " "
    return f"{named(pack, item_id)}{lost}{pack.items[item_id].text}"


def matches(query: str, pack: Pack, item_id: str, shown: str) -> bool:
    """Whether an item answers what was typed: its number, or words of its line, of
    its area's title, or its id (as the chair typed them before there was a list)."""
    words = query.split()
    if not words:
        return True
    area = pack.area_of[item_id].title
    return all(
        (word.isdigit() and pack.sheet_numbers[item_id] == int(word))
        or word in shown
        or word in area
        or word == item_id
        for word in words
    )


class ItemPicker(ModalScreen[list[str] | None]):
    CSS_PATH: ClassVar[CSSPathType] = ["modal.tcss", "item_picker.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消"),
        # Acted on at once, in the order typed: keys typed right after ↓ in the search
        # go to the list, and a tick lands on the option it was typed on (Textual acts
        # on a list's own keys after the arrows typed later).
        Binding("down", "down", show=False, priority=True),
        Binding("up", "up", show=False, priority=True),
        Binding("space", "space", show=False, priority=True),
    ]

    def __init__(
        self, pack: Pack, chosen: Iterable[str], shortfalls: Mapping[str, float] | None = None
    ) -> None:
        super().__init__()
        self.pack = pack
        self.shortfalls = dict(shortfalls or {})
        self.chosen = [i for i in chosen if i in pack.items]
        self._shown = {i: item_choice(pack, i, self.shortfalls.get(i)) for i in pack.items}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="picker"):
            yield Label("选择涉及的条目", classes="dialog-title")
            yield LineInput(placeholder="输入编号或文字查找，如 5、经费、失分", id="search")
            yield Static(
                "↓ 到列表，空格或回车勾选（可多选），Tab 到“确定”；Esc 取消", classes="hint"
            )
            yield TickList[str](*self._options(""), id="picked")
            yield Static("", id="found", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("确定", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self._count(self.query_one("#picked", TickList))

    def _options(self, query: str) -> list[Selection[str]]:
        options: list[Selection[str]] = []
        for area in self.pack.areas:
            found = [
                Selection(Text(self._shown[i]), i, i in self.chosen)
                for i in (item.id for item in area.items())
                if matches(query, self.pack, i, self._shown[i])
            ]
            if found:
                heading = Selection(Text(area.title, "bold"), HEADING + area.id, disabled=True)
                options += [heading, *found]
        return options

    def _count(self, options: TickList[str]) -> None:
        found = sum(1 for o in options.options if not o.disabled)
        text = f"找到 {found} 项" if found else "没有找到，请换个说法"
        self.query_one("#found", Static).update(f"{text}；已选 {len(self.chosen)} 项")

    @on(Input.Changed, "#search")
    def _narrow(self, event: Input.Changed) -> None:
        options = self.query_one("#picked", TickList)
        with options.prevent(SelectionList.SelectedChanged):
            options.clear_options()
            options.add_options(self._options(event.value))
        options.highlighted = self._first_item(options)
        self._count(options)

    @staticmethod
    def _first_item(options: TickList[str]) -> int | None:
        return next((n for n, o in enumerate(options.options) if not o.disabled), None)

    @on(SelectionList.SelectedChanged, "#picked")
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        ticked = set(event.selection_list.selected)
        listed = event.selection_list.options
        shown = {o.value for o in listed if isinstance(o, Selection) and not o.disabled}
        kept = [i for i in self.chosen if i not in shown or i in ticked]
        self.chosen = kept + [i for i in self.pack.items if i in ticked and i not in kept]
        self._count(event.selection_list)  # type: ignore[arg-type]

    @on(Input.Submitted, "#search")
    def _to_the_list(self) -> None:
        self._enter_list()

    def _enter_list(self) -> None:
        options = self.query_one("#picked", TickList)
        if options.highlighted is None:
            options.highlighted = self._first_item(options)
        self.set_focus(options)  # now, not after the keys already typed

    async def action_down(self) -> None:
        await handle_queued_keys(self.app)  # what was typed before ↓ narrows the list
        options = self.query_one("#picked", TickList)
        if self.focused is options:
            options.action_cursor_down()
        elif self.focused is self.query_one("#search", Input):
            self._enter_list()

    async def action_up(self) -> None:
        await handle_queued_keys(self.app)
        options = self.query_one("#picked", TickList)
        if self.focused is not options:
            return
        if options.highlighted in (None, self._first_item(options)):
            self.set_focus(self.query_one("#search", Input))  # back to the search
        else:
            options.action_cursor_up()

    async def action_space(self) -> None:
        await handle_queued_keys(self.app)
        options = self.query_one("#picked", TickList)
        if self.focused is options:
            if options.highlighted is not None:
                options.toggle(options.get_option_at_index(options.highlighted))
        elif isinstance(self.focused, Input):
            self.focused.insert_text_at_cursor(" ")
        elif isinstance(self.focused, Button):
            self.focused.press()

    def on_key(self, event: Key) -> None:
        search = self.query_one("#search", Input)
        if self.focused is self.query_one("#picked", TickList) and event.is_printable:
            # Typing in the list goes on with the search.
            assert event.character is not None
            event.stop()
            self.set_focus(search)
            search.insert_text_at_cursor(event.character)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        order = list(self.pack.items)
        self.dismiss(sorted(self.chosen, key=order.index))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
