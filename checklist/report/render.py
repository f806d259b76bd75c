"""Lay out the report with WeasyPrint and write the PDF.

A `Renderer` keeps what is slow to build (the fontconfig configuration, the compiled
stylesheet, the template) so that a second report in the same process, e.g. from
the app, starts at once. It may be used from a worker thread; progress goes to a
callback. The report is laid out in parts side by side (parts.py), each in a forked
child when the caller is the process's only thread, as on the command line
(forked.py), and put together with its running header and footer (assemble.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import mimetypes
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from checklist import __version__
from checklist.answers import answers_from_bytes, read_answers
from checklist.criteria.model import Pack
from checklist.report import assemble, forked, parts
from checklist.report import data as report_data
from checklist.report.compact import (
    DeferredSubsetFonts,
    compact_faces,
    compact_fonts,
    shared_subsets,
)
from checklist.report.engine import (
    CSS,
    HTML,
    PROGRESS_LOGGER,
    Attachment,
    FontConfiguration,
    URLFetcher,
    URLFetcherResponse,
)
from checklist.report.fingerprint import (
    ATTACHMENT_DESCRIPTION,
    ATTACHMENT_NAME,
    report_fingerprint,
)
from checklist.report.fonts import (
    DEFAULT_FAMILIES,
    RARE_CHARACTERS_FAMILY,
    RARE_CHARACTERS_PACKAGE,
    chinese_families,
    usable_families,
)
from checklist.report.forked import Progress
from checklist.report.output import ReportFile
from checklist.scoring import score
from checklist.summary import doubts_notice

# The answers file is TOML (IANA media type since 2024); Python 3.11's table lacks it,
# and WeasyPrint labels the attachment with what mimetypes guesses from its name.
mimetypes.add_type("application/toml", ".toml")

Warn = Callable[[str], None]

_TEMPLATES = "templates"
_TEMPLATE = "report.html.j2"
_RUNNING_TEMPLATE = "running.html.j2"
_PAGE_STYLESHEET = "page.css"
_STYLESHEET = "report.css"
_RUNNING_STYLESHEET = "running.css"
RESOURCE_SCHEME = "checklist-resource:"
GENERATOR = f"checklist {__version__}"  # the PDF's Creator: verify remakes pages with it


class RefusedURLError(ValueError):
    """The report asked for something that is not one of our bundled resources."""


class StrictURLFetcher(URLFetcher):
    """Serves only files bundled in checklist/report/templates; refuses everything else.

    The report needs no outside resource: file://, http(s)://, data: and any other URL
    is refused, whether it comes from the HTML or the CSS. User text is escaped, so such
    a URL can only come from our own template, and refusing it keeps a future mistake
    from reading local files into a PDF that leaves the building.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith(RESOURCE_SCHEME):
            name = url.removeprefix(RESOURCE_SCHEME)
            if name and "/" not in name and "\\" not in name and not name.startswith("."):
                resource = resources.files(__package__).joinpath(_TEMPLATES, name)
                if resource.is_file():
                    return URLFetcherResponse(url, resource.read_bytes())
        self.refused.append(url)
        raise RefusedURLError(f"报告只使用程序自带的资源，已拒绝：{url}")


@dataclass(frozen=True)
class RenderedReport:
    path: Path
    pages: int
    size: int
    fingerprint: str
    total: str
    grade: str
    edition_notice: str  # "" when the answers were made against this very standard
    glyphs_notice: str  # "" when every character printed
    doubts_notice: str = ""  # figures of 基本情况 that cannot all be right, or ""


