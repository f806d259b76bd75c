"""Problems found in user files, and how they become Chinese text.

Every error a person can cause (a criteria file, an answers file) is reported as a
`Problem`: where it is (file, line, column, item id, field) and what to do. TOML
syntax errors are put in words where TOML is read (toml_source.py).
"""

from __future__ import annotations

import difflib
import errno
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # not loaded for the messages alone (`checklist report` loads it later)
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file, located as precisely as we can."""

    file: str
    line: int
    column: int
    owner: str  # e.g. "条目 djdgj-03", "一级指标 djdgj", "标准信息", "" when unknown
    text: str  # Chinese, says what is wrong and what to do

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        who = f" {self.owner}" if self.owner else ""
        return f"{where}{who}：{self.text}"


class ProblemsError(Exception):
    """Raised with every problem of a file at once.

    `more_checks` is true when the file stopped at an early stage (syntax, field
    types), so that the checks of content (ids, totals, conditions) have not run yet.
    """

    def __init__(self, problems: Sequence[Problem], *, more_checks: bool = False) -> None:
        self.problems = sorted(problems)
        self.more_checks = more_checks
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled whole, so that it crosses from the process that lays out a report.
        return (type(self), (self.problems,), {"more_checks": self.more_checks})


_OS_ERRORS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有操作权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统是只读的",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EIO: "读写设备出错",
    errno.ENAMETOOLONG: "文件名太长",
}


def os_error_text(exc: OSError) -> str:
    """What went wrong with a file, in Chinese (the system's own text is English)."""
    known = _OS_ERRORS.get(exc.errno or 0)
    if known:
        return known
    return f"系统错误 {exc.errno}" if exc.errno else str(exc)


def display_path(path: Path) -> str:
    """A path as the user typed it or relative to the working directory when shorter."""
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
        return str(rel)
    except ValueError:
        return str(path)


# Field names as staff write them; shown in messages together with a Chinese gloss.
CRITERIA_FIELDS: dict[str, str] = {
    "id": "编号",
    "title": "名称",
    "text": "考核内容",
    "points": "分值",
    "total": "总分",
    "pass": "达标分数线",
    "demonstration": "示范分数线",
    "kind": "回答方式",
    "options": "选项",
    "parts": "同时达到的条件",
    "levels": "等级",
    "method": "考核方法",
    "basis": "依据",
    "evidence": "佐证材料",
    "guidance": "评分说明",
    "when": "适用条件",
    "edition": "版本",
    "effective": "施行日期",
    "issuer": "发布单位",
    "pack": "标准信息",
    "area": "一级指标",
    "indicator": "二级指标",
    "item": "条目",
    "is": "条件值",
    "includes": "包含的选项",
    "at_least": "至少",
    "at_most": "至多",
    "veto": "否决项",
    "veto_word": "否决项叫法",
    "decimals": "总分小数位数",
    "allow_na": "允许不适用",
    "not_applicable": "不适用计分规则",
    "figures": "数字说明",
    "label": "选项名称",
    "ratio": "系数",
    "deduct": "扣分",
    "each": "每次得分",
    "target": "目标值",
    "step": "步长",
    "zero_below": "不得分线",
    "unit": "计量单位",
    "min": "下限",
    "max": "上限",
    "from_profile": "取自基本情况",
    "max_age_years": "期限（年）",
    "max_age_from_profile": "期限取自基本情况",
    "name": "名称",
    "type": "类型",
    "rate": "比率",
    "figure_checks": "数字核对",
    "from_figure": "取自数字说明",
    "postponement": "经批准的延期",
    "until": "延期至",
    "approval": "批复文号",
    "at_most_months": "最多延期月数",
}


def field_label(name: str, glossary: Mapping[str, str] | None = None, *, keys: bool = True) -> str:
    """`points（分值）` for known fields (`分值` alone without `keys`); other names get a
    trailing space instead."""
    gloss = (CRITERIA_FIELDS if glossary is None else glossary).get(name)
    if not gloss:
        return f"{name} "
    return f"{name}（{gloss}）" if keys else gloss


def closest(word: str, names: Iterable[str]) -> list[str]:
    """The names a misspelt `word` most likely stands for (case aside), best first: the
    closest, and any other nearly as close (membership: members, membership_rate)."""
    by_lower = {name.lower(): name for name in names if name != word}
    scored = []
    for lower, name in by_lower.items():
        matcher = difflib.SequenceMatcher(None, word.lower(), lower)
        if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
            scored.append((matcher.ratio(), name))
    scored = sorted((s for s in scored if s[0] >= 0.6), key=lambda s: -s[0])
    return [name for ratio, name in scored if ratio >= scored[0][0] - 0.05][:2]


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _choices(expected: Any) -> str:
    """pydantic's "'a', 'b' or 'c'" as "a、b、c", the way a Chinese sentence lists them."""
    names = re.findall(r"'([^']*)'", str(expected))
    return "、".join(names) if names else str(expected)


def _expected_type(kind: str) -> str | None:
    return {
        "int_type": "整数",
        "int_parsing": "整数",
        "int_from_float": "整数",
        "float_type": "数字",
        "float_parsing": "数字",
        "string_type": "文字（用英文双引号括起来）",
        "bool_type": "true 或 false",
        "bool_parsing": "true 或 false",
        "list_type": "列表（用方括号 [ ] 括起来）",
        "tuple_type": "列表（用方括号 [ ] 括起来）",
        "dict_type": "表（键 = 值）",
        "model_type": "表（键 = 值）",
        "model_attributes_type": "表（键 = 值）",
        "date_type": "日期，例如 2026-11-24",
        "date_parsing": "日期，例如 2026-11-24",
        "date_from_datetime_parsing": "日期，例如 2026-11-24",
        "date_from_datetime_inexact": "日期（不带时间），例如 2026-11-24",
        "datetime_from_date_parsing": "日期时间，例如 2026-11-24T10:00:00",
        "datetime_type": "日期时间，例如 2026-11-24T10:00:00",
        "datetime_parsing": "日期时间，例如 2026-11-24T10:00:00",
    }.get(kind)


# The names pydantic gives the members of a union in an error's location ('bool',
# 'constrained-str', 'list[str]' …): not fields of the file.
_MEMBER_LABEL = re.compile(
    r"(bool|int|float|str|bytes|date|datetime|time|decimal|none|constrained-[a-z]+"
    r"|(list|dict|set|tuple|function-[a-z]+|json-or-python|lax-or-strict|nullable)\[.*\])"
)


def _without_union_members(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """The errors with the union member a location ends in taken off: a value that
    fits none of a union's types gets an error per type, each located under the
    type's name. (A field may be called `date` too: one error alone is left as it is.)"""
    members: dict[tuple[str | int, ...], int] = {}
    for err in errors:
        last = err["loc"][-1] if err["loc"] else ""
        if isinstance(last, str) and _MEMBER_LABEL.fullmatch(last):
            place = tuple(err["loc"][:-1])
            members[place] = members.get(place, 0) + 1
    cleaned: list[ErrorDetails] = []
    for err in errors:
        place, last = tuple(err["loc"][:-1]), str(err["loc"][-1]) if err["loc"] else ""
        union = members.get(place, 0) > 1 and _MEMBER_LABEL.fullmatch(last)
        cleaned.append(cast("ErrorDetails", {**err, "loc": place}) if union else err)
    return cleaned


def translate_error(
    err: ErrorDetails, glossary: Mapping[str, str] | None = None, *, keys: bool = True
) -> str:
    """One pydantic error as a Chinese sentence naming the field.

    `glossary` glosses field names (default: the criteria file's); answers files
    pass their own, where e.g. `unit` is 单位名称 rather than 计量单位. With
    `keys=False` (the app, whose users never see the file's keys) a glossed field is
    named by its gloss alone: 每届任期（年）, not term_years（每届任期（年））.
    """
    loc = [part for part in err["loc"] if isinstance(part, str)]
    field = loc[-1] if loc else ""
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    label = field_label(field, glossary, keys=keys) if field else "此处"
    expected = _expected_type(kind)
    if kind == "missing":
        return f"缺少 {label.strip()}，请补上"
    if kind == "extra_forbidden":
        return f"不认识的字段 {field}，请检查拼写或删除"
    if expected:
        space = " " if expected[0].isascii() else ""
        return f"{label}应为{space}{expected}"
    if kind == "greater_than":
        gt = ctx.get("gt")
        return f"{label}必须是正数" if gt == 0 else f"{label}必须大于 {_number(gt)}"
    if kind == "greater_than_equal":
        ge = ctx.get("ge")
        return f"{label}不能是负数" if ge == 0 else f"{label}不能小于 {_number(ge)}"
    if kind == "less_than_equal":
        return f"{label}不能大于 {_number(ctx.get('le'))}"
    if kind == "less_than":
        return f"{label}必须小于 {_number(ctx.get('lt'))}"
    if kind in ("too_short", "string_too_short"):
        least = ctx.get("min_length", 1)
        if not isinstance(least, int) or least <= 1:
            return f"{label}不能为空"
        if kind == "string_too_short":
            return f"{label}至少要写 {least} 个字"
        return f"{label}至少要有 {least} 项，现在只有 {ctx.get('actual_length', 0)} 项"
    if kind == "string_pattern_mismatch":
        return f"{label}只能由小写字母、数字和连字符组成，且以字母或数字开头"
    if kind == "literal_error":
        return f"{label}只能是 {_choices(ctx.get('expected', ''))} 之一"
    if kind == "union_tag_invalid":
        tags = _choices(ctx.get("expected_tags", ""))
        return f"kind（回答方式）只能是 {tags} 之一，现在是“{ctx.get('tag', '')}”"
    if kind == "union_tag_not_found":
        return "缺少 kind（回答方式），请写明回答方式"
    if kind == "value_error":
        # Our own validators raise ValueError with a Chinese sentence already.
        return str(ctx.get("error", err["msg"]))
    if kind == "finite_number":
        return f"{label}超出了数字的范围，请写一个普通的数字"
    return f"{label}有误：{err['msg']}"


# Says one error (at a location with the tags taken off) better than `translate_error`.
Explain = Callable[["ErrorDetails", tuple[str | int, ...]], str | None]


def problems_from_validation(
    exc: ValidationError,
    file: str,
    locate: Any,
    owner_of: Any,
    tags: frozenset[str] = frozenset(),
    glossary: Mapping[str, str] | None = None,
    explain: Explain | None = None,
) -> list[Problem]:
    """Turn every pydantic error into a located Problem.

    `locate(loc) -> (line, column)` and `owner_of(loc) -> str` are supplied by the
    caller, who knows the file's shape. Tagged unions put the tag (e.g. "yes_no") in
    the error location; `tags` lists those so they are skipped. `explain(err, loc)`,
    when given, may say an error better than the words every file gets (None: it
    does not).
    """
    by_place: dict[tuple[str | int, ...], list[ErrorDetails]] = {}
    for err in _without_union_members(exc.errors(include_url=False)):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in tags))
        if err["type"] == "union_tag_invalid":
            loc = (*loc, "kind")
        by_place.setdefault(loc, []).append(err)
    problems = []
    for loc, errors in by_place.items():
        line, col = locate(loc)
        explained = [explain(err, loc) if explain else None for err in errors]
        plain = [err for err, text in zip(errors, explained, strict=True) if text is None]
        texts = [text for text in explained if text is not None]
        for text in dict.fromkeys([*texts, *(_sentences(plain, glossary) if plain else [])]):
            problems.append(Problem(file, line, col, owner_of(loc), text))
    return problems


def _sentences(errors: list[ErrorDetails], glossary: Mapping[str, str] | None) -> list[str]:
    """The errors of one place: a value that fits none of a union's types is one
    sentence listing them (is（…）应为 true 或 false 或 文字), not one per type."""
    expected = [_expected_type(err["type"]) for err in errors]
    if len(errors) > 1 and all(expected):
        first = translate_error(errors[0], glossary)
        label = first[: first.index("应为")]
        return [f"{label}应为 {' 或 '.join(dict.fromkeys(e for e in expected if e))}"]
    return list(dict.fromkeys(translate_error(err, glossary) for err in errors))
