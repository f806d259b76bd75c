"""The plain TOML the program itself writes, read in a fraction of tomllib's time.

tomllib reads a string one character at a time in Python; an answers file is mostly
long Chinese notes, so reading 200 of them for `checklist summary` was most of its
time. The files the program saves use a small part of TOML, one statement a line:
table headers (`[answers.djdgj-01]`, `[[evidence]]`), and keys given a string without
escapes, a decimal number, a boolean, a date, a UTC time (`2026-11-26T11:12:16Z`), or
a one-line array or inline table of these. Such lines are read here with one pattern
each, the strings taken whole.

`loads` gives exactly what `tomllib.loads` gives, or None as soon as it meets anything
else (another way of writing a value, a value over several lines, a key or a table
written twice, a header into a value): the caller then reads the text with tomllib,
which accepts it or says what is wrong. So a file reads the same either way, and
nothing tomllib refuses is accepted here (tests/test_toml_plain.py compares the two).
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
_LINE = re.compile(
    rf"{_WS}(?:({_KEY}){_WS}={_WS}(?:{_SCALAR}|({_ARRAY}|{_TABLE}))"
    rf"|\[\[({_HEADER_KEYS})\]\]|\[({_HEADER_KEYS})\])?{_WS}{_COMMENT}"
)
_SCALAR_AT = re.compile(_SCALAR)
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
        lines = text.split("\n")
        if lines[-1].endswith("\r"):  # a carriage return must end a line
            raise _Unplain
        for line in lines:
            if line.endswith("\r"):
                line = line[:-1]
            found = line_match(line)
            if found is None:
                raise _Unplain
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
        return self.root

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
