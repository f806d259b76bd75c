"""The registry of item kinds: each kind is declared once, in its own module.

A new kind is a module here with one `ItemBase` subclass, its line in `_register`, and
its input widget in `checklist.tui.widgets.answer_inputs.ANSWER_INPUTS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Union, get_args, get_origin

from pydantic import Field

from checklist.criteria.kinds.all_of import AllOfItem, Part
from checklist.criteria.kinds.base import (
    ConditionTest,
    Doubtful,
    Facts,
    ItemBase,
    Missing,
    Remarked,
)
from checklist.criteria.kinds.choice import ChoiceItem, ChoiceItemBase, Option
from checklist.criteria.kinds.count import CountItem
from checklist.criteria.kinds.date import DateItem, Postponement
from checklist.criteria.kinds.deductions import Deduction, DeductionsItem
from checklist.criteria.kinds.level import DEFAULT_LEVELS, Level, LevelItem
from checklist.criteria.kinds.multi_choice import MultiChoiceItem
from checklist.criteria.kinds.number import NumberItemBase
from checklist.criteria.kinds.steps import StepsItem
from checklist.criteria.kinds.text import TextItem
from checklist.criteria.kinds.threshold import ThresholdItem
from checklist.criteria.kinds.yes_no import YesNoItem

# The parts a kind declares as class attributes (its methods are ItemBase's abstract
# methods; ItemBase gives the others a default).
_DECLARED = ("label", "condition_test")


def kind_name(model: type[ItemBase]) -> str | None:
    """The TOML `kind` a model declares (`kind: Literal["yes_no"]`), or None."""
    field = model.model_fields.get("kind")
    if field is None or get_origin(field.annotation) is not Literal:
        return None
    names = get_args(field.annotation)
    return names[0] if len(names) == 1 and isinstance(names[0], str) else None


def missing_parts(model: type[ItemBase]) -> list[str]:
    """The parts of a kind `model` does not declare; empty when it is complete."""
    missing = [] if kind_name(model) else ["kind"]
    missing += [part for part in _DECLARED if not hasattr(model, part)]
    return missing + sorted(getattr(model, "__abstractmethods__", ()))


def _register(*models: type[ItemBase]) -> tuple[type[ItemBase], ...]:
    for model in models:
        if missing := missing_parts(model):
            raise TypeError(f"item kind {model.__name__} does not declare {', '.join(missing)}")
    names = [kind_name(model) for model in models]
    if len(set(names)) != len(names):
        raise TypeError(f"two item kinds have the same name: {names}")
    return models


# In this order the criteria file's messages list the kinds.
KIND_MODELS = _register(
    YesNoItem,
    LevelItem,
    ThresholdItem,
    CountItem,
    StepsItem,
    DateItem,
    ChoiceItem,
    MultiChoiceItem,
    DeductionsItem,
    AllOfItem,
    TextItem,
)
# kind → its Chinese name.
KINDS: dict[str, str] = {str(kind_name(model)): model.label for model in KIND_MODELS}

if TYPE_CHECKING:
    # Code works through ItemBase's parts, never by testing which kind an item is.
    Item = ItemBase
else:
    # Pydantic reads a kind's table by its `kind` key.
    Item = Annotated[Union[KIND_MODELS], Field(discriminator="kind")]  # noqa: UP007

__all__ = [
    "DEFAULT_LEVELS",
    "KINDS",
    "KIND_MODELS",
    "AllOfItem",
    "ChoiceItem",
    "ChoiceItemBase",
    "ConditionTest",
    "CountItem",
    "DateItem",
    "Deduction",
    "DeductionsItem",
    "Doubtful",
    "Facts",
    "Item",
    "ItemBase",
    "Level",
    "LevelItem",
    "Missing",
    "MultiChoiceItem",
    "NumberItemBase",
    "Option",
    "Part",
    "Postponement",
    "Remarked",
    "StepsItem",
    "TextItem",
    "ThresholdItem",
    "YesNoItem",
    "kind_name",
    "missing_parts",
]
