"""The registry of item kinds: every kind declares every part, and one that does not
is refused."""

from __future__ import annotations

from typing import Literal

import pytest

from checklist.answers.model import Value
from checklist.criteria.kinds import (
    KIND_MODELS,
    KINDS,
    ConditionTest,
    Facts,
    ItemBase,
    kind_name,
    missing_parts,
)
from checklist.criteria.kinds import _register as register


def test_every_registered_kind_declares_every_part() -> None:
    for model in KIND_MODELS:
        assert missing_parts(model) == [], model.__name__


def test_the_kinds_their_names_and_their_order() -> None:
    # The order is the one messages list them in (see test_validation).
    assert KINDS == {
        "yes_no": "是/否",
        "level": "达到程度",
        "threshold": "数值达标",
        "count": "按次数计分",
        "steps": "按差距扣分",
        "date": "日期期限",
        "choice": "单选",
        "multi_choice": "多选",
        "deductions": "缺项扣分",
        "all_of": "多项同时达到",
        "text": "文字说明",
    }


class HalfDone(ItemBase):
    """A kind that forgot its condition test and its score."""

    kind: Literal["half_done"]
    label = "半成品"

    def value_problem(self, value: Value) -> str | None:
        return None

    def words(self, value: Value) -> str:
        return str(value)


class Nameless(ItemBase):
    """A kind without a `kind` name."""

    label = "无名"
    condition_test = ConditionTest.IS_BOOL

    def value_problem(self, value: Value) -> str | None:
        return None

    def words(self, value: Value) -> str:
        return str(value)

    def score(self, value: Value, facts: Facts) -> float:
        return 0.0


def test_a_kind_that_lacks_a_part_is_refused() -> None:
    assert missing_parts(HalfDone) == ["condition_test", "score"]
    assert kind_name(Nameless) is None
    assert missing_parts(Nameless) == ["kind"]
    with pytest.raises(TypeError, match="HalfDone does not declare condition_test, score"):
        register(*KIND_MODELS, HalfDone)


def test_two_kinds_may_not_share_a_name() -> None:
    with pytest.raises(TypeError, match="same name"):
        register(*KIND_MODELS, KIND_MODELS[0])
