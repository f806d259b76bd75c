"""How an inspection scores: the bounds of a 验收分, when a 扣分原因 is required, the
score proposed from what the team found, and the 验收总分 and 等次.

Everything is scored by checklist.scoring: a proposal is the item scored with the
unit's answer replaced by what the team found, and the totals are the standard's own
sums, scaling and grade rules applied to the 验收分 in place of the 自评分.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from checklist.answers.model import Answers, ItemAnswer, Value
from checklist.criteria.base import PROFILE_FIGURES
from checklist.criteria.figures import Figure
from checklist.criteria.model import Item, Pack
from checklist.formats import parse_date, points_text
from checklist.inspection.model import Found, Inspection, ItemInspection
from checklist.scoring import ItemScore, Score, Status, judge_veto, score, summed

_EPSILON = 1e-9
# A 验收分 is given to at most this many decimals, and at least to halves: on paper
# a team writes 2.5 even where the standard's own rules give whole points.
_MOST_DECIMALS = 2
_LEAST_DECIMALS = 1
# The numbers of 基本情况 a rate of the profile is computed from (Profile.figure).
_PROFILE_RATE_PARTS = {
    "membership_rate": ("members", "staff"),
    "activist_rate": ("activists", "staff"),
}


def _decimals(number: float) -> int:
    exponent = Decimal(repr(float(number))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def score_decimals(pack: Pack) -> int:
    """How many decimals a 验收分 may have: as many as the points the standard's own
    rules can give (an item's points, a deduction, a level's share of the points …),
    at least one and at most two."""
    numbers: list[float] = []
    for item in pack.items.values():
        numbers += [item.points, item.veto_line]
        dump = item.model_dump()
        for key in ("each", "deduct"):
            if isinstance(dump.get(key), int | float):
                numbers.append(dump[key])
        for element in [*(dump.get("options") or ()), *(dump.get("parts") or ())]:
            for key in ("points", "deduct"):
                if isinstance(element.get(key), int | float):
                    numbers.append(element[key])
        for level in dump.get("levels") or ():
            numbers.append(item.points * level["ratio"])
    found = max((_decimals(round(n, 6)) for n in numbers), default=0)
    return min(_MOST_DECIMALS, max(_LEAST_DECIMALS, found))


def score_problem(pack: Pack, item: Item, value: float) -> str | None:
    """Why `value` cannot be the item's 验收分, in Chinese, or None."""
    decimals = score_decimals(pack)
    if value < 0 or value > item.points + _EPSILON:
        return f"验收分应在 0 到 {points_text(item.points)} 分（本条分值）之间"
    if abs(round(value, decimals) - value) > _EPSILON:
        return f"验收分最多保留 {decimals} 位小数"
    return None


