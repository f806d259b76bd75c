"""An answers file read into `Answers`, or into Chinese messages saying where it is wrong.

Reading for a score or a report (`read_answers`, `answers_from_bytes`) parses with
tomli (tomllib's own code, compiled), many times faster than tomlkit; the store edits
the file as a tomlkit document (`read_document`), so that comments and unknown answers
survive a save. Both say where a file is wrong in the same words, and whatever the app can open, a
report can be made of.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from checklist.answers.model import ANSWER_FIELDS, Answers
from checklist.atomic import backup_path
from checklist.problems import Problem, ProblemsError, display_path
from checklist.reading import MB
from checklist.toml_source import TomlSource, TomlSyntaxError, read_bytes, toml_nesting_problem

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

# An answers file of a few hundred items is some 100 KB; this is ample room.
MOST_ANSWERS_BYTES = 64 * MB
_WHAT = "答卷文件"
_NOT_UTF8 = "文件未作改动；请用 UTF-8 保存后再打开"

_SECTIONS = {
    "stamp": "标准版本",
    "profile": "基本情况",
    "answers": "回答",
    "evidence": "佐证材料目录",
    "rectification": "整改清单",
    "narrative": "工作成效",
    "retired": "已删除条目的回答",
    "migration": "版本迁移记录",
    "summary": "报告正文",
}


# The answers a reading kept for the next one, with the bytes they were read from
# (tomli read them all): `checklist run` and `score` read the file to find its
# standard, then again to open or score it, and the same bytes are not parsed and
# validated a second time. Held in memory until the next reading (of any file), never
# written anywhere: a unit's answers hold names and telephone numbers.
_kept: tuple[bytes, Answers] | None = None


def _take_kept(raw: bytes) -> Answers | None:
    """The answers kept, if they were read from exactly `raw`; nothing is kept after."""
    global _kept
    kept, _kept = _kept, None
    return kept[1] if kept is not None and kept[0] == raw else None


def read_answers(path: Path, *, keep: bool = False) -> Answers:
    """Read and validate an answers file without taking the lock (for score, report);
    `keep`: the next reading, of the same bytes, takes these answers as they are."""
    global _kept
    raw = read_bytes(path, _WHAT, MOST_ANSWERS_BYTES)
    answers = _take_kept(raw)
    if answers is not None:
        return answers
    source = TomlSource.decode(raw, display_path(path), _WHAT, _NOT_UTF8)
    try:
        data = source.parse()
    except TomlSyntaxError:
        return _answers(source, path)  # tomlkit may read it: not kept
    answers = _validate(data, source)
    if keep:
        _kept = (raw, answers)
    return answers


def answers_from_bytes(raw: bytes, name: str) -> Answers:
    """Validate answers file content already read (e.g. embedded in a report)."""
    return _answers(TomlSource.decode(raw, name, _WHAT, _NOT_UTF8), Path(name))


def read_document(path: Path) -> tuple[TOMLDocument, Answers, bytes]:
    """The file as an editable document, its answers, and its bytes (for the store)."""
    raw = read_bytes(path, _WHAT, MOST_ANSWERS_BYTES)
    source = TomlSource.decode(raw, display_path(path), _WHAT, _NOT_UTF8)
    doc = parse_document(source, path)
    return doc, _validate(doc.unwrap(), source), raw


def read_for_editing(path: Path) -> tuple[Callable[[], TOMLDocument], Answers, bytes]:
    """As `read_document`, but the document is made when it is first asked for (by
    the first change): the answers are read with tomli. tomlkit took most of the time
    the app took to open a file (and importing it some 30 ms): 50 ms for a file of
    1,000 answered items. A file tomli refuses is parsed by tomlkit at once, as
    `read_document` does, and refused with the same message."""
    raw = read_bytes(path, _WHAT, MOST_ANSWERS_BYTES)
    source = TomlSource.decode(raw, display_path(path), _WHAT, _NOT_UTF8)
    kept = _take_kept(raw)
    if kept is not None:  # tomli read these bytes: as below, the document waits
        return (lambda: parse_document(source, path)), kept, raw
    try:
        data = source.parse()
    except TomlSyntaxError as exc:
        doc = parse_document(source, path, exc.problem)
        return (lambda: doc), _validate(doc.unwrap(), source), raw
    return (lambda: parse_document(source, path)), _validate(data, source), raw


def _answers(source: TomlSource, path: Path) -> Answers:
    """The answers alone, parsed with tomli. A file tomli refuses goes to tomlkit,
    which the store edits with."""
    try:
        data = source.parse()
    except TomlSyntaxError as exc:
        data = parse_document(source, path, exc.problem).unwrap()
    return _validate(data, source)


def parse_document(
    source: TomlSource, path: Path, syntax: Problem | None = None, what: str = _WHAT
) -> TOMLDocument:
    """The editable document; `syntax` is tomli's explanation, when the caller has it;
    `what` names the kind of file in the message of one that cannot be parsed."""
    import tomlkit
    from tomlkit.exceptions import ParseError, TOMLKitError

    try:
        return tomlkit.parse(source.text)
    except RecursionError:
        raise _unparsable(toml_nesting_problem(source.text, source.name), path, what) from None
    except TOMLKitError as exc:  # ParseError, or KeyAlreadyPresent for a key written twice
        # tomli's errors are the ones we can explain in Chinese (as for criteria).
        if syntax is None:
            try:
                source.parse()
            except TomlSyntaxError as found:
                syntax = found.problem
        if syntax is None and isinstance(exc, ParseError):
            # tomlkit alone refuses it; it counts columns from 0
            syntax = Problem(
                source.name,
                exc.line,
                exc.col + 1,
                "",
                "TOML 语法错误：请检查这一行的引号、括号和等号",
            )
        elif syntax is None:
            syntax = Problem(source.name, 0, 0, "", f"TOML 语法错误：{exc}")
        raise _unparsable(syntax, path, what) from None


def _unparsable(where: Problem, path: Path, what: str = _WHAT) -> ProblemsError:
    """The error of a file that cannot be parsed, `where` saying why."""
    backup = backup_path(path)
    remedy = f"请修正这一行或从备份 {backup.name} 恢复" if backup.exists() else "请修正这一行"
    reason = where.text.removeprefix("TOML 语法错误").lstrip("：")
    return ProblemsError(
        [
            Problem(
                where.file,
                where.line,
                where.column,
                "",
                f"{what}无法解析：{reason}。文件未作改动；{remedy}",
            )
        ]
    )


def _validate(data: dict[str, Any], source: TomlSource) -> Answers:
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        raise ProblemsError(source.problems(exc, _owner, glossary=ANSWER_FIELDS)) from None
    repeated = _repeated_evidence_numbers(answers)
    if repeated:
        free = answers.next_evidence_no()
        raise ProblemsError(
            [
                Problem(
                    source.name,
                    *source.locate(("evidence", index, "no")),
                    _owner(("evidence", index)),
                    f"no（序号）{answers.evidence[index].no} 与第 {first + 1} 项重复："
                    f"每份佐证材料的序号应各不相同，请改为未用过的序号（如 {free + n}）",
                )
                for n, (index, first) in enumerate(repeated)
            ]
        )
    return answers


def _repeated_evidence_numbers(answers: Answers) -> list[tuple[int, int]]:
    """(index, index of the first entry with that number) of each evidence entry whose
    number an earlier one has: "见佐证材料 3" must name one document."""
    first: dict[int, int] = {}
    repeated = []
    for index, entry in enumerate(answers.evidence):
        if entry.no in first:
            repeated.append((index, first[entry.no]))
        else:
            first[entry.no] = index
    return repeated


def _owner(loc: tuple[str | int, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "answers":
        return f"条目 {loc[1]} 的回答"
    if len(loc) >= 2 and loc[0] in ("evidence", "rectification") and isinstance(loc[1], int):
        return f"{_SECTIONS[str(loc[0])]}第 {loc[1] + 1} 项"
    return _SECTIONS.get(str(loc[0]), "") if loc else ""
