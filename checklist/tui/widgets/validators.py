"""Input validators that use the domain's parsers, so the UI accepts exactly what they do."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.text import Text
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static

from checklist.answers.values import PERCENT_OVER_100, parse_date, parse_number


class NumberText(Validator):
    """A non-negative number; empty passes (it clears the answer)."""

    def __init__(self, *, integer: bool = False, percent: bool = False) -> None:
        super().__init__()
        self.integer = integer
        self.percent = percent

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()
        try:
            number = parse_number(value)
        except ValueError as exc:
            # Not "例如 12 或 95.5" where a decimal would be refused next.
            return self.failure(
                str(exc).replace("例如 12 或 95.5", "例如 12") if self.integer else str(exc)
            )
        if self.integer and number != int(number):
            return self.failure("请填写整数")
        if self.percent and number > 100:
            return self.failure(PERCENT_OVER_100)
        return self.success()


class DateText(Validator):
    """2026-11-24 or 2026年11月24日; empty passes."""

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()
        try:
            parse_date(value)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


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
    if not text.strip():
        return None
    number = parse_number(text)
    return int(number) if number == int(number) else number
