"""Checks of a standard beyond types: ids, totals, thresholds, conditions."""

from __future__ import annotations

from collections.abc import Iterator

from checklist.criteria.model import (
    ChoiceItem,
    Condition,
    CountItem,
    Item,
    LevelItem,
    MultiChoiceItem,
    Pack,
    StepsItem,
    TextItem,
    ThresholdItem,
    YesNoItem,
)

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
        *_full_points_reachable(pack),
    ]


def _walk(pack: Pack) -> Iterator[tuple[Loc, str, str]]:
    """(location, id, what) of every area, indicator and item, in file order."""
    for a, area in enumerate(pack.areas):
        yield ("area", a), area.id, "一级指标"
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
    if info.pass_ > info.total:
        yield ("pack", "pass"), f"pass（达标分数线）{info.pass_:g} 不能高于总分 {info.total:g}"
    if info.demonstration > info.total:
        yield (
            ("pack", "demonstration"),
            f"demonstration（示范分数线）{info.demonstration:g} 不能高于总分 {info.total:g}",
        )
    if info.demonstration < info.pass_:
        yield (
            ("pack", "demonstration"),
            f"demonstration（示范分数线）{info.demonstration:g} 不能低于 pass（达标分数线）{info.pass_:g}",
        )


def _labels(item: Item) -> list[str]:
    if isinstance(item, ChoiceItem | MultiChoiceItem):
        return [o.label for o in item.options]
    if isinstance(item, LevelItem):
        return [lv.label for lv in item.levels]
    return []


def _conditions(pack: Pack) -> Iterator[Finding]:
    where = item_locations(pack)
    for item in pack.items.values():
        cond = item.when
        if cond is None or cond.item is None:
            continue
        loc = (*where[item.id], "when")
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
    is_, includes = cond.is_, cond.includes
    if isinstance(is_, bool) and not isinstance(target, YesNoItem):
        yield f"is = true/false 只能用于是/否（yes_no）条目，{name} 不是"
    if isinstance(is_, str):
        labels = _labels(target)
        if isinstance(target, MultiChoiceItem):
            yield f'{name} 是多选（multi_choice）条目，请用 includes = "…" 而不是 is'
        elif isinstance(target, YesNoItem):
            yield f"{name} 是是/否（yes_no）条目，请写 is = true 或 is = false，不加引号"
        elif not isinstance(target, ChoiceItem | LevelItem):
            yield f'is = "…" 只能用于单选（choice）或达到程度（level）条目，{name} 不是'
        elif is_ not in labels:
            yield f"{name} 没有选项“{is_}”，可选：{'、'.join(labels)}"
    if includes is not None:
        if not isinstance(target, MultiChoiceItem):
            yield f"includes 只能用于多选（multi_choice）条目，{name} 不是"
        elif includes not in _labels(target):
            yield f"{name} 没有选项“{includes}”，可选：{'、'.join(_labels(target))}"
    numeric = cond.at_least is not None or cond.at_most is not None
    if numeric and not isinstance(target, ThresholdItem | CountItem | StepsItem):
        yield f"at_least / at_most 只能用于数值条目（threshold、count、steps），{name} 不是"


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
    for item in pack.items.values():
        if item.veto and isinstance(item, TextItem):
            yield (*where[item.id], "veto"), "文字说明（text）条目不计分，不能设为否决项"


def _full_points_reachable(pack: Pack) -> Iterator[Finding]:
    """Some answer must earn the item's points, or no unit can pass it (fatal for veto items)."""
    where = item_locations(pack)
    for item in pack.items.values():
        if isinstance(item, LevelItem) and max(lv.ratio for lv in item.levels) < 1 - _EPSILON:
            yield (
                (*where[item.id], "levels"),
                "levels（等级）中没有系数为 1 的等级，任何回答都得不到满分，请加上一个 ratio = 1.0 的等级",
            )
        elif isinstance(item, ChoiceItem | MultiChoiceItem):
            options = [o.points for o in item.options]
            best = max(options) if isinstance(item, ChoiceItem) else sum(options)
            if best < item.points - _EPSILON:
                how = "最高的选项" if isinstance(item, ChoiceItem) else "全部选项合计"
                yield (
                    (*where[item.id], "options"),
                    f"{how}只有 {best:g} 分，低于 points（分值）{item.points:g}，"
                    "任何回答都得不到满分，请调整选项分数或分值",
                )
