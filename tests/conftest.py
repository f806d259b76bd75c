"""Fixtures shared by every test folder."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from checklist.criteria import Pack, load_pack
from checklist.locations import shipped_standard

ROOT = Path(__file__).resolve().parent.parent

# Property tests: a modest number of examples in the everyday run (and CI), many more
# with CHECKLIST_THOROUGH=1 (README, 开发者). No deadline: a loaded machine is slow,
# not wrong.
settings.register_profile("everyday", max_examples=30, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile("thorough" if os.environ.get("CHECKLIST_THOROUGH") == "1" else "everyday")


@pytest.fixture(autouse=True)
def no_installed_standards(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """An empty folder of installed standards ($CHECKLIST_CRITERIA) for each test, in
    this process and the commands it runs: the standards of the machine running the
    tests stay out."""
    folder = tmp_path_factory.mktemp("installed-standards")
    monkeypatch.setenv("CHECKLIST_CRITERIA", str(folder))
    return folder


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, shared_cache: Path) -> Path:
    """A cache folder of the test run's own ($XDG_CACHE_HOME), in this process and the
    commands it runs: the standards and answers files the tests open are not kept in
    the cache of the user running them (validated_cache.py)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))
    return shared_cache


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root so that messages show paths like tests/data/x.toml."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def pack() -> Pack:
    """The standard shipped with the program (criteria/tiaoli.toml)."""
    return load_pack(shipped_standard())


@pytest.fixture
def small_pack() -> Pack:
    """A small valid standard of a few items (tests/data/valid_small.toml)."""
    return load_pack(ROOT / "tests" / "data" / "valid_small.toml")


def pytest_configure(config: pytest.Config) -> None:
    """Python's cycle collector less often in each test process: an app test makes and
    drops hundreds of thousands of small objects (strips, segments, styles), and with
    the default thresholds each process ran about ten full collections a file of app
    tests, each walking every object of the libraries loaded (measured: tests/ui/
    test_screens.py took 41 s of processor time, 32 s with these thresholds)."""
    gc.set_threshold(10_000, 20, 20)


def pytest_unconfigure(config: pytest.Config) -> None:
    """What the process holds when its tests are over is left out of the collections
    pytest runs as it ends (gc.freeze): it runs five full ones to bring out exceptions
    raised while freeing objects (unraisable exceptions), each walking every object
    of the libraries loaded, 1.5 s of processor time in each test process at the
    same moment at the end of the run. Such exceptions raised during the run are
    reported as before; only one raised by what the last tests of a process left in
    reference cycles would go unreported."""
    gc.freeze()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Importing the app (checklist.tui) leaves the youngest generation uncollected
    until an app's first screen is up; in the tests, it is collected as configured
    above from the first test on, whichever test that is."""
    if "checklist.tui" in sys.modules:
        from checklist.tui import collector

        collector.started()


# How long each test took the last time it ran (pytest's cache, .pytest_cache/): the
# longest run first (see pytest_collection_modifyitems).
DURATIONS = "checklist/durations"
LONG = 1.0  # seconds: a test that took longer is run among the first


@pytest.hookimpl(trylast=True)  # after pytest-randomly has shuffled the tests
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests that took longest at their last run are run first, longest first;
    the others after them in the order they have. The test processes share the tests
    out as they go: a long test left for the end kept one process busy for up to
    ten seconds after the others had finished (a run took 102-137 s as the shuffled
    order happened to fall). Every process reads the same durations, so all of them
    collect the tests in the same order, as xdist requires. A test never run before
    (and every test in a fresh clone) keeps its place."""
    if config.cache is None:
        return
    took: dict[str, float] = config.cache.get(DURATIONS, {})
    items.sort(key=lambda item: min(0.0, LONG - took.get(item.nodeid, 0.0)))


_durations: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Kept by the process that ran the session (with xdist, the one the reports of
    all the others reach), for the next run's order."""
    config = session.config
    if config.cache is not None and not hasattr(config, "workerinput") and _durations:
        took: dict[str, float] = config.cache.get(DURATIONS, {})
        config.cache.set(DURATIONS, took | {k: round(v, 2) for k, v in _durations.items()})


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Two test processes a core: the app's tests spend much of their time waiting for
    the screen to settle, and a report's layout waits for its parts (measured on two
    cores: the whole suite took 3 min 48 s with two processes, 3 min 8 s with four)."""
    return 2 * (os.cpu_count() or 1)
