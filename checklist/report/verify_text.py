"""What `checklist verify` prints of the reports it checked: one report in detail, many
a line each and a count, or JSON; and what each report's content means for the
inspector (veto items failed, items unanswered or needing review), as content.py
words it for the report itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checklist.problems import display_path
from checklist.report.content import ReportContent
from checklist.report.standard_check import INSTALLED_LABEL
from checklist.report.verify import SAVED_AGAIN_LABEL, Verification


@dataclass(frozen=True)
class FileVerification:
    """One file's verification, or why it could not be verified at all (`problem`)."""

    path: Path
    outcome: Verification | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is not None and self.outcome.ok


def findings(content: ReportContent) -> dict[str, list[str]]:
    """The items the inspector looks at first, by id: veto items not met, veto items
    unanswered or needing review (counted as not met), items unanswered, items whose
    answer needs review."""
    return {
        "veto_failed": [p.item_id for p in content.problems if p.veto],
        "veto_pending": [o.item_id for o in [*content.unanswered, *content.review] if o.veto],
        "unanswered": [o.item_id for o in content.unanswered],
        "review": [o.item_id for o in content.review],
    }


def _ids(ids: Sequence[str], most: int = 12) -> str:
    shown = "、".join(ids[:most])
    return shown + (f"等 {len(ids)} 项" if len(ids) > most else "")


def findings_lines(content: ReportContent) -> list[str]:
    """What the report's content means for the inspector, a line each."""
    found = findings(content)
    word = content.veto_word
    lines = [f"报告内容（按内嵌答卷，供检查组参考）：{content.unit}，{content.total_line}"]
    rows = [(f"{word}未通过", found["veto_failed"])]
    if found["veto_pending"]:
        rows.append((f"{word}尚未填写或需复核（按未通过计）", found["veto_pending"]))
    rows += [("未填写的条目", found["unanswered"]), ("需复核的条目", found["review"])]
    for label, ids in rows:
        lines.append(f"  {label}：{len(ids)} 项" + (f"：{_ids(ids)}" if ids else ""))
    return lines


def _counts(content: ReportContent) -> str:
    found = findings(content)
    vetoes = len(found["veto_failed"]) + len(found["veto_pending"])
    return (
        f"{content.veto_word}未通过 {vetoes} 项，未填写 {len(found['unanswered'])} 项，"
        f"需复核 {len(found['review'])} 项"
    )


def detailed(verification: FileVerification) -> list[str]:
    """A verified report in full: each check, what the content means, the verdict."""
    outcome = verification.outcome
    assert outcome is not None
    lines = [f"核验报告：{display_path(verification.path)}"]
    for check in outcome.checks:
        mark = "✗" if not check.ok else "！" if check.warning else "✓"
        lines.append(f"  {mark} {check.label}：{check.detail}")
    if outcome.content is not None:
        lines += findings_lines(outcome.content)
    if outcome.sheet is not None:
        sheet = outcome.sheet
        lines.append(f"验收评分表（按内嵌验收记录）：{sheet.unit}，{sheet.total_line}")
    # Last, like a genuine report's verdict: the exit status tells scripts apart.
    lines.append(verdict(outcome))
    return lines


