"""A signed report's signatures, read back for `checklist verify` (pyHanko).

`checklist sign` adds each signature as an incremental update: the report as this
program wrote it stays the file's first bytes (`original_revision`), which verify
checks as it checks an unsigned report, and every signature after it is told apart
(`signatures`): who signed, when their software says they did, whether the bytes it
covers are unchanged, whether it covers the whole file up to its own revision, and
whether anything but later signatures was added after it. pyHanko's difference
analysis judges what a later revision changed; on top of it a revision that is no
signature's own, or a signature field left unsigned, counts as a change: either can
draw on a page without signing what it draws.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from asn1crypto import pem, x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


class Trust(enum.StrEnum):
    """Whether the signer's certificate chains to a trusted root, judged now (without a
    timestamp, the time a signature claims is the signer's word only): a certificate
    that has expired since signing is UNTRUSTED, with trust_detail saying so. No
    revocation list is fetched."""

    TRUSTED = "trusted"  # the certificate chains to a root given
    UNTRUSTED = "untrusted"  # roots were given, and it does not chain to any (or not now)
    UNKNOWN = "unknown"  # no root was given: nothing to judge by (not an error)


@dataclass(frozen=True)
class SignatureFacts:
    """One signature of a signed report, as verify reports it."""

    field: str  # the signature field's name (Signature1 …)
    signer: str  # the certificate's CN, else its O
    organisation: str  # the certificate's O, '' when it names none
    signed_at: dt.datetime | None  # as the signer's computer claimed it: not a timestamp
    intact: bool  # the bytes it covers are as signed, and the signature fits the certificate
    byte_range: tuple[int, ...]  # the /ByteRange: offset, length, offset, length
    revision: int  # the revision of the file it signs, from 0 (the report as written: 0)
    covers_revision: bool  # it covers the whole file up to the end of its own revision
    changed_after: str  # '' when only later signatures came after it; else what did
    trust: Trust
    trust_detail: str  # in Chinese: the root it chains to, or why it does not
    problem: str = ""  # in Chinese: why it could not be checked at all ('' when it could)

    @property
    def ok(self) -> bool:
        """Intact, covering its revision, and nothing but signatures added after it
        (trust aside: an unknown root is not a fault of the report)."""
        return self.intact and self.covers_revision and not self.changed_after and not self.problem


class SignaturesError(Exception):
    """The file's signatures cannot be read at all; the message is in Chinese."""


def signatures(data: bytes, trust: Sequence[bytes] = ()) -> list[SignatureFacts]:
    """The signatures of the PDF `data`, in the order they were made (none: []).
    `trust` holds the trusted roots, each a PEM (or DER) certificate file's bytes;
    without any, every signature's trust is UNKNOWN.

    Raises SignaturesError for a file pyHanko cannot read, or a root that is not a
    certificate."""
    roots = [_root(item, n) for n, item in enumerate(trust, 1)]
    with _quiet():
        reader = _reader(data)
        try:
            found = reader.embedded_signatures
        except (PdfError, ValueError, KeyError, TypeError) as exc:
            raise SignaturesError(f"PDF 文件中的签名无法读取（{exc}）") from None
        signed_revisions = {sig.signed_revision for sig in found}
        unsigned_fields = _unsigned_fields(reader)
        return [
            _facts(reader, sig, roots, signed_revisions, unsigned_fields)
            for sig in found
            if sig.sig_object_type == "/Sig"
        ]


def original_revision(data: bytes) -> bytes:
    """The bytes of the PDF `data` before its first signature: the report as this
    program wrote it, when it was signed by `checklist sign` (or any tool that adds
    signatures as incremental updates); `data` itself when it has no signature.

    Raises SignaturesError when the first signature is in the file's first revision
    (no unsigned report precedes it), or the end of that revision cannot be found."""
    with _quiet():
        reader = _reader(data)
        try:
            first = min((sig.signed_revision for sig in reader.embedded_signatures), default=None)
        except (PdfError, ValueError, KeyError, TypeError) as exc:
            raise SignaturesError(f"PDF 文件中的签名无法读取（{exc}）") from None
        if first is None:
            return data
        if first == 0:
            raise SignaturesError(
                "签名不是以增量更新的方式加在报告之后的，取不出签名前的报告原件；"
                "请向报送单位索取用 checklist sign 签章的报告"
            )
        end = _revision_end(reader, data, first - 1)
    return data[:end]


_EOF = re.compile(rb"startxref\s+(\d+)\s+%%EOF(\r\n|\r|\n)?")


def _revision_end(reader: PdfFileReader, data: bytes, revision: int) -> int:
    """Where revision `revision` of the file ends: after the %%EOF (and its line end)
    that closes its cross-reference section."""
    xrefs = reader.xrefs
    start = xrefs.get_xref_container_info(revision).end_location
    found = _EOF.search(data, start)
    if found is None or int(found.group(1)) != xrefs.get_startxref_for_revision(revision):
        raise SignaturesError("找不到签名前的报告原件的结尾，文件可能被改动过")
    return found.end()


def _reader(data: bytes) -> PdfFileReader:
    try:
        reader = PdfFileReader(io.BytesIO(data))
        encrypted = reader.encrypt_dict is not None
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise SignaturesError(f"PDF 文件已损坏，其中的签名无法读取（{exc}）") from None
    if encrypted:
        raise SignaturesError("PDF 文件已加密，其中的签名无法读取")
    return reader


