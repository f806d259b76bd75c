"""`checklist verify` of many reports: a line each and a count, folders, --json; and
what each report's content means for the inspector."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
import pytest

from checklist.cli import main
from checklist.report import verify_text
from checklist.report.content import ReportContent, build_content, sheet_refs

from .conftest import UNIT, RenderedSample


def _content(rendered: RenderedSample) -> ReportContent:
    return build_content(rendered.sample.pack, rendered.sample.answers_path.read_bytes())


def _retitled(source: Path, target: Path) -> Path:
    with pikepdf.open(source) as pdf:
        pdf.docinfo["/Title"] = "另一个单位自评报告"
        pdf.save(target)
    return target


def test_a_report_named_alone_tells_what_its_content_means(
    rendered: RenderedSample, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(rendered)
    sample = rendered.sample
    assert main(["verify", str(rendered.pdf)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-5:-1] == [
        f"报告内容（按内嵌答卷，供检查组参考）：{UNIT}，{content.total_line}",
        f"  否决项未通过：1 项：{sample.veto_item}",
        f"  未填写的条目：1 项：{sample.unanswered_item}",
        "  需复核的条目：0 项",
    ]
    assert lines[-1].startswith("结论：报告与内嵌答卷一致")


def test_veto_items_unanswered_or_needing_review_are_told_apart(
    rendered: RenderedSample,
) -> None:
    """An answer that no longer fits its veto item: it needs review, and the veto item
    counts as not met, as the report itself says."""
    sample = rendered.sample
    raw = sample.answers_path.read_bytes()
    old = f"[answers.{sample.veto_item}]\nvalue = false".encode()
    assert old in raw
    content = build_content(
        sample.pack, raw.replace(old, f'[answers.{sample.veto_item}]\nvalue = "是"'.encode())
    )
    assert verify_text.findings_lines(content)[1:] == [
        "  否决项未通过：0 项",
        f"  否决项尚未填写或需复核（按未通过计）：1 项：{sample.veto_item}",
        f"  未填写的条目：1 项：{sample.unanswered_item}",
        f"  需复核的条目：1 项：{sample.veto_item}",
    ]
    # the report's own words agree, naming the item by its place in 附件1
    assert sheet_refs(sample.pack)[sample.veto_item] in content.veto_line


def test_many_reports_a_line_each_and_a_count(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(rendered)
    good = tmp_path / "甲.pdf"
    shutil.copyfile(rendered.pdf, good)
    altered = _retitled(rendered.pdf, tmp_path / "乙.pdf")
    findings = "否决项未通过 1 项，未填写 1 项，需复核 0 项"
    assert main(["verify", str(good), str(altered)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"✓ {good}：通过；{UNIT}，{content.total} 分，{content.grade}；{findings}",
        f"✗ {altered}：未通过（文档信息）；{UNIT}，按内嵌答卷 {content.total} 分，"
        f"{content.grade}；{findings}",
        "共核验 2 份报告：1 份通过，1 份未通过或无法核验",
    ]
    assert main(["verify", str(good), str(rendered.pdf)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "共核验 2 份报告：2 份通过"


def test_a_folder_is_checked_report_by_report(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "收到的报告"
    (folder / "子文件夹").mkdir(parents=True)
    for name in ("b.PDF", "a.pdf", "子文件夹/c.pdf"):
        shutil.copyfile(rendered.pdf, folder / name)
    (folder / "说明.txt").write_text("不是报告", "utf-8")
    empty = tmp_path / "空"
    empty.mkdir()
    assert main(["verify", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("：")[0] for line in lines[:-1]] == [
        f"✓ {folder / 'a.pdf'}",
        f"✓ {folder / 'b.PDF'}",
    ]
    assert lines[-1] == "共核验 2 份报告：2 份通过"
    assert main(["verify", str(folder), str(empty)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2] == (
        f"✗ {empty}：文件夹中没有 PDF 文件（*.pdf）；请指定报告文件或存放报告的文件夹"
    )


def test_json_lists_each_report(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(rendered)
    sample = rendered.sample
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(rendered.pdf.read_bytes()[:4096])
    assert main(["verify", "--json", str(rendered.pdf), str(cut)]) == 1
    good, bad = json.loads(capsys.readouterr().out)
    assert {k: good[k] for k in ("file", "ok", "error", "unit", "total", "max", "grade")} == {
        "file": str(rendered.pdf),
        "ok": True,
        "error": None,
        "unit": UNIT,
        "total": float(content.total),
        "max": 100.0,
        "grade": content.grade,
    }
    assert good["fingerprint"] == content.fingerprint
    assert good["standard"]["id"] == sample.pack.info.id
    assert good["standard"]["fingerprint"] == sample.pack.fingerprint
    assert good["findings"] == {
        "veto_failed": [sample.veto_item],
        "veto_pending": [],
        "unanswered": [sample.unanswered_item],
        "review": [],
    }
    assert all(check["ok"] for check in good["checks"])
    assert "页面版面" in [check["label"] for check in good["checks"]]
    assert bad["ok"] is False and bad["checks"] == [] and bad["findings"] is None
    assert bad["error"].startswith("PDF 文件不完整")
    # One report: a list of one, all the same.
    assert main(["verify", "--json", str(rendered.pdf)]) == 0
    assert [r["file"] for r in json.loads(capsys.readouterr().out)] == [str(rendered.pdf)]
