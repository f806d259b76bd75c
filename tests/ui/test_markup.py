"""The user's words are shown as typed: square brackets are never read as markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from checklist.answers import AnswersStore
from checklist.criteria import load_pack
from checklist.criteria.model import Pack
from checklist.tui.app import make_app
from checklist.tui.screens.confirm import ConfirmScreen
from checklist.tui.screens.evidence import EvidenceScreen
from checklist.tui.screens.item_picker import ItemPicker
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.rectification_form import RectificationForm
from tests.support.pilot import open_at, opened, screen_text, settle, toasts, type_into, until
from tests.support.samples import first_of_kind, write_profile
from tests.ui.conftest import FROZEN_STANDARD

# `[/]` alone crashes a markup parser; `[b]x[/b]` would silently turn into a bold x.
TRICKY = "[/]甲[b]x[/b]"


def write_tricky(path: Path, pack: Pack) -> dict[str, str]:
    """Put TRICKY into every field a person writes; returns the items used."""
    write_profile(path, pack, unit=TRICKY, chair=TRICKY)
    with_figures = next(i for i in pack.items.values() if i.figures and i.when is None)
    not_applicable = next(
        i.id for i in pack.items.values() if i.allow_na and i.when is None and i != with_figures
    )
    text_item = first_of_kind(pack, "text")
    with AnswersStore.open(path, pack) as store:
        store.add_evidence(TRICKY, kind="会议纪要", location=TRICKY)
        store.add_evidence(TRICKY + "乙", kind=TRICKY)  # a kind typed by hand in the file
        store.set_answer(
            with_figures.id,
            note=TRICKY,
            figures={with_figures.figures[0].name: TRICKY},
            evidence=[1],
        )
        store.set_answer(not_applicable, na=True, na_reason=TRICKY)
        store.set_answer(text_item, value=TRICKY)
        store.add_rectification(problem=TRICKY, measure=TRICKY, owner=TRICKY, items=[])
    return {"figures": with_figures.id, "na": not_applicable, "text": text_item}


async def test_brackets_in_user_text_show_literally_everywhere(
    answers_path: Path, pack: Pack
) -> None:
    items = write_tricky(answers_path, pack)
    async with opened(answers_path) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        # The evidence index is listed on every item: each field adds to what it shows.
        plain = next(
            i for i in pack.items if i not in items.values() and pack.items[i].when is None
        )
        await main.go_to(plain)
        await settle(pilot)
        listed = screen_text(app).count(TRICKY)
        written = {"figures": 2, "na": 1, "text": 1}  # note and figure; reason; answer
        for key, item_id in items.items():
            await main.go_to(item_id)
            await settle(pilot)
            assert screen_text(app).count(TRICKY) == listed + written[key], item_id

        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceScreen)
        shown = screen_text(app)
        assert shown.count(TRICKY) >= 4  # two titles and a kind in the table, the entry below
        await pilot.press("down", "d")  # the second entry is cited by none: asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert TRICKY + "乙" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("f4")
        await settle(pilot)
        summary = app.screen
        assert isinstance(summary, OverviewScreen)
        shown = screen_text(app)
        assert shown.count(TRICKY) >= 4  # the unit name, three cells of the rectification
        summary.query_one("#rectification").focus()
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert TRICKY in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)

        # What is typed to find the items of a rectification row shows as typed.
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RectificationForm)
        await type_into(pilot, form.query_one("#problem", Input), "问题")
        form.query_one("#items").focus()
        await pilot.press("enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ItemPicker)
        await type_into(pilot, picker.query_one("#search", Input), TRICKY)
        assert TRICKY in screen_text(app) and "没有找到" in screen_text(app)


async def test_notifications_show_paths_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The default answers file lives under XDG_DATA_HOME; its path is announced on opening.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "[red]数据[b]"))
    app = make_app(None, None)
    # Shown until the test has looked: a loaded machine may take longer to open the
    # app than the notification's seconds on screen.
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda *args, **kwargs: notify(*args, **kwargs | {"timeout": 3600})
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: toasts(app), "a notification is shown")
        assert any("[red]数据[b]" in toast for toast in toasts(app))


async def test_brackets_in_the_standard_show_literally(tmp_path: Path, answers_path: Path) -> None:
    """A criteria file is edited by people too: its texts are never markup either."""
    source = FROZEN_STANDARD.read_text(encoding="utf-8")
    source = source.replace(
        'title = "纳入机关党建工作格局"', 'title = "纳入[b]机关[/b]党建工作格局"'
    )
    source = source.replace(
        'text = "机关党组织（党委、党组）', 'text = "[/]机关党组织（党委、党组）'
    )
    source = source.replace('unit = "次"', 'unit = "[i]次"')
    criteria = tmp_path / "standard.toml"
    criteria.write_text(source, encoding="utf-8")
    pack = load_pack(criteria)
    write_profile(answers_path, pack)
    counted = next(i.id for i in pack.items.values() if getattr(i, "unit", "") == "[i]次")
    app = make_app(answers_path, criteria)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = await open_at(app, pilot, "djdgj-01")
        shown = screen_text(app)
        assert "[/]机关党组织" in shown and "纳入[b]机关[/b]党建" in shown
        await main.go_to(counted)
        await settle(pilot)
        assert "[i]次" in screen_text(app)
        # the palette finds the item and shows its text as written
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"djdgj-01")
        await until(pilot, lambda: "[/]机关党组织" in screen_text(app), "the palette lists it")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main and main.current == "djdgj-01"
