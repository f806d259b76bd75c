"""The whole-file checks of a criteria file whose fields do not all validate.

Staff should see every error of a file in one round. When some fields are wrong, the
file is read again without what is at fault, and the whole-file checks (ids, sums,
conditions, what each kind checks of an item) run on the rest:

- an unknown key is left out (it adds nothing to the standard);
- an area, indicator or item with a wrong field is read without that field; one that
  still does not read (a required field is wrong, its kind is unknown) is left out.

A finding that depends on what was left out is dropped, lest it be an echo of the
first error: the sums of the areas and indicators a left-out part belonged to and the
total, anything about a part read without a field, and conditions that refer to such a
part. A table under an unknown key (`[[indicator.item]]` at the top level) may hold
parts that belong anywhere, so then no sum is trusted.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from checklist.criteria.checks import Finding, Loc, check_pack
from checklist.criteria.model import Pack
from checklist.criteria.shape import model_at, required_fields

# The keys of the lists whose elements are the parts of a standard (they have ids).
PART_KEYS = frozenset({"area", "indicator", "item"})
_TOTAL: Loc = ("pack", "total")  # the sum of the whole file
# The fields of a part whose findings look at nothing else of it (only at other parts).
_OWN = frozenset({"id", "when"})
_ROUNDS = 12  # each round leaves out more; emptying an area takes six


@dataclass(frozen=True)
class Salvaged:
    findings: list[Finding]  # located in the file as written
    complete: bool  # nothing but unknown keys was left out: every check ran


def salvage(data: dict[str, Any], exc: ValidationError) -> Salvaged | None:
    """The whole-file findings of `data`, which failed to validate with `exc`, on
    what of it validates; None when what is at fault is not inside a part (e.g. in
    [pack]), so that no standard is left to check."""
    reading = _Reading(data)
    errors = exc.errors(include_url=False)
    for _ in range(_ROUNDS):
        if not reading.leave_out(errors):
            return None
        try:
            pack = Pack.model_validate(reading.work)
        except ValidationError as again:
            errors = again.errors(include_url=False)
            continue
        findings = [(reading.origin_of(loc), text) for loc, text in check_pack(pack)]
        return Salvaged(
            [f for f in findings if reading.trusts(f[0], data)],
            complete=not (reading.left_out or reading.altered or reading.tables_lost),
        )
    return None


class _Reading:
    """A copy of the data that loses what is at fault, round by round, and remembers
    where in the file each remaining part was. Only what changes is copied (a table
    or list before it loses a key or an element, and the tables and lists above it);
    the rest is shared with the data, which is never changed."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.work = dict(data)
        self._own: dict[int, Any] = {id(self.work): self.work}  # the copies, by id
        self._kept: dict[int, list[int]] = {}  # a list that lost parts → where each was
        self.left_out: list[Loc] = []
        self.altered: dict[Loc, set[str]] = {}  # part → the fields it was read without
        self.lost_ids: set[str] = set()  # ids of parts left out or read without a field
        self.tables_lost = False
        self._altered_ids: set[int] = set()

    def leave_out(self, errors: list[ErrorDetails]) -> bool:
        """Take out what each error is about; False when one is not inside a part."""
        altered_before = set(self._altered_ids)
        dropped: list[tuple[list[Any], dict[str, Any], Loc]] = []
        for err in errors:
            steps = list(_steps(self.work, err["loc"]))
            path = tuple(key for key, _, _ in steps)
            if err["type"] == "extra_forbidden" and steps and steps[-1][0] == err["loc"][-1]:
                key, parent, value = steps[-1]
                if isinstance(parent, dict) and key in parent:
                    del self._copy(path[:-1])[key]
                    if _holds_tables(value):
                        self.tables_lost = True
                        self.lost_ids.update(_ids(value))
                continue
            at = _part_index(steps)
            if at is None:
                return False
            part = steps[at][2]
            field = steps[at + 1][0] if at + 1 < len(steps) else None
            # A part without a field it must have would not read the next round either.
            needed = isinstance(field, str) and _required(err["loc"], field)
            if field is None or id(part) in altered_before or needed:
                # Both copied now, so that each is still itself when it is taken out.
                siblings, part = self._copy(path[:at]), self._copy(path[: at + 1])
                dropped.append((siblings, part, self.origin_of(path[: at + 1])))
            elif isinstance(field, str) and field in part:
                # What a condition may test of it (its options) may be what is lost.
                if isinstance(part.get("id"), str):
                    self.lost_ids.add(part["id"])
                part = self._copy(path[: at + 1])
                self.lost_ids.update(_ids(part.pop(field)))
                self._altered_ids.add(id(part))
                self.altered.setdefault(self.origin_of(path[: at + 1]), set()).add(field)
        for siblings, part, origin in dropped:
            if any(p is part for p in siblings):
                was = self._kept.get(id(siblings), list(range(len(siblings))))
                kept = [(p, i) for p, i in zip(siblings, was, strict=True) if p is not part]
                siblings[:] = [p for p, _ in kept]
                self._kept[id(siblings)] = [i for _, i in kept]
                self.left_out.append(origin)
                self.lost_ids.update(_ids(part))
        return True

    def _copy(self, path: Loc) -> Any:
        """The table or list at `path` of the work, made a copy of its own (with the
        tables and lists above it) if it is still shared with the data."""
        node: Any = self.work
        for key in path:
            child = node[key]
            if id(child) not in self._own:
                child = copy.copy(child)
                self._own[id(child)] = child
                node[key] = child
            node = child
        return node

    def origin_of(self, loc: Loc) -> Loc:
        """Where `loc` of the data as it is now was in the file."""
        node: Any = self.work
        origin: list[str | int] = []
        for i, part in enumerate(loc):
            try:
                child = node[part]
            except (KeyError, IndexError, TypeError):
                return (*origin, *loc[i:])
            kept = self._kept.get(id(node))
            origin.append(kept[part] if kept is not None and isinstance(part, int) else part)
            node = child
        return tuple(origin)

    def trusts(self, loc: Loc, data: dict[str, Any]) -> bool:
        """Whether the finding at `loc` (in the file) stands whatever was left out."""
        subject = loc[:-1]
        if loc == _TOTAL and (self.left_out or self.tables_lost):
            return False
        if any(_within(lost, subject) and lost != subject for lost in self.left_out):
            return False  # a sum over parts one of which is missing
        if self.tables_lost and _holds_parts(node_at(data, subject)):
            return False
        if any(_within(subject, lost) for lost in self.left_out):
            return False
        for part, fields in self.altered.items():
            if _within(subject, part) and not (subject == part and loc[-1] in _OWN - fields):
                return False  # it may depend on a field the part was read without
        condition = node_at(data, loc)
        return not (isinstance(condition, dict) and condition.get("item") in self.lost_ids)


