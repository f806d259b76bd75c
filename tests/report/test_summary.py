"""`checklist summary`: many units' answers files and reports in one table."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pikepdf
import pypdf
import pytest
from openpyxl import load_workbook

from checklist.answers import read_answers
from checklist.cli import main
from checklist.formats import display_width
from checklist.report.fingerprint import report_fingerprint
from checklist.scoring import score

from .conftest import RenderedSample

EXAMPLES = Path(__file__).parents[2] / "examples"


def _folder(tmp_path: Path, rendered: RenderedSample) -> Path:
    """A folder as an inspection team receives it: a unit's report and the answers
    file it was made from, a report retitled afterwards, two answers files of other
    units (one of another standard), a standard, and a file that is not a report."""
    folder = tmp_path / "收到的材料"
    folder.mkdir()
    shutil.copy(rendered.pdf, folder / "甲单位.pdf")
    shutil.copy(rendered.sample.answers_path, folder / "甲单位.answers.toml")
    with pikepdf.open(rendered.pdf) as pdf:
        pdf.docinfo["/Title"] = "另一个单位自评报告"
        pdf.save(folder / "改过的.pdf")
    shutil.copy(EXAMPLES / "sample-partial.answers.toml", folder / "乙单位.toml")
    shutil.copy(EXAMPLES / "quzhou-hege.answers.toml", folder / "丙.toml")
    shutil.copy(EXAMPLES.parent / "criteria" / "quzhou-hege.toml", folder / "标准.toml")
    (folder / "坏.pdf").write_text("不是 PDF")
    return folder


def test_summary_lists_units_by_score_with_verification_and_problems(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, rendered)
    assert main(["summary", str(folder)]) == 1  # one report fails, one file is unreadable
    out = capsys.readouterr().out
    lines = out.splitlines()
    # The tables fit 100 columns; the notes under them name files by their paths.
    table = [line for line in lines if not line.startswith("[")]
    assert all(display_width(line) <= 100 for line in table), out
    rows = [line for line in lines if line[:4].strip().isdigit()]
    # The report and its answers file are one unit; the standard is not a unit.
    unit = read_answers(rendered.sample.answers_path).profile.unit
    assert sum(unit[:6] in row for row in rows) == 2  # the report, and the retitled copy
    assert {rows[0].split()[-1], rows[1].split()[-1]} == {"通过", "未通过"}
    partial = next(row for row in rows if "生态环境厅" in row)
    # 25.55 earned, printed with the standard's one decimal
    assert " 25.6 未达标 " in partial and partial.rstrip().endswith("21/50 答卷")
    # Sorted by total within the 《条例》 table: the sample's reports before 25.6.
    assert rows.index(partial) == 2
    # The other standard has its own table, with its own parts.
    assert "标准：衢州市基层工会合格职工之家考核细则（节选）" in out
    assert "各部分得分：一 组织健全（18），二 制度完善（18）" in out
    assert "无法读取的文件：" in out and "坏.pdf：不是 PDF 文件" in out
    joined = "".join(line.strip() for line in lines)  # as read, lines wrapped or not
    for told in (
        "共 5 份：4 个单位已计分",
        "按 2 份不同的标准各成一表（分数不可跨表比较）",
        "1 份无法读取",
        "1 份报告未通过核验",
    ):
        assert told in joined
    assert "否决项未通过：yfjh-03" in out
    assert "报告未通过核验" in out and "文档属性 /Title" in out


def test_summary_without_verification_reads_only_what_reports_carry(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, rendered)
    (folder / "坏.pdf").unlink()
    assert main(["summary", "--no-verify", "--json", str(folder)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in records] == ["report", "report", "answers", "answers"]
    assert [r["verified"] for r in records] == [None, None, None, None]
    raw = rendered.sample.answers_path.read_bytes()
    pack = rendered.sample.pack
    expected = score(pack, read_answers(rendered.sample.answers_path))
    for report in records[:2]:
        assert report["fingerprint"] == report_fingerprint(raw, pack.fingerprint)
        assert (report["total"], report["grade"]) == (expected.total, expected.grade)
    partial = records[2]
    assert (partial["total"], partial["grade"], partial["veto_failed"]) == (
        25.6,
        "未达标",
        ["yfjh-03"],
    )
    assert (partial["answered"], partial["applicable"]) == (21, 50)
    assert [a["score"] for a in partial["areas"]] == [9.45, 10.5, 1.6, 0, 4, 0, 0]
    other = records[3]
    assert other["standard"] == "quzhou-hege" and other["total"] == 32


def test_summary_as_csv_and_spreadsheet_opens_in_excel(tmp_path: Path) -> None:
    files = [
        str(EXAMPLES / "sample-complete.answers.toml"),
        str(EXAMPLES / "sample-partial.answers.toml"),
    ]
    out = tmp_path / "汇总.csv"
    assert main(["summary", "-o", str(out), *files]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel and WPS read UTF-8 only with a BOM
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0][:5] == ["序号", "单位", "总分", "满分", "等次"]
    assert table[0][5] == "党建带工建"
    assert [row[2] for row in table[1:]] == ["96.3", "25.6"]  # as the reports print them

    sheet_path = tmp_path / "汇总.xlsx"
    assert main(["summary", "-o", str(sheet_path), *files]) == 0
    sheet = load_workbook(sheet_path).active
    assert sheet is not None
    assert sheet.freeze_panes == "C2"
    assert [c.value for c in sheet[1]][:5] == ["序号", "单位", "总分", "满分", "等次"]
    total = sheet.cell(row=2, column=3)
    # The total as the report prints it: the standard's one decimal, shown as one.
    assert total.value == 96.3 and total.number_format == "0.0"
    assert sheet.cell(row=2, column=6).number_format == "0.00"  # an area's points
    assert sheet.cell(row=3, column=5).value == "未达标"


def test_summary_refuses_an_unknown_output_format_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "汇总.docx"
    assert main(["summary", "-o", str(target), str(EXAMPLES)]) == 1
    assert "不支持这种文件格式" in capsys.readouterr().err
    assert not target.exists()


def test_summary_of_nothing_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(tmp_path), str(tmp_path / "没有.pdf")]) == 1
    err = capsys.readouterr().err
    assert "没有.pdf：找不到这个文件或文件夹" in err
    assert "没有找到答卷文件（.toml）或报告（.pdf）" in err


def test_summary_as_pdf_prints_the_tables_in_chinese_faces(tmp_path: Path) -> None:
    target = tmp_path / "汇总.pdf"
    files = [
        str(EXAMPLES / "sample-complete.answers.toml"),
        str(EXAMPLES / "sample-partial.answers.toml"),
        str(EXAMPLES / "quzhou-hege.answers.toml"),
    ]
    assert main(["summary", "-o", str(target), *files]) == 0
    with pikepdf.open(target) as pdf:
        page = pdf.pages[0]
        assert float(page.mediabox[2]) > float(page.mediabox[3])  # landscape
        fonts = [str(f.BaseFont) for f in page.Resources.Font.values()]
    # Every character, digits and Latin letters too, in the Chinese face asked for: a
    # font rule the page ignored left them to the system's default face (DejaVu).
    assert fonts and all("CJK" in name for name in fonts), fonts
    text = "".join(pypdf.PdfReader(target).pages[0].extract_text().split())
    for told in ("评分汇总表", "××省财政厅机关工会", "96.3", "示范", "25.6", "未达标", "yfjh-03"):
        assert told in text
    assert "衢州市基层工会合格职工之家考核细则" in text and "合格" in text
