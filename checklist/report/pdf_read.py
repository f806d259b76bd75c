"""A PDF read as viewers read it (for `checklist verify`).

Programs do not agree on a malformed file. In a dictionary that holds a key twice,
poppler and qpdf take the last value, pypdf the first: a page that names two content
streams shows viewers one and a pypdf-based check the other. So verify reads a PDF
once, with qpdf (pikepdf), as viewers do, and has qpdf write it out again in memory:
that copy holds each object once and each key once, and pypdf, which reads the text,
the attachments and the bookmarks, finds in it what qpdf read. What qpdf found wrong
on the way (its warnings) is kept and told: a file as checklist writes it has none.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

# The last kilobyte of a whole PDF holds its end-of-file marker (a few tools append
# a line or two after it).
_TAIL = 1024


class UnreadablePdfError(Exception):
    """The file cannot be read as a PDF at all; the message says why and what to do."""


@dataclass
class ReadPdf:
    """A PDF as qpdf reads it (`pdf`, pikepdf) and pypdf's reader of qpdf's copy."""

    pdf: Any  # pikepdf.Pdf
    reader: Any  # pypdf.PdfReader
    found: list[str] = field(default_factory=list)  # what qpdf found wrong, in Chinese


def read_pdf(data: bytes) -> ReadPdf:
    """`data`, a PDF, read as viewers read it. Raises UnreadablePdfError for a file
    that is not a PDF, is cut short, damaged beyond reading, or encrypted."""
    import pikepdf
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.startswith(b"%PDF-"):
        raise UnreadablePdfError("不是 PDF 文件；请指定 checklist report 生成的 PDF 报告")
    if b"%%EOF" not in data[-_TAIL:]:
        raise UnreadablePdfError(
            "PDF 文件不完整（文件末尾缺失，可能是下载或复制时中断），无法核验；"
            "请重新下载或复制，或向报送单位索取原始报告文件"
        )
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise UnreadablePdfError(_ENCRYPTED) from None
    except pikepdf.PdfError:
        raise UnreadablePdfError("PDF 文件已损坏，无法读取；请向报送单位索取原始报告文件") from None
    if pdf.is_encrypted:
        raise UnreadablePdfError(_ENCRYPTED)
    copy = io.BytesIO()
    try:
        # Every object is read on the way, so qpdf has found all it will find.
        pdf.save(copy, deterministic_id=True)
    except pikepdf.PdfError:
        raise UnreadablePdfError("PDF 文件已损坏，无法读取；请向报送单位索取原始报告文件") from None
    found = [_in_chinese(warning) for warning in pdf.get_warnings()]
    try:
        reader = PdfReader(copy)
        _ = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise UnreadablePdfError("PDF 文件已损坏，无法读取；请向报送单位索取原始报告文件") from None
    return ReadPdf(pdf, reader, list(dict.fromkeys(found)))


_ENCRYPTED = (
    "报告已加密（设置了密码或权限），无法核验；checklist 生成的报告不加密，"
    "请向报送单位索取原始报告文件"
)

_DUPLICATE = re.compile(r"object (\d+) \d+.*duplicated key (/\S+?);")


def _in_chinese(warning: str) -> str:
    """A qpdf warning as the inspector is told it."""
    duplicate = _DUPLICATE.search(warning)
    if duplicate:
        number, key = duplicate.groups()
        return (
            f"第 {number} 号对象中 {key} 出现两次：阅读器按后一个显示，"
            "有的程序却按前一个读取，同一份文件在不同程序中显示的内容可以不同"
        )
    detail = re.sub(r"^.*?\): ", "", warning)  # without qpdf's "stream … (offset …): "
    return f"文件结构有错误，阅读器须猜测如何显示（qpdf：{detail}）"
