"""An `EditionDiff` in words: lines of at most 80 terminal cells for `checklist diff`,
and the same as JSON (`--json`)."""

from __future__ import annotations

from typing import Any

from checklist.criteria.base import Condition
from checklist.criteria.kinds import KINDS
from checklist.criteria.model import Item
from checklist.editions.diff import Aspect, Change, EditionDiff, ItemChange, marked_text
from checklist.formats import fitted, format_number
from checklist.problems import CRITERIA_FIELDS

WIDTH = 80
_INDENT = "    "

# Names of the fields the criteria glossary does not gloss.
_NAMES: dict[str, str] = {
    "id": "编号",
    "when_unmet": "条件不成立时",
    "veto_at_least": "否决项达到线",
    "partial_step": "不足一步的差距",
    "all_required": "须全部达到",
    "parts": "条件",
    "place": "位置",
    "grades": "等次",
    "fail": "未达到等次时叫法",
    "numbering": "序号编法",
    "report_title": "报告名称",
}
# What one element of a list is called, by the list's key.
_ELEMENTS: dict[str, str] = {
    "options": "选项",
    "levels": "等级",
    "parts": "条件",
    "figures": "数字说明",
    "grades": "等次",
}
_STATUS = {"added": "新增", "removed": "删除", "changed": "改动"}
# The words of a value chosen from a fixed list, by key.
_VALUES: dict[str, dict[str, str]] = {
    "partial_step": {"counts": "按一步扣分", "ignored": "不扣分"},
    "when_unmet": {"not_applicable": "不适用", "zero": "不得分"},
    "not_applicable": {"renormalize": "按其余条目折算", "count_as_met": "视为达到"},
    "numbering": {"per_area": "每个一级指标从 1 起", "continuous": "全表连续编号"},
}


def field_name(key: str) -> str:
    return _NAMES.get(key) or CRITERIA_FIELDS.get(key) or key


def diff_text(diff: EditionDiff, width: int = WIDTH) -> str:
    """The whole diff, item by item, for a terminal of `width` cells."""
    old, new = diff.old.info, diff.new.info
    lines = [
        _wrap(f"{new.title}：{old.edition} → {new.edition}", "", width),
        f"新增 {len(diff.of('added'))} 条，删除 {len(diff.of('removed'))} 条，"
        f"改动 {len(diff.of('changed'))} 条，未变 {diff.unchanged} 条。",
    ]
    if old.id != new.id:
        lines.append(
            _wrap(
                f"注意：两份文件的标准编号不同（{old.id}、{new.id}），可能不是同一标准的两个版本。",
                "",
                width,
            )
        )
    if diff.standard:
        lines.append("")
        lines.append("标准信息：")
        lines.extend(_wrap(text, _INDENT, width, _INDENT) for text in standard_lines(diff))
    for item in diff.items:
        lines.append("")
        lines.extend(item_lines(item, width))
    if not diff.items and not diff.standard:
        lines.append("两版条目内容相同。")
    return "\n".join(lines)


def standard_lines(diff: EditionDiff) -> list[str]:
    return [_change_words(change) for change in diff.standard]


def item_lines(item: ItemChange, width: int = WIDTH) -> list[str]:
    """An item's heading line (status, number, id) and what changed, one line each
    (wrapped)."""
    head = f"{_STATUS[item.status]}  {_numbers(item)}  {item.id}"
    if item.status != "changed":
        shown = _shown(item)
        kind = KINDS.get(shown.kind, shown.kind)
        facts = f"（{format_number(shown.points)}分，{kind}）"
        return [_wrap(f"{head}  {shown.text}{facts}", _INDENT, width)]
    return [head, *(_wrap(_change_words(c), _INDENT, width, _INDENT) for c in item.changes)]


def _shown(item: ItemChange) -> Item:
    """The item as the newer edition has it, or the older for one removed."""
    shown = item.new if item.new is not None else item.old
    assert shown is not None
    return shown


def _numbers(item: ItemChange) -> str:
    if item.new_place is None:
        assert item.old_place is not None
        return f"原 {item.old_place.number}"
    if item.old_place is None or item.old_place.number == item.new_place.number:
        return item.new_place.number
    return f"{item.new_place.number}（原 {item.old_place.number}）"


