"""`checklist report` and `checklist verify`: messages in Chinese, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.formats import terminal_text
from checklist.problems import ProblemsError, display_path, os_error_text
from checklist.report.output import WORD_SUFFIX

if TYPE_CHECKING:
    from checklist.criteria.library import Library
    from checklist.criteria.model import Pack
    from checklist.report.pdf.fonts import FontsMissingError
    from checklist.report.pdf.markup import Prepared
    from checklist.report.pdf.writer import Renderer
    from checklist.report.verify import Remake, RemakeSheet
    from checklist.report.verify_text import FileVerification

EXIT_OK, EXIT_PROBLEMS = 0, 1
FONTS_VARIABLE = "CHECKLIST_FONTS"


def report(
    answers_path: Path,
    output: Path | None,
    criteria_path: Path | None,
    *,
    pdfa: bool = False,
    standard_id: str | None = None,
) -> int:
    """Write the PDF report of an answers file (default: beside it, with .pdf), scored
    against the standard it was made against (see answers.edition.standard_for), or
    the file `criteria_path` or the installed standard `standard_id` names; an
    `output` named .docx gets the report's Word copy instead.

    The report's content is made in a worker process (side_by_side.ahead) while this
    one loads WeasyPrint: each takes about half a second, a fifth of the command."""
    from checklist.report import side_by_side
    from checklist.report.output import OutputRefusedError

    if output is not None and output.suffix.lower() == WORD_SUFFIX:
        ready = _ready(answers_path, output, criteria_path, standard_id, pdfa)
        if not isinstance(ready, tuple):
            return _ended(ready, answers_path, output)
        return word_copy(ready[0], answers_path, output)
    content = side_by_side.ahead(
        partial(_prepared, answers_path, output, criteria_path, standard_id, pdfa)
    )
    renderer = _renderer()
    try:
        made = content.result()
    except side_by_side.ChildDiedError as exc:
        return _fail(exc)
    if not isinstance(made, tuple):
        return _ended(made, answers_path, output, renderer)
    if isinstance(renderer, str):
        return _fail(renderer)
    prepared, output = made
    progress = _TerminalProgress()
    progress(0.0, "读取答卷")
    try:
        result = renderer.write_prepared(prepared, output, pdfa=pdfa, progress=progress)
    except OutputRefusedError as exc:
        return _fail(exc)
    except side_by_side.ChildDiedError as exc:
        progress.clear()
        return _fail(exc)
    except OSError as exc:
        progress.clear()
        return _fail(f"无法写入报告文件 {display_path(output)}：{os_error_text(exc)}")
    progress.clear()
    for notice in (result.edition_notice, result.glyphs_notice, result.doubts_notice):
        if notice:  # it may quote the answers' text: escape sequences shown, not acted on
            print(terminal_text(f"注意：{notice}"), file=sys.stderr)
    kind = "PDF/A-3b 存档格式，" if pdfa else ""
    print(
        f"已生成自评报告：{display_path(result.path)}（{kind}{result.pages} 页，"
        f"{result.size // 1024} KB）\n"
        f"自评总分 {result.total} 分，等次：{result.grade}；报告指纹 {result.fingerprint}"
    )
    return EXIT_OK


class _InspectionFile:
    """What `_ready` finds when the answers file is an inspection file."""


def _ready(
    answers_path: Path,
    output: Path | None,
    criteria_path: Path | None,
    standard_id: str | None,
    pdfa: bool,
) -> tuple[Pack, Path] | _InspectionFile | str:
    """What a report of `answers_path` is made from and where it goes: the standard
    and the output file; or an inspection file found, or what is wrong, in Chinese."""
    from checklist.answers.edition import standard_for
    from checklist.locations import default_report

    if _inspection_file(answers_path):
        if criteria_path or standard_id or pdfa:
            return (
                "验收文件自带单位答卷和评价标准，验收评分表按它们生成："
                "请去掉 --criteria、--standard 和 --pdfa"
            )
        return _InspectionFile()
    output = output or default_report(answers_path)
    if output.resolve() == answers_path.resolve():
        return "报告文件不能与答卷文件同名，请用 -o 指定 PDF 文件"
    if not output.resolve().parent.is_dir():
        return (
            f"找不到报告文件所在的文件夹：{display_path(output.resolve().parent)}；"
            "请先建立这个文件夹，或用 -o 指定已有文件夹中的文件"
        )
    try:
        pack = standard_for(answers_path, criteria=criteria_path, standard=standard_id).pack
        if not answers_path.is_file():
            from checklist.answers import read_answers

            read_answers(answers_path)  # raises the located Chinese message
    except ProblemsError as exc:
        return str(exc)
    if output.suffix.lower() == WORD_SUFFIX and pdfa:
        return "--pdfa 只用于 PDF 报告；Word 副本请去掉这个选项，或用 -o 指定 .pdf 文件"
    return pack, output


def _prepared(
    answers_path: Path,
    output: Path | None,
    criteria_path: Path | None,
    standard_id: str | None,
    pdfa: bool,
) -> tuple[Prepared, Path] | _InspectionFile | str:
    """As `_ready`, with the report made ready for the PDF writer (markup.Prepared)."""
    from checklist.report.pdf.markup import Templates

    ready = _ready(answers_path, output, criteria_path, standard_id, pdfa)
    if not isinstance(ready, tuple):
        return ready
    pack, output = ready
    try:
        return Templates().prepare(pack, answers_path), output
    except ProblemsError as exc:
        return str(exc)


def _ended(
    ready: _InspectionFile | str,
    answers_path: Path,
    output: Path | None,
    renderer: Renderer | str | None = None,
) -> int:
    """A report that is not made: the 验收评分表 of an inspection file, or a problem."""
    if isinstance(ready, _InspectionFile):
        return acceptance_report(answers_path, output, renderer)
    return _fail(ready)


def word_copy(pack: Pack, answers_path: Path, output: Path) -> int:
    """Write the report's editable Word copy (report/docx): the same content as the
    PDF, which stays the copy of record."""
    from checklist.report.docx.writer import render
    from checklist.report.output import OutputRefusedError

    try:
        result = render(pack, answers_path, output)
    except (ProblemsError, OutputRefusedError) as exc:
        return _fail(exc)
    except OSError as exc:
        return _fail(f"无法写入报告文件 {display_path(output)}：{os_error_text(exc)}")
    for notice in (result.edition_notice, result.doubts_notice):
        if notice:
            print(f"注意：{notice}", file=sys.stderr)
    print(
        f"已生成自评报告的 Word 副本：{display_path(result.path)}（{result.size // 1024} KB）\n"
        f"自评总分 {result.total} 分，等次：{result.grade}；报告指纹 {result.fingerprint}\n"
        "Word 副本可以编辑，但不能核验；报送和存档以 PDF 报告为准"
    )
    return EXIT_OK


def _inspection_file(path: Path) -> bool:
    """Whether `path` is an inspection file (by its content, not its name)."""
    from checklist.inspection import is_inspection_file

    return path.suffix.lower() != ".pdf" and is_inspection_file(path)


def acceptance_report(
    inspection_path: Path, output: Path | None, renderer: Renderer | str | None = None
) -> int:
    """Write the 验收评分表 of an inspection file (default: beside it, with .pdf),
    with `renderer` (or what stops one being made) when it is already there."""
    import hashlib

    from checklist.inspection import read_inspection
    from checklist.report.acceptance import acceptance_of
    from checklist.report.output import OutputRefusedError

    output = output or inspection_path.with_suffix(".pdf")
    if not output.resolve().parent.is_dir():
        return _fail(
            f"找不到验收评分表所在的文件夹：{display_path(output.resolve().parent)}；"
            "请先建立这个文件夹，或用 -o 指定已有文件夹中的文件"
        )
    try:
        _, inspection, raw, reported = read_inspection(inspection_path)
    except ProblemsError as exc:
        return _fail(exc)
    sheet = acceptance_of(inspection, reported, hashlib.sha256(raw).hexdigest())
    renderer = _renderer() if renderer is None else renderer
    if isinstance(renderer, str):
        return _fail(renderer)
    try:
        written = renderer.write_acceptance(sheet, raw, output)
    except OutputRefusedError as exc:
        return _fail(exc)
    except OSError as exc:
        return _fail(f"无法写入验收评分表 {display_path(output)}：{os_error_text(exc)}")
    print(
        f"已生成验收评分表：{display_path(written.path)}（{written.pages} 页，"
        f"{written.size // 1024} KB）\n"
        f"{sheet.total_line}（自评总分 {sheet.self_total} 分）；报告指纹 {sheet.fingerprint}"
    )
    for note in sheet.notes:
        print(f"注意：{note}", file=sys.stderr)
    return EXIT_OK


def _renderer() -> Renderer | str:
    """The PDF writer, or what to do when it cannot be made: no Chinese font, or the
    system libraries WeasyPrint loads are missing."""
    from checklist.report.pdf.fonts import FontsMissingError

    try:
        from checklist.report.pdf.writer import Renderer

        return Renderer(families=font_families())
    except FontsMissingError as exc:
        return fonts_problem(exc)
    except OSError as exc:  # WeasyPrint could not load Pango or its other libraries
        return (
            f"无法加载 PDF 排版所需的系统库（{exc}）。请运行 ./setup.sh 安装，"
            "或用 apt-get 安装 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0。"
        )


def font_families() -> tuple[str, ...]:
    """The font family list: $CHECKLIST_FONTS (comma-separated, best first) or the default."""
    from checklist.report.pdf.fonts import DEFAULT_FAMILIES

    wanted = os.environ.get(FONTS_VARIABLE, "")
    names = tuple(name.strip() for name in wanted.split(",") if name.strip())
    return names or DEFAULT_FAMILIES


def fonts_problem(error: FontsMissingError) -> str:
    """What to do when no font of the family list prints Chinese: install one, or,
    when the list is $CHECKLIST_FONTS and the machine has Chinese fonts, mend it."""
    if not (os.environ.get(FONTS_VARIABLE, "").strip() and error.others_installed):
        return str(error)
    return (
        "找不到可用的中文字体，无法生成报告（否则中文会显示为方框）。"
        f"已查找：{'、'.join(error.families)}。这些字体由环境变量 {FONTS_VARIABLE} 指定，"
        "本机没有：请改正或删除这个变量（不设时使用本机已装的中文字体），或安装这些字体后重试"
    )


def verify(
    paths: Sequence[Path],
    criteria_path: Path | None,
    *,
    as_json: bool = False,
    trust_paths: Sequence[Path] = (),
) -> int:
    """Check reports (files, or folders of them) against their embedded answers and the
    standard each carries (or the file `criteria_path`); exit 0 only when all match.

    One report named alone is told in full; several, a line each and a count; with
    `as_json`, a JSON list of them. A file that cannot be checked fails alone."""
    from checklist.criteria import load_pack
    from checklist.criteria.library import read_library
    from checklist.report import verify_text

    try:
        criteria = load_pack(criteria_path) if criteria_path else None
        library = read_library()
    except ProblemsError as exc:
        return _fail(exc)
    trust = []
    for path in trust_paths:
        try:
            trust.append(path.read_bytes())
        except OSError as exc:
            return _fail(f"无法读取根证书 {display_path(path)}：{os_error_text(exc)}")
    renderer = _renderer()
    if isinstance(renderer, str):
        return _fail(renderer)
    files = report_files(paths)
    results = []
    for number, (path, problem) in enumerate(files, 1):
        if problem:
            results.append(verify_text.FileVerification(path, problem=problem))
            continue
        title = "重新生成报告以逐页比对"
        if len(files) > 1:
            title = f"核验第 {number}/{len(files)} 份报告，{title}"
        progress = _TerminalProgress(title)
        results.append(_verify_file(path, criteria, library, renderer, progress, trust))
        progress.clear()
    if as_json:
        print(json.dumps([verify_text.as_json(r) for r in results], ensure_ascii=False, indent=2))
    elif len(paths) == 1 and len(results) == 1 and not paths[0].is_dir():
        result = results[0]
        if result.outcome is None:
            return _fail(f"{display_path(result.path)}：{result.problem}")
        print("\n".join(verify_text.detailed(result)))
    else:
        for result in results:
            print("\n".join(verify_text.one_line(result)))
        print(verify_text.tally(results))
    return EXIT_OK if results and all(r.ok for r in results) else EXIT_PROBLEMS


def report_files(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """The reports to check: each file as given and each folder's PDF files (not its
    subfolders'), with what is wrong with a folder that holds none."""
    files: list[tuple[Path, str]] = []
    for path in paths:
        if not path.is_dir():
            files.append((path, ""))
            continue
        try:
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".pdf" and p.is_file())
        except OSError as exc:
            files.append((path, f"无法读取文件夹：{os_error_text(exc)}"))
            continue
        files += [(p, "") for p in found]
        if not found:
            files.append((path, "文件夹中没有 PDF 文件（*.pdf）；请指定报告文件或存放报告的文件夹"))
    return files


