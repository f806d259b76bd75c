"""The standards this machine knows: those shipped with the program and those staff
install, each found by the id and edition it declares.

Shipped standards are the *.toml files beside the default one (《条例》, see
`checklist.locations.shipped_standard`); installed ones are the *.toml files of the
folder named by $CHECKLIST_CRITERIA, or else of the user data folder's `criteria`
(on Linux ~/.local/share/checklist/criteria, or under $XDG_DATA_HOME).

`read_library` loads and validates every file (`checklist standards`, `validate`,
`verify`); `find_standard`, which `run`, `score` and `report` use to open an answers
file, validates only the files whose [pack] table declares the id it looks for.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tomli

from checklist.criteria.load import load_pack
from checklist.criteria.model import Pack
from checklist.problems import Problem, ProblemsError, display_path
from checklist.reading import MB, read_file

FOLDER_VARIABLE = "CHECKLIST_CRITERIA"


@dataclass(frozen=True)
class Standard:
    """One standard file and what it holds."""

    pack: Pack
    path: Path
    shipped: bool

    @property
    def where(self) -> str:
        """Where it comes from, as a user reads it."""
        return f"{'随程序发布' if self.shipped else '已安装'}：{display_path(self.path)}"


@dataclass(frozen=True)
class Library:
    """The standards found, the default first, then the other shipped ones, then the
    installed ones; and the files that could not be read as a standard."""

    standards: list[Standard]
    unreadable: list[tuple[Path, ProblemsError]] = field(default_factory=list)

    def __iter__(self) -> Iterator[Standard]:
        return iter(self.standards)

    @property
    def default(self) -> Standard | None:
        """The standard a new answers file starts on (《条例》), if it reads."""
        first = self.standards[0] if self.standards else None
        return first if first is not None and first.path == _default_path() else None

    def with_fingerprint(self, fingerprint: str) -> Standard | None:
        """The standard of exactly this content, if there is one."""
        return next((s for s in self.standards if s.pack.fingerprint == fingerprint), None)

    def editions(self, pack_id: str) -> list[Standard]:
        """The standards with this id, the newest (by 施行日期) first."""
        found = [s for s in self.standards if s.pack.info.id == pack_id]
        return sorted(found, key=lambda s: s.pack.info.effective, reverse=True)

    def find(self, pack_id: str, edition: str = "", fingerprint: str = "") -> Standard | None:
        """The standard with this id: the one of this very content, else of this
        edition, else its newest edition; None when no standard here has the id."""
        editions = self.editions(pack_id)
        same = [s for s in editions if fingerprint and s.pack.fingerprint == fingerprint]
        named = [s for s in editions if edition and s.pack.info.edition == edition]
        return next(iter(same + named + editions), None)


def installed_folder() -> Path:
    """The folder staff install standards into: $CHECKLIST_CRITERIA, or the user data
    folder's `criteria`."""
    from checklist.locations import data_dir

    named = os.environ.get(FOLDER_VARIABLE, "").strip()
    return Path(named).expanduser() if named else data_dir() / "criteria"


def shipped_files() -> list[Path]:
    """The shipped standard files, the default one first."""
    default = _default_path()
    others = sorted(p for p in default.parent.glob("*.toml") if p != default)
    return [default, *others]


def installed_files() -> list[Path]:
    folder = installed_folder()
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def standard_files() -> list[Path]:
    """The shipped standard files, the default first, then the installed ones."""
    shipped = shipped_files()
    seen = {path.resolve() for path in shipped}
    return shipped + [path for path in installed_files() if path.resolve() not in seen]


def read_library() -> Library:
    """Every shipped and installed standard, each file loaded and validated."""
    standards: list[Standard] = []
    unreadable: list[tuple[Path, ProblemsError]] = []
    shipped = shipped_files()
    for path in standard_files():
        try:
            standards.append(Standard(load_pack(path), path, shipped=path in shipped))
        except ProblemsError as exc:
            unreadable.append((path, exc))
    return Library(standards, unreadable)


def find_standard(pack_id: str, edition: str = "", fingerprint: str = "") -> Standard | None:
    """What `read_library().find(…)` finds, at the cost of the files that may hold it:
    each file's [pack] table is first read alone, and only the files that declare
    this id there (or whose [pack] cannot be read alone) are loaded and validated."""
    shipped = shipped_files()
    standards: list[Standard] = []
    for path in standard_files():
        declared = declared_id(path)
        if declared is not None and declared != pack_id:
            continue
        try:
            standards.append(Standard(load_pack(path), path, shipped=path in shipped))
        except ProblemsError:
            continue  # as read_library sets it aside
    return Library(standards).find(pack_id, edition, fingerprint)


_PACK_HEADER = re.compile(r"^[ \t]*\[[ \t]*pack[ \t]*\][ \t]*(?:#.*)?$", re.MULTILINE)
_NEXT_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def declared_id(path: Path) -> str | None:
    """The id in the [pack] table of the file at `path`, read from the lines of that
    table alone (from its header to the next one); None when it cannot be read so:
    the file does not read as UTF-8, has no [pack] header or more than one, a
    multi-line string before it (the header might be inside), or no id there."""
    try:
        text = read_file(path, 64 * MB, "标准文件").decode("utf-8-sig")
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
        return None
    headers = list(_PACK_HEADER.finditer(text))
    if (
        len(headers) != 1
        or '"""' in text[: headers[0].start()]
        or "'''" in text[: headers[0].start()]
    ):
        return None
    start = headers[0].end()
    end = _NEXT_HEADER.search(text, start)
    try:
        table = tomli.loads(text[start : end.start() if end else len(text)])
    except (tomli.TOMLDecodeError, RecursionError):  # nested too deep for the parser
        return None
    ident = table.get("id")
    return ident.strip() if isinstance(ident, str) else None


def how_to_install(library: Library) -> str:
    """What to tell someone who needs a standard this machine does not have: the
    standards it has, and how to install another."""
    known = "、".join(f"{s.pack.info.id}（{s.pack.info.edition}）" for s in library) or "无"
    text = (
        f"本机已有的标准：{known}。请向发布标准的单位索取标准文件，"
        f"放入文件夹 {installed_folder()}（或环境变量 {FOLDER_VARIABLE} 指定的文件夹），"
        "运行 checklist standards 确认；或用 --criteria 指定标准文件。"
    )
    if library.unreadable:
        names = "、".join(display_path(path) for path, _ in library.unreadable)
        text += f"另有无法读取的标准文件：{names}（运行 checklist validate 查看问题）。"
    return text


def standard_named(pack_id: str, library: Library | None = None) -> Standard:
    """The newest installed edition of the standard with this id (--standard ID).
    Raises ProblemsError when there is none."""
    found = library.find(pack_id) if library else find_standard(pack_id)
    if found is None:
        text = f"本机没有编号为 {pack_id} 的标准。{how_to_install(library or read_library())}"
        problem = Problem("--standard", 0, 0, "", text)
        raise ProblemsError([problem])
    return found


def standard_file(path: Path) -> Standard:
    """The standard in the file at `path` (--criteria PATH). Raises ProblemsError."""
    return Standard(load_pack(path), path, shipped=False)


def default_standard() -> Standard:
    """The standard a new answers file starts on (《条例》). Raises ProblemsError."""
    path = _default_path()
    return Standard(load_pack(path), path, shipped=True)


def _default_path() -> Path:
    from checklist.locations import shipped_standard

    return shipped_standard()
