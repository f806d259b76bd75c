"""The report content decided in checklist.report.content, tested without a PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import pytest

from checklist.answers import AnswersStore, read_answers
from checklist.answers.model import Answers, EvidenceEntry, ItemAnswer, Profile, Rectification
from checklist.criteria import parse_pack
from checklist.criteria.model import Pack
from checklist.formats import percent_text, total_text
from checklist.report.content import (
    DetailRow,
    ProfileRow,
    ReportContent,
    build_content,
    chinese_number,
    content_of,
    sheet_refs,
    short_text,
    union_name,
)
from checklist.report.pdf.layout import too_tall
from checklist.report.pdf.writer import Renderer
from checklist.scoring import Status, score
from tests.support.builders import make_pack

from .conftest import Sample

NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一")]
)
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text


def _data(sample: Sample, path: Path | None = None) -> ReportContent:
    answers = read_answers(path or sample.answers_path)
    return content_of(
        sample.pack,
        answers,
        fingerprint="ABCD-0000-1111-2222",
        now=NOW,
    )


def test_veto_failures_come_first(sample: Sample) -> None:
    data = _data(sample)
    problems = data.problems
    assert problems[0].item_id == sample.veto_item and problems[0].veto
    assert [p.number for p in problems] == list(range(1, len(problems) + 1))
    assert {p.item_id for p in problems} >= set(sample.weak_items)


def test_detail_rows_mark_states(sample: Sample) -> None:
    data = _data(sample)
    rows = {
        row.item_id: row for area in data.details for group in area.groups for row in group.rows
    }
    assert len(rows) == len(sample.pack.items)
    assert rows[sample.unanswered_item].marker == "未填写"
    assert rows[sample.unanswered_item].state == "unanswered"
    if sample.na_item:
        assert rows[sample.na_item].marker == "不适用"
        assert rows[sample.na_item].score == "—"
        assert "理由：本单位无下属事业单位" in rows[sample.na_item].situation[0]
    assert "见佐证材料 15" in rows[sample.injected_item].situation


def test_only_a_row_too_tall_for_a_page_may_break_across_pages(
    sample: Sample, tmp_path: Path
) -> None:
    def tall_rows(path: Path) -> list[str]:
        details = _data(sample, path).details
        return [row.item_id for a in details for g in a.groups for row in g.rows if too_tall(row)]

    assert tall_rows(sample.answers_path) == []  # the sample's rows fit on a page each
    answers = tmp_path / "long.answers.toml"
    shutil.copy(sample.answers_path, answers)
    item = sample.weak_items[0]
    sentence = "职工之家常态化开放并登记台账。"  # 15 characters; 13 make a line
    with AnswersStore.open(answers, sample.pack) as store:
        store.set_answer(item, note=sentence * 20)  # 24 lines: kept whole on a page
        assert tall_rows(answers) == []
        store.set_answer(item, note=sentence * 40)  # 47 lines: more than a page holds
        assert tall_rows(answers) == [item]


def test_basic_paragraph_counts_what_applies_apart_from_what_does_not(sample: Sample) -> None:
    # Before, an item declared 不适用 was counted among the items that apply.
    assert sample.na_item is not None
    n = len(sample.pack.items)
    assert (
        f"{n}项考核内容，本单位适用{n - 1}项（另有1项不适用），已自评{n - 2}项，尚有1项未填写。"
    ) in _data(sample).basic_paragraph


def test_an_item_whose_condition_is_blank_is_pending_not_inapplicable(pack: Pack) -> None:
    def row(answers: Answers) -> DetailRow:
        data = content_of(pack, answers, fingerprint="X", now=NOW)
        rows = [r for area in data.details for g in area.groups for r in g.rows]
        return next(r for r in rows if r.item_id == "cxgzs-02")

    blank = row(Answers(profile=Profile()))
    assert blank.marker == "待定"
    assert blank.situation == [
        "适用条件尚未确定（条目 cxgzs-01 未填写）：条目 cxgzs-01为“是”时适用"
    ]
    data = content_of(pack, Answers(profile=Profile()), fingerprint="X")
    assert "项视所依条目的回答而定" in data.basic_paragraph

    # No studio: the item about running one counts at 0 (不得分), it is not 不适用.
    answered_no = Answers(profile=Profile(), answers={"cxgzs-01": ItemAnswer(value=False)})
    assert row(answered_no).marker == "不得分"
    assert row(answered_no).situation[0].startswith("不具备适用条件，按 0 分计：")
    assert row(answered_no).score == "0"


def test_a_rectification_aimed_at_no_item_and_a_renamed_answer_are_said(pack: Pack) -> None:
    answers = Answers(
        profile=Profile(),
        answers={"djdgj-99": ItemAnswer(value=True)},
        rectification=[Rectification(problem="台账不全", items=["djdgj-01", "zzzz-01"])],
    )
    data = content_of(pack, answers, fingerprint="X", now=NOW)
    # Items are named by their place in 附件1, never by their codes.
    assert data.rectifications[0].items == "附件1第一部分第1项、zzzz-01（评价标准中没有此条目）"
    assert any("djdgj-99" in line for line in data.edition_notice)


def test_citing_evidence_missing_from_the_index_is_said(sample: Sample) -> None:
    """A hand-edited file may cite a number the index lacks: the report says so rather
    than send the inspector looking for it."""
    answers = read_answers(sample.answers_path)
    answers.answers[sample.injected_item].evidence = [15, 99]
    data = content_of(sample.pack, answers, fingerprint="X", now=NOW)
    rows = {r.item_id: r for a in data.details for g in a.groups for r in g.rows}
    situation = rows[sample.injected_item].situation
    assert situation[-2:] == ["见佐证材料 15", "引用的佐证材料 99 不在目录中"]


def test_score_table_totals_the_areas_and_says_how_the_total_is_rescaled(pack: Pack) -> None:
    na = next(i for i in pack.items.values() if i.allow_na and not i.when)
    answers = Answers.model_validate({"answers": {na.id: {"na": True, "na_reason": "无此情况"}}})
    data = content_of(pack, answers, fingerprint="X", now=NOW)
    assert data.show_applicable
    total = data.areas_total
    # The areas' sum is not a second total: it says it comes before the rescaling,
    # which a note explains once, ending on the one total.
    assert (total.title, total.nominal) == ("合计（折算前）", "100")
    assert data.renormalized.endswith(f"即{data.total}分")
    assert float(total.max) == pytest.approx(sum(float(a.max) for a in data.areas))
    assert float(total.max) <= 100 - na.points
    assert float(total.score) == pytest.approx(sum(float(a.score) for a in data.areas))
    assert data.renormalized  # the printed total is on the 100-point scale
    # A standard whose items all apply has no 适用分值 column.
    small = make_pack({"id": "y", "points": 1, "kind": "yes_no"})
    plain = Answers()
    assert not content_of(small, plain, fingerprint="X", now=NOW).show_applicable


def test_dates_and_cover_line(sample: Sample) -> None:
    data = _data(sample)
    assert data.assessed_on == "2026年11月24日"
    assert data.sign_date == "二〇二六年十一月二十四日"  # the 成文日期 under the seal
    assert data.scored_on == "2026-11-24"
    result = score(sample.pack, read_answers(sample.answers_path))
    # One total, with the standard's decimals (one by default), rounded half up.
    assert data.total_line == (
        f"自评总分{total_text(result.total, 1)}分（满分100分），等次为{result.grade}"
    )
    assert total_text(92.25, 1) == "92.3" and total_text(92.16, 0) == "92"
    assert data.rectifications[0].due == "2027年3月31日"


def test_without_assessment_date_the_report_says_which_day_it_scored(sample: Sample) -> None:
    answers = read_answers(sample.answers_path)
    answers = answers.model_copy(
        update={"profile": answers.profile.model_copy(update={"assessed_on": None})}
    )
    later = dt.datetime(2027, 3, 5, 10, 0, tzinfo=dt.UTC)
    data = content_of(
        sample.pack,
        answers,
        fingerprint="X",
        now=later,
    )
    assert data.assessed_on == "（未填写，按 2027年3月5日 计分）"
    assert data.scored_on == "2027-03-05"
    assert data.sign_date == "年　　月　　日"  # written in by hand, not "（未填写）"


def test_evidence_lists_citing_items(sample: Sample) -> None:
    data = _data(sample)
    last = data.evidence[-1]
    assert last.number == 15
    assert last.cited_by == sample.injected_item
    # Every entry lists all the items citing it, in the answers file's order.
    raw = tomllib.loads(sample.answers_path.read_text(encoding="utf-8"))["answers"]
    for entry in data.evidence:
        citing = [
            item for item, answer in raw.items() if entry.number in answer.get("evidence", [])
        ]
        assert entry.cited_by == ("、".join(citing) or "（未被引用）"), entry.number
    assert max(len(e.cited_by.split("、")) for e in data.evidence) > 1


def test_empty_answers_still_make_a_report(pack: Pack, renderer: Renderer) -> None:
    answers = Answers(profile=Profile())
    data = content_of(pack, answers, fingerprint="X", now=NOW)
    assert data.unit == "（未填写）"
    assert len(data.unanswered) > 40
    html = renderer.html(data)
    assert "尚未制定整改清单" in html and "尚未登记佐证材料" in html


def test_html_escapes_every_user_field(pack: Pack, renderer: Renderer) -> None:
    evil = '<img src="file:///etc/passwd"><style>*{display:none}</style>'
    answers = Answers.model_validate(
        {
            "profile": {"unit": evil, "chair": evil},
            "evidence": [{"no": 1, "title": evil, "kind": evil, "location": evil}],
            "rectification": [{"problem": evil, "measure": evil, "owner": evil}],
            "narrative": {pack.areas[0].id: evil},
            "answers": {
                next(iter(pack.items)): {"value": "x", "note": evil, "figures": {"a": evil}}
            },
        }
    )
    html = renderer.html(content_of(pack, answers, fingerprint="X", now=NOW))
    assert "<img" not in html and "<style" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html


@pytest.mark.parametrize(
    ("unit", "union"),
    [
        ("××省财政厅机关工会", "××省财政厅机关工会"),
        ("××省财政厅", "××省财政厅机关工会"),
        ("", "本单位机关工会"),
    ],
)
def test_union_name(unit: str, union: str) -> None:
    assert union_name(unit) == union


def test_unanswered_veto_item_is_not_reported_as_a_broken_rule(pack: Pack) -> None:
    veto = next(i for i in pack.items.values() if i.veto and not i.when)
    answers = Answers(profile=Profile(unit="测试单位"))
    result = score(pack, answers)
    assert veto.id in result.veto_failed
    data = content_of(pack, answers, fingerprint="X", now=NOW)
    # It fails the unit, and the cover says why: not answered, counted as not met.
    assert data.grade == "未达标"
    refs = sheet_refs(pack)
    pending = "、".join(refs[i] for i in result.veto_pending)
    assert f"尚未填写或需复核（{pending}），按未通过计" in data.veto_line
    assert "否决项未通过" not in data.veto_line
    # It is listed with the unanswered items, marked as a veto item, not as a shortfall.
    assert veto.id not in [p.item_id for p in data.problems]
    listed = {o.item_id: o for o in data.unanswered}
    assert listed[veto.id].veto == "否决项，按未通过计"
    assert all(not o.veto for o in data.unanswered if not pack.items[o.item_id].veto)


def test_veto_line_names_vetoes_not_met_and_vetoes_pending_apart(sample: Sample) -> None:
    answers = read_answers(sample.answers_path)
    pending = next(
        i.id
        for i in sample.pack.items.values()
        # an item the unit answers itself (yfjh-03 is judged on 基本情况)
        if i.veto and not i.when and i.id != sample.veto_item and not i.own_figure
    )
    answers.answers.pop(pending, None)
    data = content_of(sample.pack, answers, fingerprint="X", now=NOW)
    refs = sheet_refs(sample.pack)
    assert data.veto_line == (
        f"否决项未通过（{refs[sample.veto_item]}）；否决项尚未填写或需复核（{refs[pending]}），"
        "按未通过计；等次评定为未达标"
    )
    assert data.problems[0].veto and data.problems[0].item_id == sample.veto_item
    assert data.problems_intro.endswith("其中否决项列在最前：")


def test_edition_notice_when_answers_were_made_against_other_content(pack: Pack) -> None:
    answers = Answers.model_validate(
        {"stamp": {"pack": pack.info.id, "edition": "2025年版", "fingerprint": "0" * 64}}
    )
    data = content_of(pack, answers, fingerprint="X", now=NOW)
    assert "2025年版" in data.edition_notice[0]
    same = Answers.model_validate({"stamp": {"fingerprint": pack.fingerprint}})
    assert content_of(pack, same, fingerprint="X", now=NOW).edition_notice == []


def test_short_text_drops_only_the_trailing_figures_hint() -> None:
    assert short_text("职工入会率达到95%以上（职工数、会员数、占%）") == "职工入会率达到95%以上"
    assert (
        short_text("机关党组织（党委、党组）专题研究工会工作")
        == "机关党组织（党委、党组）专题研究工会工作"
    )
    assert short_text("（全部在括号里）") == "（全部在括号里）"


def _pack_answers(pack: Pack, answers: Answers) -> ReportContent:
    return content_of(pack, answers, fingerprint="X", now=NOW)


def test_counts_leave_out_answers_needing_review_and_items_that_do_not_apply(
    pack: Pack,
) -> None:
    answers = Answers(
        profile=Profile(unit="某厅机关工会"),
        answers={
            "djdgj-01": ItemAnswer(value="三次"),  # not one of its options: 需复核
            "djdgj-03": ItemAnswer(value=True),
            "fwzx-01": ItemAnswer(value="未建"),  # the items that need a 职工之家 count 0
        },
    )
    result = score(pack, answers)
    data = _pack_answers(pack, answers)
    assert result.review == ["djdgj-01"]
    pending = [s for s in result.items.values() if s.hint and not s.active]
    absent = [s for s in result.items.values() if s.status is Status.ABSENT and s not in pending]
    left_out = [s for s in result.items.values() if not s.active]
    applicable = len(pack.items) - len(left_out)
    assessed = applicable - len(result.unanswered) - 1
    assert f"已自评{assessed}项" in data.basic_paragraph
    assert "1项回答需复核" in data.basic_paragraph
    assert absent and f"{len(absent)}项因不具备适用条件按0分计" in data.basic_paragraph
    # 三、工作成效 counts all the area's scored items: the ones a unit without a 职工之家
    # cannot meet count against it, none of them is 不适用.
    home = next(a for a in data.achievements if "职工之家" in a.heading)
    area = next(a for a in pack.areas if "职工之家" in a.title)
    assert home.not_applicable == 0
    assert home.item_count == sum(1 for i in area.items() if i.scored)


def test_evidence_index_marks_citing_items_that_do_not_apply(pack: Pack) -> None:
    item = next(i for i in pack.items.values() if i.when is not None and i.when.item == "fwzx-01")
    answers = Answers(
        profile=Profile(),
        answers={
            "fwzx-01": ItemAnswer(value="未建"),
            item.id: ItemAnswer(value=True, evidence=[1]),
        },
        evidence=[EvidenceEntry(no=1, title="职工之家台账")],
    )
    assert _pack_answers(pack, answers).evidence[0].cited_by == f"{item.id}（不适用）"


def test_percentages_are_rounded_half_up_to_one_decimal_as_people_round() -> None:
    # One formatter for every percentage the report and the app print (the profile's
    # 入会率, computed figures, 得分率): 133 ÷ 142 = 93.66…% is 93.7%.
    assert percent_text(133 / 142 * 100) == "93.7%"
    assert percent_text(12.25) == "12.3%"  # half up, though the float is a hair under
    assert percent_text(41 / 186 * 100) == "22.0%"
    assert percent_text(100.0) == "100.0%"
    assert percent_text(95.0) == "95.0%"
    # A rate out of a tiny whole (found by hypothesis: 5 of 3.9e-132) is printed, not
    # a crash of the score command; nothing at all is a dash.
    assert percent_text(5 / 3.9e-132 * 100).startswith("128205128205128")
    assert percent_text(float("inf")) == "—"


def test_the_profile_rate_is_printed_as_every_percentage(pack: Pack) -> None:
    answers = Answers(profile=Profile(unit="某厅", staff=142, members=133))
    data = _pack_answers(pack, answers)
    assert ProfileRow("入会率", "93.7%") in data.profile
    assert "会员133人，入会率93.7%" in data.basic_paragraph


def test_an_unanswered_text_item_is_not_said_to_score_zero(pack: Pack) -> None:
    data = _pack_answers(pack, Answers(profile=Profile()))
    text_item = next(i for i in pack.items.values() if not i.scored)
    rows = {r.item_id: r for a in data.details for g in a.groups for r in g.rows}
    assert rows[text_item.id].situation[0] == "不计分"
    assert next(o for o in data.unanswered if o.item_id == text_item.id).scored is False


def test_problem_notes_keep_their_paragraphs_and_long_rectifications_may_break(
    pack: Pack,
) -> None:
    answers = Answers(
        profile=Profile(),
        answers={"djdgj-03": ItemAnswer(value=False, note="第一段。\n\n第二段。\n第三段。")},
        rectification=[
            Rectification(problem="台账不全", measure="建立台账。" * 30),
            Rectification(problem="台账不全", measure="建立台账。" * 120),
        ],
    )
    data = _pack_answers(pack, answers)
    assert next(p for p in data.problems if p.item_id == "djdgj-03").note == [
        "第一段。",
        "第二段。",
        "第三段。",
    ]
    assert [too_tall(r) for r in data.rectifications] == [False, True]


def test_an_item_waiting_for_a_profile_figure_says_which_and_shows_what_is_known(
    pack: Pack,
) -> None:
    answers = Answers(
        # yfjh-03 is judged on the 上次换届日期 of 基本情况; no 每届任期 yet.
        profile=Profile(assessed_on=dt.date(2026, 11, 24), last_election=dt.date(2023, 6, 16)),
    )
    rows = {
        r.item_id: r for a in _pack_answers(pack, answers).details for g in a.groups for r in g.rows
    }
    assert rows["yfjh-03"].situation[:2] == [
        "按 0 分计。请先在基本情况中填写每届任期",
        "上次换届时间：2023年6月16日（取自基本情况）；"
        "每届任期：—（取自基本情况；基本情况中每届任期未填写）",
    ]


def test_the_content_is_built_from_the_answers_files_bytes(sample: Sample) -> None:
    from checklist.problems import ProblemsError
    from checklist.report.fingerprint import report_fingerprint

    raw = sample.answers_path.read_bytes()
    assert build_content(sample.pack, raw, NOW) == content_of(
        sample.pack,
        read_answers(sample.answers_path),
        fingerprint=report_fingerprint(raw, sample.pack.fingerprint),
        now=NOW,
    )
    with pytest.raises(ProblemsError) as raised:
        build_content(sample.pack, b"[profile\nunit = 1\n", NOW, source="坏.answers.toml")
    assert raised.value.problems[0].file == "坏.answers.toml"


# A sheet as provincial ones are written: two levels in one area and three in the
# other, its own grades, report title, review boxes, columns and numbering, and a
# deduction that applies only with 10 or more women members.
SHEET = """
[pack]
id = "sheet"
title = "合格职工之家验收评分表"
edition = "2025年版"
effective = 2025-01-01
issuer = "某市总工会"
total = 10
grades = [{ name = "合格", at_least = 6 }]
fail = "不合格"
report_title = "合格职工之家达标验收自评报告"
review = ["上级工会意见"]
numbering = "continuous"
columns = [
  { show = "number", name = "次序" },
  { show = "content", name = "验收标准" },
  { show = "figures", name = "工作情况和数字说明" },
  { show = "points", name = "应得分" },
  { show = "self_score", name = "自评分" },
]