def _verify_file(
    path: Path,
    criteria: Pack | None,
    library: Library,
    renderer: Renderer,
    progress: _TerminalProgress,
    trust: Sequence[bytes] = (),
) -> FileVerification:
    """One report checked, or why it could not be, in Chinese."""
    from checklist.report.output import OutputRefusedError
    from checklist.report.pdf.writer import GENERATOR
    from checklist.report.side_by_side import ChildDiedError
    from checklist.report.verify import VerifyError, verify_report
    from checklist.report.verify_text import FileVerification

    try:
        outcome = verify_report(
            path,
            criteria,
            library,
            remaker(renderer, progress),
            GENERATOR,
            trust,
            sheet_remaker(renderer),
        )
    except (ProblemsError, VerifyError, ChildDiedError) as exc:
        # ProblemsError: no standard to check a report that carries none against.
        return FileVerification(path, problem=str(exc))
    except (OSError, OutputRefusedError) as exc:  # the remade report has no room
        detail = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
        return FileVerification(
            path,
            problem=f"无法在临时文件夹 {tempfile.gettempdir()} 中重新生成报告以逐页比对"
            f"（{detail}）；请腾出磁盘空间，或用环境变量 TMPDIR 指定其他文件夹",
        )
    return FileVerification(path, outcome)


