"""Keys the app has passed on to the focused widget but that widget has not handled yet.

Textual hands each key to the focused widget's own queue, while a priority key (PgDn,
Ctrl+N, Ctrl+Q) is acted on by the app at once. Keys typed just before it, in the
same read of the terminal (a paste, a fast typist), may still wait in the input's
queue, and the Changed messages they cause in its parents' queues. Before the app
moves to another item or quits, it has them handled, so that what they typed is saved
under the item it was typed for.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from textual.app import App
from textual.widget import Widget

ROUNDS = 20  # each round handles what the one before posted; a key takes two or three
WAIT = 1.0  # seconds: a widget busy longer than this is not waited for


async def handle_queued_keys(app: App[Any]) -> None:
    """Have the focused widget and those above it, up to the screen, handle every
    message queued for them, and then those these posted in turn."""
    await handle_queued(lambda: _focus_chain(app))


async def handle_queued(nodes: Callable[[], Iterable[Widget]]) -> None:
    """Have the widgets `nodes()` names handle every message queued for them, and then
    those these posted in turn (`nodes` is asked again each round)."""
    running = asyncio.current_task()
    for _ in range(ROUNDS):
        waiting = [node for node in nodes() if node.message_queue_size and node.task is not running]
        if not waiting:
            return
        for node in waiting:
            handled = asyncio.Event()
            node.call_later(handled.set)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(handled.wait(), timeout=WAIT)


def _focus_chain(app: App[Any]) -> list[Widget]:
    chain = []
    node = app.focused
    while isinstance(node, Widget):
        chain.append(node)
        node = node.parent if isinstance(node.parent, Widget) else None
    return chain
