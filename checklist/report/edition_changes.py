"""附件3 标准版本变更说明: for answers carried from one edition of the standard to another
(checklist migrate), the items changed since the edition they were first made
against, and what became of each answer. Read from the answers file's `[[migration]]`
records, so that `verify`, which makes the report again from the embedded answers,
checks it like the rest."""

from __future__ import annotations

from dataclasses import dataclass

from checklist.answers.model import Answers, Migration
from checklist.criteria.model import Pack
from checklist.formats import format_date

ANNEX_EDITIONS = "附件3"
ANNEX_EDITIONS_TITLE = "标准版本变更说明"


@dataclass(frozen=True)
class EditionChangeRow:
    item_id: str
    text: str  # the item's 考核内容 (as the newer edition has it, or had it if removed)
    change: str  # what changed
    outcome: str  # what became of the answer


@dataclass(frozen=True)
class EditionChangeGroup:
    heading: str  # 2025年版 → 2026年版（2026年12月1日迁移）
    rows: list[EditionChangeRow]


def edition_changes(pack: Pack, answers: Answers) -> list[EditionChangeGroup]:
    """One group per migration the answers went through, oldest first; empty for
    answers never migrated."""
    return [_group(pack, answers, record) for record in answers.migration]


def edition_intro(pack: Pack, answers: Answers) -> str:
    """The sentence opening the annex ("" when the answers were never migrated)."""
    if not answers.migration:
        return ""
    first = answers.migration[0].from_edition or "原版本"
    return (
        f"本答卷最初按{pack.info.title}（{first}）填写，经程序迁移至{pack.info.edition}。"
        "下表列出其间有变化的条目及其回答的处理：内容未变的条目回答原样保留，不再列出；"
        "“需复核”的回答在复核前按 0 分计。"
    )


def _group(pack: Pack, answers: Answers, record: Migration) -> EditionChangeGroup:
    when = f"（{format_date(record.on)}迁移）" if record.on else ""
    heading = f"{record.from_edition or '原版本'} → {record.to_edition}{when}"
    rows: list[EditionChangeRow] = []
    renamed = {new: old for old, new in record.renamed.items()}
    for id_ in record.review:
        answer = answers.answers.get(id_)
        pending = answer is not None and bool(answer.review)
        outcome = "回答保留，需复核" + ("（尚未复核）" if pending else "（已复核）")
        rows.append(_row(pack, answers, id_, record.changes.get(id_, "有修改"), outcome))
    for id_ in record.kept:
        if id_ in renamed:
            change, outcome = f"编号由 {renamed[id_]} 改为 {id_}", "回答随条目保留"
        else:
            change, outcome = "移到其他指标", "回答保留"
        rows.append(_row(pack, answers, id_, change, outcome))
    for id_ in record.retired:
        rows.append(_row(pack, answers, id_, "新版本已删除", "回答移入记录，不计分"))
    for id_ in record.added:
        rows.append(_row(pack, answers, id_, "新版本新增", "原无回答"))
    changed_unanswered = [
        i for i in record.changes if i not in record.review and i not in record.added
    ]
    for id_ in changed_unanswered:
        rows.append(_row(pack, answers, id_, record.changes[id_], "原无回答"))
    order = {id_: n for n, id_ in enumerate(pack.items)}
    rows.sort(key=lambda r: order.get(r.item_id, len(order)))
    return EditionChangeGroup(heading, rows)


def _row(pack: Pack, answers: Answers, id_: str, change: str, outcome: str) -> EditionChangeRow:
    item = pack.items.get(id_)
    retired = answers.retired.get(id_)
    text = item.text if item is not None else (retired.text if retired is not None else "")
    return EditionChangeRow(id_, text, change, outcome)
