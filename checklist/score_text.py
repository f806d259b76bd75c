"""A score as plain text and as JSON, for the command line."""

from __future__ import annotations

from typing import Any

from checklist.answers.model import Answers
from checklist.formats import display_width, points_text, rate_text
from checklist.scoring import Score


def score_json(result: Score, answers: Answers) -> dict[str, Any]:
    pack = result.pack
    return {
        "pack": pack.info.id,
        "edition": pack.info.edition,
        "unit": answers.profile.unit,
        "total": result.total,
        "max": result.max,
        "grade": result.grade,
        "veto_failed": result.veto_failed,
        "veto_pending": result.veto_pending,  # among veto_failed: not answered yet
        "unanswered": result.unanswered,
        "review": result.review,
        "review_reasons": {i: result.items[i].hint for i in result.review},  # in Chinese
        "areas": [
            {"id": a.id, "title": a.title, "score": a.score, "max": a.max, "nominal": a.nominal}
            for a in result.areas
        ],
        "shortfalls": [
            {"id": s.item_id, "score": s.score, "max": s.max, "gap": s.gap, "veto": s.veto}
            for s in result.shortfalls
        ],
    }


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def rescaled(result: Score) -> str:
    """Why the total is not the sum of the areas, when it is not: the items that do
    not apply are left out, and the score of those that do is rescaled to the total."""
    if result.raw_max == result.max:
        return ""
    return f"（适用条目得分 {points_text(result.raw)} / {points_text(result.raw_max)}，已折算）"


def score_table(result: Score, answers: Answers) -> str:
    """The score by area, total, grade and what is missing, aligned for a terminal."""
    pack = result.pack
    lines = [f"{pack.info.title}（{pack.info.edition}）"]
    if answers.profile.unit:
        lines.append(f"单位：{answers.profile.unit}")
    lines.append("")
    title_width = max(display_width(a.title) for a in result.areas) + 2
    lines.append(_pad("一级指标", title_width) + "  得分 / 满分   得分率")
    for area in result.areas:
        lines.append(
            _pad(area.title, title_width)
            + f"{points_text(area.score):>6} / {points_text(area.max):<6}"
            + f"{rate_text(area.score, area.max):>7}"
        )
    lines.append("")
    lines.append(f"总分：{result.total_text} / {points_text(result.max)}{rescaled(result)}")
    lines.append(f"等次：{result.grade}")
    word = pack.info.veto_word
    if result.veto_not_met:
        lines.append(f"{word}未通过：{'、'.join(result.veto_not_met)}")
    if result.veto_pending:
        lines.append(f"{word}尚未填写或需复核（按未通过计）：{'、'.join(result.veto_pending)}")
    if result.unanswered:
        lines.append(f"未答条目（{len(result.unanswered)}）：{'、'.join(result.unanswered)}")
    if result.review:
        # Each with why: an answer that no longer fits the item, figures that cannot
        # all be right (办结数 more than 受理数) …
        lines.append(f"需复核条目（{len(result.review)}，按 0 分计）：")
        lines += [f"  {i}：{result.items[i].hint or '回答与条目不符'}" for i in result.review]
    listed = {entry.no for entry in answers.evidence}
    dangling = [
        f"{item_id} 引用 {no}"
        for item_id, answer in answers.answers.items()
        for no in answer.evidence
        if no not in listed
    ]
    if dangling:
        lines.append(f"引用的佐证材料不在目录中：{'、'.join(dangling)}")
    strays = [
        f"第 {n} 条针对 {item_id}"
        for n, row in enumerate(answers.rectification, 1)
        for item_id in row.items
        if item_id not in pack.items
    ]
    if strays:
        lines.append(f"整改清单针对的条目不在评价标准中：{'、'.join(strays)}")
    return "\n".join(lines)


def doubts_notice(answers: Answers) -> str:
    """Figures of 基本情况 that cannot all be right (会员人数多于职工人数 …), or "":
    printed as given, and worth a second look before the report is handed in."""
    doubts = answers.profile.doubts()
    return f"请核对基本情况：{'；'.join(doubts)}" if doubts else ""
