"""Carrying a unit's answers to another edition of their standard.

No answer is lost: an answer to an item that is unchanged (or only moved, or given
another id) is kept as it is; one whose item's text, kind or scoring changed is kept
and marked 需复核 (`review`: it counts once the unit changes or confirms it); one to an
item the new edition removed goes to the record section `[retired]`, with the item's
text, never scored. Items new in the edition start unanswered. Evidence and 整改
entries stay, an item given another id re-pointed to it. What became of each answer
is recorded in `[[migration]]` (the report's 标准版本变更说明 reads it).

The file's text is edited line by line where its tables are written as the app
writes them (comments and layout survive, and a 1,000-item file takes milliseconds);
the result must read back as exactly the data the migration means, else the file is
edited as a tomlkit document instead (slower, as safe).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

import tomli
import tomlkit
from tomlkit.items import AoT, Table

from checklist.answers.model import Answers, Migration, RetiredAnswer, Stamp
from checklist.criteria.model import Pack
from checklist.editions.diff import REVIEWED, ItemChange, diff_packs
from checklist.editions.diff_text import field_name


@dataclass(frozen=True)
class Outcome:
    """What became of one item's answer."""

    id: str
    what: str  # "kept", "review", "retired", "added", "renamed", "unanswered"
    words: str  # in Chinese, as `checklist migrate` prints it


@dataclass
class Plan:
    """What the migration does, worked out from the answers and the two editions."""

    kept: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # kept, the item moved or renumbered
    review: dict[str, str] = field(default_factory=dict)  # id (new) → why
    retire: dict[str, str] = field(default_factory=dict)  # id → the item's text
    added: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # old id → new id
    changes: dict[str, str] = field(default_factory=dict)  # id (new) → what changed
    outcomes: list[Outcome] = field(default_factory=list)
    stamp: dict[str, Any] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)


@dataclass
class Migrated:
    text: str  # the answers file, carried to the new edition
    answers: Answers
    outcomes: list[Outcome] = field(default_factory=list)
    unchanged_kept: int = 0  # answers to unchanged items, kept as they were
    needed: bool = True  # False: the answers were made against this very edition


def migrate(text: str, answers: Answers, new: Pack, old: Pack | None, on: dt.date) -> Migrated:
    """The answers file `text` (read as `answers`) carried to `new`. `old` is the
    edition the answers were made against (None when it is not at hand: then the
    item hashes the file recorded tell which items changed, not how)."""
    if answers.stamp.fingerprint == new.fingerprint:
        return Migrated(text, answers, needed=False)
    plan = plan_migration(answers, new, old, on)
    expected = migrated_answers(answers, plan)
    result = _edited_text(text, plan, expected) or _edited_document(text, plan, expected)
    return Migrated(
        result,
        expected,
        plan.outcomes,
        len(plan.kept) - len(plan.moved),
    )


def answered_edition(answers: Answers) -> Pack | None:
    """The edition the answers were made against, when it is shipped or installed
    (that very content), else None."""
    from checklist.criteria.library import find_standard

    stamp = answers.stamp
    if not stamp.pack or not stamp.fingerprint:
        return None
    found = find_standard(stamp.pack, stamp.edition, stamp.fingerprint)
    if found is None or found.pack.fingerprint != stamp.fingerprint:
        return None
    return found.pack


def plan_migration(answers: Answers, new: Pack, old: Pack | None, on: dt.date) -> Plan:
    plan = Plan()
    diff = diff_packs(old, new) if old is not None else None
    answered = set(answers.answers)
    edition = f"{answers.stamp.edition or '原版本'} → {new.info.edition}"
    by_id = diff.by_id if diff is not None else {}
    plan.renamed = {c.old_id: c.id for c in by_id.values() if c.old_id}
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
            plan.moved.append(id_)
            plan.outcomes.append(
                Outcome(id_, "renamed", f"条目编号由 {change.old_id} 改为 {id_}，回答随之保留")
            )
        elif change is not None:
            plan.moved.append(id_)
            place = change.new_place
            where = f"{place.area}／{place.indicator}" if place and place.indicator else ""
            plan.outcomes.append(Outcome(id_, "kept", f"条目移到 {where or '他处'}，回答保留"))
    for id_ in answers.answers:
        if id_ not in new.items and id_ not in plan.renamed:
            item = old.items.get(id_) if old is not None else None
            plan.retire[id_] = item.text if item is not None else ""
            plan.outcomes.append(
                Outcome(id_, "retired", "新版本已删除此条目，回答移入记录 [retired]，不计分")
            )
    plan.stamp = {
        "pack": new.info.id,
        "edition": new.info.edition,
        "fingerprint": new.fingerprint,
        "items": dict(new.item_fingerprints),
    }
    plan.record = _record(answers, new, plan, on)
    return plan


