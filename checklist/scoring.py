"""Score a unit's answers against a standard. Pure: no I/O, no UI.

Rules (see criteria/README.md):
- each kind gives 0 … item points (its `score`, in checklist.criteria.kinds);
  unanswered items give 0 and count in the maximum;
- an item whose `when` does not hold counts at 0 of its points when the standard says
  so (`when_unmet = "zero"`, the default for a condition on another answer: lacking
  what the item is about never raises the total); otherwise it is left out like an
  item answered 不适用 with a reason;
- items left out are left out of the maximum (`renormalize`: total = earned ÷
  applicable maximum × pack total) or counted as met (`count_as_met`);
- 不适用 without a reason counts as unanswered;
- an item whose figures cannot all be right (a stored figure that does not read as its
  type; a figure check that does not hold, 办结数 more than 受理数) needs review (需复核)
  and earns nothing until they are put right; so does an answer carried to a new
  edition whose item changed (its `review`), until the unit changes or confirms it;
- a veto (必备) item below its line (`veto_at_least`, else full points) fails the unit
  whatever its total; unanswered (or needing review) it has earned nothing, so it
  fails too until it is answered. One without points of its own fails unless met;
- the total is kept with the standard's `decimals` (rounded half up), and the grade
  is judged on that total, as a scorer of the paper sheet grades the total written
  on it: the highest of the standard's grades whose line it reaches, else the
  standard's name of failing; any veto failure fails.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from checklist.answers.figures import (
    FigureReading,
    blank_hint,
    broken_checks,
    figure_values,
    read_figures,
)
from checklist.answers.model import Answers, ItemAnswer, Value
from checklist.criteria.base import PROFILE_FIGURES, Condition
from checklist.criteria.figures import FigureValue
from checklist.criteria.kinds import Doubtful, Facts, Item, Missing, Remarked
from checklist.criteria.model import Area, Indicator, Pack
from checklist.formats import rounded_total, total_text

_EPSILON = 1e-9


class Status(Enum):
    UNANSWERED = "未答"
    ANSWERED = "已答"
    NOT_APPLICABLE = "不适用"  # answered 不适用 with a reason
    INACTIVE = "不适用（条件不成立）"  # its `when` does not hold
    ABSENT = "不得分（条件不成立）"  # its `when` does not hold, and it counts at 0
    REVIEW = "需复核"  # an answer that no longer fits the item


# The statuses scoring tests most, as module names: on Python 3.11 a member looked up
# on its Enum costs ten times a global, and scoring tests thousands per score.
_ANSWERED, _UNANSWERED, _REVIEW = Status.ANSWERED, Status.UNANSWERED, Status.REVIEW
_LEFT_OUT, _INACTIVE, _ABSENT = Status.NOT_APPLICABLE, Status.INACTIVE, Status.ABSENT


@dataclass(slots=True)
class ItemScore:
    item: Item
    status: Status
    score: float  # points earned (0 unless answered)
    max: float  # item points
    veto_failed: bool = False
    # The number or date used, when it came from the profile or a figure of the item.
    figure: FigureValue | None = None
    met: bool = False  # whether it is met in full (what a veto item without points asks)
    # Why it is unanswered or needs review, in Chinese; for an item whose condition does
    # not hold, what is still blank that the condition asks about ("" once it is known).
    hint: str = ""
    # What must be said of the points beside the answer (经上级工会批准延期至…), or "".
    remark: str = ""
    # The item's figures as read for this unit, by name, when its score depends on them
    # (typed, shown from the profile, computed; see Item.reads_figures).
    readings: Mapping[str, FigureReading] | None = None

    @property
    def figures(self) -> dict[str, FigureValue]:
        """The item's figures that count, by name (see Facts.figures)."""
        return figure_values(self.readings) if self.readings else {}

    @property
    def counted(self) -> bool:
        """Whether the item counts in the maximum it is scored against."""
        status = self.status
        return status is not _LEFT_OUT and status is not _INACTIVE and self.item.scored

    @property
    def gap(self) -> float:
        return _tidy(self.max - self.score) if self.counted else 0.0

    @property
    def active(self) -> bool:
        """Whether the item applies (its `when` holds); the app shows only these."""
        return self.status not in (Status.INACTIVE, Status.ABSENT)

    @property
    def veto_pending(self) -> bool:
        """A veto item that fails only because it has no valid answer yet."""
        return self.veto_failed and self.status in (Status.UNANSWERED, Status.REVIEW)


