"""The rendered report, read back from the PDF as an inspector's tools would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from checklist.answers import AnswersStore, read_answers
from checklist.criteria import load_standard
from checklist.criteria.library import read_library
from checklist.formats import total_text
from checklist.report.content import SECTIONS, content_of, heading_text, sheet_refs
from checklist.report.fingerprint import ATTACHMENT_NAME, report_fingerprint
from checklist.report.pdf.parts import Part
from checklist.report.pdf.writer import Renderer
from checklist.scoring import score

from .conftest import INJECTED_EVIDENCE, INJECTED_NOTE, UNIT, RenderedSample, Sample, lay_out_part

CHINESE_FACES = ("Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold", "Noto-Sans-CJK-SC", "AR-PL-UKai-CN")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def text(sample_texts: list[str]) -> str:
    """The text in content order (pdftotext interleaves table columns by position)."""
    return "\n".join(sample_texts)


@needs_poppler
def test_pdftotext_gives_back_the_chinese_text(rendered: RenderedSample) -> None:
    text = _flat(_text(rendered.pdf))
    assert UNIT in text
    assert "一、基本情况" in text and "工作情况和数字说明" in text


@pytest.fixture(scope="module")
def flat(text: str) -> str:
    return _flat(text)


def test_unit_sections_and_areas_are_printed(rendered: RenderedSample, flat: str) -> None:
    assert UNIT in flat
    for section in SECTIONS:
        assert _flat(section) in flat
    assert "附件1" in flat and "评分明细" in flat
    assert "附件2" in flat and "佐证材料目录" in flat
    for area in rendered.sample.pack.areas:
        assert _flat(area.title) in flat


def test_total_and_grade_match_scoring(rendered: RenderedSample, flat: str) -> None:
    sample = rendered.sample
    result = score(sample.pack, read_answers(sample.answers_path))
    total = total_text(result.total, sample.pack.info.decimals)
    assert f"自评总分{total}分（满分100分）等　　次{result.grade}".replace("　", "") in flat
    assert f"自评总分{total}分（满分100分），等次为{result.grade}" in flat
    # the veto item failed: the cover says so and 四、存在问题 lists it first, by its
    # place in 附件1
    ref = sheet_refs(sample.pack)[sample.veto_item]
    assert sample.veto_item in result.veto_failed
    assert f"否决项未通过（{ref}）" in flat
    problems = flat[flat.index("四、存在问题") : flat.index("五、整改措施")]
    first = re.search(r"1\..*?（否决项，未达到要求）（(附件1[^）]+)）", problems)
    assert first and first.group(1) == ref


def test_rectification_table(rendered: RenderedSample, flat: str) -> None:
    part = flat[flat.index("五、整改措施") :]
    for heading in ("序号", "问题", "整改措施", "责任人", "完成时限"):
        assert heading in part
    # The first row, cell by cell: 序号, 问题 with the items it addresses, 整改措施,
    # 责任人, 完成时限.
    veto = rendered.sample.veto_item
    assert (
        f"1工会主席人选报批手续不全针对：{sheet_refs(rendered.sample.pack)[veto]}"
        "补齐党组织审查意见和上级工会批复，建立工会干部任免档案王建华2027年3月31日"
    ) in part


def test_detail_marks_unanswered_and_not_applicable(rendered: RenderedSample, flat: str) -> None:
    sample = rendered.sample
    detail = flat[flat.index("附件1") :]
    assert "【未填写】" in detail
    unanswered = detail.index(sample.unanswered_item)
    assert "【未填写】" in detail[unanswered : unanswered + 200]
    if sample.na_item:
        assert "【不适用】理由：本单位无下属事业单位，不涉及此项" in detail
    for heading in ("序号", "考核内容", "分值", "工作情况和数字说明", "自评分", "考核分"):
        assert heading in detail


def test_evidence_numbers_cross_referenced(rendered: RenderedSample, flat: str) -> None:
    answers = read_answers(rendered.sample.answers_path)
    detail = flat[flat.index("附件1") : flat.index("附件2")]
    index = flat[flat.index("附件2") :]
    cited = answers.answers[rendered.sample.injected_item].evidence
    assert cited == [15]
    assert "见佐证材料15" in detail
    for entry in answers.evidence:
        citing = answers.citing(entry.no)
        if citing:
            # the index row lists the items citing it, e.g. 15 … djdgj-02
            assert citing[0] in index
    assert "2026年度工会工作材料第3册" in index


def test_user_text_is_printed_literally(rendered: RenderedSample, text: str, flat: str) -> None:
    assert _flat(INJECTED_NOTE) in flat
    assert _flat(INJECTED_EVIDENCE) in flat
    hostname = Path("/etc/hostname")
    if hostname.exists() and hostname.read_text().strip():
        secret = hostname.read_text().strip()
        # the host name must not appear except where it is literally part of our text
        assert secret not in flat.replace(_flat(INJECTED_NOTE), "")


def test_page_count_and_size_are_plausible(rendered: RenderedSample) -> None:
    reader = pypdf.PdfReader(rendered.pdf)
    assert 12 <= len(reader.pages) <= 40
    assert rendered.pdf.stat().st_size < 400_000


def test_every_page_has_the_fingerprint_and_no_running_header(
    rendered: RenderedSample, sample_texts: list[str]
) -> None:
    """GB/T 9704: a page number on each page after the cover and no running header; the
    fingerprint, for paper copies, a small line at the foot of every page."""
    fingerprint = report_fingerprint(
        rendered.sample.answers_path.read_bytes(), rendered.sample.pack.fingerprint
    )
    for number, page in enumerate(sample_texts):
        page_text = _flat(page)
        assert f"报告指纹{fingerprint}" in page_text
        assert (f"—{number}—" in page_text) == (number > 0)
    second = _flat(sample_texts[2])
    assert UNIT not in second  # the unit is named in the title only


def test_bookmarks_for_sections_and_areas(rendered: RenderedSample) -> None:
    reader = pypdf.PdfReader(rendered.pdf)

    def titles(outline: list[object]) -> list[str]:
        found: list[str] = []
        for entry in outline:
            if isinstance(entry, list):
                found.extend(titles(entry))
            else:
                found.append(_flat(str(entry["/Title"])))  # type: ignore[index]
        return found

    marks = titles(reader.outline)
    for section in SECTIONS:
        assert section in marks
    assert "附件1评分明细" in marks
    assert "附件2佐证材料目录" in marks
    for i, area in enumerate(rendered.sample.pack.areas):
        assert any(
            heading_text(area.title) in m and m.startswith("一二三四五六七八九十"[i]) for m in marks
        )


def test_bookmarks_nest_areas_under_their_annex_and_lead_to_their_heading(
    rendered: RenderedSample, sample_texts: list[str]
) -> None:
    """The report is laid out in parts (parts.py) whose outlines are joined into one."""
    reader = pypdf.PdfReader(rendered.pdf)
    top = [entry for entry in reader.outline if not isinstance(entry, list)]
    assert [_flat(str(entry["/Title"])) for entry in top] == [
        *SECTIONS,
        "附件1评分明细",
        "附件2佐证材料目录",
    ]
    annex = reader.outline[reader.outline.index(top[-2]) + 1]
    assert isinstance(annex, list)
    assert len(annex) == len(rendered.sample.pack.areas)
    for entry in [*top, *annex]:
        page = reader.get_destination_page_number(entry)
        heading = _flat(str(entry["/Title"]))
        assert heading in _flat(sample_texts[page]), heading


DETAIL_HEADER = "序号考核内容分值工作情况和数字说明自评分考核分"


def test_a_row_too_tall_for_a_page_goes_on_under_the_tables_header(
    sample: Sample, renderer: Renderer, tmp_path: Path
) -> None:
    # Before, such a row was pushed off the page its group heading ended, leaving the
    # heading alone on a page, and started on the next one without the table's header.
    answers = tmp_path / "long.answers.toml"
    shutil.copy(sample.answers_path, answers)
    item = sample.weak_items[0]
    sentences = [f"第{n}次走访：委员联系两个处室，收集意见建议并登记台账。" for n in range(1, 41)]
    with AnswersStore.open(answers, sample.pack) as store:
        store.set_answer(item, note="".join(sentences))
    parsed = read_answers(answers)
    data = content_of(sample.pack, parsed, fingerprint="")
    area = next(
        n
        for n, area in enumerate(data.details)
        if any(r.item_id == item for g in area.groups for r in g.rows)
    )
    group = next(g for g in data.details[area].groups if any(r.item_id == item for r in g.rows))
    # The scoring sheet of the row's area in 附件1, laid out alone (四、存在问题, which
    # quotes the note too, is not).
    pdf = lay_out_part(
        renderer, sample.pack, answers, Part(areas=range(area, area + 1)), tmp_path / "long.pdf"
    )

    pages = [_flat(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    holding = [n for n, page in enumerate(pages) if any(s in page for s in sentences)]
    assert len(holding) >= 2  # 40 sentences of 25 characters: some 77 lines
    assert holding == list(range(holding[0], holding[-1] + 1))
    assert all(DETAIL_HEADER in pages[n] for n in holding)
    assert sentences[0] in pages[holding[0]] and sentences[-1] in pages[holding[-1]]
    # Its group's heading is not left alone on a page: a row of the group is with it
    # (the rows above it, each with its 评分说明, may fill that page).
    heading_page = next(n for n, page in enumerate(pages) if _flat(group.heading) in page)
    assert heading_page <= holding[0]
    first_row = _flat(group.rows[0].text)
    assert first_row[:20] in pages[heading_page]


def test_headings_stay_with_their_tables_and_the_signatures_with_the_text(
    renderer: Renderer, tmp_path: Path
) -> None:
    # The shipped complete sample, whose pages once ended with "五、整改措施" and its
    # lead-in (the table on the next page) and put the signatures alone on a page.
    from tests.support.builders import ROOT

    answers = ROOT / "examples" / "sample-complete.answers.toml"
    # The cover and the main text, laid out alone (the annexes start a page of their own).
    pdf = lay_out_part(
        renderer, load_standard(None), answers, Part(front=True), tmp_path / "sample.pdf"
    )
    pages = [_flat(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]

    def page_of(text: str) -> str:
        return next(page for page in pages if text in page)

    assert "序号一级指标满分" in page_of("二、自评得分")
    assert "序号问题整改措施责任人完成时限" in page_of("五、整改措施")
    signatures = page_of("工会主席（签字）")
    # Never alone on a page: the body's last lines come with them, at least the 附件说明,
    # which GB/T 9704 (7.3.4) sets in the body under the text, before the signatures.
    before = signatures[: signatures.index("工会主席（签字）")]
    assert "附件：1.评分明细2.佐证材料目录" in before


def test_each_areas_scoring_sheet_starts_a_page(
    rendered: RenderedSample, sample_texts: list[str]
) -> None:
    # Each page's text begins with its page number, fingerprint and, on a draft, the
    # 草稿 mark, drawn beneath it.
    running = re.compile(r"^(草稿)?(—\d+—)?(报告指纹[0-9A-F-]+)?(—\d+—)?")
    starts = [running.sub("", _flat(page)) for page in sample_texts]
    for number, area in enumerate(rendered.sample.pack.areas[1:], 2):
        heading = f"{'一二三四五六七八九十'[number - 1]}、{heading_text(area.title)}"
        assert any(text.startswith(heading) for text in starts), heading


def test_each_face_is_embedded_once(rendered: RenderedSample) -> None:
    """The report is laid out in parts (parts.py) that share one subset of each face:
    every font of a name draws from the same program, and no two programs share one."""
    reader = pypdf.PdfReader(rendered.pdf)
    programs: dict[str, set[int]] = {}
    for page in reader.pages:
        resources = [page["/Resources"]]
        for form in page["/Resources"].get("/XObject", {}).values():
            resources.append(form.get_object()["/Resources"])  # the running header
        for res in resources:
            for font in res.get_object().get("/Font", {}).values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                descriptor = descriptor.get_object()
                program = descriptor.raw_get(
                    "/FontFile3" if "/FontFile3" in descriptor else "/FontFile2"
                )
                programs.setdefault(str(font["/BaseFont"]), set()).add(program.idnum)
    assert len(programs) >= 2  # a regular and a bold face
    assert all(len(ids) == 1 for ids in programs.values()), programs
    assert len({i for ids in programs.values() for i in ids}) == len(programs)


@needs_poppler
def test_cjk_fonts_embedded_and_subset(rendered: RenderedSample) -> None:
    out = subprocess.run(
        ["pdffonts", str(rendered.pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        name, *_rest = row.split()
        assert re.match(r"^[A-Z]{6}\+", name), row  # subset prefix
        # 宋/仿宋 and 小标宋, 黑体, 楷体 (fonts.py)
        assert name[7:] in CHINESE_FACES, row
        assert " yes yes yes " in row  # embedded, subset, ToUnicode
    faces = {row.split()[0][7:] for row in rows}
    assert faces == set(CHINESE_FACES)


def test_attachment_is_the_answers_file(rendered: RenderedSample) -> None:
    reader = pypdf.PdfReader(rendered.pdf)
    files = reader.attachments[ATTACHMENT_NAME]
    assert files == [rendered.sample.answers_path.read_bytes()]


def test_metadata(rendered: RenderedSample) -> None:
    meta = pypdf.PdfReader(rendered.pdf).metadata
    assert meta is not None
    assert meta["/Author"] == UNIT
    assert UNIT in meta["/Title"]
    assert "自评报告" in meta["/Subject"]
    assert "机关工会" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20")


@needs_poppler
def test_long_unbroken_strings_and_long_rectifications_stay_on_the_page(
    renderer: Renderer, tmp_path: Path
) -> None:
    """A document number with no break in it once ran past the right margin of the
    main text, its end lost; an 800-character 整改措施 left 五、整改措施 alone on a page
    and started the table on the next without its header."""
    from tests.support.builders import ROOT

    number = "财办〔2026〕第" + "0" * 72 + "12号"
    text = (ROOT / "examples" / "sample-complete.answers.toml").read_text("utf-8")
    text = re.sub(
        r'(\[answers\.yflz-06\]\n(?:[^\[\n].*\n)*?)note = "[^"]*"',
        lambda m: m.group(1) + f'note = "依据{number}办理。"',
        text,
        count=1,
    )
    measure = "修订工会小组考核办法，按季通报，年底考核结果与评先挂钩。" * 30
    text = text.replace(
        'measure = "各工会小组按处室推荐青年职工',
        f'measure = "{measure}各工会小组按处室推荐青年职工',
        1,
    )
    answers = tmp_path / "long.answers.toml"
    answers.write_text(text, "utf-8")
    # The main text, where both are (laid out alone: the annexes start a page of their own).
    pdf = lay_out_part(
        renderer, load_standard(None), answers, Part(front=True), tmp_path / "long.pdf"
    )
    # pdftotext keeps only what lies on the page: all of the number is there.
    assert f"依据{number}办理。" in _flat(_text(pdf))
    pages = [_flat(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    heading = next(n for n, page in enumerate(pages) if "五、整改措施" in page)
    assert "序号问题整改措施责任人完成时限" in pages[heading]
    assert "工会积极分子占职工总数22.0%" in pages[heading]  # its first row starts there


def test_the_score_table_stays_with_its_heading_when_a_veto_fails(
    renderer: Renderer, tmp_path: Path
) -> None:
    from tests.support.builders import ROOT

    answers = ROOT / "examples" / "sample-partial.answers.toml"
    # The main text, laid out alone (the annexes start a page of their own).
    pdf = lay_out_part(
        renderer, load_standard(None), answers, Part(front=True), tmp_path / "partial.pdf"
    )
    pages = [_flat(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    page = next(page for page in pages if "二、自评得分" in page)
    assert "否决项未通过" in page and "序号一级指标满分" in page


def test_a_sheet_of_another_standard_prints_and_verifies_with_its_own_names(
    renderer: Renderer, tmp_path: Path
) -> None:
    """A small sheet of two levels with its own grades, title, review boxes and columns
    (tests/report/test_content.py SHEET): printed so, and verify reads its grade."""
    from checklist.report.verify import verify_report

    from .test_content import _sheet

    pack = _sheet()
    answers = tmp_path / "unit.toml"
    with AnswersStore.open(answers, pack) as store:
        store.set_profile(unit="某局", members=40, women_members=3)
        for item_id, value in (("zzjq-01", ["经审会"]), ("zzjq-02", True), ("gzyx-01", True)):
            store.set_answer(item_id, value=value)
    pdf = tmp_path / "unit.pdf"
    made = renderer.render(pack, answers, pdf)
    assert made.grade == "合格"
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == "某局合格职工之家达标验收自评报告（2025年版）"
    pages = [_flat(page.extract_text()) for page in reader.pages]
    assert "合格职工之家达标验收自评报告" in pages[0] and "等次合格" in pages[0]
    flat = "".join(pages)
    assert flat.count("次序验收标准工作情况和数字说明应得分自评分") == 2
    # 组织健全's items follow the table's heading; 民主管理 heads its own.
    assert "次序验收标准工作情况和数字说明应得分自评分1配套组织齐全zzjq-01" in flat
    assert "应得分自评分（一）民主管理（4分）3召开会员大会" in flat
    assert "上级工会意见：上级工会（盖章）" in flat and "机关党组织" not in flat
    checks = {c.label: c for c in verify_report(pdf, None, read_library()).checks}
    assert checks["等次"].ok, checks["等次"].detail
    assert "封面印制 合格" in checks["等次"].detail
