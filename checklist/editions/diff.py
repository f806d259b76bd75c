"""What changed between two editions of a standard, item by item.

Items are matched by id (a published id is never reused for something else). Each
field of a matched item that differs is one `Change`, sorted into what it means for a
unit's answer (`Aspect`): its wording, its points, its kind, its options, its lines
(thresholds), its conditions, its veto, its figures, its material (basis, method,
evidence), or where it sits on the sheet. Both editions are read by the same loader,
so a field the older edition could not have is simply unset there.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from checklist.criteria.model import Item, Pack
from checklist.editions.numbering import sheet_numbers


class Aspect(Enum):
    """What a change is about, with its Chinese name."""

    TEXT = "考核内容"
    GUIDANCE = "评分说明"
    POINTS = "分值"
    KIND = "回答方式"
    OPTIONS = "选项"
    LINES = "计分线"
    CONDITIONS = "适用条件"
    VETO = "否决项"
    FIGURES = "数字说明"
    MATERIAL = "依据和材料"
    PLACE = "位置"
    OTHER = "其他"


# Changes an answer may no longer fit or score the same under: it is kept for review.
REVIEWED = frozenset(Aspect) - {Aspect.MATERIAL, Aspect.PLACE}

# Each field of an item, by the key staff write, and what a change of it is about.
_ASPECTS: dict[str, Aspect] = {
    "id": Aspect.PLACE,
    "text": Aspect.TEXT,
    "guidance": Aspect.GUIDANCE,
    "points": Aspect.POINTS,
    "kind": Aspect.KIND,
    "options": Aspect.OPTIONS,
    "levels": Aspect.OPTIONS,
    "parts": Aspect.OPTIONS,
    "all_required": Aspect.OPTIONS,
    "min": Aspect.LINES,
    "max": Aspect.LINES,
    "each": Aspect.LINES,
    "target": Aspect.LINES,
    "step": Aspect.LINES,
    "deduct": Aspect.LINES,
    "zero_below": Aspect.LINES,
    "partial_step": Aspect.LINES,
    "unit": Aspect.LINES,
    "max_age_years": Aspect.LINES,
    "max_age_from_profile": Aspect.LINES,
    "postponement": Aspect.LINES,
    "when": Aspect.CONDITIONS,
    "when_unmet": Aspect.CONDITIONS,
    "allow_na": Aspect.CONDITIONS,
    "veto": Aspect.VETO,
    "veto_at_least": Aspect.VETO,
    "figures": Aspect.FIGURES,
    "figure_checks": Aspect.FIGURES,
    "from_figure": Aspect.FIGURES,
    "from_profile": Aspect.FIGURES,
    "basis": Aspect.MATERIAL,
    "method": Aspect.MATERIAL,
    "evidence": Aspect.MATERIAL,
}

# The standard's own fields whose change matters to every unit.
_PACK_FIELDS = (
    "title",
    "total",
    "grades",
    "fail",
    "veto_word",
    "not_applicable",
    "numbering",
)


@dataclass(frozen=True)
class Change:
    """One field that differs: its key, what it is about, and its two values (as the
    models dump them: JSON values; None when unset)."""

    key: str
    aspect: Aspect
    old: Any
    new: Any


@dataclass(frozen=True)
class Place:
    """Where an item sits: its number as the sheet numbers it, and its area and
    indicator (the indicator's title is empty on a sheet of two levels)."""

    number: str
    area: str
    indicator: str


@dataclass(frozen=True)
class ItemChange:
    """An item added, removed or changed (`changes` empty for added and removed). An
    item given a new id keeps its content: it is changed, its `old_id` the former."""

    id: str
    status: str  # "added", "removed", "changed"
    old: Item | None
    new: Item | None
    old_place: Place | None
    new_place: Place | None
    changes: list[Change] = field(default_factory=list)
    old_id: str = ""  # the id in the older edition, when it was another

    @property
    def former_id(self) -> str:
        return self.old_id or self.id

    @property
    def aspects(self) -> set[Aspect]:
        return {c.aspect for c in self.changes}

    @property
    def needs_review(self) -> bool:
        """Whether an answer kept for it must be looked at again."""
        return bool(self.aspects & REVIEWED)


@dataclass(frozen=True)
class EditionDiff:
    old: Pack
    new: Pack
    items: list[ItemChange]  # in the new sheet's order, then the removed in the old's
    standard: list[Change]  # of [pack]
    unchanged: int  # items matched with no change

    def of(self, status: str) -> list[ItemChange]:
        return [i for i in self.items if i.status == status]

    @property
    def by_id(self) -> dict[str, ItemChange]:
        return {i.id: i for i in self.items}


def diff_packs(old: Pack, new: Pack) -> EditionDiff:
    """What changed from `old` to `new`."""
    old_places, new_places = _places(old), _places(new)
    old_prints, new_prints = old.item_fingerprints, new.item_fingerprints
    renamed = _renamed(old, new)
    items: list[ItemChange] = []
    unchanged = 0
    for id_, item in new.items.items():
        was = renamed.get(id_, id_)
        before = old.items.get(was)
        if before is None:
            items.append(ItemChange(id_, "added", None, item, None, new_places[id_]))
            continue
        same = old_prints[was] == new_prints[id_] and was == id_
        changes = [] if same else item_changes(before, item)
        moved = _moved(old_places[was], new_places[id_])
        if moved:
            changes.append(moved)
        if changes:
            items.append(
                ItemChange(
                    id_,
                    "changed",
                    before,
                    item,
                    old_places[was],
                    new_places[id_],
                    changes,
                    old_id="" if was == id_ else was,
                )
            )
        else:
            unchanged += 1
    gone = set(renamed.values())
    for id_, item in old.items.items():
        if id_ not in new.items and id_ not in gone:
            items.append(ItemChange(id_, "removed", item, None, old_places[id_], None))
    return EditionDiff(old, new, items, _pack_changes(old, new), unchanged)


def _renamed(old: Pack, new: Pack) -> dict[str, str]:
    """New id → old id of the items given another id with the same 考核内容 and kind
    (only where that text is the only one of its kind among the ids that came and
    went, lest two be confused)."""
    gone: dict[tuple[str, str], list[str]] = {}
    for id_, item in old.items.items():
        if id_ not in new.items:
            gone.setdefault((item.text, item.kind), []).append(id_)
    came: dict[tuple[str, str], list[str]] = {}
    for id_, item in new.items.items():
        if id_ not in old.items:
            came.setdefault((item.text, item.kind), []).append(id_)
    return {
        ids[0]: gone[key][0]
        for key, ids in came.items()
        if len(ids) == 1 and len(gone.get(key, [])) == 1
    }


def item_changes(old: Item, new: Item) -> list[Change]:
    """The fields of two editions of an item that differ, in the newer's field order."""
    before = old.model_dump(mode="json", by_alias=True)
    after = new.model_dump(mode="json", by_alias=True)
    # A new kind brings its own fields: those of the old kind are not told one by one.
    kind_changed = before.get("kind") != after.get("kind")
    changes = []
    for key in dict.fromkeys([*after, *before]):
        if before.get(key) == after.get(key):
            continue
        if kind_changed and (key not in before or key not in after):
            continue
        changes.append(
            Change(key, _ASPECTS.get(key, Aspect.OTHER), before.get(key), after.get(key))
        )
    return changes


def _pack_changes(old: Pack, new: Pack) -> list[Change]:
    before = old.info.model_dump(mode="json", by_alias=True)
    after = new.info.model_dump(mode="json", by_alias=True)
    return [
        Change(key, Aspect.OTHER, before.get(key), after.get(key))
        for key in _PACK_FIELDS
        if before.get(key) != after.get(key)
    ]


def _places(pack: Pack) -> dict[str, Place]:
    numbers = sheet_numbers(pack)
    return {
        id_: Place(
            numbers[id_],
            pack.area_of[id_].title,
            "" if pack.indicator_of[id_].implicit else pack.indicator_of[id_].title,
        )
        for id_ in pack.items
    }


def _moved(old: Place, new: Place) -> Change | None:
    """The item's move to another area or indicator (a new number alone is not one:
    items added or removed before it renumber it)."""
    if (old.area, old.indicator) == (new.area, new.indicator):
        return None
    return Change("place", Aspect.PLACE, _where(old), _where(new))


def _where(place: Place) -> str:
    return place.area + (f"／{place.indicator}" if place.indicator else "")


def marked_text(old: str, new: str) -> str:
    """`new` with what changed from `old` marked: 〔删：…〕 for words taken out,
    〔增：…〕 for words put in. Matches of a single character between two changes are
    taken into the change, so that a reworded phrase reads as one."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pieces: list[tuple[str, str, str]] = []  # (tag, old part, new part)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pieces.append(("equal" if op == "equal" else "change", old[i1:i2], new[j1:j2]))
    merged: list[tuple[str, str, str]] = []
    for n, (what, a, b) in enumerate(pieces):
        between = 0 < n < len(pieces) - 1
        if what == "equal" and between and len(a) <= 1:
            what = "change"
        if merged and what == "change" and merged[-1][0] == "change":
            _, pa, pb = merged.pop()
            a, b = pa + a, pb + b
        merged.append((what, a, b))
    out = []
    for what, a, b in merged:
        if what == "equal":
            out.append(b)
            continue
        if a:
            out.append(f"〔删：{a}〕")
        if b:
            out.append(f"〔增：{b}〕")
    return "".join(out)
