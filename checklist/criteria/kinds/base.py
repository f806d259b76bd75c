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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from checklist.criteria.base import Condition, ItemId, Method, Model, Text, new_list
from checklist.criteria.figures import Figure, FigureCheck, FigureValue, figure_findings

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
    # The item's own figures that count, by name (typed, from the profile, computed);
    # a figure left blank, or one that does not read as its type, is not here.
    figures: Mapping[str, FigureValue] = field(default_factory=dict)

    def with_figures(self, figures: Mapping[str, FigureValue]) -> Facts:
        """These facts for an item with these figures (what dataclasses.replace does,
        at a fifth of its cost: scoring asks it for nearly every item with figures)."""
        return Facts(self.judged_on, self.profile, self.holds, figures)


@dataclass(frozen=True)
class Missing:
    """The answer cannot be scored until something else is filled in (`hint` says what)."""

    hint: str


@dataclass(frozen=True)
class Doubtful:
    """The answer cannot be right as it stands (`hint` says why): it needs review."""

    hint: str


@dataclass(frozen=True)
class Remarked:
    """Points earned, and what must be said of them beside the answer (经上级工会批准
    延期至…: full points that the rule alone would not give)."""

    points: float
    remark: str


# The item's key at fault (or a path inside it: ("figures", 2, "rate")) and what is
# wrong, in Chinese.
Finding = tuple[str | tuple[str | int, ...], str]


class ItemBase(Model):
    """The fields every item has, and the parts each kind declares.

    Field order matters: an item's fingerprint is its JSON in declaration order, and
    answers files record it. A kind's own fields come after these.
    """

    id: ItemId
    text: Text
    basis: list[Text] = Field(default_factory=new_list)
    method: list[Method] = Field(default_factory=new_list)
    evidence: list[Text] = Field(default_factory=new_list)
    points: Annotated[float, Field(ge=0)]
    guidance: str = ""
    veto: bool = False
    allow_na: bool = False
    when: Condition | None = None
    figures: list[Figure] = Field(default_factory=new_list)
    # What an unmet `when` makes of the item: "not_applicable" (不适用: left out, the
    # total rescaled) or "zero" (不得分: counted at 0 of its points). Unset: "zero" when
    # the condition tests another answer (the unit lacks what the item is about: lacking
    # it must never raise the total), "not_applicable" when it tests a profile figure.
    when_unmet: Literal["not_applicable", "zero"] | None = None
    # A veto (必备) item is met from this many points up; unset: at full points.
    veto_at_least: Annotated[float | None, Field(ge=0)] = None
    # Two figures of the item that must compare so (办结数 at most 受理数).
    figure_checks: list[FigureCheck] = Field(default_factory=new_list)

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
    LATER_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {"when_unmet", "veto_at_least", "figure_checks"}
    )

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

    @property
    def own_figure(self) -> str | None:
        """The name of the item's own figure it takes as its answer (`from_figure`)."""
        return None

    def figure_named(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)

    @cached_property
    def reads_figures(self) -> bool:
        """Whether its score depends on its figures (typed, shown, computed or checked),
        not only on its answer: then scoring reads them."""
        return bool(self.figure_checks) or any(not f.plain for f in self.figures)

    def choices(self) -> dict[str, Value]:
        """What a person chooses from, label → the value it stands for (for several
        choices, each label is an element of the value); empty for typed answers."""
        return {}

    def blank_answer(self) -> Value | None:
        """What an item left blank answers (None: it is unanswered): an item whose
        parts are all decided from its figures has nothing to tick."""
        return None

    def parse(self, text: str) -> Value:
        """The value a person means by typing `text`; ValueError says what is wrong."""
        raise TypeError(f"answers to {self.kind} items are not typed")

    def findings(self) -> Iterator[Finding]:
        """Problems of the item beyond its fields' own checks (they need the whole item)."""
        return iter(())

    def figures_findings(self) -> Iterator[Finding]:
        """Problems of its figures as a whole (names, rates, checks)."""
        return figure_findings(self.figures, self.figure_checks)

    @abstractmethod
    def value_problem(self, value: Value) -> str | None:
        """Why `value` cannot be an answer to this item, or None when it fits."""

    @abstractmethod
    def words(self, value: Value, facts: Facts | None = None) -> str:
        """A fitting value in words, as the report and the summary print it (`facts`:
        this unit's, where the words depend on which parts apply to it)."""

    @abstractmethod
    def score(self, value: Value, facts: Facts) -> float | Missing | Doubtful | Remarked:
        """Points a fitting value earns (clamped to 0 … points by the caller)."""

    def figure_words(self, figure: FigureValue) -> str:
        """The figure the item takes as its answer in words (see `profile_figure` and
        `own_figure`)."""
        return self.words(figure)


# Points and figures are given in steps far coarser than this.
EPSILON = 1e-9
