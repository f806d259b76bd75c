"""What every item has, and what each kind of item must declare.

An item kind is one pydantic model (a subclass of `ItemBase`) that declares, in one
place: its TOML fields and their checks, its Chinese name, how another item's `when`
may test its answers, which values fit it, how a value is put in words and how it
scores. `checklist.criteria.kinds` registers the kinds and refuses one that lacks a
part (`missing_parts`); the app maps each kind to an input widget in the UI package.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from checklist.criteria.base import Condition, ItemId, Method, Model, Text

if TYPE_CHECKING:
    from checklist.answers.model import Profile, Value


class ConditionTest(Enum):
    """How another item's `when` may test an answer of a kind."""

    IS_BOOL = "is = true/false"
    IS_LABEL = 'is = "…"'
    INCLUDES = "includes"
    NUMBER = "at_least / at_most"


@dataclass(frozen=True)
class Facts:
    """What an answer's score may depend on besides the answer."""

    judged_on: dt.date  # the day dates are judged against
    profile: Profile
    # Whether a condition holds for this unit's answers (the `when` of an option).
    holds: Callable[[Condition], bool] = lambda condition: True


@dataclass(frozen=True)
class Missing:
    """The answer cannot be scored until something else is filled in (`hint` says what)."""

    hint: str


@dataclass(frozen=True)
class Doubtful:
    """The answer cannot be right as it stands (`hint` says why): it needs review."""

    hint: str


Finding = tuple[str, str]  # the item's key at fault and what is wrong, in Chinese


class ItemBase(Model):
    """The fields every item has, and the parts each kind declares.

    Field order matters: an item's fingerprint is its JSON in declaration order, and
    answers files record it. A kind's own fields come after these.
    """

    id: ItemId
    text: Text
    basis: list[Text] = Field(default_factory=list)
    method: list[Method] = Field(default_factory=list)
    evidence: list[Text] = Field(default_factory=list)
    points: Annotated[float, Field(ge=0)]
    guidance: str = ""
    veto: bool = False
    allow_na: bool = False
    when: Condition | None = None
    figures: list[Text] = Field(default_factory=list)
    # What an unmet `when` makes of the item: "not_applicable" (不适用: left out, the
    # total rescaled) or "zero" (不得分: counted at 0 of its points). Unset: "zero" when
    # the condition tests another answer (the unit lacks what the item is about: lacking
    # it must never raise the total), "not_applicable" when it tests a profile figure.
    when_unmet: Literal["not_applicable", "zero"] | None = None
    # A veto (必备) item is met from this many points up; unset: at full points.
    veto_at_least: Annotated[float | None, Field(ge=0)] = None

    if TYPE_CHECKING:
        # Each kind declares it as `kind: Literal["…"]`, the TOML name of the kind,
        # after the fields above (see `checklist.criteria.kinds.kind_name`).
        kind: str

    # The kind's Chinese name, as the app and messages show it.
    label: ClassVar[str]
    # How another item's `when` may test an answer of this kind (None: it may not).
    condition_test: ClassVar[ConditionTest | None]
    # Whether an answer earns all the item's points or none: such an item may be a
    # veto (必备) condition with no points of its own (points = 0), met or not.
    all_or_nothing: ClassVar[bool] = False

    # Fields added after answers files began to record item fingerprints: left out of
    # an item's fingerprint while unset, so that saved answers stay current.
    LATER_FIELDS: ClassVar[frozenset[str]] = frozenset({"when_unmet", "veto_at_least"})

    @property
    def scored(self) -> bool:
        return True

    @property
    def zero_when_unmet(self) -> bool:
        """Whether an unmet `when` counts the item at 0 points rather than leaving it out."""
        if self.when_unmet is not None:
            return self.when_unmet == "zero"
        return self.when is not None and self.when.item is not None

    @property
    def veto_line(self) -> float:
        """The points from which a veto item is met."""
        return self.points if self.veto_at_least is None else self.veto_at_least

    def options_when(self) -> dict[str, Condition]:
        """The conditions of options that apply only when they hold, by label."""
        return {}

    @property
    def profile_figure(self) -> str | None:
        """The profile figure (a key of PROFILE_FIGURES) the item takes as its answer."""
        return None

    def choices(self) -> dict[str, Value]:
        """What a person chooses from, label → the value it stands for (for several
        choices, each label is an element of the value); empty for typed answers."""
        return {}

    def parse(self, text: str) -> Value:
        """The value a person means by typing `text`; ValueError says what is wrong."""
        raise TypeError(f"answers to {self.kind} items are not typed")

    def findings(self) -> Iterator[Finding]:
        """Problems of the item beyond its fields' own checks (they need the whole item)."""
        return iter(())

    @abstractmethod
    def value_problem(self, value: Value) -> str | None:
        """Why `value` cannot be an answer to this item, or None when it fits."""

    @abstractmethod
    def words(self, value: Value, facts: Facts | None = None) -> str:
        """A fitting value in words, as the report and the summary print it (`facts`:
        this unit's, where the words depend on which parts apply to it)."""

    @abstractmethod
    def score(self, value: Value, facts: Facts) -> float | Missing | Doubtful:
        """Points a fitting value earns (clamped to 0 … points by the caller)."""

    def figure_words(self, figure: float) -> str:
        """The figure taken from the profile in words (see `profile_figure`)."""
        return self.words(figure)


# Points and figures are given in steps far coarser than this.
EPSILON = 1e-9
