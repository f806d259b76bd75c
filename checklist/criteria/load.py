"""Read a criteria TOML file into a validated `Pack`, or report every problem at once."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checklist.criteria.checks import check_pack
from checklist.criteria.model import KINDS, Pack
from checklist.messages import (
    CRITERIA_FIELDS,
    Problem,
    ProblemsError,
    display_path,
    os_error_text,
    problems_from_validation,
    toml_nesting_problem,
    toml_syntax_problem,
)
from checklist.reading import MB, read_file
from checklist.tomlpos import key_positions, locate

_OWNERS = (("item", "条目"), ("indicator", "二级指标"), ("area", "一级指标"))


def load_standard(path: Path | None = None) -> Pack:
    """The pack at `path`, or the standard shipped with the program."""
    from checklist.locations import shipped_standard

    return load_pack(path or shipped_standard())


def load_pack(path: Path) -> Pack:
    """Load and validate one criteria file. Raises ProblemsError listing all problems."""
    name = display_path(path)
    try:
        raw = read_file(path, 64 * MB, "标准文件")
    except FileNotFoundError:
        raise ProblemsError([Problem(name, 0, 0, "", "找不到标准文件，请检查路径")]) from None
    except OSError as exc:
        raise ProblemsError(
            [Problem(name, 0, 0, "", f"无法读取标准文件：{os_error_text(exc)}")]
        ) from None
    except ValueError as exc:
        raise ProblemsError([Problem(name, 0, 0, "", f"无法读取标准文件：{exc}")]) from None
    try:
        # utf-8-sig: Windows editors (Notepad, WPS) may start the file with a BOM.
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProblemsError(
            [Problem(name, 0, 0, "", "文件不是 UTF-8 编码，请用 UTF-8 保存后再试")]
        ) from None
    return parse_pack(source, name)


def parse_pack(source: str, name: str) -> Pack:
    """Validate criteria TOML text; `name` is used in messages."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ProblemsError([toml_syntax_problem(exc, source, name)], more_checks=True) from None
    except RecursionError:
        raise ProblemsError([toml_nesting_problem(source, name)], more_checks=True) from None

    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        positions = key_positions(source)
        raise ProblemsError(
            problems_from_validation(
                exc,
                name,
                lambda loc: locate(positions, loc),
                lambda loc: owner_of(data, loc),
                tags=frozenset(KINDS),
                glossary=CRITERIA_FIELDS,
            ),
            more_checks=True,
        ) from None

    findings = check_pack(pack)
    if findings:
        positions = key_positions(source)
        raise ProblemsError(
            [
                Problem(name, *locate(positions, loc), owner_of(data, loc), text)
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
