"""The summary of many units as a table for a terminal (at most 100 cells wide), and
as plain records for JSON, CSV and a spreadsheet."""

from __future__ import annotations

from typing import Any

from checklist.formats import display_width, fitted, points_text
from checklist.problems import display_path
from checklist.report.content import chinese_number
from checklist.summary.units import UnitRow, reference_standard

WIDTH = 100
_UNIT_MIN = 16


def verdict_word(row: UnitRow) -> str:
    """What the 核验 column says of a row."""
    if row.kind in ("答卷", "验收"):
        return "答卷" if row.kind == "答卷" else "验收记录"
    if row.verified is None:
        return "未核验"
    return "通过" if row.verified else "未通过"


def _cell(text: str, width: int, right: bool = False) -> str:
    """`text` in `width` cells: cut with … when too long, padded otherwise."""
    if display_width(text) > width:
        while text and display_width(text + "…") > width:
            text = text[:-1]
        text += "…"
    pad = " " * (width - display_width(text))
    return pad + text if right else text + pad


def summary_text(rows: list[UnitRow], width: int = WIDTH) -> str:
    """One table for each standard the units were scored against (the most used
    first), then the files that could not be read, then a numbered note for each unit
    that needs one (numbered as the rows)."""
    groups: dict[str, list[UnitRow]] = {}
    for row in rows:
        if row.pack is not None:
            groups.setdefault(row.pack.info.id, []).append(row)
    unread = [row for row in rows if row.pack is None]
    lines: list[str] = []
    n = 0
    for group in groups.values():  # rows come grouped, the most used standard first
        if lines:
            lines.append("")
        lines += _group_table(group, n, width)
        n += len(group)
    if unread:
        lines += ["", "无法读取的文件："]
        lines += [
            f"[{n}] {display_path(row.path)}：{row.problem}" for n, row in _numbered(unread, rows)
        ]
    notes = notes_by_row(rows)
    failing = sum(1 for row in rows if row.verified is False)
    tail = [f"共 {len(rows)} 份：{len(rows) - len(unread)} 个单位已计分"]
    if len(groups) > 1:
        tail.append(f"按 {len(groups)} 份不同的标准各成一表（分数不可跨表比较）")
    if unread:
        tail.append(f"{len(unread)} 份无法读取")
    if failing:
        tail.append(f"{failing} 份报告未通过核验")
    lines += ["", fitted(tail, "  ", width=width)]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)


def _numbered(some: list[UnitRow], rows: list[UnitRow]) -> list[tuple[int, UnitRow]]:
    """`some` of `rows`, each with its number in the summary (rows come in order)."""
    return [(n, row) for n, row in enumerate(rows, 1) if any(row is r for r in some)]


def notes_by_row(rows: list[UnitRow]) -> list[str]:
    """What the inspector should know of each unit, "[n] …" with the row's number."""
    return [
        f"[{n}] {note}"
        for n, row in enumerate(rows, 1)
        if row.pack is not None
        for note in _row_notes(row)
    ]


