"""Many units at once: find their answers files and reports, read and score each.

A folder stands for the answers files (*.toml) and reports (*.pdf) in it and below
it. A report is scored from the answers and the standard it carries, an answers file
against the standard it records (found here). A report and the answers file it was
made from are one unit, shown once (the report, which can be verified). An inspection
file (验收记录) or a 验收评分表 gives the 验收总分 of the unit whose report it
inspected, matched by the report fingerprint; one whose report is not among the files
is a row of its own, scored from the answers it carries. A file that cannot be read
is a row that says why, never a stop.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from checklist.answers.model import Answers
from checklist.answers.reading import answers_from_bytes
from checklist.criteria.library import Library, how_to_install
from checklist.criteria.load import source_of
from checklist.criteria.model import Pack
from checklist.inspection import inspected_total, inspection_from_bytes, is_inspection
from checklist.inspection.model import Inspection
from checklist.inspection.record import Reported
from checklist.problems import ProblemsError, display_path, os_error_text
from checklist.reading import MB, read_file
from checklist.report.fingerprint import report_fingerprint
from checklist.report.standard_check import installed_for
from checklist.report.verify import VerifyError, read_embedded
from checklist.scoring import Score, score

# A standard among the files is not a unit: its [pack] table says what it is.
_STANDARD_HEADER = re.compile(rb"^\s*\[pack\]\s*$", re.MULTILINE)
_MOST_ANSWERS = 8 * MB

# Whether a report passes verification, and if not why (in Chinese).
Verifier = Callable[[Path], tuple[bool, str]]


@dataclass
class Inspected:
    """An inspection found among the files: in an inspection file or a 验收评分表."""

    path: Path
    inspection: Inspection
    reported: Reported
    verified: bool | None = None  # of a 验收评分表 (None: a file, or not checked)
    verdict: str = ""

    @property
    def total(self) -> Score:
        reported = self.reported
        return inspected_total(
            reported.pack, reported.self_score, self.inspection, reported.answers
        )


@dataclass
class UnitRow:
    """One unit's line of the summary, or a file that could not be read (`problem`)."""

    path: Path
    kind: str  # 报告 or 答卷
    unit: str = ""
    pack: Pack | None = None
    result: Score | None = None
    fingerprint: str = ""  # the report fingerprint (answers + standard)
    verified: bool | None = None  # None: an answers file, or not checked (--no-verify)
    verdict: str = ""  # why verification failed, in Chinese
    problem: str = ""  # why the file could not be read, in Chinese
    notes: list[str] = field(default_factory=list)  # what the inspector should know
    inspected: Score | None = None  # the 验收总分 and 等次, where the unit was inspected
    sheet_failed: bool = False  # a 验收评分表 of the unit failed verification

    @property
    def readable(self) -> bool:
        return self.result is not None


