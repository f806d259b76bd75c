"""The CFF checks that decide whether a font may be re-subset (pdf/compact.py)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.cffLib import CFFFontSet
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

from checklist.report.pdf.compact import _cids, _identity_charset


def _name_keyed_cff() -> bytes:
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((250, 700))
    pen.closePath()
    charstring = pen.getCharString()
    builder.setupCFF("Test", {"FullName": "Test"}, {".notdef": charstring, "A": charstring}, {})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return TTFont(io.BytesIO(out.getvalue())).reader["CFF "]


def test_name_keyed_cff_is_left_alone() -> None:
    cff = _name_keyed_cff()
    assert cff.startswith(b"\x01\x00")  # a CFF table, version 1.0
    assert _cids(cff) is None


def test_broken_cff_is_left_alone() -> None:
    assert _cids(b"") is None
    assert _cids(b"\x01\x00\x04\x04\xff\xff") is None


def _noto_serif_cff() -> bytes:
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig tools")
    path = subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Serif CJK SC"], capture_output=True, text=True
    ).stdout
    if "NotoSerifCJK" not in path:
        pytest.skip("Noto Serif CJK is not installed")
    cff: bytes = TTFont(Path(path), fontNumber=0, lazy=True).reader["CFF "]
    return cff


def test_noto_cjk_is_cid_keyed() -> None:
    cids = _cids(_noto_serif_cff())
    assert cids is not None and cids[:3] == [".notdef", "cid00001", "cid00002"]


def test_only_a_charset_giving_each_glyph_its_id_as_cid_is_taken() -> None:
    cff = _noto_serif_cff()
    assert _identity_charset(cff)
    # The same font whose charset starts its CIDs at 2: glyph 1 would print CID 2.
    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(cff), otFont=None, isCFF2=False)
    charset = fonts.topDictIndex[0].rawDict["charset"]
    assert cff[charset] in (1, 2) and cff[charset + 1 : charset + 3] == b"\x00\x01"
    shifted = cff[: charset + 1] + b"\x00\x02" + cff[charset + 3 :]
    assert not _identity_charset(shifted)
    assert not _identity_charset(_name_keyed_cff())
    assert not _identity_charset(b"\x01\x00\x04\x04\xff\xff")


class _FakeFont:
    """The attributes of a WeasyPrint font that DeferredSubsetFonts looks at."""

    def __init__(self, font_hash: str) -> None:
        self.hash = font_hash
        self.bitmap = self.png = self.svg = self.colr = False
        self.tables: set[str] = {"CFF "}
        self.to_unicode = {5: "工"}
        self.widths = {5: 1000, 7: 1000}
        self.file_content = b"full font"
        self.subset_calls: list[object] = []

    def subset(self, to_unicode: object, hinting: bool) -> None:
        self.subset_calls.append(to_unicode)
        self.file_content = b"weasyprint subset"


def test_deferred_subset_falls_back_to_weasyprint_when_font_is_not_compactable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from checklist.report.pdf import compact

    monkeypatch.setattr(compact, "_cid_cff_subset", lambda font, gids: None)
    fonts = compact.DeferredSubsetFonts()
    font = _FakeFont("AAAAAA")
    fonts["key"] = font
    font.subset({5: "工"}, False)
    assert font.subset_calls == [{5: "工"}]
    assert font.file_content == b"weasyprint subset"
    assert getattr(font, compact._DEFERRED, None) is None


def test_deferred_subset_leaves_a_placeholder_and_the_compact_font(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from checklist.report.pdf import compact

    asked: list[set[int]] = []
    monkeypatch.setattr(
        compact, "_cid_cff_subset", lambda font, gids: asked.append(set(gids)) or b"CFF"
    )
    fonts = compact.DeferredSubsetFonts()
    font, same_face = _FakeFont("AAAAAA"), _FakeFont("AAAAAA")
    same_face.widths = {9: 500}
    fonts["a"], fonts["b"] = font, same_face
    font.subset({5: "工"}, False)
    assert font.subset_calls == []  # WeasyPrint's own subset skipped
    assert asked == [{0, 5, 7, 9}]  # every glyph printed with this face, and .notdef
    assert getattr(font, compact._DEFERRED) == b"CFF"
    assert font.file_content.startswith(b"OTTO")
