"""The report's Word copy (checklist report -o 报告.docx), read back with python-docx as
Word would read it, and opened by LibreOffice where it is installed."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdf
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table

from checklist.answers import AnswersStore
from checklist.cli import main
from checklist.criteria import load_pack
from checklist.report.content import SECTIONS, ReportContent, build_content
from checklist.report.docx import writer
from checklist.report.docx.styles import (
    ANNEX_LABEL,
    HEADING,
    LEAD,
    PAGE_NUMBER,
    SHEET_HEADING,
    SIGN_LINE,
    SIGNATURE,
    SUBHEADING,
    TABLE_HEADER,
    TABLE_TEXT,
    TITLE,
)

from .conftest import (
    INJECTED_EVIDENCE,
    INJECTED_NOTE,
    SMALL_STANDARD,
    Sample,
    write_small_answers,
)

soffice = shutil.which("soffice")


@dataclass(frozen=True)
class WordCopy:
    path: Path
    document: Document
    content: ReportContent  # what the report says, as the PDF's writer receives it


@pytest.fixture(scope="module")
def word(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> WordCopy:
    """The sample unit's Word copy, written by the command as a user runs it."""
    path = tmp_path_factory.mktemp("word") / "报告.docx"
    assert main(["report", str(sample.answers_path), "-o", str(path)]) == 0
    content = build_content(sample.pack, sample.answers_path.read_bytes())
    return WordCopy(path, docx.Document(str(path)), content)


def texts(document: Document) -> Iterator[tuple[str, str]]:
    """(style name, text) of each paragraph of the body in order, tables' included."""
    styles = {s.style_id: s.name for s in document.styles}
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = styles[style.get(qn("w:val"))] if style is not None else "Normal"
        yield name, "".join(t.text or "" for t in p.iter(qn("w:t")))


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def all_text(document: Document) -> str:
    return "\n".join(text for _, text in texts(document))


def cells(table: Table) -> list[list[str]]:
    """The table's rows as lists of their cells' texts (a merged cell once), the lines
    of a cell joined by newlines."""
    return [
        [
            "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
            for tc in tr.tc_lst
        ]
        for tr in table._tbl.tr_lst
    ]


def scoring_sheets(document: Document, content: ReportContent) -> list[Table]:
    """附件1's tables, one per area: those headed by the sheet's columns."""
    names = [c.name for c in content.columns]
    sheets = [table for table in document.tables if cells(table)[0] == names]
    assert len(sheets) == len(content.details)
    return sheets


def test_sections_and_annexes_in_order(word: WordCopy) -> None:
    r = word.content
    headings = [(style, text) for style, text in texts(word.document) if style != "Normal"]
    titles = [text for style, text in headings if style == TITLE.name]
    assert titles[:2] == [r.unit, r.report_heading]
    assert titles[2:] == ["评分明细", "佐证材料目录"]
    top = [text for style, text in headings if style in (HEADING.name, SHEET_HEADING.name)]
    assert top == [*SECTIONS, *(area.heading for area in r.details)]
    # each area's sheet after the first starts a page, as in the PDF
    sheets = [text for style, text in headings if style == SHEET_HEADING.name]
    assert sheets == [area.heading for area in r.details[1:]]
    assert word.document.styles[SHEET_HEADING.name].paragraph_format.page_break_before
    assert [text for style, text in headings if style == SUBHEADING.name] == [
        a.heading for a in r.achievements
    ]
    assert [text for style, text in headings if style == ANNEX_LABEL.name] == ["附件1", "附件2"]
    # the annex starts a page of its own, as its style says
    assert word.document.styles[ANNEX_LABEL.name].paragraph_format.page_break_before


def test_every_table_repeats_its_header_row_and_only_it(word: WordCopy) -> None:
    tables = word.document.tables
    # 基本情况, 自评得分, 整改措施, one 评分明细 per area, 佐证材料目录
    assert len(tables) == 4 + len(word.content.details)
    for table in tables:
        flags = [
            tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
            for tr in table._tbl.tr_lst
        ]
        assert flags[0] and not any(flags[1:])
        header = table.rows[0].cells
        assert {p.style.name for cell in header for p in cell.paragraphs} == {TABLE_HEADER.name}


