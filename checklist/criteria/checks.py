"""Checks of a standard beyond types: ids, totals, thresholds, conditions, and what
each item kind checks of a whole item."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from checklist.criteria.base import Condition
from checklist.criteria.kinds import KIND_MODELS, KINDS, ConditionTest, Item, kind_name
from checklist.criteria.model import Pack

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str]  # where (key path in the file) and what, in Chinese

_EPSILON = 1e-9


def check_pack(pack: Pack) -> list[Finding]:
    """Every semantic problem of a pack that already passed type validation."""
    return [
        *_unique_ids(pack),
        *_totals(pack),
        *_thresholds(pack),
        *_conditions(pack),
        *_cycles(pack),
        *_veto_kinds(pack),
        *_kind_findings(pack),
    ]


def _walk(pack: Pack) -> Iterator[tuple[Loc, str, str]]:
    """(location, id, what) of every area, indicator and item, in file order."""
    for a, area in enumerate(pack.areas):
        yield ("area", a), area.id, "一级指标"
        if area.two_levels:  # items directly under the area: [[area.item]]
            for k, item in enumerate(area.indicators[0].items):
                yield ("area", a, "item", k), item.id, "条目"
            continue
        for i, indicator in enumerate(area.indicators):
            yield ("area", a, "indicator", i), indicator.id, "二级指标"
            for k, item in enumerate(indicator.items):
                yield ("area", a, "indicator", i, "item", k), item.id, "条目"


def item_locations(pack: Pack) -> dict[str, Loc]:
    return {id_: loc for loc, id_, what in _walk(pack) if what == "条目"}


def _unique_ids(pack: Pack) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for loc, id_, what in _walk(pack):
        if id_ in first:
            yield (*loc, "id"), f"编号 {id_} 与前面的{first[id_]}重复，每个编号只能用一次"
        else:
            first[id_] = what


def _same(a: float, b: float) -> bool:
    return abs(a - b) < _EPSILON


def _totals(pack: Pack) -> Iterator[Finding]:
    for a, area in enumerate(pack.areas):
        if area.two_levels:
            got = sum(item.points for item in area.items())
            if not _same(got, area.points):
                yield (
                    ("area", a, "points"),
                    f"points（分值）为 {area.points:g}，但下属条目分值之和为 {got:g}，请使两者相等",
                )
            continue
        for i, indicator in enumerate(area.indicators):
            got = sum(item.points for item in indicator.items)
            if not _same(got, indicator.points):
                yield (
                    ("area", a, "indicator", i, "points"),
                    f"points（分值）为 {indicator.points:g}，但下属条目分值之和为 {got:g}，请使两者相等",
                )
        got = sum(ind.points for ind in area.indicators)
        if not _same(got, area.points):
            yield (
                ("area", a, "points"),
                f"points（分值）为 {area.points:g}，但下属二级指标分值之和为 {got:g}，请使两者相等",
            )
    got = sum(area.points for area in pack.areas)
    if not _same(got, pack.info.total):
        yield (
            ("pack", "total"),
            f"total（总分）为 {pack.info.total:g}，但各一级指标分值之和为 {got:g}，请使两者相等",
        )


def _thresholds(pack: Pack) -> Iterator[Finding]:
    info = pack.info
    lines: list[tuple[Loc, str]] = [
        (("pack", "grades", g, "at_least"), f"等次“{grade.name}”的分数线 ")
        for g, grade in enumerate(info.grades)
    ]
    if info.pass_ is not None:  # the older way: demonstration (示范) above pass (达标)
        lines = [(("pack", "pass"), "pass（达标分数线）")]
        if info.demonstration is not None:
            lines.insert(0, (("pack", "demonstration"), "demonstration（示范分数线）"))
    graded = [(where, what, grade) for (where, what), grade in zip(lines, info.grades, strict=True)]
    for where, what, grade in graded:
        if grade.at_least > info.total:
            yield where, f"{what}{grade.at_least:g} 不能高于总分 {info.total:g}"
    for (where_above, what_above, above), (where, what, grade) in itertools.pairwise(graded):
        if grade.at_least <= above.at_least:
            continue
        if info.pass_ is not None:
            yield where_above, f"{what_above}{above.at_least:g} 不能低于 {what}{grade.at_least:g}"
        else:
            yield (
                where,
                (
                    f"{what}{grade.at_least:g} 高于上一等次“{above.name}”的 {above.at_least:g}；"
                    "grades 请从高到低排列"
                ),
            )
    names = [grade.name for grade in info.grades] + [info.fail]
    for name in sorted({n for n in names if names.count(n) > 1}):
        yield (
            ("pack", "grades"),
            f"等次名称“{name}”重复（含 fail：不达标时的名称），每个名称只能用一次",
        )


def _names_taking(test: ConditionTest) -> list[str]:
    """The kinds whose answers a `when` may test so, in the registry's order."""
    return [str(kind_name(m)) for m in KIND_MODELS if m.condition_test is test]


