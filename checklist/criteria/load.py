"""Read a criteria TOML file into a validated `Pack`, or report every problem at once."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checklist.criteria.checks import check_pack
from checklist.criteria.model import KINDS, Pack
from checklist.problems import CRITERIA_FIELDS, Problem, ProblemsError, display_path
from checklist.reading import MB
from checklist.toml_source import TomlSource, read_bytes

_OWNERS = (("item", "条目"), ("indicator", "二级指标"), ("area", "一级指标"))


def load_standard(path: Path | None = None) -> Pack:
    """The pack at `path`, or the standard shipped with the program."""
    from checklist.locations import shipped_standard

    return load_pack(path or shipped_standard())


def load_pack(path: Path) -> Pack:
    """Load and validate one criteria file. Raises ProblemsError listing all problems."""
    return pack_from_bytes(read_bytes(path, "标准文件", 64 * MB), display_path(path))


def pack_from_bytes(raw: bytes, name: str) -> Pack:
    """Validate the bytes of a criteria file (e.g. one embedded in a report); `name`
    is used in messages."""
    pack = _pack(TomlSource.decode(raw, name, "标准文件", "请用 UTF-8 保存后再试"))
    _remember_source(pack, raw)
    return pack


def parse_pack(source: str, name: str) -> Pack:
    """Validate criteria TOML text; `name` is used in messages."""
    pack = _pack(TomlSource(source, name))
    _remember_source(pack, source.encode("utf-8"))
    return pack


# The bytes the standards loaded in this process were read from, by fingerprint: a
# report embeds the file it was scored against (the most recent few are kept).
_SOURCES: dict[str, bytes] = {}
_SOURCES_KEPT = 32


def _remember_source(pack: Pack, raw: bytes) -> None:
    _SOURCES.pop(pack.fingerprint, None)
    _SOURCES[pack.fingerprint] = raw
    while len(_SOURCES) > _SOURCES_KEPT:
        del _SOURCES[next(iter(_SOURCES))]


def source_of(pack: Pack) -> bytes:
    """The bytes of a criteria file of `pack`'s content, as it was loaded (comments
    and layout included). Raises LookupError for a pack not loaded by this module."""
    try:
        return _SOURCES[pack.fingerprint]
    except KeyError:
        raise LookupError(f"标准“{pack.info.title}”不是从文件读入的，无法附入报告") from None


def _pack(source: TomlSource) -> Pack:
    data = source.parse()
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        raise ProblemsError(
            source.problems(
                exc,
                lambda loc: owner_of(data, loc),
                tags=frozenset(KINDS),
                glossary=CRITERIA_FIELDS,
            ),
            more_checks=True,
        ) from None

    findings = check_pack(pack)
    if findings:
        raise ProblemsError(
            [
                Problem(source.name, *source.locate(loc), owner_of(data, loc), text)
                for loc, text in findings
            ]
        )
    pack._fingerprint = fingerprint(data)
    return pack


def fingerprint(data: dict[str, Any]) -> str:
    """SHA-256 of the parsed content, so comments and layout do not change it."""
    canonical = json.dumps(
        data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def owner_of(data: Any, loc: Iterable[str | int]) -> str:
    """ "条目 djdgj-03" for a location inside that item, and so on up the tree."""
    node: Any = data
    # Inside [pack] the owner is 标准信息; a missing [pack] itself has no owner yet.
    owner = "标准信息" if tuple(loc)[:1] == ("pack",) and len(tuple(loc)) > 1 else ""
    parts = list(loc)
    for i, part in enumerate(parts):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and i > 0 and isinstance(node, dict):
            label = dict(_OWNERS).get(str(parts[i - 1]))
            if label:
                ident = node.get("id")
                owner = f"{label} {ident}" if isinstance(ident, str) else f"第 {part + 1} 个{label}"
    return owner


def criteria_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the *.toml files they hold, sorted; files stay as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        else:
            files.append(path)
    return files
