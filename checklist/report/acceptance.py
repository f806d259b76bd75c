"""What the 验收评分表 says, as plain data: the inspection team's sheet of a unit.

`build_acceptance` turns the exact bytes of an inspection file (inspection/model.py)
into everything the sheet prints: the standard's own columns with the unit's 自评分
and the team's 验收分 side by side, the 扣分原因, subtotals per area, the total and
the 等次 by the standard's grade rules, the 验收意见 and the team. The unit's side of
each row (its situation, what the inspector scores by, its 自评分) is the unit's own
report's 附件1 (content.py), made from the answers and standard the inspection
carries; nothing is scored or worded again here. No PDF engine, no layout.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from checklist.formats import format_date
from checklist.inspection import (
    Inspection,
    Reported,
    inspected_items,
    inspection_from_bytes,
    settled,
)
from checklist.report.content import (
    BLANK,
    SIGN_DATE_BLANK,
    DetailColumn,
    DetailRow,
    content_of,
    made_on,
    points,
    union_name,
)
from checklist.scoring import ItemScore, Status, summed

INSPECTION_ATTACHMENT_NAME = "inspection.toml"
INSPECTION_ATTACHMENT_DESCRIPTION = "验收记录原件（内含单位答卷和评价标准）"
SHEET = "验收评分表"
PENDING = "未验收"  # an item the team has not scored: blank on the sheet, 0 in the sums
_TITLE_SUFFIXES = ("评价标准", "考核标准", "评分标准", "验收标准", "考核细则", "标准")
_REASON = DetailColumn("reason", "扣分原因")
# An inspection file has the tables [report] and [record] (inspection/model.py); an
# answers file has neither.
_INSPECTION_TABLES = [
    re.compile(rb"^[ \t]*\[" + name + rb"\][ \t]*(#.*)?$", re.MULTILINE)
    for name in (rb"report", rb"record")
]


def is_inspection(raw: bytes) -> bool:
    """Whether the TOML file whose bytes are `raw` is an inspection file (by its
    tables, whatever its name)."""
    # The patterns search the whole file; the words they need, much quicker.
    return (
        b"[report]" in raw and b"[record]" in raw and all(t.search(raw) for t in _INSPECTION_TABLES)
    )


@dataclass(frozen=True)
class AcceptanceRow:
    unit: DetailRow  # the row of the unit's 附件1: text, rules, situation, 自评分
    inspected: str  # 验收分: points, "—" (不适用 or not scored), "" (not yet scored)
    reason: str  # 扣分原因
    pending: bool  # not yet scored by the team


@dataclass(frozen=True)
class AcceptanceGroup:
    heading: str  # （一）组织建设（10分）; "" for items directly under their area
    rows: list[AcceptanceRow]


@dataclass(frozen=True)
class AcceptanceArea:
    area_id: str
    heading: str  # 一、党建带工建（15分）
    groups: list[AcceptanceGroup]
    points: str  # the area's points
    self_score: str  # 自评分 小计
    inspected: str  # 验收分 小计
    opinion: str  # the team's 验收意见 of the area, or ""


@dataclass(frozen=True)
class AcceptanceContent:
    title: str  # 某机关工会《条例》贯彻落实示范单位验收评分表
    standard: str  # the standard's title
    edition: str
    unit: str
    veto_word: str
    fingerprint: str  # the unit's report fingerprint
    criteria_fingerprint: str
    inspection_sha256: str  # of the inspection file the sheet is made from
    columns: list[DetailColumn]  # the standard's, 考核分 among them, then 扣分原因
    areas: list[AcceptanceArea]
    max: str
    self_sum: str  # the 合计 row: the areas' points as earned, before any rescaling
    inspected_sum: str
    self_total: str
    self_grade: str
    total: str  # 验收总分, on the standard's scale
    grade: str  # 等次 by the 验收分
    grade_names: list[str]  # the standard's grades and its name of failing
    total_line: str  # 验收总分 90 分（满分 100 分），等次：示范
    notes: list[str]  # 未验收 items, veto items failed, rescaling
    overall: str  # 总体验收意见
    leader: str
    members: list[str]
    date: str  # 验收日期, or blanks to fill in by hand
    scored_on: str  # ISO date the report judged dates against
    made_at: str
    keywords: list[str] = field(default_factory=list)

    @property
    def document_title(self) -> str:
        return f"{self.title}（{self.edition}）"


def sheet_title(standard_title: str, unit: str) -> str:
    """某机关工会 + the standard's title with 验收评分表 for 评价标准."""
    for suffix in _TITLE_SUFFIXES:
        if standard_title.endswith(suffix):
            return union_name(unit) + standard_title.removesuffix(suffix) + SHEET
    return f"{union_name(unit)}{standard_title}{SHEET}"


def build_acceptance(
    raw: bytes, now: dt.datetime | None = None, *, source: str = INSPECTION_ATTACHMENT_NAME
) -> AcceptanceContent:
    """The sheet of the inspection file whose exact bytes are `raw`, made at `now`
    (default: now). Raises ProblemsError, naming `source`, when the bytes are not a
    valid inspection file or its record does not match its report."""
    inspection, reported = inspection_from_bytes(raw, source)
    return acceptance_of(inspection, reported, hashlib.sha256(raw).hexdigest(), now)


