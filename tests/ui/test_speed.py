"""What keeps moving around quick, checked as the work done, not as time taken (the
timings are benchmarks/app_bench.py's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from checklist.criteria.model import Pack
from checklist.tui.plain_app import PlainApp
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.profile import ProfileScreen
from tests.support.pilot import opened, settle, until
from tests.support.samples import write_profile


class Growing(PlainApp):
    def compose(self) -> ComposeResult:
        yield Static("一行", id="text")


async def test_a_widget_that_grows_is_laid_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual asked for a second layout of the whole screen whenever a widget changed
    size (each change of item did: its texts change height)."""
    layouts = []
    lay_out = Screen._refresh_layout

    def counted(screen: Screen[object], *args: object, **kwargs: object) -> None:
        layouts.append(screen)
        lay_out(screen, *args, **kwargs)  # type: ignore[arg-type]

    app = Growing()
    async with app.run_test(size=(40, 10)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        text = app.screen.query_one("#text", Static)
        text.update("一行\n两行\n三行")
        await until(pilot, lambda: text.size.height == 3, "the text laid out anew")
        await settle(pilot)
        assert len(layouts) == 1


async def test_the_profile_form_is_ready_before_the_first_f2(
    answers_path: Path, pack: Pack
) -> None:
    """Its eighty-odd widgets and its styles took most of a second at the first F2: they
    are made while the chair reads the first item, and F2 only shows them, as saved."""
    write_profile(answers_path, pack)
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        await until(
            pilot,
            lambda: main._profile is not None and main._profile.is_running,
            "the profile form made before F2",
        )
        form = main._profile
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is form
        assert isinstance(form, ProfileScreen)
        unit = form.query_one("#unit", Input)
        assert form.focused is unit
        assert unit.value == "××省××厅机关工会"


async def test_the_profile_form_takes_a_theme_chosen_while_it_was_hidden(
    answers_path: Path, pack: Pack
) -> None:
    """It is not styled anew at each F2, only when something changed: a theme chosen
    on the main screen shows in it all the same."""
    write_profile(answers_path, pack)
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, ProfileScreen)
            title = form.query_one(".page-title")
            assert title.styles.color == app.current_theme.to_color_system().primary
            await pilot.press("escape")
            await settle(pilot)