def unit_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The answers files and reports named by `paths` (folders searched, hidden files
    skipped), each once; and what could not be searched, in Chinese."""
    found: dict[Path, None] = {}
    problems = []
    for path in paths:
        if path.is_dir():
            for child in sorted(_walk(path)):
                found.setdefault(child, None)
        elif path.exists():
            found.setdefault(path, None)
        else:
            problems.append(f"{display_path(path)}：找不到这个文件或文件夹")
    return list(found), problems


def _walk(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if not hidden and path.suffix.lower() in (".toml", ".pdf") and path.is_file():
            yield path


def read_units(
    files: Iterable[Path], library: Library, verifier: Verifier | None = None
) -> list[UnitRow]:
    """Each file as a unit's row (standards among the files left out): the units of
    the standard most of them were scored against first, then those of each other
    standard alike; unreadable files last. Within a standard, as a team ranks units
    for naming: those inspected first, by 验收总分, then the others by 自评总分,
    highest first. `verifier` checks each report."""
    rows = []
    inspections: list[Inspected] = []
    standards = _known_standards(library)  # and each standard a report carries, once
    for path in files:
        row = _read(path, library, verifier, standards)
        if isinstance(row, Inspected):
            inspections.append(row)
        elif row is not None:
            rows.append(row)
    rows = _one_per_fingerprint(rows)
    rows += _matched(rows, inspections)
    _flag_other_standards(rows)
    _flag_same_unit(rows)
    used = Counter(row.pack.info.id for row in rows if row.pack is not None)
    rank = {pack_id: n for n, (pack_id, _) in enumerate(used.most_common())}

    def order(row: UnitRow) -> tuple[int, bool, float, str]:
        if row.result is None or row.pack is None:
            return (len(rank), True, 0.0, str(row.path))
        ranked_by = row.inspected or row.result
        return (rank[row.pack.info.id], row.inspected is None, -ranked_by.total, row.unit)

    return sorted(rows, key=order)


def _known_standards(library: Library) -> dict[bytes, Pack]:
    """The standards of the library by the bytes of their files: a report carrying
    one of them (most carry the shipped one) need not read and validate it again."""
    known: dict[bytes, Pack] = {}
    for standard in library:
        try:
            known[source_of(standard.pack)] = standard.pack
        except LookupError:  # no longer remembered (more standards than are kept)
            continue
    return known


def _read(
    path: Path, library: Library, verifier: Verifier | None, standards: dict[bytes, Pack]
) -> UnitRow | Inspected | None:
    if path.suffix.lower() == ".pdf":
        return _read_report(path, library, verifier, standards)
    row = UnitRow(path, "答卷")
    try:
        raw = read_file(path, _MOST_ANSWERS, "答卷文件")
    except (OSError, ValueError) as exc:
        row.problem = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
        return row
    if b"[pack]" in raw and _STANDARD_HEADER.search(raw):  # the quick test first
        return None
    if is_inspection(raw):
        return _read_inspection(path, raw, "验收记录")
    try:
        answers = answers_from_bytes(raw, display_path(path))
    except ProblemsError as exc:
        row.problem = f"答卷无法读取：{exc}"
        return row
    stamp = answers.stamp
    if not stamp.pack:
        standard = library.default
    else:
        standard = library.find(stamp.pack, stamp.edition, stamp.fingerprint)
    if standard is None:
        row.problem = (
            f"答卷是按标准 {stamp.pack}（{stamp.edition or '版本未注明'}）填写的，"
            f"本机没有安装这份标准。{how_to_install(library)}"
        )
        return row
    if stamp.fingerprint and stamp.fingerprint != standard.pack.fingerprint:
        row.notes.append(
            f"答卷按{stamp.edition or '另一版本'}填写，本机按{standard.pack.info.edition}计分"
        )
    _scored(row, standard.pack, answers, raw, None)
    return row


def _read_inspection(path: Path, raw: bytes, kind: str) -> UnitRow | Inspected:
    try:
        inspection, reported = inspection_from_bytes(raw, display_path(path))
    except ProblemsError as exc:
        return UnitRow(path, kind, problem=f"验收记录无法读取：{exc}")
    return Inspected(path, inspection, reported)


def _read_report(
    path: Path, library: Library, verifier: Verifier | None, standards: dict[bytes, Pack]
) -> UnitRow | Inspected:
    row = UnitRow(path, "报告")
    try:
        embedded = read_embedded(path, standards, sheets=True)
        if embedded.inspection is not None:
            found = _read_inspection(path, embedded.inspection, "验收评分表")
            if isinstance(found, Inspected) and verifier is not None:
                found.verified, found.verdict = verifier(path)
            return found
        pack = (
            embedded.standard.pack
            if embedded.standard
            else installed_for(embedded.criteria_fingerprint, library)
        )
        answers = answers_from_bytes(embedded.answers, f"{display_path(path)} 内嵌答卷")
    except VerifyError as exc:
        row.problem = str(exc)
        return row
    except ProblemsError as exc:
        row.problem = f"内嵌答卷无法读取：{exc}"
        return row
    _scored(row, pack, answers, embedded.answers, embedded.scored_on)
    if verifier is not None:
        row.verified, row.verdict = verifier(path)
    return row


def _scored(row: UnitRow, pack: Pack, answers: Answers, raw: bytes, day: dt.date | None) -> None:
    row.unit = answers.profile.unit
    row.pack = pack
    row.result = score(pack, answers, today=day)
    row.fingerprint = report_fingerprint(raw, pack.fingerprint)


def _one_per_fingerprint(rows: list[UnitRow]) -> list[UnitRow]:
    """A report and the answers file it was made from, once: the report stays."""
    reports = {row.fingerprint for row in rows if row.kind == "报告" and row.fingerprint}
    kept = []
    for row in rows:
        if row.kind == "答卷" and row.fingerprint in reports:
            continue
        kept.append(row)
    return kept


def _matched(rows: list[UnitRow], inspections: list[Inspected]) -> list[UnitRow]:
    """Each inspection's 验收总分 given to the unit whose report it inspected (by the
    report fingerprint); the rows of the units whose report is not among the files,
    scored from the answers the inspection carries."""
    by_fingerprint = {row.fingerprint: row for row in rows if row.fingerprint}
    added: list[UnitRow] = []
    for found in inspections:
        where = display_path(found.path)
        fingerprint = found.reported.fingerprint
        row = by_fingerprint.get(fingerprint)
        if row is None:
            row = UnitRow(found.path, "验收")
            reported = found.reported
            _scored(row, reported.pack, reported.answers, reported.answers_raw, reported.scored_on)
            others = [r.fingerprint for r in rows if r.unit and r.unit == row.unit]
            if others:
                row.notes.append(
                    f"验收记录所验收的报告（指纹 {fingerprint}）与所列该单位的报告或答卷"
                    f"（指纹 {'、'.join(others)}）不是同一份：单位可能改过答卷，"
                    "验收总分不属于所列报告，请核实"
                )
            else:
                row.notes.append(
                    "所列文件中没有这份验收记录所验收的报告或答卷，自评总分按其所附答卷计"
                )
            by_fingerprint[fingerprint] = row
            added.append(row)
        total = found.total
        if row.inspected is not None and abs(row.inspected.total - total.total) > 1e-9:
            row.notes.append(
                f"同一份报告有验收总分不同的验收记录：{where} 为 {total.total_text} 分，"
                f"另一份为 {row.inspected.total_text} 分，请核实以哪一份为准"
            )
        row.inspected = total
        if found.verified is False:
            row.sheet_failed = True
            row.notes.append(f"验收评分表未通过核验（{where}）：{found.verdict}")
    return added


def reference_standard(rows: list[UnitRow]) -> tuple[str, str] | None:
    """The standard (id, edition) most units were scored against."""
    counted = Counter(
        (row.pack.info.id, row.pack.info.edition) for row in rows if row.pack is not None
    )
    return counted.most_common(1)[0][0] if counted else None


def _flag_other_standards(rows: list[UnitRow]) -> None:
    """Units scored against another edition than most units of their standard."""
    by_standard: dict[str, list[UnitRow]] = {}
    for row in rows:
        if row.pack is not None:
            by_standard.setdefault(row.pack.info.id, []).append(row)
    for group in by_standard.values():
        reference = reference_standard(group)
        for row in group:
            assert row.pack is not None and reference is not None
            if row.pack.info.edition != reference[1]:
                row.notes.append(
                    f"按另一版本（{row.pack.info.edition}）计分，"
                    f"多数单位按{reference[1]}，分数不可直接比较"
                )


def _flag_same_unit(rows: list[UnitRow]) -> None:
    counted = Counter(row.unit for row in rows if row.unit)
    for row in rows:
        if row.unit and counted[row.unit] > 1:
            row.notes.append(f"同一单位有 {counted[row.unit]} 份不同的答卷或报告")
