"""Fixtures for the terminal app tests: private XDG folders and answers files."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from checklist.answers import AnswersStore
from checklist.criteria import load_pack
from checklist.criteria.model import Pack
from checklist.locations import shipped_standard

# A frozen copy of the shipped standard, so that snapshots change only when the UI does.
FROZEN_STANDARD = Path(__file__).parent / "data" / "tiaoli.toml"
ASSESSED_ON = dt.date(2026, 11, 24)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (Pilot needs one; no plugin required)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every test away from the user's real data and state folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def pack() -> Pack:
    return load_pack(shipped_standard())


@pytest.fixture
def frozen_pack() -> Pack:
    return load_pack(FROZEN_STANDARD)


@pytest.fixture
def answers_path(tmp_path: Path) -> Path:
    return tmp_path / "unit.answers.toml"


def write_profile(path: Path, pack: Pack, **extra: object) -> None:
    """An answers file whose profile is filled, so the app opens on the main screen."""
    fields: dict[str, object] = {
        "unit": "××省××厅机关工会",
        "chair": "王建国",
        "contact": "李敏",
        "phone": "0571-87000000",
        "staff": 120,
        "members": 116,
        "women_members": 48,
        "committee_members": 9,
        "activists": 30,
        "term_years": 5,
        "last_election": dt.date(2023, 6, 18),
        "assessed_on": ASSESSED_ON,
    }
    fields.update(extra)
    with AnswersStore.open(path, pack) as store:
        store.set_profile(**fields)


def write_sample(path: Path, pack: Pack) -> None:
    """A partly answered unit: a few answers of several kinds, evidence, one shortfall."""
    write_profile(path, pack)
    with AnswersStore.open(path, pack) as store:
        store.add_evidence(
            "2026年党组会议纪要（研究工会工作）", kind="会议纪要", date=dt.date(2026, 3, 12)
        )
        store.add_evidence("工会经费收支台账", kind="台账")
        store.set_answer("djdgj-01", value="一次", note="3月党组会专题研究工会工作", evidence=[1])
        store.set_answer("djdgj-02", value=["工会工作列入年度党建工作要点"])
        store.set_answer("djdgj-03", value=True, evidence=[1])
        store.set_answer("djdgj-04", value="完全达到")
        store.add_rectification(
            problem="党组织专题研究工会工作次数不足",
            measure="下半年再安排一次专题研究",
            owner="机关党委",
            due=dt.date(2026, 12, 31),
            items=["djdgj-01"],
        )
