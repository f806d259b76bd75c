"""Input validators that use the domain's parsers, so the UI accepts exactly what they do."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from rich.text import Text
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static

from checklist.formats import parse_date, read_number


class Parses(Validator):
    """Text that `parse` reads (its ValueError says what is wrong); empty passes (it
    clears the answer)."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        super().__init__()
        self.parse = parse

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()
        try:
            self.parse(value)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


class NumberText(Parses):
    """A non-negative number (`integer`: whole; `percent`: at most 100); empty passes."""

    def __init__(self, *, integer: bool = False, percent: bool = False) -> None:
        super().__init__(partial(read_number, whole=integer, percent=percent))


class DateText(Parses):
    """2026-11-24 or 2026年11月24日; empty passes."""

    def __init__(self) -> None:
        super().__init__(parse_date)


class Required(Validator):
    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure(f"请填写{self.what}")


def show_first_invalid(inputs: Iterable[Input], labels: Mapping[str, str], message: Static) -> bool:
    """Put the first failing input's reason in `message` and focus it; False if all pass."""
    for widget in inputs:
        result = widget.validate(widget.value)
        if result is not None and not result.is_valid:
            label = labels.get(widget.id or "", "")
            message.update(Text(f"✗ {label}：{result.failure_descriptions[0]}"))
            widget.focus()
            return True
    return False


def number_value(text: str) -> int | float | None:
    """A validated number as it should be saved: whole numbers as int."""
    return read_number(text) if text.strip() else None
