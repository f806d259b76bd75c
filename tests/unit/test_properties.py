"""Invariants of scoring over random answers to the shipped standard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from checklist.answers.model import Answers, ItemAnswer, Profile
from checklist.criteria import Pack, load_pack, parse_pack
from checklist.criteria.model import (
    ChoiceItem,
    DateItem,
    DeductionsItem,
    Item,
    LevelItem,
    MultiChoiceItem,
    NumberItemBase,
    TextItem,
    ThresholdItem,
    YesNoItem,
)
from checklist.scoring import Grade, Score, score

from .builders import ASSESSED_ON, SHIPPED

RENORMALIZE = load_pack(SHIPPED)
COUNT_AS_MET = parse_pack(
    SHIPPED.read_text(encoding="utf-8").replace(
        'not_applicable = "renormalize"', 'not_applicable = "count_as_met"'
    ),
    "count_as_met.toml",
)
assert COUNT_AS_MET.info.not_applicable == "count_as_met"
PACKS = {"renormalize": RENORMALIZE, "count_as_met": COUNT_AS_MET}


def labels(item: Item) -> list[str]:
    if isinstance(item, LevelItem):
        return [lv.label for lv in item.levels]
    if isinstance(item, ChoiceItem | MultiChoiceItem | DeductionsItem):
        return [o.label for o in item.options]
    return []


def values_for(item: Item) -> st.SearchStrategy[Any]:
    if isinstance(item, YesNoItem):
        return st.booleans()
    if isinstance(item, LevelItem | ChoiceItem):
        return st.sampled_from(labels(item))
    if isinstance(item, MultiChoiceItem | DeductionsItem):
        return st.lists(st.sampled_from(labels(item)), unique=True)
    if isinstance(item, NumberItemBase):
        return st.integers(0, 40) | st.floats(0, 150, allow_nan=False)
    if isinstance(item, DateItem):
        return st.dates(dt.date(2015, 1, 1), ASSESSED_ON)
    assert isinstance(item, TextItem)
    return st.text(max_size=4)


def answers_for(item: Item) -> st.SearchStrategy[ItemAnswer | None]:
    return st.one_of(
        st.none(),
        values_for(item).map(lambda v: ItemAnswer(value=v)),
        st.sampled_from(["", "本单位无此情况"]).map(lambda r: ItemAnswer(na=True, na_reason=r)),
    )


def count() -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(0, 300)


@st.composite
def unit_answers(draw: st.DrawFn, pack: Pack) -> Answers:
    profile = Profile(
        staff=draw(count()),
        members=draw(count()),
        women_members=draw(count()),
        activists=draw(count()),
        term_years=draw(st.none() | st.sampled_from([3, 5])),
        assessed_on=ASSESSED_ON,
    )
    answers = {}
    for item in pack.items.values():
        answer = draw(answers_for(item))
        if answer is not None:
            answers[item.id] = answer
    return Answers(profile=profile, answers=answers)


class Case:
    """A pack and answers; shown by the pack's rule only, so that a failure stays readable."""

    def __init__(self, rule: str, answers: Answers) -> None:
        self.rule, self.pack, self.answers = rule, PACKS[rule], answers

    def __repr__(self) -> str:
        given = {k: (a.value, a.na, a.na_reason) for k, a in self.answers.answers.items()}
        return f"Case({self.rule!r}, profile={self.answers.profile!r}, answers={given!r})"


@st.composite
def pack_and_answers(draw: st.DrawFn) -> Case:
    rule = draw(st.sampled_from(sorted(PACKS)))
    return Case(rule, draw(unit_answers(PACKS[rule])))


def assert_bounded(result: Score) -> None:
    assert 0 <= result.total <= result.max
    assert 0 <= result.raw <= result.raw_max + 1e-9
    for area in result.areas:
        assert 0 <= area.score <= area.max + 1e-9, area
        assert area.max <= area.nominal + 1e-9, area
    for item_score in result.items.values():
        assert 0 <= item_score.score <= item_score.max, item_score.item.id


