"""Fixtures for the terminal app tests: private XDG folders and answers files."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from checklist.criteria import load_pack
from checklist.criteria.model import Pack
from checklist.tui.reporting import Reports
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.answer_inputs import PendingValue
from tests.support import quick_pause

quick_pause.install()

# A frozen copy of the shipped standard, so that snapshots change only when the UI does.
FROZEN_STANDARD = Path(__file__).parent / "data" / "tiaoli.toml"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (Pilot needs one; no plugin required)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True


@pytest.fixture(autouse=True)
def made_when_needed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The profile form and the item widgets are made when first needed, not ahead
    while the chair reads (ItemsScreen._prepare_profile, _prepare_items), and the
    report renderer is started by the first report, not when 概要 opens (Reports.
    prepare), except in tests marked `made_ahead`: whether a test ran long enough for
    the timers to fire no longer depends on how busy the machine is, and the other
    tests do not pay for making what they never show (a third of the app tests'
    processor time; the renderer, a process loading WeasyPrint, a second a test)."""
    if request.node.get_closest_marker("made_ahead") is None:
        never = 3600.0  # seconds: longer than any test
        monkeypatch.setattr(ItemsScreen, "PREPARE_PAUSE", never)
        monkeypatch.setattr(ItemsScreen, "PREPARE_ITEMS_PAUSE", never)
        monkeypatch.setattr(Reports, "PREPARE_AHEAD", False)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every test away from the user's real data and state folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def frozen_pack() -> Pack:
    return load_pack(FROZEN_STANDARD)


@pytest.fixture
def answers_path(tmp_path: Path) -> Path:
    return tmp_path / "unit.answers.toml"


@pytest.fixture(autouse=True)
def typed_values_wait_for_enter(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value typed key by key is handed up on Enter or on leaving the field, never
    half-way: on a loaded machine the keys of a test come slower than the app's pause
    in typing, and 2026-02-3 (of 2026-02-30) or 12 (of 120) would be saved meanwhile.
    The tests of that pause set it themselves."""
    monkeypatch.setattr(PendingValue, "PAUSE", 3600)
