"""Answer values: parse what a person types, check a value fits its item, say it in words."""

from __future__ import annotations

import datetime as dt
import math
import re

from checklist.answers.model import ItemAnswer, Value
from checklist.criteria.model import (
    PROFILE_FIGURES,
    ChoiceItem,
    DateItem,
    DeductionsItem,
    Item,
    LevelItem,
    MultiChoiceItem,
    NumberItemBase,
    TextItem,
    YesNoItem,
)

_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$")


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


LARGEST_NUMBER = 1e12
PERCENT_OVER_100 = "百分比不能超过 100"


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def format_date(value: dt.date) -> str:
    """2026年11月24日, as formal documents write dates."""
    return f"{value.year}年{value.month}月{value.day}日"


def format_number(value: float) -> str:
    """12, 95.5, 1234567 (never exponent notation), at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points_text(points: float) -> str:
    """Points as every screen and the report print them: 14.7, 96.28, 2."""
    return format_number(round(points, 2))


def rate_text(score: float, maximum: float) -> str:
    """得分率 as a percentage, or — when nothing applies."""
    return f"{score / maximum * 100:.1f}%" if maximum else "—"


def labels_of(item: Item) -> list[str]:
    """The labels a person chooses from, for items answered by choosing."""
    if isinstance(item, YesNoItem):
        return ["是", "否"]
    if isinstance(item, LevelItem):
        return [lv.label for lv in item.levels]
    if isinstance(item, ChoiceItem | MultiChoiceItem | DeductionsItem):
        return [o.label for o in item.options]
    return []


def value_problem(item: Item, value: Value) -> str | None:
    """Why `value` cannot be an answer to `item`, or None when it fits."""
    if isinstance(item, YesNoItem):
        return None if isinstance(value, bool) else "应回答 是 或 否"
    if isinstance(item, LevelItem | ChoiceItem):
        if not isinstance(value, str):
            return "应选择一个选项"
        return None if value in labels_of(item) else f"选项“{value}”不在本条目的选项中"
    if isinstance(item, MultiChoiceItem | DeductionsItem):
        if not isinstance(value, list):
            return "应选择若干选项"
        unknown = [v for v in value if v not in labels_of(item)]
        return f"选项“{'、'.join(unknown)}”不在本条目的选项中" if unknown else None
    if isinstance(item, NumberItemBase):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return "应填写数字"
        if value < 0:
            return "不能是负数"
        return PERCENT_OVER_100 if item.unit == "%" and value > 100 else None
    if isinstance(item, DateItem):
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            return "应填写日期，例如 2026-11-24"
        return None
    if isinstance(item, TextItem):
        return None if isinstance(value, str) else "应填写文字"
    return None


def describe(item: Item, answer: ItemAnswer | None, figure: float | None = None) -> str:
    """The answer in words, as the report and the summary print it."""
    if isinstance(item, NumberItemBase) and item.from_profile and figure is not None:
        # 积极分子占比（%）→ 积极分子占比 22.04%: the unit follows the number, once.
        label = PROFILE_FIGURES[item.from_profile].removesuffix(f"（{item.unit}）")
        return f"{label} {format_number(figure)}{item.unit}"
    if answer is None:
        return "未填写"
    if answer.na:
        return f"不适用（{answer.na_reason}）" if answer.na_reason else "不适用（未说明理由）"
    value = answer.value
    if value is None:
        return "未填写"
    if value_problem(item, value):
        return f"需复核：{value}"
    if isinstance(item, YesNoItem):
        return "是" if value else "否"
    if isinstance(item, DeductionsItem) and isinstance(value, list):
        missing = [label for label in labels_of(item) if label not in value]
        return "全部具备" if not missing else "缺：" + "、".join(missing)
    if isinstance(value, list):
        return "、".join(value) if value else "均未选择"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int | float) and isinstance(item, NumberItemBase):
        return f"{format_number(value)}{item.unit}"
    return str(value)
