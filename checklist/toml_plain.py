"""The plain TOML the program writes and staff write, read in a fraction of tomllib's time.

tomllib reads a string one character at a time in Python; an answers file is mostly
long Chinese notes, so reading 200 of them for `checklist summary` was most of its
time, and a standard of 1,000 items took longer to parse than to validate. These
files use a small part of TOML, one statement a line: table headers
(`[answers.djdgj-01]`, `[[area.indicator.item]]`), and keys given a string with at
most the short escapes (\\n), a decimal number, a boolean, a date, a UTC time
(`2026-11-26T11:12:16Z`), or an array or inline table of these (an array may run over
several lines, with comments). A line of one key and a value on it is read with one
pattern, the strings taken whole; arrays and tables within are read a token at a time.

`loads` gives exactly what `tomllib.loads` gives, or None as soon as it meets anything
else (another way of writing a value, a dotted key, a key or a table written twice, a
header into a value): the caller then reads the text with tomllib, which accepts it or
says what is wrong. So a file reads the same either way, and nothing tomllib refuses
is accepted here (tests/unit/test_toml_plain.py compares the two).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_WS = r"[ \t]*"
# A basic string (the characters TOML allows in one, and the short escapes: a note
# typed over several lines is saved with \n), and a key without escapes.
_CHARS = r'[^"\\\x00-\x08\x0a-\x1f\x7f]*'
_STRING = rf'"{_CHARS}(?:\\[\\"bfnrt]{_CHARS})*"'
_ESCAPE = re.compile(r'\\[\\"bfnrt]')
_ESCAPED = {
    "\\\\": "\\",
    '\\"': '"',
    "\\b": "\b",
    "\\f": "\f",
    "\\n": "\n",
    "\\r": "\r",
    "\\t": "\t",
}
_KEY = r'[A-Za-z0-9_-]+|"[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
_DATETIME = (
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z)?"
)
_NUMBER = r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
# A value on its own; its groups say which kind it is (see `_scalar`).
_SCALAR = rf"({_STRING})|({_DATETIME})(?![0-9:.+-])|({_NUMBER})(?![0-9.eE_xob:-])|(true|false)"
_SCALAR_SHAPE = rf"(?:{_STRING}|{_DATETIME}|{_NUMBER}|true|false)"
_ARRAY = rf"\[{_WS}(?:{_SCALAR_SHAPE}{_WS}(?:,{_WS}{_SCALAR_SHAPE}{_WS})*(?:,{_WS})?)?\]"
_PAIR_SHAPE = rf"(?:{_KEY}){_WS}={_WS}{_SCALAR_SHAPE}"
_TABLE = rf"\{{{_WS}(?:{_PAIR_SHAPE}(?:{_WS},{_WS}{_PAIR_SHAPE})*{_WS})?\}}"
_COMMENT = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
_HEADER_KEYS = rf"{_WS}(?:{_KEY})(?:{_WS}\.{_WS}(?:{_KEY}))*{_WS}"

# One line: a key and its value, a table header, or nothing; then perhaps a comment.
# Groups: the key; the value as a string, a date or time, a number, a boolean, or an
# array or inline table; the keys of an array-of-tables header, of a table header.
# (No two runs of blanks meet, lest a long line that fails take time to fail.)
_LINE = re.compile(
    rf"{_WS}(?:(?:({_KEY}){_WS}={_WS}(?:{_SCALAR}|({_ARRAY}|{_TABLE}))"
    rf"|\[\[({_HEADER_KEYS})\]\]|\[({_HEADER_KEYS})\]){_WS})?{_COMMENT}"
)
_SCALAR_AT = re.compile(_SCALAR)
_KEY_EQ = re.compile(rf"{_WS}({_KEY}){_WS}={_WS}")
_INLINE_WS = re.compile(_WS)
# Between the elements of an array: blanks, line ends and comments.
_ARRAY_WS = re.compile(r"(?:[ \t\n]|\r\n|#[^\x00-\x08\x0a-\x1f\x7f]*)*")
# What may follow a value at the end of its line.
_LINE_END = re.compile(rf"{_WS}{_COMMENT}(?:\r?\n|\Z)")
_PAIR_AT = re.compile(rf"({_KEY}){_WS}={_WS}(?:{_SCALAR})")
_HEADER_KEY_AT = re.compile(_KEY)


class _Unplain(Exception):
    """The text is not the plain TOML read here."""


def loads(text: str) -> dict[str, Any] | None:
    """The data of `text` as tomllib reads it, or None when `text` is not plain."""
    try:
        return _Reader().read(text)
    except _Unplain:
        return None


class _Reader:
    def __init__(self) -> None:
        self.root: dict[str, Any] = {}
        # The tables a header may lead into (ids): the root, those headers brought
        # in, and the elements of arrays of tables; not inline tables, which are values.
        self.tables: set[int] = {id(self.root)}
        self.arrays: set[int] = set()  # the arrays of tables (ids)

    def read(self, text: str) -> dict[str, Any]:
        current = self.root
        line_match = _LINE.fullmatch
        pos = 0
        while True:
            end = text.find("\n", pos)
            line = text[pos:] if end < 0 else text[pos:end]
            if line.endswith("\r"):
                if end < 0:  # a carriage return must end a line
                    raise _Unplain
                line = line[:-1]
            found = line_match(line)
            if found is None:  # a value over several lines, or arrays and tables within
                pos = _long_value(text, pos, current)
                if pos < 0:
                    return self.root
                continue
            key, string, when, number, boolean, compound, array, table = found.groups()
            if key is not None:
                if key[0] == '"':
                    key = key[1:-1]
                if key in current:
                    raise _Unplain
                if string is not None:  # as most are
                    current[key] = _string(string)
                elif compound is not None:
                    current[key] = _compound(compound)
                else:
                    current[key] = _read_scalar(None, when, number, boolean)
            elif table is not None:
                current = self._table(_header(table))
            elif array is not None:
                current = self._element(_header(array))
            if end < 0:
                return self.root
            pos = end + 1

    def _parent(self, keys: list[str]) -> dict[str, Any]:
        """The table holding the last of `keys`, tables made on the way."""
        node = self.root
        for name in keys[:-1]:
            child = node.get(name)
            if child is None:
                child = node[name] = {}
                self.tables.add(id(child))
            elif id(child) in self.arrays:
                child = child[-1]
            elif not isinstance(child, dict) or id(child) not in self.tables:
                raise _Unplain
            node = child
        return node

    def _table(self, keys: list[str]) -> dict[str, Any]:
        parent = self._parent(keys)
        if keys[-1] in parent:  # written twice, or already a value or a parent
            raise _Unplain
        table: dict[str, Any] = {}
        parent[keys[-1]] = table
        self.tables.add(id(table))
        return table

    def _element(self, keys: list[str]) -> dict[str, Any]:
        parent = self._parent(keys)
        array = parent.get(keys[-1])
        if array is None:
            array = parent[keys[-1]] = []
            self.arrays.add(id(array))
        elif id(array) not in self.arrays:
            raise _Unplain
        element: dict[str, Any] = {}
        array.append(element)
        self.tables.add(id(element))
        return element


def _key(text: str) -> str:
    return text[1:-1] if text[0] == '"' else text


def _header(text: str) -> list[str]:
    return [_key(m.group()) for m in _HEADER_KEY_AT.finditer(text)]


def _long_value(text: str, pos: int, table: dict[str, Any]) -> int:
    """Read the key and value that start the line at `pos` into `table`, where the
    value is an array over several lines or holds arrays and inline tables; the
    position of the next line (-1: the text ends)."""
    found = _KEY_EQ.match(text, pos)
    if found is None:
        raise _Unplain
    key = found.group(1)
    if key[0] == '"':
        key = key[1:-1]
    if key in table:
        raise _Unplain
    table[key], pos = _nested(text, found.end())
    end = _LINE_END.match(text, pos)
    if end is None:
        raise _Unplain
    return end.end() if end.end() < len(text) or text.endswith("\n") else -1


# Deeper than any file of the program's; tomllib says where a file nests too deep.
_DEEPEST = 32


def _nested(text: str, pos: int, depth: int = 0) -> tuple[Any, int]:
    """The value at `pos` (a scalar, an array, an inline table) and where it ends."""
    opening = text[pos : pos + 1]
    if depth > _DEEPEST:
        raise _Unplain
    if opening == "[":
        items = []
        pos = _after(_ARRAY_WS, text, pos + 1)
        while text[pos : pos + 1] != "]":
            item, pos = _nested(text, pos, depth + 1)
            items.append(item)
            pos = _after(_ARRAY_WS, text, pos)
            if text[pos : pos + 1] == ",":
                pos = _after(_ARRAY_WS, text, pos + 1)
            elif text[pos : pos + 1] != "]":
                raise _Unplain
        return items, pos + 1
    if opening == "{":
        start = pos
        table: dict[str, Any] = {}
        pos = _after(_INLINE_WS, text, pos + 1)
        while text[pos : pos + 1] != "}":
            found = _KEY_EQ.match(text, pos)
            if found is None:
                raise _Unplain
            key = found.group(1)
            if key[0] == '"':
                key = key[1:-1]
            if key in table:
                raise _Unplain
            table[key], pos = _nested(text, found.end(), depth + 1)
            pos = _after(_INLINE_WS, text, pos)
            if text[pos : pos + 1] == ",":
                pos = _after(_INLINE_WS, text, pos + 1)
                if text[pos : pos + 1] == "}":  # a trailing comma (TOML 1.1)
                    raise _Unplain
            elif text[pos : pos + 1] != "}":
                raise _Unplain
        if "\n" in text[start:pos]:  # an inline table is written on one line
            raise _Unplain
        return table, pos + 1
    found = _SCALAR_AT.match(text, pos)
    if found is None:
        raise _Unplain
    return _read_scalar(*found.groups()), found.end()


def _after(blanks: re.Pattern[str], text: str, pos: int) -> int:
    """Where the blanks at `pos` end (the pattern matches nothing too)."""
    found = blanks.match(text, pos)
    assert found is not None
    return found.end()


def _compound(text: str) -> Any:
    """An array or an inline table."""
    if text[0] == "[":
        return [_read_scalar(*m.groups()) for m in _SCALAR_AT.finditer(text, 1)]
    table: dict[str, Any] = {}
    for m in _PAIR_AT.finditer(text, 1):
        key, string, when, number, boolean = m.groups()
        if key[0] == '"':
            key = key[1:-1]
        if key in table:
            raise _Unplain
        table[key] = _read_scalar(string, when, number, boolean)
    return table


def _string(written: str) -> str:
    """A basic string's text (quotes and escapes as written)."""
    text = written[1:-1]
    return _ESCAPE.sub(_unescaped, text) if "\\" in text else text


def _unescaped(escape: re.Match[str]) -> str:
    return _ESCAPED[escape.group()]


def _read_scalar(
    string: str | None, when: str | None, number: str | None, boolean: str | None
) -> Any:
    if string is not None:
        return _string(string)
    if number is not None:
        return float(number) if "." in number else int(number)
    if boolean is not None:
        return boolean == "true"
    assert when is not None
    try:
        if len(when) == 10:
            return dt.date.fromisoformat(when)
        return dt.datetime.fromisoformat(when)  # ends in Z: UTC, as tomllib gives it
    except ValueError:  # a day the month does not have: tomllib says so
        raise _Unplain from None
