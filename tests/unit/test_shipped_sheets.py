"""The public scoring sheets transcribed into criteria/ and their example answers.

Each example is scored by hand here, item by item, as a careful human scorer of the
paper sheet would; the program must reach the same total and grade.
"""

from __future__ import annotations

from typing import Any

import pytest

from checklist.answers import read_answers
from checklist.answers.model import Answers, ItemAnswer
from checklist.criteria import Pack, load_standard
from checklist.criteria.kinds import Facts
from checklist.scoring import Score, condition_holds, judged_on, score
from tests.support.builders import ROOT

SHEETS = ("jiguan-hege-dabiao", "quzhou-hege", "fujian-mofan-2012")


def sheet(name: str) -> Pack:
    return load_standard(ROOT / "criteria" / f"{name}.toml")


def example(name: str) -> Answers:
    return read_answers(ROOT / "examples" / f"{name}.answers.toml")


def changed(answers: Answers, profile: dict[str, Any] | None = None, **values: Any) -> Answers:
    """The answers with some profile figures and item values replaced."""
    new = answers.model_copy(deep=True)
    new.profile = new.profile.model_copy(update=profile or {})
    for item_id, value in values.items():
        new.answers[item_id.replace("_", "-")] = ItemAnswer(value=value)
    return new


def result_words(pack: Pack, answers: Answers, item_id: str) -> str:
    """An answer in words, as the report prints it for this unit."""
    item = pack.items[item_id]
    answer = answers.answer(item_id)
    assert answer is not None and answer.value is not None
    facts = Facts(judged_on(answers), answers.profile, lambda c: condition_holds(pack, answers, c))
    return item.words(answer.value, facts)


def points(result: Score) -> dict[str, float]:
    return {id_: s.score for id_, s in result.items.items()}


# -- each sheet validates and keeps the sheet's own shape ---------------------


@pytest.mark.parametrize("name", SHEETS)
def test_each_sheet_validates_with_its_own_id_and_its_areas_items_directly(name: str) -> None:
    pack = sheet(name)
    assert pack.info.id == name
    assert "节选" in pack.info.title
    assert all(area.two_levels for area in pack.areas)
    assert pack.info.total == sum(area.points for area in pack.areas)
    assert pack.info.numbering == "per_area"
    assert pack.info.review == []
    # The example was answered against exactly this file (no stale fingerprint).
    assert example(name).stamp.fingerprint == pack.fingerprint


def test_the_organs_sheet_has_its_printed_columns_grade_and_report_title() -> None:
    info = sheet("jiguan-hege-dabiao").info
    assert [c.name for c in info.columns] == [
        "次序",
        "验收标准",
        "工作情况和数字说明",
        "应得分",
        "自评分",
        "验收分",
    ]
    assert [(g.name, g.at_least) for g in info.grades] == [("合格", 16.8)]
    assert info.fail == "不合格"
    assert info.report_title == "机关、事业工会合格“职工之家”达标验收自评报告"


def test_the_organs_sheet_asks_the_figures_its_brackets_ask() -> None:
    items = sheet("jiguan-hege-dabiao").items

    def figures(item_id: str) -> list[tuple[str, str]]:
        return [(f.name, f.type_words) for f in items[item_id].figures]

    assert figures("zzjq-1") == [
        ("大会召开时间", "文字"),
        ("代表人数", "整数"),
        ("到会人数", "整数"),
        ("选举结果", "文字"),
    ]
    # 建小家活动率 is computed from the two counts the unit types, and scored.
    assert figures("zzjq-8") == [
        ("应建小家科室、班组数", "整数"),
        ("开展建小家活动数", "整数"),
        ("建小家活动率", "比率"),
    ]
    assert items["zzjq-8"].own_figure == "建小家活动率"
    # 入会率's figures (职工数、会员数) come from 单位基本情况, never asked again.
    assert [f.asked for f in items["zzjq-7"].figures] == [False, False, False]
    assert items["zzjq-7"].own_figure == "入会率"


