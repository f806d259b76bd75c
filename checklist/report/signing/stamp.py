"""What a signature shows on the page: the unit's e-seal image, or a small stamp
naming the signer and the time.

The seal is printed as ink is (multiplied with the page): a white background,
as scans of a stamped sheet have, leaves the text under it readable. The text stamp
draws the glyphs' outlines from a Chinese font the system has (fontconfig), so that
a signer's Chinese name shows without embedding a font (pyHanko's own text stamps
need HarfBuzz, and do not read the .ttc collections Noto CJK comes in).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools.pens.basePen import BasePen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont, TTLibError
from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import PdfContent, ResourceType
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, Margins, SimpleBoxLayoutRule
from pyhanko.stamp import StaticStampStyle

from checklist.problems import display_path, os_error_text
from checklist.reading import MB, read_file
from checklist.report.signing.certificate import SigningError
from checklist.report.signing.places import Box

MM = 72 / 25.4  # points per millimetre
SEAL_ACROSS = 40 * MM  # the longer side of a seal, as official seals are 40–42 mm
SEAL_PIXELS = 1000  # the most pixels across kept of a seal image (600 dpi at 40 mm)
STAMP_FAMILY = "Noto Sans CJK SC"
INK = (0.75, 0.0, 0.0)  # the text stamp's colour: a seal's red


@dataclass(frozen=True)
class Appearance:
    """How a signature looks: pyHanko's style for its widget, the widget's size, and
    whether it is put over the line it goes to (a seal) or just above it (a text
    stamp, which would be unreadable over text)."""

    style: StaticStampStyle
    width: float
    height: float
    over_line: bool

    def box_for(self, line: Box) -> Box:
        """Where the widget goes for the line of text in `line`: centred on it, or
        centred above it."""
        left, bottom, right, top = line
        x = (left + right) / 2
        y = (bottom + top) / 2 if self.over_line else top + 1 + self.height / 2
        return x - self.width / 2, y - self.height / 2, x + self.width / 2, y + self.height / 2


def read_seal(path: Path) -> Image.Image:
    """The seal image at `path`, a PNG, at most SEAL_PIXELS across; raises SigningError."""
    name = display_path(path)
    try:
        data = read_file(path, 32 * MB, "印章图片")
    except FileNotFoundError:
        raise SigningError(f"找不到印章图片 {name}，请检查路径") from None
    except OSError as exc:
        raise SigningError(f"无法读取印章图片 {name}：{os_error_text(exc)}") from None
    except ValueError as exc:
        raise SigningError(f"无法读取印章图片 {name}：{exc}") from None
    try:
        image: Image.Image = Image.open(io.BytesIO(data))
        if image.format != "PNG":
            raise SigningError(
                f"印章图片 {name} 不是 PNG 图片；请把电子印章导出或另存为 PNG（最好带透明背景）"
            )
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise SigningError(
            f"印章图片 {name} 已损坏或不是 PNG 图片，无法读取；"
            "请把电子印章重新导出或另存为 PNG（最好带透明背景）"
        ) from None
    image.thumbnail((SEAL_PIXELS, SEAL_PIXELS), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    return image


def seal_appearance(image: Image.Image) -> Appearance:
    """The seal image, SEAL_ACROSS on its longer side."""
    scale = SEAL_ACROSS / max(image.width, image.height)
    width, height = image.width * scale, image.height * scale
    seal = PdfImage(image, box=BoxConstraints(width, height))
    return Appearance(_style(_AsInk(seal, width, height), border=0), width, height, True)


def text_appearance(name: str, moment: dt.datetime) -> Appearance:
    """A small stamp: the signer's name over 数字签名 and the time (local)."""
    local = moment.astimezone()
    lines = [
        (name, 9.0),
        (f"数字签名  {local:%Y-%m-%d %H:%M}", 7.0),
    ]
    font = _stamp_font("".join(text for text, _ in lines))
    pad, gap = 4.0, 3.0
    widths = [_advance(font, text, size) for text, size in lines]
    width = max(widths) + 2 * pad
    height = sum(size for _, size in lines) + gap + 2 * pad
    ops = [f"{INK[0]:.3f} {INK[1]:.3f} {INK[2]:.3f} rg"]
    y = height - pad
    for (text, size), line_width in zip(lines, widths, strict=True):
        y -= size
        ops += _outlines(font, text, size, (width - line_width) / 2, y + 0.12 * size)
        y -= gap
    content = _Drawn(" ".join(ops).encode(), width, height)
    return Appearance(_style(content, border=1), width, height, False)


