"""Write the report's content (report/content.py) as a PDF, with WeasyPrint.

A `Renderer` keeps what is slow to build (the fontconfig configuration, the compiled
stylesheet, the templates) so that a second report in the same process, e.g. from
the app, starts at once. It may be used from a worker thread; progress goes to a
callback. A report is first made HTML (markup.py), then laid out in parts side by
side, each in a forked worker process when the caller is the process's only thread,
as on the command line (parts.py), and put together with its running header and
footer (assemble.py). Importing this module loads WeasyPrint but neither the
report's content nor the standard's models: `checklist report` makes those in
another process meanwhile (commands.py).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import gc
import logging
import mimetypes
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklist.report import side_by_side
from checklist.report.output import ReportFile
from checklist.report.pdf import assemble, parts
from checklist.report.pdf.compact import DeferredSubsetFonts, compact_fonts
from checklist.report.pdf.engine import (
    CSS,
    HTML,
    PROGRESS_LOGGER,
    Attachment,
    FontConfiguration,
    URLFetcher,
    URLFetcherResponse,
)
from checklist.report.pdf.fonts import (
    DEFAULT_FAMILIES,
    RARE_CHARACTERS_FAMILY,
    RARE_CHARACTERS_PACKAGE,
    ROLE_FAMILIES,
    chinese_families,
    role_families,
    usable_families,
)
from checklist.report.pdf.markup import GENERATOR as GENERATOR  # the PDF's Creator
from checklist.report.pdf.markup import Attached, Prepared, Templates, running

if TYPE_CHECKING:
    from checklist.criteria.model import Pack
    from checklist.report.acceptance import AcceptanceContent
    from checklist.report.content import ReportContent

# The answers file is TOML (IANA media type since 2024); Python 3.11's table lacks it,
# and WeasyPrint labels the attachment with what mimetypes guesses from its name.
mimetypes.add_type("application/toml", ".toml")

Warn = Callable[[str], None]
Progress = Callable[[float, str], None]

_TEMPLATES = "templates"
_PAGE_STYLESHEET = "page.css"
_STYLESHEET = "report.css"
_RUNNING_STYLESHEET = "running.css"
_ACCEPTANCE_STYLESHEET = "acceptance.css"
RESOURCE_SCHEME = "checklist-resource:"


class RefusedURLError(ValueError):
    """The report asked for something that is not one of our bundled resources."""


class StrictURLFetcher(URLFetcher):
    """Serves only files bundled in checklist/report/pdf/templates; refuses everything else.

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


@dataclass(frozen=True)
class RenderedSheet:
    path: Path
    pages: int
    size: int


