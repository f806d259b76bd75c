"""What keeps moving around quick, checked as the work done, not as time taken (the
timings are benchmarks/app_bench.py's)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from checklist.criteria.model import Pack
from checklist.tui.app import make_app
from checklist.tui.plain_app import PlainApp
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.profile import ProfileScreen
from tests.support.pilot import settle, until
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
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
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


async def test_the_first_f2_only_shows_the_form_made_ahead(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Laying out and drawing its eighty-odd widgets was most of the first F2: the form
    made ahead is laid out and drawn unseen, and the first F2 lays nothing out, as
    each later one does."""
    write_profile(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, ItemsScreen)
        await until(
            pilot,
            lambda: main._profile is not None and main._profile.drawn_unseen == app.size,
            "the profile form laid out and drawn before F2",
        )
        layouts = []
        lay_out = Screen._refresh_layout

        def counted(screen: Screen[object], *args: object, **kwargs: object) -> None:
            layouts.append(screen)
            lay_out(screen, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        await pilot.press("f2")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ProfileScreen)
        assert form.focused is form.query_one("#unit", Input)
        assert layouts == []


async def test_the_form_made_ahead_looks_as_one_made_at_f2(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made ahead and laid out unseen, or made when F2 is pressed before that: the
    chair sees the same form."""
    write_profile(answers_path, pack)

    async def shown(*, ahead: bool) -> str:
        monkeypatch.setattr(ItemsScreen, "PREPARE_PAUSE", 0.01 if ahead else 3600.0)
        app = make_app(answers_path, None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            main = app.screen
            assert isinstance(main, ItemsScreen)
            if ahead:
                await until(
                    pilot,
                    lambda: main._profile is not None and main._profile.drawn_unseen,
                    "the profile form made ahead",
                )
            else:
                assert main._profile is None
            await pilot.press("f2")
            await settle(pilot)
            assert isinstance(app.screen, ProfileScreen)
            for field in app.screen.query("Input, TextArea"):
                assert isinstance(field, Input | TextArea)
                field.cursor_blink = False  # as the snapshots: the same cursor shown
            await settle(pilot)
            # Each screenshot names its own CSS classes.
            return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())

    assert await shown(ahead=True) == await shown(ahead=False)


async def test_the_profile_form_takes_a_theme_chosen_while_it_was_hidden(
    answers_path: Path, pack: Pack
) -> None:
    """It is not styled anew at each F2, only when something changed: a theme chosen
    on the main screen shows in it all the same."""
    write_profile(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
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
