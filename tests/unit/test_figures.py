"""Figures as data: typed figures, figures shown from 基本情况, rates of two figures,
checks across figures, items scored on their own figures, parts decided by a figure,
and an approved postponement of 换届, as the score, `checklist score` and the report
say them. The arithmetic is written out beside each expected score."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from checklist.answers import AnswersStore, read_answers
from checklist.answers.figures import read_figures
from checklist.answers.model import Answers, ItemAnswer, Profile
from checklist.answers.values import describe
from checklist.cli import main
from checklist.criteria import Pack, load_standard
from checklist.report.content import content_of
from checklist.scoring import Status, score
from tests.support.builders import ASSESSED_ON, DATA, ROOT, make_answers, make_pack, sample_copy

NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)


def sheet(name: str) -> Pack:
    return load_standard(ROOT / "criteria" / f"{name}.toml")


def example(name: str) -> Answers:
    return read_answers(ROOT / "examples" / f"{name}.answers.toml")


def with_figures(answers: Answers, item_id: str, **figures: Any) -> Answers:
    """The answers with the item's figures replaced (its value and note kept)."""
    new = answers.model_copy(deep=True)
    answer = new.answers.get(item_id, ItemAnswer())
    new.answers[item_id] = answer.model_copy(update={"figures": figures})
    return new


def detail_rows(pack: Pack, answers: Answers) -> dict[str, Any]:
    content = content_of(pack, answers, fingerprint="X", now=NOW)
    return {r.item_id: r for a in content.details for g in a.groups for r in g.rows}


# A threshold scored on the rate of two figures the unit types (建小家活动率).
HOMES = {
    "id": "a-01",
    "points": 2,
    "kind": "threshold",
    "min": 90,
    "unit": "%",
    "from_figure": "活动率",
    "figures": [
        {"name": "应建数", "type": "integer", "unit": "个"},
        {"name": "开展数", "type": "integer", "unit": "个"},
        {"name": "活动率", "rate": ["开展数", "应建数"]},
    ],
}


@pytest.mark.parametrize(
    ("done", "due", "expected"),
    [
        (7, 8, 0),  # 7 ÷ 8 = 87.5% < 90% → 0
        (9, 10, 2),  # 9 ÷ 10 = 90.0% ≥ 90% → 2
        (17, 19, 0),  # 17 ÷ 19 = 89.47…% < 90%, though printed 89.5% → 0
        (8, 8, 2),  # 8 ÷ 8 = 100% → 2
    ],
)
def test_a_rate_of_two_typed_figures_decides_the_threshold(
    done: int, due: int, expected: float
) -> None:
    pack = make_pack(HOMES)
    answers = make_answers()
    answers.answers["a-01"] = ItemAnswer(figures={"应建数": due, "开展数": done})
    result = score(pack, answers)
    assert result.items["a-01"].status is Status.ANSWERED
    assert result.items["a-01"].score == expected


def test_a_rate_whose_whole_is_zero_is_not_computed_and_says_why() -> None:
    pack = make_pack(HOMES)
    answers = make_answers()
    answers.answers["a-01"] = ItemAnswer(figures={"应建数": 0, "开展数": 0})
    result = score(pack, answers)
    assert result.items["a-01"].status is Status.UNANSWERED
    assert result.items["a-01"].hint == "活动率（开展数÷应建数）：应建数为 0，无法计算"
    [line] = detail_rows(pack, answers)["a-01"].situation[1:2]
    assert line == "应建数：0个；开展数：0个；活动率：—（开展数÷应建数；应建数为 0，无法计算）"


