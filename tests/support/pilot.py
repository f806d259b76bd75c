"""Small helpers for driving the app as a person would."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from itertools import groupby
from pathlib import Path
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets._toast import Toast

from checklist.tui.app import ChecklistApp, make_app
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.answer_inputs import TypedAnswer
from checklist.tui.widgets.item_detail import ItemDetail

W = TypeVar("W", bound=Widget)


async def type_into(pilot: Pilot[None], widget: Widget, text: str) -> None:
    """Focus a widget and type `text` as a person does: Latin letters, digits and signs
    key by key; Chinese as an input method hands it over, a phrase of characters at
    once (full-width punctuation included)."""
    widget.focus()
    await pilot.pause()
    for ascii_run, run in groupby(text, str.isascii):
        if ascii_run:
            await pilot.press(*run)
        else:
            # Pilot.press cannot name full-width punctuation (（，。…); a terminal sends
            # each character as a key whose character is itself, which is what we send.
            driver = pilot.app._driver
            assert driver is not None
            for char in run:
                driver.send_message(events.Key(char, char))
            await pilot.pause()
    await pilot.pause()


async def type_at_once(pilot: Pilot[None], widget: Widget, text: str) -> None:
    """Focus a widget and send the keys of `text` in one go, as a quick typist or a
    paste does: the app handles them one after the other, with no wait of the test's
    between them (on a loaded machine a test's own waits are longer than the app's
    pause in typing)."""
    widget.focus()
    await pilot.pause()
    driver = pilot.app._driver
    assert driver is not None
    for char in text:
        driver.send_message(events.Key(char, char))
    await pilot.pause()


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def until(
    pilot: Pilot[None], condition: Callable[[], object], what: str, *, within: float = 60.0
) -> None:
    """Let the app work until `condition()` holds (checked after each pause).

    The app may need many turns on a busy machine (a timer, a worker, a write), so
    this waits for the state, giving up only after `within` seconds of it not coming.
    """
    deadline = time.monotonic() + within
    # Each look costs the app a turn of every widget (Pilot.pause): while a report is
    # written elsewhere, looking less often leaves the processor to the work awaited.
    rest = 0.01
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await pilot.pause()
        if not condition():
            await asyncio.sleep(rest)  # let timers and threads of the app run
            rest = min(2 * rest, 0.1)


async def open_at(app: App[None], pilot: Pilot[None], item_id: str) -> ItemsScreen:
    """The app once open, showing `item_id` on its main screen."""
    await settle(pilot)
    main = app.screen
    assert isinstance(main, ItemsScreen)
    await main.go_to(item_id)
    await settle(pilot)
    return main


async def items_prepared(app: App[None], pilot: Pilot[None]) -> ItemsScreen:
    """The main screen once it has made, hidden, the widgets PgDn shows (see
    ItemsScreen._prepare_items): what a chair who has read the first item finds."""
    await settle(pilot)
    main = app.screen
    assert isinstance(main, ItemsScreen)
    detail = main.query_one(ItemDetail)
    await until(pilot, lambda: detail.prepared, "the item widgets made")
    await settle(pilot)
    return main


def answer_input(main: ItemsScreen, kind: type[W]) -> W:
    """The input of the item shown, where its answer is typed or chosen."""
    widget = main.query_one(ItemDetail).answer_input()
    assert isinstance(widget, kind), widget
    return widget


def answer_part(main: ItemsScreen, selector: str, kind: type[W]) -> W:
    """A part of the answer widget of the item shown (its message, a button)."""
    widget = main.query_one(ItemDetail).shown_answer
    assert widget is not None
    return widget.query_one(selector, kind)


def answer_message(main: ItemsScreen) -> str:
    """The message under the typed answer of the item shown, as drawn (a line each)."""
    widget = main.query_one(ItemDetail).shown_answer
    assert isinstance(widget, TypedAnswer), widget
    return "\n".join(widget.message_lines())


def screen_text(app: App[None]) -> str:
    """What the top screen shows now, as plain text, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notifications_of(app: App[None]) -> list[str]:
    """The text of every notification the app raises from now on, as it is raised:
    on a loaded machine the first ones expire from the screen before the last ones
    come, so the screen's own list cannot be counted."""
    notified: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        notified.append(message)
        notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return notified


def toasts(app: App[None]) -> list[str]:
    """The notifications on screen, as they read."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


@asynccontextmanager
async def opened(
    answers_path: Path, *keys: str, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[ChecklistApp, Pilot[None]]]:
    """The app on `answers_path` once open, after pressing `keys` (e.g. "f3", "a")."""
    app = make_app(answers_path, None)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        yield app, pilot


async def choose(pilot: Pilot[None], options: OptionList, index: int) -> None:
    """Pick the option at `index` of a list, as Enter on it does."""
    options.focus()
    options.highlighted = index
    await pilot.press("enter")
    await settle(pilot)
