"""An inspection file open for editing: change one thing, save it at once.

Saved as the answers store saves (answers/session.py: a tomlkit document, so that
comments survive; atomic writes with `<name>.bak`; never over edits another program
made; one editor at a time by the same lock). A file that cannot be read, whose
record does not match its fingerprint, or that belongs to another report is never
written: the message says where (file, line, field) and what to do. The unit's
answers file is never touched: the inspection carries its own copy.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import ValidationError
from tomlkit.items import Table
from tomlkit.toml_document import TOMLDocument

from checklist.answers.lock import AnswersLock
from checklist.answers.reading import parse_document
from checklist.answers.session import TomlStore, refuse_read_only
from checklist.atomic import backup_path
from checklist.criteria.model import Pack
from checklist.inspection.model import (
    INSPECTION_FIELDS,
    Found,
    Inspection,
    ItemInspection,
)
from checklist.inspection.record import Reported, decoded
from checklist.inspection.rules import inspected_total, score_problem, settled
from checklist.problems import Problem, ProblemsError, display_path
from checklist.reading import MB
from checklist.scoring import Score, Status
from checklist.toml_source import TomlSource, read_bytes

WHAT = "验收文件"
MOST_BYTES = 64 * MB
_NOT_UTF8 = "文件未作改动；请用 UTF-8 保存后再打开"
_SECTIONS = {
    "report": "所验收的报告",
    "team": "检查组",
    "opinion": "验收意见",
    "record": "答卷和标准原件",
}


def default_path(source: Path) -> Path:
    """Where the inspection of the report or answers file at `source` is kept when no
    name is given: beside it, named after it (never after text inside the file)."""
    return source.with_name(f"{source.stem}.验收.toml")


def new_document(reported: Reported) -> TOMLDocument:
    info = reported.pack.info
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"{info.title}（{info.edition}）验收记录"))
    doc.add(
        tomlkit.comment("由 checklist inspect 保存；可以手工添加以 # 开头的注释，保存时会保留。")
    )
    doc.add(tomlkit.nl())
    doc["report"] = _plain_table(reported.bound().model_dump())
    doc["team"] = tomlkit.table()
    opinion = tomlkit.table()
    opinion["areas"] = tomlkit.table()
    doc["opinion"] = opinion
    doc["items"] = tomlkit.table(is_super_table=True)
    doc.add(tomlkit.nl())
    doc.add(
        tomlkit.comment(
            "以下是单位答卷和评价标准的原件（zlib 压缩后 base64 编码，附 sha256 校验值），"
            "用于核对本记录所属的报告和生成验收评分表，请勿改动。"
        )
    )
    record = reported.record()
    table = tomlkit.table()
    for key, value in record.model_dump().items():
        multiline = key in ("answers", "standard")
        table[key] = tomlkit.string(value, literal=True, multiline=True) if multiline else value
    doc["record"] = table
    return doc


def _plain_table(values: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in values.items():
        if value not in (None, "", [], {}):
            table[key] = value
    return table


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def read_inspection(path: Path) -> tuple[TOMLDocument, Inspection, bytes, Reported]:
    """The file as an editable document, its inspection, its bytes and the report it
    carries. Raises ProblemsError saying where and what to do."""
    raw = read_bytes(path, WHAT, MOST_BYTES)
    source = TomlSource.decode(raw, display_path(path), WHAT, _NOT_UTF8)
    doc = parse_document(source, path, what=WHAT)
    inspection, reported = _validate(doc.unwrap(), source, path)
    return doc, inspection, raw, reported


def inspection_from_bytes(raw: bytes, name: str) -> tuple[Inspection, Reported]:
    """An inspection file's content already read (e.g. embedded in a 验收评分表)."""
    source = TomlSource.decode(raw, name, WHAT, _NOT_UTF8)
    return _validate(parse_document(source, Path(name), what=WHAT).unwrap(), source, Path(name))


