"""The report as a 公文 (GB/T 9704-2012): faces and sizes by role, the title a unit
writes, 草稿 on a draft only, the body without item codes or score arithmetic, and
one way of writing each number."""

from __future__ import annotations

import re

import pypdf
import pytest

from checklist.answers import read_answers
from checklist.formats import percent_text
from checklist.report.content import (
    build_content,
    chinese_date,
    content_of,
    heading_text,
    union_name,
)
from tests.support.pdf_text import Run, runs_of

from .conftest import UNIT, RenderedSample, SmallReport

SERIF, SERIF_BOLD = "Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"
HEITI, KAITI = "Noto-Sans-CJK-SC", "AR-PL-UKai-CN"


def _faces(pages: list[list[Run]]) -> list[list[tuple[str, str, float]]]:
    """Each page's pieces of text drawn in a face: (text, the face's name, size in
    points), as a viewer draws them."""
    return [
        [(run.text.strip(), run.font, round(run.size, 1)) for run in page if run.font is not None]
        for page in pages
    ]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def runs(sample_runs: list[list[Run]]) -> list[list[tuple[str, str, float]]]:
    return _faces(sample_runs)


def _first(runs: list[list[tuple[str, str, float]]], text: str) -> tuple[str, str, float]:
    return next(r for page in runs for r in page if r[0].startswith(text))


def test_each_role_prints_in_its_face_and_size(runs: list[list[tuple[str, str, float]]]) -> None:
    # Title 2号 小标宋-like, 一、 3号 黑体, （一） 3号 楷体, body and 1. 3号 仿宋-like.
    assert _first(runs, UNIT)[1:] == (SERIF_BOLD, 22.0)
    assert _first(runs, "一、基本情况")[1:] == (HEITI, 16.0)
    assert _first(runs, "三、工作成效")[1:] == (HEITI, 16.0)
    assert _first(runs, "（一）")[1:] == (KAITI, 16.0)
    assert _first(runs, "对照标准逐项自查")[1:] == (SERIF, 16.0)
    problems = next(i for i, page in enumerate(runs) if any(r[0] == "四、存在问题" for r in page))
    numbered = [r for r in runs[problems] if re.match(r"\d+\.", r[0])]
    assert numbered and all(r[1:] == (SERIF, 16.0) for r in numbered)
    # Nothing of the body is smaller than 3号: only tables, notes and the foot are.
    total = [r for page in runs for r in page if "等次为" in r[0]]
    assert total and all(r[1:] == (SERIF, 16.0) for r in total)
    # The page number in 4号 at the foot, the fingerprint small beside it.
    assert _first(runs, "— 1 —")[2] == 14.0
    assert _first(runs, "报告指纹")[2] < 10


def test_the_title_is_the_unit_s_and_the_cover_says_nothing_of_the_program(
    rendered: RenderedSample, sample_texts: list[str]
) -> None:
    cover = _flat(sample_texts[0])
    heading = rendered.sample.pack.info.report_title
    assert heading  # the shipped standard names its report
    assert f"{UNIT}{heading}" in cover  # 某…机关工会贯彻落实《…》示范单位创建自评报告
    assert "checklist" not in cover and "verify" not in cover
    # The program is named only in the 附注 at the end of the main text.
    main = [_flat(text) for text in sample_texts[1:]]
    assert sum("checklistverify" in text for text in main) == 1


def test_a_standard_without_a_report_title_gives_one_from_its_own_words() -> None:
    from checklist.answers.model import Answers, Profile
    from tests.support.builders import make_pack

    small = make_pack({"id": "y", "points": 1, "kind": "yes_no"})
    data = content_of(small, Answers(profile=Profile(unit="某厅")), fingerprint="X")
    assert data.heading == f"某厅机关工会{data.report_heading}"
    assert data.heading.endswith("自评报告")
    assert union_name("某厅机关工会") == "某厅机关工会"


def test_words_and_dates_as_a_unit_writes_them() -> None:
    import datetime as dt

    assert chinese_date(dt.date(2026, 12, 3)) == "二〇二六年十二月三日"
    assert chinese_date(dt.date(2030, 10, 20)) == "二〇三〇年十月二十日"
    assert heading_text("依法建会 依法管会") == "依法建会、依法管会"
    assert heading_text("依法履职 民主管理与事务公开") == "依法履职、民主管理与事务公开"
    assert heading_text("“三性”建设") == "“三性”建设"