def _kinds_taking(test: ConditionTest) -> str:
    """单选（choice）或达到程度（level）: those kinds named in a sentence (by name in
    alphabetical order, as the messages have always listed them)."""
    return "或".join(f"{KINDS[name]}（{name}）" for name in sorted(_names_taking(test)))


def _conditions(pack: Pack) -> Iterator[Finding]:
    where = item_locations(pack)
    for item in pack.items.values():
        conditions: list[tuple[Loc, Condition | None]] = [((*where[item.id], "when"), item.when)]
        labels = [getattr(o, "label", "") for o in getattr(item, "options", ())]
        for label, option_when in item.options_when().items():
            conditions.append(
                ((*where[item.id], "options", labels.index(label), "when"), option_when)
            )
        for loc, cond in conditions:
            if cond is None or cond.item is None:
                continue
            target = pack.items.get(cond.item)
            if cond.item == item.id:
                yield loc, "适用条件不能引用条目自身"
                continue
            if target is None:
                yield loc, f"适用条件引用的条目 {cond.item} 不存在，请检查编号"
                continue
            yield from ((loc, text) for text in _condition_fits(cond, target))


def _condition_fits(cond: Condition, target: Item) -> Iterator[str]:
    name = f"条目 {target.id}"
    test = target.condition_test
    is_, includes = cond.is_, cond.includes
    labels = list(target.choices())
    if isinstance(is_, bool) and test is not ConditionTest.IS_BOOL:
        yield f"is = true/false 只能用于{_kinds_taking(ConditionTest.IS_BOOL)}条目，{name} 不是"
    if isinstance(is_, str):
        if test is ConditionTest.INCLUDES:
            yield f'{name} 是{target.label}（{target.kind}）条目，请用 includes = "…" 而不是 is'
        elif test is ConditionTest.IS_BOOL:
            yield f"{name} 是{target.label}（{target.kind}）条目，请写 is = true 或 is = false，不加引号"
        elif test is not ConditionTest.IS_LABEL:
            yield f'is = "…" 只能用于{_kinds_taking(ConditionTest.IS_LABEL)}条目，{name} 不是'
        elif is_ not in labels:
            yield f"{name} 没有选项“{is_}”，可选：{'、'.join(labels)}"
    if includes is not None:
        if test is not ConditionTest.INCLUDES:
            yield f"includes 只能用于{_kinds_taking(ConditionTest.INCLUDES)}条目，{name} 不是"
        elif includes not in labels:
            yield f"{name} 没有选项“{includes}”，可选：{'、'.join(labels)}"
    numeric = cond.at_least is not None or cond.at_most is not None
    if numeric and test is not ConditionTest.NUMBER:
        numbers = "、".join(_names_taking(ConditionTest.NUMBER))
        yield f"at_least / at_most 只能用于数值条目（{numbers}），{name} 不是"


def _cycles(pack: Pack) -> Iterator[Finding]:
    where = item_locations(pack)
    depends = {
        item.id: item.when.item
        for item in pack.items.values()
        if item.when is not None and item.when.item in pack.items and item.when.item != item.id
    }
    reported: set[str] = set()
    for start in depends:
        chain = [start]
        node = depends.get(start)
        while node is not None and node not in chain:
            chain.append(node)
            node = depends.get(node)
        if node is not None and node not in reported:
            cycle = chain[chain.index(node) :]
            reported.update(cycle)
            first = min(cycle, key=lambda id_: where[id_])
            yield (
                (*where[first], "when"),
                "适用条件循环引用：" + " → ".join([*cycle, cycle[0]]) + "，请去掉其中一个条件",
            )


def _veto_kinds(pack: Pack) -> Iterator[Finding]:
    where = item_locations(pack)
    veto = pack.info.veto_word
    for item in pack.items.values():
        if item.veto and not item.scored:
            yield (
                (*where[item.id], "veto"),
                f"{item.label}（{item.kind}）条目不计分，不能设为否决项",
            )
        elif item.scored and item.points <= 0 and not (item.veto and item.all_or_nothing):
            yield (
                (*where[item.id], "points"),
                "points（分值）必须是正数；只有不计分的"
                f"{veto}（veto = true 的是/否、数值达标或日期期限条目）可以写 0",
            )
        if item.veto_at_least is not None and not item.veto:
            yield (
                (*where[item.id], "veto_at_least"),
                "veto_at_least 只用于否决项（veto = true）",
            )
        elif item.veto_at_least is not None and item.veto_at_least > item.points:
            yield (
                (*where[item.id], "veto_at_least"),
                f"veto_at_least（{veto}的达到线）{item.veto_at_least:g} 不能高于 points（分值）{item.points:g}",
            )


def _kind_findings(pack: Pack) -> Iterator[Finding]:
    """What each kind checks of a whole item (e.g. that some answer earns full points),
    and what is wrong with an item's figures as a whole."""
    where = item_locations(pack)
    for item in pack.items.values():
        for key, text in [*item.figures_findings(), *item.findings()]:
            yield (*where[item.id], *(key if isinstance(key, tuple) else (key,))), text
