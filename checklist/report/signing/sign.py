"""Signing a report: a PAdES signature (pyHanko) added as an incremental update.

The report's bytes stay as they are, the first revision of the signed file, so that
`checklist verify` checks them as it checks an unsigned report; each signature,
the unit's and then any inspector's, appends a revision of its own, and leaves the
earlier signatures valid.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata

from checklist.report.fingerprint import ATTACHMENT_NAME
from checklist.report.signing.certificate import Credentials, SigningError
from checklist.report.signing.places import (
    Box,
    Place,
    occupied,
    overlap,
    seal_places,
    team_places,
)
from checklist.report.signing.stamp import Appearance

FIELD_PREFIX = "Signature"


@dataclass(frozen=True)
class Report:
    """A report of this program to sign, as pyHanko and pypdf read it."""

    writer: IncrementalPdfFileWriter
    reader: Any  # pypdf's
    name: str  # the file, as messages name it
    acceptance: bool = False  # a 验收评分表 (it carries an inspection), not a unit's report

    @property
    def what(self) -> str:
        """What it is, as messages name it."""
        return "验收评分表" if self.acceptance else "报告"

    @property
    def signature_fields(self) -> set[str]:
        return {name for name, _, _ in fields.enumerate_sig_fields(self.writer.prev)}


@dataclass(frozen=True)
class Signed:
    """The signed file, and where its new signature shows (None: on no page, for the
    report had no "（盖章）" line left uncovered)."""

    data: bytes
    place: Place | None
    earlier: int  # how many signatures the report had before


def open_report(data: bytes, name: str) -> Report:
    """`data`, when it is a report of this program (signed or not) that can be signed;
    `name` names the file in messages. Raises SigningError."""
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # its repairs: ours say what matters
    writer = _writer(data, name)  # first: it tells a file that is no PDF, or encrypted
    reader, acceptance = _report_reader(data, name)
    return Report(writer, reader, name, acceptance)


def sign_report(report: Report, credentials: Credentials, appearance: Appearance) -> Signed:
    """`report` signed by `credentials`, the signature shown as `appearance` over the
    next free "（盖章）" line (on a 验收评分表: the next free blank after 签字： on the
    team's lines). Raises SigningError."""
    taken = report.signature_fields
    field = next(
        f"{FIELD_PREFIX}{n}" for n in range(1, len(taken) + 2) if f"{FIELD_PREFIX}{n}" not in taken
    )
    places = team_places(report.reader) if report.acceptance else seal_places(report.reader)
    place, box = _free_place(places, report.reader, appearance)
    spec = fields.SigFieldSpec(field)
    if place is not None and box is not None:  # in whole points, as pyHanko takes them
        left, bottom, right, top = (round(v) for v in box)
        spec = fields.SigFieldSpec(field, on_page=place.page, box=(left, bottom, right, top))
    signer = signers.PdfSigner(
        PdfSignatureMetadata(
            field_name=field,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            name=credentials.name,
        ),
        signer=credentials.signer,
        stamp_style=appearance.style,
        new_field_spec=spec,
    )
    output = io.BytesIO()
    try:
        signer.sign_pdf(report.writer, output=output)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SigningError(
            f"无法在 {report.name} 上签名（{exc}）；请用 checklist report 重新生成报告后再签"
        ) from None
    return Signed(output.getvalue(), place, len(taken))


def _free_place(
    places: list[Place], reader: Any, appearance: Appearance
) -> tuple[Place | None, Box | None]:
    """The first of `places` where the signature would cover no earlier one, and the
    box it would fill there."""
    for place in places:
        box = appearance.box_for(place.box)
        if not any(overlap(box, other) for other in occupied(reader, place.page)):
            return place, box
    return None, None


def _writer(data: bytes, name: str) -> IncrementalPdfFileWriter:
    if not data.startswith(b"%PDF-"):
        raise SigningError(f"{name} 不是 PDF 文件；请指定 checklist report 生成的 PDF 报告")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        encrypted = writer.prev.encrypt_dict is not None
        if not encrypted:
            _ = writer.prev.root["/Pages"]
    except (PdfError, ValueError, KeyError, TypeError, IndexError):
        raise SigningError(
            f"{name} 已损坏，无法读取；请用 checklist report 重新生成报告后再签"
        ) from None
    if encrypted:
        raise SigningError(
            f"{name} 已加密（设置了密码或权限），不能签名；checklist 生成的报告不加密，"
            "请用 checklist report 重新生成报告后再签"
        )
    return writer


def _report_reader(data: bytes, name: str) -> tuple[Any, bool]:
    """`data` read by pypdf, when it is a report of this program (it carries its
    answers file) or a 验收评分表 (it carries its inspection file); and whether it is
    the latter."""
    from pypdf import PdfReader

    from checklist.report.acceptance import INSPECTION_ATTACHMENT_NAME

    try:
        reader = PdfReader(io.BytesIO(data))
        attachments = reader.attachments
        acceptance = (
            ATTACHMENT_NAME not in attachments and INSPECTION_ATTACHMENT_NAME in attachments
        )
        ours = ATTACHMENT_NAME in attachments or acceptance
    except Exception:  # pypdf raises many kinds on damaged files
        raise SigningError(
            f"{name} 已损坏，无法读取；请用 checklist report 重新生成报告后再签"
        ) from None
    if not ours:
        raise SigningError(
            f"{name} 不是 checklist 生成的自评报告或验收评分表（其中没有内嵌答卷 {ATTACHMENT_NAME}"
            f"或验收记录 {INSPECTION_ATTACHMENT_NAME}），没有签名；"
            "请指定 checklist report 生成的 PDF 报告或验收评分表"
        )
    return reader, acceptance
