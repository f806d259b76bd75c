"""`checklist inspect` reads the unit's side from its PDF report as from its answers
file, and refuses what is not a report, or an inspection of another report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from checklist.cli import main
from checklist.inspection import InspectionStore
from checklist.tui.inspection_app import reported_from

from .conftest import SmallReport


def test_a_report_gives_what_its_answers_file_gives(small: SmallReport, tmp_path: Path) -> None:
    from_pdf = reported_from(small.pdf)
    from_answers = reported_from(small.answers_path)
    assert from_pdf.fingerprint == from_answers.fingerprint
    assert from_pdf.answers_raw == small.answers_path.read_bytes()
    # The fingerprint printed on the report is the one the inspection is bound to.
    with pikepdf.open(small.pdf) as pdf:
        assert str(pdf.docinfo["/checklistfingerprint"]) == from_pdf.fingerprint
    # The inspection made from it carries the report: the PDF is not needed again.
    copy = tmp_path / "报告.pdf"
    shutil.copy(small.pdf, copy)
    with InspectionStore.open(tmp_path / "报告.验收.toml", reported_from(copy)) as store:
        first = store.pending()[0]
        store.confirm(first)
    copy.unlink()
    with InspectionStore.open(tmp_path / "报告.验收.toml") as store:
        assert store.reported.fingerprint == from_pdf.fingerprint
        assert store.self_score.total == from_pdf.self_score.total
        assert store.inspection.item(first).confirmed


def test_a_file_that_is_not_a_report_is_told_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "不是报告.pdf"
    fake.write_text("这不是 PDF", "utf-8")
    assert main(["inspect", str(fake)]) == 1
    err = capsys.readouterr().err
    assert "不是 PDF 文件" in err and "Traceback" not in err
    assert not (tmp_path / "不是报告.验收.toml").exists()
    assert main(["inspect", str(tmp_path / "没有.pdf")]) == 1
    assert "找不到这个文件" in capsys.readouterr().err


def test_the_inspection_of_another_report_is_refused(
    small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "另一单位.toml"
    text = small.answers_path.read_text("utf-8")
    other.write_text(text + "\n# 另一份答卷\n", "utf-8")
    inspection = tmp_path / "验收.toml"
    InspectionStore.open(inspection, reported_from(other)).close()
    before = inspection.read_bytes()
    assert main(["inspect", str(small.pdf), "-o", str(inspection)]) == 1
    err = capsys.readouterr().err
    assert "不是这份报告" in err and "-o" in err
    assert inspection.read_bytes() == before


def test_a_report_of_an_older_edition_is_inspected_against_the_edition_it_carries(
    small: SmallReport, no_installed_standards: Path, tmp_path: Path
) -> None:
    from checklist.inspection.edition import installed_edition, other_edition

    # Staff install a newer edition of the report's standard (条目二 reworded).
    text = (no_installed_standards / "valid_small.toml").read_text("utf-8")
    newer = text.replace('edition = "测试版"', 'edition = "测试版二"', 1)
    newer = newer.replace("effective = 2026-01-01", "effective = 2027-01-01", 1)
    newer = newer.replace('text = "条目二"', 'text = "条目二（修订）"', 1)
    (no_installed_standards / "newer.toml").write_text(newer, "utf-8")
    reported = reported_from(small.pdf)
    # The inspection is of the report as made: its edition, its fingerprint.
    assert reported.pack.info.edition == "测试版"
    assert reported.fingerprint == reported_from(small.answers_path).fingerprint
    installed = installed_edition(reported.pack)
    assert installed is not None and installed.info.edition == "测试版二"
    said = "".join(other_edition(reported.pack, installed))
    assert "按测试标准（测试版）出具" in said and "本机安装的这份标准是测试版二" in said
    assert "有改动 1 条" in said and "验收文件不随标准迁移" in said
    # Against the newest edition itself, nothing to say.
    assert other_edition(installed, installed) == []
