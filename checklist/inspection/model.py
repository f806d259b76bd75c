"""An inspection (验收): what the inspection team finds and scores on site, beside the
unit's own answers and 自评分, in a file of its own (see store.py).

The file is TOML, in this order:

- `[report]`: which report it inspects: the unit, the standard (id, edition, its
  fingerprint), the report fingerprint and the day the report judged dates against;
- `[team]`: 组长 (`leader`), 成员 (`members`), 验收日期 (`date`);
- `[opinion]`: the overall 验收意见 (`overall`) and one per 一级指标 (`[opinion.areas]`);
- `[items.<id>]`: per item the 验收分 (`score`), the 扣分原因 (`reason`), whether the
  team confirmed the unit's 自评分 (`confirmed`) and what it found (`found`: the answer
  value, figures or profile numbers it found, from which the program proposes a score);
- `[record]`, last: the unit's answers file and the standard, byte for byte (zlib,
  then base64, each with its SHA-256), so that the inspection alone is enough to make
  the 验收评分表 and to check that it belongs to the report.

The bounds that depend on the standard (0 … the item's points, the standard's
decimals) and when a 扣分原因 is required are in rules.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from checklist.answers.model import Model, Value
from checklist.criteria.figures import FigureValue


class Bound(Model):
    """The report the inspection is of (`[report]`)."""

    unit: str = ""  # 单位名称, as the unit's answers give it
    pack: str  # the standard's id
    edition: str  # and edition
    criteria: str  # the standard's fingerprint (SHA-256 of its content)
    fingerprint: str  # the report fingerprint (report/fingerprint.py), 4 × 4 hex digits
    # The day the report judged dates against when the answers carry no 自评日期.
    scored_on: dt.date | None = None


class Team(Model):
    """检查组 (`[team]`)."""

    leader: str = ""  # 组长
    members: list[str] = Field(default_factory=list)  # 成员
    date: dt.date | None = None  # 验收日期


class Opinions(Model):
    """验收意见 (`[opinion]`): overall and per 一级指标 (by area id)."""

    overall: str = ""
    areas: dict[str, str] = Field(default_factory=dict)


class Found(Model):
    """What the team found for an item, in the unit's own terms: the answer value
    (a number, a date, the requirements in place …), figures of 工作情况和数字说明, or
    numbers of 基本情况. The proposed 验收分 is the item scored with these in place of
    the unit's (rules.propose)."""

    value: Value | None = None
    figures: dict[str, FigureValue] = Field(default_factory=dict)
    profile: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.value is None and not self.figures and not self.profile


class ItemInspection(Model):
    """One item as the team scored it (`[items.<id>]`).

    `score` is the 验收分; `confirmed` says that the team checked the unit's 自评分
    and agrees (the 验收分 is then the 自评分). `reason` is the 扣分原因, which a real
    验收评分表 asks wherever points are lost, and which the unit is owed wherever the
    team departs from its 自评分: it is required when the 验收分 is below the item's
    points or differs from the 自评分 (rules.reason_missing).
    """

    score: Annotated[float, Field(ge=0)] | None = None  # 验收分
    reason: str = ""  # 扣分原因
    confirmed: bool = False  # 自评分 confirmed
    found: Found | None = None  # what the team found (for a proposed score)
    changed: dt.datetime | None = None


class Record(Model):
    """The unit's answers file and the standard, byte for byte (`[record]`)."""

    encoding: Literal["zlib+base64"] = "zlib+base64"
    answers: str
    answers_sha256: str
    standard: str
    standard_sha256: str


class Inspection(Model):
    report: Bound
    team: Team = Team()
    opinion: Opinions = Opinions()
    items: dict[str, ItemInspection] = Field(default_factory=dict)
    record: Record

    def item(self, item_id: str) -> ItemInspection:
        return self.items.get(item_id) or ItemInspection()


# Glosses of every key of an inspection file, for error messages.
INSPECTION_FIELDS: dict[str, str] = {
    "report": "所验收的报告",
    "unit": "单位名称",
    "pack": "标准编号",
    "edition": "版本",
    "criteria": "标准指纹",
    "fingerprint": "报告指纹",
    "scored_on": "计分日期",
    "team": "检查组",
    "leader": "组长",
    "members": "成员",
    "date": "验收日期",
    "opinion": "验收意见",
    "overall": "总体验收意见",
    "areas": "各一级指标验收意见",
    "items": "各条目验收",
    "score": "验收分",
    "reason": "扣分原因",
    "confirmed": "已核定自评分",
    "found": "核实情况",
    "value": "核实值",
    "figures": "核实的数字说明",
    "profile": "核实的基本情况",
    "changed": "修改时间",
    "record": "答卷和标准原件",
    "encoding": "编码方式",
    "answers": "答卷原件",
    "answers_sha256": "答卷原件校验值",
    "standard": "标准原件",
    "standard_sha256": "标准原件校验值",
}
