"""The summary as files: CSV (UTF-8 with BOM, as Excel and WPS open it) and a
spreadsheet (.xlsx) with a header row, frozen panes and number formats."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from checklist.summary.table import verdict_word
from checklist.summary.units import UnitRow, reference_standard

_POINTS_FORMAT = "0.00"


def _total_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals else "0"


def _header(area_titles: list[str]) -> list[str]:
    return [
        "序号",
        "单位",
        "总分",
        "满分",
        "等次",
        *area_titles,
        "验收总分",
        "验收等次",
        "否决项未通过",
        "已答条目",
        "应答条目",
        "标准",
        "版本",
        "核验",
        "核验说明",
        "报告指纹",
        "备注",
        "文件",
    ]


def _area_titles(rows: list[UnitRow]) -> list[str]:
    reference = reference_standard(rows)
    for row in rows:
        if row.pack and (row.pack.info.id, row.pack.info.edition) == reference:
            return [area.title for area in row.pack.areas]
    return []


def _table(rows: list[UnitRow]) -> list[list[object]]:
    titles = _area_titles(rows)
    table: list[list[object]] = [list(_header(titles))]
    for n, row in enumerate(rows, 1):
        result, pack = row.result, row.pack
        if result is None or pack is None:
            blank = [""] * (len(titles) + 13)
            table.append([n, row.unit or row.path.name, *blank, row.problem, str(row.path)])
            continue
        areas: list[object] = [a.score for a in result.areas]
        if [a.title for a in result.areas] != titles:
            areas = [""] * len(titles)
        table.append(
            [
                n,
                row.unit,
                result.total,
                result.max,
                result.grade,
                *areas,
                row.inspected.total if row.inspected else "",
                row.inspected.grade if row.inspected else "",
                "、".join(result.veto_failed),
                result.answered_count,
                result.active_count,
                pack.info.title,
                pack.info.edition,
                verdict_word(row),
                row.verdict,
                row.fingerprint,
                "；".join(row.notes),
                str(row.path),
            ]
        )
    return table


def csv_bytes(rows: list[UnitRow]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(_table(rows))
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[UnitRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    table = _table(rows)
    for line in table:
        sheet.append(line)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.freeze_panes = "C2"  # the header row and the 序号 and 单位 columns stay in view
    titles = _area_titles(rows)
    totals = (3, 6 + len(titles))  # 自评总分, 验收总分
    for row, cells in zip(rows, sheet.iter_rows(min_row=2), strict=False):
        # Totals with the standard's decimals, as every other copy prints them.
        decimals = row.pack.info.decimals if row.pack else 2
        for column, cell in enumerate(cells, 1):
            if isinstance(cell.value, int | float) and (
                column in (3, 4) or 6 <= column <= totals[1]
            ):
                cell.number_format = _total_format(decimals) if column in totals else _POINTS_FORMAT
    widths = {1: 6, 2: 30, 5: 10, 7 + len(titles): 10}
    for column in range(1, len(table[0]) + 1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = widths.get(column, 12)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_export(rows: list[UnitRow], path: Path) -> None:
    """Write the summary to `path`, in the format its suffix names (.csv, .xlsx)."""
    from checklist.atomic import write_atomically

    data = xlsx_bytes(rows) if path.suffix.lower() == ".xlsx" else csv_bytes(rows)
    write_atomically(path, data)
