"""A TOML file a person wrote (a standard, an answers file), read into data or into
Chinese messages saying where it is wrong (file:line:col), the same for every kind.

Reading refuses what is not a file or far too large (reading.py); decoding accepts
the byte order mark Windows editors write and names the line and column of the first
byte that is not UTF-8; parsing (tomli: tomllib's own code,
compiled, two to three times quicker) explains syntax errors in Chinese; and `problems` locates the errors
the models find in the parsed data (tomlpos.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from checklist.problems import (
    Explain,
    Problem,
    ProblemsError,
    display_path,
    os_error_text,
    problems_from_validation,
)
from checklist.reading import read_file

if TYPE_CHECKING:
    import tomli

    from checklist.tomlpos import Scan

# The parser and what locates errors are imported when a file is parsed or has an
# error: the app opens files validated before without them (validated_cache.py).

_BOM = b"\xef\xbb\xbf"


class TomlSyntaxError(ProblemsError):
    """The text is not TOML; `problem` says where and how to mend it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__([problem], more_checks=True)
        self.problem = problem

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problem,))


def read_bytes(path: Path, what: str, most: int) -> bytes:
    """The bytes of the file at `path`; `what` names the kind of file (答卷文件,
    标准文件) in messages, `most` is the size beyond which it cannot be one. Raises
    ProblemsError."""
    name = display_path(path)
    try:
        return read_file(path, most, what)
    except FileNotFoundError:
        raise ProblemsError([Problem(name, 0, 0, "", f"找不到{what}，请检查路径")]) from None
    except OSError as exc:
        raise ProblemsError(
            [Problem(name, 0, 0, "", f"无法读取{what}：{os_error_text(exc)}")]
        ) from None
    except ValueError as exc:
        raise ProblemsError([Problem(name, 0, 0, "", f"无法读取{what}：{exc}")]) from None


