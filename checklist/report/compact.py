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
written. Fonts that are not CID-keyed CFF with that property are left as they are.

WeasyPrint's own glyph-id-keeping subset of such a font is thrown away by that
replacement, and it is the slow one (it writes a slot for each of the ~63,000 glyphs:
about 0.03 s a face). `DeferredSubsetFonts` lets a document skip it: WeasyPrint then
embeds a placeholder that `compact_fonts` always replaces with the compact subset it
made in its stead. A font it cannot make compact gets WeasyPrint's subset as before.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable
from typing import Any

_ROS_OPERATOR = (12, 30)


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


def compact_faces(fonts: dict[str, Any]) -> dict[str, set[int]]:
    """The glyph ids printed with each face (by its subset tag, WeasyPrint's font hash)
    that was embedded compact, in a document written with DeferredSubsetFonts."""
    glyphs: dict[str, set[int]] = {}
    for font in fonts.values():
        if getattr(font, _DEFERRED, None) is not None:
            glyphs.setdefault(font.hash, {0}).update(font.to_unicode, font.widths)
    return glyphs


def shared_subsets(fonts: dict[str, Any], glyphs: dict[str, set[int]]) -> dict[str, bytes]:
    """Compact subsets of the faces in `fonts` to the glyph ids `glyphs` gives them:
    the same bytes wherever the same face is subset to the same glyphs."""
    made: dict[str, bytes] = {}
    for font in fonts.values():
        if font.hash in glyphs and font.hash not in made:
            cff = _cid_cff_subset(font, glyphs[font.hash])
            if cff is not None:
                made[font.hash] = cff
    return made


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

    wanted = sorted(gids)
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
    if not table or not _is_cid_keyed(table) or not _original_cids_are_glyph_ids(font.hb_face):
        return None
    return table


def _original_cids_are_glyph_ids(face: Any) -> bool:
    """`_cids_are_glyph_ids` on the full font's CFF table, read in place (no copy of
    its megabytes: only the Top DICT and the charset are looked at)."""
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_table(face, harfbuzz.hb_tag_from_string(b"CFF ", -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        if not length[0]:
            return False
        with memoryview(ffi.buffer(data, length[0])) as cff:
            return _cids_are_glyph_ids(cff, face)
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _table(face: Any, tag: bytes) -> bytes:
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_table(face, harfbuzz.hb_tag_from_string(tag, -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        return bytes(ffi.buffer(data, length[0])) if length[0] else b""
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _is_cid_keyed(cff: bytes) -> bool:
    """Whether the Top DICT of a CFF table starts with the ROS operator."""
    try:
        top = _top_dict(cff)
    except (IndexError, struct.error, ValueError):
        return False
    return _first_operator(top) == _ROS_OPERATOR


def _cids_are_glyph_ids(cff: bytes | memoryview, face: Any) -> bool:
    """Whether the full font's charset maps each glyph id to the same CID.

    WeasyPrint writes glyph ids as the text codes, and Identity-H makes a code the
    CID: only when CID = glyph id in the original font does the charset of the new
    subset lead from the code to the right glyph. Noto CJK fonts have this property;
    we check the charset format instead of trusting the font's name.
    """
    from weasyprint.text.ffi import harfbuzz

    try:
        top = _top_dict(cff)
        offset = _operand(top, (15,))
        if offset is None:
            return False
        glyph_count = harfbuzz.hb_face_get_glyph_count(face)
        fmt = cff[offset]
        if fmt == 2:
            # ranges: first (Card16), nLeft (Card16); identity is one range from 1
            first, n_left = struct.unpack_from(">HH", cff, offset + 1)
            return first == 1 and n_left + 2 >= glyph_count
        if fmt == 1:
            first, n_left = struct.unpack_from(">HB", cff, offset + 1)
            gid, pos = 1, offset + 1
            while gid < glyph_count:
                first, n_left = struct.unpack_from(">HB", cff, pos)
                if first != gid:
                    return False
                gid += n_left + 1
                pos += 3
            return True
    except (IndexError, struct.error, ValueError):
        return False
    return False


def _index(data: bytes | memoryview, pos: int) -> tuple[list[bytes], int]:
    count = struct.unpack_from(">H", data, pos)[0]
    if count == 0:
        return [], pos + 2
    off_size = data[pos + 2]
    offsets = [
        int.from_bytes(data[pos + 3 + i * off_size : pos + 3 + (i + 1) * off_size], "big")
        for i in range(count + 1)
    ]
    base = pos + 3 + (count + 1) * off_size - 1
    items = [bytes(data[base + offsets[i] : base + offsets[i + 1]]) for i in range(count)]
    return items, base + offsets[-1]


def _top_dict(cff: bytes | memoryview) -> bytes:
    header_size = cff[2]
    _, pos = _index(cff, header_size)  # Name INDEX
    tops, _ = _index(cff, pos)  # Top DICT INDEX
    if not tops:
        raise ValueError("no Top DICT")
    return tops[0]


def _dict_entries(data: bytes) -> list[tuple[tuple[int, ...], list[float]]]:
    """(operator, operands) pairs of a CFF DICT."""
    entries: list[tuple[tuple[int, ...], list[float]]] = []
    operands: list[float] = []
    i = 0
    while i < len(data):
        b0 = data[i]
        if b0 <= 21:
            if b0 == 12:
                entries.append(((12, data[i + 1]), operands))
                i += 2
            else:
                entries.append(((b0,), operands))
                i += 1
            operands = []
        elif b0 == 28:
            operands.append(struct.unpack_from(">h", data, i + 1)[0])
            i += 3
        elif b0 == 29:
            operands.append(struct.unpack_from(">i", data, i + 1)[0])
            i += 5
        elif b0 == 30:  # real number: nibbles until 0xf
            i += 1
            while i < len(data):
                byte = data[i]
                i += 1
                if (byte & 0x0F) == 0x0F or (byte >> 4) == 0x0F:
                    break
            operands.append(0.0)
        elif 32 <= b0 <= 246:
            operands.append(b0 - 139)
            i += 1
        elif 247 <= b0 <= 250:
            operands.append((b0 - 247) * 256 + data[i + 1] + 108)
            i += 2
        elif 251 <= b0 <= 254:
            operands.append(-(b0 - 251) * 256 - data[i + 1] - 108)
            i += 2
        else:
            raise ValueError(f"bad DICT byte {b0}")
    return entries


def _first_operator(data: bytes) -> tuple[int, ...] | None:
    entries = _dict_entries(data)
    return entries[0][0] if entries else None


def _operand(data: bytes, operator: tuple[int, ...]) -> int | None:
    for op, operands in _dict_entries(data):
        if op == operator and operands:
            return int(operands[-1])
    return None