def test_the_shipped_membership_rate_is_computed_from_the_profile_and_scored() -> None:
    pack = sheet("tiaoli")
    # 133 ÷ 142 = 93.66…% < 95% → 0 (the partial sample); 136 ÷ 142 = 95.77…% → 2.
    for members, expected, shown in [(133, 0, "93.7%"), (136, 2, "95.8%")]:
        answers = make_answers(profile={"staff": 142, "members": members})
        item_score = score(pack, answers).items["yfjh-02"]
        assert item_score.score == expected
        assert describe(pack.items["yfjh-02"], None, item_score.figure) == f"入会率 {shown}"
        assert detail_rows(pack, answers)["yfjh-02"].situation[:2] == [
            f"入会率 {shown}",
            f"职工数：142人（取自基本情况）；会员数：{members}人（取自基本情况）；"
            f"入会率：{shown}（会员数÷职工数）",
        ]


def test_the_shipped_activist_share_is_computed_from_the_profile_and_scored_in_steps() -> None:
    pack = sheet("tiaoli")
    # 30 ÷ 142 = 21.13% is 3.87 short of 25%: two started steps of 2% at 0.5 each,
    # 2 - 2 × 0.5 = 1.
    answers = make_answers(profile={"staff": 142, "activists": 30})
    assert score(pack, answers).items["yfjh-08"].score == 1
    # With the staff left blank nothing is computed, and the item says what it waits for.
    blank = score(pack, make_answers(profile={"activists": 30})).items["yfjh-08"]
    assert blank.status is Status.UNANSWERED
    assert blank.hint == "占比（积极分子人数÷职工数）：基本情况中职工人数未填写，无法计算"


def test_profile_figures_are_never_written_to_the_answers_file(tmp_path: Path) -> None:
    pack = sheet("tiaoli")
    path = tmp_path / "unit.toml"
    with AnswersStore.open(path, pack) as store:
        store.set_profile(staff=142, members=133)
        store.set_answer("yfjh-02", note="新入职人员入会手续正在办理")
    text = path.read_text("utf-8")
    assert "职工数" not in text and "入会率" not in text
    assert score(pack, read_answers(path)).items["yfjh-02"].figure == pytest.approx(133 / 142 * 100)


def test_typed_figures_are_stored_as_toml_numbers_and_dates(tmp_path: Path) -> None:
    pack = sheet("tiaoli")
    path = tmp_path / "unit.toml"
    with AnswersStore.open(path, pack) as store:
        store.set_answer("yflz-06", value="完全达到", figures={"受理件数": 9, "办结件数": 7})
        store.set_answer("yfjh-03", figures={"批准延期至": dt.date(2026, 12, 31)})
    text = path.read_text("utf-8")
    assert 'figures = {"受理件数" = 9, "办结件数" = 7}' in text
    assert 'figures = {"批准延期至" = 2026-12-31}' in text
    saved = read_answers(path).answers
    assert saved["yflz-06"].figures == {"受理件数": 9, "办结件数": 7}


# -- checks across figures ------------------------------------------------------


