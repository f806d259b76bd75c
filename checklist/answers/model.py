"""A unit's answers: profile, one answer per item, evidence index, rectification list.

These models read the answers TOML; the store (checklist.answers.session) writes it
with tomlkit so that a person's comments survive.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
)

from checklist.criteria.base import PROFILE_FIGURES, new_dict, new_list
from checklist.criteria.figures import FigureValue

# What an answer holds, by item kind: yes_no → bool; level, choice → label;
# threshold, count, steps → number; date → date; multi_choice, deductions → labels
# (for deductions: the requirements that are in place); text → str.
Value = bool | int | float | dt.date | str | list[str]


class Model(BaseModel):
    # Strict: a value of another type is refused, never converted: `staff = true` is
    # not 1 职工, `changed = 5` not a moment of 1970, `na = "yes"` not a 不适用.
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, allow_inf_nan=False, strict=True
    )


class Stamp(Model):
    """Which standard the answers were made against."""

    pack: str = ""
    edition: str = ""
    fingerprint: str = ""
    items: dict[str, str] = {}  # item id → short hash of the item as it was answered


class Profile(Model):
    """基本情况 of the unit."""

    unit: str = ""  # 单位名称
    chair: str = ""  # 工会主席
    contact: str = ""  # 联系人
    phone: str = ""  # 联系电话
    staff: Annotated[int, Field(ge=0)] | None = None  # 职工人数
    members: Annotated[int, Field(ge=0)] | None = None  # 会员人数
    women_members: Annotated[int, Field(ge=0)] | None = None  # 女会员人数
    committee_members: Annotated[int, Field(ge=0)] | None = None  # 工会委员会委员人数
    activists: Annotated[int, Field(ge=0)] | None = None  # 工会积极分子人数
    term_years: Annotated[int, Field(ge=1, le=10)] | None = None  # 每届任期（年）
    last_election: dt.date | None = None  # 上次换届日期
    assessed_on: dt.date | None = None  # 自评日期

    def figure(self, name: str) -> float | None:
        """A number the standard may take from the profile (see PROFILE_FIGURES)."""
        if name == "membership_rate":
            return _percent(self.members, self.staff)
        if name == "activist_rate":
            return _percent(self.activists, self.staff)
        value = getattr(self, name, None)
        return float(value) if isinstance(value, int) else None

    def doubts(self) -> list[str]:
        """Figures that cannot all be right together: allowed, but worth a second look."""
        found = []
        for part, whole, text in (
            (self.members, self.staff, "会员人数多于职工人数"),
            (self.women_members, self.members, "女会员人数多于会员人数"),
            (self.activists, self.staff, "工会积极分子人数多于职工人数"),
        ):
            if part is not None and whole is not None and part > whole:
                found.append(text)
        if self.last_election and self.assessed_on and self.last_election > self.assessed_on:
            found.append("上次换届日期晚于自评日期")
        return found


PROFILE_LABELS: dict[str, str] = {
    "unit": "单位名称",
    "chair": "工会主席",
    "contact": "联系人",
    "phone": "联系电话",
    # The counts a standard may take from the profile, named as the standard names them.
    **{
        key: PROFILE_FIGURES[key]
        for key in ("staff", "members", "women_members", "committee_members", "activists")
    },
    "term_years": PROFILE_FIGURES["term_years"],
    "last_election": "上次换届日期",
    "assessed_on": "自评日期",
}

# The chair's texts of the report (Summary), by their keys.
SUMMARY_LABELS: dict[str, str] = {"achievements": "工作成效", "problems": "存在问题"}

# Glosses of every key of an answers file, for error messages.
ANSWER_FIELDS: dict[str, str] = PROFILE_LABELS | {
    "pack": "标准编号",
    "edition": "版本",
    "fingerprint": "标准指纹",
    "value": "回答",
    "na": "不适用",
    "na_reason": "不适用理由",
    "note": "工作情况说明",
    "figures": "数字说明",
    "evidence": "佐证材料",
    "changed": "修改时间",
    "no": "编号",
    "title": "名称",
    "kind": "类别",
    "date": "日期",
    "location": "存放位置",
    "problem": "问题",
    "measure": "整改措施",
    "owner": "责任人",
    "due": "完成时限",
    "items": "相关条目",
    "evidence_last_no": "佐证材料最大编号",
    "review": "需复核原因",
    "retired": "已删除条目的回答",
    "migration": "版本迁移记录",
    "text": "考核内容",
    "from_edition": "原版本",
    "to_edition": "新版本",
    "on": "迁移日期",
    **SUMMARY_LABELS,
}


def _percent(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return part / whole * 100


class ItemAnswer(Model):
    """The answer to one item. No `value` and no valid `na` means unanswered."""

    value: Value | None = None
    na: bool = False  # 不适用
    na_reason: str = ""  # 不适用理由: required for `na` to count
    note: str = ""  # 工作情况说明
    # 工作情况和数字说明, by the item's figure names: text, or for a typed figure its
    # number or date (a text that reads as one counts as it; see answers.figures).
    # (Made afresh for each answer, not copied from a default: a summary reads thousands.)
    figures: dict[str, FigureValue] = Field(default_factory=new_dict)
    # Numbers in the evidence index.
    evidence: list[Annotated[int, Field(ge=1)]] = Field(default_factory=new_list)
    changed: dt.datetime | None = None
    # Why the answer must be looked at again (需复核): set when the answers were carried
    # to an edition that changed the item (checklist migrate); the answer counts once
    # it is changed or confirmed, which clears it.
    review: str = ""

    @field_validator("value", mode="wrap")
    @classmethod
    def _one_message(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # The union would report one error per member type; staff need one sentence.
        try:
            return handler(value)
        except ValidationError:
            raise ValueError(
                "value（回答）应为 true/false、数字、日期（如 2026-11-24）、"
                "带英文双引号的文字，或由文字组成的列表 [ ]"
            ) from None

    @field_validator("figures", mode="wrap")
    @classmethod
    def _figures_message(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError:
            fits = (int, float, str, dt.date)
            bad = (
                [str(k) for k, v in value.items() if type(v) not in fits]
                if isinstance(value, dict)
                else []
            )
            which = f"中“{'、'.join(bad)}”的值" if bad else ""
            raise ValueError(
                f"figures（数字说明）{which}应为数字、日期（如 2026-11-24）或带英文双引号的文字，"
                '写法如 figures = { 受理数 = 12, 办结情况 = "已全部办结" }'
            ) from None

    @property
    def is_na(self) -> bool:
        """Not applicable, with the reason inspectors require."""
        return self.na and bool(self.na_reason)


class RetiredAnswer(ItemAnswer):
    """An answer to an item a later edition of the standard removed: kept as a record
    (never scored), with the item as it was."""

    text: str = ""  # the item's 考核内容 in the edition answered
    edition: str = ""  # that edition


class Migration(Model):
    """One carrying of the answers to another edition of their standard (checklist
    migrate): from which edition to which, when, and what became of each answer."""

    from_edition: str = ""
    from_fingerprint: str = ""
    to_edition: str = ""
    to_fingerprint: str = ""
    on: dt.date | None = None
    unchanged: int = 0  # answers to items that did not change, kept as they were
    kept: list[str] = []  # answers kept as they were, their items moved or given another id
    review: list[str] = []  # answers kept for review: the item's text, kind or scoring changed
    retired: list[str] = []  # answers to removed items, kept in [retired]
    added: list[str] = []  # items new in this edition
    renamed: dict[str, str] = {}  # old id → new id of items given another id
    changes: dict[str, str] = {}  # item id → what changed, in words


EVIDENCE_KINDS = ("制度文件", "会议纪要", "台账", "照片", "报告总结", "通知文件", "其他")


class EvidenceEntry(Model):
    """One document in the unit's 佐证材料目录."""

    no: Annotated[int, Field(ge=1)]
    title: Annotated[str, Field(min_length=1)]
    kind: str = "其他"
    date: dt.date | None = None
    location: str = ""  # where it is kept, or its file name