@dataclass(slots=True)
class Subtotal:
    """An indicator's or an area's points."""

    id: str
    title: str
    score: float  # earned
    max: float  # applicable maximum
    nominal: float  # points in the standard

    @property
    def rate(self) -> float:
        return self.score / self.max if self.max else 0.0


@dataclass(slots=True)
class Shortfall:
    item_id: str
    score: float
    max: float
    veto: bool

    @property
    def gap(self) -> float:
        return _tidy(self.max - self.score)


@dataclass(slots=True)
class Score:
    pack: Pack
    items: dict[str, ItemScore]
    indicators: dict[str, Subtotal]
    areas: list[Subtotal]
    raw: float  # earned points
    raw_max: float  # applicable maximum
    total: float  # on the pack's scale, with the standard's decimals
    max: float  # pack total
    grade: str  # one of the standard's grades, or its name of failing
    # Items that apply (their `when` holds), counted once: the app shows it with each
    # score, for 1,000 items four times.
    active_count: int
    veto_failed: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)

    @property
    def total_text(self) -> str:
        """The total as the app, `score`, the reports and the summary print it: with
        the standard's decimals (96.3, 90.0)."""
        return total_text(self.total, self.pack.info.decimals)

    @property
    def veto_pending(self) -> list[str]:
        """Veto items failing only for want of a valid answer (未答 or 需复核)."""
        return [id_ for id_ in self.veto_failed if self.items[id_].veto_pending]

    @property
    def veto_not_met(self) -> list[str]:
        """Veto items answered below full points: the unit fails on these."""
        return [id_ for id_ in self.veto_failed if not self.items[id_].veto_pending]

    @property
    def answered_count(self) -> int:
        """Items that apply and have an answer (不适用 with a reason counts as one)."""
        return self.active_count - len(self.unanswered)

    @property
    def failed(self) -> bool:
        """Whether the unit reaches none of the standard's grades."""
        return self.grade == self.pack.info.fail

    @property
    def top_grade(self) -> bool:
        """Whether the unit reaches the standard's highest grade."""
        return self.grade == self.pack.info.grades[0].name


def score(pack: Pack, answers: Answers, today: dt.date | None = None) -> Score:
    """Score every item, subtotal, total and grade.

    Dates are judged against the profile's 自评日期, else `today`, else the current date.
    """
    plan = _plan(pack)
    active = _active_items(plan, answers)
    facts = Facts(
        judged_on(answers, today),
        answers.profile,
        lambda cond: _holds(pack, answers, active, cond),
    )
    given = answers.answers
    items = {}
    for item, item_id, source, veto in plan.entries:
        if not active[item_id]:
            judged = _left_out(item)
        else:
            answer = given.get(item_id)
            if source is _ANSWER:  # as most are
                judged = _scored_answer(item, answer, facts)
            elif source is _FIGURES:
                judged = _scored_with_figures(item, answer, answers, facts)
            else:
                judged = _scored(item, answer, answers, facts)
            if answer is not None and answer.review:
                judged = _kept_for_review(judged, answer.review)
        items[item_id] = judge_veto(judged) if veto else judged
    for item_id, blank in _undecided_conditions(plan, answers, active).items():
        items[item_id] = replace(items[item_id], hint=blank)
    return summed(pack, items)