def _style(content: PdfContent, border: int) -> StaticStampStyle:
    return StaticStampStyle(
        background=content,
        background_opacity=1.0,
        border_width=border,
        border_color=INK,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(0),
        ),
    )


class _Drawn(PdfContent):
    """Fixed drawing operators in a box."""

    def __init__(self, ops: bytes, width: float, height: float) -> None:
        super().__init__(box=BoxConstraints(width, height))
        self._ops = ops

    def render(self) -> bytes:
        return self._ops


class _AsInk(PdfContent):
    """An image printed as ink is: multiplied with what lies under it."""

    def __init__(self, image: PdfImage, width: float, height: float) -> None:
        super().__init__(box=BoxConstraints(width, height))
        self._image = image

    def render(self) -> bytes:
        self._image.set_writer(self.writer)
        drawn = self._image.render()
        self.import_resources(self._image.resources)
        self.set_resource(
            category=ResourceType.EXT_G_STATE,
            name=generic.pdf_name("/Ink"),
            value=generic.DictionaryObject(
                {generic.pdf_name("/BM"): generic.pdf_name("/Multiply")}
            ),
        )
        return b"q /Ink gs " + drawn + b" Q"


def _stamp_font(text: str) -> Any:
    """A Chinese font that has every character of `text` (fontTools), or SigningError."""
    found = _font_file(STAMP_FAMILY)
    advice = (
        "请安装中文字体（Debian/Ubuntu：sudo apt-get install fonts-noto-cjk），"
        "或用 --seal 指定电子印章图片"
    )
    if found is None:
        raise SigningError(f"找不到显示签名人姓名所需的中文字体；{advice}")
    path, index = found
    try:
        font = TTFont(path, fontNumber=index, lazy=True)
        cmap = font.getBestCmap()
    except (TTLibError, OSError, KeyError, AssertionError):
        raise SigningError(f"无法读取中文字体 {path}；{advice}") from None
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in cmap})
    if missing:
        raise SigningError(
            f"字体 {path} 中没有签名人姓名里的字“{''.join(missing)}”；"
            "请安装含这些字的中文字体（如 fonts-hanazono），或用 --seal 指定电子印章图片"
        )
    return font


def _font_file(family: str) -> tuple[str, int] | None:
    """The file and face index fontconfig picks for `family` in Chinese."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{file}\n%{index}", f"{family}:lang=zh-cn"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        path, index = result.stdout.split("\n")[:2]
        # The high bits of a variable font's index name an instance, not a face.
        return (path, int(index) & 0xFFFF) if path and Path(path).is_file() else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def _advance(font: Any, text: str, size: float) -> float:
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    units = sum(metrics[cmap[ord(c)]][0] for c in text if ord(c) in cmap)
    return float(units * size / font["head"].unitsPerEm)


def _outlines(font: Any, text: str, size: float, x: float, y: float) -> list[str]:
    """PDF path operators that fill the outlines of `text` at `size` from (x, y)."""
    glyphs = font.getGlyphSet()
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    scale = size / font["head"].unitsPerEm
    pen = _PathPen(glyphs)
    for char in text:
        name = cmap.get(ord(char))
        if name is None:
            continue
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, scale, x, y)))
        x += metrics[name][0] * scale
    return [*pen.ops, "f"]


class _PathPen(BasePen):
    """Outlines as PDF path operators (fontTools turns quadratic curves into cubic)."""

    def __init__(self, glyphs: Any) -> None:
        super().__init__(glyphs)
        self.ops: list[str] = []

    def _moveTo(self, p: tuple[float, float]) -> None:
        self.ops.append(f"{p[0]:.2f} {p[1]:.2f} m")

    def _lineTo(self, p: tuple[float, float]) -> None:
        self.ops.append(f"{p[0]:.2f} {p[1]:.2f} l")

    def _curveToOne(self, *points: tuple[float, float]) -> None:
        self.ops.append(" ".join(f"{x:.2f} {y:.2f}" for x, y in points) + " c")

    def _closePath(self) -> None:
        self.ops.append("h")
