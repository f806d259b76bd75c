"""Paragraphs and tables as WordprocessingML elements, made directly with lxml.

python-docx's own API finds each new element's place in schema order by searching its
siblings, about a millisecond a table cell; a report of 40 pages has thousands of
them. Here they are made in order, in one pass, as python-docx itself would write them
(a paragraph's style, its runs and their character styles; a table's grid, widths and
repeating header row), and python-docx writes the package around them. lxml escapes
the text: user text is data, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

# Tag names, qualified once.
_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T = (
    qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:rStyle", "w:t")
)
_TR, _TC, _TCPR, _TCW, _W, _TYPE = (
    qn(t) for t in ("w:tr", "w:tc", "w:tcPr", "w:tcW", "w:w", "w:type")
)
_VAL, _SPACE = qn("w:val"), "{http://www.w3.org/XML/1998/namespace}space"
TWIPS_PER_MM = 1440 / 25.4
CELL_MARGIN = round(TWIPS_PER_MM)


@dataclass(frozen=True)
class Run:
    text: str
    style: str | None = None  # a character style's id


@dataclass(frozen=True)
class Paragraph:
    style: str | None  # a paragraph style's id; None: the body's (Normal)
    runs: Sequence[Run] = ()


@dataclass(frozen=True)
class Cell:
    paragraphs: Sequence[Paragraph]  # at least one: Word requires it
    span: int = 1  # grid columns the cell covers


@dataclass
class Table:
    style: str  # a table style's id
    widths: Sequence[float]  # of the grid's columns, in mm
    header: Sequence[Cell]  # repeated at the head of every page the table runs over
    rows: list[Sequence[Cell]] = field(default_factory=list)


def paragraph(parent: etree._Element, content: Paragraph) -> etree._Element:
    """`content` as a w:p at the end of `parent`."""
    p = etree.SubElement(parent, _P)
    if content.style:
        etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE).set(_VAL, content.style)
    for run in content.runs:
        r = etree.SubElement(p, _R)
        if run.style:
            etree.SubElement(etree.SubElement(r, _RPR), _RSTYLE).set(_VAL, run.style)
        t = etree.SubElement(r, _T)
        t.text = run.text
        if run.text[:1].isspace() or run.text[-1:].isspace():
            t.set(_SPACE, "preserve")
    return p


def table(parent: etree._Element, content: Table) -> etree._Element:
    """`content` as a w:tbl at the end of `parent`: centred, of fixed column widths."""
    widths = [round(mm * TWIPS_PER_MM) for mm in content.widths]
    tbl = etree.SubElement(parent, qn("w:tbl"))
    properties = etree.SubElement(tbl, qn("w:tblPr"))
    _valued(properties, "w:tblStyle", content.style)
    _width(properties, "w:tblW", sum(widths))
    _valued(properties, "w:jc", "center")
    etree.SubElement(properties, qn("w:tblLayout")).set(qn("w:type"), "fixed")
    margins = etree.SubElement(properties, qn("w:tblCellMar"))  # narrow: 1 mm a side
    for side in ("w:left", "w:right"):
        _width(margins, side, CELL_MARGIN)
    look = etree.SubElement(properties, qn("w:tblLook"))
    look.set(_VAL, "04A0")
    for name, value in (("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0")):
        look.set(qn(f"w:{name}"), value)
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for width in widths:
        _width(grid, "w:gridCol", width, typed=False)
    _row(tbl, content.header, widths, header=True)
    for cells in content.rows:
        _row(tbl, cells, widths, header=False)
    return tbl


def _row(tbl: etree._Element, cells: Sequence[Cell], widths: list[int], *, header: bool) -> None:
    tr = etree.SubElement(tbl, _TR)
    if header:
        properties = etree.SubElement(tr, qn("w:trPr"))
        _valued(properties, "w:cantSplit", "true")
        _valued(properties, "w:tblHeader", "true")
    column = 0
    for cell in cells:
        tc = etree.SubElement(tr, _TC)
        properties = etree.SubElement(tc, _TCPR)
        width = etree.SubElement(properties, _TCW)
        width.set(_W, str(sum(widths[column : column + cell.span])))
        width.set(_TYPE, "dxa")
        if cell.span > 1:
            _valued(properties, "w:gridSpan", str(cell.span))
        column += cell.span
        for content in cell.paragraphs or [Paragraph(None)]:
            paragraph(tc, content)
    if column != len(widths):
        raise ValueError(f"row of {column} grid columns in a table of {len(widths)}")


def _valued(parent: etree._Element, tag: str, value: str) -> None:
    etree.SubElement(parent, qn(tag)).set(_VAL, value)


def _width(parent: etree._Element, tag: str, twips: int, *, typed: bool = True) -> None:
    element = etree.SubElement(parent, qn(tag))
    element.set(qn("w:w"), str(twips))
    if typed:
        element.set(qn("w:type"), "dxa")