def acceptance_of(
    inspection: Inspection,
    reported: Reported,
    inspection_sha256: str,
    now: dt.datetime | None = None,
) -> AcceptanceContent:
    """The sheet of an inspection already read (see build_acceptance): the unit's
    rows as its report's 附件1 printed them, the team's 验收分 beside them, summed by
    the standard's rules (inspection.inspected_items, scoring.summed)."""
    now = now or dt.datetime.now().astimezone().replace(microsecond=0)
    pack, answers = reported.pack, reported.answers
    day = reported.scored_on
    # The unit's 附件1, as its report printed it (on the day the report judged dates).
    unit_sheet = content_of(pack, answers, fingerprint=reported.fingerprint, now=made_on(day))
    self_score = reported.self_score
    items = inspected_items(pack, self_score, inspection, answers)
    result = summed(pack, items)
    areas_scored = {a.id: a for a in result.areas}
    areas = []
    for detail in unit_sheet.details:
        groups = [
            AcceptanceGroup(
                group.heading,
                [_row(row, inspection, items[row.item_id]) for row in group.rows],
            )
            for group in detail.groups
        ]
        areas.append(
            AcceptanceArea(
                area_id=detail.area_id,
                heading=detail.heading,
                groups=groups,
                points=detail.points,
                self_score=detail.score,
                inspected=points(areas_scored[detail.area_id].score),
                opinion=inspection.opinion.areas.get(detail.area_id, "").strip(),
            )
        )
    total, maximum = points(result.total), points(result.max)
    notes = []
    pending = [
        item_id
        for item_id, unit in self_score.items.items()
        if unit.active and unit.item.scored and not settled(inspection.item(item_id))
    ]
    if pending:
        notes.append(f"尚有 {len(pending)} 个条目未验收（{'、'.join(pending)}），按 0 分计")
    if result.veto_failed:
        notes.append(f"{pack.info.veto_word}未通过：{'、'.join(result.veto_failed)}")
    if abs(result.raw_max - result.max) > 1e-9:
        notes.append(
            f"适用条目验收得分 {points(result.raw)} 分（适用条目满分 {points(result.raw_max)} 分），"
            f"按总分 {maximum} 分折算"
        )
    team = inspection.team
    return AcceptanceContent(
        title=sheet_title(pack.info.title, answers.profile.unit),
        standard=pack.info.title,
        edition=pack.info.edition,
        unit=unit_sheet.unit,
        veto_word=pack.info.veto_word,
        fingerprint=reported.fingerprint,
        criteria_fingerprint=pack.fingerprint,
        inspection_sha256=inspection_sha256,
        columns=_columns(unit_sheet.columns),
        areas=areas,
        max=maximum,
        self_sum=unit_sheet.areas_total.score,
        inspected_sum=points(result.raw),
        self_total=unit_sheet.total,
        self_grade=unit_sheet.grade,
        total=total,
        grade=result.grade,
        grade_names=[g.name for g in pack.info.grades] + [pack.info.fail],
        total_line=f"验收总分 {total} 分（满分 {maximum} 分），等次：{result.grade}",
        notes=notes,
        overall=inspection.opinion.overall.strip(),
        leader=team.leader.strip() or BLANK,
        members=[m.strip() for m in team.members if m.strip()],
        date=format_date(team.date) if team.date else SIGN_DATE_BLANK,
        scored_on=unit_sheet.scored_on,
        made_at=now.isoformat(),
        keywords=[
            "验收评分表",
            pack.info.title,
            pack.info.edition,
            f"报告指纹 {reported.fingerprint}",
        ],
    )


def _row(unit: DetailRow, inspection: Inspection, scored: ItemScore) -> AcceptanceRow:
    """The unit's row with the team's 验收分 (`scored`: the item as the team scored it)."""
    entry = inspection.item(unit.item_id)
    if not scored.item.scored or scored.status is Status.INACTIVE:  # a text item, 条件不成立
        inspected, pending = "—", False
    elif scored.status is Status.ABSENT:  # 条件不成立, counted at 0
        inspected, pending = "0", False
    elif scored.status is Status.NOT_APPLICABLE and entry.score is None:
        inspected, pending = "—", False
    elif entry.score is not None:
        inspected, pending = points(entry.score), False
    elif entry.confirmed:
        inspected, pending = unit.score, False
    else:
        inspected, pending = "", True
    return AcceptanceRow(unit, inspected, entry.reason.strip(), pending)


def _columns(columns: list[DetailColumn]) -> list[DetailColumn]:
    """The standard's columns, with a 考核分 column after the 自评分 when it has none
    (a sheet for the unit alone), and 扣分原因 last."""
    shown = list(columns)
    if not any(c.role == "inspected" for c in shown):
        after = next((n for n, c in enumerate(shown) if c.role == "self_score"), len(shown) - 1)
        shown.insert(after + 1, DetailColumn("inspected", "验收分"))
    return [*shown, _REASON]
