"""Every item kind has an input in the app, and the parts of the kind it relies on."""

from __future__ import annotations

from checklist.criteria.kinds import KIND_MODELS, KINDS, ItemBase, kind_name
from checklist.tui.widgets.answer_inputs import (
    ANSWER_INPUTS,
    ChoiceAnswer,
    MultiAnswer,
    TypedAnswer,
)


def test_every_kind_has_an_input_widget() -> None:
    assert set(ANSWER_INPUTS) == set(KINDS)


def test_each_input_finds_what_it_needs_in_its_kind() -> None:
    # ItemBase leaves out `parse` (typed inputs hand it the text) and gives no
    # `choices` (the inputs answered by choosing show them).
    for model in KIND_MODELS:
        widget = ANSWER_INPUTS[str(kind_name(model))]
        assert isinstance(widget, type), model.__name__
        if issubclass(widget, TypedAnswer):
            assert model.parse is not ItemBase.parse, model.__name__
        if issubclass(widget, ChoiceAnswer | MultiAnswer):
            assert model.choices is not ItemBase.choices, model.__name__
