"""Where a key of a TOML document sits in its source text (line and column).

Neither tomllib nor tomlkit reports positions of values, and staff need them in
error messages. This scanner reads the source once, following table headers
(`[a]`, `[[a.b]]`) and `key = value` lines, and maps each key path such as
("area", 0, "indicator", 1, "item", 2, "points") to its 1-based line and column.
It also records which table header brought in each table, so that a header written at
the wrong place (`[[indicator.item]]`) can be named. It runs only when there is an
error to report, and then, told where the errors are, records keys only on their
branches: lines elsewhere are passed over with one pattern match each.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import NamedTuple

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BARE_KEY_EQ = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=")  # `key =`, the common case
_SPECIAL = re.compile(r"""[#"'\[\]{},]""")  # what a value's shape depends on
_NON_BLANK = re.compile(r"[^ \t\r]")
_STRING = r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\''
_FLAT = r'(?:[^"\'\[\]{}#]|' + _STRING + ")*"  # inside brackets that hold no others
# A line that neither brings in a table nor runs on: blank, a comment, or a bare key
# with a string, number, date, boolean, or flat array or table written on the line.
_PLAIN_LINE = re.compile(
    r"[ \t]*(?:#.*|[A-Za-z0-9_-]+[ \t]*=[ \t]*(?:"
    + _STRING
    + r'|[^"\'\[\]{}#\s][^"\'\[\]{}#]*|\['
    + _FLAT
    + r"\]|\{"
    + _FLAT
    + r"\})[ \t]*(?:#.*)?)?"
)
_BASIC_BODY = re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL)  # a "string" up to its quote


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

    Each element of a top-level array is recorded in `positions` where it starts, so
    that an error in `options[1]` points at the second option even when two share a
    line or the first sits on the line of `options = [`.
    """

    def __init__(self, path: Path, positions: dict[Path, tuple[int, int]]) -> None:
        self.path = path
        self.positions = positions
        self.stack: list[str] = []  # open [ and {
        self.string = ""  # delimiter of an open multi-line string
        self.element = 0
        self.expect_element = False

    @property
    def done(self) -> bool:
        return not self.stack and not self.string

    def feed(self, text: str, lineno: int, offset: int) -> None:
        """Read `text`, which starts at 0-based column `offset` of line `lineno`."""
        i, n = 0, len(text)
        while i < n:
            if self.string:
                end = text.find(self.string, i)
                if end < 0:
                    return
                i, self.string = end + 3, ""
                continue
            in_array = self.stack == ["["]
            element = in_array and self.expect_element
            # Jump to the next character that matters: any at an element's start,
            # else only quotes, brackets, commas and comments.
            found = (_NON_BLANK if element else _SPECIAL).search(text, i)
            if found is None:
                return
            i = found.start()
            ch = text[i]
            if ch == "#":
                return
            if element and ch not in ",]":
                self.positions.setdefault((*self.path, self.element), (lineno, offset + i + 1))
                self.element += 1
                self.expect_element = False
            if text.startswith(('"""', "'''"), i):
                self.string = text[i : i + 3]
                i += 3
                continue
            if ch == '"':
                body = _BASIC_BODY.match(text, i + 1)
                end = body.end() if body else n
                i = end + 1 if end < n and text[end] == '"' else n
                continue
            if ch == "'":
                end = text.find("'", i + 1)
                i = end + 1 if end >= 0 else n
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
    positions: dict[Path, tuple[int, int]]  # key path → (line, column), 1-based
    headers: dict[Path, str]  # every table path a header brought in → that header


def related(a: Sequence[str | int], b: Sequence[str | int]) -> bool:
    """Whether one of two paths is a prefix of the other (the same branch)."""
    n = min(len(a), len(b))
    return tuple(a[:n]) == tuple(b[:n])


def scan(source: str, within: Collection[Path] | None = None) -> Scan:
    """Where every key of `source` is, and which table header brought in each table.

    A header names its tables and all their parents: `[[indicator.item]]` written on
    its own brings in `indicator` too, and an error about `indicator` points at that
    header rather than at the start of the file.

    With `within`, keys are recorded only in the tables on the branch of one of those
    paths (every table still by its header): enough to locate any path related to
    one of them, as a whole scan would, at a fraction of the work."""
    positions: dict[Path, tuple[int, int]] = {}
    elsewhere: dict[Path, tuple[int, int]] = {}  # keys not asked for, not kept
    headers: dict[Path, str] = {}
    array_counts: dict[tuple[str | int, ...], int] = {}
    header_keys: dict[str | None, list[str] | None] = {}  # a header's text → its keys
    table: Path = ()
    kept = positions  # where the keys of the current table go
    value: _Value | None = None  # a value still open from an earlier line
    wanted = None if within is None else {tuple(path) for path in within}
    branches = None if wanted is None else {path[:n] for path in wanted for n in range(len(path))}

    for lineno, raw in enumerate(source.splitlines(), start=1):
        if value is not None:
            value.feed(raw, lineno, 0)
            if value.done:
                value = None
            continue
        if kept is elsewhere and (
            # A line without any of these neither brings in a table nor runs on.
            not ("[" in raw or "{" in raw or '"""' in raw or "'''" in raw)
            or _PLAIN_LINE.fullmatch(raw)
        ):
            continue  # nothing on it is asked for, and the next line is on its own
        stripped = raw.strip()
        if not stripped or stripped[0] == "#":
            continue
        indent = len(raw) - len(raw.lstrip())
        if stripped[0] == "[":
            array = stripped.startswith("[[")
            close = "]]" if array else "]"
            end = stripped.find(close)
            opening = 2 if array else 1
            written = stripped[opening:end] if end > 0 else None
            if written not in header_keys:  # most headers are written many times
                header_keys[written] = split_key(written) if written is not None else None
            parts = header_keys[written]
            if parts is not None:
                table = _resolve(parts, array_counts, new_element=array)
                # The header brings in its table and every parent not seen yet. (An
                # array of tables is thus found where it starts, at its first element.)
                for depth in range(1, len(table) + 1):
                    if table[:depth] not in positions:
                        positions[table[:depth]] = (lineno, indent + 1)
                        headers[table[:depth]] = stripped[: end + len(close)]
                kept = positions if _on_branch(table, wanted, branches) else elsewhere
            continue
        simple = _BARE_KEY_EQ.match(stripped)
        if simple:
            eq, parts = simple.end() - 1, [simple.group(1)]
        else:
            eq = _key_end(stripped)
            if eq < 0:
                continue
            parts = split_key(stripped[:eq])
            if parts is None:
                continue
        rest = stripped[eq + 1 :]
        if kept is positions:
            kept.setdefault((*table, *parts), (lineno, indent + 1))
        if "[" in rest or "{" in rest or '"""' in rest or "'''" in rest:
            # Only an array, a table or a multi-line string has inner places or
            # runs on to the next lines.
            opened = _Value((*table, *parts), kept)
            opened.feed(rest, lineno, indent + eq + 1)
            if not opened.done:
                value = opened
    return Scan(positions, headers)


def _on_branch(table: Path, wanted: set[Path] | None, branches: set[Path] | None) -> bool:
    """Whether `table` is on the branch of a wanted path: one of its parents, or it
    or one of its parents wanted."""
    if wanted is None or branches is None:
        return True
    return table in branches or any(table[:n] in wanted for n in range(len(table) + 1))


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
