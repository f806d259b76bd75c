"""What reaches the terminal adds up to the screen: the app sends mostly the parts of
the screen that changed (Textual's partial updates, and the app's own ways of sending
less, textual_patches/draw_dirty_only.py and layout_once.py); a part left out would
stay on the chair's terminal as it was, stale, until the next full redraw."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checklist.tui.app import make_app
from checklist.tui.widgets.item_tree import ItemTree
from tests.support.pilot import items_prepared, settle
from tests.support.terminal import Terminal, differences, drawn_in_full

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.made_ahead  # the items shown by PgDn as the chair meets them
async def test_the_terminal_shows_the_screen_through_a_walk(tmp_path: Path) -> None:
    # Small: the item pane and the tree scroll, and scrollbars come and go.
    size = (80, 24)
    answers = tmp_path / "unit.answers.toml"
    shutil.copy(ROOT / "examples" / "sample-complete.answers.toml", answers)
    app = make_app(answers, ROOT / "criteria" / "tiaoli.toml")
    terminal = Terminal(app, size)
    async with app.run_test(size=size) as pilot:
        main = await items_prepared(app, pilot)
        await main.go_to(main.order[0])
        await settle(pilot)
        answer = main.query_one("ItemDetail").answer_input()  # type: ignore[attr-defined]
        answer.focus()
        await settle(pilot)
        sent = terminal.frames
        for _ in main.order[1:]:
            await pilot.press("pagedown")
            await settle(pilot)
            assert differences(terminal.cells, drawn_in_full(app)) == [], main.current
        # Through the tree, a line at a time, areas opening as the cursor enters them,
        # under a notification for the first lines.
        main.query_one(ItemTree).focus()
        app.notify("已清除本条回答（Ctrl+Z 可撤销）")
        await settle(pilot)
        for _ in range(12):
            await pilot.press("up")
            await settle(pilot)
            assert differences(terminal.cells, drawn_in_full(app)) == [], main.current
        assert terminal.frames > sent  # the walk was sent as updates, and checked
