"""Check a report PDF against the answers file embedded in it (for inspectors).

The report prints its total, 等次 and fingerprint on the cover, the fingerprint on
every page, and the same figures in the PDF metadata. Verification re-scores the
embedded answers against the standard given, recomputes the fingerprint and
compares. pypdf reads the PDF; WeasyPrint is not needed.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.answers.model import Answers
from checklist.answers.store import answers_from_bytes
from checklist.criteria.model import Pack
from checklist.messages import ProblemsError, os_error_text
from checklist.report.data import points
from checklist.report.fingerprint import ATTACHMENT_NAME, report_fingerprint
from checklist.scoring import score

# Keys WeasyPrint writes for <meta name="checklist-…"> (non-alphanumerics dropped).
META_TOTAL = "/checklisttotal"
META_GRADE = "/checklistgrade"
META_FINGERPRINT = "/checklistfingerprint"
META_CRITERIA = "/checklistcriteria"

_COVER_LINE = re.compile(r"自评总分([0-9.]+)分（满分([0-9.]+)分），等次：(示范|达标|未达标)")
_FINGERPRINT = re.compile(r"报告指纹([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})")


class VerifyError(Exception):
    """The report cannot be checked at all (not a PDF, no embedded answers …)."""


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str


@dataclass
class Verification:
    checks: list[Check] = field(default_factory=list)
    answers: Answers | None = None

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, label: str, ok: bool, detail: str) -> None:
        self.checks.append(Check(label, ok, detail))


def verify_report(path: Path, pack: Pack) -> Verification:
    """Compare what the report prints with a fresh scoring of its embedded answers."""
    # pypdf logs its repairs of damaged files; our checks report what matters, in Chinese.
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.CRITICAL)
    try:
        return _verify(path, pack)
    finally:
        pypdf_logger.setLevel(level)


def _verify(path: Path, pack: Pack) -> Verification:
    reader = _open(path)
    raw = _embedded_answers(reader)
    try:
        answers = answers_from_bytes(raw, f"内嵌答卷 {ATTACHMENT_NAME}")
    except ProblemsError as exc:
        raise VerifyError(f"内嵌答卷无法读取：\n{exc}") from None
    result = score(pack, answers)
    expected_total = points(result.total)
    expected_grade = result.grade.value
    expected_fp = report_fingerprint(raw, pack.fingerprint)

    texts = _page_texts(reader)
    meta = _metadata(reader)
    outcome = Verification(answers=answers)
    outcome.add("内嵌答卷", True, f"{ATTACHMENT_NAME}，{len(raw)} 字节")

    criteria = meta.get(META_CRITERIA, "")
    outcome.add(
        "评价标准",
        criteria == pack.fingerprint,
        f"报告按“{pack.info.title}（{pack.info.edition}）”生成"
        if criteria == pack.fingerprint
        else "报告所用标准与核验所用标准不同（标准被修改过，或应使用 --criteria 指定报告所依据的版本）",
    )

    cover = _COVER_LINE.search(texts[0] if texts else "")
    printed_total = cover.group(1) if cover else "（未找到）"
    printed_grade = cover.group(3) if cover else "（未找到）"
    meta_total = meta.get(META_TOTAL, "（未找到）")
    meta_grade = meta.get(META_GRADE, "（未找到）")
    outcome.add(
        "总分",
        printed_total == expected_total and meta_total == expected_total,
        f"封面印制 {printed_total}，元数据 {meta_total}，重新计分 {expected_total}",
    )
    outcome.add(
        "等次",
        printed_grade == expected_grade and meta_grade == expected_grade,
        f"封面印制 {printed_grade}，元数据 {meta_grade}，重新计分 {expected_grade}",
    )

    printed_fps = [set(_FINGERPRINT.findall(text)) for text in texts]
    all_fps = set().union(*printed_fps) if printed_fps else set()
    pages_without = [str(n) for n, fps in enumerate(printed_fps, 1) if expected_fp not in fps]
    meta_fp = meta.get(META_FINGERPRINT, "（未找到）")
    fp_ok = all_fps == {expected_fp} and not pages_without and meta_fp == expected_fp
    detail = f"印制 {'、'.join(sorted(all_fps)) or '（未找到）'}，元数据 {meta_fp}，重新计算 {expected_fp}"
    if pages_without and all_fps:
        detail += f"；第 {'、'.join(pages_without)} 页（按 PDF 页序）缺少或不符"
    outcome.add("报告指纹", fp_ok, detail)
    return outcome


def _open(path: Path) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise VerifyError("找不到报告文件，请检查路径") from None
    except OSError as exc:
        raise VerifyError(f"无法读取报告文件：{os_error_text(exc)}") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        _ = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise VerifyError(f"不是有效的 PDF 文件（{type(exc).__name__}）") from None
    if reader.is_encrypted:
        raise VerifyError("报告已加密，无法核验")
    return reader


def _embedded_answers(reader: Any) -> bytes:
    try:
        attachments = reader.attachments
        files = attachments.get(ATTACHMENT_NAME) if attachments else None
    except Exception as exc:  # pypdf raises many kinds on damaged name trees
        raise VerifyError(f"无法读取报告中的附件（{type(exc).__name__}）") from None
    if not files:
        raise VerifyError(
            f"报告中没有内嵌答卷（{ATTACHMENT_NAME}），无法核验；请使用 checklist report 生成的报告"
        )
    if len(files) != 1:
        raise VerifyError(
            f"报告中有 {len(files)} 份名为 {ATTACHMENT_NAME} 的附件，无法确定哪份是原件"
        )
    data = files[0]
    return bytes(data)


def _page_texts(reader: Any) -> list[str]:
    texts = []
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # a damaged page reads as empty, and its checks fail
            text = ""
        texts.append(re.sub(r"\s+", "", text))
    return texts


def _metadata(reader: Any) -> dict[str, str]:
    try:
        info = reader.metadata or {}
        return {str(k): str(v) for k, v in info.items()}
    except Exception:
        return {}