def test_fonts_by_role_name_the_east_asian_face(word: WordCopy) -> None:
    def fonts(name: str) -> tuple[str | None, float | None]:
        style = word.document.styles[name]
        rfonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert rfonts is not None and rfonts.get(qn("w:eastAsiaTheme")) is None
        return rfonts.get(qn("w:eastAsia")), style.font.size.pt if style.font.size else None

    assert fonts("Normal") == ("仿宋_GB2312", 16)
    assert fonts(TITLE.name) == ("方正小标宋简体", 22)
    assert fonts(HEADING.name) == ("黑体", 16)
    assert fonts(SUBHEADING.name) == ("楷体_GB2312", 16)
    assert fonts(PAGE_NUMBER.name) == ("宋体", 14)
    assert fonts(TABLE_TEXT.name)[0] == "仿宋_GB2312"
    assert fonts(LEAD.name) == ("仿宋_GB2312", 16)
    # a heading, and a line that introduces a table, go to the next page with what follows
    for role in (HEADING, SUBHEADING, LEAD, SIGN_LINE, SIGNATURE):
        assert word.document.styles[role.name].paragraph_format.keep_with_next, role
    # Word's stand-ins where an office lacks the first face
    with zipfile.ZipFile(word.path) as package:
        table = package.read("word/fontTable.xml").decode()
    for face, stand_in in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
    ):
        assert re.search(f'w:name="{face}"><w:altName w:val="{stand_in}"/>', table), face
    # a run without a style of its own falls back on 仿宋 too, not on a theme font
    defaults = word.document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    rfonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rfonts.get(qn("w:eastAsiaTheme")) is None


def test_paragraphs_and_runs_take_styles_not_direct_formatting(word: WordCopy) -> None:
    body = word.document.element.body
    for properties, style in ((qn("w:pPr"), qn("w:pStyle")), (qn("w:rPr"), qn("w:rStyle"))):
        found = list(body.iter(properties))
        assert found
        assert {child.tag for element in found for child in element} == {style}


def test_page_is_a4_with_the_margins_of_gbt_9704(word: WordCopy) -> None:
    (section,) = word.document.sections
    page = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    # Word keeps lengths in twentieths of a point: to the nearest tenth of a millimetre
    assert [round(length.mm, 1) for length in page] == [210, 297]
    assert [round(length.mm, 1) for length in margins] == [37, 35, 28, 26]