def _root(item: bytes, number: int) -> x509.Certificate:
    try:
        der = pem.unarmor(item)[2] if pem.detect(item) else item
        certificate = x509.Certificate.load(der)
        _ = certificate.subject.native  # parsed lazily: a bad one fails here
        return certificate
    except (ValueError, TypeError, KeyError):
        raise SignaturesError(
            f"第 {number} 个根证书文件不是 PEM 或 DER 格式的证书；"
            "请指定证书颁发机构的根证书（.pem、.crt 或 .cer）"
        ) from None


def _facts(
    reader: PdfFileReader,
    sig: Any,
    roots: list[x509.Certificate],
    signed_revisions: set[int],
    unsigned_fields: dict[str, int],
) -> SignatureFacts:
    name = str(sig.field_name)
    byte_range = tuple(int(n) for n in sig.byte_range)
    try:
        signer, organisation = _names(sig.signer_cert)
    except Exception:  # no certificate, or one that cannot be read
        signer, organisation = "（无法读取签名证书）", ""
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(sig, context)
    except Exception as exc:  # pyHanko raises many kinds on damaged signatures
        return SignatureFacts(
            field=name,
            signer=signer,
            organisation=organisation,
            signed_at=None,
            intact=False,
            byte_range=byte_range,
            revision=sig.signed_revision,
            covers_revision=False,
            changed_after="",
            trust=Trust.UNKNOWN if not roots else Trust.UNTRUSTED,
            trust_detail="签名无法核对，无从判断",
            problem=f"签名数据已损坏或所签的内容无法读取，无法核对（{type(exc).__name__}）",
        )
    return SignatureFacts(
        field=name,
        signer=signer,
        organisation=organisation,
        signed_at=status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        byte_range=byte_range,
        revision=sig.signed_revision,
        covers_revision=status.coverage is not None
        and status.coverage >= SignatureCoverageLevel.ENTIRE_REVISION,
        changed_after=_changed_after(reader, sig, status, signed_revisions, unsigned_fields),
        trust=_trust(status, roots),
        trust_detail=_trust_detail(status, roots),
    )


def _names(certificate: x509.Certificate) -> tuple[str, str]:
    subject = certificate.subject.native
    organisation = str(subject.get("organization_name", "") or "")
    common = str(subject.get("common_name", "") or "")
    return common or organisation or certificate.subject.human_friendly, organisation


def _changed_after(
    reader: PdfFileReader,
    sig: Any,
    status: Any,
    signed_revisions: set[int],
    unsigned_fields: dict[str, int],
) -> str:
    """What was added after `sig` besides later signatures, in Chinese ('' for nothing)."""
    revision = sig.signed_revision
    total = reader.xrefs.total_revisions
    changes = []
    level = status.modification_level
    if level is None or level > ModificationLevel.FORM_FILLING or status.docmdp_ok is False:
        changes.append("文件的内容（页面、文档结构或附件）被改动")
    unsigned = [n for n in range(revision + 1, total) if n not in signed_revisions]
    if unsigned:
        changes.append(f"文件被另行修改了 {len(unsigned)} 次（不是签名）")
    later_fields = sorted(f for f, added in unsigned_fields.items() if added > revision)
    if later_fields:
        changes.append(f"加了未签名的签名域 {'、'.join(later_fields)}（可在页面上显示任意内容）")
    return "；".join(changes)


def _unsigned_fields(reader: PdfFileReader) -> dict[str, int]:
    """The signature fields without a signature, by name, with the revision that last
    changed each."""
    found = {}
    try:
        for name, _, ref in fields.enumerate_sig_fields(reader, filled_status=False):
            reference = getattr(ref, "reference", None)
            last = reader.xrefs.total_revisions - 1
            found[str(name)] = reader.xrefs.get_last_change(reference) if reference else last
    except (PdfError, ValueError, KeyError, TypeError):
        pass  # the form cannot be read: the difference analysis judges it
    return found


def _trust(status: Any, roots: list[x509.Certificate]) -> Trust:
    if not roots:
        return Trust.UNKNOWN
    return Trust.TRUSTED if status.trusted else Trust.UNTRUSTED


_TRUST_PROBLEMS = {
    AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND: "签名证书不是由所给的根证书签发的",
    AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE: "签名证书的证书链不通向所给的根证书",
    AdESIndeterminate.EXPIRED: "签名证书或其上级证书已过期",
    AdESIndeterminate.NOT_YET_VALID: "签名证书或其上级证书尚未生效",
    AdESIndeterminate.REVOKED_NO_POE: "签名证书已被吊销",
    AdESIndeterminate.REVOKED_CA_NO_POE: "签名证书的上级证书已被吊销",
    AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE: "签名证书的用途或证书链的约束不允许用于签名",
}


def _trust_detail(status: Any, roots: list[x509.Certificate]) -> str:
    if not roots:
        return "未指定根证书（--trust），无法判断签名证书是否可信"
    if status.trusted:
        try:
            root = status.validation_path.trust_anchor.authority.name.native
            named = root.get("common_name") or root.get("organization_name") or ""
        except (AttributeError, ValueError):
            named = ""
        return (
            f"签名证书的证书链通向所给的根证书“{named}”"
            if named
            else "签名证书的证书链通向所给的根证书"
        )
    return _TRUST_PROBLEMS.get(status.trust_problem_indic, "签名证书未能通过证书链核验")


@contextmanager
def _quiet() -> Iterator[None]:
    """pyHanko logs what it finds wrong (with tracebacks); our facts say what matters."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
