"""Signed reports: `checklist sign` adds a PAdES signature (with an e-seal) as an
incremental update, and `read` tells verify what each signature covers.

For verify: `signatures(data, trust)` and `original_revision(data)` (read.py).
"""

from checklist.report.signing.read import (
    SignatureFacts,
    SignaturesError,
    Trust,
    original_revision,
    signatures,
)

__all__ = ["SignatureFacts", "SignaturesError", "Trust", "original_revision", "signatures"]