def test_a_broken_figure_check_is_需复核_with_the_figures_and_their_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = sheet("tiaoli")
    before = score(pack, example("sample-complete"))
    assert before.items["yflz-06"].score == 1.6  # 基本达到: 0.8 × 2
    answers = sample_copy(
        tmp_path,
        (
            'figures = {"受理件数" = 9, "办结件数" = 7}',
            'figures = {"受理件数" = 9, "办结件数" = 12}',
        ),
    )
    hint = "办结件数 12件 多于受理件数 9件，请核对"
    after = score(pack, read_answers(answers))
    item = after.items["yflz-06"]
    assert (item.status, item.score, item.hint) == (Status.REVIEW, 0, hint)
    assert after.review == ["yflz-06"]
    # Its area loses the 1.6 it earned, nothing else changes: 12.6 - 1.6 = 11 of 13.
    yflz = next(a for a in after.areas if a.id == "yflz")
    assert (yflz.score, yflz.max) == (11, 13)

    assert main(["score", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "需复核条目（1，按 0 分计）：" in out
    assert f"  yflz-06：{hint}" in out
    assert main(["score", "--json", str(answers)]) == 0
    assert json.loads(capsys.readouterr().out)["review_reasons"] == {"yflz-06": hint}

    content = content_of(pack, read_answers(answers), fingerprint="X", now=NOW)
    [open_item] = content.review
    assert (open_item.item_id, open_item.hint) == ("yflz-06", hint)
    row = detail_rows(pack, read_answers(answers))["yflz-06"]
    assert (row.marker, row.score) == ("需复核", "0")
    assert row.situation[:2] == [hint, "受理件数：9件；办结件数：12件"]


def test_a_check_waits_while_one_of_its_figures_is_blank() -> None:
    pack = sheet("tiaoli")
    answers = with_figures(example("sample-complete"), "yflz-06", 办结件数=12)
    assert score(pack, answers).items["yflz-06"].status is Status.ANSWERED


# -- answers files of before: figures as text ----------------------------------


def test_a_file_with_figures_written_as_text_still_opens_and_scores_the_same(
    tmp_path: Path,
) -> None:
    # The complete sample as saved before figures had types: "6", "97.3%" …
    legacy = DATA / "legacy_figures.answers.toml"
    assert 'figures = {"查找问题数" = "6", "已整改数" = "5"}' in legacy.read_text("utf-8")
    pack = sheet("tiaoli")
    old, new = score(pack, read_answers(legacy)), score(pack, example("sample-complete"))
    assert (old.total, old.grade, old.review) == (new.total, new.grade, []) == (96.3, "示范", [])
    assert {i: s.score for i, s in old.items.items()} == {i: s.score for i, s in new.items.items()}
    # A text that reads as the figure's type counts as it, and is printed with its unit.
    assert detail_rows(pack, read_answers(legacy))["djdgj-09"].situation[1] == (
        "查找问题数：6个；已整改数：5个"
    )
    # The app opens it; saving another change leaves the figures as they were written.
    copy = tmp_path / "legacy.toml"
    copy.write_bytes(legacy.read_bytes())
    with AnswersStore.open(copy, pack) as store:
        store.set_answer("djdgj-09", note="整改已完成五项")
    assert 'figures = {"查找问题数" = "6", "已整改数" = "5"}' in copy.read_text("utf-8")


def test_a_text_that_does_not_read_as_its_type_is_kept_shown_and_needs_review(
    tmp_path: Path,
) -> None:
    pack = sheet("tiaoli")
    path = sample_copy(
        tmp_path,
        (
            'figures = {"查找问题数" = 6, "已整改数" = 5}',
            'figures = {"查找问题数" = "六个", "已整改数" = 5}',
        ),
    )
    item = score(pack, read_answers(path)).items["djdgj-09"]
    hint = "数字说明“查找问题数”填的是“六个”：请输入数字，例如 12"
    assert (item.status, item.score, item.hint) == (Status.REVIEW, 0, hint)
    row = detail_rows(pack, read_answers(path))["djdgj-09"]
    # The report marks it 需复核 and keeps what was typed; the form's objection is not
    # printed in it.
    assert row.marker == "需复核"
    assert row.situation[:2] == ["回答需复核，按 0 分计", "查找问题数：六个；已整改数：5个"]
    # Never lost: another change to the item keeps it as typed.
    with AnswersStore.open(path, pack) as store:
        store.set_answer("djdgj-09", note="待核实")
    assert read_answers(path).answers["djdgj-09"].figures["查找问题数"] == "六个"


# -- parts decided by a figure ---------------------------------------------------


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (60, 3),  # 60 ÷ 64 = 93.75% ≥ 90%, both other parts ticked → 3
        (58, 3),  # 58 ÷ 64 = 90.63% ≥ 90% → 3
        (57, 0),  # 57 ÷ 64 = 89.06% < 90%: the rate part fails, all or nothing → 0
    ],
)
def test_a_part_with_a_line_is_decided_by_its_figure(members: int, expected: float) -> None:
    pack = sheet("quzhou-hege")
    answers = example("quzhou-hege")
    answers.profile = answers.profile.model_copy(update={"members": members})
    assert score(pack, answers).items["zzjq-5"].score == expected