def test_a_draft_says_so_on_every_page_and_has_no_seal_block(
    rendered: RenderedSample, runs: list[list[tuple[str, str, float]]], sample_texts: list[str]
) -> None:
    data = content_of(
        rendered.sample.pack, read_answers(rendered.sample.answers_path), fingerprint="X"
    )
    assert data.draft and data.unanswered
    cover = _flat("".join(r[0] for r in runs[0]))
    assert "草稿本稿尚有" in cover and f"{len(data.unanswered)}项考核内容未填写" in cover
    for page in runs:  # the watermark: large and light, beneath the text
        assert any(_flat(text) == "草稿" and size > 60 for text, _face, size in page)
    text = "".join(_flat(page) for page in sample_texts)
    assert "（盖章）" not in text and "工会主席（签字）" not in text


def test_a_complete_report_is_no_draft(small_report: SmallReport) -> None:
    runs = _faces(runs_of(small_report.pdf))
    assert not any("草稿" in _flat(text) for page in runs for text, _face, _size in page)
    text = "".join(_flat(p.extract_text()) for p in pypdf.PdfReader(small_report.pdf).pages)
    assert f"{UNIT}（盖章）" in text
    assert "附件：1.评分明细2.佐证材料目录" in text


def test_the_body_names_no_item_code_and_does_no_score_arithmetic(
    rendered: RenderedSample, sample_texts: list[str]
) -> None:
    text = "".join(_flat(page) for page in sample_texts)
    body = text[text.index("三、工作成效") : text.index("附件：")]
    codes = [i for i in rendered.sample.pack.items if i in body]
    assert not codes, codes
    assert not re.search(r"自评[\d.]+分|分值[\d.]+分|差[\d.]+分", body)
    assert "附件1第" in body  # items are named by their place in the sheet


def test_a_rate_is_printed_one_way_everywhere(
    rendered: RenderedSample, sample_texts: list[str]
) -> None:
    text = "".join(_flat(page) for page in sample_texts)
    # The unit's 入会率, wherever it is printed (基本情况, 附件1); the standard's own
    # thresholds (入会率95%以上) are not the unit's figures.
    assert not re.search(r"\d+\.\d\d%", text)
    rates = set(re.findall(r"入会率[：]?(\d+\.\d%)", text))
    profile = read_answers(rendered.sample.answers_path).profile
    assert profile.members is not None and profile.staff is not None
    assert rates == {percent_text(profile.members / profile.staff * 100)}
    # Half up to one decimal, and never 100% short of 100%.
    assert percent_text(133 / 142 * 100) == "93.7%"
    assert percent_text(99.96) == "99.9%" and percent_text(100.0) == "100.0%"


def test_achievements_are_told_by_area_in_a_few_lines(
    rendered: RenderedSample, sample_texts: list[str]
) -> None:
    # 三 as a person writes it: per area, how many items are fully met and at most two
    # of the weightiest by content and place, never every item met one by one.
    sample = rendered.sample
    content = build_content(sample.pack, sample.answers_path.read_bytes())
    text = "".join(_flat(page) for page in sample_texts)
    part = text[text.index("三、工作成效") : text.index("四、存在问题")]
    met = sum(a.met_count for a in content.achievements)
    applying = sum(a.item_count for a in content.achievements)
    assert f"适用的{applying}项考核内容中{met}项完全达到要求" in part
    told = [a for a in content.achievements if a.met_count]
    assert told
    for area in told:
        assert _flat(area.said) in part
        assert area.said.count("附件1第") <= 2
        assert f"{area.met_count}项完全达到要求" in area.said or (
            f"{area.item_count}项考核内容均完全达到要求" in area.said
        )
    assert not re.search(r"\d+\.", part)  # no numbered list of items
    assert part.count("附件1第") <= 2 * len(told)
    # The chair's narrative stays, under the area's heading.
    narrative = next(p for a in content.achievements for p in a.narrative)
    assert _flat(narrative) in part


def test_an_equally_weighted_standard_names_no_item_as_weightier() -> None:
    # Equal weights single out none: the line gives the counts alone.
    from checklist.report.content import _achievement_line

    class Item:
        def __init__(self, n: int, points: float) -> None:
            self.id, self.text, self.points = f"i{n}", f"第{n}项工作要求：具体内容", points

    equal = [Item(n, 2.0) for n in range(4)]
    refs = {i.id: f"附件1第{n + 1}项" for n, i in enumerate(equal)}
    assert _achievement_line(equal[:3], equal, refs) == "本部分4项考核内容中，3项完全达到要求。"  # type: ignore[arg-type]
    weighted = [*equal, Item(4, 5.0)]
    refs["i4"] = "附件1第5项"
    assert _achievement_line(weighted, weighted, refs) == (  # type: ignore[arg-type]
        "本部分5项考核内容均完全达到要求，其中包括第4项工作要求（附件1第5项）等分值较高的工作。"
    )
    assert _achievement_line([], weighted, refs) == ""  # type: ignore[arg-type]