def test_the_quzhou_sheet_names_its_columns_as_printed() -> None:
    info = sheet("quzhou-hege").info
    assert [c.name for c in info.columns] == [
        "项目",
        "考核内容",
        "标准分数",
        "自检分数",
        "考核分数",
    ]
    assert [(g.name, g.at_least) for g in info.grades] == [("合格", 28.8)]
    assert info.fail == "不合格"


def test_the_fujian_sheet_keeps_its_printed_numbers_and_marks_its_必备_items() -> None:
    pack = sheet("fujian-mofan-2012")
    assert pack.info.veto_word == "必备"
    assert [(g.name, g.at_least) for g in pack.info.grades] == [("模范", 24)]
    # The sheet's numbering jumps from 3 to 5; the printed numbers stay in the ids.
    assert [item.id for item in pack.areas[0].items()] == ["gj-1", "gj-2", "gj-3", "gj-5", "gj-6"]
    assert [item.id for item in pack.items.values() if item.veto] == ["gj-1", "gj-6", "wq-1"]


# -- each example, scored by hand ---------------------------------------------


def test_the_organs_example_scores_17_of_21_合格() -> None:
    result = score(sheet("jiguan-hege-dabiao"), example("jiguan-hege-dabiao"))
    # zzjq-1: 选举产生、分工明确 → 3 of 3
    # zzjq-2: 主席、副主席、专干配齐 → 3 of 3
    # zzjq-3: 主席持证，专干未培训 → 1 of 2
    # zzjq-4: 四个委员会健全 → 2 of 2
    # zzjq-5: 举例两件 → 2 of 2
    # zzjq-6: 第一、二、四季度开会，三个季度 × 1 → 3 of 4
    # zzjq-7: 入会率 83 ÷ 86 = 96.5% ≥ 95% → 2 of 2
    # zzjq-8: 建小家活动率 7 ÷ 8 = 87.5% < 90% → 0 of 2
    # zzjq-9: 已领法人资格证 → 1 of 1
    # 3 + 3 + 1 + 2 + 2 + 3 + 2 + 0 + 1 = 17 ≥ 16.8 → 合格
    assert points(result) == {
        "zzjq-1": 3,
        "zzjq-2": 3,
        "zzjq-3": 1,
        "zzjq-4": 2,
        "zzjq-5": 2,
        "zzjq-6": 3,
        "zzjq-7": 2,
        "zzjq-8": 0,
        "zzjq-9": 1,
    }
    assert (result.total, result.max, result.grade) == (17, 21, "合格")
    assert result.unanswered == []


def test_the_quzhou_example_scores_32_of_36_合格() -> None:
    result = score(sheet("quzhou-hege"), example("quzhou-hege"))
    # 一、组织健全
    # zzjq-1: 按期换届、分工明确 → 4 of 4
    # zzjq-2: 缺劳动保护监督检查委员会 -1；女会员 8 名 < 10，女职委不要求、不扣 → 3 of 4
    # zzjq-3: 台帐资料不全 → 3 of 4
    # zzjq-4: → 3 of 3
    # zzjq-5: 入会率 60 ÷ 64 = 93.8% ≥ 90%，资料齐全 → 3 of 3
    # 4 + 3 + 3 + 3 + 3 = 16 of 18
    # 二、制度完善
    # zdws-1: 4 of 4; zdws-2: 厂务公开制度未成文 → 3 of 4; zdws-3: 4 of 4;
    # zdws-4: 3 of 3; zdws-5: 财务制度未修订、经审制度未成文 → 2 of 3
    # 4 + 3 + 4 + 3 + 2 = 16 of 18
    # 16 + 16 = 32 ≥ 28.8 → 合格
    assert [(a.score, a.max) for a in result.areas] == [(16, 18), (16, 18)]
    assert result.items["zzjq-2"].score == 3
    assert (result.total, result.max, result.grade) == (32, 36, "合格")
    assert result.unanswered == []