def test_page_numbers_are_a_page_field_between_dashes_at_the_outer_corner(word: WordCopy) -> None:
    (section,) = word.document.sections
    assert word.document.settings.odd_and_even_pages_header_footer
    odd_even = (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    )
    for footer, side in odd_even:
        (paragraph,) = footer.paragraphs
        assert paragraph.style.name == PAGE_NUMBER.name
        xml = paragraph._p
        kinds = [c.get(qn("w:fldCharType")) for c in xml.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [t.text.strip() for t in xml.iter(qn("w:instrText"))] == ["PAGE"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        alignment = paragraph.paragraph_format.alignment  # LEFT is 0: no `or` here
        if alignment is None:
            alignment = paragraph.style.paragraph_format.alignment
        assert alignment == side, alignment


def test_totals_and_rates_are_the_pdfs(word: WordCopy, sample_texts: list[str]) -> None:
    r = word.content
    pdf = flat("".join(sample_texts))
    text = flat(all_text(word.document))
    for line in (r.total_line, r.basic_paragraph, *(area.score_line for area in r.details)):
        assert flat(line) in text and flat(line) in pdf, line
    summary = cells(word.document.tables[1])
    applicable = ["适用分值"] if r.show_applicable else []
    assert summary[0] == ["序号", "一级指标", "满分", *applicable, "自评得分", "得分率"]
    expected = [
        [a.number, a.title, a.nominal, *([a.max] if r.show_applicable else []), a.score, a.rate]
        for a in [*r.areas, r.areas_total]
    ]
    assert summary[1:-1] == expected
    assert summary[-1][-2:] == [r.total, r.grade]
    for row in expected:
        assert flat("".join(row)) in pdf


def test_scoring_sheet_has_subtotals_total_and_the_sheets_columns(word: WordCopy) -> None:
    r = word.content
    names = [c.name for c in r.columns]
    roles = [c.role for c in r.columns]
    sheets = scoring_sheets(word.document, r)
    for index, (table, area) in enumerate(zip(sheets, r.details, strict=True)):
        got = cells(table)
        assert got[0] == names
        items = [row for g in area.groups for row in g.rows]
        groups = [g.heading for g in area.groups if g.heading]
        sums = 2 if index == len(r.details) - 1 else 1
        assert len(got) == 1 + len(items) + len(groups) + sums
        scored = [row for row in got[1:] if len(row) == len(names) and row[0].isdigit()]
        self_score = roles.index("self_score")
        assert [row[self_score] for row in scored] == [i.score for i in items]
        subtotal = got[-sums]
        assert subtotal[roles.index("content")] == "小计"
        assert subtotal[roles.index("points")] == area.points
        assert subtotal[self_score] == area.score
        if "inspected" in roles:  # 考核分: left blank for the inspection team
            assert all(
                row[roles.index("inspected")] == "" for row in got[1:] if len(row) == len(names)
            )
    last = cells(sheets[-1])[-1]
    assert last[roles.index("content")] == "合计"
    assert last[roles.index("self_score")] == r.areas_total.score


def test_evidence_index_lists_every_entry(word: WordCopy) -> None:
    got = cells(word.document.tables[-1])
    assert got[0] == ["序号", "名称", "类别", "日期", "引用条目"]
    assert [row[0] for row in got[1:]] == [str(e.number) for e in word.content.evidence]
    assert [row[1].split("\n")[0] for row in got[1:]] == [e.title for e in word.content.evidence]


def test_a_draft_says_so_on_every_page_and_the_pdf_is_the_copy_of_record(
    word: WordCopy,
) -> None:
    r = word.content
    assert r.unanswered  # the sample unit left an item blank
    section = word.document.sections[0]
    for header in (section.header, section.even_page_header):
        assert header.paragraphs[0].text == f"草稿（{len(r.unanswered)}项未填写）"
    text = flat(all_text(word.document))
    assert "（盖章）" not in text  # no seal block on a draft
    assert flat(f"以报告指纹为 {r.fingerprint} 的 PDF 报告为准") in text
    properties = word.document.core_properties
    assert properties.author == r.unit and properties.last_modified_by.startswith("checklist ")
    assert f"报告指纹 {r.fingerprint}" in properties.keywords


def test_user_text_is_kept_literally(word: WordCopy) -> None:
    text = all_text(word.document)
    assert INJECTED_NOTE in text
    assert INJECTED_EVIDENCE in text


def _small(path: Path, unit: str, *, complete: bool = True, note: str = "") -> Path:
    pack = load_pack(SMALL_STANDARD)
    write_small_answers(path, pack)
    with AnswersStore.open(path, pack) as store:
        store.set_profile(unit=unit)
        if note:
            store.set_answer("a-01", value=True, note=note)
        if not complete:
            store.set_answer("b-01", value=None)
    return path


def _word(answers: Path, output: Path) -> Document:
    pack = load_pack(SMALL_STANDARD)
    writer.render(pack, answers, output, now=dt.datetime(2026, 11, 24, 12).astimezone())
    return docx.Document(str(output))


def test_a_unit_name_with_markup_characters_prints_as_typed(tmp_path: Path) -> None:
    unit = """某局<机关>&"工会"'委员会'"""
    note = "说明\x07含控制字符 & <b>不加粗</b>"
    document = _word(_small(tmp_path / "a.toml", unit, note=note), tmp_path / "a.docx")
    lines = [text for _, text in texts(document)]
    assert lines[0] == unit
    assert "说明\ufffd含控制字符 & <b>不加粗</b>" in "\n".join(lines)
    assert document.core_properties.author == unit


def test_an_incomplete_report_is_marked_draft_and_has_no_seal_block(tmp_path: Path) -> None:
    answers = _small(tmp_path / "a.toml", "某局机关工会", complete=False)
    content = build_content(load_pack(SMALL_STANDARD), answers.read_bytes())
    assert len(content.unanswered) == 1
    document = _word(answers, tmp_path / "a.docx")
    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        assert header.paragraphs[0].text == "草稿（1项未填写）"
    assert not [text for style, text in texts(document) if "（盖章）" in text]
    complete = _word(_small(tmp_path / "b.toml", "某局机关工会"), tmp_path / "b.docx")
    assert not complete.sections[0].header.paragraphs[0].text
    paragraphs = list(texts(complete))
    assert ("落款", "某局机关工会（盖章）") in paragraphs
    assert ("落款", "二〇二六年十一月二十四日") in paragraphs


def test_an_earlier_copy_is_replaced_but_an_edited_one_or_another_file_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _small(tmp_path / "a.toml", "某局机关工会")
    output = tmp_path / "报告.docx"
    command = ["report", str(answers), "-o", str(output), "--criteria", str(SMALL_STANDARD)]
    assert main(command) == 0
    assert main(command) == 0  # an earlier copy of ours: replaced
    assert "已生成自评报告的 Word 副本" in capsys.readouterr().out
    # someone edited it in Word: 最后修改者 is them now
    edited = docx.Document(str(output))
    edited.core_properties.last_modified_by = "李敏"
    edited.save(str(output))
    before = output.read_bytes()
    assert main(command) == 1
    assert "在其他程序中修改过的 Word 文件，没有覆盖" in capsys.readouterr().err
    output.write_text("不是 Word 文件")
    assert main(command) == 1
    assert "不是 Word 文件，没有覆盖" in capsys.readouterr().err
    assert output.read_text() == "不是 Word 文件"
    output.write_bytes(before)
    assert main([*command, "--pdfa"]) == 1
    assert "--pdfa 只用于 PDF 报告" in capsys.readouterr().err
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".checklist-")]


