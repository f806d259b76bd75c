"""Merge subsets of one CID-keyed CFF font into one font program (fontTools).

A report laid out in parts embeds a subset of each face per part (compact.py), most of
their glyphs the same. The subsets are bare CID-keyed CFF without subroutines, and a
PDF finds a glyph by its CID through the program's charset, so one program holding
the glyphs of all of them serves every part: its glyphs are those of the first
subset, then those the others add, each with its font dict (FD) matched by its
private values (widths are written relative to them), or added when the first subset
has none like it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any


def merged(programs: Sequence[bytes]) -> bytes | None:
    """One CFF program with the glyphs of all of `programs`, or None when they cannot
    be merged (not CID-keyed, or with subroutines)."""
    from fontTools.cffLib import CFFFontSet

    fonts = []
    for program in programs:
        font = CFFFontSet()
        try:
            font.decompile(io.BytesIO(program), otFont=None, isCFF2=False)
        except Exception:  # fontTools raises many kinds on a damaged table
            return None
        top = font.topDictIndex[0]
        if not hasattr(top, "ROS") or len(font.GlobalSubrs) or _has_local_subrs(top):
            return None
        fonts.append(font)
    base = fonts[0].topDictIndex[0]
    dicts = {_private_key(fd): n for n, fd in enumerate(base.FDArray)}
    charset = list(base.charset)
    present = set(charset)
    strings = base.CharStrings
    selects = list(base.FDSelect)
    for font in fonts[1:]:
        top = font.topDictIndex[0]
        for gid, name in enumerate(top.charset):
            if name in present:
                continue
            font_dict = top.FDArray[top.FDSelect[gid]]
            fd = dicts.get(_private_key(font_dict))
            if fd is None:  # a font dict the first subset has no glyph of
                base.FDArray.append(font_dict)
                fd = dicts[_private_key(font_dict)] = len(base.FDArray) - 1
            glyph = top.CharStrings.charStringsIndex[top.CharStrings.charStrings[name]]
            strings.charStringsIndex.append(glyph)
            strings.charStrings[name] = len(strings.charStringsIndex) - 1
            charset.append(name)
            selects.append(fd)
            present.add(name)
    base.charset = charset
    base.FDSelect.gidArray = selects
    out = io.BytesIO()
    try:
        # No OpenType font around it: the bounding box is kept as the subsets had it.
        fonts[0].compile(out, otFont=SimpleNamespace(recalcBBoxes=False), isCFF2=False)
    except Exception:  # an unusual table fontTools cannot write again
        return None
    return out.getvalue()


def _has_local_subrs(top: Any) -> bool:
    return any(len(getattr(fd.Private, "Subrs", ())) for fd in top.FDArray)


def _private_key(fd: Any) -> tuple[tuple[str, str], ...]:
    """What a glyph's outline depends on in its font dict: its private values."""
    return tuple(sorted((k, repr(v)) for k, v in fd.Private.rawDict.items() if k != "Subrs"))
