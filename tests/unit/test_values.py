"""What a person types, turned into answer values, and answers described in words."""

from __future__ import annotations

import datetime as dt

import pytest

from checklist.answers.model import ItemAnswer, Profile
from checklist.answers.values import describe
from checklist.formats import format_date, parse_date, parse_number
from tests.support.builders import make_pack


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-24",
        "2026年11月24日",
        "2026/11/24",
        "2026.11.24",
        " 2026 年 11 月 24 日 ",
        "2026-11-24",
    ],
)
def test_parse_date_accepts_the_usual_ways_of_writing_a_date(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 11, 24)


def test_parse_date_without_leading_zeros() -> None:
    assert parse_date("2026年3月8日") == dt.date(2026, 3, 8)
    assert parse_date("2026-3-8") == dt.date(2026, 3, 8)


def test_parse_date_rejects_a_day_that_does_not_exist() -> None:
    with pytest.raises(ValueError) as caught:
        parse_date("2026-02-30")
    assert str(caught.value) == "没有这一天：2026年2月30日"


@pytest.mark.parametrize("text", ["", "明天", "24/11/2026", "2026-11", "20261124"])
def test_parse_date_explains_the_expected_form(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == "日期格式应为 2026-11-24 或 2026年11月24日"


def test_format_date_as_formal_documents_do() -> None:
    assert format_date(dt.date(2026, 3, 8)) == "2026年3月8日"


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), (" 95.5 ", 95.5), ("96%", 96.0), ("９６．５％", 96.5), ("0", 0.0)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_the_largest_number_accepted_keeps_every_digit() -> None:
    assert parse_number("1000000000000") == 1_000_000_000_000
    assert int(parse_number("999999999999")) == 999_999_999_999


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("十二", "请输入数字，例如 12 或 95.5"),
        ("", "请输入数字，例如 12 或 95.5"),
        ("nan", "请输入数字，例如 12 或 95.5"),
        ("inf", "请输入数字，例如 12 或 95.5"),
        ("-3", "不能是负数"),
        # A float would keep it as 99999999999999991611392: refused, not changed.
        ("99999999999999999999999", "数值过大，请输入不超过 1,000,000,000,000 的数"),
    ],
)
def test_parse_number_rejects_what_is_not_a_count(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert str(caught.value) == message


def test_describe_answers_in_words() -> None:
    pack = make_pack(
        {"id": "y", "points": 1, "kind": "yes_no", "allow_na": True},
        {
            "id": "d",
            "points": 2,
            "kind": "deductions",
            "options": [{"label": "制度", "deduct": 1}, {"label": "台账", "deduct": 1}],
        },
        {"id": "n", "points": 1, "kind": "threshold", "min": 95, "unit": "%"},
        {"id": "t", "points": 1, "kind": "date", "max_age_years": 5},
        {
            "id": "r",
            "points": 1,
            "kind": "threshold",
            "min": 95,
            "unit": "%",
            "from_profile": "membership_rate",
        },
    )
    items = pack.items
    assert describe(items["y"], None) == "未填写"
    assert describe(items["y"], ItemAnswer(value=True)) == "是"
    assert describe(items["y"], ItemAnswer(na=True)) == "不适用（未说明理由）"
    assert (
        describe(items["y"], ItemAnswer(na=True, na_reason="无下属单位")) == "不适用（无下属单位）"
    )
    assert describe(items["d"], ItemAnswer(value=["制度"])) == "缺：台账"
    assert describe(items["d"], ItemAnswer(value=["制度", "台账"])) == "全部具备"
    assert describe(items["n"], ItemAnswer(value=96.5)) == "96.5%"
    assert describe(items["t"], ItemAnswer(value=dt.date(2023, 6, 16))) == "2023年6月16日"
    assert describe(items["n"], ItemAnswer(value="很多")) == "需复核：很多"
    # From the profile: the label without its （%）, the unit once after the number.
    assert describe(items["r"], None, figure=97.3) == "入会率 97.3%"


def test_a_percentage_over_100_does_not_fit() -> None:
    pack = make_pack({"id": "n", "points": 1, "kind": "threshold", "min": 90, "unit": "%"})
    assert pack.items["n"].value_problem(150) == "百分比不能超过 100"
    assert pack.items["n"].value_problem(100) is None


def test_profile_figures_that_cannot_all_be_right_are_doubted() -> None:
    assert Profile(staff=120, members=116, women_members=48, activists=30).doubts() == []
    doubted = Profile(
        staff=100,
        members=118,
        women_members=120,
        activists=101,
        last_election=dt.date(2030, 1, 1),
        assessed_on=dt.date(2026, 11, 24),
    )
    assert doubted.doubts() == [
        "会员人数多于职工人数",
        "女会员人数多于会员人数",
        "工会积极分子人数多于职工人数",
        "上次换届日期晚于自评日期",
    ]