def read_score(pack: Pack, item: Item, text: str) -> float:
    """The 验收分 a person typed; ValueError says what is wrong, in Chinese."""
    cleaned = text.strip().removesuffix("分").strip()
    try:
        value = float(cleaned.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")))
    except ValueError:
        raise ValueError("验收分应填写数字，例如 3 或 2.5") from None
    problem = score_problem(pack, item, value)
    if problem:
        raise ValueError(problem)
    return int(value) if value == int(value) else value


def inspected_score(entry: ItemInspection, self_score: ItemScore) -> float | None:
    """The item's 验收分: the one given, else the 自评分 when the team confirmed it,
    else None (not yet scored)."""
    if entry.score is not None:
        return entry.score
    if entry.confirmed:
        return self_score.score
    return None


def settled(entry: ItemInspection) -> bool:
    """Whether the team has dealt with the item: confirmed the 自评分 or given a
    验收分 of its own."""
    return entry.confirmed or entry.score is not None


def reason_missing(
    entry: ItemInspection, self_score: ItemScore, proposed: float | None = None
) -> bool:
    """Whether the item lacks the 扣分原因 it needs: its 验收分 is below the item's
    points (a deduction), differs from the 自评分 (the team departs from the unit), or
    from the score `proposed` from what the team found (the team overrides it)."""
    given = inspected_score(entry, self_score)
    if given is None or entry.reason.strip() or not self_score.item.scored:
        return False
    below = given < self_score.max - _EPSILON
    departs = abs(given - self_score.score) > _EPSILON
    overrides = proposed is not None and abs(given - proposed) > _EPSILON
    return below or departs or overrides


# -- what the team finds -----------------------------------------------------------


@dataclass(frozen=True)
class FoundField:
    """One thing the team can find for an item, to have its score proposed: the
    answer (`where` "value"), a figure of the item ("figure") or a number of
    基本情况 ("profile"), under `key`, asked as `label`."""

    where: str
    key: str
    label: str
    hint: str = ""  # how it is typed


def found_fields(item: Item) -> list[FoundField]:
    """What the team may type for a score to be proposed; empty where the item's
    points follow from a judgement (达到程度, 是/否, a single choice, text)."""
    if not item.scored:
        return []
    if item.profile_figure:
        keys = _PROFILE_RATE_PARTS.get(item.profile_figure, (item.profile_figure,))
        return [FoundField("profile", key, _profile_label(key)) for key in keys]
    if item.own_figure:
        figure = item.figure_named(item.own_figure)
        return _figure_fields(item, figure, frozenset()) if figure is not None else []
    if _typed(item):
        hint = "日期，如 2026-11-24" if _dated(item) else "数字"
        return [FoundField("value", "value", "核实值", hint)]
    if _listed(item):
        labels = list(item.choices())
        hint = "、".join(f"{n}.{label}" for n, label in enumerate(labels, 1))
        return [FoundField("value", "value", "具备的项", f"填序号，如 1,2（{hint}）")]
    return []


def _figure_fields(item: Item, figure: Figure, seen: frozenset[str]) -> list[FoundField]:
    """What makes a figure: typed, its number of 基本情况, or the parts of its rate."""
    if figure.from_profile is not None:
        keys = _PROFILE_RATE_PARTS.get(figure.from_profile, (figure.from_profile,))
        return [FoundField("profile", key, _profile_label(key)) for key in keys]
    if figure.rate is None:
        return [FoundField("figure", figure.name, figure.name)]
    fields: list[FoundField] = []
    for name in figure.rate:
        part = item.figure_named(name)
        if part is not None and name not in seen:
            fields += [f for f in _figure_fields(item, part, seen | {name}) if f not in fields]
    return fields


def _profile_label(key: str) -> str:
    return PROFILE_FIGURES.get(key, "上次换届日期" if key == "last_election" else key)


def _typed(item: Item) -> bool:
    """Whether an answer to the item is typed (a number, a date)."""
    try:
        item.parse("0")
    except TypeError:
        return False
    except ValueError:
        return True
    return True


def _dated(item: Item) -> bool:
    try:
        item.parse("0")
    except ValueError:
        return True
    return False


def _listed(item: Item) -> bool:
    """Whether the item is answered by the requirements in place, each scored (缺项扣分,
    several choices, several conditions)."""
    try:
        return item.value_problem([]) is None and bool(item.choices())
    except (TypeError, ValueError, AssertionError):
        return False


def read_found(item: Item, field: FoundField, text: str) -> Value | int | None:
    """What the team typed for `field`, as it is kept; None for nothing typed;
    ValueError says what is wrong, in Chinese."""
    text = text.strip()
    if not text:
        return None
    if field.where == "profile":
        if field.key == "last_election":
            return parse_date(text)
        value = float(text) if re.fullmatch(r"\d+(\.0+)?", text) else None
        if value is None:
            raise ValueError("请填写整数")
        return int(value)
    if field.where == "figure":
        figure = item.figure_named(field.key)
        assert figure is not None
        return figure.parse(text)
    if _typed(item):
        return item.parse(text)
    labels = list(item.choices())
    chosen = []
    for part in re.split(r"[,，、\s]+", text):
        if not part:
            continue
        if part.isdigit() and 1 <= int(part) <= len(labels):
            chosen.append(labels[int(part) - 1])
        elif part in labels:
            chosen.append(part)
        else:
            raise ValueError(f"没有第“{part}”项；请填 1 到 {len(labels)} 之间的序号")
    return sorted(set(chosen), key=labels.index)


def with_found(answers: Answers, item_id: str, found: Found) -> Answers:
    """The unit's answers with what the team found in place of the unit's own."""
    answer = answers.answer(item_id) or ItemAnswer()
    update: dict[str, object] = {}
    if found.value is not None:
        update |= {"value": found.value, "na": False}
    if found.figures:
        update["figures"] = answer.figures | found.figures
    changed = answers.answers | {item_id: answer.model_copy(update=update)}
    profile = answers.profile.model_copy(update=found.profile)
    return answers.model_copy(update={"answers": changed, "profile": profile})


def propose(
    pack: Pack, answers: Answers, item_id: str, found: Found, day: dt.date | None = None
) -> ItemScore:
    """The item scored on what the team found (`day`: as the report judged dates): its
    `score` is the proposed 验收分; a `hint` says why none can be proposed yet."""
    return score(pack, with_found(answers, item_id, found), today=day).items[item_id]


# -- totals --------------------------------------------------------------------------


def inspected_items(
    pack: Pack, self_score: Score, inspection: Inspection, answers: Answers
) -> dict[str, ItemScore]:
    """Each item as the team scored it. An item not yet scored earns nothing (it is
    pending, as an unanswered item is); one the unit left out as 不适用 stays out
    unless the team gives it a 验收分; a veto item is judged on its 验收分."""
    items: dict[str, ItemScore] = {}
    day = inspection.report.scored_on
    for item_id, unit in self_score.items.items():
        entry = inspection.item(item_id)
        given = inspected_score(entry, unit)
        if not unit.active:
            items[item_id] = unit
        elif given is None:
            status = Status.UNANSWERED if unit.counted else unit.status
            items[item_id] = judge_veto(
                replace(unit, status=status, score=0.0, met=False, veto_failed=False)
            )
        elif unit.status is Status.NOT_APPLICABLE and entry.score is None:
            items[item_id] = unit  # 不适用, as the team confirmed
        elif unit.status is Status.ANSWERED and abs(given - unit.score) <= _EPSILON:
            items[item_id] = unit  # the 自评分, confirmed or given again
        else:
            met = given >= unit.max - _EPSILON
            if unit.item.veto and not unit.item.points:
                # No points to score it by: met as the team found, else as confirmed.
                found = entry.found
                met = (
                    propose(pack, answers, item_id, found, day).met
                    if found is not None and not found.empty
                    else entry.confirmed and unit.met
                )
            items[item_id] = judge_veto(
                replace(
                    unit,
                    status=Status.ANSWERED,
                    score=given,
                    met=met,
                    veto_failed=False,
                    hint="",
                    remark="",
                )
            )
    return items


def inspected_total(
    pack: Pack, self_score: Score, inspection: Inspection, answers: Answers
) -> Score:
    """The 验收总分: per area and overall, scaled and graded as the standard scores
    the 自评分. Its `unanswered` are the items not yet scored."""
    return summed(pack, inspected_items(pack, self_score, inspection, answers))
