"""Read a criteria TOML file into a validated `Pack`, or report every problem at once."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from checklist.criteria.model import KINDS, Pack
from checklist.problems import (
    CRITERIA_FIELDS,
    Problem,
    ProblemsError,
    closest,
    display_path,
    field_label,
    translate_error,
)
from checklist.reading import MB
from checklist.toml_source import TomlSource, read_bytes

if TYPE_CHECKING:
    from checklist.criteria.checks import Finding, Loc

# What only a standard being validated needs (the checks across the file, and what
# explains and locates its errors) is imported when it is: the app opens a standard
# validated before without it (validated_cache.py).

_OWNERS = (("item", "条目"), ("indicator", "二级指标"), ("area", "一级指标"))


def load_standard(path: Path | None = None) -> Pack:
    """The pack at `path`, or the standard shipped with the program."""
    from checklist.locations import shipped_standard

    return load_pack(path or shipped_standard())


def load_pack(path: Path) -> Pack:
    """Load and validate one criteria file. Raises ProblemsError listing all problems.
    Within `validated_cache.used()` (the app), a file of the same bytes as one
    validated before is read back as validated then, from the user's cache folder."""
    from checklist.validated_cache import cached_or_made, in_use

    raw = read_bytes(path, "标准文件", 64 * MB)
    name = display_path(path)
    if in_use():
        pack = cached_or_made("standard", raw, Pack, lambda: _pack_from_bytes(raw, name))
    else:
        pack = _pack_from_bytes(raw, name)
    _remember_source(pack, raw)
    return pack


def pack_from_bytes(raw: bytes, name: str) -> Pack:
    """Validate the bytes of a criteria file (e.g. one embedded in a report); `name`
    is used in messages."""
    pack = _pack_from_bytes(raw, name)
    _remember_source(pack, raw)
    return pack


def _pack_from_bytes(raw: bytes, name: str) -> Pack:
    return _pack(TomlSource.decode(raw, name, "标准文件", "请用 UTF-8 保存后再试"))


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
    from checklist.criteria.checks import check_pack
    from checklist.criteria.salvage import salvage

    data = source.parse()
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        # The whole-file checks too, on what validates, so that one round shows all.
        salvaged = salvage(data, exc)
        findings = salvaged.findings if salvaged else []
        source.focus(loc for loc, _ in findings)
        problems = source.problems(
            exc,
            lambda loc: owner_of(data, loc),
            tags=frozenset(KINDS),
            glossary=CRITERIA_FIELDS,
            explain=lambda err, loc: _explain(err, loc, data, source),
        )
        raise ProblemsError(
            [*problems, *_located(findings, source, data)],
            more_checks=salvaged is None or not salvaged.complete,
        ) from None

    findings = check_pack(pack)
    if findings:
        raise ProblemsError(_located(findings, source, data))
    pack._fingerprint = fingerprint(data)
    return pack


def _located(findings: list[Finding], source: TomlSource, data: Any) -> list[Problem]:
    source.focus(loc for loc, _ in findings)
    return [
        Problem(source.name, *source.locate(loc), owner_of(data, loc), text)
        for loc, text in findings
    ]


def _explain(err: ErrorDetails, loc: Loc, data: Any, source: TomlSource) -> str | None:
    """An error said better than the words every file gets: a table header at the wrong
    place, an unknown key inside an option (a level, a deduction), named with it, and
    a misspelt key, kind or value with the name it most likely stands for."""
    from checklist.criteria.salvage import PART_KEYS, node_at
    from checklist.criteria.shape import field_names, model_at

    header = source.header(loc)
    if header and not _known_header(header):
        return _header_advice(header, str(loc[-1]))
    if err["type"] in ("union_tag_invalid", "literal_error"):
        return _misspelt_value(err)
    if err["type"] != "extra_forbidden":
        return None
    model = model_at(Pack, err["loc"][:-1])
    if model is None:
        return None
    meant = closest(str(loc[-1]), field_names(model))
    guess = f"，是不是 {' 或 '.join(field_label(m).strip() for m in meant)}？" if meant else ""
    if len(loc) < 3 or not isinstance(loc[-2], int) or loc[-3] in PART_KEYS:
        return f"不认识的字段 {loc[-1]}{guess or '，'}请检查拼写或删除" if meant else None
    kind = CRITERIA_FIELDS.get(str(loc[-3]), str(loc[-3]))  # 选项, 等级
    element = node_at(data, loc[:-1])
    # An option or a level has a label, a figure a name.
    label = (element.get("label") or element.get("name")) if isinstance(element, dict) else None
    named = isinstance(label, str) and label.strip()
    name = f"{kind}“{label}”" if named else f"第 {loc[-2] + 1} 个{kind}"
    allowed = "、".join(field_label(key).strip() for key in field_names(model))
    return f"{name}中有不认识的字段 {loc[-1]}{guess}{'' if guess else '，'}{kind}中只能写 {allowed}"


def _misspelt_value(err: ErrorDetails) -> str | None:
    """A `kind` or a value of a fixed list (a method, a figure's type) that is not one of
    them, with the one it most likely stands for; None when none is close."""
    ctx = err.get("ctx") or {}
    if err["type"] == "union_tag_invalid":
        written, allowed = str(ctx.get("tag", "")), list(KINDS)
    else:
        written = err.get("input")
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if not isinstance(written, str):
            return None
    meant = closest(written, allowed)
    if not meant:
        return None
    said = translate_error(err)
    now = "" if err["type"] == "union_tag_invalid" else f"，现在是“{written}”"
    return f"{said}{now}，是不是 {' 或 '.join(meant)}？"


def _headers() -> list[tuple[tuple[str, ...], str]]:
    """Each table header a standard may have: its keys, and how it is written."""
    from checklist.criteria.shape import table_headers

    return [(path, _written(path, array)) for path, array in table_headers(Pack)]


def _known_header(header: str) -> bool:
    from checklist.tomlpos import split_key

    array = header.startswith("[[")
    keys = tuple(split_key(header[2:-2] if array else header[1:-1]) or ())
    return _written(keys, array) in {text for _, text in _headers()}


def _header_advice(header: str, key: str) -> str:
    """What a table header at the wrong place should be: the header of the table its
    last key names, or failing that of the key it brought in where the file may not
    have it (`[[area.item.foo]]`: item); else the headers of the parts of a standard."""
    from checklist.criteria.salvage import PART_KEYS
    from checklist.tomlpos import split_key

    known = _headers()
    keys = split_key(header.strip("[]")) or []
    for name in [*keys[-1:], key]:
        fits = [text for path, text in known if path[-1] == name]
        if fits:
            what = CRITERIA_FIELDS.get(name, name)
            return f"表头 {header} 的层级不对：{what}的表头应写作 {' 或 '.join(fits)}"
    parts = "、".join(text for path, text in known if len(path) == 1 or path[-1] in PART_KEYS)
    return f"表头 {header} 不是标准文件中的表头，请检查拼写和层级。可用的表头有 {parts}"


def _written(path: tuple[str, ...], array: bool) -> str:
    key = ".".join(path)
    return f"[[{key}]]" if array else f"[{key}]"


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
