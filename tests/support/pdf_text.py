"""The text of a PDF as a reader extracts it (pypdf), page by page, and the pieces of
text a viewer draws, each with where it starts, its face and its size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: `x`, `y` where it starts (points from the page's
    bottom left), `font` the name of its face without the subset tag (None when it is
    drawn with no font of its own), `size` in points."""

    text: str
    font: str | None
    size: float
    x: float
    y: float


def runs_of_page(page: Any) -> list[Run]:
    """The pieces of text on a pypdf page, blank ones left out."""
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        name = (
            str(font["/BaseFont"]).lstrip("/").partition("+")[2] if isinstance(font, dict) else None
        )
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        runs.append(Run(text, name, size * tm[0] * abs(cm[0]), x, y))

    page.extract_text(visitor_text=visit)
    return runs


def runs_of(pdf: Path) -> list[list[Run]]:
    """The pieces of text of each page of `pdf`."""
    return [runs_of_page(page) for page in pypdf.PdfReader(pdf).pages]


def texts_of(pdf: Path) -> list[str]:
    """The text of each page of `pdf`, as pypdf extracts it."""
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]
