"""What the kinds answered by choosing share: the checks of a chosen value."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.answers.model import Value


def one_choice_problem(labels: Collection[str], value: Value) -> str | None:
    """Why `value` is not one of `labels`, or None."""
    if not isinstance(value, str):
        return "应选择一个选项"
    return None if value in labels else f"选项“{value}”不在本条目的选项中"


def several_choices_problem(labels: Collection[str], value: Value) -> str | None:
    """Why `value` is not a list of some of `labels` (a set or a dict, looked up once
    for each chosen label), or None."""
    if not isinstance(value, list):
        return "应选择若干选项"
    for chosen in value:
        if chosen not in labels:
            unknown = [v for v in value if v not in labels]
            return f"选项“{'、'.join(unknown)}”不在本条目的选项中"
    return None
