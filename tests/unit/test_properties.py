"""Invariants of scoring over random answers to the shipped standard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from checklist.answers.model import Answers, ItemAnswer, Profile
from checklist.criteria import Pack, load_pack, parse_pack
from checklist.criteria.figures import TYPE_WORDS, Figure, FigureValue
from checklist.criteria.kinds import KINDS, Item
from checklist.scoring import Score, score
from tests.support.builders import ASSESSED_ON, SHIPPED

RENORMALIZE = load_pack(SHIPPED)
COUNT_AS_MET = parse_pack(
    SHIPPED.read_text(encoding="utf-8").replace(
        'not_applicable = "renormalize"', 'not_applicable = "count_as_met"'
    ),
    "count_as_met.toml",
)
assert COUNT_AS_MET.info.not_applicable == "count_as_met"
# A real sheet with items directly under its areas, 必备 items and a compound one.
FUJIAN = load_pack(SHIPPED.parent / "fujian-mofan-2012.toml")
# A sheet with a rate of two figures the unit types, and checks across them.
JIGUAN = load_pack(SHIPPED.parent / "jiguan-hege-dabiao.toml")
PACKS = {
    "renormalize": RENORMALIZE,
    "count_as_met": COUNT_AS_MET,
    "fujian": FUJIAN,
    "jiguan": JIGUAN,
}


# What each kind's answers may be, as a strategy. Keyed by kind, as are `BETTER` and
# `BEST` below: a kind missing from any of them fails test_every_kind_is_exercised.
VALUES: dict[str, Callable[[Any], st.SearchStrategy[Any]]] = {
    "yes_no": lambda item: st.booleans(),
    "level": lambda item: st.sampled_from(labels(item)),
    "choice": lambda item: st.sampled_from(labels(item)),
    "multi_choice": lambda item: st.lists(st.sampled_from(labels(item)), unique=True),
    "deductions": lambda item: st.lists(st.sampled_from(labels(item)), unique=True),
    "all_of": lambda item: st.lists(st.sampled_from(labels(item)), unique=True),
    "threshold": lambda item: numbers(),
    "count": lambda item: numbers(),
    "steps": lambda item: numbers(),
    "date": lambda item: st.dates(dt.date(2015, 1, 1), ASSESSED_ON),
    "text": lambda item: st.text(max_size=4),
}


def labels(item: Item) -> list[str]:
    return list(item.choices())


def numbers() -> st.SearchStrategy[int | float]:
    return st.integers(0, 40) | st.floats(0, 150, allow_nan=False)


def values_for(item: Item) -> st.SearchStrategy[Any]:
    return VALUES[item.kind](item)


# What each type of figure the unit types may hold, as a strategy.
FIGURE_VALUES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "integer": lambda: st.integers(0, 40),
    "number": numbers,
    "percent": lambda: st.integers(0, 100) | st.floats(0, 100),
    "date": lambda: st.dates(dt.date(2015, 1, 1), ASSESSED_ON),
    "text": lambda: st.text(max_size=4),
}


def own_figure(item: Item) -> Figure | None:
    """The figure the unit types that the item is scored on (its answer), if any."""
    figure = item.figure_named(item.own_figure) if item.own_figure else None
    return figure if figure is not None and figure.asked else None


@st.composite
def figures_for(draw: st.DrawFn, item: Item) -> dict[str, FigureValue]:
    """Some of the figures the unit types, each of its type."""
    chosen = {}
    for figure in item.figures:
        if figure.asked and draw(st.booleans()):
            chosen[figure.name] = draw(FIGURE_VALUES[figure.type]())
    return chosen


def answers_for(item: Item) -> st.SearchStrategy[ItemAnswer | None]:
    given = (
        figures_for(item).map(lambda f: ItemAnswer(figures=f))
        if own_figure(item) is not None
        else st.tuples(values_for(item), figures_for(item)).map(
            lambda vf: ItemAnswer(value=vf[0], figures=vf[1])
        )
    )
    return st.one_of(
        st.none(),
        given,
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
        last_election=draw(st.none() | st.dates(dt.date(2015, 1, 1), ASSESSED_ON)),
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
        given = {
            k: (a.value, a.figures, a.na, a.na_reason) for k, a in self.answers.answers.items()
        }
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
    assert result.max == case.pack.info.total
    assert abs(sum(a.score for a in result.areas) - result.raw) < 1e-6


@given(pack_and_answers())
def test_grade_follows_veto_and_thresholds(case: Case) -> None:
    pack, answers = case.pack, case.answers
    result = score(pack, answers)
    # The highest of the standard's grades whose line the total reaches, unless a veto
    # item fails; else the standard's name of failing.
    reached = [grade.name for grade in pack.info.grades if result.total >= grade.at_least]
    if result.veto_failed or not reached:
        assert result.grade == pack.info.fail
    else:
        assert result.grade == reached[0]


def better_label(ranks: dict[str, float], value: Any, data: st.DataObject) -> Any:
    return data.draw(st.sampled_from([label for label, r in ranks.items() if r >= ranks[value]]))


def one_more(item: Item, value: Any, data: st.DataObject) -> Any:
    missing = [label for label in labels(item) if label not in value]
    return [*value, data.draw(st.sampled_from(missing))] if missing else None


def more(item: Item, value: Any, data: st.DataObject) -> Any:
    return value + data.draw(st.integers(1, 30) | st.floats(0.01, 30))


def newer(item: Item, value: Any, data: st.DataObject) -> Any:
    return min(value + dt.timedelta(days=data.draw(st.integers(1, 2000))), ASSESSED_ON)


# A value at least as good as `value` for `item`, or None when none is.
BETTER: dict[str, Callable[[Any, Any, st.DataObject], Any]] = {
    "yes_no": lambda item, value, data: True if value is False else None,
    "level": lambda item, value, data: better_label(
        {lv.label: lv.ratio for lv in item.levels}, value, data
    ),
    "choice": lambda item, value, data: better_label(
        {o.label: o.points for o in item.options}, value, data
    ),
    "multi_choice": one_more,
    "deductions": one_more,
    "all_of": one_more,
    # A range: more is not better beyond its top.
    "threshold": lambda item, value, data: (
        None if item.max is not None else more(item, value, data)
    ),
    "count": more,
    "steps": more,
    "date": newer,
    "text": lambda item, value, data: None,
}


def better(item: Item, value: Any, data: st.DataObject) -> Any:
    figure = own_figure(item)
    if figure is None:
        return BETTER[item.kind](item, value, data)
    # The item is scored on a figure the unit types: more of it, of the figure's type.
    if item.kind == "threshold" and item.max is not None:
        return None
    if figure.type == "date":
        return newer(item, value, data)
    if figure.type == "integer":
        return value + data.draw(st.integers(1, 30))
    step = data.draw(st.integers(1, 30) | st.floats(0.01, 30))
    return min(100, value + step) if figure.type == "percent" else value + step


def given_value(item: Item, answer: ItemAnswer) -> Any:
    """What the unit gave as the item's answer: its value, or the figure it is scored on."""
    figure = own_figure(item)
    return answer.figures.get(figure.name) if figure is not None else answer.value


