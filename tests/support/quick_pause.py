"""Pilot.pause without waking every widget that has nothing to do.

Textual's `Pilot.pause` waits until the app, the screen and each of the screen's
widgets have handled what was queued for them, by queueing a callback for every one
of them and waiting for all to run (Pilot._wait_for_screen). On the main screen that
is a hundred widgets or more, each woken to run a callback and then its idle
handling, at every pause: 40% of the messages an app test's app handled (measured on
tests/ui/test_keys.py and test_saving.py: 34,752 messages, 20,416 with this).

A widget that waits for its next message with none queued and no callback pending
(`call_next`) has handled everything queued for it, so the callback would run at once
and wait for nothing: it is left alone. A widget still handling a message, one not yet
started, and one with messages queued get the callback as before; the app and the
screen always do (their idle handling lays out and draws the screen).
"""

from __future__ import annotations

import asyncio

from textual.message_pump import MessagePump
from textual.pilot import Pilot, WaitForScreenTimeout


def _waiting_with_nothing_to_do(pump: MessagePump) -> bool:
    queue = pump._message_queue
    return not queue.values and bool(queue.ready_event._waiters) and not pump._next_callbacks


async def _wait_for_screen(self: Pilot[object], timeout: float = 30.0) -> bool:
    try:
        screen = self.app.screen
    except Exception:
        return False
    count = 0
    all_done = asyncio.Event()

    def done() -> None:
        nonlocal count
        count -= 1
        if count == 0:
            all_done.set()

    pumps: list[MessagePump] = [self.app, screen]
    pumps += (w for w in screen.walk_children() if not _waiting_with_nothing_to_do(w))
    for pump in pumps:
        if pump.call_later(done):
            count += 1
    if count:
        waits = [
            asyncio.create_task(all_done.wait()),
            asyncio.create_task(self.app._exception_event.wait()),
        ]
        _, pending = await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        if len(pending) == len(waits):
            raise WaitForScreenTimeout(
                "Timed out while waiting for widgets to process pending messages."
            )
        if count > 0:  # the app failed before all had run
            return False
    return True


def install() -> None:
    Pilot._wait_for_screen = _wait_for_screen  # type: ignore[method-assign]
