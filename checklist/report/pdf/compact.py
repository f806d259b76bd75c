"""Embed CJK fonts as compact CID-keyed CFF instead of glyph-id-preserving OpenType.

WeasyPrint 70 subsets fonts keeping every glyph id (HarfBuzz's RETAIN_GIDS), so that
the glyph ids it wrote into the page content stay valid. For a CJK font with about
63,000 glyphs that leaves a slot for every glyph: each embedded face costs about
150 KB however few characters it prints, and a report with a bold face for its
headings passes 400 KB.

The fonts we use (Noto CJK) are CID-keyed CFF whose CIDs equal their glyph ids.
In a bare CID-keyed CFF (FontFile3 /CIDFontType0C) a viewer finds a glyph from
its CID through the font's charset, which HarfBuzz keeps when it renumbers glyphs.
So we subset again without keeping glyph ids and embed the bare CFF table: the
page content, widths (/W) and ToUnicode maps, all keyed by CID, stay valid as
written. fontTools reads the fonts' charsets to check that; a font that is not
CID-keyed CFF with that property is left as it is.

WeasyPrint's own glyph-id-keeping subset of such a font is thrown away by that
replacement, and it is the slow one (it writes a slot for each of the ~63,000 glyphs:
about 0.03 s a face). `DeferredSubsetFonts` lets a document skip it: WeasyPrint then
embeds a placeholder that `compact_fonts` always replaces with the compact subset it
made in its stead. A font it cannot make compact gets WeasyPrint's subset as before.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Iterable
from typing import Any


def compact_fonts(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: replace each embedded CID-keyed OpenType/CFF font program."""
    import pydyf  # type: ignore[import-untyped]
    from weasyprint.text.ffi import harfbuzz_subset

    if harfbuzz_subset is None:
        return
    gids_by_hash: dict[str, set[int]] = {}
    font_by_content: dict[int, Any] = {}
    for font in document.fonts.values():
        gids = gids_by_hash.setdefault(font.hash, set())
        gids.update(font.to_unicode)
        gids.update(font.widths)
        font_by_content[id(font.file_content)] = font
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Stream) or obj.extra.get("Subtype") != "/OpenType":
            continue
        if len(obj.stream) != 1:
            continue
        font = font_by_content.get(id(obj.stream[0]))
        if font is None or font.bitmap:
            continue
        cff = getattr(font, _DEFERRED, None) or _cid_cff_subset(font, gids_by_hash[font.hash] | {0})
        if cff is not None:
            obj.stream = [cff]
            obj.extra["Subtype"] = "/CIDFontType0C"


# The attribute of a WeasyPrint font holding the compact subset made instead of its own.
_DEFERRED = "checklist_compact_cff"


class DeferredSubsetFonts(dict[str, Any]):
    """A `Document.fonts` whose CID-keyed CFF fonts skip WeasyPrint's own subset.

    Only for documents written with `compact_fonts` as finisher: the placeholder
    WeasyPrint embeds for such a font is not a font, and only the finisher replaces it.
    """

    def __setitem__(self, key: str, font: Any) -> None:
        super().__setitem__(key, font)
        if not (font.bitmap or font.png or font.svg or font.colr or "fvar" in font.tables):
            font.subset = _deferred_subset(font, self, font.subset)


def _deferred_subset(
    font: Any, fonts: dict[str, Any], weasyprint_subset: Callable[[Any, bool], None]
) -> Callable[[Any, bool], None]:
    def subset(to_unicode: Any, hinting: bool) -> None:
        from weasyprint.text.ffi import harfbuzz_subset

        cff = None
        if to_unicode and harfbuzz_subset is not None:
            gids = {0, *to_unicode}
            for other in fonts.values():
                if other.hash == font.hash:
                    gids.update(other.to_unicode)
                    gids.update(other.widths)
            cff = _cid_cff_subset(font, gids)
        if cff is None:
            weasyprint_subset(to_unicode, hinting)
            return
        setattr(font, _DEFERRED, cff)
        # "OTTO" makes WeasyPrint embed it as /OpenType, which compact_fonts replaces;
        # the hash makes each placeholder a distinct object for it to find.
        font.file_content = b"OTTO" + font.hash.encode()

    return subset


