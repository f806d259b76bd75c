"""An answers file open for editing: change one thing, save it at once.

The file is edited as a tomlkit document, so a person's comments and anything this
version does not know (answers to items of another edition) survive every save.
Each save replaces the file whole, keeping the previous version as `<name>.bak`
(atomic.py). A file that cannot be read is never written (reading.py); a file being
edited elsewhere is refused (lock.py).
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from checklist.answers.lock import AnswersLock
from checklist.answers.model import (
    SUMMARY_LABELS,
    Answers,
    EvidenceEntry,
    ItemAnswer,
    Profile,
    Rectification,
)
from checklist.answers.reading import read_for_editing
from checklist.atomic import write_atomically
from checklist.criteria.model import Pack
from checklist.locations import data_dir
from checklist.problems import Problem, ProblemsError, display_path

if TYPE_CHECKING:
    from tomlkit.items import AoT, Table
    from tomlkit.toml_document import TOMLDocument

# tomlkit is imported where a document is made or changed: it is some 30 ms of
# processor time, and the app opens an answers file without it (reading.py).


class ChangedOnDiskError(OSError):
    """The file was changed by another program since we read it; we did not overwrite it."""

    def __init__(
        self, path: Path, kept: Path, what: str = "答卷文件", content: str = "回答"
    ) -> None:
        super().__init__(
            f"{what} {path.name} 在本程序打开期间被其他程序修改过，为免覆盖那些修改，"
            f"没有写入。本程序中的全部{content}已另存为 {kept}。请退出后重新打开{what.removesuffix('文件')}，"
            "核对两份文件后再继续。"
        )
        self.kept = kept


class EvidenceInUseError(Exception):
    """An evidence entry still cited by answers cannot be deleted."""

    def __init__(self, no: int, items: list[str]) -> None:
        self.items = items
        super().__init__(
            f"佐证材料 {no} 仍被条目 {'、'.join(items)} 引用，请先在这些条目中取消引用再删除"
        )


def refuse_read_only(path: Path, what: str = "答卷文件") -> None:
    """A file its owner made read-only is not to be changed, even by its owner's app."""
    if not path.stat().st_mode & stat.S_IWUSR:
        raise ProblemsError(
            [
                Problem(
                    display_path(path),
                    0,
                    0,
                    "",
                    f"{what}设为只读，本程序不会改动它；如需继续填写，"
                    f"请先取消只读（如 chmod u+w {path.name}）后再打开",
                )
            ]
        )


def stamp_table(pack: Pack) -> Table:
    """Which standard, which edition, and each item's content hash."""
    import tomlkit

    stamp = tomlkit.table()
    stamp["pack"] = pack.info.id
    stamp["edition"] = pack.info.edition
    stamp["fingerprint"] = pack.fingerprint
    items = tomlkit.table()
    items.update(pack.item_fingerprints)
    stamp["items"] = items
    return stamp


def new_document(pack: Pack) -> TOMLDocument:
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"{pack.info.title}（{pack.info.edition}）自评答卷"))
    doc.add(tomlkit.comment("由 checklist 保存；可以手工添加以 # 开头的注释，保存时会保留。"))
    doc.add(tomlkit.nl())
    doc["stamp"] = stamp_table(pack)
    doc["profile"] = tomlkit.table()
    doc["answers"] = tomlkit.table(is_super_table=True)
    return doc


def _plain(model: EvidenceEntry | Rectification) -> dict[str, Any]:
    """A model as TOML keys, leaving out what is empty (TOML has no null)."""
    return {k: v for k, v in model.model_dump().items() if v not in (None, "", [])}


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _toml_value(value: Any) -> Any:
    """Dicts become inline tables so that one answer stays one block in the file."""
    if isinstance(value, dict):
        import tomlkit

        table = tomlkit.inline_table()
        table.update(value)
        return table
    return value


