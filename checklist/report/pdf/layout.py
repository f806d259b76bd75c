"""What the PDF's pages decide about the report's content: which table rows may break
across pages, and the unit's name cut to fit the running header. The template asks
(report.html.j2, running.html.j2); the content knows nothing of pages."""

from __future__ import annotations

import math

from checklist.formats import display_width
from checklist.report.content import DetailRow, RectificationRow, ReportContent

# A table row is kept whole on a page (report.css), and one that cannot fit on a page
# must be let break instead: WeasyPrint would push it to the next page, leaving the
# heading or group row before it alone, and start it there without the table's header.
# The tables' two text columns (考核内容 and 工作情况和数字说明, 问题 and 整改措施) hold
# about 10 and 13 Chinese characters a line, and a page about 38 lines of 10.5 pt
# below the header and a group row (report.css, page.css).
_NARROW_PER_LINE, _WIDE_PER_LINE, _ROW_LINES_PER_PAGE = 10, 13, 36

# The running header's line (156 mm of 9 pt) holds 49 Chinese characters (98 cells):
# the report's name and edition, a gap of two, and the unit's name (running.css). Some
# characters counted as one cell print wider (the CJK font's · and digits), so the
# line is filled to 92 cells. The unit keeps up to 28 characters; the report's name is
# cut to what the line leaves.
_RUNNING_CELLS, _RUNNING_GAP_CELLS, _RUNNING_UNIT_CELLS = 92, 4, 56


def too_tall(row: DetailRow | RectificationRow) -> bool:
    """Whether a 评分明细 or 整改清单 row is too tall to keep whole on a page, so that it
    may break across pages."""
    if isinstance(row, DetailRow):
        narrow, wide = [row.text, row.item_id], [row.marker, *row.situation]
    else:  # 问题 and 整改措施 are as wide as 考核内容 and 工作情况 (report.css).
        narrow, wide = [row.problem, f"针对条目：{row.items}"], [row.measure]

    def lines(texts: list[str], per_line: int) -> int:
        # per_line counts Chinese characters, two cells each.
        return sum(math.ceil(display_width(text) / 2 / per_line) for text in texts if text)

    return max(lines(narrow, _NARROW_PER_LINE), lines(wide, _WIDE_PER_LINE)) > _ROW_LINES_PER_PAGE


def running_standard(report: ReportContent) -> str:
    """The report's name and the standard's edition in the running header, the name cut
    short to leave the unit's name (running_unit) room on the same line."""
    tail = f" · 标准{report.edition}"
    room = _RUNNING_CELLS - _RUNNING_GAP_CELLS - display_width(running_unit(report.unit))
    if display_width(tail) + 8 > room:  # a long edition: the line is cut as a whole
        return clipped(report.report_heading + tail, room)
    return clipped(report.report_heading, room - display_width(tail)) + tail


def running_unit(unit: str) -> str:
    """The unit's name in the running header, cut short to keep it one line."""
    return clipped(unit, _RUNNING_UNIT_CELLS)


def clipped(text: str, cells: int) -> str:
    """`text` in at most `cells` terminal cells (a Chinese character takes two), its
    end replaced by … when it is longer."""
    if display_width(text) <= cells:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > cells - 2:
            break
        kept += char
    return kept + "…"