def verdict(outcome: Verification) -> str:
    if not outcome.ok:
        failed = {check.label for check in outcome.checks if not check.ok}
        if INSTALLED_LABEL in failed:
            return (
                "结论：报告未通过核验：报告所依据的标准沿用了本机一份标准的编号和版本，"
                "内容却与之不同，不能当作那份标准。"
            )
        if outcome.sheet is not None:
            return "结论：验收评分表未通过核验，印制的内容与内嵌验收记录不符。"
        return "结论：报告未通过核验，印制的内容与内嵌答卷或所依据的标准不符。"
    warned = {check.label for check in outcome.checks if check.warning}
    if outcome.sheet is not None:
        text = (
            "结论：验收评分表与内嵌验收记录一致：验收总分、等次和报告指纹均相符，"
            "每一页都与按内嵌验收记录重新生成的评分表相同。"
        )
        saved = "评分表文件曾由其他程序重新保存，所显示的内容没有改变。"
        return text + (saved if SAVED_AGAIN_LABEL in warned else "")
    text = (
        "结论：报告与内嵌答卷一致：按报告所依据的标准重新计分的总分、等次和报告指纹均相符，"
        "每一页都与按内嵌答卷重新生成的报告相同。"
    )
    if warned - {SAVED_AGAIN_LABEL}:
        standard = outcome.standard
        name = f"“{standard.info.title}”（{standard.info.edition}）" if standard else ""
        text += (
            f"但报告所依据的标准{name}不是本机安装的标准（见标有“！”的一行），"
            "请先核实它是否为检查所要求的标准。"
        )
    if SAVED_AGAIN_LABEL in warned:
        text += "报告文件曾由其他程序重新保存，所显示的内容没有改变。"
    return text


def one_line(verification: FileVerification) -> list[str]:
    """A report in a line (and the rest of a message of several lines, indented)."""
    where = display_path(verification.path)
    outcome = verification.outcome
    if outcome is None:
        first, *rest = verification.problem.splitlines() or [""]
        return [f"✗ {where}：{first}", *(f"    {line}" for line in rest)]
    failed = [check.label for check in outcome.checks if not check.ok]
    warned = [check.label for check in outcome.checks if check.ok and check.warning]
    if failed:
        mark, said = "✗", f"未通过（{'、'.join(failed)}）"
    elif warned:
        mark, said = "！", f"通过（须留意：{'、'.join(warned)}）"
    else:
        mark, said = "✓", "通过"
    content = outcome.content
    if content is None:
        sheet = outcome.sheet
        told = f"；验收评分表：{sheet.unit}，{sheet.total_line}" if sheet else ""
        return [f"{mark} {where}：{said}{told}"]
    scored = "按内嵌答卷 " if failed else ""
    return [
        f"{mark} {where}：{said}；{content.unit}，{scored}{content.total} 分，{content.grade}；"
        + _counts(content)
    ]


def tally(verifications: Sequence[FileVerification]) -> str:
    """The final count of a check of several files."""
    passed = [v for v in verifications if v.ok]
    noted = [v for v in passed if v.outcome and any(c.warning for c in v.outcome.checks)]
    failed = len(verifications) - len(passed)
    text = f"共核验 {len(verifications)} 份报告：{len(passed)} 份通过"
    if noted:
        text += f"（其中 {len(noted)} 份有须留意的事项，见标有“！”的一行）"
    return text + (f"，{failed} 份未通过或无法核验" if failed else "")


def as_json(verification: FileVerification) -> dict[str, Any]:
    """A file's verification as `verify --json` lists it."""
    outcome = verification.outcome
    content = outcome.content if outcome else None
    standard = outcome.standard if outcome else None
    shown = content or (outcome.sheet if outcome else None)
    return {
        "file": str(verification.path),
        "ok": verification.ok,
        "error": verification.problem or None,
        "unit": shown.unit if shown else None,
        "total": float(shown.total) if shown else None,  # of a 验收评分表: the 验收总分
        "max": float(shown.max) if shown else None,
        "grade": shown.grade if shown else None,
        "fingerprint": shown.fingerprint if shown else None,
        "sheet": "acceptance" if outcome and outcome.sheet else "report",
        "standard": {
            "id": standard.info.id,
            "title": standard.info.title,
            "edition": standard.info.edition,
            "issuer": standard.info.issuer,
            "fingerprint": standard.fingerprint,
        }
        if standard
        else None,
        "findings": findings(content) if content else None,
        "checks": [
            {"label": c.label, "ok": c.ok, "warning": c.warning, "detail": c.detail}
            for c in (outcome.checks if outcome else [])
        ],
    }