def _cid_cff_subset(font: Any, gids: Iterable[int]) -> bytes | None:
    """The 'CFF ' table of the font subset to `gids` with new glyph ids, if CID-keyed."""
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

    wanted = sorted({0, *gids})  # .notdef first, as HarfBuzz keeps it
    subset_input = ffi.gc(
        harfbuzz_subset.hb_subset_input_create_or_fail(),
        harfbuzz_subset.hb_subset_input_destroy,
    )
    if subset_input == ffi.NULL:
        return None
    glyphs = harfbuzz_subset.hb_subset_input_glyph_set(subset_input)
    array = ffi.new(f"hb_codepoint_t[{len(wanted)}]", wanted)
    harfbuzz.hb_set_add_sorted_array(glyphs, array, len(wanted))
    flags = (
        harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
        | harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
        | harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    )
    harfbuzz_subset.hb_subset_input_set_flags(subset_input, flags)
    # Only the glyphs printed: no layout closure (alternates, vertical forms …).
    drop = harfbuzz_subset.hb_subset_input_set(
        subset_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG
    )
    tags = sorted(
        harfbuzz.hb_tag_from_string(tag, -1)
        for tag in (b"BASE", b"DSIG", b"GDEF", b"GPOS", b"GSUB", b"JSTF", b"VORG", b"vhea", b"vmtx")
    )
    harfbuzz.hb_set_add_sorted_array(drop, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags))
    face = harfbuzz_subset.hb_subset_or_fail(font.hb_face, subset_input)
    if face == ffi.NULL:
        return None
    try:
        table = _table(face, b"CFF ")
    finally:
        harfbuzz.hb_face_destroy(face)
    if _cids(table) is None or not _cids_are_glyph_ids(font):
        return None
    return table


# By face (WeasyPrint's font hash, the subset tag) and its index in a collection.
_identity: dict[tuple[str, int], bool] = {}


def _cids_are_glyph_ids(font: Any) -> bool:
    """Whether the full font's charset gives each glyph its glyph id as CID.

    WeasyPrint writes glyph ids as the text codes, and Identity-H makes a code the
    CID: only when CID = glyph id in the original font does the charset of the new
    subset lead from the code to the right glyph. Noto CJK fonts have this property;
    we check the charset instead of trusting the font's name. (The subset's own
    charset cannot tell: HarfBuzz adds glyphs to it, the variants of the characters
    printed.) Once a face, by its hash."""
    key = (font.hash, font.index)
    if key not in _identity:
        _identity[key] = _identity_charset(_table(font.hb_face, b"CFF "))
    return _identity[key]


def _identity_charset(cff: bytes) -> bool:
    """Whether a CID-keyed CFF table's charset maps glyph id n to CID n.

    fontTools reads the table's Top DICT (about a millisecond). Listing the whole
    charset through it names all 65,535 glyphs of a CJK font (some 70 ms a face, in
    every process that writes a report), so the charset's own records are read
    instead: a list of CIDs (format 0) or runs of consecutive CIDs (formats 1 and 2,
    a run being its first CID and the number that follow it)."""
    top = _cid_top_dict(cff)
    if top is None:
        return False
    try:
        glyphs = struct.unpack_from(">H", cff, top.rawDict["CharStrings"])[0]
        offset = top.rawDict["charset"]
        fmt, position, gid = cff[offset], offset + 1, 1
        if fmt == 0:
            cids = struct.unpack_from(f">{glyphs - 1}H", cff, position)
            return cids == tuple(range(1, glyphs))
        run = {1: struct.Struct(">HB"), 2: struct.Struct(">HH")}.get(fmt)
        if run is None:
            return False
        while gid < glyphs:
            first, following = run.unpack_from(cff, position)
            if first != gid:
                return False
            gid += following + 1
            position += run.size
        return True
    except Exception:  # fontTools and struct raise many kinds on a damaged table
        return False


def _table(face: Any, tag: bytes) -> bytes:
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_table(face, harfbuzz.hb_tag_from_string(tag, -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        return bytes(ffi.buffer(data, length[0])) if length[0] else b""
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _cids(cff: bytes) -> list[str] | None:
    """The charset of a CID-keyed CFF table, glyph by glyph (".notdef", "cid00042" …, as
    fontTools names CIDs); None for a name-keyed or unreadable table."""
    top = _cid_top_dict(cff)
    if top is None:
        return None
    try:
        return list(top.charset)
    except Exception:  # fontTools raises many kinds on a damaged table
        return None


def _cid_top_dict(cff: bytes) -> Any | None:
    """The Top DICT of a CFF table, as fontTools reads it, when the font is CID-keyed
    (it has an ROS); None for a name-keyed or unreadable table."""
    from fontTools.cffLib import CFFFontSet

    try:
        fonts = CFFFontSet()
        fonts.decompile(io.BytesIO(cff), otFont=None, isCFF2=False)
        top = fonts.topDictIndex[0]
    except Exception:  # fontTools raises many kinds on a damaged table
        return None
    return top if hasattr(top, "ROS") else None
