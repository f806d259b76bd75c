"""Sample units written through the real store: a filled profile, a partly answered unit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from checklist.answers import AnswersStore
from checklist.criteria.model import Pack
from tests.support.builders import ASSESSED_ON


def first_of_kind(pack: Pack, kind: str) -> str:
    """The first unconditional item of a kind that the user answers directly."""
    return next(
        item.id
        for item in pack.items.values()
        if item.kind == kind
        and item.when is None
        and not item.profile_figure
        and not item.own_figure
    )


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
