"""`checklist migrate`: an answers file carried to another edition of its standard,
written whole (the input kept as `.bak` when it is replaced), and what became of each
answer printed item by item. An inspection file is not migrated: the message says why
and what to do instead (inspection/edition.py)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from checklist.answers.edition import check_edition
from checklist.answers.lock import AnswersLock, LockedError
from checklist.answers.model import Answers
from checklist.answers.reading import MOST_ANSWERS_BYTES, answers_from_bytes
from checklist.atomic import write_atomically
from checklist.criteria.load import load_pack
from checklist.criteria.model import Pack
from checklist.editions.migrate import Migrated, answered_edition, migrate
from checklist.editions.numbering import sheet_numbers
from checklist.formats import fitted
from checklist.inspection.edition import not_migrated
from checklist.inspection.known import is_inspection
from checklist.problems import ProblemsError, display_path, os_error_text
from checklist.toml_source import read_bytes

EXIT_OK, EXIT_PROBLEMS = 0, 1


def migrate_command(
    answers_path: Path, new_path: Path, output: Path | None, old_path: Path | None
) -> int:
    try:
        new = load_pack(new_path)
        old = load_pack(old_path) if old_path is not None else None
    except ProblemsError as exc:
        return _fail(f"{exc}\n请先改正标准文件（checklist validate 可列出全部问题）")
    lock = AnswersLock(answers_path.resolve())
    try:
        lock.acquire()
    except (LockedError, OSError) as exc:
        return _fail(f"{display_path(answers_path)}：{exc}，文件未作任何改动")
    try:
        try:
            raw = read_bytes(answers_path, "答卷文件", MOST_ANSWERS_BYTES)
            if is_inspection(raw):
                return _fail(not_migrated(display_path(answers_path), raw, new))
            answers = answers_from_bytes(raw, display_path(answers_path))
        except ProblemsError as exc:
            return _fail(f"无法读取答卷，文件未作任何改动：\n{exc}")
        problem = _other_standard(answers, new)
        if problem:
            return _fail(problem)
        if old is None:
            old = answered_edition(answers)
        elif old.fingerprint != answers.stamp.fingerprint:
            return _fail(
                f"答卷不是按 {display_path(old_path or Path())}（{old.info.edition}）填写的，"
                "请用 --from 给出答卷所依据的那一版标准文件，或不写 --from"
            )
        try:
            done = migrate(raw.decode("utf-8-sig"), answers, new, old, dt.date.today())
        except AssertionError:
            return _fail(
                "迁移后的答卷与应有的内容不符，没有写入，文件未作任何改动；请把答卷发给开发人员"
            )
        if not done.needed:
            print(f"答卷已是按{new.info.title}（{new.info.edition}）填写的，无需迁移，文件未改动。")
            return EXIT_OK
        target = output or answers_path
        existed = target.exists()
        data = done.text.encode("utf-8")
        try:
            write_atomically(target, data, backup=existed)
        except OSError as exc:
            return _fail(
                f"{display_path(target)}：无法写入：{os_error_text(exc)}，文件未作任何改动"
            )
        print(migration_text(done, answers, new, old))
        kept = f"（原文件保留为 {display_path(target)}.bak）" if existed else ""
        print(f"\n已写入 {display_path(target)}{kept}")
        return EXIT_OK
    finally:
        lock.release()


def _other_standard(answers: Answers, new: Pack) -> str:
    recorded = answers.stamp.pack
    if recorded and recorded != new.info.id:
        return (
            f"答卷是按另一份标准（编号 {recorded}）填写的，不能迁移到编号 {new.info.id} 的标准；"
            "文件未作任何改动"
        )
    return ""


_WHAT = {
    "kept": "保留",
    "renamed": "保留",
    "review": "需复核",
    "retired": "移入记录",
    "added": "新增",
    "unanswered": "有改动",
}


def migration_text(done: Migrated, answers: Answers, new: Pack, old: Pack | None) -> str:
    """What the migration did, item by item, in lines of at most 80 cells."""
    was = answers.stamp.edition or "原版本"
    lines = [fitted([f"{new.info.title}：{was} → {new.info.edition}"], "")]
    if old is None:
        lines.append(
            fitted(
                [
                    "答卷所依据的原版本不在本机：按答卷记录的条目指纹判断哪些条目有修改，无法列出改了什么"
                ],
                "",
            )
        )
    numbers = sheet_numbers(new)
    old_numbers = sheet_numbers(old) if old is not None else {}
    for outcome in done.outcomes:
        number = numbers.get(outcome.id) or f"原 {old_numbers.get(outcome.id, '')}".strip()
        head = f"{_WHAT[outcome.what]}  {number}  {outcome.id}  "
        lines.append(fitted([outcome.words], "    ", first=head))
    counts = {w: sum(1 for o in done.outcomes if o.what == w) for w in _WHAT}
    lines.append("")
    lines.append(
        f"共 {len(new.items)} 条：原样保留 {done.unchanged_kept + counts['kept'] + counts['renamed']} 条回答，"
        f"需复核 {counts['review']} 条，移入记录 {counts['retired']} 条，新增待答 {counts['added']} 条。"
    )
    warning = check_edition(new, done.answers)
    if warning.unknown:
        lines.append(f"注意：仍有标准中没有的条目回答：{'、'.join(warning.unknown)}")
    return "\n".join(lines)


def _fail(text: str) -> int:
    print(text, file=sys.stderr)
    return EXIT_PROBLEMS