class Rectification(Model):
    """One row of the 整改清单."""

    problem: Annotated[str, Field(min_length=1)]  # 问题
    measure: str = ""  # 整改措施
    owner: str = ""  # 责任人
    due: dt.date | None = None  # 完成时限
    items: list[str] = []  # item ids it addresses


class Summary(Model):
    """The chair's own words for the report's 三、工作成效 and 四、存在问题 (一是……二是……),
    printed before what the program adds from the answers."""

    achievements: str = ""  # 工作成效
    problems: str = ""  # 存在问题


class Answers(Model):
    stamp: Stamp = Stamp()
    profile: Profile = Profile()
    answers: dict[str, ItemAnswer] = {}
    evidence: list[EvidenceEntry] = []
    rectification: list[Rectification] = []
    narrative: dict[str, str] = {}  # per area id: the chair's account of its work
    # Answers to items a later edition removed, by item id; and the migrations made.
    retired: dict[str, RetiredAnswer] = {}
    migration: list[Migration] = []
    summary: Summary = Summary()
    # The highest evidence number ever given. A deleted number is not given again, so
    # "见佐证材料 3" on an earlier printout never comes to mean another document.
    evidence_last_no: Annotated[int, Field(ge=0)] = 0

    def answer(self, item_id: str) -> ItemAnswer | None:
        return self.answers.get(item_id)

    def citing(self, evidence_no: int) -> list[str]:
        """Ids of the items whose answers cite an evidence entry."""
        return [id_ for id_, a in self.answers.items() if evidence_no in a.evidence]

    def next_evidence_no(self) -> int:
        return max([self.evidence_last_no, *(e.no for e in self.evidence)]) + 1

    def evidence_entry(self, no: int) -> EvidenceEntry | None:
        return next((e for e in self.evidence if e.no == no), None)
