"""Items as the sheet numbers them: 1…N through the whole sheet, or from 1 in each area
(`numbering`), the area told by its Chinese numeral: 一、3 is the third item of the
first area."""

from __future__ import annotations

from checklist.criteria.model import Pack

_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """一 … 九十九, as areas are numbered."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _NUMERALS[tens - 1] + "十"
    return head + (_NUMERALS[ones - 1] if ones else "")


def sheet_numbers(pack: Pack) -> dict[str, str]:
    """Each item's number on the scoring sheet, by id."""
    numbers: dict[str, str] = {}
    count = 0
    per_area = pack.info.numbering == "per_area"
    for a, area in enumerate(pack.areas, 1):
        if per_area:
            count = 0
        for item in area.items():
            count += 1
            numbers[item.id] = f"{chinese_number(a)}、{count}" if per_area else str(count)
    return numbers
