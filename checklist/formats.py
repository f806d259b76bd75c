"""How numbers and dates are read from what a person types and written for people.

A leaf module (standard library only), so that the item kinds, the answers and the
screens can all use it without importing one another.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$")

LARGEST_NUMBER = 1e12
PERCENT_OVER_100 = "百分比不能超过 100"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def parse_date(text: str) -> dt.date:
    """Accept 2026-11-24, 2026/11/24, 2026.11.24 and 2026年11月24日."""
    m = _DATE.match(text)
    if not m:
        raise ValueError("日期格式应为 2026-11-24 或 2026年11月24日")
    year, month, day = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"没有这一天：{year}年{month}月{day}日") from None


def parse_number(text: str) -> float:
    """A finite number; full-width digits and a trailing % or unit-free text are accepted."""
    cleaned = text.strip().translate(_FULL_WIDTH).rstrip("%％").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError("请输入数字，例如 12 或 95.5") from None
    if not math.isfinite(value):
        raise ValueError("请输入数字，例如 12 或 95.5")
    if value < 0:
        raise ValueError("不能是负数")
    if value > LARGEST_NUMBER:
        # Beyond this a float no longer keeps every digit typed: refused, never rounded.
        raise ValueError(f"数值过大，请输入不超过 {LARGEST_NUMBER:,.0f} 的数")
    return value


def read_number(text: str, *, whole: bool = False, percent: bool = False) -> int | float:
    """A number typed as an answer or a profile figure, as it is saved (whole numbers
    as int); `whole` refuses fractions, `percent` anything over 100."""
    try:
        number = parse_number(text)
    except ValueError as exc:
        # Not "例如 12 或 95.5" where a decimal would be refused next.
        raise ValueError(
            str(exc).replace("例如 12 或 95.5", "例如 12") if whole else str(exc)
        ) from None
    if whole and number != int(number):
        raise ValueError("请填写整数")
    if percent and number > 100:
        raise ValueError(PERCENT_OVER_100)
    return int(number) if number == int(number) else number


def format_date(value: dt.date) -> str:
    """2026年11月24日, as formal documents write dates."""
    return f"{value.year}年{value.month}月{value.day}日"


def format_number(value: float) -> str:
    """12, 95.5, 1234567 (never exponent notation), at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points_text(points: float) -> str:
    """An item's or an area's points as every screen and the report print them: 14.7,
    1.25, 2 (a total is printed by `total_text`)."""
    return format_number(round(points, 2))


def rounded_total(value: float, decimals: int) -> Decimal:
    """A total as the standard keeps it: first to two decimals, as every total has
    been kept (and every report printed so far was scored), then to the standard's
    `decimals`, rounded half up as people round (92.25 → 92.3)."""
    two = Decimal(repr(round(float(value), 2) + 0.0))
    return two.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def total_text(value: float, decimals: int) -> str:
    """The total as the app, `score`, the report, the 验收评分表 and the summary print
    it: with the standard's `decimals` (96.3, 90.0)."""
    return str(rounded_total(value, decimals))


def percent_text(percent: float) -> str:
    """A percentage as every screen and the report print one: to one decimal, rounded
    half up as people round (133 ÷ 142 = 93.66…% → 93.7%, 12.25% → 12.3%), except that
    a rate short of 100% never prints as 100% (1999 ÷ 2000 → 99.9%)."""
    # The shortest decimal that reads back as the float (repr) is what a person means:
    # 12.25 is stored as 12.2499999…, which binary rounding would take down.
    value = Decimal(repr(float(percent) + 0.0))
    if not value.is_finite():
        return "—"
    # Enough digits for any float (a rate of 5 out of 4e-132 has 134 before the point).
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + 3)
        shown = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if value < 100 <= shown:  # short of all is never printed as all
        shown = Decimal("99.9")
    return f"{shown}%"


def rate_text(score: float, maximum: float) -> str:
    """得分率 as a percentage, or — when nothing applies."""
    return percent_text(score / maximum * 100) if maximum else "—"


def display_width(text: str) -> int:
    """Terminal cells: a Chinese character takes two, a Latin letter or digit one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(text: str) -> str:
    """`text` safe to print on a terminal: control characters (escape sequences that
    would set the title, clear the screen or write the clipboard) shown as \\x1b."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def fitted(parts: list[str], indent: str, first: str = "", width: int = 80) -> str:
    """`parts` joined by "，" in lines of at most `width` terminal cells (a part too
    long for a line is broken between characters); the first line starts with
    `first`, the others with `indent`."""
    lines = [first]
    for n, part in enumerate(parts):
        joined = lines[-1] + ("，" if n else "") + part
        if n and display_width(joined) > width:
            lines.append(indent)
        elif n:
            lines[-1] += "，"
        for char in part:
            if display_width(lines[-1] + char) > width and lines[-1].strip():
                lines.append(indent)
            lines[-1] += char
    return "\n".join(lines)