def _steps(data: Any, loc: Sequence[str | int]) -> Iterator[tuple[str | int, Any, Any]]:
    """(key, parent, value) down the data along an error's location, passing over the
    parts of the location that are not keys of the data (a union's tag, a key that is
    missing)."""
    node = data
    for part in loc:
        key = isinstance(node, dict) and isinstance(part, str) and part in node
        if key or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            yield part, node, node[part]
            node = node[part]
        elif isinstance(part, int):
            return


def _required(loc: Sequence[str | int], field: str) -> bool:
    """Whether the deepest part on an error's location must have `field`, the key of
    it the location goes on to (the model is the one its tag, e.g. kind, names)."""
    parts = [i for i in range(1, len(loc)) if isinstance(loc[i], int) and loc[i - 1] in PART_KEYS]
    at = (
        next((i for i in range(parts[-1] + 1, len(loc)) if loc[i] == field), None)
        if parts
        else None
    )
    model = model_at(Pack, loc[:at]) if at is not None else None
    return model is not None and field in required_fields(model)


def _part_index(steps: list[tuple[str | int, Any, Any]]) -> int | None:
    """The index of the step into the deepest area, indicator or item, if any."""
    found = None
    for i, (key, _, value) in enumerate(steps):
        part = isinstance(key, int) and i > 0 and steps[i - 1][0] in PART_KEYS
        if part and isinstance(value, dict):
            found = i
    return found


def _holds_tables(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(v, dict) for v in value)
    )


def _holds_parts(node: Any) -> bool:
    """Whether `node` is a table with areas, indicators or items in it: its sum."""
    return isinstance(node, dict) and any(isinstance(node.get(key), list) for key in PART_KEYS)


def _ids(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for value in node.values():
            yield from _ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids(value)


def node_at(data: Any, loc: Loc) -> Any:
    """The value at `loc` in parsed TOML data, or None where there is none."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _within(loc: Loc, whole: Loc) -> bool:
    return loc[: len(whole)] == whole