def answered_with(item: Item, answer: ItemAnswer, value: Any) -> ItemAnswer:
    """The answer with `value` instead: its value, or the figure the item is scored on
    (the figures compared with it left out, lest more done read as more than possible:
    办结件数 above 需求条数 puts the item up for review)."""
    figure = own_figure(item)
    if figure is None:
        return answer.model_copy(update={"value": value})
    compared = {c.figure for c in item.figure_checks} | {c.other for c in item.figure_checks}
    kept = {n: v for n, v in answer.figures.items() if n not in compared}
    return answer.model_copy(update={"figures": kept | {figure.name: value}})


@given(pack_and_answers(), st.data())
def test_a_better_answer_never_lowers_the_total(case: Case, data: st.DataObject) -> None:
    pack, answers = case.pack, case.answers
    answered = [
        id_
        for id_, a in answers.answers.items()
        if given_value(pack.items[id_], a) is not None and not a.na
    ]
    assume(answered)
    item_id = data.draw(st.sampled_from(sorted(answered)))
    item = pack.items[item_id]
    answer = answers.answers[item_id]
    improved_value = better(item, given_value(item, answer), data)
    assume(improved_value is not None)

    improved = answers.model_copy(deep=True)
    improved.answers[item_id] = answered_with(item, answer, improved_value)
    before, after = score(pack, answers), score(pack, improved)
    # The promise holds when the answer switches other items on or off too: lacking
    # what they are about (否, fewer centres, no studio) counts them at 0, never
    # leaves them out, so lacking a thing never raises the total.
    assert after.items[item_id].score >= before.items[item_id].score
    assert after.total >= before.total, (item_id, improved_value)
    assert_bounded(after)


# The best answer to an item of each kind.
BEST: dict[str, Callable[[Any], Any]] = {
    "yes_no": lambda item: True,
    "level": lambda item: max(item.levels, key=lambda lv: lv.ratio).label,
    "choice": lambda item: max(item.options, key=lambda o: o.points).label,
    "multi_choice": labels,
    "deductions": labels,
    "all_of": labels,
    "threshold": lambda item: 100,
    "count": lambda item: 100,
    "steps": lambda item: 100,
    "date": lambda item: ASSESSED_ON,
    "text": lambda item: "情况说明",
}


# The best figures of each type: every check across them holds (they are equal).
BEST_FIGURES: dict[str, FigureValue] = {
    "integer": 100,
    "number": 100,
    "percent": 100,
    "date": ASSESSED_ON,
    "text": "情况说明",
}


def best_answer(item: Item) -> ItemAnswer:
    """The answer that earns the item everything: its best value, every figure the unit
    types at its best (the figure it is scored on among them)."""
    figures = {f.name: BEST_FIGURES[f.type] for f in item.figures if f.asked}
    if own_figure(item) is not None:
        return ItemAnswer(figures=figures)
    return ItemAnswer(value=BEST[item.kind](item), figures=figures)


def test_every_kind_is_exercised() -> None:
    assert set(VALUES) == set(BETTER) == set(BEST) == set(KINDS)
    assert set(FIGURE_VALUES) == set(BEST_FIGURES) == set(TYPE_WORDS)


@given(pack_and_answers())
def test_answering_everything_fully_gives_full_marks(case: Case) -> None:
    pack, answers = case.pack, case.answers
    best = {item.id: best_answer(item) for item in pack.items.values()}
    profile = answers.profile.model_copy(
        update={
            "staff": 100,
            "members": 100,
            "activists": 100,
            "term_years": 5,
            "last_election": ASSESSED_ON,
        }
    )
    result = score(pack, Answers(profile=profile, answers=best))
    assert result.total == case.pack.info.total
    assert result.unanswered == []
    assert result.veto_failed == []
    assert result.grade == case.pack.info.grades[0].name