@given(pack_and_answers())
def test_scores_stay_between_zero_and_the_maximum(case: Case) -> None:
    pack, answers = case.pack, case.answers
    result = score(pack, answers)
    assert_bounded(result)
    assert result.max == 100
    assert abs(sum(a.score for a in result.areas) - result.raw) < 1e-6


@given(pack_and_answers())
def test_grade_follows_veto_and_thresholds(case: Case) -> None:
    pack, answers = case.pack, case.answers
    result = score(pack, answers)
    if result.veto_failed:
        assert result.grade is Grade.FAIL
    elif result.total >= pack.info.demonstration:
        assert result.grade is Grade.DEMONSTRATION
    elif result.total >= pack.info.pass_:
        assert result.grade is Grade.PASS
    else:
        assert result.grade is Grade.FAIL


def better(item: Item, value: Any, data: st.DataObject) -> Any:
    """A value at least as good as `value` for `item`, or None when none is."""
    if isinstance(item, YesNoItem):
        return True if value is False else None
    if isinstance(item, LevelItem):
        ratio = {lv.label: lv.ratio for lv in item.levels}
        ups = [label for label, r in ratio.items() if r >= ratio[value]]
        return data.draw(st.sampled_from(ups))
    if isinstance(item, ChoiceItem):
        points = {o.label: o.points for o in item.options}
        ups = [label for label, p in points.items() if p >= points[value]]
        return data.draw(st.sampled_from(ups))
    if isinstance(item, MultiChoiceItem | DeductionsItem):
        missing = [label for label in labels(item) if label not in value]
        return [*value, data.draw(st.sampled_from(missing))] if missing else None
    if isinstance(item, ThresholdItem) and item.max is not None:
        return None  # a range: more is not better beyond its top
    if isinstance(item, NumberItemBase):
        return value + data.draw(st.integers(1, 30) | st.floats(0.01, 30))
    if isinstance(item, DateItem):
        newer = value + dt.timedelta(days=data.draw(st.integers(1, 2000)))
        return min(newer, ASSESSED_ON)
    return None


@given(pack_and_answers(), st.data())
def test_a_better_answer_never_lowers_the_total(case: Case, data: st.DataObject) -> None:
    pack, answers = case.pack, case.answers
    answered = [id_ for id_, a in answers.answers.items() if a.value is not None and not a.na]
    assume(answered)
    item_id = data.draw(st.sampled_from(sorted(answered)))
    item = pack.items[item_id]
    improved_value = better(item, answers.answers[item_id].value, data)
    assume(improved_value is not None)

    improved = answers.model_copy(deep=True)
    improved.answers[item_id] = ItemAnswer(value=improved_value)
    before, after = score(pack, answers), score(pack, improved)
    # Conditions may switch other items on or off; the promise holds when they do not.
    assume(all(after.items[i].active == s.active for i, s in before.items.items()))
    assert after.items[item_id].score >= before.items[item_id].score
    assert after.total >= before.total, (item_id, improved_value)
    assert_bounded(after)


@given(pack_and_answers())
def test_answering_everything_fully_gives_full_marks(case: Case) -> None:
    pack, answers = case.pack, case.answers
    best: dict[str, ItemAnswer] = {}
    for item in pack.items.values():
        if isinstance(item, YesNoItem):
            value: Any = True
        elif isinstance(item, LevelItem):
            value = max(item.levels, key=lambda lv: lv.ratio).label
        elif isinstance(item, ChoiceItem):
            value = max(item.options, key=lambda o: o.points).label
        elif isinstance(item, MultiChoiceItem | DeductionsItem):
            value = labels(item)
        elif isinstance(item, NumberItemBase):
            value = 100
        elif isinstance(item, DateItem):
            value = ASSESSED_ON
        else:
            value = "情况说明"
        best[item.id] = ItemAnswer(value=value)
    profile = answers.profile.model_copy(
        update={"staff": 100, "members": 100, "activists": 100, "term_years": 5}
    )
    result = score(pack, Answers(profile=profile, answers=best))
    assert result.total == 100
    assert result.unanswered == []
    assert result.veto_failed == []
    assert result.grade is Grade.DEMONSTRATION
