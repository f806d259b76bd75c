"""Where a signature's seal goes: over a "…（盖章）" line, found as a viewer finds it.

The report's signature block (report.html.j2, `.signature`) reads

    工会主席（签字）：＿＿＿＿
                         某省…机关工会（盖章）
                               2026年11月24日

and the boxes the standard asks for follow it, each with its own "机关党组织（盖章）".
The first signer's seal goes over the union's line, the next signer's over the next
"（盖章）" line where it covers no earlier signature. On a 验收评分表 the team signs:
the 组长 on the blank after 签字： of that line, the next signer on the members' line
(`team_places`). The lines are read from the pages with
pypdf: each piece of text with the matrices that place it, as a viewer draws it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SEAL_MARK = "（盖章）"
SIGN_LINE = "工会主席（签字）"  # the first line of the report's signature block
# The 验收评分表 ends with the team's lines, "检查组组长：张建国　　签字：＿＿＿＿" and
# "检查组成员：…　　签字：＿＿＿＿" (acceptance.html.j2): an inspector's signature goes on
# the blank after 签字：, which is this wide (acceptance.css, `.team .sign-line .blank`).
TEAM_MARK, TEAM_SIGN = "检查组", "签字："
TEAM_BLANK = 40 / 25.4 * 72  # 40 mm, in points
# The signature block closes the section with this anchor, before the annexes begin:
# the pages between them are read first (reading a page's text takes some 60 ms).
SECTION_ANCHOR, ANNEX_ANCHOR = "rectification", "annex-detail"

Matrix = Sequence[float]
Box = tuple[float, float, float, float]  # left, bottom, right, top, in points


@dataclass(frozen=True)
class Place:
    """A line of text: its page (from 0), its text, and the box it fills in the page's
    user space."""

    page: int
    text: str
    box: Box


def seal_places(reader: Any) -> list[Place]:
    """The "…（盖章）" lines of the PDF `reader` (pypdf) holds, best first: the union's
    line in the signature block, then the others in the pages' order. In a document
    without the report's signature block, the last such line comes first."""
    pages = _pages_to_read(reader)
    lines = [line for n in pages for line in _lines(reader, n)]
    places = [line for line in lines if line.text.endswith(SEAL_MARK)]
    union = _union_line(lines)
    if union is None:
        return places[::-1]
    return [union, *(place for place in places if place is not union)]


def team_places(reader: Any) -> list[Place]:
    """The blanks after 签字： on the team's lines of a 验收评分表, in the pages' order
    (组长 first). They close the sheet: its pages are read from the last back to the
    first that has one."""
    found: list[Place] = []
    for number in reversed(range(len(reader.pages))):
        lines = [
            line
            for line in _lines(reader, number)
            if line.text.startswith(TEAM_MARK) and line.text.endswith(TEAM_SIGN)
        ]
        if not lines and found:
            break
        found[:0] = [_blank_after(line) for line in lines]
    return found


def _blank_after(line: Place) -> Place:
    _, bottom, right, top = line.box
    return Place(line.page, line.text, (right, bottom, right + TEAM_BLANK, top))


def occupied(reader: Any, page: int) -> list[Box]:
    """The boxes of the form widgets on page `page`: the signatures already made."""
    try:
        annotations = reader.pages[page].get("/Annots")
        boxes = []
        for annotation in annotations.get_object() if annotations is not None else ():
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Widget" and "/Rect" in annotation:
                x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
                boxes.append((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
        return boxes
    except Exception:  # damaged annotations: none is known
        return []


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _union_line(lines: list[Place]) -> Place | None:
    """The first "（盖章）" line after the signature block's 工会主席（签字）, on its page."""
    for n, line in enumerate(lines):
        if line.text.startswith(SIGN_LINE):
            for after in lines[n + 1 :]:
                if after.page != line.page:
                    break
                if after.text.endswith(SEAL_MARK):
                    return after
    return None


def _pages_to_read(reader: Any) -> list[int]:
    """The pages from the signature block's section to the annexes when the report
    marks them, else every page."""
    every = list(range(len(reader.pages)))
    try:
        targets = reader.named_destinations
        first = reader.get_destination_page_number(targets[SECTION_ANCHOR])
        last = reader.get_destination_page_number(targets[ANNEX_ANCHOR])
    except Exception:  # no such anchors, or a damaged name tree
        return every
    return every[first : last + 1] if 0 <= first <= last else every


def _lines(reader: Any, number: int) -> list[Place]:
    """The lines of text on page `number`: the runs a viewer draws on one baseline one
    after another, joined."""
    page = reader.pages[number]
    runs: list[tuple[str, Matrix, float]] = []

    def visit(text: str, cm: Matrix, tm: Matrix, font: Any, size: float) -> None:
        if text.strip():
            runs.append((text, _product(tm, cm), size))

    try:
        page.extract_text(visitor_text=visit)
    except Exception:  # a page pypdf cannot read has no place for a seal
        return []
    lines: list[Place] = []
    for text, matrix, size in runs:
        box = _extent(text.strip(), matrix, size)
        last = lines[-1] if lines else None
        if last is not None and abs(last.box[1] - box[1]) < 0.5 and box[0] >= last.box[0]:
            box = (last.box[0], min(last.box[1], box[1]), box[2], max(last.box[3], box[3]))
            lines[-1] = Place(number, last.text + text.strip(), box)
        else:
            lines.append(Place(number, text.strip(), box))
    return lines


def _product(m: Matrix, n: Matrix) -> Matrix:
    """The matrix `m` then `n` (PDF's row-vector convention)."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


# The ink of a CJK face's glyphs, in ems above the baseline: from the descender of
# its ideographs to their top.
_BOTTOM, _TOP = -0.12, 0.88


def _extent(text: str, matrix: Matrix, size: float) -> Box:
    """The box `text` fills, drawn at `size` from the origin of `matrix` (text space to
    user space). Wide characters are an em across, others half an em (close enough to
    centre a seal: the font's own widths are not needed)."""
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
    corners = [_apply(matrix, u * size, v * size) for u in (0.0, ems) for v in (_BOTTOM, _TOP)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _apply(matrix: Matrix, u: float, v: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return u * a + v * c + e, u * b + v * d + f
