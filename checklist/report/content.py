"""What the report says, as plain data, whatever it is written as.

`build_content` turns a standard and the exact bytes of an answers file into
everything a reader of the report sees: it reads the answers, scores them, computes
the fingerprint and words every section, as frozen dataclasses of strings. The PDF
writer (report/pdf), `checklist verify` and any other writer start from it; none of
them scores or words anything again. Nothing here knows of pages: no PDF engine, no
layout (see the import-linter contract).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import partial

from checklist.answers import answers_from_bytes
from checklist.answers.edition import check_edition
from checklist.answers.figures import broken_checks, read_figures
from checklist.answers.model import PROFILE_LABELS, Answers, ItemAnswer
from checklist.answers.values import describe
from checklist.criteria.figures import value_words
from checklist.criteria.kinds import Facts
from checklist.criteria.model import Item, Pack
from checklist.formats import format_date, percent_text, points_text, rate_text
from checklist.report.edition_changes import (
    EditionChangeGroup,
    edition_changes,
    edition_intro,
)
from checklist.report.fingerprint import ATTACHMENT_NAME, report_fingerprint
from checklist.score_text import doubts_notice
from checklist.scoring import ItemScore, Score, Status, condition_holds, judged_on, score

CHINESE_NUMERALS = "一二三四五六七八九十"

# The report's sections, in order: the template's headings and the PDF bookmarks.
SECTIONS = ("一、基本情况", "二、自评得分", "三、工作成效", "四、存在问题", "五、整改措施")
ANNEX_DETAIL = "附件1"
ANNEX_DETAIL_TITLE = "评分明细"
ANNEX_EVIDENCE = "附件2"
ANNEX_EVIDENCE_TITLE = "佐证材料目录"
BLANK = "（未填写）"
SIGN_DATE_BLANK = "年　　月　　日"  # a date to write in by hand


def sentence(text: object) -> str:
    """Text ending as a sentence does, so that another can follow it."""
    text = str(text)
    return text if not text or text[-1] in "。！？；" else text + "。"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for sections and areas)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十"
    return head + (CHINESE_NUMERALS[ones - 1] if ones else "")


_DIGITS = "〇一二三四五六七八九"


def chinese_date(day: dt.date) -> str:
    """二〇二六年十二月三日: the 成文日期 under the seal, in Chinese numerals."""
    year = "".join(_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


_SPACED = re.compile(r"(?<=[\u3400-\u9fff”）》])\s+(?=[\u3400-\u9fff“（《])")


def heading_text(title: str) -> str:
    """A title as Chinese writes a list of parts: 依法建会 依法管会 → 依法建会、依法管会
    (a space between Chinese words in the standard's title is a separator)."""
    return _SPACED.sub("、", title.strip())


def union_name(unit: str) -> str:
    """The union that signs: 单位名称 as given when it names the union, else its 机关工会."""
    unit = unit or "本单位"
    return unit if unit.endswith("工会") else f"{unit}机关工会"


_FIGURES_HINT = re.compile(r"（[^（）]*）$")


def short_text(text: str) -> str:
    """An item's text without the trailing brackets that ask for figures (会议时间、人数…),
    for the narrative sections; the 评分明细 prints the whole text."""
    return _FIGURES_HINT.sub("", text) or text


points = points_text  # a score as printed: at most two decimals, no trailing zeros


@dataclass(frozen=True)
class ProfileRow:
    label: str
    value: str


@dataclass(frozen=True)
class AreaSummary:
    number: str  # 一、二 …
    title: str
    nominal: str  # points in the standard
    max: str  # applicable maximum
    score: str
    rate: str  # 95.0%


@dataclass(frozen=True)
class AreaAchievements:
    area_id: str
    heading: str  # （一）党建带工建
    met_count: int
    item_count: int  # scored items that apply
    not_applicable: int  # scored items that do not
    said: str  # what the answers show, in a sentence: counts and the notable items
    narrative: list[str]  # the chair's paragraphs


@dataclass(frozen=True)
class Problem:
    number: int
    item_id: str
    area: str
    text: str
    veto: bool
    score: str
    max: str
    gap: str
    answer: str
    note: list[str]  # the chair's paragraphs
    ref: str = ""  # where the item is in 附件1: 附件1第5项
    said: str = ""  # the problem as the body prints it, without codes or points


@dataclass(frozen=True)
class OpenItem:
    """An item the unit has not answered, or whose answer needs review."""

    item_id: str
    text: str
    hint: str
    veto: str  # "" or what an unanswered veto item means: 否决项，按未通过计
    scored: bool = True  # a text item earns no points: blank, it scores nothing less
    ref: str = ""  # where the item is in 附件1: 附件1第5项


@dataclass(frozen=True)
class RectificationRow:
    number: int
    problem: str
    measure: str
    owner: str
    due: str
    items: str  # 针对条目 ids


@dataclass(frozen=True)
class DetailRow:
    number: int
    item_id: str
    text: str
    veto: bool
    points: str
    situation: list[str]  # lines: answer in words, figures, note, evidence
    rules: list[str]  # what inspectors score by: 评分说明, 考核方法, 佐证材料 asked for
    score: str
    state: str  # "", "unanswered", "na", "review" (a CSS class and a marker)
    marker: str  # 未填写 / 不适用 / 需复核 / ""


@dataclass(frozen=True)
class DetailColumn:
    """A column of the 评分明细 as the standard's sheet has it: what it holds (number,
    content, figures, points, self_score, inspected) and its heading."""

    role: str
    name: str


@dataclass(frozen=True)
class IndicatorGroup:
    heading: str  # （一）组织建设（10分）; "" for items directly under their area
    rows: list[DetailRow]


@dataclass(frozen=True)
class AreaDetail:
    area_id: str
    heading: str  # 一、党建带工建（15分）
    score_line: str  # 自评得分 13.5 分
    groups: list[IndicatorGroup]
    points: str  # the area's points, for its 小计 row
    score: str  # its self-assessed score, as earned


@dataclass(frozen=True)
class ReviewBox:
    """A box after the signatures for a reviewing body's opinion and seal."""

    heading: str  # 机关党组织审核意见
    seal: str  # 机关党组织（盖章）: the body named before 审核意见 or 意见


_OPINION = re.compile(r"(审核|审查|审批|评审|验收)?意见$")


def review_box(heading: str) -> ReviewBox:
    """The box headed `heading`, stamped by the body it names (上级工会审核意见 → 上级工会)."""
    body = _OPINION.sub("", heading)
    return ReviewBox(heading, f"{body}（盖章）" if body != heading and body else "（盖章）")


@dataclass(frozen=True)
class EvidenceRow:
    number: int
    title: str
    kind: str
    date: str
    location: str
    cited_by: str  # item ids


@dataclass(frozen=True)
class ReportContent:
    title: str  # the standard's title
    report_title: str  # what the standard calls the report, "" when it does not say
    edition: str
    issuer: str
    veto_word: str
    unit: str
    union: str  # the union that signs the report
    chair: str
    assessed_on: str  # the 自评日期, or that it is blank and which day was scored
    scored_on: str  # ISO date the answers' dates were judged against (verify rescores on it)
    sign_date: str  # under the union's seal: the 自评日期, or blanks to fill in by hand
    fingerprint: str
    criteria_fingerprint: str
    total: str
    max: str
    grade: str
    total_line: str  # 自评总分 92.5 分（满分 100 分），等次：示范
    renormalized: str  # how not-applicable items were counted, or ""
    veto_line: str  # 否决项未通过：… or ""
    edition_notice: list[str]  # lines saying the answers were made against other content
    doubts_notice: str  # told beside the report, not in it: figures that cannot all be right
    made_at: str  # ISO 8601: when the report was made (its creation date)
    profile: list[ProfileRow]
    basic_paragraph: str
    areas: list[AreaSummary]
    areas_total: AreaSummary  # 合计: the areas' points as earned, before any rescaling
    show_applicable: bool  # whether some area's applicable points differ from its 满分
    achievements: list[AreaAchievements]
    problems: list[Problem]
    problems_intro: str
    unanswered: list[OpenItem]
    review: list[OpenItem]
    rectifications: list[RectificationRow]
    details: list[AreaDetail]
    columns: list[DetailColumn]  # of the 评分明细, in the sheet's order
    evidence: list[EvidenceRow]
    review_boxes: list[ReviewBox] = field(default_factory=list)  # after the signatures
    # 附件3 标准版本变更说明 (edition_changes.py): answers carried to a new edition.
    edition_intro: str = ""
    edition_changes: list[EditionChangeGroup] = field(default_factory=list)
    sections: tuple[str, ...] = SECTIONS
    keywords: list[str] = field(default_factory=list)
    # The chair's own 工作成效 and 存在问题 (answers' [summary]), paragraph by paragraph:
    # 三 and 四 open with them.
    chair_achievements: list[str] = field(default_factory=list)
    chair_problems: list[str] = field(default_factory=list)
    achievements_intro: str = ""  # what the program adds to 三 begins with this
    # A draft (items unanswered or needing review): what is missing, for the cover.
    draft_line: str = ""
    annexes: list[str] = field(default_factory=list)  # 附件说明: 1. 评分明细, 2. …
    annotation: str = ""  # 附注 after the date: how the report can be checked
    heading: str = ""  # the title: the union's name and the report's name
    open_line: str = ""  # 四 ends with it on a draft: which items are still open

    @property
    def report_heading(self) -> str:
        """What the standard calls the report or, when it does not say, 《条例》贯彻落实
        示范单位自评报告 from its title 《条例》贯彻落实示范单位评价标准."""
        return _report_heading(self.title, self.report_title)

    @property
    def document_title(self) -> str:
        """The PDF's title: the unit's report, by the name the standard gives it."""
        unit = self.unit or "本单位"
        if self.report_title:
            return f"{unit}{self.report_title}（{self.edition}）"
        return f"{unit}自评报告——{self.title}（{self.edition}）"

    @property
    def draft(self) -> bool:
        """Whether the report is a draft: items unanswered or whose answers need review.
        A draft says 草稿 and has no seal block."""
        return bool(self.unanswered or self.review)

    @property
    def shows_figures(self) -> bool:
        """Whether the 评分明细 has a 工作情况和数字说明 column (else the situation is
        printed under the item's text)."""
        return any(c.role == "figures" for c in self.columns)


def _report_heading(title: str, report_title: str) -> str:
    if report_title:
        return report_title
    for suffix in ("评价标准", "考核标准", "评分标准", "验收标准", "考核细则", "标准"):
        if title.endswith(suffix):
            return title.removesuffix(suffix) + "自评报告"
    return f"{title}自评报告"


def sheet_refs(pack: Pack) -> dict[str, str]:
    """Each item's place in the 评分明细 as the body names it: 附件1第5项, or with the
    sheet numbered from 1 in each area, 附件1第二部分第5项."""
    numbers = pack.sheet_numbers
    per_area = pack.info.numbering == "per_area"
    return {
        item.id: f"{ANNEX_DETAIL}{f'第{chinese_number(i)}部分' if per_area else ''}"
        f"第{numbers[item.id]}项"
        for i, area in enumerate(pack.areas, 1)
        for item in area.items()
    }


def build_content(
    pack: Pack,
    answers: bytes,
    now: dt.datetime | None = None,
    *,
    source: str = ATTACHMENT_NAME,
) -> ReportContent:
    """The report of the answers file whose exact bytes are `answers`, scored against
    `pack`, as made at `now` (default: now): without a 自评日期 the answers' dates are
    judged against its day, which the report prints and records.

    Raises ProblemsError, naming the file `source`, when the bytes are not a valid
    answers file."""
    parsed = answers_from_bytes(answers, source)
    return content_of(
        pack, parsed, fingerprint=report_fingerprint(answers, pack.fingerprint), now=now
    )


def made_on(day: dt.date | None) -> dt.datetime | None:
    """The moment to remake a report made on `day` at (None: now): its scoring and its
    cover depend on the day alone."""
    return dt.datetime.combine(day, dt.time(12)).astimezone() if day else None


def content_of(
    pack: Pack,
    answers: Answers,
    *,
    fingerprint: str,
    now: dt.datetime | None = None,
) -> ReportContent:
    """The report of answers already read (see build_content), under `fingerprint`."""
    now = now or dt.datetime.now().astimezone().replace(microsecond=0)
    profile = answers.profile
    info = pack.info
    # Without a 自评日期 the answers are scored on the day the report is made, `now`.
    scored_on = judged_on(answers, now.date())
    result = score(pack, answers, today=now.date())
    # What the answers' words depend on besides the answers: which of an item's parts
    # apply to this unit (a deductions item prints no 缺 for a part that does not).
    facts = Facts(scored_on, profile, partial(condition_holds, pack, answers))
    total, maximum = result.total_text, points(result.max)
    refs = sheet_refs(pack)
    veto_line = _veto_line(pack, result, refs)
    renormalized = ""
    if abs(result.raw_max - result.max) > 1e-9:
        left_out = sum(
            1 for i in pack.items.values() if i.scored and not result.items[i.id].counted
        )
        renormalized = (
            f"本单位有{left_out}项考核内容不适用。按标准规定，不适用的考核内容不计入满分，"
            f"自评总分按适用条目得分（{points(result.raw)}分）占适用条目满分"
            f"（{points(result.raw_max)}分）的比例折算为{maximum}分制，即{total}分"
        )
    unanswered, review = _open_lists(answers, result)
    return ReportContent(
        title=info.title,
        report_title=info.report_title,
        edition=info.edition,
        issuer=info.issuer,
        veto_word=info.veto_word,
        unit=profile.unit or BLANK,
        union=union_name(profile.unit),
        chair=profile.chair or BLANK,
        assessed_on=(
            format_date(profile.assessed_on)
            if profile.assessed_on
            else f"（未填写，按 {format_date(scored_on)} 计分）"
        ),
        scored_on=scored_on.isoformat(),
        sign_date=chinese_date(profile.assessed_on) if profile.assessed_on else SIGN_DATE_BLANK,
        fingerprint=fingerprint,
        criteria_fingerprint=pack.fingerprint,
        total=total,
        max=maximum,
        grade=result.grade,
        total_line=f"自评总分{total}分（满分{maximum}分），等次为{result.grade}",
        renormalized=renormalized,
        veto_line=veto_line,
        edition_notice=_paragraphs(check_edition(pack, answers).describe()),
        doubts_notice=doubts_notice(answers),
        made_at=now.isoformat(),
        profile=_profile_rows(answers),
        basic_paragraph=_basic_paragraph(pack, answers, result, unanswered, review),
        areas=_area_summaries(result),
        areas_total=AreaSummary(
            number="",
            title="合计（折算前）" if renormalized else "合计",
            nominal=maximum,
            max=points(result.raw_max),
            score=points(result.raw),
            rate=rate_text(result.raw, result.raw_max),
        ),
        show_applicable=any(abs(a.max - a.nominal) > 1e-9 for a in result.areas),
        achievements=(achievements := _achievements(pack, answers, result, refs)),
        problems=_problems(pack, answers, result, facts, refs),
        problems_intro=_problems_intro(pack, result),
        unanswered=_open_items(pack, result, unanswered, refs),
        review=[
            replace(o, hint=_doubts(pack.items[o.item_id], answers))
            for o in _open_items(pack, result, review, refs)
        ],
        rectifications=_rectifications(pack, answers, refs),
        details=_details(pack, answers, result, facts),
        columns=[DetailColumn(c.show, c.name) for c in info.columns],
        evidence=_evidence(answers, result),
        review_boxes=[review_box(heading) for heading in info.review],
        edition_intro=edition_intro(pack, answers),
        edition_changes=edition_changes(pack, answers),
        keywords=["机关工会", "自评报告", info.title, info.edition, f"报告指纹 {fingerprint}"],
        chair_achievements=_paragraphs(answers.summary.achievements),
        chair_problems=_paragraphs(answers.summary.problems),
        achievements_intro=_achievements_intro(achievements),
        draft_line=_draft_line(unanswered, review),
        open_line=_open_line(pack, unanswered, review),
        annexes=[
            f"{n}. {title}" for n, title in ((1, ANNEX_DETAIL_TITLE), (2, ANNEX_EVIDENCE_TITLE))
        ],
        annotation=(
            "本报告内嵌自评答卷和评价标准原件，每页页脚印有报告指纹；"
            "检查组可用 checklist verify 核验报告指纹、总分和等次。"
        ),
        heading=f"{union_name(profile.unit)}{_report_heading(info.title, info.report_title)}",
    )


def _profile_rows(answers: Answers) -> list[ProfileRow]:
    profile = answers.profile
    rows = []
    for name, label in PROFILE_LABELS.items():
        value = getattr(profile, name)
        if value is None or value == "":
            text = BLANK
        elif isinstance(value, dt.date):
            text = format_date(value)
        elif name in ("staff", "members", "women_members", "committee_members", "activists"):
            text = f"{value}人"
        elif name == "term_years":
            text = f"{value}年"
        else:
            text = str(value)
        rows.append(ProfileRow(label.removesuffix("（年）"), text))
    rate = profile.figure("membership_rate")
    if rate is not None:
        rows.append(ProfileRow("入会率", percent_text(rate)))
    return rows


def _basic_paragraph(
    pack: Pack, answers: Answers, result: Score, unanswered: list[str], review: list[str]
) -> str:
    profile = answers.profile
    parts = [union_name(profile.unit)]
    if profile.staff is not None:
        parts.append(f"现有职工{profile.staff}人")
    if profile.members is not None:
        member = f"会员{profile.members}人"
        rate = profile.figure("membership_rate")
        if rate is not None:
            member += f"，入会率{percent_text(rate)}"
        parts.append(member)
    if profile.women_members is not None:
        parts.append(f"其中女会员{profile.women_members}人")
    if profile.committee_members is not None:
        parts.append(f"工会委员会委员{profile.committee_members}人")
    if profile.term_years is not None:
        term = f"每届任期{profile.term_years}年"
        if profile.last_election:
            term += f"，上次换届于{format_date(profile.last_election)}"
        parts.append(term)
    first = "，".join(parts) + "。"
    # 不适用: declared so with a reason, or its condition does not hold; 不得分: its
    # condition does not hold and the standard counts it at 0; 待定: its condition
    # asks about something still blank.
    pending = [s for s in result.items.values() if s.hint and not s.active]
    decided = [s for s in result.items.values() if s not in pending]
    not_applicable = sum(1 for s in decided if s.status in (Status.INACTIVE, Status.NOT_APPLICABLE))
    absent = sum(1 for s in decided if s.status is Status.ABSENT)
    applicable = len(decided) - not_applicable - absent
    aside = "，".join(
        ([f"{not_applicable}项不适用"] if not_applicable else [])
        + ([f"{absent}项因不具备适用条件按0分计"] if absent else [])
        + ([f"{len(pending)}项视所依条目的回答而定"] if pending else [])
    )
    assessed = applicable - len(unanswered) - len(review)
    second = (
        f"对照{pack.info.title}（{pack.info.edition}）{len(pack.items)}项考核内容，"
        f"本单位适用{applicable}项"
        + (f"（另有{aside}）" if aside else "")
        + f"，已自评{assessed}项"
    )
    if unanswered:
        second += f"，尚有{len(unanswered)}项未填写"
    if review:
        second += f"，{len(review)}项回答需复核"
    return first + second + "。"


def _open_lists(answers: Answers, result: Score) -> tuple[list[str], list[str]]:
    """The items unanswered and those whose answers need review. An answer the form
    would refuse (不适用 without its reason) needs review: it is there, but not yet
    one the standard can score."""
    refused = {
        i
        for i in result.unanswered
        if (a := answers.answer(i)) is not None and a.na and not a.na_reason
    }
    unanswered = [i for i in result.unanswered if i not in refused]
    review = [i for i in result.items if i in refused or i in set(result.review)]
    return unanswered, review


def places_text(pack: Pack, ids: list[str]) -> str:
    """Items by their places in 附件1, each area's together: 附件1第5、8项, or with the
    sheet numbered in each area, 附件1第一部分第8项，第二部分第5、11项."""
    numbers = pack.sheet_numbers
    by_area: dict[int, list[str]] = {}
    order = {area.id: n for n, area in enumerate(pack.areas, 1)}
    for i in ids:
        by_area.setdefault(order[pack.area_of[i].id], []).append(str(numbers[i]))
    if pack.info.numbering != "per_area":
        listed = [n for area in sorted(by_area) for n in by_area[area]]
        return f"{ANNEX_DETAIL}第{'、'.join(listed)}项"
    parts = [f"第{chinese_number(a)}部分第{'、'.join(by_area[a])}项" for a in sorted(by_area)]
    return ANNEX_DETAIL + "，".join(parts)


def _open_line(pack: Pack, unanswered: list[str], review: list[str]) -> str:
    """What 四 says of the items still open on a draft."""
    parts = ([f"{places_text(pack, unanswered)}尚未填写"] if unanswered else []) + (
        [f"{places_text(pack, review)}的回答需复核"] if review else []
    )
    return f"此外，{'；'.join(parts)}，自评完成后再作补充。" if parts else ""


def _draft_line(unanswered: list[str], review: list[str]) -> str:
    """What keeps the report a draft, for its cover."""
    if not (unanswered or review):
        return ""
    parts = ([f"{len(unanswered)}项考核内容未填写"] if unanswered else []) + (
        [f"{len(review)}项回答需复核"] if review else []
    )
    return f"本稿尚有{'、'.join(parts)}，完成后再行报送"


def _area_summaries(result: Score) -> list[AreaSummary]:
    return [
        AreaSummary(
            number=chinese_number(i),
            title=heading_text(area.title),
            nominal=points(area.nominal),
            max=points(area.max),
            score=points(area.score),
            rate=rate_text(area.score, area.max),
        )
        for i, area in enumerate(result.areas, 1)
    ]


def _achievements(
    pack: Pack, answers: Answers, result: Score, refs: dict[str, str]
) -> list[AreaAchievements]:
    """三 area by area: how many of the area's items are fully met and, when the
    standard weighs some items more than others, the weightiest of those met."""
    sections = []
    for i, area in enumerate(pack.areas, 1):
        scored = [item for item in area.items() if item.scored]
        applying = [item for item in scored if result.items[item.id].counted]
        met = [
            item
            for item in applying
            if (s := result.items[item.id]).status is Status.ANSWERED and s.gap <= 1e-9
        ]
        sections.append(
            AreaAchievements(
                area_id=area.id,
                heading=f"（{chinese_number(i)}）{heading_text(area.title)}",
                met_count=len(met),
                item_count=len(applying),
                not_applicable=len(scored) - len(applying),
                said=_achievement_line(met, applying, refs),
                narrative=_paragraphs(answers.narrative.get(area.id, "")),
            )
        )
    return sections


_NOTABLE = 2  # items named in an area's line of 三, at most


def _achievement_line(met: list[Item], applying: list[Item], refs: dict[str, str]) -> str:
    """An area's line of 三: 本部分12项考核内容中10项完全达到要求, and the weightiest
    items met, by content and place, when the standard weighs its items unequally
    (equal weights single out none); "" when none is met."""
    if not met:
        return ""
    if len(met) == len(applying):
        line = f"本部分{len(met)}项考核内容均完全达到要求"
    else:
        line = f"本部分{len(applying)}项考核内容中，{len(met)}项完全达到要求"
    lightest = min(item.points for item in applying)
    heavier = [item for item in met if item.points > lightest + 1e-9]
    # The weightiest, told in the sheet's order.
    named = sorted(heavier, key=lambda item: -item.points)[:_NOTABLE]
    named.sort(key=heavier.index)
    if named:
        listed = "、".join(f"{gist(item.text)}（{refs[item.id]}）" for item in named)
        line += f"，其中包括{listed}等分值较高的工作"
    return line + "。"


_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")
_GIST_END = re.compile(r"[：:，,；;。]")


def gist(text: str) -> str:
    """What an item is about, for a sentence that names it: its text without asides in
    brackets, up to its first colon, comma or full stop (依法建立机关工会组织 of
    依法建立机关工会组织：会员25人以上的…); the whole text when that leaves too little."""
    whole = short_text(text)
    head = _GIST_END.split(_ASIDE.sub("", whole), maxsplit=1)[0].strip()
    return head if len(head) >= 4 else whole.rstrip("。.；;")


def _achievements_intro(sections: list[AreaAchievements]) -> str:
    """What the program adds to 三 begins with: the count over all areas."""
    met = sum(a.met_count for a in sections)
    applying = sum(a.item_count for a in sections)
    if not met:
        return ""
    if met == applying:
        return f"对照标准逐项自查，适用的{applying}项考核内容均完全达到要求，分述如下。"
    return f"对照标准逐项自查，适用的{applying}项考核内容中{met}项完全达到要求，分述如下。"


def _veto_line(pack: Pack, result: Score, refs: dict[str, str]) -> str:
    """Which veto items fail the unit, telling a veto item not met from one not yet
    answered: an inspector must not read a blank as a broken rule."""
    word = pack.info.veto_word
    parts = []
    if result.veto_not_met:
        parts.append(f"{word}未通过（{'、'.join(refs[i] for i in result.veto_not_met)}）")
    if result.veto_pending:
        pending = "、".join(refs[i] for i in result.veto_pending)
        parts.append(f"{word}尚未填写或需复核（{pending}），按未通过计")
    if not parts:
        return ""
    return "；".join(parts) + f"；等次评定为{result.grade}"


def _problems(
    pack: Pack, answers: Answers, result: Score, facts: Facts, refs: dict[str, str]
) -> list[Problem]:
    """The scoring's shortfalls: answered items below full points, veto items not met
    first. Unanswered items, veto items among them, are listed apart (_open_items)."""
    problems = []
    for n, shortfall in enumerate(result.shortfalls, 1):
        item_id = shortfall.item_id
        item = pack.items[item_id]
        s = result.items[item_id]
        answer = answers.answer(item_id)
        said = _said(item, answer, s, facts)
        veto = f"（{pack.info.veto_word}，未达到要求）" if s.veto_failed else ""
        problems.append(
            Problem(
                number=n,
                item_id=item_id,
                area=heading_text(pack.area_of[item_id].title),
                text=short_text(item.text),
                veto=s.veto_failed,
                score=points(shortfall.score),
                max=points(shortfall.max),
                gap=points(shortfall.max - shortfall.score),
                answer=said,
                note=_paragraphs(answer.note) if answer else [],
                ref=refs[item_id],
                said=f"{short_text(item.text)}{veto}（{refs[item_id]}），自评为“{said}”。",
            )
        )
    return problems


def _problems_intro(pack: Pack, result: Score) -> str:
    if not result.shortfalls:
        return ""
    intro = f"对照标准逐项自查，以下{len(result.shortfalls)}项考核内容尚未完全达到要求"
    if result.veto_not_met:
        intro += f"，其中{pack.info.veto_word}列在最前"
    return intro + "："


def _doubts(item: Item, answers: Answers) -> str:
    """Why an answer needs review, as far as the report tells it: its figures that
    cannot all be right (办结件数多于受理件数), which the form lets the unit save. What
    the form itself refuses (a figure that is no number, 不适用 without its reason)
    is not the report's business: the item is marked 需复核, nothing more."""
    answer = answers.answer(item.id)
    return "；".join(broken_checks(item, read_figures(item, answer, answers.profile)))


def _open_items(pack: Pack, result: Score, ids: list[str], refs: dict[str, str]) -> list[OpenItem]:
    """The items `ids`, each with what it still needs (基本情况 to fill in …)."""
    word = pack.info.veto_word
    return [
        OpenItem(
            item_id=i,
            text=pack.items[i].text,
            hint=result.items[i].hint,
            veto=f"{word}，按未通过计" if result.items[i].veto_failed else "",
            scored=pack.items[i].scored,
            ref=refs[i],
        )
        for i in ids
    ]


def _rectifications(pack: Pack, answers: Answers, refs: dict[str, str]) -> list[RectificationRow]:
    rows = []
    for n, r in enumerate(answers.rectification, 1):
        items = "、".join(refs.get(i, f"{i}（评价标准中没有此条目）") for i in r.items)
        rows.append(
            RectificationRow(
                number=n,
                problem=r.problem,
                measure=r.measure or BLANK,
                owner=r.owner or BLANK,
                due=format_date(r.due) if r.due else BLANK,
                items=items,
            )
        )
    return rows


def _details(pack: Pack, answers: Answers, result: Score, facts: Facts) -> list[AreaDetail]:
    """The 评分明细 by area. Items are numbered 1…N through the sheet, or from 1 in each
    area, as the standard says (`numbering`); an area whose items sit directly under it
    has one group without a heading."""
    details = []
    summaries = {a.id: a for a in result.areas}
    listed = {e.no for e in answers.evidence}
    number = pack.sheet_numbers
    for i, area in enumerate(pack.areas, 1):
        groups = []
        for j, indicator in enumerate(area.indicators, 1):
            rows = []
            for item in indicator.items:
                rows.append(_detail_row(number[item.id], item, answers, result, listed, facts))
            heading = ""
            if not indicator.implicit:
                heading = f"（{chinese_number(j)}）{heading_text(indicator.title)}（{points(indicator.points)}分）"
            groups.append(IndicatorGroup(heading=heading, rows=rows))
        summary = summaries[area.id]
        score_line = f"自评得分 {points(summary.score)} 分"
        if abs(summary.max - summary.nominal) > 1e-9:
            score_line += f"（适用分值 {points(summary.max)} 分）"
        details.append(
            AreaDetail(
                area_id=area.id,
                heading=f"{chinese_number(i)}、{heading_text(area.title)}（{points(area.points)}分）",
                score_line=score_line,
                groups=groups,
                points=points(area.points),
                score=points(summary.score),
            )
        )
    return details


def _detail_row(
    number: int, item: Item, answers: Answers, result: Score, listed: set[int], facts: Facts
) -> DetailRow:
    """One 评分明细 row; `listed` holds the numbers of the evidence index."""
    s = result.items[item.id]
    answer = answers.answer(item.id)
    situation: list[str] = []
    state, marker = "", ""
    if s.status in (Status.INACTIVE, Status.ABSENT):
        condition = item.when.describe() if item.when else ""
        zero = s.status is Status.ABSENT
        if s.hint:  # what the condition asks about is still blank
            state, marker = "na", "待定"
            situation.append(f"适用条件尚未确定（{s.hint}）：{condition}")
        elif zero:
            state, marker = "unanswered", "不得分"
            situation.append(f"不具备适用条件，按 0 分计：{condition}")
        else:
            state, marker = "na", "不适用"
            situation.append(f"适用条件不成立：{condition}")
        score_text = "0" if zero else "—"
    elif s.status is Status.NOT_APPLICABLE:
        assert answer is not None
        state, marker = "na", "不适用"
        situation.append(f"理由：{answer.na_reason}")
        score_text = "—"
    elif s.status is Status.UNANSWERED and answer is not None and answer.na:
        # 不适用 without its reason: the form refuses it; the report does not argue.
        state, marker = "review", "需复核"
        situation.append("回答需复核，按 0 分计")
        score_text = "0" if item.scored else "—"
    elif s.status is Status.UNANSWERED:
        state, marker = "unanswered", "未填写"
        counted = "按 0 分计" if item.scored else "不计分"
        situation.append(f"{counted}。{s.hint}" if s.hint else counted)
        if answer is not None and answer.value is not None:
            # Answered, but not to be scored before a figure of 基本情况 is filled in.
            situation.append(f"已填：{_said(item, answer, s, facts)}")
        score_text = "0" if item.scored else "—"
    elif s.status is Status.REVIEW:
        state, marker = "review", "需复核"
        situation.append(_doubts(item, answers) or "回答需复核，按 0 分计")
        score_text = "0"
    else:
        situation.append(_said(item, answer, s, facts))
        score_text = points(s.score) if item.scored else "—"
    if s.active:
        situation.extend(_figures(item, answer, answers))
    if answer is not None and s.active:
        if answer.note:
            situation.extend(_paragraphs(answer.note))
        if answer.evidence:
            cited = sorted(set(answer.evidence))
            found = [n for n in cited if n in listed]
            missing = [n for n in cited if n not in listed]
            if found:
                situation.append(f"见佐证材料 {'、'.join(map(str, found))}")
            if missing:
                situation.append(f"引用的佐证材料 {'、'.join(map(str, missing))} 不在目录中")
    return DetailRow(
        number=number,
        item_id=item.id,
        text=item.text,
        veto=item.veto,
        points=points(item.points) if item.scored else "—",
        situation=situation,
        rules=_rules(item),
        score=score_text,
        state=state,
        marker=marker,
    )


def _rules(item: Item) -> list[str]:
    """What an inspector scores the item by, as the standard states it."""
    rules = []
    if item.guidance:
        rules.append(f"评分说明：{item.guidance}")
    if item.method:
        rules.append(f"考核方法：{'、'.join(item.method)}")
    if item.evidence:
        rules.append(f"佐证材料：{'、'.join(item.evidence)}")
    return rules


def _said(item: Item, answer: ItemAnswer | None, s: ItemScore, facts: Facts) -> str:
    """The answer in words with the item's own figures, and what the scoring says of
    its points (经上级工会批准延期至…)."""
    said = describe(item, answer, s.figure, replace(facts, figures=s.figures))
    return f"{said}；{s.remark}" if s.remark else said


def _figures(item: Item, answer: ItemAnswer | None, answers: Answers) -> list[str]:
    """The 工作情况和数字说明 the item asks for, in its order, each with its unit, those
    shown from 基本情况 or computed saying so (入会率：93.7%（会员数÷职工数）); then any
    others the answer keeps (of an earlier edition of the standard)."""
    readings = read_figures(item, answer, answers.profile)
    parts = [line for r in readings.values() if (line := r.line)]
    kept = answer.figures if answer is not None else {}
    parts += [
        f"{name}：{value_words(value)}"
        for name, value in kept.items()
        if name not in readings and value != ""
    ]
    return ["；".join(parts)] if parts else []


def _evidence(answers: Answers, result: Score) -> list[EvidenceRow]:
    def citing(no: int) -> str:
        # An item whose condition does not hold prints no 见佐证材料 in 附件1.
        ids = [
            i if i not in result.items or result.items[i].active else f"{i}（不适用）"
            for i in answers.citing(no)
        ]
        return "、".join(ids) or "（未被引用）"

    return [
        EvidenceRow(
            number=e.no,
            title=e.title,
            kind=e.kind,
            date=format_date(e.date) if e.date else "",
            location=e.location,
            cited_by=citing(e.no),
        )
        for e in sorted(answers.evidence, key=lambda e: e.no)
    ]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