class Renderer:
    """Turns a unit's answers file into the PDF 自评报告.

    `families` is the font family list for all text, best first; those fontconfig
    does not know are skipped, and none known stops with a Chinese message naming
    the package to install. `warn` receives Chinese warnings (default: stderr).
    `bold=False` prints everything in the regular face (one embedded font);
    `compact=False` embeds fonts as WeasyPrint writes them (see compact.py).
    """

    def __init__(
        self,
        families: Sequence[str] = DEFAULT_FAMILIES,
        *,
        warn: Warn | None = None,
        bold: bool = True,
        compact: bool = True,
        extra_css: str = "",
    ) -> None:
        self.families = usable_families(families)
        self._compact = compact
        self._warn = warn or _warn_stderr
        self._check_subsetter()
        self.fetcher = StrictURLFetcher()
        self.font_config = FontConfiguration()
        self._env = jinja2.Environment(
            loader=jinja2.PackageLoader("checklist.report", _TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._env.filters["one_line"] = _one_line
        self._env.filters["lines"] = _lines
        self._env.filters["sentence"] = _sentence
        self._template = self._env.get_template(_TEMPLATE)
        self._running_template = self._env.get_template(_RUNNING_TEMPLATE)
        common = _font_rule(self.families) + ("" if bold else _NO_BOLD) + extra_css
        self.stylesheet = self._css(_PAGE_STYLESHEET, _STYLESHEET, extra=common)
        self.running_stylesheet = self._css(_PAGE_STYLESHEET, _RUNNING_STYLESHEET, extra=common)

    def _css(self, *names: str, extra: str) -> CSS:
        folder = resources.files(__package__).joinpath(_TEMPLATES)
        text = "\n".join(folder.joinpath(name).read_text("utf-8") for name in names)
        return CSS(string=text + extra, font_config=self.font_config, url_fetcher=self.fetcher)

    def html(self, report: report_data.ReportData, part: parts.Part | None = None) -> str:
        """The report as HTML (every piece of user text escaped): the whole of it, or
        one of the parts it is laid out in (see parts.py)."""
        return self._template.render(
            r=report,
            part=part or parts.whole(len(report.details)),
            generator=GENERATOR,
            annex_detail=report_data.ANNEX_DETAIL,
            annex_detail_title=report_data.ANNEX_DETAIL_TITLE,
            annex_evidence=report_data.ANNEX_EVIDENCE,
            annex_evidence_title=report_data.ANNEX_EVIDENCE_TITLE,
        )

    def render(
        self,
        pack: Pack,
        answers: Path | bytes,
        output_path: Path,
        *,
        pdfa: bool = False,
        progress: Progress | None = None,
        now: dt.datetime | None = None,
    ) -> RenderedReport:
        """Score the answers file and write its report to `output_path`.

        `answers` is the answers file (or its exact bytes): the bytes are embedded in
        the PDF and fingerprinted, and the report is made from those same bytes.
        Raises ProblemsError when the answers cannot be read, OutputRefusedError
        when `output_path` holds something other than an earlier report or its folder
        cannot be written to (see output.py), forked.ChildDiedError when the process
        laying it out is killed, and OSError when the finished PDF cannot be written
        (a full disk). The PDF is written whole or not at all (output.ReportFile).
        `now` is when the report is made (default: now); without a 自评日期 in the
        answers, their dates are judged against its day, which the report prints.
        """
        output_path = Path(output_path)
        report_progress = progress or (lambda fraction, message: None)
        with ReportFile(output_path) as target:
            report_progress(0.0, "读取答卷")
            if isinstance(answers, Path):
                try:
                    raw = answers.read_bytes()
                except OSError:
                    read_answers(answers)  # raises the same error in Chinese, with the path
                    raise
                name = answers.name
            else:
                raw, name = answers, ATTACHMENT_NAME
            parsed = answers_from_bytes(raw, name)
            # Without a 自评日期 dates are judged against the day the report is made,
            # which the report prints and records (verify scores it on that day).
            now = now or dt.datetime.now().astimezone().replace(microsecond=0)
            result = score(pack, parsed, today=now.date())
            fingerprint = report_fingerprint(raw, pack.fingerprint)
            report = report_data.build_report_data(
                pack, parsed, result, fingerprint=fingerprint, now=now
            )
            report_progress(0.05, "生成报告内容")
            pdf, pages, missing = self._write(
                report, raw, name, pdfa, report_progress, _estimate_pages(pack)
            )
            target.write(pdf)
        report_progress(1.0, "完成")
        return RenderedReport(
            path=output_path,
            pages=pages,
            size=output_path.stat().st_size,
            fingerprint=fingerprint,
            total=report.total,
            grade=report.grade,
            edition_notice="\n".join(report.edition_notice),
            glyphs_notice=_missing_glyphs_notice(missing, raw) if missing else "",
            doubts_notice=doubts_notice(parsed),
        )

    def _write(
        self,
        report: report_data.ReportData,
        raw: bytes,
        name: str,
        pdfa: bool,
        report_progress: Progress,
        expected_pages: int,
    ) -> tuple[bytes, int, frozenset[str]]:
        """Lay the report out in parts side by side, each in a child process where
        that is safe (see parts.py, forked.py), and join them with their running
        header and footer: the PDF, its number of pages and the characters no
        installed font has."""
        # The length of a part's HTML stands for the work of laying it out.
        plan = parts.plan(len(report.details), lambda part: len(self.html(report, part)))
        attachment = Attachment(
            string=raw,
            name=ATTACHMENT_NAME,
            # The same whatever the file was called: verify compares it.
            description=ATTACHMENT_DESCRIPTION,
            relationship="Source",
            url_fetcher=self.fetcher,
        )
        works = [
            partial(
                self._lay_out,
                self.html(report, part),
                attachments=[attachment] if number == 0 else [],
                pdfa=pdfa,
            )
            for number, part in enumerate(plan)
        ]
        running: list[bytes] = []

        def laid_out(pages: int) -> None:
            # While the parts are being written: the pages' header and footer, and the
            # library that joins them. (Measured: in a thread of its own, so that the
            # parts' meeting is answered meanwhile, the report took 8 % longer.)
            report_progress(0.85, f"写入 PDF（{pages} 页）")
            running.append(self._running(report, pages, pdfa))
            import pikepdf  # noqa: F401

        tracker = _PartsProgress(report_progress, len(works), expected_pages, laid_out)
        laid_out_parts: list[assemble.LaidOutPart] = forked.run_all(
            works, tracker.told, _share_faces
        )
        pdf, pages = assemble.assemble(laid_out_parts, running[0])
        return pdf, pages, frozenset().union(*(part.missing for part in laid_out_parts))

    def _lay_out(
        self, html: str, tell: forked.Tell, *, attachments: list[Any], pdfa: bool
    ) -> Generator[dict[str, set[int]], dict[str, set[int]], assemble.LaidOutPart]:
        """One part of the report, laid out and written as a PDF of its own. It meets
        the other parts (see forked.run_all) to subset each face once for them all:
        it yields the glyphs it prints with each face and is given those to subset."""
        # The document lives only in here, so that the collection at the end of the
        # pause finds it unreachable (see _collector_paused).
        with _collector_paused():
            with _LayoutProgress(partial(tell, "page")):
                document = HTML(string=html, url_fetcher=self.fetcher).render(
                    font_config=self.font_config, stylesheets=[self.stylesheet]
                )
            tell("laid_out", len(document.pages))
            pdf = self._pdf(document, attachments, pdfa)
            mine = yield compact_faces(document.fonts)
            return assemble.LaidOutPart(
                pdf,
                len(document.pages),
                _bookmarks(document),
                subsets=shared_subsets(document.fonts, mine),
                # WeasyPrint notes them as it draws: glyph ids of its own, for .notdef.
                missing=frozenset(chr(c) for f in document.fonts.values() for c in f.missing),
            )

    def _running(self, report: report_data.ReportData, pages: int, pdfa: bool) -> bytes:
        """The running header and footer of a report of `pages` pages, a page each."""
        html = self._running_template.render(r=report, pages=pages)
        with _collector_paused():
            document = HTML(string=html, url_fetcher=self.fetcher).render(
                font_config=self.font_config, stylesheets=[self.running_stylesheet]
            )
            return self._pdf(document, [], pdfa)

    def _pdf(self, document: Any, attachments: list[Any], pdfa: bool) -> bytes:
        if self._compact:
            # The finisher re-subsets the CJK fonts: spare WeasyPrint its own subset.
            document.fonts = DeferredSubsetFonts()
        pdf: bytes = document.write_pdf(
            finisher=self._finish,
            attachments=attachments,
            custom_metadata=True,
            pdf_variant="pdf/a-3b" if pdfa else None,
        )
        return pdf

    def _finish(self, document: Any, pdf: Any) -> None:
        """WeasyPrint finisher: compact fonts, and list the attachment once in /AF.

        For PDF/A-3, WeasyPrint 70 lists each attached file in the catalog's /AF twice
        (once from the name tree, once as a file specification); validators flag that.
        """
        if self._compact:
            compact_fonts(document, pdf)
        files = pdf.catalog.get("AF")
        if files is not None:
            unique = list(dict.fromkeys(files))
            files.clear()
            files.extend(unique)

    def _check_subsetter(self) -> None:
        from weasyprint.text.ffi import harfbuzz_subset

        if harfbuzz_subset is None:
            self._warn(
                "提示：未找到 HarfBuzz 字体子集库（libharfbuzz-subset0），"
                "生成报告会慢很多（可能要多花数秒）。"
                "Debian/Ubuntu 上运行：sudo apt-get install libharfbuzz-subset0"
            )


# For a report with a single face (e.g. for a font family without a bold face).
_NO_BOLD = "\n* { font-weight: normal !important; }\n"


def _font_rule(families: Sequence[str]) -> str:
    quoted = ", ".join('"' + name.replace("\\", "").replace('"', "") + '"' for name in families)
    return f"\nhtml {{ font-family: {quoted}, serif; }}\n"


_collector_lock = threading.Lock()
_collector_pauses = 0
_collector_was_enabled = False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while WeasyPrint lays out and writes.

    Laying out a 40-page report allocates some 200,000 objects that live until the PDF
    is written; with the collector on, its full collections walk all of them again and
    again (about 0.2 s of 1.6 s). Paused, reference counting still frees what it can,
    and one young-generation collection at the end reclaims the cycles the render left
    (about 0.2 s, which a forked child skips by exiting). Renders in several threads
    share one pause: the collector comes back on when the last of them ends, and only
    if it was on before the first.
    """
    global _collector_pauses, _collector_was_enabled
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pauses += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses -= 1
            resume = _collector_pauses == 0 and _collector_was_enabled
            if resume:
                gc.enable()
        if resume:
            gc.collect(0)


def _one_line(text: object) -> str:
    """Text for a `white-space: pre-line` cell, printed as `normal` would print it.

    Under `normal` a line break in user text is a space; under pre-line it would
    break the line, so it becomes a space here.
    """
    return str(text).replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def _lines(lines: Sequence[object]) -> str:
    """Lines for a `white-space: pre-line` cell: one per line, joined by newlines."""
    return "\n".join(_one_line(line) for line in lines)


def _sentence(text: object) -> str:
    """Text ending as a sentence does, so that another can follow it."""
    text = str(text)
    return text if not text or text[-1] in "。！？；" else text + "。"


def _warn_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _missing_glyphs_notice(missing: frozenset[str], raw: bytes) -> str:
    """What to tell of characters no installed font has, and where the answers hold them."""
    lines = raw.decode("utf-8-sig", errors="replace").splitlines()
    shown = []
    for char in sorted(missing):
        found = [str(n) for n, line in enumerate(lines, 1) if char in line]
        more = " 等" if len(found) > 5 else ""
        where = f"答卷第 {'、'.join(found[:5])}{more} 行" if found else "评价标准中"
        shown.append(f"“{char}”（U+{ord(char):04X}，{where}）")
    installed = {name.casefold() for name in chinese_families()}
    if RARE_CHARACTERS_FAMILY.casefold() in installed:
        remedy = "请在答卷中改写这些字，或安装收录这些字的字体后重新生成报告。"
    else:
        remedy = (
            "请安装收录这些字的字体后重新生成报告（Debian/Ubuntu：sudo apt-get install "
            f"{RARE_CHARACTERS_PACKAGE}），或在答卷中改写这些字。"
        )
    return (
        f"报告中有 {len(missing)} 个字在已安装的字体中都没有，印出来是方框："
        f"{'、'.join(shown)}。{remedy}"
    )


def _estimate_pages(pack: Pack) -> int:
    # Measured: the shipped standard's 55 items make 32 pages fully answered, 80 items
    # 40: about two detail rows a page, and a few pages for the cover and main text.
    return max(8, len(pack.items) // 2 + 3)


def _share_faces(faces: list[dict[str, set[int]]]) -> list[dict[str, set[int]]]:
    """For each part, the faces it is to subset and to which glyphs: a face goes to the
    first part that prints it, with the glyphs all parts print with it. Each face is
    then embedded once (assemble.py); the running header keeps its own subsets."""
    union: dict[str, set[int]] = {}
    for glyphs in faces:
        for face, ids in glyphs.items():
            union.setdefault(face, set()).update(ids)
    owners: dict[str, int] = {}
    for number, glyphs in enumerate(faces):
        for face in glyphs:
            owners.setdefault(face, number)
    return [
        {face: union[face] for face, owner in owners.items() if owner == number}
        for number in range(len(faces))
    ]


class _PartsProgress:
    """The parts laid out side by side, followed as one: the pages laid out so far in
    all parts against the pages expected, and `laid_out(pages)` once all are."""

    def __init__(
        self,
        progress: Progress,
        parts: int,
        expected_pages: int,
        laid_out: Callable[[int], None],
    ) -> None:
        self._progress = progress
        self._expected = expected_pages
        self._pages = [0] * parts
        self._laid_out = laid_out
        self._parts_laid_out: dict[int, int] = {}

    def told(self, part: int, kind: str, *values: Any) -> None:
        if kind == "page":
            self._pages[part] = values[0]
            done = sum(self._pages)
            fraction = 0.1 + 0.75 * min(done / self._expected, 0.98)
            self._progress(fraction, f"排版第 {done} 页")
        elif kind == "laid_out":
            self._parts_laid_out[part] = values[0]
            if len(self._parts_laid_out) == len(self._pages):
                self._laid_out(sum(self._parts_laid_out.values()))


class _LayoutProgress(logging.Handler):
    """Hands on WeasyPrint's progress log of this thread: the number of each page it
    starts to lay out."""

    def __init__(self, page: Callable[[int], None]) -> None:
        super().__init__(logging.INFO)
        self._page = page
        self._thread = threading.get_ident()
        self._level = PROGRESS_LOGGER.level

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self._thread:
            return
        message = record.getMessage()
        if message.startswith("Step 5 - Creating layout - Page "):
            self._page(int(message.rsplit(" ", 1)[-1]))

    def __enter__(self) -> _LayoutProgress:
        PROGRESS_LOGGER.addHandler(self)
        if PROGRESS_LOGGER.level == logging.NOTSET or PROGRESS_LOGGER.level > logging.INFO:
            PROGRESS_LOGGER.setLevel(logging.INFO)
        return self

    def __exit__(self, *exc: object) -> None:
        PROGRESS_LOGGER.removeHandler(self)
        PROGRESS_LOGGER.setLevel(self._level)


def _bookmarks(document: Any) -> list[assemble.Bookmark]:
    """The document's headings for the outline, in PDF points (WeasyPrint lays out
    in CSS pixels, 0.75 pt each, from the top of the page)."""
    return [
        assemble.Bookmark(
            level, label, number, x * 0.75, (page.height - y) * 0.75, state == "closed"
        )
        for number, page in enumerate(document.pages)
        for level, label, (x, y), state in page.bookmarks
    ]