def test_a_part_whose_figure_is_blank_leaves_the_item_unscored_and_says_which() -> None:
    pack = sheet("quzhou-hege")
    answers = example("quzhou-hege")
    answers.profile = answers.profile.model_copy(update={"staff": None})
    item = score(pack, answers).items["zzjq-5"]
    assert item.status is Status.UNANSWERED
    assert item.hint == "数字说明“入会率”还没有数值，无法判断“职工入会率达90%以上”"


def test_a_part_decided_by_a_figure_is_not_offered_to_tick() -> None:
    item = sheet("wenzhou-xianjin-2003").items["gf-1"]
    assert list(item.choices()) == [
        "工会委员会班子健全，分工明确",
        "工会选举体现民主化、群众化",
        "经费审查委员会、女职工委员会等配套组织健全",
    ]


def test_an_item_all_of_whose_parts_have_lines_is_scored_on_its_figures_alone() -> None:
    pack = make_pack(
        {
            "id": "a-01",
            "points": 4,
            "kind": "all_of",
            "figures": [
                {"name": "建议次数", "type": "integer", "unit": "次"},
                {"name": "落实率", "type": "percent"},
            ],
            # 合理化建议一年两次以上、落实率70%以上
            "parts": [
                {"label": "一年两次以上", "figure": "建议次数", "at_least": 2},
                {"label": "落实率70%以上", "figure": "落实率", "at_least": 70},
            ],
        }
    )
    answers = make_answers()
    for figures, expected in [
        ({"建议次数": 2, "落实率": 70}, 4),
        ({"建议次数": 1, "落实率": 90}, 0),
    ]:
        answers.answers["a-01"] = ItemAnswer(figures=figures)
        assert score(pack, answers).items["a-01"].score == expected


# -- an approved postponement of 换届 -------------------------------------------


def postponed(until: dt.date | None, approval: str | None) -> Answers:
    """Elected 2020-09-22 with a term of five years: due 2025-09-22, assessed on
    2026-11-24; a postponement approved until `until` under `approval`."""
    answers = make_answers(profile={"term_years": 5, "last_election": dt.date(2020, 9, 22)})
    figures: dict[str, Any] = {}
    if until is not None:
        figures["批准延期至"] = until
    if approval is not None:
        figures["延期批复文号"] = approval
    answers.answers["yfjh-03"] = ItemAnswer(figures=figures)
    return answers


def test_换届_past_its_term_without_an_approval_fails_the_veto() -> None:
    result = score(sheet("tiaoli"), postponed(None, None))
    assert result.items["yfjh-03"].score == 0
    assert result.veto_not_met == ["yfjh-03"]


def test_换届_put_off_with_the_higher_unions_approval_is_met_and_said_so() -> None:
    pack = sheet("tiaoli")
    answers = postponed(dt.date(2026, 12, 31), "省直工〔2025〕18号")
    item = score(pack, answers).items["yfjh-03"]
    said = "经上级工会批准延期至2026年12月31日（延期批复文号：省直工〔2025〕18号）"
    assert (item.status, item.score, item.veto_failed, item.remark) == (
        Status.ANSWERED,
        2,
        False,
        said,
    )
    row = detail_rows(pack, answers)["yfjh-03"]
    assert row.situation[0] == f"上次换届时间 2020年9月22日；{said}"
    assert (row.score, row.marker) == ("2", "")


def test_a_postponement_runs_out_on_the_day_approved() -> None:
    # Approved until 2026-06-30, assessed on 2026-11-24: overdue again → 0, and said.
    item = score(sheet("tiaoli"), postponed(dt.date(2026, 6, 30), "省直工〔2025〕18号")).items[
        "yfjh-03"
    ]
    assert (item.score, item.veto_failed) == (0, True)
    assert item.remark.endswith("，延期已到期")
    # On the day itself it still counts.
    answers = postponed(dt.date(2026, 11, 24), "省直工〔2025〕18号")
    assert score(sheet("tiaoli"), answers).items["yfjh-03"].score == 2


