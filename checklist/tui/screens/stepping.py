"""A screen that shows one item of the standard at a time and steps through them."""

from __future__ import annotations

import asyncio

from textual.screen import Screen

from checklist.criteria.model import Pack
from checklist.tui.queued_keys import handle_queued, handle_queued_keys
from checklist.tui.textual_patches.held_prompts import hand_over, held
from checklist.tui.widgets.item_tree import ItemTree


class ItemStepping(Screen[None]):
    """PgDn / PgUp through the items that apply, in the standard's order. The unit's
    main screen and the inspectors' screen both are one."""

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.order = list(pack.items)
        self.position = {item_id: index for index, item_id in enumerate(self.order)}
        self.current: str | None = None
        self._showing = asyncio.Lock()

    def _applies(self, item_id: str) -> bool:
        raise NotImplementedError

    def flush(self) -> object:
        """Save what is typed on screen but not yet saved, before another item shows."""
        raise NotImplementedError

    async def _draw(self, item_id: str, *, focus: bool) -> None:
        """Fill the screen's panes with `item_id` (the tree has moved to it)."""
        raise NotImplementedError

    def _shown(self, *, focus: bool) -> None:
        """After an item is shown and drawn."""

    async def show_item(self, item_id: str, *, focus: bool = True, rebuild: bool = False) -> None:
        """Make `item_id` the current item.

        `rebuild` shows the current item again after the store changed; callers flush
        what is on screen before changing the store, so it is not flushed here.
        """
        # One change of item at a time (mounting an input is awaited), drawn once.
        async with self._showing:
            if item_id == self.current and not rebuild:
                return
            if not rebuild:
                self.flush()
            with self.app.batch_update(), held(self):
                self.current = item_id
                self.query_one(ItemTree).show_item(item_id)
                focused = self.focused
                await self._draw(item_id, focus=focus)
                if self.focused is not focused:
                    # The widgets that lost and gained the focus restyle themselves on
                    # their Blur and Focus: had here, they are drawn with the item, not
                    # once more after it.
                    moved = [w for w in (focused, self.focused) if w is not None]
                    await handle_queued(lambda: moved)
                # Every widget changed hands its request for a layout to the screen
                # now, within the batch: left to each widget's next idle moment, the
                # late ones made the screen lay out and draw a second time. (Their
                # Prompts, to wake them for it, are held back: held_prompts.py.)
                hand_over(self)
            # Requests the screen took while the batch held it back (the awaits above
            # let it) wait for its next idle moment: have it now.
            self.check_idle()
        self._shown(focus=focus)

    def _next_of(self, delta: int) -> str | None:
        """The next (delta 1) or previous (-1) item that applies, None at the end."""
        here = self.position[self.current] if self.current else -1
        if delta > 0:
            return next((i for i in self.order[here + 1 :] if self._applies(i)), None)
        return next((i for i in reversed(self.order[: max(here, 0)]) if self._applies(i)), None)

    async def _step(self, delta: int) -> None:
        """Move to the next (delta 1) or previous (-1) item that applies."""
        await handle_queued_keys(self.app)
        target = self._next_of(delta)
        if target is None:
            self.notify("已是最后一条" if delta > 0 else "已是第一条")
        else:
            await self.show_item(target)

    async def action_next(self) -> None:
        await self._step(1)

    async def action_previous(self) -> None:
        await self._step(-1)
