"""What the PDF's pages decide about the report's content: which table rows may break
across pages. The template asks (report.html.j2); the content knows nothing of pages."""

from __future__ import annotations

import math

from checklist.formats import display_width
from checklist.report.content import DetailRow, RectificationRow

# A table row is kept whole on a page (report.css), and one that cannot fit on a page
# must be let break instead: WeasyPrint would push it to the next page, leaving the
# heading or group row before it alone, and start it there without the table's header.
# The tables' two text columns (考核内容 and 工作情况和数字说明, 问题 and 整改措施) hold
# about 10 and 13 Chinese characters a line, and a page about 38 lines of 10.5 pt
# below the header and a group row (report.css, page.css).
_NARROW_PER_LINE, _WIDE_PER_LINE, _ROW_LINES_PER_PAGE = 10, 13, 36


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
