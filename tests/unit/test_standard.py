"""The shipped 《条例》 standard and the sample answers that come with it."""

from __future__ import annotations

import datetime as dt
import json
import re

from checklist.answers import read_answers
from checklist.answers.model import Answers
from checklist.criteria import Pack, load_pack
from checklist.criteria.model import KINDS
from checklist.scoring import score
from tests.support.builders import DATA, ROOT, SHIPPED, make_answers
from tests.unit.test_properties import best_answer


def test_it_has_enough_items_and_adds_up_to_100(pack: Pack) -> None:
    assert len(pack.items) >= 40
    assert pack.info.total == 100
    assert sum(area.points for area in pack.areas) == 100
    assert [(g.name, g.at_least) for g in pack.info.grades] == [("示范", 90), ("达标", 80)]
    assert pack.info.fail == "未达标"


def test_it_covers_the_themes_of_the_speech(pack: Pack) -> None:
    titles = " ".join(area.title for area in pack.areas)
    for theme in ("党建带工建", "依法建会"):
        assert theme in titles
    texts = " ".join(item.text for item in pack.items.values())
    for theme in ("职工之家", "会员评家", "创新工作室", "务公开"):
        assert theme in texts, theme


def test_it_has_a_veto_item_and_the_shipped_standards_use_every_answer_kind(pack: Pack) -> None:
    assert any(item.veto for item in pack.items.values())
    shipped = [load_pack(path) for path in sorted(SHIPPED.parent.glob("*.toml"))]
    used = {item.kind for standard in shipped for item in standard.items.values()}
    assert used == set(KINDS)
    # The 《条例》 standard alone uses every kind but the compound one (a real sheet's).
    assert {item.kind for item in pack.items.values()} == set(KINDS) - {"all_of"}


def test_it_has_conditional_items_of_both_sorts(pack: Pack) -> None:
    conditions = [item.when for item in pack.items.values() if item.when is not None]
    assert any(c.profile is not None for c in conditions)
    assert any(c.item is not None for c in conditions)


def test_every_scored_item_says_how_it_is_scored_and_what_to_show(pack: Pack) -> None:
    for item in pack.items.values():
        if item.scored:
            assert item.guidance, item.id
            assert item.evidence, item.id
            assert item.method, item.id


def test_bases_cite_documents_by_name_without_article_numbers(pack: Pack) -> None:
    for item in pack.items.values():
        assert item.basis, item.id
        for basis in item.basis:
            assert not re.search(r"第.+条", basis), (item.id, basis)


def test_the_complete_sample_is_fully_answered_and_a_demonstration_unit(pack: Pack) -> None:
    answers = read_answers(ROOT / "examples" / "sample-complete.answers.toml")
    assert answers.stamp.fingerprint == pack.fingerprint
    result = score(pack, answers)
    assert result.unanswered == []
    assert result.review == []
    assert result.grade == "示范"
    cited = {no for a in answers.answers.values() for no in a.evidence}
    assert cited <= {e.no for e in answers.evidence}


def test_the_partial_sample_fails_on_a_veto(pack: Pack) -> None:
    answers = read_answers(ROOT / "examples" / "sample-partial.answers.toml")
    result = score(pack, answers)
    assert result.unanswered
    assert result.veto_failed
    assert result.grade == "未达标"


def test_the_fingerprints_answers_files_record_are_stable(pack: Pack) -> None:
    # Answers files record the pack's fingerprint and each item's: a change in how an
    # item model is declared (not in what the standard says) must not alter them, or
    # every saved answer would be flagged as made against another standard. A
    # deliberate change of the standard's content updates this file.
    pinned = json.loads((DATA / "shipped_fingerprints.json").read_text("utf-8"))
    assert pack.fingerprint == pinned["pack"]
    assert pack.item_fingerprints == pinned["items"]


def best_answers(pack: Pack, **changed: object) -> Answers:
    """Every item answered for full points, but for `changed` (item id → value)."""
    profile = {"staff": 100, "members": 100, "women_members": 40, "activists": 30}
    answers = make_answers(
        profile={
            **profile,
            "term_years": 5,
            "committee_members": 9,
            "last_election": dt.date(2024, 6, 1),
        }
    )
    for id_, item in pack.items.items():
        if item.scored:
            answers.answers[id_] = best_answer(item)
    for id_, value in changed.items():
        answers.answers[id_] = answers.answers[id_].model_copy(update={"value": value})
    return answers


def test_a_unit_without_a_home_for_its_members_is_not_a_demonstration_unit(pack: Pack) -> None:
    perfect = score(pack, best_answers(pack))
    assert (perfect.total, perfect.grade) == (100, "示范")
    # No 职工之家 and no service centre: fwzx-01 (2) and fwzx-02 (5) earn nothing, and
    # the items about the home and its centres count at 0 instead of dropping out:
    # fwzx-03 (3), fwzx-04 (2), fwzx-05 (1), fwzx-06 (1), fwzx-07 (1). 100 - 15 = 85.
    homeless = score(pack, best_answers(pack, **{"fwzx-01": "未建", "fwzx-02": []}))
    assert (homeless.total, homeless.grade) == (85, "达标")


def test_no_innovation_studio_scores_below_a_weak_one(pack: Pack) -> None:
    # None: cxgzs-01 (2) and cxgzs-02 (3) earn nothing: 100 - 5 = 95.
    none = score(pack, best_answers(pack, **{"cxgzs-01": False}))
    # A weak one: cxgzs-01 met, cxgzs-02 lacks all five of its parts (3 deducted): 97.
    weak = score(pack, best_answers(pack, **{"cxgzs-02": []}))
    assert (none.total, weak.total) == (95, 97)