def test_a_postponement_half_recorded_asks_for_the_other_half() -> None:
    item = score(sheet("tiaoli"), postponed(dt.date(2026, 12, 31), None)).items["yfjh-03"]
    assert (item.status, item.hint) == (Status.UNANSWERED, "已填批准延期至，请填写延期批复文号")
    item = score(sheet("tiaoli"), postponed(None, "省直工〔2025〕18号")).items["yfjh-03"]
    assert (item.status, item.hint) == (
        Status.UNANSWERED,
        "已填延期批复文号，请填写批准延期至的日期",
    )


def test_a_standard_that_allows_no_postponement_scores_换届_as_before() -> None:
    pack = make_pack(
        {
            "id": "a-01",
            "points": 2,
            "kind": "date",
            "max_age_years": 5,
            "figures": [{"name": "批准延期至", "type": "date"}, "延期批复文号"],
        }
    )
    answers = make_answers({"a-01": dt.date(2020, 9, 22)})
    answers.answers["a-01"].figures.update(
        {"批准延期至": dt.date(2026, 12, 31), "延期批复文号": "x"}
    )
    assert score(pack, answers).items["a-01"].score == 0


def test_a_postponement_longer_than_the_standard_allows_needs_review() -> None:
    pack = make_pack(
        {
            "id": "a-01",
            "points": 2,
            "kind": "date",
            "max_age_years": 5,
            "figures": [{"name": "批准延期至", "type": "date"}, "延期批复文号"],
            "postponement": {
                "until": "批准延期至",
                "approval": "延期批复文号",
                "at_most_months": 6,
            },
        }
    )
    # Due 2025-09-22; six months more is 2026-03-22. Assessed on 2026-03-01.
    results = []
    for until in (dt.date(2026, 3, 22), dt.date(2026, 3, 23)):
        answers = make_answers(
            {"a-01": dt.date(2020, 9, 22)}, profile={"assessed_on": dt.date(2026, 3, 1)}
        )
        answers.answers["a-01"].figures.update({"批准延期至": until, "延期批复文号": "x"})
        results.append(score(pack, answers).items["a-01"])
    within, beyond = results
    assert (within.status, within.score) == (Status.ANSWERED, 2)
    assert (beyond.status, beyond.score) == (Status.REVIEW, 0)
    assert beyond.hint == (
        "批准延期至2026年3月23日，超过本标准允许的期限（2025年9月22日届满后6个月），请核对"
    )


def test_readings_say_where_each_figure_comes_from() -> None:
    pack = sheet("tiaoli")
    profile = Profile(staff=142, members=133, assessed_on=ASSESSED_ON)
    lines = [r.line for r in read_figures(pack.items["yfjh-02"], None, profile).values()]
    assert lines == [
        "职工数：142人（取自基本情况）",
        "会员数：133人（取自基本情况）",
        "入会率：93.7%（会员数÷职工数）",
    ]


def test_an_item_scored_on_its_figure_may_still_be_declared_not_applicable() -> None:
    pack = make_pack({**HOMES, "allow_na": True})
    answers = make_answers(na={"a-01": "本单位没有下设科室"})
    assert score(pack, answers).items["a-01"].status is Status.NOT_APPLICABLE


def test_a_rate_of_a_figure_typed_with_many_zeros_is_shown_not_a_traceback() -> None:
    pack = make_pack(HOMES)
    answers = make_answers()
    answers.answers["a-01"] = ItemAnswer(figures={"应建数": 1, "开展数": 10**30})
    result = score(pack, answers).items["a-01"]
    assert result.readings is not None
    assert result.readings["活动率"].shown == "1" + "0" * 32 + ".0%"
