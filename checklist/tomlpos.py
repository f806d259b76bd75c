"""Where a key of a TOML document sits in its source text (line and column).

Neither tomllib nor tomlkit reports positions of values, and staff need them in
error messages. This scanner reads the source once, following table headers
(`[a]`, `[[a.b]]`) and `key = value` lines, and maps each key path such as
("area", 0, "indicator", 1, "item", 2, "points") to its 1-based line and column.
It also records which table header brought in each table, so that a header written at
the wrong place (`[[indicator.item]]`) can be named. It runs only when there is an
error to report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def split_key(text: str) -> list[str] | None:
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


class _Value:
    """Follows one value across lines: brackets, strings, and the elements of an array.

    Each element of a top-level array is recorded where it starts, so that an error in
    `options[1]` points at the second option even when two share a line or the first
    sits on the line of `options = [`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stack: list[str] = []  # open [ and {
        self.string = ""  # delimiter of an open multi-line string
        self.element = 0
        self.expect_element = False

    @property
    def done(self) -> bool:
        return not self.stack and not self.string

    def feed(
        self, text: str, lineno: int, offset: int, positions: dict[Path, tuple[int, int]]
    ) -> None:
        """Read `text`, which starts at 0-based column `offset` of line `lineno`."""
        i, n = 0, len(text)
        while i < n:
            if self.string:
                end = text.find(self.string, i)
                if end < 0:
                    return
                i, self.string = end + 3, ""
                continue
            ch = text[i]
            if ch in " \t\r":
                i += 1
                continue
            if ch == "#":
                return
            in_array = self.stack == ["["]
            if in_array and self.expect_element and ch not in ",]":
                positions.setdefault((*self.path, self.element), (lineno, offset + i + 1))
                self.element += 1
                self.expect_element = False
            if text.startswith(('"""', "'''"), i):
                self.string = text[i : i + 3]
                i += 3
                continue
            if ch in "\"'":
                end = i + 1
                while end < n and text[end] != ch:
                    end += 2 if ch == '"' and text[end] == "\\" else 1
                i = end + 1
                continue
            if ch in "[{":
                self.stack.append(ch)
                self.expect_element = self.stack == ["["]
            elif ch in "]}":
                if self.stack:
                    self.stack.pop()
            elif ch == "," and in_array:
                self.expect_element = True
            i += 1


def key_positions(source: str) -> dict[Path, tuple[int, int]]:
    """Map every key path of `source` to (line, column), both 1-based."""
    return scan(source).positions


class Scan(NamedTuple):
    positions: dict[Path, tuple[int, int]]  # every key path → (line, column), 1-based
    headers: dict[Path, str]  # every table path a header brought in → that header


def scan(source: str) -> Scan:
    """Where every key of `source` is, and which table header brought in each table.

    A header names its tables and all their parents: `[[indicator.item]]` written on
    its own brings in `indicator` too, and an error about `indicator` points at that
    header rather than at the start of the file."""
    positions: dict[Path, tuple[int, int]] = {}
    headers: dict[Path, str] = {}
    array_counts: dict[tuple[str | int, ...], int] = {}
    table: Path = ()
    value: _Value | None = None  # a value still open from an earlier line

    for lineno, raw in enumerate(source.splitlines(), start=1):
        if value is not None:
            value.feed(raw, lineno, 0, positions)
            if value.done:
                value = None
            continue
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            array = stripped.startswith("[[")
            close = "]]" if array else "]"
            end = stripped.find(close)
            opening = 2 if array else 1
            parts = split_key(stripped[opening:end]) if end > 0 else None
            if parts is not None:
                table = _resolve(parts, array_counts, new_element=array)
                # The header brings in its table and every parent not seen yet. (An
                # array of tables is thus found where it starts, at its first element.)
                for depth in range(1, len(table) + 1):
                    if table[:depth] not in positions:
                        positions[table[:depth]] = (lineno, indent + 1)
                        headers[table[:depth]] = stripped[: end + len(close)]
            continue
        eq = _key_end(stripped)
        if eq < 0:
            continue
        parts = split_key(stripped[:eq])
        if parts is None:
            continue
        path: Path = (*table, *parts)
        positions.setdefault(path, (lineno, indent + 1))
        opened = _Value(path)
        opened.feed(stripped[eq + 1 :], lineno, indent + eq + 1, positions)
        if not opened.done:
            value = opened
    return Scan(positions, headers)


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