def _what_changed(change: ItemChange) -> str:
    names = dict.fromkeys(field_name(c.key) for c in change.changes if c.aspect in REVIEWED)
    return "、".join(names) + "有修改"


def _record(answers: Answers, new: Pack, plan: Plan, on: dt.date) -> dict[str, Any]:
    record: dict[str, Any] = {
        "from_edition": answers.stamp.edition,
        "from_fingerprint": answers.stamp.fingerprint,
        "to_edition": new.info.edition,
        "to_fingerprint": new.fingerprint,
        "on": on,
        "unchanged": len(plan.kept) - len(plan.moved),
        "kept": plan.moved,
        "review": list(plan.review),
        "retired": list(plan.retire),
        "added": plan.added,
        "renamed": plan.renamed,
        "changes": plan.changes,
    }
    return {k: v for k, v in record.items() if v not in ("", [], {}, 0)}


def migrated_answers(answers: Answers, plan: Plan) -> Answers:
    """What the answers file holds once migrated: the meaning both ways of editing
    the file must arrive at."""
    kept = dict(answers.answers)
    for old_id, new_id in plan.renamed.items():
        if old_id in kept:
            kept[new_id] = kept.pop(old_id)
    for id_, why in plan.review.items():
        kept[id_] = kept[id_].model_copy(update={"review": why})
    retired = dict(answers.retired)
    for id_, text in plan.retire.items():
        was = kept.pop(id_).model_dump(exclude_defaults=True)
        edition = plan.record.get("from_edition", "")
        retired[id_] = RetiredAnswer.model_validate({**was, "text": text, "edition": edition})
    rectification = [
        r.model_copy(update={"items": [plan.renamed.get(i, i) for i in r.items]})
        for r in answers.rectification
    ]
    return answers.model_copy(
        update={
            "answers": kept,
            "retired": retired,
            "rectification": rectification,
            "stamp": Stamp.model_validate(plan.stamp),
            "migration": [*answers.migration, Migration.model_validate(plan.record)],
        }
    )


# -- editing the text ------------------------------------------------------------

_HEADER = re.compile(r"^[ \t]*\[")


