"""Carrying a unit's answers to another edition of their standard.

No answer is lost: an answer to an item that is unchanged (or only moved, or given
another id) is kept as it is; one whose item's text, kind or scoring changed is kept
and marked 需复核 (`review`: it counts once the unit changes or confirms it); one to an
item the new edition removed goes to the record section `[retired]`, with the item's
text, never scored. Items new in the edition start unanswered. Evidence and 整改
entries stay, an item given another id re-pointed to it. What became of each answer
is recorded in `[[migration]]` (the report's 标准版本变更说明 reads it).

The answers file is changed as a tomlkit document, so that comments survive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from checklist.answers.model import Answers
from checklist.answers.session import stamp_table
from checklist.criteria.model import Pack
from checklist.editions.diff import REVIEWED, EditionDiff, ItemChange, diff_packs
from checklist.editions.diff_text import field_name


@dataclass(frozen=True)
class Outcome:
    """What became of one item's answer."""

    id: str
    what: str  # "kept", "review", "retired", "added", "renamed", "unanswered"
    words: str  # in Chinese, as `checklist migrate` prints it


@dataclass
class Migrated:
    document: TOMLDocument
    answers: Answers
    outcomes: list[Outcome] = field(default_factory=list)
    unchanged_kept: int = 0  # answers to unchanged items, kept as they were
    needed: bool = True  # False: the answers were made against this very edition


def migrate(
    doc: TOMLDocument,
    answers: Answers,
    new: Pack,
    old: Pack | None,
    on: dt.date,
) -> Migrated:
    """The answers file `doc` (read as `answers`) carried to `new`. `old` is the
    edition the answers were made against (None when it is not at hand: then the
    item hashes the file recorded tell which items changed, not how). `doc` is not
    changed: the result holds a new document."""
    if answers.stamp.fingerprint == new.fingerprint:
        return Migrated(doc, answers, needed=False)
    doc = tomlkit.parse(tomlkit.dumps(doc))
    diff = diff_packs(old, new) if old is not None else None
    plan = _plan(answers, new, old, diff)
    answered = _answers_table(doc)
    retired = _retired_table(doc) if plan.retire else None
    for old_id, new_id in plan.renamed.items():
        if old_id in answered:
            answered[new_id] = answered.pop(old_id)
    for id_, why in plan.review.items():
        if id_ in answered:
            answered[id_]["review"] = why
    for id_ in plan.retire:
        table = answered.pop(id_)
        if retired is not None:
            source = old.items.get(id_) if old is not None else None
            table["text"] = source.text if source is not None else ""
            table["edition"] = answers.stamp.edition
            retired[id_] = table
    _repoint_rectification(doc, plan.renamed)
    doc["stamp"] = stamp_table(new)
    record = _record(answers, new, plan, on)
    if "migration" not in doc:
        doc["migration"] = tomlkit.aot()
    migrations = doc["migration"]
    assert isinstance(migrations, AoT)
    migrations.append(tomlkit.item(record))
    result = Answers.model_validate(doc.unwrap())
    return Migrated(doc, result, plan.outcomes, len(plan.kept) - len(plan.moved))


@dataclass
class _Plan:
    kept: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    review: dict[str, str] = field(default_factory=dict)  # id (new) → why
    retire: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # old id → new id
    changes: dict[str, str] = field(default_factory=dict)  # id (new) → what changed
    outcomes: list[Outcome] = field(default_factory=list)


def _plan(answers: Answers, new: Pack, old: Pack | None, diff: EditionDiff | None) -> _Plan:
    plan = _Plan()
    answered = set(answers.answers)
    edition = f"{answers.stamp.edition or '原版本'} → {new.info.edition}"
    by_id = diff.by_id if diff is not None else {}
    former = {c.old_id: c.id for c in by_id.values() if c.old_id}
    plan.renamed = former
    recorded = answers.stamp.items
    now = new.item_fingerprints
    for id_ in new.items:
        change = by_id.get(id_)
        was = change.former_id if change is not None else id_
        has_answer = was in answered
        if (change is not None and change.status == "added") or (
            diff is None and recorded and id_ not in recorded and not has_answer
        ):
            plan.added.append(id_)
            plan.outcomes.append(Outcome(id_, "added", "新增条目，待回答"))
            continue
        if diff is None:
            altered = bool(recorded) and recorded.get(id_) not in (None, now[id_])
            words = "条目内容有修改（原版本不在本机，无法列出改了什么）"
        else:
            altered = change is not None and change.needs_review
            words = _what_changed(change) if change is not None else ""
        if altered:
            plan.changes[id_] = words
        if not has_answer:
            if altered:
                plan.outcomes.append(Outcome(id_, "unanswered", f"{words}；原来未回答"))
            continue
        if altered:
            plan.review[id_] = f"标准修订（{edition}）：{words}，请核对回答"
            plan.outcomes.append(Outcome(id_, "review", f"回答保留，需复核：{words}"))
            continue
        plan.kept.append(id_)
        if change is not None and change.old_id:
            plan.outcomes.append(
                Outcome(id_, "renamed", f"条目编号由 {change.old_id} 改为 {id_}，回答随之保留")
            )
            plan.moved.append(id_)
        elif change is not None:
            place = change.new_place
            where = f"{place.area}／{place.indicator}" if place and place.indicator else ""
            plan.outcomes.append(Outcome(id_, "kept", f"条目移到 {where or '他处'}，回答保留"))
            plan.moved.append(id_)
    for id_ in answers.answers:
        if id_ not in new.items and id_ not in plan.renamed:
            plan.retire.append(id_)
            plan.outcomes.append(
                Outcome(id_, "retired", "新版本已删除此条目，回答移入记录 [retired]，不计分")
            )
    return plan


def _what_changed(change: ItemChange) -> str:
    names = dict.fromkeys(field_name(c.key) for c in change.changes if c.aspect in REVIEWED)
    return "、".join(names) + "有修改"


def _record(answers: Answers, new: Pack, plan: _Plan, on: dt.date) -> dict[str, Any]:
    record: dict[str, Any] = {
        "from_edition": answers.stamp.edition,
        "from_fingerprint": answers.stamp.fingerprint,
        "to_edition": new.info.edition,
        "to_fingerprint": new.fingerprint,
        "on": on,
        "kept": plan.kept,
        "review": list(plan.review),
        "retired": plan.retire,
        "added": plan.added,
    }
    if plan.renamed:
        record["renamed"] = _inline(plan.renamed)
    if plan.changes:
        record["changes"] = _inline(plan.changes)
    return {k: v for k, v in record.items() if v not in ("", [])}


def _inline(mapping: dict[str, str]) -> Any:
    table = tomlkit.inline_table()
    table.update(mapping)
    return table


def _answers_table(doc: TOMLDocument) -> Table:
    if "answers" not in doc:
        doc["answers"] = tomlkit.table(is_super_table=True)
    table = doc["answers"]
    assert isinstance(table, Table)
    return table


def _retired_table(doc: TOMLDocument) -> Table:
    if "retired" not in doc:
        doc["retired"] = tomlkit.table(is_super_table=True)
    table = doc["retired"]
    assert isinstance(table, Table)
    return table


def _repoint_rectification(doc: TOMLDocument, renamed: dict[str, str]) -> None:
    """整改 entries name items by id: an item given another id is named by its new one."""
    if not renamed or "rectification" not in doc:
        return
    for entry in doc["rectification"]:
        items = entry.get("items")
        if items:
            entry["items"] = [renamed.get(i, i) for i in items]