def _owner(loc: tuple[str | int, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "items":
        return f"条目 {loc[1]} 的验收"
    return _SECTIONS.get(str(loc[0]), "") if loc else ""


def _remedy(path: Path) -> str:
    backup = backup_path(path)
    restore = f"从备份 {backup.name} 恢复，或" if backup.exists() else ""
    return (
        f"文件未作改动；请{restore}用 checklist inspect 对单位报告另建验收文件"
        "（用 -o 指定新文件名）"
    )


def _validate(data: dict[str, Any], source: TomlSource, path: Path) -> tuple[Inspection, Reported]:
    try:
        inspection = Inspection.model_validate(data)
    except ValidationError as exc:
        raise ProblemsError(source.problems(exc, _owner, glossary=INSPECTION_FIELDS)) from None

    def problem(loc: tuple[str | int, ...], text: str) -> Problem:
        return Problem(source.name, *source.locate(loc), _owner(loc), text)

    record = inspection.record
    found: dict[str, bytes] = {}
    for key, sha in (("answers", record.answers_sha256), ("standard", record.standard_sha256)):
        try:
            found[key] = decoded(getattr(record, key), sha)
        except ValueError as exc:
            what = INSPECTION_FIELDS[key]
            raise ProblemsError(
                [
                    problem(
                        ("record", key),
                        f"{what}（{key}）{exc}，验收文件可能被改动过。{_remedy(path)}",
                    )
                ]
            ) from None
    bound = inspection.report
    try:
        reported = Reported.read(found["answers"], found["standard"], source.name, bound.scored_on)
    except ProblemsError as exc:
        raise ProblemsError(
            [problem(("record",), f"所附的答卷或标准无法读取：{exc}。{_remedy(path)}")]
        ) from None
    if reported.fingerprint != bound.fingerprint or reported.pack.fingerprint != bound.criteria:
        raise ProblemsError(
            [
                problem(
                    ("report", "fingerprint"),
                    f"fingerprint（报告指纹）{bound.fingerprint} 与文件所附答卷和标准算出的指纹 "
                    f"{reported.fingerprint} 不符：这份验收记录不属于它所附的报告，"
                    f"可能被改动过。{_remedy(path)}",
                )
            ]
        )
    info = reported.pack.info
    if (bound.pack, bound.edition) != (info.id, info.edition):
        raise ProblemsError(
            [
                problem(
                    ("report", "pack"),
                    f"记录的标准 {bound.pack}（{bound.edition}）与所附标准 {info.id}"
                    f"（{info.edition}）不符。{_remedy(path)}",
                )
            ]
        )
    problems = []
    for item_id, entry in inspection.items.items():
        item = reported.pack.items.get(item_id)
        if item is None:
            problems.append(
                problem(
                    ("items", item_id),
                    f"所附标准中没有条目 {item_id}；请删除这一节，或改为标准中的条目编号",
                )
            )
        elif entry.score is not None and (why := score_problem(reported.pack, item, entry.score)):
            problems.append(
                problem(("items", item_id, "score"), f"score（验收分）{entry.score:g}：{why}")
            )
    if problems:
        raise ProblemsError(problems)
    return inspection, reported


def _refuse_other_report(path: Path, inspection: Inspection, reported: Reported) -> None:
    if inspection.report.fingerprint == reported.fingerprint:
        return
    unit = inspection.report.unit or "另一单位"
    raise ProblemsError(
        [
            Problem(
                display_path(path),
                0,
                0,
                "所验收的报告",
                f"这是{unit}的报告（指纹 {inspection.report.fingerprint}）的验收文件，"
                f"不是这份报告（指纹 {reported.fingerprint}）的。文件未作改动；"
                "请用 -o 为这份报告另指定验收文件名",
            )
        ]
    )


class InspectionStore(TomlStore):
    """An inspection file open for editing. Every change is saved at once."""

    WHAT = WHAT
    CONTENT = "验收内容"

    def __init__(
        self,
        path: Path,
        doc: TOMLDocument,
        inspection: Inspection,
        reported: Reported,
        lock: AnswersLock,
    ) -> None:
        super().__init__(path, doc, lock)
        self._inspection = inspection
        self.reported = reported

    @classmethod
    def open(cls, path: Path, reported: Reported | None = None) -> InspectionStore:
        """Lock and read `path`; or create it for `reported` when it does not exist.

        Raises LockedError when another process edits it, ProblemsError when it
        cannot be read or is the inspection of another report than `reported`;
        the file is then left exactly as it was.
        """
        path = path.resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = AnswersLock(path)
        lock.acquire()
        try:
            if path.exists():
                refuse_read_only(path, WHAT)
                doc, inspection, raw, carried = read_inspection(path)
                if reported is not None:
                    _refuse_other_report(path, inspection, reported)
                store = cls(path, doc, inspection, carried, lock)
                store._on_disk = raw
            else:
                if reported is None:
                    raise ProblemsError(
                        [Problem(display_path(path), 0, 0, "", f"找不到{WHAT}，请检查路径")]
                    )
                doc = new_document(reported)
                inspection = Inspection.model_validate(doc.unwrap())
                store = cls(path, doc, inspection, reported, lock)
                store._refresh_and_save()
        except BaseException:
            lock.release()
            raise
        return store

    # -- reading --------------------------------------------------------------

    @property
    def inspection(self) -> Inspection:
        return self._inspection

    @property
    def pack(self) -> Pack:
        return self.reported.pack

    @property
    def self_score(self) -> Score:
        return self.reported.self_score

    def total(self) -> Score:
        """The 验收总分 and 等次 as the inspection stands."""
        return inspected_total(self.pack, self.self_score, self._inspection, self.reported.answers)

    def pending(self) -> list[str]:
        """The items that apply and that the team has not yet dealt with, in order."""
        return [
            item_id
            for item_id, unit in self.self_score.items.items()
            if unit.active and unit.item.scored and not settled(self._inspection.item(item_id))
        ]

    # -- changing -------------------------------------------------------------

    def set_item(self, item_id: str, **changes: Any) -> ItemInspection:
        """Change fields of one item's inspection (score, reason, confirmed, found).

        None (or "", False, an empty Found) removes a field. A 验收分 that differs
        from the 自评分 withdraws the confirmation. Raises ValueError (in Chinese)
        for a 验收分 out of the item's bounds."""
        item = self.pack.items[item_id]
        score = changes.get("score")
        if score is not None and (problem := score_problem(self.pack, item, score)):
            raise ValueError(problem)
        unit = self.self_score.items[item_id]
        if score is not None and "confirmed" not in changes and abs(score - unit.score) > 1e-9:
            changes["confirmed"] = False
        items = self._table("items", super_table=True)
        if item_id not in items:
            items[item_id] = tomlkit.table()
        table = items[item_id]
        for key, value in changes.items():
            if isinstance(value, Found):
                value = value.model_dump(exclude_defaults=True) or None
            if value is None or value == "" or value is False:
                table.pop(key, None)
            elif isinstance(value, dict):
                table[key] = _inline(value)
            else:
                table[key] = value
        table["changed"] = _now()
        self._refresh_and_save()
        return self._inspection.item(item_id)

    def confirm(self, item_id: str) -> ItemInspection:
        """Confirm the unit's 自评分 as the 验收分 (once more: withdraw the
        confirmation). Where points were lost, the 扣分原因 starts as the unit's own
        answer, for the team to keep or rewrite."""
        entry = self._inspection.item(item_id)
        unit = self.self_score.items[item_id]
        if entry.confirmed:
            same = entry.score is None or abs(entry.score - unit.score) <= 1e-9
            return self.set_item(item_id, confirmed=False, score=None if same else entry.score)
        changes: dict[str, Any] = {"confirmed": True}
        changes["score"] = unit.score if unit.counted else None
        if unit.counted and unit.score < unit.max - 1e-9 and not entry.reason:
            changes["reason"] = f"按单位自评：{self._answer_words(item_id)}"
        return self.set_item(item_id, **changes)

    def _answer_words(self, item_id: str) -> str:
        unit = self.self_score.items[item_id]
        if unit.status is Status.UNANSWERED:
            return "未答"
        if unit.status is Status.REVIEW:
            return f"需复核（{unit.hint}）" if unit.hint else "需复核"
        if unit.figure is not None:
            return unit.item.figure_words(unit.figure)
        answer = self.reported.answers.answer(item_id)
        if answer is not None and answer.value is not None:
            return unit.item.words(answer.value)
        return unit.status.value

    def set_team(self, **fields: Any) -> None:
        """Change 组长 (leader), 成员 (members, a list), 验收日期 (date)."""
        table = self._table("team")
        for key, value in fields.items():
            if value in (None, "", []):
                table.pop(key, None)
            else:
                table[key] = value
        self._refresh_and_save()

    def set_opinion(self, text: str, area_id: str | None = None) -> None:
        """The overall 验收意见, or that of one 一级指标."""
        table = self._table("opinion")
        if area_id is not None:
            if "areas" not in table:
                table["areas"] = tomlkit.table()
            table = table["areas"]
            key = area_id
        else:
            key = "overall"
        if text.strip():
            table[key] = text.strip()
        else:
            table.pop(key, None)
        self._refresh_and_save()

    def _validated(self) -> None:
        inspection = Inspection.model_validate(self._doc.unwrap())
        for item_id, entry in inspection.items.items():
            item = self.pack.items[item_id]
            if entry.score is not None and (problem := score_problem(self.pack, item, entry.score)):
                raise ValueError(problem)
        self._inspection = inspection


def _inline(values: dict[str, Any]) -> Any:
    table = tomlkit.inline_table()
    for key, value in values.items():
        table[key] = _inline(value) if isinstance(value, dict) else value
    return table
