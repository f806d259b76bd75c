"""The plain TOML reader gives what tomllib gives, or leaves the text to tomllib."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checklist.toml_plain import loads

ROOT = Path(__file__).resolve().parents[2]


def _same(a: Any, b: Any) -> bool:
    """Equal, of the same types all the way down, dicts in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dt.datetime):
        return a == b and a.tzinfo == b.tzinfo
    return bool(a == b)


def _agrees(text: str) -> bool:
    """What the plain reader gives is what tomllib gives (tomllib accepting the text);
    or the plain reader leaves it."""
    plain = loads(text)
    if plain is None:
        return True
    return _same(plain, tomllib.loads(text))


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "examples").glob("*.answers.toml")),
    ids=lambda p: p.name,
)
def test_answers_files_the_program_writes_read_as_tomllib_reads_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    plain = loads(text)
    assert plain is not None, "an answers file as saved is plain TOML"
    assert _same(plain, tomllib.loads(text))


@pytest.mark.parametrize(
    "text",
    [
        'a = "x\\u0041"',  # a long escape
        'a = "x\\q"',  # an escape TOML does not have
        "a = 007",  # leading zeros
        "a = 1_000",
        "a = 1e5",
        "a = inf",
        "a = 0x1F",
        "a = 2026-02-30",  # a day February does not have
        "a = 2026-13-01",
        "a = 2026-11-26T11:12:16+08:00",
        "a = 2026-11-26 11:12:16Z",
        "a = 2026-11-26T11:12:16",  # local time
        "a.b = 1",  # a dotted key
        "a = 1\na = 2",  # a key twice
        "[a]\n[a]",  # a table twice
        "a = 1\n[a]",  # a table where a value is
        "a = {b = 1}\n[a.c]",  # into an inline table
        "[a.b]\n[a]",  # a parent declared after (valid TOML: tomllib reads it)
        "[[a]]\n[a]",
        "[a]\n[[a]]",
        "a = [1, 2]\n[[a]]",
        "a = {b = 1, b = 2}",
        "a = {b = 1,}",  # a trailing comma in an inline table (TOML 1.1)
        "a = [\n  1,\n]",  # an array over several lines
        "a = [\n  {b = 1},  # 注释\n  {c = [1, 2]},\n]\nd = 1",
        "a = [\r\n  1,\r\n]\r\n",
        "a = [\r  1]",
        "a = {b = [\n1]}",  # a line end inside an inline table
        "a = {b = {c = 1}, d = [1, {e = 2}]}",
        "a = [1,,2]",
        "a = [,]",
        "a = [1 2]",
        "a = {b = 1 c = 2}",
        "a = [1]x",
        "a = [1] # x\n[b]",
        "a = [\n1",
        pytest.param("a = " + "[" * 40 + "]" * 40, id="deeper than the plain reader follows"),
        pytest.param("a = " + "[" * 5000, id="deeper than tomllib follows"),
        'a = """x"""',
        "a = 'x'",
        "a = 1\r",  # a carriage return that ends no line
        "a = 1\rb = 2",
        "a = 1\r\nb = 2\r\n",
        'a = "tab\there"',
        'a = "bell\x07"',  # a control character
        "# comment with \x01",
        "a = true # a comment",
        "a = truely",
        "a = [1, [2]]",
        "a = [{b = 1}]",
        "\ufeffa = 1",  # a second byte order mark
        '"" = 1',
        '"a.b" = 1\n["c.d"]\ne = 2',
        "[ a . b ]\nc = 1",
        "[[ a ]]\nb = 1\n[[a]]\nb = 2\n[a.c]\nd = 3",
        "a = -0\nb = +1.50\nc = -0.0",
        "a = []\nb = {}",
        "a = [1, 'x']",
        "a = 1 b = 2",
        "[a] x = 1",
        "a = ",
        "= 1",
    ],
)
def test_what_is_not_plain_is_left_to_tomllib_or_read_alike(text: str) -> None:
    try:
        expected: Any = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        expected = None
    plain = loads(text)
    if expected is None:
        assert plain is None, "tomllib refuses it, so must the plain reader"
    else:
        assert plain is None or _same(plain, expected)


# Pieces of lines, plain and not, put together at random.
_KEYS = st.sampled_from(["a", "b", "note", "value", "x-1", '"会议时间"', '"a b"', '""', "a.b"])
_SCALARS = st.sampled_from(
    [
        '"文字"',
        '""',
        '"a\\nb"',
        '"q\\"q"',
        '"\\\\"',
        '"\\u00e9"',
        '"tab\there"',
        "'literal'",
        "0",
        "-3",
        "+7",
        "12.5",
        "-0.0",
        "01",
        "1e3",
        "true",
        "false",
        "2026-11-24",
        "2026-02-29",
        "2024-02-29",
        "2026-11-26T11:12:16Z",
        "2026-11-26T25:12:16Z",
        "2026-11-26T11:12:16.5Z",
        "nan",
    ]
)


# Between the elements of an array over several lines.
_ARRAY_GAPS = st.sampled_from(["", " ", "\n  ", "\r\n", "  # 注释\n", "\n\n", "\r", "#\x01\n"])


@st.composite
def _values(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 3 if depth < 2 else 0))
    if kind == 0:
        return draw(_SCALARS)
    if kind == 1:
        items = draw(st.lists(_SCALARS, max_size=4))
        comma = draw(st.sampled_from([",", ", ", " ,"]))
        tail = draw(st.sampled_from(["", ",", ", "]))
        return f"[{comma.join(items)}{tail if items else ''}]"
    if kind == 2:  # an array over several lines, of anything
        items = draw(st.lists(_values(depth + 1), max_size=3))
        gaps = [draw(_ARRAY_GAPS) for _ in range(len(items) + 1)]
        tail = draw(st.sampled_from(["", ","]))
        inner = ",".join(g + i for g, i in zip(gaps, items, strict=False))
        return f"[{inner}{tail if items else ''}{gaps[-1]}]"
    pairs = draw(st.lists(st.tuples(_KEYS, _values(depth + 1)), max_size=3))
    tail = draw(st.sampled_from(["", "", ","]))
    return "{" + ", ".join(f"{k} = {v}" for k, v in pairs) + (tail if pairs else "") + "}"


@st.composite
def _lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.sampled_from(["", "  ", "# 注释", "\t# x", "#\x01"]))
    if kind in (1, 2):
        comment = draw(st.sampled_from(["", " # 注释", "  #"]))
        return f"{draw(_KEYS)} = {draw(_values())}{comment}"
    keys = ".".join(draw(st.lists(_KEYS, min_size=1, max_size=3)))
    return f"[[{keys}]]" if kind == 3 else f"[{keys}]"


@settings(max_examples=400)
@given(st.lists(_lines(), max_size=12), st.sampled_from(["\n", "\r\n"]))
@example(["[answers.a-1]", 'value = "x"', "[answers.a-2]", "value = [1, 2]"], "\n")
@example(["[[evidence]]", "no = 1", "[[evidence]]", "no = 2"], "\r\n")
@example(
    [
        "options = [",
        '  { label = "一次", points = 1, when = { profile = "staff", at_least = 10 } },',
        "]",
    ],
    "\n",
)
def test_the_plain_reader_never_reads_otherwise_than_tomllib(lines: list[str], end: str) -> None:
    assert _agrees(end.join(lines))
