"""The CFF checks that decide whether a font may be re-subset (compact.py)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

from checklist.report.compact import _is_cid_keyed, _top_dict


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
    assert _top_dict(cff)
    assert not _is_cid_keyed(cff)


def test_broken_cff_is_left_alone() -> None:
    assert not _is_cid_keyed(b"")
    assert not _is_cid_keyed(b"\x01\x00\x04\x04\xff\xff")


def test_noto_cjk_is_cid_keyed() -> None:
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig tools")
    path = subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Serif CJK SC"], capture_output=True, text=True
    ).stdout
    if "NotoSerifCJK" not in path:
        pytest.skip("Noto Serif CJK is not installed")
    font = TTFont(Path(path), fontNumber=0, lazy=True)
    assert _is_cid_keyed(font.reader["CFF "])
