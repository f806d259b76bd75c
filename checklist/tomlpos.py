"""Where a key of a TOML document sits in its source text (line and column).

Neither tomllib nor tomlkit reports positions of values, and staff need them in
error messages. This scanner reads the source once, following table headers
(`[a]`, `[[a.b]]`) and `key = value` lines, and maps each key path such as
("area", 0, "indicator", 1, "item", 2, "points") to its 1-based line and column.
It runs only when there is an error to report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _split_key(text: str) -> list[str] | None:
    """Split a dotted key (`a.b."c d"`) into parts; None if it is not a key."""
    parts: list[str] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] in "\"'":
            quote = text[i]
            end = text.find(quote, i + 1)
            if end < 0:
                return None
            parts.append(text[i + 1 : end])
            i = end + 1
        else:
            m = _BARE_KEY.match(text, i)
            if not m:
                return None
            parts.append(m.group())
            i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n:
            if text[i] != ".":
                return None
            i += 1
    return parts or None


def _key_end(line: str) -> int:
    """Index of the `=` that ends the key part of a key/value line, or -1."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "=":
            return i
        elif ch == "#":
            return -1
    return -1


def _bracket_delta(text: str) -> tuple[int, str]:
    """Net [ and { depth change of a value fragment, ignoring strings and comments.

    Returns the delta and the opening of an unterminated multi-line string, if any.
    """
    depth = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith('"""', i) or text.startswith("'''", i):
            delim = text[i : i + 3]
            end = text.find(delim, i + 3)
            if end < 0:
                return depth, delim
            i = end + 3
            continue
        if ch in "\"'":
            end = i + 1
            while end < n and text[end] != ch:
                end += 2 if ch == '"' and text[end] == "\\" else 1
            i = end + 1
            continue
        if ch == "#":
            break
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        i += 1
    return depth, ""


def key_positions(source: str) -> dict[Path, tuple[int, int]]:
    """Map every key path of `source` to (line, column), both 1-based."""
    positions: dict[Path, tuple[int, int]] = {}
    array_counts: dict[tuple[str | int, ...], int] = {}
    table: Path = ()
    in_string = ""  # delimiter of an open multi-line string
    depth = 0  # open brackets of a multi-line value
    value_path: Path = ()
    element = 0

    for lineno, raw in enumerate(source.splitlines(), start=1):
        if in_string:
            if in_string in raw:
                in_string = ""
            continue
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if depth > 0:
            # Inside a multi-line array: staff write one element per line.
            if depth == 1 and stripped and not stripped.startswith(("]", "#")):
                positions.setdefault((*value_path, element), (lineno, indent + 1))
                element += 1
            delta, in_string = _bracket_delta(stripped)
            depth += delta
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[["):
            end = stripped.find("]]")
            parts = _split_key(stripped[2:end]) if end > 0 else None
            if parts is not None:
                table = _resolve(parts, array_counts, new_element=True)
                positions.setdefault(table, (lineno, indent + 1))
            continue
        if stripped.startswith("["):
            end = stripped.find("]")
            parts = _split_key(stripped[1:end]) if end > 0 else None
            if parts is not None:
                table = _resolve(parts, array_counts, new_element=False)
                positions.setdefault(table, (lineno, indent + 1))
            continue
        eq = _key_end(stripped)
        if eq < 0:
            continue
        parts = _split_key(stripped[:eq])
        if parts is None:
            continue
        path: Path = (*table, *parts)
        positions.setdefault(path, (lineno, indent + 1))
        value = stripped[eq + 1 :]
        delta, in_string = _bracket_delta(value)
        if delta > 0:
            depth, value_path, element = delta, path, 0
    return positions


def _resolve(
    parts: list[str], array_counts: dict[tuple[str | int, ...], int], *, new_element: bool
) -> Path:
    """Turn a header's key parts into a full path with array indices.

    Each prefix that names an array of tables points at its latest element, as
    TOML defines; for `[[...]]` the last part starts a new element.
    """
    path: list[str | int] = []
    for i, part in enumerate(parts):
        path.append(part)
        key = tuple(path)
        last = i == len(parts) - 1
        if last and new_element:
            array_counts[key] = array_counts.get(key, -1) + 1
            path.append(array_counts[key])
        elif key in array_counts:
            path.append(array_counts[key])
    return tuple(path)


def locate(positions: dict[Path, tuple[int, int]], loc: Sequence[str | int]) -> tuple[int, int]:
    """Position of the deepest known prefix of `loc`.

    The empty prefix is the document itself, so a key missing at the top level (no
    `[pack]` at all) points at the start of the file rather than nowhere.
    """
    path = tuple(loc)
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return (1, 1)
