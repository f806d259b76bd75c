"""Text areas (notes, the report's paragraphs) wrap as Chinese does: no line starts
with "。" or "）" (prose.py). Textual 8.2.8 (pinned) wraps them at any character; a
line holding a tab keeps Textual's wrapping, which knows tab stops.
"""

from __future__ import annotations

from textual._wrap import compute_wrap_offsets
from textual.document import _wrapped_document

from checklist.tui.widgets.prose import break_offsets


def _wrap_offsets(
    text: str,
    width: int,
    tab_size: int,
    fold: bool = True,
    precomputed_tab_sections: list[tuple[str, int]] | None = None,
) -> list[int]:
    if "\t" in text:
        return compute_wrap_offsets(text, width, tab_size, fold, precomputed_tab_sections)
    return break_offsets(text, width)


def install() -> None:
    """Make text areas break their lines by the rules of prose.py."""
    _wrapped_document.compute_wrap_offsets = _wrap_offsets