def remaker(renderer: Renderer, progress: _TerminalProgress) -> Remake:
    """How verify makes a report again: from the embedded answers and the standard it
    carries (a report made before reports carried it: none), with this program, on the
    day the report was made (its scoring and cover may depend on it)."""

    def remake(
        pack: Pack,
        standard: bytes | None,
        raw: bytes,
        output: Path,
        pdfa: bool,
        day: dt.date | None,
    ) -> None:
        from checklist.report.content import build_content, made_on

        report = build_content(pack, raw, made_on(day))
        renderer.write(report, raw, output, standard=standard, pdfa=pdfa, progress=progress)
        progress.clear()

    return remake


def sheet_remaker(renderer: Renderer) -> RemakeSheet:
    """How verify makes a 验收评分表 again: from the inspection file it carries, on the
    day the unit's report judged dates against (the inspection records it)."""

    def remake(raw: bytes, output: Path) -> None:
        from checklist.report.acceptance import build_acceptance

        renderer.write_acceptance(build_acceptance(raw), raw, output)

    return remake


def _fail(problem: object) -> int:
    print(problem, file=sys.stderr)
    return EXIT_PROBLEMS


class _TerminalProgress:
    """Progress on stderr: a bar rewritten in place on a terminal; elsewhere (a pipe,
    a log file) a line now and then, so that a long report does not look stuck."""

    EVERY = 0.25  # fraction of the work between two lines when not on a terminal

    def __init__(self, title: str = "生成报告") -> None:
        self._title = title
        self._tty = sys.stderr.isatty()
        self._shown = False
        self._next_line = 0.0

    def __call__(self, fraction: float, message: str) -> None:
        if not self._tty:
            if fraction >= self._next_line and fraction < 1.0:
                print(f"{self._title}：{fraction * 100:3.0f}% {message}", file=sys.stderr)
                self._next_line = fraction + self.EVERY
            return
        filled = round(fraction * 20)
        bar = "█" * filled + "░" * (20 - filled)
        sys.stderr.write(f"\r{self._title} {bar} {fraction * 100:3.0f}% {message}\033[K")
        sys.stderr.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._shown = False
        self._next_line = 0.0