def test_the_fujian_example_scores_27_of_30_模范() -> None:
    result = score(sheet("fujian-mofan-2012"), example("fujian-mofan-2012"))
    # 一: gj-1 (必备) 3 of 3; gj-2 缺检查、汇报 → 1 of 2; gj-3 3 of 3;
    #     gj-5 建家经费未列预算 → 1 of 2; gj-6 (必备) 5 of 5
    #     3 + 1 + 3 + 1 + 5 = 13 of 15
    # 二: wq-1 (必备) 满意率 94%、签订率 100% → 6 of 6; wq-2 3 of 3;
    #     wq-3 补充医疗保险未落实 → 3 of 4; wq-4 2 of 2
    #     6 + 3 + 3 + 2 = 14 of 15
    # 13 + 14 = 27 ≥ 24, every 必备 item at full points → 模范
    assert [(a.score, a.max) for a in result.areas] == [(13, 15), (14, 15)]
    assert (result.total, result.max, result.grade) == (27, 30, "模范")
    assert result.veto_failed == []


# -- the format features the sheets use ---------------------------------------


def test_a_必备_item_short_of_full_points_fails_the_grade_whatever_the_total() -> None:
    pack = sheet("fujian-mofan-2012")
    # gj-6 行政拨缴经费 (必备) 4 of 5 instead of 5: 27 - 1 = 26, still ≥ 24, but a
    # 必备 item not met → the sheet's grade is not awarded.
    result = score(pack, changed(example("fujian-mofan-2012"), gj_6="4分"))
    assert result.total == 26
    assert result.veto_not_met == ["gj-6"]
    assert result.grade == "未达标"
    assert result.failed


def test_the_women_committee_is_not_deducted_where_fewer_than_10_women_members() -> None:
    pack = sheet("quzhou-hege")
    answers = example("quzhou-hege")
    # 8 女会员: only 劳动保护监督检查委员会 is missing → 4 - 1 = 3 (the example).
    assert score(pack, answers).items["zzjq-2"].score == 3
    # 12 女会员: the 女职委 is now required and missing too → 4 - 1 - 1 = 2; total 31.
    more_women = score(pack, changed(answers, {"women_members": 12}))
    assert more_women.items["zzjq-2"].score == 2
    assert more_women.total == 31
    # Exactly 10 is "10名以上" → required.
    assert score(pack, changed(answers, {"women_members": 10})).items["zzjq-2"].score == 2


def test_having_fewer_women_members_never_scores_above_having_the_committee() -> None:
    pack = sheet("quzhou-hege")
    answers = example("quzhou-hege")
    four = ["经费审查委员会", "劳动法律监督委员会", "劳动保护监督检查委员会", "劳动争议调解委员会"]
    # 8 女会员 and the four other bodies: 4 of 4, no more than a unit with 12 女会员
    # and all five bodies gets.
    few = score(pack, changed(answers, zzjq_2=four)).items["zzjq-2"]
    many = score(
        pack, changed(answers, {"women_members": 12}, zzjq_2=[*four, "工会女职工委员会"])
    ).items["zzjq-2"]
    assert few.score == many.score == 4
    # And the 8-women unit is not asked about the committee: its words list nothing missing.
    assert "女职工委员会" not in result_words(pack, changed(answers, zzjq_2=four), "zzjq-2")


@pytest.mark.parametrize(
    ("quarters", "expected"),
    [(0, 0), (1, 1), (3, 3), (4, 4), (6, 4)],
)
def test_meetings_count_one_point_a_quarter_up_to_4(quarters: int, expected: float) -> None:
    # zzjq-6 "坚持每季召开工会班子会议（学习）1次以上，每次1分" (4分)
    result = score(
        sheet("jiguan-hege-dabiao"), changed(example("jiguan-hege-dabiao"), zzjq_6=quarters)
    )
    assert result.items["zzjq-6"].score == expected


@pytest.mark.parametrize(
    ("members", "expected"),
    # 86 职工: 81 ÷ 86 = 94.2% < 95% → 0; 82 ÷ 86 = 95.3% → 2; 86 ÷ 86 = 100% → 2.
    [(81, 0), (82, 2), (86, 2)],
)
def test_membership_rate_is_taken_from_the_profile_against_95_percent(
    members: int, expected: float
) -> None:
    result = score(
        sheet("jiguan-hege-dabiao"), changed(example("jiguan-hege-dabiao"), {"members": members})
    )
    assert result.items["zzjq-7"].score == expected