class TomlSource:
    """The text of a TOML file, named as messages name it."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._scanned: Scan | None = None
        self._focus: set[tuple[str | int, ...]] = set()  # where positions are asked

    @classmethod
    def read(cls, path: Path, what: str, most: int, not_utf8: str) -> TomlSource:
        """The file at `path` (see `read_bytes`); `not_utf8` says what to do when it is
        not UTF-8. Raises ProblemsError."""
        return cls.decode(read_bytes(path, what, most), display_path(path), what, not_utf8)

    @classmethod
    def decode(cls, raw: bytes, name: str, what: str, not_utf8: str) -> TomlSource:
        """`raw` as text; raises ProblemsError at the first byte that is not UTF-8 (a
        line pasted from a GBK file), by line and column."""
        try:
            # utf-8-sig: Windows editors (Notepad, WPS) may start the file with a BOM.
            return cls(raw.decode("utf-8-sig"), name)
        except UnicodeDecodeError as exc:
            start = exc.start + (len(_BOM) if raw.startswith(_BOM) else 0)
            line = raw.count(b"\n", 0, start) + 1
            column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
            text = f"{what}不是 UTF-8 编码（从这里起），{not_utf8}"
            raise ProblemsError([Problem(name, line, column, "", text)]) from None

    def parse(self) -> dict[str, Any]:
        """The data; raises TomlSyntaxError."""
        import tomli

        try:
            return tomli.loads(self.text)
        except tomli.TOMLDecodeError as exc:
            raise TomlSyntaxError(toml_syntax_problem(exc, self.text, self.name)) from None
        except RecursionError:
            raise TomlSyntaxError(toml_nesting_problem(self.text, self.name)) from None

    def focus(self, places: Iterable[Sequence[str | int]]) -> None:
        """Say where positions will be asked (the places of the errors to report), so
        that the one scan of the text records only those branches. Positions asked
        elsewhere afterwards are still right: a whole scan then finds them."""
        if self._scanned is None:
            self._focus.update(tuple(place) for place in places)

    def locate(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """(line, column) of the key at `loc`, or of its deepest parent written out."""
        from checklist.tomlpos import locate

        return locate(self._scan(loc).positions, loc)

    def header(self, loc: Sequence[str | int]) -> str | None:
        """The table header (`[[area.indicator.item]]`) that brought in the table at
        `loc`, or None when a key did (or nothing)."""
        return self._scan(loc).headers.get(tuple(loc))

    def _scan(self, loc: Sequence[str | int]) -> Scan:
        from checklist.tomlpos import related, scan

        # Scanned only when there is an error, for the places in focus and `loc`; once
        # more, whole, if a place outside them is asked after.
        if self._scanned is None:
            self._focus.add(tuple(loc))
            self._scanned = scan(self.text, self._focus)
        elif self._focus and not any(related(loc, place) for place in self._focus):
            self._focus.clear()  # an empty focus: every table
            self._scanned = scan(self.text)
        return self._scanned

    def problems(
        self,
        exc: ValidationError,
        owner_of: Callable[[tuple[str | int, ...]], str],
        *,
        tags: frozenset[str] = frozenset(),
        glossary: Mapping[str, str] | None = None,
        explain: Explain | None = None,
    ) -> list[Problem]:
        """The errors a model found in the parsed data, located in the text (see
        `problems_from_validation`)."""
        self.focus(
            tuple(p for p in err["loc"] if not (isinstance(p, str) and p in tags))
            for err in exc.errors(include_url=False)
        )
        return problems_from_validation(
            exc, self.name, self.locate, owner_of, tags=tags, glossary=glossary, explain=explain
        )


_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_SYNTAX_HINTS = {
    "Invalid value": "值的写法不对：文字要用英文双引号括起来，日期写成 2026-11-24；"
    "若上方有列表，请检查它的“]”是否漏写",
    "Cannot overwrite a value": "同一个键写了两次，请删去一个",
    "Cannot declare": "同一个表头写了两次，请删去一个",
    "Expected '=' after a key": "键后面缺少等号“=”",
    "Invalid statement": "这一行无法识别：应为 键 = 值，或 [表头]",
    "Unclosed array": "方括号没有闭合，请补上“]”",
    "Unclosed at end": "到文件末尾仍有方括号、花括号或引号没有闭合，请从前面找出并补上",
    "Unterminated string": "引号没有闭合，请补上英文双引号",
    "Illegal character": "有不允许的字符，请检查中文引号或全角符号",
    "Expected ']' at the end of a table declaration": "表头缺少右方括号“]”",
    "Expected ']]' at the end of an array declaration": "表头缺少右方括号“]]”",
    "Expected newline or end of document after a statement": "这一行的值后面还有多余的内容："
    "一行只写一个 键 = 值，文字要用英文双引号括起来，日期写成 2026-11-24",
    "Expected": "这里缺少符号，请检查引号和括号是否成对",
    "Found invalid character": "有不允许的字符，请检查中文引号或全角符号",
    "Cannot mutate immutable namespace": "这个表已在一行内（花括号中）写完，不能在别处再添加键",
    "Cannot redefine namespace": "这个名称已用作别的表或值，不能再作表头",
    "Duplicate inline table key": "花括号中同一个键写了两次，请删去一个",
    "Escaped character is not a Unicode scalar value": "文字中的 \\u 转义不是有效的字符",
    "Invalid date or datetime": "日期或时间的写法不对，请写成 2026-11-24 或 2026-11-24T09:30:00",
    "Invalid hex value": "文字中的 \\u 转义不是有效的十六进制数",
    "Invalid initial character for a key part": "键名的写法不对：键名只能用字母、数字、- 和 _，否则要用英文双引号括起来",
    "Unclosed inline table": "花括号没有闭合，请补上“}”",
    "Unescaped '\\' in a string": "文字中的反斜杠“\\”要写成两个“\\\\”",
}


def toml_nesting_problem(source: str, name: str) -> Problem:
    """Where a TOML file nests brackets deeper than the parser can follow (it stops at
    Python's recursion limit): the deepest bracket, found by counting the brackets
    outside quotes and comments."""
    depth = deepest = line = column = 0
    for number, text in enumerate(source.splitlines(), 1):
        quote = ""  # strings on one line; a bracket inside a longer one may be miscounted
        for place, char in enumerate(text, 1):
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > deepest:
                    deepest, line, column = depth, number, place
            elif char in "]}":
                depth -= 1
    return Problem(
        name,
        line,
        column,
        "",
        f"TOML 语法错误：方括号或花括号嵌套过深（{deepest} 层），请检查这一行的括号是否多写了",
    )


def toml_syntax_problem(exc: tomli.TOMLDecodeError, source: str, name: str) -> Problem:
    """Where a TOML file is malformed and how to mend it, in Chinese (criteria and answers)."""
    message = str(exc)
    line, col = 0, 0
    m = _POSITION.search(message)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        message = message[: m.start()].strip()
    elif message.endswith("(at end of document)"):
        # Something left open (a bracket, a quote) runs to the end of the file.
        line, col = max(1, len(source.splitlines())), 1
        unterminated = message.startswith("Unterminated string")
        message = "Unterminated string" if unterminated else "Unclosed at end of document"
    if message == r"Illegal character '\n'":
        # tomllib reaches the line end inside a string whose closing quote is missing.
        message = "Unterminated string"
    full_width = _full_width_problem(source, name, line, col, message)
    if full_width:
        return full_width
    hint = next((h for key, h in _SYNTAX_HINTS.items() if message.startswith(key)), None)
    text = (
        f"TOML 语法错误：{hint}"
        if hint
        else f"TOML 语法错误（{message}），请检查这一行的引号、括号和等号"
    )
    return Problem(name, line, col, "", text)


# Full-width punctuation a Chinese input method types in place of TOML's own: the name
# staff know it by, and what to type instead.
_FULL_WIDTH = {
    "，": ("全角逗号", "半角逗号“,”"),
    "、": ("顿号", "半角逗号“,”"),
    "“": ("中文引号", '英文双引号「"」'),
    "”": ("中文引号", '英文双引号「"」'),
    "‘": ("中文单引号", '英文双引号「"」'),
    "’": ("中文单引号", '英文双引号「"」'),
    "［": ("全角方括号", "半角方括号“[”"),
    "］": ("全角方括号", "半角方括号“]”"),
    "【": ("中文方括号", "半角方括号“[”"),
    "】": ("中文方括号", "半角方括号“]”"),
    "｛": ("全角花括号", "半角花括号“{”"),
    "｝": ("全角花括号", "半角花括号“}”"),
    "＝": ("全角等号", "半角等号“=”"),
}


def _full_width_problem(
    source: str, name: str, line: int, col: int, message: str
) -> Problem | None:
    """The full-width comma, quote or bracket the parser stopped at, said as such: the
    parser's own words ("Unclosed array") would send staff looking for a bracket. A
    string that runs to the end of its line may have been closed with a Chinese quote
    (["《工会法》”]): then the quote is the place to mend."""
    lines = source.split("\n")  # as the parser counts lines and columns
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1]
    if message == "Unterminated string":
        opening = text.rfind('"')
        quotes = (i + 1 for i in range(opening + 1, len(text)) if text[i] in "“”‘’")
        col = next(quotes, 0) if opening >= 0 else 0
        if col and text[col - 1] in "“‘":
            return None  # quotes that open first belong to the text (他说“好”)
    if not 0 < col <= len(text) or text[col - 1] not in _FULL_WIDTH:
        return None
    char = text[col - 1]
    what, instead = _FULL_WIDTH[char]
    shown = f"「{char}」" if char in "“”‘’" else f"“{char}”"  # a quote inside quotes is lost
    return Problem(
        name,
        line,
        col,
        "",
        f"TOML 语法错误：第 {line} 行第 {col} 列有{what}{shown}，请改为{instead}",
    )