def summed(pack: Pack, items: dict[str, ItemScore]) -> Score:
    """Subtotals, total and grade of items already scored (by `score`, or by an
    inspection team's 验收分), scaled and graded as the standard says."""
    plan = _plan(pack)
    count_as_met = pack.info.not_applicable == "count_as_met"
    # What each item earns and may earn in its area's sum: an item left out earns
    # nothing of nothing, or (count_as_met) its points of its points. On the way, the
    # lists the score keeps, in standard order.
    earned: dict[str, float] = {}
    maximum: dict[str, float] = {}
    veto_failed: list[str] = []
    unanswered: list[str] = []
    review: list[str] = []
    shortfalls: list[Shortfall] = []
    unscored = plan.unscored
    active = 0
    for item_id, s in items.items():
        status = s.status
        if status is not _INACTIVE and status is not _ABSENT:  # s.active
            active += 1
        scored = item_id not in unscored
        # s.counted, spelt out (this runs for every item of every score).
        if scored and status is not _LEFT_OUT and status is not _INACTIVE:
            earned[item_id], maximum[item_id] = s.score, s.max
        elif count_as_met:
            earned[item_id] = s.max if scored else s.score
            maximum[item_id] = s.max
        else:
            earned[item_id], maximum[item_id] = s.score, 0.0
        if s.veto_failed:
            veto_failed.append(item_id)
        if status is _UNANSWERED:
            unanswered.append(item_id)
        elif status is _REVIEW:
            review.append(item_id)
        elif status is _ANSWERED and s.max - s.score > _EPSILON and scored:
            shortfalls.append(Shortfall(item_id, s.score, s.max, s.item.veto))
    # Veto failures first, otherwise in standard order.
    shortfalls.sort(key=lambda sf: not sf.veto)

    indicators: dict[str, Subtotal] = {}
    areas: list[Subtotal] = []
    for area, area_indicators in plan.areas:
        subs = []
        for ind, ids in area_indicators:
            sub = Subtotal(
                ind.id,
                ind.title,
                _tidy(sum(map(earned.__getitem__, ids))),
                _tidy(sum(map(maximum.__getitem__, ids))),
                ind.points,
            )
            indicators[ind.id] = sub
            subs.append(sub)
        areas.append(
            Subtotal(
                area.id,
                area.title,
                _tidy(sum(s.score for s in subs)),
                _tidy(sum(s.max for s in subs)),
                area.points,
            )
        )
    raw = _tidy(sum(a.score for a in areas))
    raw_max = _tidy(sum(a.max for a in areas))
    total = raw / raw_max * pack.info.total if raw_max else 0.0
    total = min(float(rounded_total(total, pack.info.decimals)), pack.info.total)
    return Score(
        pack=pack,
        items=items,
        indicators=indicators,
        areas=areas,
        raw=raw,
        raw_max=raw_max,
        total=total,
        max=pack.info.total,
        grade=_grade(pack, total, veto_failed),
        active_count=active,
        veto_failed=veto_failed,
        unanswered=unanswered,
        review=review,
        shortfalls=shortfalls,
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    """What scoring needs of a standard that no answer changes, worked out once per
    standard (see `_plan`), so that each scoring does only the work of the answers."""

    items: tuple[Item, ...]  # in standard order
    ids: tuple[str, ...]  # their ids
    # Each item with what the scoring loop asks of it: its id, what it is scored on
    # (see `_source`), whether it is a veto item.
    entries: tuple[tuple[Item, str, str, bool], ...]
    unscored: frozenset[str]  # the ids of the items that are not scored (Item.scored)
    # The items with a `when`, each with its condition and the item the condition
    # tests (None: a profile figure), every one after the item it tests.
    conditional: tuple[tuple[Item, Condition, Item | None], ...]
    # Items whose conditions test each other in a circle, or an item in one: they never
    # apply (validation rules such circles out; a pack built without it may have one).
    circular: frozenset[str]
    # Each area with its indicators, each with its items' ids.
    areas: tuple[tuple[Area, tuple[tuple[Indicator, tuple[str, ...]], ...]], ...]

    @classmethod
    def of(cls, pack: Pack) -> _Plan:
        conditional: list[tuple[Item, Condition, Item | None]] = []
        circular: set[str] = set()
        placed: set[str] = set()
        for start in pack.items.values():
            # Walk down the chain of conditions from this item (each tests the next)
            # to one placed before, a profile figure, or back into the chain.
            chain: list[Item] = []
            item, in_circle = start, False
            while item.when is not None and item.id not in placed:
                if any(link is item for link in chain):
                    in_circle = True
                    break
                chain.append(item)
                if item.when.item is None:
                    break
                item = pack.items[item.when.item]
            in_circle = in_circle or item.id in circular
            for link in reversed(chain):
                placed.add(link.id)
                if in_circle:
                    circular.add(link.id)
                elif link.when is not None:
                    target = pack.items[link.when.item] if link.when.item else None
                    conditional.append((link, link.when, target))
        areas = tuple(
            (
                area,
                tuple((ind, tuple(item.id for item in ind.items)) for ind in area.indicators),
            )
            for area in pack.areas
        )
        items = tuple(pack.items.values())
        return cls(
            items,
            tuple(item.id for item in items),
            tuple((item, item.id, _source(item), item.veto) for item in items),
            frozenset(item.id for item in items if not item.scored),
            tuple(conditional),
            frozenset(circular),
            areas,
        )


# What an item is scored on: its answer alone; its figures too (Item.reads_figures); a
# figure of the profile or of its own, in place of an answer.
_ANSWER, _FIGURES, _FIGURE = "answer", "figures", "figure"


def _source(item: Item) -> str:
    if item.reads_figures:
        return _FIGURES
    if item.profile_figure or item.own_figure:
        return _FIGURE
    return _ANSWER


def judged_on(answers: Answers, today: dt.date | None = None) -> dt.date:
    """The day the answers' dates are judged against: the 自评日期, else `today`, else
    the current date."""
    return answers.profile.assessed_on or today or dt.date.today()


def _tidy(points: float) -> float:
    """Drop binary floating-point noise (0.8 × 1.5 = 1.2000000000000002): points are
    given in steps far coarser than 1e-6."""
    return round(points, 6) + 0.0


def _grade(pack: Pack, total: float, veto_failed: list[str]) -> str:
    if not veto_failed:
        for grade in pack.info.grades:
            if total + _EPSILON >= grade.at_least:
                return grade.name
    return pack.info.fail


def condition_holds(pack: Pack, answers: Answers, cond: Condition) -> bool:
    """Whether a condition (an option's `when`) holds for these answers."""
    return _holds(pack, answers, _active_items(_plan(pack), answers), cond)


def _holds(pack: Pack, answers: Answers, active: dict[str, bool], cond: Condition) -> bool:
    if cond.profile is not None:
        return _compare(answers.profile.figure(cond.profile), cond)
    target = pack.items.get(cond.item or "")
    return target is not None and active[target.id] and _condition_holds(cond, target, answers)


# Each standard's plan, by the identity of its Pack while the Pack lives (a Pack is
# not hashable, so a WeakKeyDictionary cannot hold it).
_plans: dict[int, tuple[weakref.ref[Pack], _Plan]] = {}


def _plan(pack: Pack) -> _Plan:
    key = id(pack)
    known = _plans.get(key)
    if known is not None and known[0]() is pack:
        return known[1]
    plan = _Plan.of(pack)
    _plans[key] = (weakref.ref(pack, lambda _: _plans.pop(key, None)), plan)
    return plan


def _active_items(plan: _Plan, answers: Answers) -> dict[str, bool]:
    """Whether each item applies: its `when` holds, and so does that of the item it
    tests, all the way down."""
    active = dict.fromkeys(plan.ids, True)
    profile = answers.profile
    for item, cond, target in plan.conditional:
        if target is None:
            active[item.id] = _compare(profile.figure(cond.profile or ""), cond)
        else:
            active[item.id] = active[target.id] and _condition_holds(cond, target, answers)
    for item_id in plan.circular:
        active[item_id] = False
    return active


def _undecided_conditions(plan: _Plan, answers: Answers, active: dict[str, bool]) -> dict[str, str]:
    """The items that do not apply only because what their condition asks about is
    still blank: for each, that blank ("条目 cxgzs-01 未填写"). They count as not
    applying, but are not to be reported as such."""
    blanks: dict[str, str] = {}
    for item, cond, target in plan.conditional:
        if active[item.id]:
            continue
        if target is None:
            found = _blank_figure(answers, cond.profile or "")
        elif not active[target.id]:
            found = blanks.get(target.id, "")
        elif target.profile_figure:
            found = _blank_figure(answers, target.profile_figure)
        elif target.own_figure:
            taken = _own_figure(target, answers)
            found = "" if taken is not None else f"条目 {target.id} 的{target.own_figure}未填写"
        else:
            answer = answers.answer(target.id)  # None when unanswered
            blank = answer is None or (not answer.na and answer.value is None)
            found = f"条目 {target.id} 未填写" if blank else ""
        if found:
            blanks[item.id] = found
    return blanks


def _blank_figure(answers: Answers, figure: str) -> str:
    return f"{PROFILE_FIGURES[figure]}未填写" if answers.profile.figure(figure) is None else ""


def _own_figure(item: Item, answers: Answers) -> FigureValue | None:
    """The value of the figure an item takes as its answer (None: blank)."""
    readings = read_figures(item, answers.answer(item.id), answers.profile)
    reading = readings.get(item.own_figure or "")
    return reading.value if reading is not None else None


def _condition_holds(cond: Condition, target: Item, answers: Answers) -> bool:
    answer = answers.answer(target.id)
    if target.profile_figure:
        return _compare(answers.profile.figure(target.profile_figure), cond)
    if target.own_figure:
        taken = _own_figure(target, answers)
        return isinstance(taken, int | float) and _compare(float(taken), cond)
    if answer is None or answer.na or answer.value is None:
        return False
    value = answer.value
    if target.value_problem(value):
        return False
    if cond.is_ is not None:
        return bool(value == cond.is_ and type(value) is type(cond.is_))
    if cond.includes is not None:
        return isinstance(value, list) and cond.includes in value
    return isinstance(value, int | float) and _compare(float(value), cond)


def _compare(value: float | None, cond: Condition) -> bool:
    if value is None:
        return False
    if cond.at_least is not None and value < cond.at_least:
        return False
    return not (cond.at_most is not None and value > cond.at_most)


def _kept_for_review(judged: ItemScore, why: str) -> ItemScore:
    """An answer carried to an edition that changed its item counts only once the unit
    has looked at it again (需复核); an item still unanswered stays so."""
    if judged.status in (Status.ANSWERED, Status.NOT_APPLICABLE):
        return replace(judged, status=Status.REVIEW, score=0.0, met=False, remark="", hint=why)
    return judged


def _left_out(item: Item) -> ItemScore:
    """An item whose `when` does not hold."""
    status = Status.ABSENT if item.zero_when_unmet else Status.INACTIVE
    return ItemScore(item, status, 0.0, item.points)


def _scored_with_figures(
    item: Item, answer: ItemAnswer | None, answers: Answers, facts: Facts
) -> ItemScore:
    """An item whose score depends on its figures (see Item.reads_figures)."""
    readings = read_figures(item, answer, answers.profile)
    judged = _scored(item, answer, answers, facts.with_figures(figure_values(readings)), readings)
    judged.readings = readings
    # Figures that cannot be right put an answered (or blank) item up for review.
    doubts = [r.problem for r in readings.values() if r.problem] + broken_checks(item, readings)
    if doubts and judged.status in (Status.ANSWERED, Status.UNANSWERED):
        return replace(
            judged, status=Status.REVIEW, score=0.0, met=False, remark="", hint="；".join(doubts)
        )
    return judged


def _scored(
    item: Item,
    answer: ItemAnswer | None,
    answers: Answers,
    facts: Facts,
    readings: Mapping[str, FigureReading] | None = None,
) -> ItemScore:
    """The item scored on the figure it takes as its answer (of the profile, or its
    own unless it is answered 不适用), else on its answer."""
    if item.profile_figure:
        found = answers.profile.figure(item.profile_figure)
        if found is None:
            return ItemScore(
                item, Status.UNANSWERED, 0.0, item.points, hint="请先在基本情况中填写所需人数"
            )
        return _judged(item, found, facts, found)
    if item.own_figure and not (answer is not None and answer.na):
        reading = (readings or {}).get(item.own_figure)
        if reading is None or reading.value is None:
            hint = blank_hint(reading) if reading else ""
            return ItemScore(item, Status.UNANSWERED, 0.0, item.points, hint=hint)
        return _judged(item, reading.value, facts, reading.value)
    return _scored_answer(item, answer, facts)


def _scored_answer(item: Item, answer: ItemAnswer | None, facts: Facts) -> ItemScore:
    """The item scored on its answer: 不适用 with its reason, or a value."""
    if answer is not None and answer.na:
        if not item.allow_na:
            return ItemScore(item, Status.REVIEW, 0.0, item.points, hint="本条目不允许选择不适用")
        if not answer.na_reason:
            return ItemScore(item, Status.UNANSWERED, 0.0, item.points, hint="选择不适用须写明理由")
        return ItemScore(item, Status.NOT_APPLICABLE, 0.0, item.points)
    value = answer.value if answer is not None else None
    if value is None:
        value = item.blank_answer()
    # An empty selection is an answer ("none of these"); empty text is not.
    if value is None or value == "":
        return ItemScore(item, _UNANSWERED, 0.0, item.points)
    problem = item.value_problem(value)
    if problem:
        return ItemScore(item, _REVIEW, 0.0, item.points, hint=problem)
    return _judged(item, value, facts)


def _judged(item: Item, value: Value, facts: Facts, figure: FigureValue | None = None) -> ItemScore:
    # An item without points of its own (a veto condition) is judged as if it had one
    # point, which an all-or-nothing kind gives in full or not at all.
    most = item.points
    point_less = not most and item.veto
    if point_less:
        most = 1.0
        earned = item.model_copy(update={"points": most}).score(value, facts)
    else:
        earned = item.score(value, facts)
    remark = ""
    if isinstance(earned, float):  # as most are
        given = earned
    elif isinstance(earned, Missing):
        return ItemScore(item, _UNANSWERED, 0.0, item.points, hint=earned.hint)
    elif isinstance(earned, Doubtful):
        return ItemScore(item, _REVIEW, 0.0, item.points, hint=earned.hint)
    elif isinstance(earned, Remarked):
        given, remark = earned.points, earned.remark
    else:
        given = earned
    # Clamped to 0 … most and tidied (see _tidy), spelt out: this runs for nearly every
    # item of every score, and most earn all or nothing.
    if given >= most:
        points = most
    elif given <= 0.0:
        points = 0.0
    else:
        points = round(given, 6) + 0.0
    met = points >= most - _EPSILON
    if point_less:
        points = 0.0
    return ItemScore(item, _ANSWERED, points, item.points, False, figure, met, "", remark)


def judge_veto(s: ItemScore) -> ItemScore:
    """A counted veto item below its line fails, whether answered or not; one without
    points of its own fails unless it is met."""
    if not s.item.veto or not s.counted:
        return s
    failed = s.score < s.item.veto_line - _EPSILON if s.item.points else not s.met
    return replace(s, veto_failed=True) if failed else s
