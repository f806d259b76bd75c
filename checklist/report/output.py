"""Where a report may be written, and writing it there whole or not at all.

A report is rewritten freely (that is how a unit updates it), but `-o` pointing by
mistake at an answers file, a signed scan or any other document must not destroy
it: only a report this program made is replaced.

No WeasyPrint here, so that the app can name the error without loading it.
"""

from __future__ import annotations

import stat
from pathlib import Path
from types import TracebackType

from checklist.atomic import AtomicFile
from checklist.problems import display_path, os_error_text
from checklist.report.fingerprint import ATTACHMENT_NAME

_CREATOR = "checklist "  # how the PDF's Creator begins (render.GENERATOR), and the
# Word copy's 最后修改者 (docx.writer.GENERATOR) until a person saves it
WORD_SUFFIX = ".docx"  # a report by this name is written as the Word copy


class OutputRefusedError(Exception):
    """The output path holds something that is not a report, or its folder cannot be
    written to: nothing is written. `str()` says what to do on the command line;
    `in_app` what the app's user can do, whose report always goes beside the answers
    file (locations.default_report)."""

    def __init__(self, problem: str, remedy: str, app_remedy: str) -> None:
        super().__init__(problem, remedy, app_remedy)  # as pickled to the app

    def __str__(self) -> str:
        problem, remedy, _ = self.args
        return f"{problem}；{remedy}"

    @property
    def in_app(self) -> str:
        problem, _, app_remedy = self.args
        return f"{problem}；{app_remedy}"


_OTHER_NAME = "请换一个报告文件名"
_MOVE_IT = "请先把它移走或改名，再生成报告"


def check_replaceable(path: Path, *, word: bool = False) -> None:
    """Refuse to write a report over anything but an earlier report of this program
    (`word`: an earlier Word copy of a report)."""
    name = display_path(path)
    try:
        found = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputRefusedError(
            f"无法查看 {name}（{os_error_text(exc)}），没有写入",
            _OTHER_NAME,
            "请检查它所在文件夹的权限",
        ) from None
    if stat.S_ISDIR(found.st_mode):
        raise OutputRefusedError(
            f"{name} 是一个文件夹", f"请指定报告的文件名，例如 {name}/报告.pdf", _MOVE_IT
        )
    if not stat.S_ISREG(found.st_mode):  # a pipe or a device: opening it may wait forever
        raise OutputRefusedError(f"{name} 不是普通文件，没有写入", _OTHER_NAME, _MOVE_IT)
    if not found.st_mode & stat.S_IWUSR:  # as the answers store keeps read-only files
        raise OutputRefusedError(
            f"{name} 是只读文件，没有覆盖",
            f"{_OTHER_NAME}，或先取消它的只读属性",
            "请先取消它的只读属性，或把它移走",
        )
    try:
        with path.open("rb") as existing:
            head = existing.read(5)
    except OSError as exc:
        raise OutputRefusedError(
            f"{name} 已存在但无法读取（{os_error_text(exc)}），没有覆盖",
            _OTHER_NAME,
            "请检查它的权限，或把它移走",
        ) from None
    if not head:
        return  # an empty file holds nothing to lose
    if word:
        _check_word_copy(path, head)
        return
    if head != b"%PDF-":
        raise OutputRefusedError(
            f"{name} 已存在，且不是 PDF 报告，没有覆盖",
            f"{_OTHER_NAME}，或先移走这个文件",
            _MOVE_IT,
        )
    if not _made_here(path):
        raise OutputRefusedError(
            f"{name} 已存在，是一份不由本程序生成的 PDF，没有覆盖",
            f"{_OTHER_NAME}，或先移走这个文件",
            _MOVE_IT,
        )


def _check_word_copy(path: Path, head: bytes) -> None:
    """Refuse to write a Word copy over anything but an earlier one of this program
    that nobody has edited since: a copy a unit has worked on in Word is theirs."""
    name = display_path(path)
    if not head.startswith(b"PK\x03\x04"):
        raise OutputRefusedError(
            f"{name} 已存在，且不是 Word 文件，没有覆盖",
            f"{_OTHER_NAME}，或先移走这个文件",
            _MOVE_IT,
        )
    if _last_modified_by(path).startswith(_CREATOR):
        return
    raise OutputRefusedError(
        f"{name} 已存在，是一份不由本程序生成、或生成后在其他程序中修改过的 Word 文件，没有覆盖",
        f"{_OTHER_NAME}，或先移走这个文件",
        _MOVE_IT,
    )


def _last_modified_by(path: Path) -> str:
    """Who saved the Word document at `path` last (its core properties), or ""."""
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as package:
            core = ElementTree.fromstring(package.read("docProps/core.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return ""
    found = core.find(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy"
    )
    return (found.text or "") if found is not None else ""


def _made_here(path: Path) -> bool:
    """Whether the PDF at `path` is a report of this program (any version)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            creator = str(pdf.docinfo.get("/Creator", ""))
            return creator.startswith(_CREATOR) or ATTACHMENT_NAME in pdf.attachments
    except (pikepdf.PdfError, OSError, ValueError):
        return False


class ReportFile:
    """The file a report goes to, written whole or not at all.

    Entering checks that the report may replace what is at `path` and creates a
    temporary file beside it, so that a folder the report cannot be written to is
    named before any layout; `write` puts the finished PDF there and moves it into
    place. Leaving without `write` removes the temporary file, and `path` is as it was.
    A `path` that is a symbolic link is written through: the file it leads to is
    replaced, and the link stays. With `word`, the file is the report's Word copy
    (report/docx), and only an earlier Word copy is replaced.
    """

    def __init__(self, path: Path, *, word: bool = False) -> None:
        self.path = path.resolve() if path.is_symlink() else path
        self.word = word  # the report's Word copy, not the PDF
        self._file: AtomicFile | None = None

    def __enter__(self) -> ReportFile:
        check_replaceable(self.path, word=self.word)
        folder = self.path.parent
        target = AtomicFile(self.path)  # replaced as every file is (atomic.py)
        try:
            target.__enter__()
        except OSError as exc:
            raise OutputRefusedError(
                f"无法在文件夹 {folder.resolve()} 中写入报告（{os_error_text(exc)}）",
                "请检查这个文件夹的权限，或用 -o 指定其他文件夹中的文件",
                "请检查这个文件夹的权限：报告保存在答卷文件所在的文件夹",
            ) from None
        self._file = target
        return self

    def write(self, pdf: bytes) -> None:
        """Put the finished PDF in place; raises OSError (e.g. the disk is full), and
        then whatever was at the path is untouched."""
        assert self._file is not None, "ReportFile.write outside its with block"
        self._file.commit(pdf)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.__exit__(kind, error, traceback)
            self._file = None
