"""Scoring: what each answer kind earns, veto, conditions, 不适用, grade, shortfalls."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from checklist.answers.model import Answers, ItemAnswer, Profile
from checklist.score_text import score_table
from checklist.scoring import Status, score
from tests.support.builders import make_answers, make_pack


def one(item: dict[str, Any], value: Any = None, **answer_args: Any) -> tuple[float, Status]:
    """Score of a single item (with a 10-point filler so the pack has some total)."""
    pack = make_pack(item, {"id": "filler", "points": 10, "kind": "yes_no"})
    answers = make_answers({item["id"]: value} if value is not None else {}, **answer_args)
    result = score(pack, answers).items[item["id"]]
    return result.score, result.status


# -- each kind ----------------------------------------------------------------


def test_yes_no_gives_full_points_for_yes_and_none_for_no() -> None:
    item = {"id": "q", "points": 3, "kind": "yes_no"}
    assert one(item, True) == (3, Status.ANSWERED)
    assert one(item, False) == (0, Status.ANSWERED)


def test_yes_no_answered_with_text_needs_review() -> None:
    assert one({"id": "q", "points": 3, "kind": "yes_no"}, "是") == (0, Status.REVIEW)


@pytest.mark.parametrize(
    ("label", "expected"),
    [("完全达到", 4.0), ("基本达到", 3.2), ("部分达到", 2.0), ("未达到", 0.0)],
)
def test_level_default_ratios(label: str, expected: float) -> None:
    points, status = one({"id": "q", "points": 4, "kind": "level"}, label)
    assert points == pytest.approx(expected)
    assert status is Status.ANSWERED


def test_level_custom_ratios() -> None:
    item = {
        "id": "q",
        "points": 5,
        "kind": "level",
        "levels": [
            {"label": "优秀", "ratio": 1.0},
            {"label": "合格", "ratio": 0.6},
            {"label": "不合格", "ratio": 0.0},
        ],
    }
    assert one(item, "合格")[0] == pytest.approx(3.0)
    assert one(item, "优秀")[0] == pytest.approx(5.0)
    # A default label that this item does not offer is not silently scored.
    assert one(item, "基本达到") == (0, Status.REVIEW)


@pytest.mark.parametrize(
    ("bounds", "value", "expected"),
    [
        ({"min": 95}, 95, 2),
        ({"min": 95}, 94.9, 0),
        ({"min": 95}, 100, 2),
        ({"max": 5}, 5, 2),
        ({"max": 5}, 5.5, 0),
        ({"min": 90, "max": 100}, 90, 2),
        ({"min": 90, "max": 100}, 100, 2),
        ({"min": 90, "max": 100}, 89, 0),
        ({"min": 90, "max": 100}, 101, 0),
    ],
)
def test_threshold_bounds_include_the_ends(
    bounds: dict[str, float], value: float, expected: float
) -> None:
    item = {"id": "q", "points": 2, "kind": "threshold", **bounds}
    assert one(item, value) == (expected, Status.ANSWERED)


def test_threshold_from_profile_membership_rate() -> None:
    item = {
        "id": "q",
        "points": 2,
        "kind": "threshold",
        "from_profile": "membership_rate",
        "min": 95,
        "unit": "%",
    }
    pack = make_pack(item)
    high = score(pack, make_answers(profile={"staff": 100, "members": 96})).items["q"]
    assert (high.score, high.status, high.figure) == (2, Status.ANSWERED, 96.0)
    low = score(pack, make_answers(profile={"staff": 100, "members": 94})).items["q"]
    assert (low.score, low.status) == (0, Status.ANSWERED)
    # An answer typed into the item cannot override the profile figure.
    typed = score(pack, make_answers({"q": 99}, profile={"staff": 100, "members": 50}))
    assert typed.items["q"].score == 0


def test_threshold_from_profile_without_the_figures_is_unanswered() -> None:
    pack = make_pack(
        {"id": "q", "points": 2, "kind": "threshold", "from_profile": "membership_rate", "min": 95}
    )
    for profile in ({}, {"members": 10}, {"staff": 0, "members": 0}):
        result = score(pack, make_answers(profile=profile))
        assert result.items["q"].status is Status.UNANSWERED
        assert result.items["q"].hint == "请先在基本情况中填写所需人数"
        assert result.unanswered == ["q"]


@pytest.mark.parametrize(("value", "expected"), [(0, 0), (1, 1), (2.9, 2), (4, 4), (9, 4)])
def test_count_gives_each_per_occurrence_up_to_the_points(value: float, expected: float) -> None:
    assert one({"id": "q", "points": 4, "kind": "count", "each": 1}, value)[0] == expected


def test_count_with_fractional_each() -> None:
    item = {"id": "q", "points": 1.5, "kind": "count", "each": 0.5}
    assert one(item, 2)[0] == pytest.approx(1.0)
    assert one(item, 7)[0] == pytest.approx(1.5)


STEPS = {
    "id": "q",
    "points": 2,
    "kind": "steps",
    "target": 25,
    "step": 2,
    "deduct": 0.5,
    "zero_below": 15,
    "unit": "%",
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30, 2.0),  # above target
        (25, 2.0),  # at target
        (24, 1.5),  # a partial step counts as a whole step
        (23, 1.5),  # exactly one step short
        (22.9, 1.0),
        (21, 1.0),
        (17, 0.0),  # four steps: everything deducted
        (15, 0.0),  # deductions floor at 0, not below
        (14.9, 0.0),  # below zero_below
    ],
)
def test_steps_deduct_per_step_short_of_target(value: float, expected: float) -> None:
    assert one(STEPS, value)[0] == pytest.approx(expected)


def test_steps_zero_below_cuts_points_that_steps_would_still_give() -> None:
    item = {**STEPS, "points": 4, "zero_below": 20}
    assert one(item, 20)[0] == pytest.approx(2.5)  # 3 steps short: 4 - 1.5
    assert one(item, 19.9)[0] == 0


def test_steps_from_profile_activist_rate() -> None:
    pack = make_pack({**STEPS, "from_profile": "activist_rate"})
    result = score(pack, make_answers(profile={"staff": 200, "activists": 47}))  # 23.5 %
    assert result.items["q"].score == pytest.approx(1.5)
    assert result.items["q"].figure == pytest.approx(23.5)


def date_item(**limit: Any) -> dict[str, Any]:
    return {"id": "q", "points": 2, "kind": "date", **limit}


@pytest.mark.parametrize(
    ("answered", "expected"),
    [
        (dt.date(2023, 11, 24), 2),  # exactly three years before 2026-11-24
        (dt.date(2023, 11, 23), 0),  # one day too old
        (dt.date(2026, 1, 1), 2),
    ],
)
def test_date_within_max_age_years(answered: dt.date, expected: float) -> None:
    assert one(date_item(max_age_years=3), answered) == (expected, Status.ANSWERED)


def test_date_max_age_from_profile_term_years() -> None:
    pack = make_pack(date_item(max_age_from_profile="term_years"))
    elected = {"q": dt.date(2022, 6, 1)}
    five = score(pack, make_answers(elected, profile={"term_years": 5}))
    assert five.items["q"].score == 2
    three = score(pack, make_answers(elected, profile={"term_years": 3}))
    assert (three.items["q"].score, three.items["q"].status) == (0, Status.ANSWERED)


def test_date_with_term_years_missing_from_profile_asks_for_it() -> None:
    pack = make_pack(date_item(max_age_from_profile="term_years"))
    result = score(pack, make_answers({"q": dt.date(2025, 1, 1)}))
    assert result.items["q"].status is Status.UNANSWERED
    assert result.items["q"].hint == "请先在基本情况中填写每届任期"
    assert result.unanswered == ["q"]


def test_date_after_the_assessment_date_needs_review() -> None:
    assert one(date_item(max_age_years=3), dt.date(2026, 12, 1)) == (0, Status.REVIEW)


def test_date_is_judged_against_the_assessment_date_not_today() -> None:
    pack = make_pack(date_item(max_age_years=1))
    answers = make_answers({"q": dt.date(2020, 3, 1)}, profile={"assessed_on": dt.date(2020, 6, 1)})
    assert score(pack, answers, today=dt.date(2030, 1, 1)).items["q"].score == 2


CHOICE = {
    "id": "q",
    "points": 2,
    "kind": "choice",
    "options": [
        {"label": "两次及以上", "points": 2},
        {"label": "一次", "points": 1},
        {"label": "未研究", "points": 0},
    ],
}


def test_choice_gives_the_points_of_the_chosen_option() -> None:
    assert one(CHOICE, "两次及以上")[0] == 2
    assert one(CHOICE, "一次")[0] == 1
    assert one(CHOICE, "未研究") == (0, Status.ANSWERED)
    assert one(CHOICE, "三次") == (0, Status.REVIEW)


MULTI = {
    "id": "q",
    "points": 5,
    "kind": "multi_choice",
    "options": [
        {"label": "甲", "points": 2},
        {"label": "乙", "points": 2},
        {"label": "丙", "points": 2},
    ],
}


def test_multi_choice_adds_options_up_to_the_points() -> None:
    assert one(MULTI, ["甲"])[0] == 2
    assert one(MULTI, ["甲", "乙"])[0] == 4
    assert one(MULTI, ["甲", "乙", "丙"])[0] == 5  # 6 capped at 5
    assert one(MULTI, []) == (0, Status.ANSWERED)  # "none of these" is an answer


DEDUCTIONS = {
    "id": "q",
    "points": 3,
    "kind": "deductions",
    "options": [
        {"label": "制度", "deduct": 1},
        {"label": "台账", "deduct": 1},
        {"label": "场所", "deduct": 2},
    ],
}


def test_deductions_take_off_what_is_missing_and_stop_at_zero() -> None:
    assert one(DEDUCTIONS, ["制度", "台账", "场所"])[0] == 3
    assert one(DEDUCTIONS, ["制度", "场所"])[0] == 2
    assert one(DEDUCTIONS, ["场所"])[0] == 1
    assert one(DEDUCTIONS, ["制度"])[0] == 0  # 3 - 1 - 2
    assert one(DEDUCTIONS, []) == (0, Status.ANSWERED)  # 4 deducted, floor at 0


def test_text_items_are_not_scored_and_not_in_the_maximum() -> None:
    pack = make_pack(
        {"id": "q", "kind": "text"},
        {"id": "y", "points": 4, "kind": "yes_no"},
        total=4,
        pass_=3,
        demonstration=4,
    )
    result = score(pack, make_answers({"q": "说明了很多情况", "y": True}))
    assert result.items["q"].score == 0
    assert (result.total, result.max, result.raw_max) == (4, 4, 4)
    assert result.grade == "示范"
    assert result.shortfalls == []


# -- veto ---------------------------------------------------------------------


def veto_pack() -> Any:
    return make_pack(
        {"id": "v", "points": 2, "kind": "yes_no", "veto": True},
        {"id": "w", "points": 98, "kind": "yes_no"},
    )


def test_failed_veto_fails_the_unit_whatever_its_total() -> None:
    result = score(veto_pack(), make_answers({"v": False, "w": True}))
    assert result.total == 98
    assert result.veto_failed == ["v"]
    assert result.grade == "未达标"


def test_passed_veto_leaves_the_grade_to_the_total() -> None:
    result = score(veto_pack(), make_answers({"v": True, "w": True}))
    assert result.veto_failed == []
    assert result.grade == "示范"


def test_unanswered_veto_item_cannot_be_graded_demonstration() -> None:
    # README: a veto item below full points fails the unit; unanswered earns nothing.
    result = score(veto_pack(), make_answers({"w": True}))
    assert result.total == 98
    assert result.unanswered == ["v"]
    assert result.veto_failed == ["v"]
    assert result.grade == "未达标"


def test_veto_with_partial_credit_below_full_points_fails() -> None:
    pack = make_pack(
        {"id": "v", "points": 2, "kind": "level", "veto": True},
        {"id": "w", "points": 98, "kind": "yes_no"},
    )
    result = score(pack, make_answers({"v": "基本达到", "w": True}))
    assert result.veto_failed == ["v"]
    assert result.grade == "未达标"


# -- conditions ---------------------------------------------------------------


def women_pack() -> Any:
    return make_pack(
        {"id": "base", "points": 9, "kind": "yes_no"},
        {
            "id": "nzw",
            "points": 1,
            "kind": "yes_no",
            "when": {"profile": "women_members", "at_least": 10},
        },
    )


def test_profile_condition_false_takes_the_item_out_of_the_maximum() -> None:
    result = score(women_pack(), make_answers({"base": True}, profile={"women_members": 9}))
    assert result.items["nzw"].status is Status.INACTIVE
    assert result.raw_max == 9
    assert result.total == 10  # 9 of 9 applicable points on a 10-point scale
    assert result.unanswered == []


def test_profile_condition_true_asks_for_the_item() -> None:
    result = score(women_pack(), make_answers({"base": True}, profile={"women_members": 10}))
    assert result.items["nzw"].status is Status.UNANSWERED
    assert result.unanswered == ["nzw"]
    assert result.total == 9


def test_profile_condition_with_the_figure_missing_does_not_apply() -> None:
    result = score(women_pack(), make_answers({"base": True}))
    assert result.items["nzw"].status is Status.INACTIVE


def test_inactive_item_keeps_no_points_from_an_old_answer() -> None:
    answers = make_answers({"base": False, "nzw": True}, profile={"women_members": 3})
    result = score(women_pack(), answers)
    assert result.items["nzw"].status is Status.INACTIVE
    assert result.total == 0


def chained_pack(unmet: str | None = "not_applicable") -> Any:
    """A service centre (has), what it offers (kinds), counselling sessions (psy) and
    whether they are well used (busy), each asked only when the one before allows;
    `unmet` is what an unmet condition makes of them (None: the standard's default)."""
    when_unmet = {"when_unmet": unmet} if unmet else {}
    return make_pack(
        {"id": "has", "points": 2, "kind": "yes_no"},
        {
            "id": "kinds",
            "points": 4,
            "kind": "multi_choice",
            "options": [{"label": "心理咨询", "points": 2}, {"label": "母婴室", "points": 2}],
            "when": {"item": "has", "is": True},
            **when_unmet,
        },
        {
            "id": "psy",
            "points": 4,
            "kind": "count",
            "each": 1,
            "when": {"item": "kinds", "includes": "心理咨询"},
            **when_unmet,
        },
        {
            "id": "busy",
            "points": 2,
            "kind": "yes_no",
            "when": {"item": "psy", "at_least": 3},
            **when_unmet,
        },
    )


def test_lacking_what_items_are_about_counts_them_at_zero_by_default() -> None:
    # A unit with no service centre cannot score above one with a weak centre: the
    # items about the centre count at 0 (不得分), not 不适用.
    pack = chained_pack(unmet=None)
    without = score(pack, make_answers({"has": False}))
    assert [without.items[i].status for i in ("kinds", "psy", "busy")] == [Status.ABSENT] * 3
    assert (without.raw, without.raw_max) == (0, 2 + 4 + 4 + 2)
    weak = score(pack, make_answers({"has": True, "kinds": ["母婴室"]}))
    # has 2 + kinds 2 (of 4); psy and busy absent for want of counselling: 0 of 6.
    assert (weak.raw, weak.raw_max) == (4, 12)
    assert weak.total > without.total


def test_chained_conditions_follow_the_whole_chain() -> None:
    pack = chained_pack()
    full = make_answers({"has": True, "kinds": ["心理咨询"], "psy": 3, "busy": True})
    result = score(pack, full)
    assert [result.items[i].status for i in ("kinds", "psy", "busy")] == [Status.ANSWERED] * 3
    assert result.raw == 2 + 2 + 3 + 2

    # "has" turns false: everything downstream drops out, though the old answers remain.
    result = score(
        pack, make_answers({"has": False, "kinds": ["心理咨询"], "psy": 3, "busy": True})
    )
    assert [result.items[i].status for i in ("kinds", "psy", "busy")] == [Status.INACTIVE] * 3
    assert (result.raw, result.raw_max) == (0, 2)

    # A middle link fails: only the items after it drop out.
    result = score(pack, make_answers({"has": True, "kinds": ["母婴室"], "psy": 3, "busy": True}))
    assert result.items["kinds"].status is Status.ANSWERED
    assert result.items["psy"].status is Status.INACTIVE
    assert result.items["busy"].status is Status.INACTIVE
    assert result.raw_max == 6


def test_an_item_waiting_on_a_blank_condition_says_what_is_blank() -> None:
    # It does not apply yet, but the report must not say its condition failed.
    pack = chained_pack()
    result = score(pack, make_answers({}))
    assert [result.items[i].status for i in ("kinds", "psy", "busy")] == [Status.INACTIVE] * 3
    assert [result.items[i].hint for i in ("kinds", "psy", "busy")] == ["条目 has 未填写"] * 3

    # Answered: what follows is decided, whether it applies or not.
    result = score(pack, make_answers({"has": False}))
    assert [result.items[i].hint for i in ("kinds", "psy", "busy")] == ["", "", ""]
    result = score(pack, make_answers({"has": True}))
    assert result.items["kinds"].status is Status.UNANSWERED
    assert result.items["psy"].hint == "条目 kinds 未填写"
    result = score(pack, make_answers(na={"has": "本单位未建"}))
    assert result.items["kinds"].hint == ""

    women = make_pack(
        {
            "id": "y",
            "points": 1,
            "kind": "yes_no",
            "when": {"profile": "women_members", "at_least": 10},
        }
    )
    assert score(women, make_answers({})).items["y"].hint == "女会员人数未填写"
    assert score(women, make_answers(profile={"women_members": 3})).items["y"].hint == ""


def test_condition_on_a_number_uses_at_least_and_at_most() -> None:
    pack = make_pack(
        {"id": "n", "points": 5, "kind": "count", "each": 1},
        {"id": "few", "points": 1, "kind": "yes_no", "when": {"item": "n", "at_most": 2}},
    )
    assert score(pack, make_answers({"n": 2})).items["few"].status is Status.UNANSWERED
    assert score(pack, make_answers({"n": 3})).items["few"].status is Status.ABSENT
    assert score(pack, make_answers({})).items["few"].status is Status.ABSENT


def test_condition_on_a_choice_label_and_on_no() -> None:
    pack = make_pack(
        CHOICE,
        {"id": "once", "points": 1, "kind": "yes_no", "when": {"item": "q", "is": "一次"}},
        {"id": "none", "points": 1, "kind": "yes_no", "when": {"item": "once", "is": False}},
    )
    result = score(pack, make_answers({"q": "一次", "once": False}))
    assert result.items["once"].status is Status.ANSWERED
    assert result.items["none"].status is Status.UNANSWERED
    result = score(pack, make_answers({"q": "两次及以上", "once": False}))
    assert result.items["once"].status is Status.ABSENT
    assert result.items["none"].status is Status.ABSENT


# -- not applicable -----------------------------------------------------------


def na_pack(rule: str) -> Any:
    return make_pack(
        {"id": "a1", "points": 6, "kind": "yes_no"},
        {"id": "a2", "points": 4, "kind": "yes_no", "allow_na": True},
        not_applicable=rule,
        total=10,
        pass_=6,
        demonstration=9,
    )


def test_renormalize_rescales_applicable_points_to_the_total() -> None:
    result = score(
        na_pack("renormalize"), make_answers({"a1": True}, na={"a2": "本单位无下属单位"})
    )
    assert result.items["a2"].status is Status.NOT_APPLICABLE
    assert (result.raw, result.raw_max, result.total) == (6, 6, 10)
    assert result.areas[0].max == 6
    assert result.grade == "示范"


def test_renormalize_with_partial_score() -> None:
    pack = make_pack(
        {"id": "a1", "points": 6, "kind": "yes_no"},
        {"id": "a2", "points": 3, "kind": "yes_no"},
        {"id": "a3", "points": 1, "kind": "yes_no", "allow_na": True},
        total=10,
        pass_=6,
        demonstration=9,
    )
    result = score(pack, make_answers({"a1": True, "a2": False}, na={"a3": "无"}))
    assert result.total == 6.7  # 6 / 9 × 10 = 6.67, kept with one decimal
    assert result.grade == "达标"


def test_count_as_met_gives_full_points_for_not_applicable() -> None:
    result = score(
        na_pack("count_as_met"), make_answers({"a1": False}, na={"a2": "本单位无下属单位"})
    )
    assert (result.raw, result.raw_max, result.total) == (4, 10, 4)
    assert result.grade == "未达标"


def test_count_as_met_counts_inactive_items_as_met() -> None:
    pack = make_pack(
        {"id": "a1", "points": 9, "kind": "yes_no"},
        {
            "id": "a2",
            "points": 1,
            "kind": "yes_no",
            "when": {"profile": "women_members", "at_least": 10},
        },
        not_applicable="count_as_met",
    )
    result = score(pack, make_answers({"a1": True}, profile={"women_members": 2}))
    assert (result.total, result.max) == (10, 10)


def test_not_applicable_without_a_reason_counts_as_unanswered() -> None:
    for rule in ("renormalize", "count_as_met"):
        result = score(na_pack(rule), make_answers({"a1": True}, na={"a2": ""}))
        assert result.items["a2"].status is Status.UNANSWERED
        assert result.items["a2"].hint == "选择不适用须写明理由"
        assert result.unanswered == ["a2"]
        assert result.total == 6


def test_not_applicable_on_an_item_that_does_not_allow_it_needs_review() -> None:
    result = score(na_pack("renormalize"), make_answers({"a2": True}, na={"a1": "我们觉得不适用"}))
    assert result.items["a1"].status is Status.REVIEW
    assert result.items["a1"].hint == "本条目不允许选择不适用"
    assert result.review == ["a1"]
    assert (result.raw_max, result.total) == (10, 4)


# -- grade, shortfalls, unanswered --------------------------------------------


@pytest.mark.parametrize(
    ("yes", "grade"),
    [
        (["p80", "p10", "p5", "p5b"], "示范"),
        (["p80", "p10"], "示范"),  # exactly 90
        (["p80", "p5"], "达标"),
        (["p80"], "达标"),  # exactly 80
        (["p10", "p5", "p5b"], "未达标"),
    ],
)
def test_grade_thresholds_include_the_line(yes: list[str], grade: str) -> None:
    pack = make_pack(
        {"id": "p80", "points": 80, "kind": "yes_no"},
        {"id": "p10", "points": 10, "kind": "yes_no"},
        {"id": "p5", "points": 5, "kind": "yes_no"},
        {"id": "p5b", "points": 5, "kind": "yes_no"},
        pass_=80,
        demonstration=90,
    )
    result = score(pack, make_answers(dict.fromkeys(yes, True)))
    assert result.grade == grade


@pytest.mark.parametrize(
    ("earned", "printed", "grade"),
    [
        (22.49, "90.0", "示范"),  # 22.49 / 25 × 100 = 89.96: written 90.0, so 示范
        (22.48, "89.9", "达标"),  # 89.92: written 89.9
    ],
)
def test_the_grade_is_judged_on_the_total_as_written(
    earned: float, printed: str, grade: str
) -> None:
    # A scorer of the paper sheet writes the total with the standard's decimals (one
    # by default) and grades what is written; the app, `score` and the report say
    # the same total and the same grade.
    pack = make_pack(
        {"id": "a1", "points": earned, "kind": "yes_no"},
        {"id": "a2", "points": 25 - earned, "kind": "yes_no"},
        {"id": "a3", "points": 75, "kind": "yes_no", "allow_na": True},
        pass_=80,
        demonstration=90,
    )
    result = score(pack, make_answers({"a1": True, "a2": False}, na={"a3": "本单位无此项"}))
    assert (result.total_text, result.grade) == (printed, grade)
    assert f"总分：{printed} / 100" in score_table(result, make_answers())


def test_shortfalls_list_veto_items_first_then_in_standard_order() -> None:
    pack = make_pack(
        {"id": "s1", "points": 4, "kind": "level"},
        {"id": "s2", "points": 2, "kind": "yes_no"},
        {"id": "s3", "points": 3, "kind": "yes_no", "veto": True},
        {"id": "s4", "points": 1, "kind": "yes_no"},
        {"id": "s5", "points": 2, "kind": "yes_no"},
    )
    result = score(pack, make_answers({"s1": "基本达到", "s2": False, "s3": False, "s4": True}))
    assert [(s.item_id, s.veto) for s in result.shortfalls] == [
        ("s3", True),
        ("s1", False),
        ("s2", False),
    ]
    gaps = {s.item_id: s.gap for s in result.shortfalls}
    assert gaps == pytest.approx({"s3": 3, "s1": 0.8, "s2": 2})
    assert result.unanswered == ["s5"]


def test_unanswered_lists_items_in_standard_order_and_ignores_inactive_ones() -> None:
    pack = make_pack(
        areas={
            "x": [
                {"id": "x1", "points": 1, "kind": "yes_no"},
                {"id": "x2", "kind": "text"},
            ],
            "y": [
                {"id": "y1", "points": 1, "kind": "yes_no", "when": {"item": "x1", "is": True}},
                {"id": "y2", "points": 1, "kind": "level"},
            ],
        }
    )
    result = score(pack, make_answers({"x1": False}))
    assert result.unanswered == ["x2", "y2"]
    result = score(pack, make_answers({"x1": True, "x2": "已说明"}))
    assert result.unanswered == ["y1", "y2"]


def test_area_subtotals_add_up_to_the_total() -> None:
    pack = make_pack(
        areas={
            "x": [
                {"id": "x1", "points": 30, "kind": "yes_no"},
                {"id": "x2", "points": 20, "kind": "level"},
            ],
            "y": [{"id": "y1", "points": 50, "kind": "count", "each": 10}],
        }
    )
    result = score(pack, make_answers({"x1": True, "x2": "部分达到", "y1": 3}))
    assert [(a.id, a.score, a.max) for a in result.areas] == [("x", 40, 50), ("y", 30, 50)]
    assert result.total == 70
    assert result.indicators["x-1"].score == 40


def test_empty_answers_score_zero_and_list_every_item() -> None:
    pack = veto_pack()
    result = score(pack, Answers(profile=Profile(assessed_on=dt.date(2026, 11, 24))))
    assert result.total == 0
    assert result.unanswered == ["v", "w"]
    assert result.grade == "未达标"


def test_answer_with_only_a_note_is_still_unanswered() -> None:
    pack = veto_pack()
    answers = make_answers({"w": True})
    answers.answers["v"] = ItemAnswer(note="材料还在整理")
    assert "v" in score(pack, answers).unanswered


def test_an_option_that_does_not_apply_is_neither_offered_counted_nor_said() -> None:
    # 配套组织: 经审会 always, 女职委 only with 10 women members or more.
    pack = make_pack(
        {
            "id": "org",
            "points": 4,
            "kind": "multi_choice",
            "options": [
                {"label": "经审会", "points": 2},
                {
                    "label": "女职委",
                    "points": 2,
                    "when": {"profile": "women_members", "at_least": 10},
                },
            ],
        },
        {
            "id": "set",
            "points": 2,
            "kind": "deductions",
            "options": [
                {"label": "经审会", "deduct": 1},
                {
                    "label": "女职委",
                    "deduct": 1,
                    "when": {"profile": "women_members", "at_least": 10},
                },
            ],
        },
    )
    few = {"women_members": 6}
    # Few women: 经审会 alone is all the unit can have; it earns the item's 4 points.
    result = score(pack, make_answers({"org": ["经审会"], "set": ["经审会"]}, profile=few))
    assert (result.items["org"].score, result.items["set"].score) == (4, 2)
    # A tick kept from before on the option that does not apply changes nothing.
    kept = make_answers({"org": ["经审会", "女职委"], "set": []}, profile=few)
    result = score(pack, kept)
    assert (result.items["org"].score, result.items["set"].score) == (4, 1)
    # With 12 women the committee is expected: lacking it costs points.
    many = {"women_members": 12}
    result = score(pack, make_answers({"org": ["经审会"], "set": ["经审会"]}, profile=many))
    assert (result.items["org"].score, result.items["set"].score) == (2, 1)


def test_a_compound_item_needs_every_part_or_scores_each_part_as_the_sheet_says() -> None:
    parts = [{"label": "履约满意率90%以上"}, {"label": "签订率95%以上"}]
    pack = make_pack(
        {"id": "whole", "points": 6, "kind": "all_of", "parts": parts, "veto": True},
        {
            "id": "each",
            "points": 4,
            "kind": "all_of",
            "all_required": False,
            "parts": [{**parts[0], "points": 3}, {**parts[1], "points": 1}],
        },
    )
    both = ["履约满意率90%以上", "签订率95%以上"]
    result = score(pack, make_answers({"whole": both, "each": both}))
    assert (result.items["whole"].score, result.items["each"].score) == (6, 4)
    assert not result.veto_failed
    # One part short: the whole-or-nothing item earns nothing and, 必备, fails the unit;
    # the other earns the part that is met.
    one = ["履约满意率90%以上"]
    result = score(pack, make_answers({"whole": one, "each": one}))
    assert (result.items["whole"].score, result.items["each"].score) == (0, 3)
    assert result.veto_failed == ["whole"]
    assert pack.items["whole"].words(one) == "未达到：签订率95%以上"
