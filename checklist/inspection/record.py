"""The unit's side of an inspection: its answers file and the standard, as the report
carries them, kept byte for byte in the inspection's `[record]`, and bound to the
report by its fingerprint."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import zlib
from dataclasses import dataclass
from functools import cached_property

from checklist.answers.model import Answers
from checklist.answers.reading import answers_from_bytes
from checklist.criteria.load import pack_from_bytes
from checklist.criteria.model import Pack
from checklist.inspection.model import Bound, Record
from checklist.report.fingerprint import report_fingerprint
from checklist.scoring import Score, score

_LINE = 76  # characters of base64 a line, as e-mail writes it


def encoded(raw: bytes) -> str:
    """`raw` compressed and in base64, in lines (a TOML multi-line string)."""
    text = base64.b64encode(zlib.compress(raw, 9)).decode("ascii")
    return "\n" + "\n".join(text[i : i + _LINE] for i in range(0, len(text), _LINE)) + "\n"


def decoded(text: str, sha256: str) -> bytes:
    """The bytes `encoded` made; ValueError (in Chinese) when they cannot be read or
    are not the bytes whose SHA-256 is `sha256`."""
    try:
        raw = zlib.decompress(base64.b64decode("".join(text.split()), validate=True))
    except (binascii.Error, zlib.error, ValueError):
        raise ValueError("内容无法解码（不是完整的 zlib+base64 数据）") from None
    if hashlib.sha256(raw).hexdigest() != sha256.strip().lower():
        raise ValueError("内容与其校验值（sha256）不符")
    return raw


def make_record(answers_raw: bytes, standard_raw: bytes) -> Record:
    return Record(
        answers=encoded(answers_raw),
        answers_sha256=hashlib.sha256(answers_raw).hexdigest(),
        standard=encoded(standard_raw),
        standard_sha256=hashlib.sha256(standard_raw).hexdigest(),
    )


@dataclass(frozen=True)
class Reported:
    """A unit's report as an inspection sees it: the answers and the standard it was
    made from (their bytes and their models), its fingerprint, and the day it judged
    dates against when the answers give no 自评日期."""

    answers_raw: bytes
    answers: Answers
    standard_raw: bytes
    pack: Pack
    scored_on: dt.date | None = None

    @classmethod
    def read(
        cls, answers_raw: bytes, standard_raw: bytes, name: str, scored_on: dt.date | None
    ) -> Reported:
        """Read both files (`name` says where they come from in messages); raises
        ProblemsError."""
        pack = pack_from_bytes(standard_raw, f"{name} 中的评价标准")
        answers = answers_from_bytes(answers_raw, f"{name} 中的答卷")
        return cls(answers_raw, answers, standard_raw, pack, scored_on)

    @cached_property
    def fingerprint(self) -> str:
        return report_fingerprint(self.answers_raw, self.pack.fingerprint)

    @cached_property
    def self_score(self) -> Score:
        """The 自评分, as the report scored them."""
        return score(self.pack, self.answers, today=self.scored_on)

    def bound(self) -> Bound:
        info = self.pack.info
        return Bound(
            unit=self.answers.profile.unit,
            pack=info.id,
            edition=info.edition,
            criteria=self.pack.fingerprint,
            fingerprint=self.fingerprint,
            scored_on=self.scored_on,
        )

    def record(self) -> Record:
        return make_record(self.answers_raw, self.standard_raw)
