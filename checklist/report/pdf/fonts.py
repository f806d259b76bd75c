"""Which CJK fonts fontconfig offers, so that a report never prints boxes.

Asked through libfontconfig (which WeasyPrint loads anyway), with `fc-list` as a
second way; no WeasyPrint import here.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import subprocess
from collections.abc import Sequence

# Serif faces first (the body is 仿宋/宋体-like), then sans faces as a last resort.
DEFAULT_FAMILIES: tuple[str, ...] = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "FangSong",
    "STFangsong",
    "SimSun",
    "AR PL UMing CN",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
)

# The faces GB/T 9704 gives some roles, as free stand-ins, best first: 一、 headings in
# 黑体, （一） headings in 楷体. The title (小标宋) and the body (仿宋) print in the
# serif family list above, the title in its bold face. A role none of whose faces is
# installed prints in the body's faces; a family list of the user's own
# ($CHECKLIST_FONTS) prints every role in it (see writer.Renderer).
ROLE_FAMILIES: dict[str, tuple[str, ...]] = {
    "heiti": ("Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "WenQuanYi Zen Hei"),
    "kaiti": ("AR PL UKai CN", "KaiTi", "STKaiti", "Kaiti SC"),
}

FONT_PACKAGE = "fonts-noto-cjk"
KAITI_PACKAGE = "fonts-arphic-ukai"  # AR PL UKai CN, the 楷体 of （一） headings
# For the rare characters of names that Noto CJK lacks (CJK extensions B–F); fontconfig
# falls back to it for those characters alone.
RARE_CHARACTERS_PACKAGE, RARE_CHARACTERS_FAMILY = "fonts-hanazono", "HanaMinB"


class FontsMissingError(Exception):
    """No font of the family list can print Chinese."""

    def __init__(self, families: Sequence[str], others_installed: bool = False) -> None:
        self.families = list(families)
        self.others_installed = others_installed  # Chinese fonts of other families
        super().__init__(
            "找不到可用的中文字体，无法生成报告（否则中文会显示为方框）。"
            f"已查找：{'、'.join(families)}。"
            f"请安装中文字体后重试，Debian/Ubuntu 上运行：sudo apt-get install {FONT_PACKAGE}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.families, self.others_installed))


def chinese_families() -> set[str]:
    """Family names of the installed fonts that cover Chinese (`fc-list :lang=zh family`)."""
    try:
        return _families_from_library()
    except OSError:
        return _families_from_command()


def usable_families(wanted: Sequence[str]) -> list[str]:
    """The families of `wanted` that are installed and cover Chinese, in order.

    Raises FontsMissingError when there are none.
    """
    available = {name.casefold() for name in chinese_families()}
    found = [name for name in wanted if name.casefold() in available]
    if not found:
        raise FontsMissingError(wanted, others_installed=bool(available))
    return found


def role_families(roles: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """For each role of `roles`, its families that are installed and cover Chinese, in
    order (an empty list: the role prints in the body's faces)."""
    available = {name.casefold() for name in chinese_families()}
    return {
        role: [name for name in wanted if name.casefold() in available]
        for role, wanted in roles.items()
    }


def _families_from_command() -> set[str]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return set()
    result = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    families: set[str] = set()
    for line in result.stdout.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


class _FcFontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


_FC_RESULT_MATCH = 0


def _families_from_library() -> set[str]:
    name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    fc = ctypes.CDLL(name)
    fc.FcNameParse.restype = ctypes.c_void_p
    fc.FcNameParse.argtypes = [ctypes.c_char_p]
    fc.FcObjectSetBuild.restype = ctypes.c_void_p
    fc.FcFontList.restype = ctypes.POINTER(_FcFontSet)
    fc.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    fc.FcPatternGetString.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p),
    ]
    fc.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    fc.FcObjectSetDestroy.argtypes = [ctypes.c_void_p]
    fc.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FcFontSet)]
    if not fc.FcInit():
        raise OSError("fontconfig could not be initialised")
    pattern = fc.FcNameParse(b":lang=zh")
    objects = fc.FcObjectSetBuild(b"family", None)
    font_set = fc.FcFontList(None, pattern, objects)
    families: set[str] = set()
    try:
        if font_set:
            for i in range(font_set.contents.nfont):
                font = font_set.contents.fonts[i]
                n = 0
                value = ctypes.c_char_p()
                while (
                    fc.FcPatternGetString(font, b"family", n, ctypes.byref(value))
                    == _FC_RESULT_MATCH
                ):
                    if value.value:
                        families.add(value.value.decode("utf-8", "replace"))
                    n += 1
    finally:
        if font_set:
            fc.FcFontSetDestroy(font_set)
        fc.FcObjectSetDestroy(objects)
        fc.FcPatternDestroy(pattern)
    return families