def _change_words(change: Change) -> str:
    name = field_name(change.key)
    if change.aspect in (Aspect.TEXT, Aspect.GUIDANCE) and _texts(change):
        return f"{name}：{marked_text(change.old or '', change.new or '')}"
    if change.key in _ELEMENTS and _lists(change):
        said = _element_changes(change.key, change.old or [], change.new or [])
        return f"{name}：{'；'.join(said)}"
    return f"{name}：{value_words(change.key, change.old)} → {value_words(change.key, change.new)}"


def _texts(change: Change) -> bool:
    return all(isinstance(v, str | None) for v in (change.old, change.new))


def _lists(change: Change) -> bool:
    return all(isinstance(v, list | None) for v in (change.old, change.new))


def value_words(key: str, value: Any) -> str:
    """A field's value as a person reads it."""
    if value is None:
        return "未写"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return format_number(value)
    if key == "kind" and isinstance(value, str):
        return f"{KINDS.get(value, value)}（{value}）"
    if isinstance(value, str):
        return _VALUES.get(key, {}).get(value, value) or "（空）"
    if key == "when" and isinstance(value, dict):
        return Condition.model_validate(value).describe()
    if isinstance(value, list):
        return "、".join(_element_words(key, v) for v in value) or "无"
    if isinstance(value, dict):
        return "，".join(
            f"{field_name(k)} {value_words(k, v)}" for k, v in value.items() if v is not None
        )
    return str(value)


def _label(element: Any) -> str:
    if isinstance(element, dict):
        return str(element.get("label") or element.get("name") or element.get("figure") or "")
    return str(element)


def _element_words(key: str, element: Any) -> str:
    """One option, level, part, figure or grade in words: “好”6分."""
    if not isinstance(element, dict):
        return f"“{element}”" if key in _ELEMENTS else str(element)
    label = _label(element)
    facts = [
        f"{field_name(k)} {value_words(k, v)}"
        for k, v in element.items()
        if k not in ("label", "name") and v is not None
    ]
    return f"“{label}”" + (f"（{'，'.join(facts)}）" if facts else "")


def _element_changes(key: str, old: list[Any], new: list[Any]) -> list[str]:
    """What changed in a list of options (levels, parts, figures, grades), element by
    element, matched by label."""
    what = _ELEMENTS[key]
    before = {_label(e): e for e in old}
    after = {_label(e): e for e in new}
    said = []
    for label, element in after.items():
        if label not in before:
            said.append(f"增{what}{_element_words(key, element)}")
        elif before[label] != element:
            said.append(f"{what}“{label}”{_element_diff(before[label], element)}")
    said.extend(f"删{what}“{label}”" for label in before if label not in after)
    common = [label for label in after if label in before]
    if not said and common != [label for label in before if label in after]:
        said.append(f"{what}顺序改变")
    if not said:
        said.append(f"{value_words(key, old)} → {value_words(key, new)}")
    return said


def _element_diff(old: Any, new: Any) -> str:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return f"{value_words('', old)} → {value_words('', new)}"
    parts = [
        f"{field_name(k)} {value_words(k, old.get(k))} → {value_words(k, new.get(k))}"
        for k in dict.fromkeys([*new, *old])
        if old.get(k) != new.get(k)
    ]
    return "：" + "，".join(parts)


def _wrap(text: str, indent: str, width: int, first: str = "") -> str:
    return fitted([text], indent, first=first, width=width)


def diff_json(diff: EditionDiff) -> dict[str, Any]:
    """The diff as data: both editions, the standard's changes, and each item's."""

    def edition(info: Any) -> dict[str, Any]:
        return {"id": info.id, "title": info.title, "edition": info.edition}

    def change(c: Change) -> dict[str, Any]:
        return {
            "field": c.key,
            "about": c.aspect.value,
            "old": c.old,
            "new": c.new,
            "text": _change_words(c),
        }

    return {
        "old": edition(diff.old.info),
        "new": edition(diff.new.info),
        "counts": {
            "added": len(diff.of("added")),
            "removed": len(diff.of("removed")),
            "changed": len(diff.of("changed")),
            "unchanged": diff.unchanged,
        },
        "standard": [change(c) for c in diff.standard],
        "items": [
            {
                "id": i.id,
                "status": i.status,
                "old_number": i.old_place.number if i.old_place else None,
                "new_number": i.new_place.number if i.new_place else None,
                "text": _shown(i).text,
                "needs_review": i.needs_review if i.status == "changed" else None,
                "changes": [change(c) for c in i.changes],
            }
            for i in diff.items
        ],
    }
