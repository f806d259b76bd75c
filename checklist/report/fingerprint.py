"""The report fingerprint inspectors compare: answers content + criteria content."""

from __future__ import annotations

import hashlib

ATTACHMENT_NAME = "answers.toml"
ATTACHMENT_DESCRIPTION = "自评答卷原件"
# The standard the report was scored against, its file as it was read: verify needs
# no copy of its own (reports made before it was embedded have only the answers).
STANDARD_ATTACHMENT_NAME = "criteria.toml"
STANDARD_ATTACHMENT_DESCRIPTION = "计分所依据的评价标准原件"


def report_fingerprint(answers_bytes: bytes, criteria_fingerprint: str) -> str:
    """A short SHA-256 of the exact answers file and the standard it was scored against.

    Printed as four groups of four hex digits (64 bits): short enough to read aloud,
    long enough that a changed answers file cannot be made to match by trial.
    """
    digest = hashlib.sha256()
    digest.update(answers_bytes)
    digest.update(b"\0")
    digest.update(criteria_fingerprint.encode("ascii"))
    short = digest.hexdigest()[:16].upper()
    return "-".join(short[i : i + 4] for i in range(0, 16, 4))
