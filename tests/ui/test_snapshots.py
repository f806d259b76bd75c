"""SVG snapshots of the main screen, the profile form and the summary at two sizes.

Deterministic: a frozen copy of the standard, private XDG folders (conftest), a fixed
自评日期, and no blinking cursors. Update with `pytest tests/ui --snapshot-update`
after looking at the pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from checklist.criteria.model import Pack
from checklist.tui.app import make_app
from tests.support.samples import write_sample
from tests.ui.conftest import FROZEN_STANDARD

SIZES = [(80, 24), (120, 40)]


def still_cursor(*keys: str) -> Callable[[Pilot[None]], object]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        for widget in pilot.app.screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(
    snap_compare: Callable[..., bool], answers_path: Path, frozen_pack: Pack, size: tuple[int, int]
) -> None:
    write_sample(answers_path, frozen_pack)
    app = make_app(answers_path, FROZEN_STANDARD)
    assert snap_compare(app, terminal_size=size, run_before=still_cursor())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_profile_form(
    snap_compare: Callable[..., bool], answers_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(answers_path, FROZEN_STANDARD)  # a new file opens on the profile form
    assert snap_compare(app, terminal_size=size, run_before=still_cursor())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary(
    snap_compare: Callable[..., bool], answers_path: Path, frozen_pack: Pack, size: tuple[int, int]
) -> None:
    write_sample(answers_path, frozen_pack)
    app = make_app(answers_path, FROZEN_STANDARD)
    assert snap_compare(app, terminal_size=size, run_before=still_cursor("f4"))
