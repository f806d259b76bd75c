"""What the app's number fields say about what was typed."""

from __future__ import annotations

import pytest

from checklist.tui.widgets.validators import NumberText


@pytest.mark.parametrize(
    ("validator", "typed", "said"),
    [
        (NumberText(), "三次", "请输入数字，例如 12 或 95.5"),
        # A whole-number field does not suggest a decimal it would then refuse.
        (NumberText(integer=True), "三次", "请输入数字，例如 12"),
        (NumberText(integer=True), "3.5", "请填写整数"),
        (NumberText(percent=True), "150", "百分比不能超过 100"),
    ],
)
def test_a_number_field_says_what_it_takes(validator: NumberText, typed: str, said: str) -> None:
    result = validator.validate(typed)
    assert result.failure_descriptions == [said]


def test_a_number_field_takes_what_fits() -> None:
    assert NumberText(integer=True, percent=True).validate("100").is_valid
    assert NumberText().validate("").is_valid  # empty clears the answer
