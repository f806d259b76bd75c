"""What `checklist verify` says of the standard a report was scored against: which it
is (title, edition, issuer, fingerprint), and whether it is a standard installed here,
another edition of one, or a standard not known here.

A report carries the file of its standard (fingerprint.STANDARD_ATTACHMENT_NAME), so
that it verifies where that standard is not installed. A carried standard that keeps
the id and edition of one installed here but not its content (a lower pass line, a
veto item dropped) fails: it claims to be what it is not. One that is not installed
here passes with a warning naming it, for the inspector to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checklist.criteria.library import Library, Standard, default_standard
from checklist.criteria.model import Pack
from checklist.formats import format_number

LABEL = "评价标准"
INSTALLED_LABEL = "本机标准"


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str
    warning: bool = False  # passed, with something the inspector must confirm


@dataclass(frozen=True)
class EmbeddedStandard:
    """The standard a report carries: as read, and its file's bytes."""

    pack: Pack
    raw: bytes


def short(fingerprint: str) -> str:
    """The first 16 hex digits of a standard's fingerprint, as messages show it."""
    return fingerprint[:16] or "（未记录）"


def named(pack: Pack) -> str:
    """A standard as the inspector identifies it."""
    info = pack.info
    return (
        f"“{info.title}”（{info.edition}，{info.issuer}发布，编号 {info.id}，"
        f"指纹 {short(pack.fingerprint)}）"
    )


def installed_for(recorded: str, library: Library) -> Pack:
    """The standard to check a report that carries none against: the one installed
    here with the fingerprint the report records, else the default standard."""
    found = library.with_fingerprint(recorded)
    return found.pack if found else default_standard().pack


def checks(
    recorded: str, criteria: Pack | None, embedded: EmbeddedStandard | None, library: Library
) -> list[Check]:
    """The checks of the standard of a report that records the standard fingerprint
    `recorded` and carries `embedded`, verified against `criteria` (--criteria) when
    given, else against what it carries, else against a standard of `library`."""
    if criteria is not None:
        if embedded is not None and embedded.pack.fingerprint != criteria.fingerprint:
            return [
                Check(
                    LABEL,
                    False,
                    f"报告内嵌的标准{named(embedded.pack)}与 --criteria 指定的标准"
                    f"{named(criteria)}不同",
                )
            ]
        same = recorded == criteria.fingerprint
        detail = (
            f"报告按{named(criteria)}生成，与 --criteria 指定的标准相同"
            if same
            else f"报告所用标准（指纹 {short(recorded)}）与 --criteria 指定的标准"
            f"{named(criteria)}不同（标准被修改过，或应指定报告所依据的版本）"
        )
        return [Check(LABEL, same, detail)]
    if embedded is None:
        pack = installed_for(recorded, library)
        same = recorded == pack.fingerprint
        detail = (
            f"报告按{named(pack)}生成（报告没有内嵌标准，按本机的标准核验）"
            if same
            else f"报告没有内嵌标准，所用标准（指纹 {short(recorded)}）与本机的标准都不同"
            "（标准被修改过，或应使用 --criteria 指定报告所依据的版本）"
        )
        return [Check(LABEL, same, detail)]
    pack = embedded.pack
    same = recorded == pack.fingerprint
    detail = (
        f"报告内嵌{named(pack)}，按它核验"
        if same
        else f"报告内嵌{named(pack)}，但报告记录的标准指纹为 {short(recorded)}，两者不符，"
        "报告被改动过"
    )
    return [Check(LABEL, same, detail), installed_check(pack, library)]


def installed_check(pack: Pack, library: Library) -> Check:
    """Whether the standard a report carries is one installed here."""
    info = pack.info
    same = library.with_fingerprint(pack.fingerprint)
    if same is not None:
        return Check(INSTALLED_LABEL, True, f"与本机的标准相同（{same.where}）")
    editions = library.editions(info.id)
    namesake = next((s for s in editions if s.pack.info.edition == info.edition), None)
    if namesake is not None:
        return Check(
            INSTALLED_LABEL,
            False,
            f"报告内嵌的标准与本机编号、版本相同的标准（{namesake.where}，"
            f"指纹 {short(namesake.pack.fingerprint)}）内容不同：{differences(pack, namesake)}。"
            "报告所依据的不是本机的这份标准，它被改动过；请向发布单位核实",
        )
    if editions:
        here = "、".join(f"{s.pack.info.edition}（{s.where}）" for s in editions)
        return Check(
            INSTALLED_LABEL,
            True,
            f"报告按编号 {info.id} 标准的另一版本（{info.edition}）计分，本机有的是 {here}；"
            "以上核验依据报告内嵌的标准，请确认检查要求使用哪一版本",
            warning=True,
        )
    return Check(
        INSTALLED_LABEL,
        True,
        f"本机没有安装这份标准（编号 {info.id}），以上核验依据报告内嵌的标准；"
        "请向发布单位核实这份标准（checklist standards 列出本机的标准）",
        warning=True,
    )


def differences(pack: Pack, installed: Standard, most: int = 8) -> str:
    """What the standard `pack` changes of the installed one, in a line."""
    theirs = installed.pack
    (mine_data, mine_areas), (their_data, their_areas) = _data(pack), _data(theirs)
    said = []
    for table in sorted(mine_data.keys() | their_data.keys()):
        a, b = mine_data.get(table), their_data.get(table)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            said += [
                f"[{table}] {key} 为 {_shown(_grades(a.get(key)) if key == 'grades' else a.get(key))}"
                f"（本机为 {_shown(_grades(b.get(key)) if key == 'grades' else b.get(key))}）"
                for key in sorted(a.keys() | b.keys())
                if a.get(key) != b.get(key)
            ]
        else:
            said.append(f"[{table}] 不同")
    mine, their = pack.item_fingerprints, theirs.item_fingerprints
    for ids, what in (
        ([i for i in mine if i in their and mine[i] != their[i]], "内容不同的条目"),
        ([i for i in their if i not in mine], "本机标准有、内嵌标准没有的条目"),
        ([i for i in mine if i not in their], "内嵌标准有、本机标准没有的条目"),
    ):
        if ids:
            more = f" 等 {len(ids)} 条" if len(ids) > most else ""
            said.append(f"{what} {'、'.join(ids[:most])}{more}")
    if _without_items(mine_areas) != _without_items(their_areas):
        said.append("指标的名称、分值或顺序不同")
    return "；".join(said) or "内容不同"


def _data(pack: Pack) -> tuple[dict[str, Any], Any]:
    """The standard as staff write it: its tables but the areas, and its areas."""
    data: dict[str, Any] = pack.model_dump(by_alias=True, mode="json")
    return data, data.pop("area", None)


def _without_items(node: Any) -> Any:
    """Areas and indicators without their items (those are compared one by one)."""
    if isinstance(node, dict):
        return {key: _without_items(value) for key, value in node.items() if key != "item"}
    if isinstance(node, list):
        return [_without_items(value) for value in node]
    return node


def _grades(grades: Any) -> str:
    """Grades as the sheet states them: 示范 90 分以上、达标 80 分以上."""
    if not isinstance(grades, list):
        return str(grades)
    return "、".join(f"{g.get('name')} {_shown(g.get('at_least'))} 分以上" for g in grades)


def _shown(value: object, most: int = 24) -> str:
    if isinstance(value, float):
        value = format_number(value)
    text = "（无）" if value is None else str(value)
    return text if len(text) <= most else text[:most] + "…"