@pytest.mark.skipif(
    soffice is None, reason="LibreOffice (soffice) 未安装：apt-get install libreoffice-writer-nogui"
)
def test_libreoffice_opens_the_word_copy(word: WordCopy, tmp_path: Path) -> None:
    assert soffice is not None
    profile = tmp_path / "profile"  # a profile of its own: others may run soffice at once
    run = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(word.path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    pdf = tmp_path / "报告.pdf"
    assert run.returncode == 0 and pdf.exists(), run.stdout + run.stderr
    reader = pypdf.PdfReader(pdf)
    mark = writer.draft_mark(word.content)
    assert mark  # the sample is a draft: each page starts with the mark in its header
    pages = [flat(page.extract_text()).removeprefix(flat(mark)) for page in reader.pages]
    assert len(pages) > 10
    assert pages[0].startswith(flat(word.content.unit))
    for annex in ("附件1评分明细", "附件2佐证材料目录"):  # each at the head of a page
        assert len([page for page in pages if page.startswith(annex)]) == 1, annex
    # the page number field, updated by LibreOffice: "— N —" on each page
    for number, page in enumerate(pages, 1):
        assert f"—{number}—" in page, number


EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.answers.toml"))


@pytest.mark.parametrize("answers", EXAMPLES, ids=lambda path: path.name)
def test_each_shipped_sheet_keeps_its_own_columns_and_numbering(answers: Path) -> None:
    """Standards name and order the sheet's columns their own way (合格 sheets without
    工作情况和数字说明, items numbered per area): the Word copy follows each."""
    from checklist.answers.edition import standard_for

    content = build_content(standard_for(answers).pack, answers.read_bytes())
    document = docx.Document(io.BytesIO(writer.document_bytes(content)))
    sheets = scoring_sheets(document, content)
    roles = [c.role for c in content.columns]
    for table, area in zip(sheets, content.details, strict=True):
        got = cells(table)
        assert got[0] == [c.name for c in content.columns]
        numbers = [row[roles.index("number")] for row in got[1:] if len(row) == len(roles)]
        items = [row for g in area.groups for row in g.rows]
        assert numbers[: len(items)] == [str(item.number) for item in items]
    assert cells(sheets[-1])[-1][roles.index("self_score")] == content.areas_total.score


def test_the_body_reads_as_the_pdf_does_without_codes_or_score_arithmetic(word: WordCopy) -> None:
    paragraphs = [text for _, text in texts(word.document)]
    body = "\n".join(paragraphs)
    body = body[body.index(SECTIONS[2]) : body.index(SECTIONS[4])]
    codes = [i for i in word.content.problems if i.item_id in body]
    assert not codes, codes
    assert not re.search(r"自评 ?[\d.]+ ?分|分值 ?[\d.]+ ?分|差 ?[\d.]+ ?分", body)
    # The shortfalls are said as the content words them, with their place in 附件1.
    assert word.content.problems
    for problem in word.content.problems:
        assert problem.said in body
    if word.content.open_line:
        assert word.content.open_line in body
