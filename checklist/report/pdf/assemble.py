"""Put a report laid out in parts together again as one PDF.

The parts (see parts.py) are laid out side by side, so none of them knows on which
page it starts. What depends on that is drawn afterwards, from a document of its
own: the running header and footer (page numbers and parity, running.css), one page
of it beneath each page of the report. The bookmarks are gathered from all parts and
written once, as one outline.

The first part, written with the attachment, the metadata and the PDF/A parts, is
the file the others join. Each part embeds its own subsets of the fonts, all under
the same subset tag (WeasyPrint derives it from the face); in one PDF they must have
tags of their own, so those of the later parts and of the running header are renamed.
Then the subsets of each face are merged into one program (cff_merge.py), which all
parts' fonts of that face share under the first part's name.
"""

from __future__ import annotations

import hashlib
import io
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checklist.report.pdf import cff_merge

if TYPE_CHECKING:  # imported when needed: it takes a fifth of a second
    import pikepdf


@dataclass(frozen=True)
class Bookmark:
    """A heading to list in the outline: `page` counts from 0 in its part; `left` and
    `top` are PDF points from the page's bottom left corner."""

    level: int
    title: str
    page: int
    left: float
    top: float
    closed: bool = False


@dataclass
class LaidOutPart:
    pdf: bytes
    pages: int
    bookmarks: list[Bookmark] = field(default_factory=list)
    # Characters no installed font has: printed as the font's .notdef glyph, a box.
    missing: frozenset[str] = frozenset()


def assemble(parts: Sequence[LaidOutPart], running: bytes) -> tuple[bytes, int]:
    """The PDF of the parts' pages in order, each with its page of `running` (the
    header and footer) beneath, and its number of pages.

    Made in memory: qpdf writing to a file of a full disk aborts the process, where
    Python's own write raises an error the caller can name."""
    import pikepdf

    report = pikepdf.open(io.BytesIO(parts[0].pdf))
    for number, part in enumerate(parts[1:], 1):
        joining = pikepdf.open(io.BytesIO(part.pdf))
        _retag_fonts(joining, number)
        report.pages.extend(joining.pages)
    heads = pikepdf.open(io.BytesIO(running))
    _retag_fonts(heads, len(parts))
    if len(heads.pages) < len(report.pages):
        raise ValueError(f"{len(report.pages)} pages but {len(heads.pages)} running heads")
    for number, (page, head) in enumerate(zip(report.pages, heads.pages, strict=False), 1):
        # A part's pages share one resource dictionary: a name per page. Not pikepdf's
        # random names, so that the same report is drawn the same.
        form = report.copy_foreign(head.as_form_xobject())
        name = page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/Running{number}"))
        page.contents_add(b"q " + bytes(name.unparse()) + b" Do Q\n", prepend=True)
    _write_outline(report, parts)
    _share_font_programs(report)
    pdf = io.BytesIO()
    report.save(pdf, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return pdf.getvalue(), len(report.pages)


def alone(pdf: bytes) -> bytes:
    """A document laid out whole (not in parts) saved as `assemble` saves a report:
    its two file identifiers alike (verify.saved_again), objects in streams."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        out = io.BytesIO()
        document.save(
            out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate
        )
    return out.getvalue()


def _write_outline(report: pikepdf.Pdf, parts: Sequence[LaidOutPart]) -> None:
    import pikepdf

    with report.open_outline() as outline:
        outline.root.clear()
        # (level, children) of the headings above the next one, outermost first
        open_levels: list[tuple[int, list[pikepdf.OutlineItem]]] = [(0, outline.root)]
        first_page = 0
        for part in parts:
            for mark in part.bookmarks:
                item = pikepdf.OutlineItem(
                    mark.title,
                    first_page + mark.page,
                    pikepdf.PageLocation.XYZ,
                    left=mark.left,
                    top=mark.top,
                    zoom=0,
                )
                item.is_closed = mark.closed
                while open_levels[-1][0] >= mark.level:
                    open_levels.pop()
                open_levels[-1][1].append(item)
                open_levels.append((mark.level, item.children))
            first_page += part.pages


def _share_font_programs(pdf: pikepdf.Pdf) -> None:
    """Each face's font program embedded once: the parts' subsets of a face (see
    compact.py: CID-keyed CFF, glyphs keyed by CID, no subroutines) are merged into one
    that every part's font refers to; each part keeps its own widths and ToUnicode map,
    keyed by CID as the merged program is. A face whose subsets cannot be merged keeps
    them apart, as before."""
    import pikepdf

    faces: dict[str, list[pikepdf.Dictionary]] = {}
    for descriptor in pdf.objects:
        if (
            isinstance(descriptor, pikepdf.Dictionary)
            and descriptor.get("/Type") == "/FontDescriptor"
            and descriptor.get("/FontFile3") is not None
            and descriptor.FontFile3.get("/Subtype") == "/CIDFontType0C"
        ):
            face = str(descriptor.FontName).partition("+")[2]
            faces.setdefault(face, []).append(descriptor)
    renamed: dict[str, pikepdf.Name] = {}
    for descriptors in faces.values():
        if len(descriptors) < 2:
            continue
        program = cff_merge.merged([d.FontFile3.read_bytes() for d in descriptors])
        if program is None:
            continue
        shared = pdf.make_stream(program, Subtype=pikepdf.Name.CIDFontType0C)
        for descriptor in descriptors:
            descriptor.FontFile3 = shared
            # One program, one name: the subset's tag of the first part (_retag_fonts
            # told the parts' own subsets apart).
            renamed[str(descriptor.FontName)] = pikepdf.Name(str(descriptors[0].FontName))
            descriptor.FontName = descriptors[0].FontName
    for font in pdf.objects:
        if isinstance(font, pikepdf.Dictionary) and font.get("/Type") == "/Font":
            name = str(font.get("/BaseFont", ""))
            if name in renamed:  # the Type0 font and its CIDFont carry the same name
                font.BaseFont = renamed[name]


def _retag_fonts(pdf: pikepdf.Pdf, number: int) -> None:
    """Give the subsets of fonts in `pdf` tags of their own, made from `number`."""
    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        for key in ("/BaseFont", "/FontName"):
            name = obj.get(key)
            if isinstance(name, pikepdf.Name) and _is_subset_name(str(name)):
                obj[key] = pikepdf.Name(_retagged(str(name), number))


def _is_subset_name(name: str) -> bool:
    tag = name[1:7]
    return len(name) > 8 and name[7] == "+" and all(c in string.ascii_uppercase for c in tag)


def _retagged(name: str, number: int) -> str:
    digest = hashlib.sha256(f"{name}#{number}".encode()).digest()
    tag = "".join(string.ascii_uppercase[b % 26] for b in digest[:6])
    return "/" + tag + name[7:]
