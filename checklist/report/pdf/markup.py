"""The report as HTML, made from its content (report/content.py): the templates
(templates/) filled in and cut into the parts it is laid out in (parts.py).

Nothing here loads WeasyPrint, so that `checklist report` makes the HTML in one
process while another loads WeasyPrint (see report/commands.py): what the PDF writer
needs of a report is a `Prepared`, plain data that crosses between processes. And
the writer's process needs of this module only `running`, which loads neither the
report's content nor the standard's models: those are imported by `Templates`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from checklist import __version__
from checklist.report.fingerprint import (
    ATTACHMENT_DESCRIPTION,
    ATTACHMENT_NAME,
    STANDARD_ATTACHMENT_DESCRIPTION,
    STANDARD_ATTACHMENT_NAME,
)
from checklist.report.pdf import parts

if TYPE_CHECKING:
    import jinja2

    from checklist.criteria.model import Pack
    from checklist.report.acceptance import AcceptanceContent
    from checklist.report.content import ReportContent

GENERATOR = f"checklist {__version__}"  # the PDF's Creator: verify remakes pages with it

_TEMPLATE = "report.html.j2"
_RUNNING_TEMPLATE = "running.html.j2"
_ACCEPTANCE_TEMPLATE = "acceptance.html.j2"

# The files a report carries: bytes, name, description, PDF/A-3 relationship.
Attached = tuple[tuple[bytes, str, str, str], ...]


@dataclass(frozen=True)
class Prepared:
    """A report ready to be laid out: its HTML in parts, what its running footer
    prints, the files it carries, and what the command says of it."""

    parts: tuple[str, ...]  # the report's HTML, one document a part (parts.py)
    fingerprint: str
    draft: bool
    attached: Attached  # the answers file and the standard's (see `attachments`)
    expected_pages: int  # for the progress shown while it is laid out
    total: str
    grade: str
    edition_notice: str  # "" when the answers were made against this very standard
    doubts_notice: str  # figures of 基本情况 that cannot all be right, or ""

    @property
    def raw(self) -> bytes:
        """The answers file's bytes."""
        return self.attached[0][0]


def running(report: Prepared, pages: int) -> str:
    """The running footer of a report of `pages` pages, a page each (running.css)."""
    return _running_template().render(r=report, pages=pages)


@functools.cache
def _running_template() -> jinja2.Template:
    return _environment().get_template(_RUNNING_TEMPLATE)


def _environment() -> jinja2.Environment:
    import jinja2  # here: the writer's process needs it only once the parts are laid out

    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Templates:
    """The report's templates and the 验收评分表's, compiled once (and kept between
    runs, see `_bytecode_cache`), with the filters and tests they use."""

    def __init__(self) -> None:
        from checklist.report.content import sentence
        from checklist.report.pdf import layout

        self.env = _environment()
        self.env.filters["one_line"] = _one_line
        self.env.filters["lines"] = _lines
        self.env.filters["sentence"] = sentence
        self.env.tests["too_tall"] = layout.too_tall
        self._report = self.env.get_template(_TEMPLATE)

    def report(self, report: ReportContent, part: parts.Part | None = None) -> str:
        """The report as HTML (every piece of user text escaped): the whole of it, or
        one of the parts it is laid out in (see parts.py)."""
        from checklist.report import content as report_content
        from checklist.report.edition_changes import ANNEX_EDITIONS, ANNEX_EDITIONS_TITLE

        return self._report.render(
            r=report,
            part=part or parts.whole(len(report.details)),
            generator=GENERATOR,
            annex_detail=report_content.ANNEX_DETAIL,
            annex_detail_title=report_content.ANNEX_DETAIL_TITLE,
            annex_evidence=report_content.ANNEX_EVIDENCE,
            annex_evidence_title=report_content.ANNEX_EVIDENCE_TITLE,
            annex_editions=ANNEX_EDITIONS,
            annex_editions_title=ANNEX_EDITIONS_TITLE,
        )

    def acceptance(self, sheet: AcceptanceContent) -> str:
        from checklist.report.acceptance import PENDING

        return self.env.get_template(_ACCEPTANCE_TEMPLATE).render(
            a=sheet, generator=GENERATOR, pending=PENDING
        )

    def prepared(self, report: ReportContent, raw: bytes, standard: bytes | None) -> Prepared:
        """`report`, the content of the answers file `raw`, ready to be laid out, with
        `raw` and the bytes of the standard's file `standard` (None: none) attached."""
        # The length of a part's HTML stands for the work of laying it out.
        plan = parts.plan(len(report.details), lambda part: len(self.report(report, part)))
        return Prepared(
            parts=tuple(self.report(report, part) for part in plan),
            fingerprint=report.fingerprint,
            draft=report.draft,
            attached=attachments(raw, standard),
            expected_pages=_estimate_pages(report),
            total=report.total,
            grade=report.grade,
            edition_notice="\n".join(report.edition_notice),
            doubts_notice=report.doubts_notice,
        )

    def prepare(
        self,
        pack: Pack,
        answers: Path | bytes,
        now: dt.datetime | None = None,
        standard: bytes | None = None,
    ) -> Prepared:
        """The report of the answers file `answers` (or its exact bytes), scored against
        `pack`, made at `now` (default now), ready to be laid out, with the bytes of
        `pack`'s file attached (`standard`, default: the file it was loaded from).

        Raises ProblemsError when the answers cannot be read."""
        from checklist.answers import read_answers
        from checklist.criteria.load import source_of
        from checklist.report.content import build_content

        if isinstance(answers, Path):
            try:
                raw = answers.read_bytes()
            except OSError:
                read_answers(answers)  # raises the same error in Chinese, with the path
                raise
            name = answers.name
        else:
            raw, name = answers, ATTACHMENT_NAME
        report = build_content(pack, raw, now, source=name)
        return self.prepared(report, raw, source_of(pack) if standard is None else standard)


def attachments(raw: bytes, standard: bytes | None) -> Attached:
    """The answers file `raw` and the standard's file: under the same names whatever
    the files were called, since verify compares them."""
    answers = (raw, ATTACHMENT_NAME, ATTACHMENT_DESCRIPTION, "Source")
    if standard is None:
        return (answers,)
    return answers, (standard, STANDARD_ATTACHMENT_NAME, STANDARD_ATTACHMENT_DESCRIPTION, "Data")


def _estimate_pages(report: ReportContent) -> int:
    # Measured: the shipped standard's 55 items make 32 pages fully answered, 80 items
    # 40: about two detail rows a page, and a few pages for the cover and main text.
    items = sum(len(group.rows) for area in report.details for group in area.groups)
    return max(8, items // 2 + 3)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The templates compiled once and kept between runs, in a folder of the system's
    temporary folder that only this user may use (Jinja's own choice, which it
    checks): compiling the report's template took a tenth of a second of every
    `checklist report`. Jinja compiles again when a template's text changes. A cache
    that cannot be written (a full disk) is passed over; None when there is no
    temporary folder, or one others could write to."""
    import jinja2

    class TemplateCache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    try:
        return TemplateCache()
    except (OSError, RuntimeError):
        return None


def _one_line(text: object) -> str:
    """Text for a `white-space: pre-line` cell, printed as `normal` would print it.

    Under `normal` a line break in user text is a space; under pre-line it would
    break the line, so it becomes a space here.
    """
    return str(text).replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def _lines(lines: Sequence[object]) -> str:
    """Lines for a `white-space: pre-line` cell: one per line, joined by newlines."""
    return "\n".join(_one_line(line) for line in lines)