class TomlStore:
    """A TOML file open for editing through a tomlkit document, saved whole after each
    change (atomically, the previous version kept as `<name>.bak`), never over edits
    another program made meanwhile, while `lock` keeps other editors out.

    A subclass says what the file is (`WHAT`, `CONTENT`, for messages) and validates
    the document before each save (`_validated`)."""

    WHAT = "答卷文件"
    CONTENT = "回答"

    def __init__(
        self, path: Path, doc: TOMLDocument | Callable[[], TOMLDocument], lock: AnswersLock
    ) -> None:
        """`doc` is the document, or what makes it when it is first needed (a file
        already read is parsed again as a document only when it is first changed)."""
        self.path = path
        self._parsed: TOMLDocument | None = None
        self._parse: Callable[[], TOMLDocument] | None = None
        if callable(doc):
            self._parse = doc
        else:
            self._parsed = doc
        self._lock = lock
        self._on_disk: bytes | None = None  # what we last read or wrote
        self.saved_at: dt.datetime | None = None  # when this store last wrote the file
        self.write_failed = False  # whether its last attempt to write the file failed

    def _validated(self) -> None:
        """Validate the document about to be written (and keep its model); raises
        ValidationError or ValueError: a bug must not put a bad file on disk."""
        raise NotImplementedError

    @property
    def _doc(self) -> TOMLDocument:
        if self._parsed is None:
            assert self._parse is not None
            self._parsed = self._parse()
            self._parse = None
        return self._parsed

    @_doc.setter
    def _doc(self, doc: TOMLDocument) -> None:
        self._parsed, self._parse = doc, None

    @property
    def unsaved(self) -> bool:
        """Whether changes made here have not reached the file: a save failed (a full
        disk, a vanished folder, a file another program changed). Nothing is while
        the document was never made: every change goes through it (and a file its
        parser refuses, at the first change, was never changed)."""
        if self._parsed is None:
            return False
        import tomlkit

        return tomlkit.dumps(self._parsed).encode("utf-8") != self._on_disk

    def save_again(self) -> None:
        """Write what a failed save left in memory to the file, once more; raises as
        any save does (OSError, ChangedOnDiskError)."""
        self._refresh_and_save()

    def save_unsaved(self) -> Path | None:
        """Write what a failed save left in memory: to the file, or where that fails
        still, to a copy beside it or else in the user data folder, whose path is
        returned.

        Raises OSError when no copy can be written anywhere."""
        try:
            self._refresh_and_save()
            return None
        except ChangedOnDiskError as exc:
            return exc.kept
        except OSError:
            import tomlkit

            text = tomlkit.dumps(self._doc)
            name = self._unwritten_name()
            failure = OSError("no folder to keep the content in")
            for folder in (self.path.parent, data_dir()):
                try:
                    if folder != self.path.parent:  # a vanished folder is not made again
                        folder.mkdir(parents=True, exist_ok=True)
                    write_atomically(folder / name, text.encode())
                    return folder / name
                except OSError as exc:
                    failure = exc
            raise failure from None

    def close(self) -> None:
        self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------

    def _table(self, key: str, *, super_table: bool = False) -> Table:
        import tomlkit
        from tomlkit.items import Table

        if key not in self._doc:
            self._doc[key] = tomlkit.table(is_super_table=super_table)
        elif not isinstance(self._doc[key], Table):
            self._expand(key)
        table = self._doc[key]
        assert isinstance(table, Table)
        return table

    def _aot(self, key: str) -> AoT:
        import tomlkit
        from tomlkit.items import AoT

        if key not in self._doc:
            self._doc[key] = tomlkit.aot()
        elif not isinstance(self._doc[key], AoT):
            self._expand(key)
        aot = self._doc[key]
        assert isinstance(aot, AoT)
        return aot

    def _expand(self, key: str) -> None:
        """Rewrite a section written inline by hand (`profile = { … }`, `evidence =
        [{ … }]`, valid TOML) as the [profile] / [[evidence]] sections the store edits,
        at the end of the file, with the same content."""
        expanded = _expanded(self._doc[key])
        del self._doc[key]
        self._doc[key] = expanded

    def _refresh_and_save(self) -> None:
        # If the write fails (disk full, file changed elsewhere) the change stays in
        # memory and goes to disk with the next successful save; callers say so.
        # Validate what we are about to write: a bug must not put a bad file on disk.
        import tomlkit

        self._validated()
        text = tomlkit.dumps(self._doc)
        self.write_failed = True
        self._refuse_if_changed_elsewhere(text)
        data = text.encode("utf-8")
        write_atomically(self.path, data, backup=True)
        self._on_disk = data
        self.write_failed = False
        self.saved_at = _now()
        self._lock.follow()  # the file is a new one now: no other name leads to it

    def _refuse_if_changed_elsewhere(self, text: str) -> None:
        """Never overwrite edits another program made; keep ours beside the file."""
        if self._on_disk is None:
            return
        try:
            current = self.path.read_bytes()
        except FileNotFoundError:
            return  # deleted meanwhile: everything is in memory, write it again
        if current == self._on_disk:
            return
        kept = self.path.with_name(self._unwritten_name())
        write_atomically(kept, text.encode())
        raise ChangedOnDiskError(self.path, kept, self.WHAT, self.CONTENT)

    def _unwritten_name(self) -> str:
        """The name of a copy of the content that could not be written to the file."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return f"{self.path.stem}.未写入-{stamp}{self.path.suffix}"


class AnswersStore(TomlStore):
    """An answers file open for editing. Every change is saved at once."""

    def __init__(
        self,
        path: Path,
        doc: TOMLDocument | Callable[[], TOMLDocument],
        answers: Answers,
        lock: AnswersLock,
    ) -> None:
        super().__init__(path, doc, lock)
        self._answers = answers

    @classmethod
    def open(cls, path: Path, pack: Pack) -> AnswersStore:
        """Lock and read `path`, creating it for `pack` when it does not exist.

        Raises LockedError when another process edits it and ProblemsError when it
        cannot be read; in both cases the file is left exactly as it was.
        """
        # Through a symbolic link, the file it leads to is the one edited (and locked).
        path = path.resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = AnswersLock(path)
        lock.acquire()
        try:
            if path.exists():
                refuse_read_only(path)
                doc, answers, raw = read_for_editing(path)
                store = cls(path, doc, answers, lock)
                store._on_disk = raw
                if not answers.stamp.fingerprint:
                    # An empty or hand-made file: record which standard it is answered against.
                    store._stamp(pack)
            else:
                store = cls(path, new_document(pack), Answers(), lock)
                store._refresh_and_save()
        except BaseException:
            lock.release()
            raise
        return store

    # -- reading ------------------------------------------------------------

    @property
    def answers(self) -> Answers:
        return self._answers

    def made_for(self, pack: Pack) -> bool:
        """Whether the file was answered against exactly this standard."""
        return self._answers.stamp.fingerprint == pack.fingerprint

    # -- changing -----------------------------------------------------------

    def set_answer(self, item_id: str, **changes: Any) -> ItemAnswer:
        """Change fields of one item's answer (value, na, na_reason, note, figures, evidence).

        `value=None` clears the value. The change time is recorded.
        """
        current = self._answers.answers.get(item_id, ItemAnswer())
        if changes.keys() & {"value", "na"} and "review" not in changes:
            changes = {**changes, "review": None}  # a changed answer is a reviewed one
        merged = current.model_dump(exclude_defaults=True) | changes
        import tomlkit

        merged["changed"] = _now()
        answer = ItemAnswer.model_validate({k: v for k, v in merged.items() if v is not None})
        if "evidence" in changes:
            self._check_evidence_numbers(answer.evidence)
        answers_table = self._table("answers", super_table=True)
        if item_id not in answers_table:
            answers_table[item_id] = tomlkit.table()
        table = answers_table[item_id]
        for key, value in changes.items():
            if value is None or (value == "" and key in ("na_reason", "note", "review")):
                table.pop(key, None)
            elif key == "na" and value is False:
                table.pop("na", None)
            else:
                table[key] = _toml_value(value)
        table["changed"] = merged["changed"]
        self._refresh_and_save()
        return answer

    def confirm_review(self, item_id: str) -> ItemAnswer:
        """The unit looked at an answer kept for review (需复核) and it stands."""
        return self.set_answer(item_id, review=None)

    def text(self) -> str:
        """The file as it stands (as saved, or as the next save will write it)."""
        import tomlkit

        return tomlkit.dumps(self._doc)

    def replace_text(self, text: str) -> Answers:
        """Replace the whole file with `text`, an answers file made from this one (its
        migration to another edition), keeping the previous as .bak."""
        import tomlkit

        doc = tomlkit.parse(text)
        Answers.model_validate(doc.unwrap())  # nothing unreadable is written
        self._doc = doc
        self._refresh_and_save()
        return self._answers

    def set_profile(self, **fields: Any) -> Profile:
        profile = Profile.model_validate(self._answers.profile.model_dump() | fields)
        table = self._table("profile")
        for key, value in fields.items():
            if value is None or value == "":
                table.pop(key, None)
            else:
                table[key] = value
        self._refresh_and_save()
        return profile

    def add_evidence(
        self, title: str, kind: str = "其他", date: dt.date | None = None, location: str = ""
    ) -> EvidenceEntry:
        """Append an entry with the next free number (numbers are never reused in a file)."""
        import tomlkit

        no = self._answers.next_evidence_no()
        entry = EvidenceEntry(no=no, title=title, kind=kind, date=date, location=location)
        counter = tomlkit.item(no)
        counter.comment("佐证材料已用过的最大编号；删除的编号不再使用")
        self._doc["evidence_last_no"] = counter
        aot = self._aot("evidence")
        aot.append(tomlkit.item(_plain(entry)))
        self._refresh_and_save()
        return entry

    def update_evidence(self, no: int, **fields: Any) -> EvidenceEntry:
        index = self._evidence_index(no)
        entry = EvidenceEntry.model_validate(self._answers.evidence[index].model_dump() | fields)
        table = self._aot("evidence")[index]
        for key, value in fields.items():
            if key == "no":
                continue  # numbers are fixed: answers refer to them
            if value is None or value == "":
                table.pop(key, None)
            else:
                table[key] = value
        self._refresh_and_save()
        return entry

    def remove_evidence(self, no: int) -> None:
        """Delete an entry that no answer cites; otherwise raise EvidenceInUseError."""
        citing = self._answers.citing(no)
        if citing:
            raise EvidenceInUseError(no, citing)
        index = self._evidence_index(no)
        del self._aot("evidence")[index]
        self._refresh_and_save()

    def add_rectification(self, **fields: Any) -> Rectification:
        import tomlkit

        entry = Rectification.model_validate(fields)
        self._aot("rectification").append(tomlkit.item(_plain(entry)))
        self._refresh_and_save()
        return entry

    def update_rectification(self, index: int, **fields: Any) -> Rectification:
        entry = Rectification.model_validate(
            self._answers.rectification[index].model_dump() | fields
        )
        table = self._aot("rectification")[index]
        for key, value in fields.items():
            if value is None or value == "" or value == []:
                table.pop(key, None)
            else:
                table[key] = value
        self._refresh_and_save()
        return entry

    def remove_rectification(self, index: int) -> None:
        del self._aot("rectification")[index]
        self._refresh_and_save()

    def set_narrative(self, area_id: str, text: str) -> None:
        table = self._table("narrative")
        if text:
            table[area_id] = text
        else:
            table.pop(area_id, None)
        self._refresh_and_save()

    def set_summary(self, key: str, text: str) -> None:
        """The chair's 工作成效 (`achievements`) or 存在问题 (`problems`) text."""
        if key not in SUMMARY_LABELS:
            raise ValueError(f"unknown summary field {key!r}")
        table = self._table("summary")
        if text:
            table[key] = text
        else:
            table.pop(key, None)
        self._refresh_and_save()

    # -- internals ----------------------------------------------------------

    def _check_evidence_numbers(self, numbers: Iterable[int]) -> None:
        known = {e.no for e in self._answers.evidence}
        unknown = [str(n) for n in numbers if n not in known]
        if unknown:
            raise ValueError(f"佐证材料目录中没有第 {'、'.join(unknown)} 项，请先添加")

    def _evidence_index(self, no: int) -> int:
        for index, entry in enumerate(self._answers.evidence):
            if entry.no == no:
                return index
        raise KeyError(f"佐证材料目录中没有第 {no} 项")

    def _stamp(self, pack: Pack) -> None:
        self._doc["stamp"] = stamp_table(pack)
        self._refresh_and_save()

    def _validated(self) -> None:
        self._answers = Answers.model_validate(self._doc.unwrap())


def _expanded(value: Any) -> Any:
    """An inline table as a table, an array of inline tables as an array of tables
    (their contents too); any other value as it is."""
    import tomlkit
    from tomlkit.items import Array, InlineTable

    if isinstance(value, InlineTable):
        table = tomlkit.table()
        for key, inner in value.items():
            table[key] = _expanded(inner)
        return table
    if isinstance(value, Array) and all(isinstance(inner, InlineTable) for inner in value):
        tables = tomlkit.aot()
        for inner in value:
            tables.append(_expanded(inner))
        return tables
    return value
