"""The report's pages as a reader sees them (issue 17): no page less than half full
unless what follows must start a page of its own (the main text after the cover, an
annex, an area's scoring sheet) or nothing follows; no page holding a single row of a
table that goes on, unless the row starts a sheet's first page and could not be
kept with the next one."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import pytest

from checklist.report.content import build_content
from tests.support.pdf_text import Run

from .conftest import RenderedSample

MM = 72 / 25.4
# The text block (page.css): 37 mm from the top of the A4 page, 225 mm tall; the
# page number and the fingerprint line are below it.
TOP, BOTTOM = (297 - 37) * MM, (297 - 37 - 225) * MM
# The tables' first column (序号), as wide as 11 mm, at the text block's left edge.
FIRST_COLUMN = (28 * MM, 28 * MM + 11 * MM)


@dataclass(frozen=True)
class Page:
    fill: float  # how far down the text block its text reaches, 0–1
    first: str  # the text at its top
    rows: list[str]  # the numbers of the table rows that start on it


def _pages(runs: list[list[Run]]) -> list[Page]:
    pages = []
    for page in runs:
        texts = [(run.x, run.y, run.text.strip()) for run in page if BOTTOM < run.y < TOP + 20]
        lowest = min((y for _, y, _ in texts), default=TOP)
        first = max(texts, key=lambda t: (t[1], -t[0]))[2] if texts else ""
        rows = [
            text.split()[0]
            for x, _, text in texts
            if FIRST_COLUMN[0] < x < FIRST_COLUMN[1] and re.match(r"\d+(\s|$)", text)
        ]
        pages.append(Page((TOP - lowest) / (TOP - BOTTOM), first, rows))
    return pages


@pytest.fixture(scope="module")
def pages(sample_runs: list[list[Run]]) -> list[Page]:
    return _pages(sample_runs)


@pytest.fixture(scope="module")
def page_starts(rendered: RenderedSample) -> tuple[str, ...]:
    """How the pages begin that must begin a page: the main text (the union's name),
    an annex (附件1 …), an area's scoring sheet."""
    content = build_content(rendered.sample.pack, rendered.sample.answers_path.read_bytes())
    sheets = tuple(re.sub(r"\s+", "", area.heading) for area in content.details)
    return (re.sub(r"\s+", "", content.union), *sheets)


def _starts_a_page(page: Page, starts: tuple[str, ...]) -> bool:
    first = re.sub(r"\s+", "", page.first)
    # 附件1 … but not the 附件说明 (附件：1. 评分明细), which follows the text.
    return first.startswith(starts) or re.match(r"附件\d", first) is not None


def test_no_page_is_less_than_half_full_but_before_a_new_start(
    pages: list[Page], page_starts: tuple[str, ...]
) -> None:
    # The last page of the document ends where its content ends: filling it could only
    # take rows from the page before, making two pages short instead of one.
    short = [
        (number, f"{page.fill:.0%}")
        for number, (page, following) in enumerate(itertools.pairwise(pages), 1)
        if page.fill < 0.5 and not _starts_a_page(following, page_starts)
    ]
    assert not short, short
    assert len(pages) > 20 and all(page.fill > 0.05 for page in pages)


def test_no_page_holds_a_single_row_of_a_table_that_goes_on(
    pages: list[Page], page_starts: tuple[str, ...]
) -> None:
    lonely = [
        (number, page.rows)
        for number, page in enumerate(pages, 1)
        if len(page.rows) == 1 and not _starts_a_page(page, page_starts)
    ]
    assert not lonely, lonely
    assert sum(len(page.rows) for page in pages) > 60  # the rows are found


def test_the_inspectors_line_stays_one_line(sample_texts: list[str]) -> None:
    # 检查组签字：＿＿ 日期：年 月 日 under the last sheet: its 日 never wraps alone.
    lines = [
        re.sub(r"\s+", "", line)
        for page in sample_texts
        for line in page.splitlines()
        if "检查组签字" in line
    ]
    assert lines and all(line.endswith("年月日") for line in lines), lines
