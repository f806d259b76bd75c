"""`checklist verify`: passes on a fresh report, fails on an altered one."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pypdf
import pytest

from checklist.cli import main
from checklist.report import data as report_data
from checklist.report.fingerprint import ATTACHMENT_NAME
from checklist.report.render import Renderer

from .conftest import RenderedSample


def _rewrite(source: Path, target: Path, *, attachment: bytes | None = None, **meta: str) -> None:
    """Copy a PDF with pypdf, replacing the embedded answers and/or metadata entries."""
    reader = pypdf.PdfReader(source)
    writer = pypdf.PdfWriter(clone_from=reader)
    if attachment is not None:
        # drop the original name tree, then attach the forged answers under the same name
        names = writer._root_object.get("/Names")
        if names is not None and "/EmbeddedFiles" in names:
            del names[pypdf.generic.NameObject("/EmbeddedFiles")]
        writer.add_attachment(ATTACHMENT_NAME, attachment)
    if meta:
        writer.add_metadata({f"/{k}": v for k, v in meta.items()})
    buffer = io.BytesIO()
    writer.write(buffer)
    target.write_bytes(buffer.getvalue())


def test_verify_passes_on_fresh_report(
    rendered: RenderedSample, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(rendered.pdf)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out
    assert "报告与内嵌答卷一致" in out


def test_verify_fails_when_attachment_is_altered(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = rendered.sample.answers_path.read_bytes()
    forged = original.replace("王建华".encode(), "张三".encode(), 1)
    assert forged != original
    target = tmp_path / "forged.pdf"
    _rewrite(rendered.pdf, target, attachment=forged)
    assert pypdf.PdfReader(target).attachments[ATTACHMENT_NAME] == [forged]
    assert main(["verify", str(target)]) == 1
    captured = capsys.readouterr()
    assert "✗ 报告指纹" in captured.out
    assert "Traceback" not in captured.err


def test_verify_fails_when_printed_metadata_is_altered(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "meta.pdf"
    _rewrite(rendered.pdf, target, checklisttotal="99", checklistgrade="示范")
    assert main(["verify", str(target)]) == 1
    out = capsys.readouterr().out
    assert "✗ 总分" in out and "✗ 等次" in out


def test_verify_fails_when_printed_figures_are_forged(
    rendered: RenderedSample,
    renderer: Renderer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A report whose printed total and 等次 do not come from its answers (a unit
    that edited the figures before printing) is caught by re-scoring."""
    original_build = report_data.build_report_data

    def forged_build(*args: object, **kwargs: object) -> report_data.ReportData:
        built = original_build(*args, **kwargs)  # type: ignore[arg-type]
        return dataclasses.replace(
            built,
            total="99",
            grade="示范",
            total_line="自评总分 99 分（满分 100 分），等次：示范",
        )

    monkeypatch.setattr(report_data, "build_report_data", forged_build)
    target = tmp_path / "forged-figures.pdf"
    renderer.render(rendered.sample.pack, rendered.sample.answers_path, target)
    monkeypatch.undo()
    assert main(["verify", str(target)]) == 1
    out = capsys.readouterr().out
    assert "✗ 总分" in out
    assert "封面印制 99" in out


def test_verify_fails_against_another_standard(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checklist.locations import shipped_standard

    changed = tmp_path / "changed.toml"
    changed.write_text(
        shipped_standard()
        .read_text(encoding="utf-8")
        .replace('edition = "2026年版"', 'edition = "2027年版"'),
        encoding="utf-8",
    )
    assert main(["verify", str(rendered.pdf), "--criteria", str(changed)]) == 1
    out = capsys.readouterr().out
    assert "✗ 评价标准" in out
    assert "✗ 报告指纹" in out


def test_verify_rejects_non_pdf_without_traceback(
    rendered: RenderedSample, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(rendered.sample.answers_path)]) == 1
    err = capsys.readouterr().err
    assert "不是有效的 PDF 文件" in err
    assert "Traceback" not in err


def test_verify_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "none.pdf")]) == 1
    assert "找不到报告文件" in capsys.readouterr().err


def test_verify_pdf_without_attachment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    target = tmp_path / "blank.pdf"
    with target.open("wb") as f:
        writer.write(f)
    assert main(["verify", str(target)]) == 1
    assert "没有内嵌答卷" in capsys.readouterr().err
