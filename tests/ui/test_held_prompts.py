"""Prompts held back while a screen changes its widgets (held_prompts.py) reach the
widgets that still need them, and only those."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Label, Tree

from checklist.tui.plain_app import PlainApp
from checklist.tui.textual_patches.held_prompts import held
from tests.support.pilot import settle


class _Other(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label("other", id="other")


class _Labels(PlainApp):
    def compose(self) -> ComposeResult:
        yield Label("label", id="label")
        yield Tree("tree")


async def test_held_prompts_go_to_the_widgets_that_need_them() -> None:
    app = _Labels()
    async with app.run_test() as pilot:
        await settle(pilot)
        main = app.screen
        other = _Other()
        app.install_screen(other, "other")
        app._get_screen(other)  # made, not shown: the main screen stays on top
        await settle(pilot)
        label, tree = main.query_one("#label", Label), main.query_one(Tree)
        beneath = other.query_one("#other", Label)
        assert [w.message_queue_size for w in (label, tree, beneath)] == [0, 0, 0]
        with held(main):
            label.refresh()
            tree.refresh()
            beneath.refresh()
            # Nothing is posted while held (a refresh posts a Prompt otherwise).
            assert [w.message_queue_size for w in (label, tree, beneath)] == [0, 0, 0]
        # The label is only to hand its refresh over, which the screen does: no
        # Prompt. The tree does more when idle; the other screen's label is not the
        # screen's to hand over: a Prompt each.
        assert [w.message_queue_size for w in (label, tree, beneath)] == [0, 1, 1]
        called: list[int] = []
        with held(main):
            label.call_next(called.append, 1)
        assert label.message_queue_size == 1  # a callback waits: woken
        await settle(pilot)
        assert called == [1]