[[area]]
id = "zzjq"
title = "组织健全"
points = 6

  [[area.item]]
  id = "zzjq-01"
  text = "配套组织齐全"
  points = 4
  kind = "deductions"
  options = [
    { label = "经审会", deduct = 2 },
    { label = "女职委", deduct = 2, when = { profile = "women_members", at_least = 10 } },
  ]

  [[area.item]]
  id = "zzjq-02"
  text = "按期换届"
  points = 2
  kind = "yes_no"

[[area]]
id = "gzyx"
title = "工作有效"
points = 4

  [[area.indicator]]
  id = "gzyx-1"
  title = "民主管理"
  points = 4

    [[area.indicator.item]]
    id = "gzyx-01"
    text = "召开会员大会"
    points = 4
    kind = "yes_no"
"""


def _sheet(**changes: str) -> Pack:
    text = SHEET
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    return parse_pack(text, "sheet.toml")


def _sheet_content(pack: Pack, women: int = 3, **values: object) -> ReportContent:
    answers = Answers(
        profile=Profile(unit="某局", members=40, women_members=women, assessed_on=NOW.date()),
        answers={i: ItemAnswer(value=v) for i, v in values.items()},
    )
    return content_of(pack, answers, fingerprint="X", now=NOW)


def _numbers(data: ReportContent) -> list[tuple[str, int]]:
    return [(r.item_id, r.number) for a in data.details for g in a.groups for r in g.rows]


def test_the_scoring_sheet_has_the_standards_columns_numbering_and_levels() -> None:
    data = _sheet_content(_sheet())
    assert [(c.role, c.name) for c in data.columns] == [
        ("number", "次序"),
        ("content", "验收标准"),
        ("figures", "工作情况和数字说明"),
        ("points", "应得分"),
        ("self_score", "自评分"),
    ]
    # 次序 1…N through the whole sheet.
    assert _numbers(data) == [("zzjq-01", 1), ("zzjq-02", 2), ("gzyx-01", 3)]
    # Items directly under their area: no group heading; an indicator keeps its own.
    assert [g.heading for g in data.details[0].groups] == [""]
    assert [g.heading for g in data.details[1].groups] == ["（一）民主管理（4分）"]
    restarted = _sheet_content(_sheet(**{'numbering = "continuous"': 'numbering = "per_area"'}))
    assert _numbers(restarted) == [("zzjq-01", 1), ("zzjq-02", 2), ("gzyx-01", 1)]


def test_the_report_has_the_standards_title_grade_and_review_boxes() -> None:
    data = _sheet_content(_sheet(), **{"zzjq-01": ["经审会"], "zzjq-02": True, "gzyx-01": True})
    assert data.report_heading == "合格职工之家达标验收自评报告"
    assert data.document_title == "某局合格职工之家达标验收自评报告（2025年版）"
    assert data.grade == "合格" and data.total_line.endswith("等次为合格")
    assert [(b.heading, b.seal) for b in data.review_boxes] == [
        ("上级工会意见", "上级工会（盖章）")
    ]
    failed = _sheet_content(_sheet(), **{"zzjq-01": [], "zzjq-02": False})
    assert failed.grade == "不合格"
    # None asked for: none printed. Without a report title, the title is made as before.
    plain = _sheet_content(
        _sheet(
            **{
                'review = ["上级工会意见"]': "review = []",
                'report_title = "合格职工之家达标验收自评报告"': "",
            }
        )
    )
    assert plain.review_boxes == []
    assert plain.report_heading == "合格职工之家验收评分表自评报告"
    assert plain.document_title == "某局自评报告——合格职工之家验收评分表（2025年版）"


def test_a_deduction_that_does_not_apply_is_not_named_as_missing() -> None:
    pack = _sheet()
    few = _sheet_content(pack, women=3, **{"zzjq-01": ["经审会"]})
    rows = {r.item_id: r for a in few.details for g in a.groups for r in g.rows}
    assert rows["zzjq-01"].situation[0] == "全部具备"
    assert rows["zzjq-01"].score == "4"
    many = _sheet_content(pack, women=12, **{"zzjq-01": ["经审会"]})
    rows = {r.item_id: r for a in many.details for g in a.groups for r in g.rows}
    assert rows["zzjq-01"].situation[0] == "缺：女职委"
    assert rows["zzjq-01"].score == "2"
    assert [(p.item_id, p.answer) for p in many.problems] == [("zzjq-01", "缺：女职委")]


def test_the_html_prints_the_sheet_as_the_standard_writes_it(renderer: Renderer) -> None:
    html = renderer.html(
        _sheet_content(_sheet(), **{"zzjq-01": ["经审会"], "zzjq-02": True, "gzyx-01": True})
    )
    head = "<tr><th>次序</th><th>验收标准</th><th>工作情况和数字说明</th><th>应得分</th><th>自评分</th></tr>"
    assert html.count(head) == 2  # one table per area
    assert html.count('<tr class="group">') == 1  # 民主管理 only
    assert '<h1 class="cover-title">某局机关工会<br>合格职工之家达标验收自评报告</h1>' in html
    assert "<title>某局合格职工之家达标验收自评报告（2025年版）</title>" in html
    assert "上级工会意见：" in html and "上级工会（盖章）" in html
    assert "审核意见" not in html and "机关党组织" not in html
    # Without a 工作情况 column, what the unit answered is printed under the item's text.
    narrow = _sheet(**{'  { show = "figures", name = "工作情况和数字说明" },\n': ""})
    html = renderer.html(_sheet_content(narrow, **{"zzjq-01": ["经审会"]}))
    assert "<th>工作情况和数字说明</th>" not in html
    assert 'class="detail no-figures no-inspected"' in html
    assert "<small>zzjq-01</small>\n全部具备</td>" in html
