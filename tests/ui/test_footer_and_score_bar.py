"""The footer and the score bar, each one widget drawing its parts: the keys answer
the mouse as Textual's footer keys did, and the bar makes room for the score."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.geometry import Region
from textual.widgets import Tooltip

from checklist.criteria.model import Pack
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.widgets.key_footer import KeyFooter
from checklist.tui.widgets.score_panel import ScorePanel
from tests.support.pilot import opened, settle, until
from tests.support.samples import write_profile


def rows_in(app: App[None], region: Region) -> list[str]:
    """The rows of a region of the screen as drawn, trailing blanks off."""
    strips = app.screen._compositor.render_strips()
    return [s.crop(region.x, region.right).text.rstrip() for s in strips[region.y : region.bottom]]


def key_x(footer: KeyFooter, shown: str) -> int:
    """Where the footer draws the key that reads `shown` ("F4 概要")."""
    x = 0
    for key in footer.shown():
        if key == shown:
            return x
        x += cell_len(key) + 1
    raise AssertionError(f"{shown} not in the footer: {footer.shown()}")


async def test_a_click_on_a_key_of_the_footer_presses_it(answers_path: Path, pack: Pack) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path) as (app, pilot):
        footer = app.screen.query_one(KeyFooter)
        assert footer.shown()[:5] == [
            "PgDn 下一条",
            "Ctrl+N 下一未答",
            "F2 基本情况",
            "F3 佐证材料",
            "F4 概要",
        ]
        row = rows_in(app, footer.region)[0]
        assert row.startswith("PgDn 下一条 Ctrl+N 下一未答 F2 基本情况 F3 佐证材料 F4 概要"), row
        await pilot.click(KeyFooter, offset=(key_x(footer, "F4 概要") + 3, 0))
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "概要 opened")
        # Its own footer, its own keys; a click beside them does nothing.
        footer = app.screen.query_one(KeyFooter)
        overview = app.screen
        await pilot.click(KeyFooter, offset=(footer.size.width - 1, 0))
        await settle(pilot)
        assert app.screen is overview


async def test_the_key_under_the_mouse_is_highlighted_and_tells_what_it_does(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path) as (app, pilot):
        footer = app.screen.query_one(KeyFooter)
        x = key_x(footer, "F2 基本情况")
        plain = app.screen._compositor.render_strips()[-1]
        before = {seg.style.bgcolor for seg in plain.crop(x, x + 2) if seg.style}
        await pilot.hover(KeyFooter, offset=(x + 1, 0))
        await settle(pilot)
        hovered = app.screen._compositor.render_strips()[-1]
        after = {seg.style.bgcolor for seg in hovered.crop(x, x + 2) if seg.style}
        assert after != before  # highlighted
        beside = {seg.style.bgcolor for seg in hovered.crop(0, 2) if seg.style}
        assert beside == before  # the others not
        assert footer.tooltip == "填写或修改单位基本情况"
        await pilot.hover(KeyFooter, offset=(key_x(footer, "PgDn 下一条"), 0))
        await settle(pilot)
        assert footer.tooltip is None  # PgDn has none
        assert not [t for t in app.screen.query(Tooltip) if t.display]


@pytest.mark.parametrize("size", [(40, 20), (50, 20), (64, 24), (120, 40)])
async def test_the_bar_makes_room_and_the_score_and_saved_are_never_cut(
    answers_path: Path, pack: Pack, size: tuple[int, int]
) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path, size=size) as (app, _pilot):
        panel = app.screen.query_one(ScorePanel)
        score, saved = panel.shown()
        assert score.startswith("得分 ") and saved == "已保存"
        score_region, saved_region = panel.regions()
        shown = "".join(rows_in(app, score_region))
        assert "".join(shown.split()) == "".join(score.split()), shown
        assert rows_in(app, saved_region) == ["已保存"]
        assert panel.region.right <= size[0]
        row = rows_in(app, panel.region)[0]
        bar = "━" in row or "╸" in row or "╺" in row
        # At 120 columns the line holds the score, the bar and 已保存; at 40 it cannot.
        assert bar == (not panel.has_class("-no-bar"))
        if size[0] == 120:
            assert bar and row.rstrip().endswith("%  已保存"), row
        if size[0] == 40:
            assert not bar and score_region.height > 1  # the score wraps beside 已保存