def _edited_text(text: str, plan: Plan, expected: Answers) -> str | None:
    """The text edited line by line, or None when its tables are not written so that
    this gives `expected` (then the document is edited instead)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    out: list[str] = []
    for line in _without_stamp(lines):
        match = _ANSWER_HEADER.match(line)
        if match is None:
            out.append(line)
            continue
        id_, whole = match.group(1), match.group(2) == "]"
        new_id = plan.renamed.get(id_, id_)
        if new_id != id_:
            line = line[: match.start(1)] + new_id + line[match.end(1) :]
        if new_id in plan.retire:
            line = line.replace("answers", "retired", 1)
        out.append(line)
        if whole and new_id in plan.retire:
            out.append(f"text = {_string(plan.retire[new_id])}\n")
            out.append(f"edition = {_string(plan.record.get('from_edition', ''))}\n")
        elif whole and new_id in plan.review:
            out.append(f"review = {_string(plan.review[new_id])}\n")
    out.insert(_stamp_place(out), _stamp_text(plan.stamp))
    edited = "".join(out).rstrip("\n") + "\n\n" + _migration_text(plan.record)
    if plan.renamed:
        edited = _repointed(edited, plan.renamed)
    return edited if _reads_as(edited, expected) else None


def _reads_as(text: str, expected: Answers) -> bool:
    """Whether `text` is an answers file holding exactly `expected`."""
    try:
        return Answers.model_validate(tomli.loads(text)) == expected
    except (tomli.TOMLDecodeError, ValueError):
        return False


_ANSWER_HEADER = re.compile(r"^[ \t]*\[[ \t]*answers[ \t]*\.[ \t]*([A-Za-z0-9_-]+)[ \t]*([.\]])")


def _without_stamp(lines: list[str]) -> list[str]:
    """The lines without the [stamp] and [stamp.items] tables (written again)."""
    kept: list[str] = []
    inside = False
    for line in lines:
        if _HEADER.match(line):
            header = line.strip().split("#")[0].strip().replace(" ", "")
            inside = header in ("[stamp]", "[stamp.items]")
        if not inside:
            kept.append(line)
    return kept


def _stamp_place(lines: list[str]) -> int:
    """Before the first table (keys above it belong to no table)."""
    for index, line in enumerate(lines):
        if _HEADER.match(line):
            return index
    return len(lines)


def _stamp_text(stamp: dict[str, Any]) -> str:
    items = "".join(f"{k} = {_string(v)}\n" for k, v in stamp["items"].items())
    return (
        f"[stamp]\npack = {_string(stamp['pack'])}\nedition = {_string(stamp['edition'])}\n"
        f"fingerprint = {_string(stamp['fingerprint'])}\n\n[stamp.items]\n{items}\n"
    )


def _migration_text(record: dict[str, Any]) -> str:
    """The record as a `[[migration]]` table (written out here: tomlkit takes a second
    for a list of a thousand ids)."""
    lines = ["[[migration]]"]
    for key, value in record.items():
        lines.append(f"{key} = {_value(value)}")
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _string(key)


def _repointed(text: str, renamed: dict[str, str]) -> str:
    """整改 entries name items by id (`items = ["b-05"]`): an item given another id is
    named by its new one."""

    def repoint(match: re.Match[str]) -> str:
        listed = match.group(0)
        for old, new in renamed.items():
            listed = listed.replace(f'"{old}"', f'"{new}"')
        return listed

    return re.sub(r"(?m)^[ \t]*items[ \t]*=[ \t]*\[[^\]]*\]", repoint, text)


def _string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, but for DEL, which TOML escapes."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


# -- editing the document --------------------------------------------------------


def _edited_document(text: str, plan: Plan, expected: Answers) -> str:
    """The file edited as a tomlkit document (for tables written other than the app
    writes them); raises AssertionError when even this does not give `expected`."""
    doc = tomlkit.parse(text)
    if "answers" in doc and not isinstance(doc["answers"], Table):
        doc["answers"] = _as_table(doc["answers"], super_table=True)
    answered = doc.get("answers", tomlkit.table())
    assert isinstance(answered, Table)
    for old_id, new_id in plan.renamed.items():
        if old_id in answered:
            answered[new_id] = answered.pop(old_id)
    for id_, why in plan.review.items():
        answered[id_]["review"] = why
    if plan.retire:
        if "retired" not in doc or not isinstance(doc["retired"], Table):
            doc["retired"] = _as_table(doc.get("retired", {}), super_table=True)
        retired = doc["retired"]
        assert isinstance(retired, Table)
        for id_, item_text in plan.retire.items():
            table = answered.pop(id_)
            table["text"] = item_text
            table["edition"] = plan.record.get("from_edition", "")
            retired[id_] = table
    for entry in doc.get("rectification", []):
        items = entry.get("items")
        if items:
            entry["items"] = [plan.renamed.get(i, i) for i in items]
    doc["stamp"] = tomlkit.parse(_stamp_text(plan.stamp))["stamp"]
    if "migration" not in doc:
        doc["migration"] = tomlkit.aot()
    migrations = doc["migration"]
    assert isinstance(migrations, AoT)
    migrations.append(tomlkit.parse(_migration_text(plan.record))["migration"][0])
    result = tomlkit.dumps(doc)
    if not _reads_as(result, expected):
        raise AssertionError("the migrated answers do not read back as meant")
    return result


def _as_table(value: Any, *, super_table: bool = False) -> Table:
    table = tomlkit.table(is_super_table=super_table)
    for key, inner in dict(value).items():
        table[key] = inner
    return table