class Renderer:
    """Turns a unit's answers file into the PDF 自评报告.

    `families` is the font family list for the body and the title, best first; those
    fontconfig does not know are skipped, and none known stops with a Chinese message
    naming the package to install. `roles` gives the faces of the headings that
    GB/T 9704 prints in other faces (fonts.ROLE_FAMILIES: 黑体, 楷体), by default
    those of the default family list only: a list of the user's own
    ($CHECKLIST_FONTS) prints every role in it. `warn` receives Chinese warnings (default: stderr).
    `bold=False` prints everything in the regular face (one embedded font);
    `compact=False` embeds fonts as WeasyPrint writes them (see compact.py).
    """

    def __init__(
        self,
        families: Sequence[str] = DEFAULT_FAMILIES,
        *,
        roles: dict[str, tuple[str, ...]] | None = None,
        warn: Warn | None = None,
        bold: bool = True,
        compact: bool = True,
        extra_css: str = "",
    ) -> None:
        self.families = usable_families(families)
        if roles is None:
            roles = ROLE_FAMILIES if tuple(families) == DEFAULT_FAMILIES else {}
        self.roles = role_families(roles)
        self._compact = compact
        self._warn = warn or _warn_stderr
        self._check_subsetter()
        self.fetcher = StrictURLFetcher()
        self.font_config = FontConfiguration()
        common = _font_rule(self.families, self.roles) + ("" if bold else _NO_BOLD) + extra_css
        self.stylesheet = self._css(_PAGE_STYLESHEET, _STYLESHEET, extra=common)
        self._common_css = common
        self._acceptance_stylesheet: CSS | None = None  # compiled for the first sheet

    @cached_property
    def templates(self) -> Templates:
        """The report's templates: made when first needed, for the report's content
        needs the standard's models loaded (see markup.py)."""
        return Templates()

    @property
    def _env(self) -> Any:
        return self.templates.env

    @cached_property
    def running_stylesheet(self) -> CSS:
        """The running header and footer's: compiled when first needed, which on the
        command line is while the report's parts are being laid out in other processes."""
        return self._css(_PAGE_STYLESHEET, _RUNNING_STYLESHEET, extra=self._common_css)

    def _css(self, *names: str, extra: str) -> CSS:
        folder = resources.files(__package__).joinpath(_TEMPLATES)
        text = "\n".join(folder.joinpath(name).read_text("utf-8") for name in names)
        return CSS(string=text + extra, font_config=self.font_config, url_fetcher=self.fetcher)

    def html(self, report: ReportContent, part: parts.Part | None = None) -> str:
        """The report as HTML (every piece of user text escaped): the whole of it, or
        one of the parts it is laid out in (see parts.py)."""
        return self.templates.report(report, part)

    def render(
        self,
        pack: Pack,
        answers: Path | bytes,
        output_path: Path,
        *,
        pdfa: bool = False,
        progress: Progress | None = None,
        now: dt.datetime | None = None,
        standard: bytes | None = None,
    ) -> RenderedReport:
        """Write the report of the answers file `answers` (or its exact bytes), scored
        against `pack`, to `output_path`: its content (content.build_content, made at
        `now`, default now) as `write` writes it, with the bytes of `pack`'s file
        attached (`standard`, default: the file it was loaded from).

        Raises ProblemsError when the answers cannot be read, and what `write` raises."""
        if progress is not None:
            progress(0.0, "读取答卷")
        prepared = self.templates.prepare(pack, answers, now, standard)
        return self.write_prepared(prepared, output_path, pdfa=pdfa, progress=progress)

    def write(
        self,
        report: ReportContent,
        raw: bytes,
        output_path: Path,
        *,
        standard: bytes | None,
        pdfa: bool = False,
        progress: Progress | None = None,
    ) -> RenderedReport:
        """Write `report`, the content of the answers file `raw`, to `output_path`, with
        `raw` attached, and the bytes of the standard's file `standard` (None: none,
        as verify remakes a report made before the standard was attached).
        Raises what `write_prepared` raises."""
        prepared = self.templates.prepared(report, raw, standard)
        return self.write_prepared(prepared, output_path, pdfa=pdfa, progress=progress)

    def write_prepared(
        self,
        report: Prepared,
        output_path: Path,
        *,
        pdfa: bool = False,
        progress: Progress | None = None,
    ) -> RenderedReport:
        """Write `report` (markup.Prepared) to `output_path`.

        Raises OutputRefusedError when `output_path` holds something other than an
        earlier report or its folder cannot be written to (see output.py),
        side_by_side.ChildDiedError when a process laying it out is killed, and OSError when
        the finished PDF cannot be written (a full disk). The PDF is written whole or
        not at all (output.ReportFile)."""
        output_path = Path(output_path)
        report_progress = progress or (lambda fraction, message: None)
        with ReportFile(output_path) as target:
            report_progress(0.05, "生成报告内容")
            pdf, pages, missing = self._write(report, pdfa, report_progress)
            target.write(pdf)
        report_progress(1.0, "完成")
        return RenderedReport(
            path=output_path,
            pages=pages,
            size=output_path.stat().st_size,
            fingerprint=report.fingerprint,
            total=report.total,
            grade=report.grade,
            edition_notice=report.edition_notice,
            glyphs_notice=_missing_glyphs_notice(missing, report.raw) if missing else "",
            doubts_notice=report.doubts_notice,
        )

    def write_acceptance(
        self, sheet: AcceptanceContent, raw: bytes, output_path: Path
    ) -> RenderedSheet:
        """Write the 验收评分表 `sheet`, the content of the inspection file `raw`, to
        `output_path`, with `raw` attached (it carries the unit's answers and the
        standard). Raises what `write` raises; written whole or not at all."""
        from checklist.report.acceptance import (
            INSPECTION_ATTACHMENT_DESCRIPTION,
            INSPECTION_ATTACHMENT_NAME,
        )

        output_path = Path(output_path)
        if self._acceptance_stylesheet is None:
            self._acceptance_stylesheet = self._css(
                _STYLESHEET, _ACCEPTANCE_STYLESHEET, extra=self._common_css
            )
        html = self.templates.acceptance(sheet)
        attachment = Attachment(
            string=raw,
            name=INSPECTION_ATTACHMENT_NAME,
            description=INSPECTION_ATTACHMENT_DESCRIPTION,
            relationship="Source",
            url_fetcher=self.fetcher,
        )
        with ReportFile(output_path) as target:
            with _collector_paused():
                document = HTML(string=html, url_fetcher=self.fetcher).render(
                    font_config=self.font_config, stylesheets=[self._acceptance_stylesheet]
                )
                pages = len(document.pages)
                pdf = assemble.alone(self._pdf(document, [attachment], False))
            target.write(pdf)
        return RenderedSheet(output_path, pages, output_path.stat().st_size)

    def _write(
        self, report: Prepared, pdfa: bool, report_progress: Progress
    ) -> tuple[bytes, int, frozenset[str]]:
        """Lay the report out in parts side by side (see parts.py) and join them with
        their running header and footer: the PDF, its number of pages and the
        characters no installed font has."""
        works = [
            partial(self._lay_out, html, report.attached if number == 0 else (), pdfa)
            for number, html in enumerate(report.parts)
        ]
        running: list[bytes] = []

        def laid_out(pages: int) -> None:
            # While the parts are being written: the pages' header and footer, and the
            # library that joins them.
            report_progress(0.85, f"写入 PDF（{pages} 页）")
            running.append(self._running(report, pages, pdfa))
            import pikepdf  # noqa: F401

        tracker = _PartsProgress(report_progress, len(works), report.expected_pages, laid_out)
        laid_out_parts = side_by_side.run(works, tracker.told)
        pdf, pages = assemble.assemble(laid_out_parts, running[0])
        return pdf, pages, frozenset().union(*(part.missing for part in laid_out_parts))

    def _lay_out(
        self, html: str, attached: Attached, pdfa: bool, tell: side_by_side.Tell
    ) -> assemble.LaidOutPart:
        """One part of the report, laid out and written as a PDF of its own, with the
        files `attached` to it (the first part: the answers and the standard)."""
        attachments = [
            Attachment(
                string=data,
                name=name,
                description=description,
                relationship=relationship,
                url_fetcher=self.fetcher,
            )
            for data, name, description, relationship in attached
        ]
        # The document lives only in here, so that the collection at the end of the
        # pause finds it unreachable (see _collector_paused).
        with _collector_paused():
            with _LayoutProgress(partial(tell, "page")):
                document = _ReportHTML(string=html, url_fetcher=self.fetcher).render(
                    font_config=self.font_config, stylesheets=[self.stylesheet]
                )
            tell("laid_out", len(document.pages))
            return assemble.LaidOutPart(
                self._pdf(document, attachments, pdfa),
                len(document.pages),
                _bookmarks(document),
                # WeasyPrint notes them as it draws: glyph ids of its own, for .notdef.
                missing=frozenset(chr(c) for f in document.fonts.values() for c in f.missing),
            )

    def _running(self, report: Prepared, pages: int, pdfa: bool) -> bytes:
        """The running header and footer of a report of `pages` pages, a page each."""
        html = running(report, pages)
        with _collector_paused():
            document = _ReportHTML(string=html, url_fetcher=self.fetcher).render(
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


class _ReportHTML(HTML):
    """A document of the report: WeasyPrint's HTML with its user-agent stylesheet
    less what that sheet gives the page's margin boxes, footnote area and note area.

    Each of the 16 margin boxes it aligns gets a style of its own on every page,
    computed for each page anew (a page's style depends on its number), though the
    report prints in three of them, whose alignment running.css sets itself: without
    those rules the others are passed over as empty, and the report comes out byte
    for byte the same, a tenth less work for the running footer and some for the
    parts (tests/report/test_render.py). The 验收评分表 keeps WeasyPrint's sheet: its
    footer is aligned by it."""

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        return [_report_ua_stylesheet()]


@functools.cache
def _report_ua_stylesheet() -> Any:
    from weasyprint.html import UA_STYLESHEET  # WeasyPrint's own, parsed when imported

    sheet = copy.copy(UA_STYLESHEET)
    sheet.page_rules = [
        rule
        for rule in sheet.page_rules
        if all(pseudo_type is None for _, pseudo_type, _ in rule[1])  # the page's own
    ]
    return sheet


# For a report with a single face (e.g. for a font family without a bold face).
_NO_BOLD = "\n* { font-weight: normal !important; }\n"


def _font_rule(families: Sequence[str], roles: dict[str, list[str]]) -> str:
    """The body's families for all text; each role's (class .heiti, .kaiti) before them."""

    def quoted(names: Sequence[str]) -> str:
        return ", ".join('"' + name.replace("\\", "").replace('"', "") + '"' for name in names)

    rules = [f"html {{ font-family: {quoted(families)}, serif; }}"]
    rules += [
        f".{role} {{ font-family: {quoted([*faces, *families])}, serif; }}"
        for role, faces in roles.items()
        if faces
    ]
    return "\n" + "\n".join(rules) + "\n"


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
    (about 0.2 s, which a forked worker skips: it never collects, see side_by_side.py).
    Renders in several threads share one pause: the collector comes back on when the
    last of them ends, and only if it was on before the first.
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


def _warn_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _missing_glyphs_notice(missing: frozenset[str], raw: bytes) -> str:
    """What to tell of characters no installed font has, and where the answers hold them."""
    lines = raw.decode("utf-8-sig", errors="replace").splitlines()
    shown = []
    for char in sorted(missing):
        # A control character stands in TOML as an escape: \u001b, \U0000001B.
        escapes = (f"\\u{ord(char):04x}", f"\\u{ord(char):08x}")
        found = [
            str(n)
            for n, line in enumerate(lines, 1)
            if char in line or any(e in line.lower() for e in escapes)
        ]
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

    def told(self, part: int, kind: str, value: int) -> None:
        if kind == "page":
            self._pages[part] = value
            done = sum(self._pages)
            fraction = 0.1 + 0.75 * min(done / self._expected, 0.98)
            self._progress(fraction, f"排版第 {done} 页")
        elif kind == "laid_out":
            self._parts_laid_out[part] = value
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
