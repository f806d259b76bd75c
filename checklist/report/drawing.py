"""What a PDF's pages draw, as digests that two files can be compared by (for verify).

A page is digested with everything it draws: its content parsed into operators and
their operands as a viewer parses them (pikepdf, qpdf's parser), the fonts, images and
forms it uses, its annotations, its boxes. Object numbers, how a stream is compressed
and how its operators are spaced are left out: a program that saves the same pages
again (qpdf --normalize-content, --qdf, --linearize) leaves the digests as they were,
while any change to what is drawn changes them.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

_SKIPPED_KEYS = {"/Parent", "/P"}  # links back up the page tree
_STREAM_KEYS = {"/Length", "/Filter", "/DecodeParms", "/DL"}  # how data is stored, not what
_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")
_SUBSET_TAG = re.compile(r"^/?([A-Z]{6}\+)?")


class Drawing:
    """Digests of the objects of one PDF (a pikepdf.Pdf), each object digested once.

    `parsed`: content is digested as parsed operators; else as the data of its
    streams, which is quicker (parsing takes twice as long as all the rest) and tells
    apart all that parsing tells apart, and more: pages whose data is the same draw
    the same, whether parsed or not."""

    def __init__(self, pdf: Any, *, parsed: bool = True) -> None:
        self._pdf = pdf
        self._parsed = parsed
        self._done: dict[tuple[int, int], str] = {}

    def pages(self) -> list[str]:
        """A digest per page of everything it draws."""
        return [self.page(n) for n in range(len(self._pdf.pages))]

    def page(self, number: int) -> str:
        """The digest of the page at index `number`; "" for a page that cannot be read
        (it matches nothing)."""
        import pikepdf

        try:
            return self.of(self._pdf.pages[number].obj)
        except (pikepdf.PdfError, ValueError, TypeError, RecursionError):
            return ""

    def of(self, obj: Any) -> str:
        """The digest of `obj` and all it refers to (but its parents)."""
        return self._digest(obj, set())

    def fonts(self) -> dict[str, set[tuple[str, ...]]]:
        """The fonts the pages and their forms use: the digest of each font's program
        (the glyphs it draws) and the names it is given, subset tag and all (its own,
        its descendant's, its descriptor's), by each font that uses it (the parts of a
        report share one program of each face)."""
        import pikepdf

        fonts: dict[str, set[tuple[str, ...]]] = {}
        for page in self._pdf.pages:
            try:
                for font in fonts_of(page.obj):
                    program, names = self._font(font)
                    if program:
                        fonts.setdefault(program, set()).add(names)
            except (pikepdf.PdfError, ValueError, TypeError):
                continue
        return fonts

    def _font(self, font: Any) -> tuple[str, tuple[str, ...]]:
        import pikepdf

        names = [font.get("/BaseFont")]
        inner = font
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants):
            inner = descendants[0]
            names.append(inner.get("/BaseFont"))
        descriptor = inner.get("/FontDescriptor")
        if not isinstance(descriptor, pikepdf.Dictionary):
            return "", ()
        names.append(descriptor.get("/FontName"))
        program = next((descriptor[key] for key in _PROGRAMS if key in descriptor), None)
        if program is None:
            return "", ()
        return self.of(program), tuple(str(n).lstrip("/") for n in names if n is not None)

    def _digest(self, obj: Any, pending: set[tuple[int, int]]) -> str:
        import pikepdf

        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            key = obj.objgen
            if key in self._done:
                return self._done[key]
            if key in pending:  # a cycle: the object is being digested further up
                return "cycle"
            pending.add(key)
            value = self._direct(obj, pending)
            pending.discard(key)
            self._done[key] = value
            return value
        return self._direct(obj, pending)

    def _direct(self, obj: Any, pending: set[tuple[int, int]]) -> str:
        import pikepdf

        h = hashlib.sha256()
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
            stream = isinstance(obj, pikepdf.Stream)
            page = self._parsed and not stream and obj.get("/Type") == pikepdf.Name.Page
            h.update(b"<<")
            for key in sorted(obj.keys()):
                if key in _SKIPPED_KEYS or (stream and key in _STREAM_KEYS):
                    continue
                if page and key == "/Contents":
                    value = _drawn(pikepdf.Page(obj))
                else:
                    value = self._digest(obj.get(key), pending)
                h.update(key.encode() + b" " + value.encode())
            if stream:
                h.update(b"stream" + _stream_data(obj, self._parsed))
        elif isinstance(obj, pikepdf.Array):
            h.update(b"[")
            for item in obj:
                h.update(self._digest(item, pending).encode() + b",")
        elif isinstance(obj, pikepdf.Object):
            h.update(bytes(obj.unparse()))
        else:  # numbers and booleans, which pikepdf gives as Python's; None for null
            h.update(type(obj).__name__.encode() + repr(obj).encode())
        return h.hexdigest()


def _drawn(drawing: Any) -> str:
    """The digest of a page's or a form's content, parsed into operators and operands
    (one space between each): how its tokens are spaced and split into streams does
    not change what it draws."""
    import pikepdf

    try:
        parsed = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(drawing))
    except pikepdf.PdfError:  # not parsable: what a viewer makes of it is anyone's guess
        return "unparsable"
    return hashlib.sha256(b"drawn " + parsed).hexdigest()


def _stream_data(stream: Any, parsed: bool) -> bytes:
    """A stream's data as its filters decode it; forms and patterns parsed, as pages,
    when `parsed`."""
    import pikepdf

    if parsed and (stream.get("/Subtype") == pikepdf.Name.Form or stream.get("/PatternType") == 1):
        return _drawn(stream).encode()
    try:
        return bytes(stream.read_bytes())
    except pikepdf.PdfError:  # an image's own encoding (JPEG …), or data that is damaged
        filters = stream.get("/Filter")
        return (
            b"raw "
            + (bytes(filters.unparse()) if filters is not None else b"")
            + bytes(stream.read_raw_bytes())
        )


def fonts_of(page: Any) -> list[Any]:
    """The font dictionaries a page uses, its forms' (the running header) among them."""
    import pikepdf

    holders = [page.get("/Resources")]
    if isinstance(holders[0], pikepdf.Dictionary):
        forms = holders[0].get("/XObject")
        if isinstance(forms, pikepdf.Dictionary):
            holders += [form.get("/Resources") for form in forms.values()]
    fonts = []
    for holder in holders:
        found = holder.get("/Font") if isinstance(holder, pikepdf.Dictionary) else None
        if isinstance(found, pikepdf.Dictionary):
            fonts += [font for font in found.values() if isinstance(font, pikepdf.Dictionary)]
    return fonts


def base_name(name: str) -> str:
    """A font's name without its subset tag (ABCDEF+)."""
    return _SUBSET_TAG.sub("", name)
