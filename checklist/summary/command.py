"""`checklist summary`: many units' answers files and reports in one table."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checklist.problems import ProblemsError, display_path, os_error_text
from checklist.summary.units import UnitRow, Verifier

EXIT_OK, EXIT_PROBLEMS = 0, 1
_FORMATS = (".csv", ".xlsx", ".json", ".pdf")


def summary(
    paths: list[Path], *, output: Path | None, as_json: bool, as_csv: bool, verify: bool
) -> int:
    """Print (or write to `output`) the summary of the units in `paths`; exit 0 only
    when every file was read and every report and 验收评分表 checked passed."""
    from checklist.atomic import write_atomically
    from checklist.criteria.library import read_library
    from checklist.summary.exports import csv_bytes, write_export
    from checklist.summary.table import records, summary_text
    from checklist.summary.units import read_units, unit_files

    if output is not None and output.suffix.lower() not in _FORMATS:
        return _fail(
            f"{display_path(output)}：不支持这种文件格式；汇总可以写成 {'、'.join(_FORMATS)} 文件"
        )
    files, missing = unit_files(paths)
    for problem in missing:
        print(problem, file=sys.stderr)
    if not files:
        return _fail("没有找到答卷文件（.toml）或报告（.pdf）")
    try:
        library = read_library()
    except ProblemsError as exc:
        return _fail(exc)
    verifier: Verifier | None = None
    if verify and any(path.suffix.lower() == ".pdf" for path in files):
        made = _verifier(library)
        if isinstance(made, str):
            return _fail(made)
        verifier = made
    rows = read_units(files, library, verifier)
    if output is not None:
        try:
            suffix = output.suffix.lower()
            if suffix == ".json":
                data = json.dumps(records(rows), ensure_ascii=False, indent=2) + "\n"
                write_atomically(output, data.encode())
            elif suffix == ".pdf":
                laid_out = _pdf(rows)
                if isinstance(laid_out, str):
                    return _fail(laid_out)
                write_atomically(output, laid_out)
            else:
                write_export(rows, output)
        except OSError as exc:
            return _fail(f"无法写入 {display_path(output)}：{os_error_text(exc)}")
        print(f"已写入汇总：{display_path(output)}（{len(rows)} 份）")
    elif as_json:
        print(json.dumps(records(rows), ensure_ascii=False, indent=2))
    elif as_csv:
        sys.stdout.buffer.write(csv_bytes(rows))
        sys.stdout.flush()
    else:
        print(summary_text(rows))
    bad = missing or any(row.problem or row.verified is False or row.sheet_failed for row in rows)
    return EXIT_PROBLEMS if bad else EXIT_OK


def _pdf(rows: list[UnitRow]) -> bytes | str:
    """The summary as a PDF, or what to do when no Chinese font can lay it out."""
    from checklist.report.commands import font_families, fonts_problem
    from checklist.report.pdf.fonts import FontsMissingError, usable_families
    from checklist.summary.pdf import summary_pdf

    try:
        return summary_pdf(rows, usable_families(font_families()))
    except FontsMissingError as exc:
        return fonts_problem(exc)


def _verifier(library: object) -> Verifier | str:
    """Checks each report as `checklist verify` does (remaking it page by page)."""
    from checklist.criteria.library import Library
    from checklist.report.commands import _renderer, _TerminalProgress, remaker, sheet_remaker
    from checklist.report.pdf.writer import GENERATOR
    from checklist.report.side_by_side import ChildDiedError
    from checklist.report.verify import VerifyError, verify_report

    assert isinstance(library, Library)
    renderer = _renderer()
    if isinstance(renderer, str):
        return renderer
    progress = _TerminalProgress("核验报告")
    remake = remaker(renderer, progress)

    def check(path: Path) -> tuple[bool, str]:
        try:
            outcome = verify_report(
                path, None, library, remake, GENERATOR, remake_sheet=sheet_remaker(renderer)
            )
        except (VerifyError, ProblemsError, ChildDiedError) as exc:
            progress.clear()
            return False, str(exc)
        except OSError as exc:
            progress.clear()
            return False, f"无法重新生成报告以逐页比对（{os_error_text(exc)}）"
        failed = [f"{c.label}：{c.detail}" for c in outcome.checks if not c.ok]
        return outcome.ok, "；".join(failed)

    return check


def _fail(problem: object) -> int:
    print(problem, file=sys.stderr)
    return EXIT_PROBLEMS
