"""The 温州市2003年度 “先进职工之家” sheet transcribed into criteria/ and its example answers.

The example is scored by hand here, item by item, as a careful human scorer of the
paper sheet would; the program must reach the same total and the sheet's grade name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.answers import read_answers
from checklist.answers.model import Answers, ItemAnswer
from checklist.cli import main
from checklist.criteria import Pack, load_standard
from checklist.scoring import score
from tests.support.builders import ROOT

NAME = "wenzhou-xianjin-2003"


def sheet() -> Pack:
    return load_standard(ROOT / "criteria" / f"{NAME}.toml")


def example() -> Answers:
    return read_answers(ROOT / "examples" / f"{NAME}.answers.toml")


def with_answer(answers: Answers, item_id: str, value: str) -> Answers:
    new = answers.model_copy(deep=True)
    new.answers[item_id] = ItemAnswer(value=value)
    return new


# -- the sheet validates and keeps its own shape ------------------------------


def test_the_sheet_validates_as_an_excerpt_of_its_one_complete_area(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    assert main(["validate", f"criteria/{NAME}.toml"]) == 0
    assert (
        f"criteria/{NAME}.toml：有效。"
        "温州市2003年度非公有制企业工会“先进职工之家”考核表（节选）（2003年度），"
        "1 个一级指标，4 个条目，总分 35"
    ) in capsys.readouterr().out
    pack = sheet()
    assert pack.info.id == NAME
    # The one complete area: its printed 35 points are the excerpt's total.
    [area] = pack.areas
    assert (area.title, area.points, pack.info.total) == ("□个规范", 35, 35)
    assert area.two_levels
    # Printed 标准分 of 组织建设、制度建设、档案管理、经费管理规范: 10 + 5 + 5 + 15 = 35.
    assert [(item.id, item.points) for item in area.items()] == [
        ("gf-1", 10),
        ("gf-2", 5),
        ("gf-3", 5),
        ("gf-4", 15),
    ]
    assert pack.info.numbering == "per_area"
    assert pack.info.review == []
    assert not any(item.veto for item in pack.items.values())
    # The example was answered against exactly this file (no stale fingerprint).
    assert example().stamp.fingerprint == pack.fingerprint


def test_the_sheet_names_its_grade_and_columns_as_printed() -> None:
    info = sheet().info
    # 先进职工之家 is the sheet's own name; 28 (80% of 35) and 未达标 are the
    # transcriber's assumptions, stated in the file's header.
    assert [(g.name, g.at_least) for g in info.grades] == [("先进职工之家", 28)]
    assert info.fail == "未达标"
    # 项目 | 考核内容 | 标准分 | 考核得分 as printed; 自评分 added for the self-assessment.
    assert [(c.show, c.name) for c in info.columns] == [
        ("number", "项目"),
        ("content", "考核内容"),
        ("points", "标准分"),
        ("self_score", "自评分"),
        ("inspected", "考核得分"),
    ]


def test_each_item_is_judged_in_whole_points_from_its_标准分_down_to_0() -> None:
    # The sheet prints no scoring rule: the scorer gives 0 … 标准分; but for the
    # compound gf-1, read as all four requirements at once (header, point 4).
    items = sheet().items
    for item in items.values():
        if item.id != "gf-1":
            assert [o.points for o in item.options] == list(range(int(item.points), -1, -1))
    assert items["gf-1"].kind == "all_of"


def test_the_unreadable_passage_is_marked_not_filled_in() -> None:
    text = sheet().items["gf-3"].text
    assert "〔此处原网页为乱码，无法辨认〕合理化建议薄" in text
    assert text.startswith("档案管理规范。建有“七薄、三档、三册”台帐。")


# -- the example, scored by hand ----------------------------------------------


def test_the_example_scores_30_of_35_先进职工之家() -> None:
    result = score(sheet(), example())
    # gf-1 组织建设规范: 选举民主、经审会和女职委健全，入会率 138 ÷ 150 = 92.0% ≥ 90%
    #      → 10 of 10
    # gf-2 制度建设规范: “推优”制度未成文 → 4 of 5
    # gf-3 档案管理规范: 无职工来信来访登记薄，报表迟报 → 3 of 5
    # gf-4 经费管理规范: 第一季度经费迟至第二季度上解 → 13 of 15
    # 10 + 4 + 3 + 13 = 30 ≥ 28 → 先进职工之家
    assert {id_: s.score for id_, s in result.items.items()} == {
        "gf-1": 10,
        "gf-2": 4,
        "gf-3": 3,
        "gf-4": 13,
    }
    assert [(a.score, a.max) for a in result.areas] == [(30, 35)]
    assert (result.total, result.max, result.grade) == (30, 35, "先进职工之家")
    assert result.unanswered == []
    assert result.veto_failed == []


def test_checklist_score_prints_the_example_total_and_the_sheets_grade_name(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    assert main(["score", f"examples/{NAME}.answers.toml"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "单位：温州××鞋业有限公司工会" in lines
    assert "总分：30.0 / 35" in lines  # one decimal, the default, as the report prints it
    assert "等次：先进职工之家" in lines


@pytest.mark.parametrize(
    ("gf_4", "total", "grade"),
    [
        # 10 + 4 + 3 + 15 = 32
        ("15分", 32, "先进职工之家"),
        # 10 + 4 + 3 + 11 = 28: exactly the line → 先进职工之家
        ("11分", 28, "先进职工之家"),
        # 10 + 4 + 3 + 10 = 27 < 28 → 未达标
        ("10分", 27, "未达标"),
        # 10 + 4 + 3 + 0 = 17
        ("0分", 17, "未达标"),
    ],
)
def test_the_grade_follows_the_total_against_the_line(gf_4: str, total: float, grade: str) -> None:
    result = score(sheet(), with_answer(example(), "gf-4", gf_4))
    assert (result.total, result.grade) == (total, grade)
