"""Answers said in words, as the report, the app and the command line print them.

What fits an item, and how a fitting value is said, each kind declares
(`checklist.criteria.kinds`); numbers and dates are read and written by
`checklist.formats`.
"""

from __future__ import annotations

from checklist.answers.model import ItemAnswer
from checklist.criteria.figures import FigureValue
from checklist.criteria.kinds import Facts, Item


def describe(
    item: Item,
    answer: ItemAnswer | None,
    figure: FigureValue | None = None,
    facts: Facts | None = None,
) -> str:
    """The answer in words, as the report and the summary print it (`facts`: the
    unit's, so that parts of the item that do not apply to it are not named, with the
    item's figures where its words depend on them)."""
    if (item.profile_figure or item.own_figure) and figure is not None:
        return item.figure_words(figure)
    if answer is None:
        return "未填写"
    if answer.na:
        return f"不适用（{answer.na_reason}）" if answer.na_reason else "不适用（未说明理由）"
    value = answer.value
    if value is None:
        return "未填写"
    if item.value_problem(value):
        return f"需复核：{value}"
    return item.words(value, facts)