def _group_table(rows: list[UnitRow], first: int, width: int) -> list[str]:
    """The table of the units scored against one standard (rows numbered from
    `first` + 1), headed by the standard and its parts."""
    reference = reference_standard(rows)
    pack = next(
        row.pack
        for row in rows
        if row.pack and (row.pack.info.id, row.pack.info.edition) == reference
    )
    info = pack.info
    title = f"标准：{info.title}（{info.edition}），满分 {points_text(info.total)}"
    legend = [
        f"{chinese_number(n)} {area.title}（{points_text(area.points)}）"
        for n, area in enumerate(pack.areas, 1)
    ]
    lines = [fitted([title], "  ", width=width), fitted(legend, "  ", "各部分得分：", width)]
    inspected = any(row.inspected for row in rows)  # 验收总分 and 验收等次, where any
    grades = [row.result.grade for row in rows if row.result]
    grades += [row.inspected.grade for row in rows if row.inspected]
    grade_width = max(display_width(g) for g in ["自评等次" if inspected else "等次", *grades])
    columns = [
        ("序号", 4, True),
        ("单位", 0, False),
        ("总分", 6, True),
        *([("验收", 6, True)] if inspected else []),
        *(
            [("自评等次", grade_width, False), ("验收等次", grade_width, False)]
            if inspected
            else [("等次", grade_width, False)]
        ),
        *[(chinese_number(n), 5, True) for n in range(1, len(pack.areas) + 1)],
        ("否决", 4, True),
        ("已答", 7, True),
        ("核验", 6, False),
        ("报告指纹", 19, False),
    ]
    fixed = sum(w for _, w, _ in columns) + len(columns) - 1
    if width - fixed < _UNIT_MIN:  # many parts: the fingerprint is left to --csv, -o
        columns.pop()
        fixed -= 20
    columns[1] = ("单位", max(_UNIT_MIN, width - fixed), False)
    rule = "─" * min(width, fixed + columns[1][1])
    lines += [_line(columns, [name for name, _, _ in columns]), rule]
    for n, row in enumerate(rows, first + 1):
        values = _values(n, row, len(pack.areas), inspected)
        lines.append(_line(columns, values[: len(columns)]))
    lines.append(rule)
    if columns[-1][0] != "报告指纹":
        lines.append("报告指纹和文件见 --csv 或 -o 汇总.xlsx 的输出")
    return lines


def _line(columns: list[tuple[str, int, bool]], values: list[str]) -> str:
    cells = zip(values, columns, strict=True)
    return " ".join(_cell(text, w, right) for text, (_, w, right) in cells).rstrip()


def _values(n: int, row: UnitRow, area_count: int, inspected: bool) -> list[str]:
    result = row.result
    assert result is not None
    name = row.unit or row.path.name
    mark = "※" if row.notes else ""
    areas = [points_text(area.score) for area in result.areas]
    if len(areas) != area_count:  # another edition, with other parts
        areas = ["—"] * area_count
    vetoes = len(result.veto_failed)
    acceptance = row.inspected
    return [
        str(n),
        mark + name,
        result.total_text,
        *([acceptance.total_text if acceptance else ""] if inspected else []),
        result.grade,
        *([acceptance.grade if acceptance else ""] if inspected else []),
        *areas,
        str(vetoes) if vetoes else "",
        f"{result.answered_count}/{result.active_count}",
        verdict_word(row),
        row.fingerprint,
    ]


def _row_notes(row: UnitRow) -> list[str]:
    notes = []
    where = display_path(row.path)
    result = row.result
    assert result is not None and row.pack is not None
    word = row.pack.info.veto_word
    if result.veto_not_met:
        notes.append(f"{word}未通过：{'、'.join(result.veto_not_met)}")
    if result.veto_pending:
        notes.append(f"{word}尚未填写或需复核：{'、'.join(result.veto_pending)}")
    if row.verified is False:
        notes.append(f"报告未通过核验（{where}）：{row.verdict}")
    notes.extend(f"{note}（{where}）" for note in row.notes)
    return notes


def records(rows: list[UnitRow]) -> list[dict[str, Any]]:
    """Each row as plain data (JSON, CSV, a spreadsheet), keys in English."""
    out = []
    for row in rows:
        result, pack = row.result, row.pack
        record: dict[str, Any] = {
            "file": str(row.path),
            "kind": {"报告": "report", "验收": "inspection"}.get(row.kind, "answers"),
            "unit": row.unit,
            "readable": result is not None,
            "problem": row.problem,
        }
        if result is not None and pack is not None:
            record |= {
                "standard": pack.info.id,
                "standard_title": pack.info.title,
                "edition": pack.info.edition,
                "total": result.total,
                "max": result.max,
                "grade": result.grade,
                "inspected_total": row.inspected.total if row.inspected else None,
                "inspected_grade": row.inspected.grade if row.inspected else None,
                "areas": [{"title": a.title, "score": a.score, "max": a.max} for a in result.areas],
                "veto_failed": result.veto_failed,
                "answered": result.answered_count,
                "applicable": result.active_count,
                "review": result.review,
                "verified": row.verified,
                "verdict": row.verdict,
                "fingerprint": row.fingerprint,
                "notes": row.notes,
            }
        out.append(record)
    return out
