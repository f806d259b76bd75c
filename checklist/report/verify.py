"""Check a report PDF against the answers file embedded in it (for inspectors).

The report prints its total, 等次 and fingerprint on the cover, the fingerprint on
every page, and the same figures in the PDF metadata. It carries the standard it was
scored against beside the answers (reports made before that carry only the answers:
they are checked against a standard installed here); standard_check.py says which
standard that is and whether it is one installed here. Verification makes the report's
content again from the embedded answers and that standard, or the one given (content.py: the
score, the 等次, the fingerprint) and compares. Then, since the report is a pure
function of its answers and the standard, it makes the report again from the
embedded answers and compares every page: its text, and everything it draws (content, fonts, images, annotations), and what a viewer
shows beside the pages (properties, bookmarks, attached files, named destinations).
An edited score table, a dropped page, a patch drawn over a figure or a bookmark
stating a verdict fails.

Every PDF is read as viewers read it (pdf_read.py): a file that shows viewers one
thing and another program something else is told, and checked as viewers show it.
What the pages draw is compared as parsed operators (drawing.py), so that a report
another program saved again without changing it passes, with a note saying so.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import logging
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklist.criteria.library import Library
from checklist.criteria.load import pack_from_bytes
from checklist.criteria.model import Pack
from checklist.problems import ProblemsError, os_error_text
from checklist.reading import MB, read_file
from checklist.report import document_facts, side_by_side, standard_check
from checklist.report.acceptance import (
    INSPECTION_ATTACHMENT_NAME,
    AcceptanceContent,
    build_acceptance,
)
from checklist.report.content import ReportContent, build_content, made_on
from checklist.report.document_facts import metadata
from checklist.report.drawing import Drawing, base_name, fonts_of
from checklist.report.fingerprint import ATTACHMENT_NAME, STANDARD_ATTACHMENT_NAME
from checklist.report.pdf_read import ReadPdf, UnreadablePdfError, read_pdf
from checklist.report.standard_check import Check, EmbeddedStandard

if TYPE_CHECKING:  # pyHanko takes a second and a half to import: only for signed reports
    from checklist.report.signing import SignatureFacts

# Keys WeasyPrint writes for <meta name="checklist-…"> (non-alphanumerics dropped).
META_TOTAL = "/checklisttotal"
META_GRADE = "/checklistgrade"
META_FINGERPRINT = "/checklistfingerprint"
META_CRITERIA = "/checklistcriteria"
META_SCORED_ON = "/checklistscoredon"  # the day dates were judged against (no 自评日期)


def _cover_line(pack: Pack) -> re.Pattern[str]:
    """The cover's table, read without white space: 自评总分 | 96.3 分（满分 100 分）,
    等　　次 | 示范 (any grade of `pack`, or its name of failing)."""
    names = [g.name for g in pack.info.grades] + [pack.info.fail]
    grades = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"自评总分([0-9.]+)分（满分([0-9.]+)分）等次({grades})")


_FINGERPRINT = re.compile(r"报告指纹([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})")


SAVED_AGAIN_LABEL = "文件保存"


class VerifyError(Exception):
    """The report cannot be checked at all (not a PDF, no embedded answers …)."""


@dataclass
class Verification:
    checks: list[Check] = field(default_factory=list)
    standard: Pack | None = None  # the standard the report was checked against
    # The report's content made again from its embedded answers: what it means for
    # the inspector (veto items failed, items unanswered or needing review).
    content: ReportContent | None = None
    sheet: AcceptanceContent | None = None  # a 验收评分表 made again from its inspection

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, label: str, ok: bool, detail: str) -> None:
        self.checks.append(Check(label, ok, detail))


# The standard and its file's bytes (None: a report made before the standard was
# embedded), the answers' bytes, the output PDF, PDF/A, the day the report was made.
Remake = Callable[[Pack, bytes | None, bytes, Path, bool, dt.date | None], None]
# A 验收评分表 made again: the inspection file's bytes, the output PDF.
RemakeSheet = Callable[[bytes, Path], None]


def verify_report(
    path: Path,
    criteria: Pack | None,
    library: Library,
    remake: Remake | None = None,
    generator: str = "",
    trust: Sequence[bytes] = (),
    remake_sheet: RemakeSheet | None = None,
) -> Verification:
    """Compare what the report prints with a fresh scoring of its embedded answers and,
    when `remake` is given, page by page with the report it makes of those answers
    (`generator` names the program that remakes them, as in a PDF's Creator).

    The answers are scored against `criteria` (--criteria) when given, else against
    the standard the report carries, else (a report made before it carried one) the
    standard installed here (`library`) that the report names, or the default one.

    A signed report is checked as it was before its first signature (the report as
    written), and each signature on its own: signer, integrity, what was changed after
    it, and whether its certificate chains to one of the roots in `trust` (PEM).

    A 验收评分表 (it carries an inspection file, report/acceptance.py) is checked
    alike: its total, 等次 and fingerprint against the inspection it carries, and,
    with `remake_sheet`, its pages against the sheet made again from that file."""
    # pypdf logs its repairs of damaged files; our checks report what matters, in Chinese.
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.CRITICAL)
    try:
        read, signed = _open_signed(path, trust)
        reader = read.reader
        sheet_raw = _embedded_inspection(reader)
        if sheet_raw is not None:  # a 验收评分表
            return _checked(
                read,
                signed,
                partial(_sheet_checks, sheet_raw, metadata(reader), _sheet(sheet_raw)),
                partial(remake_sheet, sheet_raw) if remake_sheet is not None else None,
                generator,
            )
        raw = _embedded_answers(reader)
        embedded = _embedded_standard(reader)
        meta = metadata(reader)
        pack = criteria or (
            embedded.pack
            if embedded
            else standard_check.installed_for(meta.get(META_CRITERIA, ""), library)
        )
        standard = standard_check.checks(meta.get(META_CRITERIA, ""), criteria, embedded, library)
        content = _content(raw, meta, pack)

        def remade(made: Path) -> None:
            assert remake is not None
            remake(
                pack,
                embedded.raw if embedded else None,
                raw,
                made,
                _is_pdfa(reader),
                _scored_on(meta),
            )

        return _checked(
            read,
            signed,
            partial(_score_checks, raw, meta, content, standard, pack=pack),
            remade if remake is not None else None,
            generator,
        )
    finally:
        pypdf_logger.setLevel(level)


def _checked(
    read: ReadPdf,
    signed: list[SignatureFacts],
    score_checks: Callable[[list[str]], Verification],
    remake: Callable[[Path], None] | None,
    generator: str,
) -> Verification:
    """The checks of a report or 验收评分表 `read`: what `score_checks` finds in its
    pages' texts and, when it can be made again (`remake` writes it to a path), its
    pages against those remade; then the file and its signatures."""
    reader = read.reader
    if remake is None:
        outcome = score_checks(_page_texts(reader))
        _file_checks(outcome, read)
        _signature_checks(outcome, signed)
        return outcome
    with tempfile.TemporaryDirectory(prefix="checklist-verify-") as folder:
        made = Path(folder) / "expected.pdf"
        remake(made)
        expected = _open(made)
    wanted = _page_texts(expected.reader)
    drawing, drawing_wanted = (
        Drawing(read.pdf, parsed=False),
        Drawing(expected.pdf, parsed=False),
    )
    drawn, drawn_wanted = _drawn_pages(read, expected, drawing, drawing_wanted)
    # A page that draws what the remade page draws reads as that page does: only
    # the others are read (reading the text is the slow part, some 60 ms a page).
    same = {
        n: wanted[n]
        for n, digest in enumerate(drawn[: len(drawn_wanted)])
        if digest and digest == drawn_wanted[n]
    }
    texts = _page_texts(reader, same)
    outcome = score_checks(texts)
    _compare_pages(
        outcome, (read, texts, drawn, drawing), (expected, wanted, drawn_wanted, drawing_wanted)
    )
    _file_checks(outcome, read)
    _signature_checks(outcome, signed)
    made_by = metadata(reader).get("/Creator", "")
    if not outcome.ok and generator and made_by != generator:
        outcome.add(
            "程序版本",
            False,
            f"报告由 {made_by or '（未注明）'} 生成，本机为 {generator}；"
            "不同版本生成的页面可能不同，请用与生成报告相同的版本核验",
        )
    return outcome


def _content(raw: bytes, meta: dict[str, str], pack: Pack) -> ReportContent:
    """The report's content made again from its embedded answers `raw` and `pack`."""
    try:
        # A report whose answers have no 自评日期 was scored on the day it was made.
        return build_content(
            pack, raw, made_on(_scored_on(meta)), source=f"内嵌答卷 {ATTACHMENT_NAME}"
        )
    except ProblemsError as exc:
        raise VerifyError(
            f"内嵌答卷无法读取，报告可能被改动过；请向报送单位索取原始报告文件。答卷的问题：\n{exc}"
        ) from None


def _score_checks(
    raw: bytes,
    meta: dict[str, str],
    content: ReportContent,
    standard: list[Check],
    texts: list[str],
    *,
    pack: Pack,
) -> Verification:
    """What the report prints (`texts`, its pages' text) and records in its metadata,
    against `content`, made again from its embedded answers `raw`; `standard` tells
    which standard that was made with (`pack`)."""
    expected_total, expected_grade = content.total, content.grade
    expected_fp = content.fingerprint

    outcome = Verification(standard=pack, content=content)
    outcome.add("内嵌答卷", True, f"{ATTACHMENT_NAME}，{len(raw)} 字节")
    outcome.checks += standard

    cover = _cover_line(pack).search(texts[0] if texts else "")
    printed_total = cover.group(1) if cover else "（未找到）"
    printed_grade = cover.group(3) if cover else "（未找到）"
    meta_total = meta.get(META_TOTAL, "（未找到）")
    meta_grade = meta.get(META_GRADE, "（未找到）")
    outcome.add(
        "总分",
        printed_total == expected_total and meta_total == expected_total,
        f"封面印制 {printed_total}，元数据 {meta_total}，重新计分 {expected_total}",
    )
    outcome.add(
        "等次",
        printed_grade == expected_grade and meta_grade == expected_grade,
        f"封面印制 {printed_grade}，元数据 {meta_grade}，重新计分 {expected_grade}",
    )

    _fingerprint_check(outcome, texts, meta, expected_fp)
    return outcome


def _fingerprint_check(
    outcome: Verification, texts: list[str], meta: dict[str, str], expected_fp: str
) -> None:
    """The report fingerprint printed on every page and in the metadata."""
    printed_fps = [set(_FINGERPRINT.findall(text)) for text in texts]
    all_fps = set().union(*printed_fps) if printed_fps else set()
    pages_without = [str(n) for n, fps in enumerate(printed_fps, 1) if expected_fp not in fps]
    meta_fp = meta.get(META_FINGERPRINT, "（未找到）")
    fp_ok = all_fps == {expected_fp} and not pages_without and meta_fp == expected_fp
    detail = f"印制 {'、'.join(sorted(all_fps)) or '（未找到）'}，元数据 {meta_fp}，重新计算 {expected_fp}"
    if pages_without and all_fps:
        detail += f"；第 {'、'.join(pages_without)} 页（按 PDF 页序）缺少或不符"
    outcome.add("报告指纹", fp_ok, detail)


def _sheet(raw: bytes) -> AcceptanceContent:
    """The 验收评分表 made again from its embedded inspection file `raw`."""
    try:
        return build_acceptance(raw, source=f"内嵌验收记录 {INSPECTION_ATTACHMENT_NAME}")
    except ProblemsError as exc:
        raise VerifyError(
            "验收评分表内嵌的验收记录无法读取，或与其所附的单位答卷和标准不符，"
            f"评分表可能被改动过；请向检查组索取原始文件。验收记录的问题：\n{exc}"
        ) from None


def _sheet_checks(
    raw: bytes, meta: dict[str, str], sheet: AcceptanceContent, texts: list[str]
) -> Verification:
    """What a 验收评分表 prints and records against `sheet`, made again from the
    inspection file `raw` it carries."""
    outcome = Verification(sheet=sheet)
    outcome.add(
        "内嵌验收记录",
        True,
        f"{INSPECTION_ATTACHMENT_NAME}，{len(raw)} 字节，内含单位答卷和评价标准"
        f"（{sheet.standard}，{sheet.edition}）",
    )
    grades = "|".join(re.escape(n) for n in sorted(sheet.grade_names, key=len, reverse=True))
    printed = re.search(
        rf"验收总分([0-9.]+)分（满分([0-9.]+)分），等次：({grades})", "".join(texts)
    )
    printed_total = printed.group(1) if printed else "（未找到）"
    printed_grade = printed.group(3) if printed else "（未找到）"
    meta_total = meta.get(META_TOTAL, "（未找到）")
    meta_grade = meta.get(META_GRADE, "（未找到）")
    outcome.add(
        "验收总分",
        printed_total == sheet.total and meta_total == sheet.total,
        f"印制 {printed_total}，元数据 {meta_total}，按内嵌验收记录重新计算 {sheet.total}",
    )
    outcome.add(
        "等次",
        printed_grade == sheet.grade and meta_grade == sheet.grade,
        f"印制 {printed_grade}，元数据 {meta_grade}，按内嵌验收记录重新计算 {sheet.grade}",
    )
    _fingerprint_check(outcome, texts, meta, sheet.fingerprint)
    return outcome


def _drawn_pages(
    read: ReadPdf, expected: ReadPdf, drawing: Drawing, drawing_wanted: Drawing
) -> tuple[list[str], list[str]]:
    """Digests of what the report's pages and the remade pages draw: by the data of
    their content (`drawing`, `drawing_wanted`), and where that differs (another program
    saved the file again, or changed it) by their content parsed, as viewers parse it."""
    drawn, drawn_wanted = drawing.pages(), drawing_wanted.pages()
    differing = [
        n for n, digest in enumerate(drawn[: len(drawn_wanted)]) if digest != drawn_wanted[n]
    ]
    if differing:
        parsed, parsed_wanted = Drawing(read.pdf), Drawing(expected.pdf)
        for n in differing:
            drawn[n], drawn_wanted[n] = parsed.page(n), parsed_wanted.page(n)
    return drawn, drawn_wanted


# A PDF as read, its pages' texts, what they draw, and the digests of its objects.
Pages = tuple[ReadPdf, list[str], list[str], Drawing]


def _compare_pages(outcome: Verification, printed: Pages, expected: Pages) -> None:
    """The printed pages against those made again from the embedded answers."""
    read, texts, drawn, drawing = printed
    remade, wanted, drawn_wanted, drawing_wanted = expected
    outcome.add(
        "页数",
        len(texts) == len(wanted),
        f"报告 {len(texts)} 页，按内嵌答卷重新生成 {len(wanted)} 页",
    )
    differing = _differing(texts, wanted)
    if differing:
        detail = f"{_page_list(differing)}的文字与按内嵌答卷重新生成的报告不符"
        n = differing[0]
        if n <= min(len(texts), len(wanted)):
            detail += f"；第 {n} 页{_first_difference(texts[n - 1], wanted[n - 1])}"
    else:
        detail = f"全部 {len(texts)} 页与按内嵌答卷重新生成的报告逐字一致"
    outcome.add("页面文字", not differing, detail)

    redrawn = _differing(drawn, drawn_wanted)
    if redrawn:
        detail = (
            f"{_page_list(redrawn)}所绘内容（文字、线条、图片、字体或批注）与重新生成的报告不同"
            + _fonts_told(drawing.fonts(), drawing_wanted.fonts())
        )
    else:
        detail = "每一页所绘内容与重新生成的报告完全相同"
    outcome.add("页面版面", not redrawn, detail)

    facts, facts_wanted = (
        document_facts.facts(read, drawing),
        document_facts.facts(remade, drawing_wanted),
    )
    changed = sorted(
        key for key in facts.keys() | facts_wanted.keys() if facts.get(key) != facts_wanted.get(key)
    )
    outcome.add(
        "文档信息",
        not changed,
        f"与按内嵌答卷重新生成的报告不同：{'、'.join(changed)}；报告被改动过"
        if changed
        else "文档属性、书签、附件和命名目标与重新生成的报告相同",
    )

    added = document_facts.actions(read, remade)
    outcome.add(
        "文档动作",
        not added,
        f"报告含有重新生成的报告所没有的 {'、'.join(added)}"
        "（打开或点击时执行的动作、脚本或表单），报告被改动过"
        if added
        else "没有脚本、自动执行的动作或表单",
    )


def _fonts_told(
    fonts: dict[str, set[tuple[str, ...]]], wanted: dict[str, set[tuple[str, ...]]]
) -> str:
    """What the fonts tell of pages that draw differently: a font of the report made
    again under another name in the report (a change to the report), or fonts this
    machine does not have (how to verify where they are)."""
    renamed = [
        (old, new)
        for program, named in fonts.items()
        for names in sorted(named - wanted.get(program, named))
        for old, new in zip(min(wanted[program]), names, strict=False)
        if old != new
    ]
    if renamed:
        pairs = "、".join(f"{old} 改为 {new}" for old, new in dict.fromkeys(renamed))
        return (
            f"；报告中的字体被改了名称（{pairs}），字形与重新生成的报告相同："
            "这是对报告的改动，不是本机字体设置的问题"
        )
    used = {base_name(names[0]) for named in fonts.values() for names in named if names}
    used_wanted = {base_name(names[0]) for named in wanted.values() for names in named if names}
    if used == used_wanted:
        return ""
    return (
        f"；报告使用字体 {'、'.join(sorted(used)) or '（无）'}，本机生成使用 "
        f"{'、'.join(sorted(used_wanted)) or '（无）'}：请在装有报告所用字体的机器上，"
        "按生成报告时的字体设置（环境变量 CHECKLIST_FONTS）核验"
        "（Debian/Ubuntu：apt-get install fonts-noto-cjk fonts-hanazono）"
    )


def _file_checks(outcome: Verification, read: ReadPdf) -> None:
    """What the file itself tells: what qpdf found wrong in it, and whether another
    program saved it again after checklist wrote it."""
    if read.found:
        shown = "；".join(read.found[:3]) + (
            f"；等 {len(read.found)} 处" if len(read.found) > 3 else ""
        )
        outcome.add(
            "文件结构",
            False,
            f"{shown}。以上核验按阅读器显示的内容进行；报告被改动过或已损坏，"
            "请向报送单位索取原始报告文件",
        )
    if saved_again(read.pdf):
        outcome.checks.append(
            Check(
                SAVED_AGAIN_LABEL,
                True,
                "报告文件在 checklist 生成后由其他程序重新保存过（文件标识已改变）；"
                "重新保存本身不改变报告，以上各项核验的是阅读器所显示的内容",
                warning=True,
            )
        )


def saved_again(pdf: Any) -> bool:
    """Whether a program other than checklist saved the file after checklist wrote it.

    checklist writes a file's two identifiers alike (assemble.py: qpdf's deterministic
    identifier of a file that had none); a program that saves a file again keeps the
    first and gives the second a new value, as the PDF standard asks."""
    import pikepdf

    try:
        ids = pdf.trailer.get("/ID")
        return not (
            isinstance(ids, pikepdf.Array) and len(ids) == 2 and bytes(ids[0]) == bytes(ids[1])
        )
    except (pikepdf.PdfError, ValueError, TypeError):
        return True


def _differing(printed: Sequence[str], wanted: Sequence[str]) -> list[int]:
    """Numbers of the pages that differ, a page that only one of the two has among them."""
    pages = max(len(printed), len(wanted))
    return [
        n
        for n in range(1, pages + 1)
        if n > len(printed) or n > len(wanted) or printed[n - 1] != wanted[n - 1]
    ]


def _page_list(numbers: Sequence[int], most: int = 8) -> str:
    """第 3、5 页 or, for many, 第 1、2、…、8 页等 29 页."""
    shown = "、".join(str(n) for n in numbers[:most])
    return f"第 {shown} 页" + (f"等 {len(numbers)} 页" if len(numbers) > most else "")


def _first_difference(printed: str, wanted: str, context: int = 12) -> str:
    """Where two page texts first part: 印有“…”，应为“…”."""
    matcher = difflib.SequenceMatcher(None, printed, wanted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            start_a, start_b = max(0, i1 - context), max(0, j1 - context)
            shown = printed[start_a : i2 + context] or "（无）"
            should = wanted[start_b : j2 + context] or "（无）"
            return f"印有“{shown}”，应为“{should}”"
    return ""


def _is_pdfa(reader: Any) -> bool:
    try:
        return "/OutputIntents" in reader.trailer["/Root"]
    except Exception:
        return False


def _read(path: Path) -> bytes:
    try:
        return read_file(path, 256 * MB, "自评报告")  # a 160-page report is some 1 MB
    except FileNotFoundError:
        raise VerifyError("找不到报告文件，请检查路径") from None
    except OSError as exc:
        raise VerifyError(f"无法读取报告文件：{os_error_text(exc)}") from None
    except ValueError as exc:
        raise VerifyError(f"无法读取报告文件：{exc}") from None


def _open(path: Path) -> ReadPdf:
    return _parsed(_read(path))


def _parsed(data: bytes) -> ReadPdf:
    try:
        return read_pdf(data)
    except UnreadablePdfError as exc:
        raise VerifyError(str(exc)) from None


def _open_signed(path: Path, trust: Sequence[bytes]) -> tuple[ReadPdf, list[SignatureFacts]]:
    """The report as written (before any signature) and the signatures added to it."""
    data = _read(path)
    if b"/ByteRange" not in data:  # no signature: the file is the report as written
        return _parsed(data), []
    from checklist.report.signing import SignaturesError, original_revision, signatures

    try:
        signed = signatures(data, trust)
        original = original_revision(data) if signed else data
    except SignaturesError as exc:
        raise VerifyError(str(exc)) from None
    return _parsed(original), signed


def _signature_checks(outcome: Verification, signed: list[SignatureFacts]) -> None:
    """A line for each signature: who signed, when by their word, whether it is intact
    and nothing but later signatures changed the file after it, and whether the
    certificate is trusted (unknown without roots: not a failure)."""
    for number, facts in enumerate(signed, 1):
        who = facts.signer + (
            f"（{facts.organisation}）"
            if facts.organisation and facts.organisation != facts.signer
            else ""
        )
        when = (
            f"，{facts.signed_at:%Y年%m月%d日 %H:%M}（签名人电脑上的时间）"
            if facts.signed_at
            else ""
        )
        if facts.problem:
            outcome.add(f"签名 {number}", False, f"{who}的签名无法核验：{facts.problem}")
            continue
        if not facts.intact:
            detail = f"{who}的签名与所签内容不符：签名之后文件被改动过，或签名已损坏"
        elif not facts.covers_revision:
            detail = f"{who}的签名没有覆盖到它所在那一版文件的末尾"
        elif facts.changed_after:
            detail = f"{who}签名之后文件又被改动：{facts.changed_after}"
        else:
            detail = (
                f"{who}签名{when}，签名后文件未被改动（其后只加了签名）；证书：{facts.trust_detail}"
            )
        outcome.add(f"签名 {number}", facts.ok, detail)


def _embedded_answers(reader: Any) -> bytes:
    try:
        attachments = reader.attachments
        files = attachments.get(ATTACHMENT_NAME) if attachments else None
    except Exception:  # pypdf raises many kinds on damaged name trees
        raise VerifyError(
            "报告中的附件已损坏，无法取出内嵌答卷，报告可能被改动过；请向报送单位索取原始报告文件"
        ) from None
    if not files:
        raise VerifyError(
            f"这份 PDF 不是 checklist 生成的自评报告（没有内嵌答卷 {ATTACHMENT_NAME}），无法核验；"
            "请向报送单位索取用 checklist report 生成的报告"
        )
    if len(files) != 1:
        raise VerifyError(
            f"报告中有 {len(files)} 份名为 {ATTACHMENT_NAME} 的附件，无法确定哪份是原件"
        )
    data = files[0]
    return bytes(data)


def _embedded_inspection(reader: Any) -> bytes | None:
    """The inspection file a 验收评分表 carries; None for a unit's report."""
    try:
        attachments = reader.attachments
        files = attachments.get(INSPECTION_ATTACHMENT_NAME) if attachments else None
    except Exception:  # pypdf raises many kinds on damaged name trees
        return None  # _embedded_answers says so
    if not files:
        return None
    if len(files) != 1:
        raise VerifyError(
            f"验收评分表中有 {len(files)} 份名为 {INSPECTION_ATTACHMENT_NAME} 的附件，"
            "无法确定哪份是原件"
        )
    return bytes(files[0])


def _embedded_standard(reader: Any) -> EmbeddedStandard | None:
    """The standard the report carries, or None for a report made before reports
    carried it."""
    try:
        attachments = reader.attachments
        files = attachments.get(STANDARD_ATTACHMENT_NAME) if attachments else None
    except Exception:  # pypdf raises many kinds on damaged name trees
        files = None  # _embedded_answers has said so already
    if not files:
        return None
    if len(files) != 1:
        raise VerifyError(
            f"报告中有 {len(files)} 份名为 {STANDARD_ATTACHMENT_NAME} 的附件，"
            "无法确定哪份是报告所依据的标准"
        )
    raw = bytes(files[0])
    try:
        return EmbeddedStandard(pack_from_bytes(raw, f"内嵌标准 {STANDARD_ATTACHMENT_NAME}"), raw)
    except ProblemsError as exc:
        raise VerifyError(
            "报告内嵌的评价标准无法读取，报告可能被改动过；请向报送单位索取原始报告文件。"
            f"标准文件的问题：\n{exc}"
        ) from None


def _page_texts(reader: Any, known: dict[int, str] | None = None) -> list[str]:
    """The text of each page, without white space; the pages in `known` (by index)
    are not read again. pypdf takes some 60 ms a page, so two processes read half the
    pages each when there are many (see side_by_side.py)."""
    known = known or {}
    unread = [n for n in range(len(reader.pages)) if n not in known]
    if not unread:
        return [known[n] for n in range(len(reader.pages))]
    reader = _for_text(reader)
    middle = (len(unread) + 1) // 2
    shares = [unread[:middle], unread[middle:]] if len(unread) >= 8 else [unread]
    read = side_by_side.run([partial(_texts, reader, share) for share in shares], _ignored)
    texts = dict(known) | dict(zip(unread, (t for share in read for t in share), strict=True))
    return [texts[n] for n in range(len(reader.pages))]


def _for_text(reader: Any) -> Any:
    """`reader`, or a copy of its PDF whose text pypdf reads right.

    A font that prints a character no installed font has is written by WeasyPrint with
    an encoding of its own (a CMap that sends that character's code to the .notdef
    glyph, every other code to itself). pypdf misreads the whole font's text then; for
    the text, which its ToUnicode map gives, that encoding is Identity-H. The copy
    serves the text alone: what the pages draw is compared on the file as it is."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(reader.stream.getvalue()))
        own = [f for page in pdf.pages for f in fonts_of(page.obj) if _own_encoding(f)]
        for font in own:
            font.Encoding = pikepdf.Name("/Identity-H")
        if not own:
            return reader
        copy = io.BytesIO()
        pdf.save(copy)
    except (pikepdf.PdfError, AttributeError, ValueError):  # then pypdf reads it as it can
        return reader
    from pypdf import PdfReader

    return PdfReader(copy)


def _own_encoding(font: Any) -> bool:
    import pikepdf

    return isinstance(font.get("/Encoding"), pikepdf.Stream)


def _texts(reader: Any, numbers: Sequence[int], tell: side_by_side.Tell) -> list[str]:
    texts = []
    for number in numbers:
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception:  # a damaged page reads as empty, and its checks fail
            text = ""
        texts.append(re.sub(r"\s+", "", text))
    return texts


def _ignored(*told: object) -> None:
    pass


def _scored_on(meta: dict[str, str]) -> dt.date | None:
    """The day the report judged dates against, as its metadata records it; None for
    a report made before it was recorded, or a value that is not a date."""
    try:
        return dt.date.fromisoformat(meta.get(META_SCORED_ON, ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class Embedded:
    """What a report carries: its answers file's bytes, the standard it was scored
    against (None for a report made before reports carried it), its metadata."""

    answers: bytes
    standard: EmbeddedStandard | None
    meta: dict[str, str]
    # A 验收评分表 carries an inspection file instead (answers and standard in it).
    inspection: bytes | None = None

    @property
    def criteria_fingerprint(self) -> str:
        """The fingerprint of the standard the report records in its metadata."""
        return self.meta.get(META_CRITERIA, "")

    @property
    def scored_on(self) -> dt.date | None:
        return _scored_on(self.meta)


def read_embedded(
    path: Path, standards: dict[bytes, Pack] | None = None, *, sheets: bool = False
) -> Embedded:
    """The answers and standard a report carries (or, with `sheets`, the inspection
    file a 验收评分表 carries: `inspection`), without checking its pages (qpdf
    reads them: some 5 ms a report); `standards` keeps the standards read so far by
    their bytes, for many reports that carry the same one.

    Raises VerifyError, in Chinese, for a file that is not such a report."""
    import pikepdf

    data = _read(path)
    if not data.startswith(b"%PDF-"):
        raise VerifyError("不是 PDF 文件；请指定 checklist report 生成的 PDF 报告")
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            files = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
            meta = {str(k): str(v) for k, v in pdf.docinfo.items()}
    except pikepdf.PasswordError:
        raise VerifyError(
            "报告已加密（设置了密码或权限），无法读取；checklist 生成的报告不加密，"
            "请向报送单位索取原始报告文件"
        ) from None
    except Exception:  # qpdf raises many kinds on damaged files
        raise VerifyError("PDF 文件已损坏，无法读取；请向报送单位索取原始报告文件") from None
    if ATTACHMENT_NAME not in files and INSPECTION_ATTACHMENT_NAME in files:
        if not sheets:
            raise VerifyError(
                "这是验收评分表（内嵌验收记录），不是单位的自评报告；"
                "请指定单位用 checklist report 生成的自评报告"
            )
        return Embedded(b"", None, meta, files[INSPECTION_ATTACHMENT_NAME])
    if ATTACHMENT_NAME not in files:
        raise VerifyError(
            f"报告中没有内嵌答卷（{ATTACHMENT_NAME}）；请使用 checklist report 生成的报告"
        )
    raw = files.get(STANDARD_ATTACHMENT_NAME)
    if raw is None:
        return Embedded(files[ATTACHMENT_NAME], None, meta)
    known = standards if standards is not None else {}
    if raw not in known:
        try:
            known[raw] = pack_from_bytes(raw, f"内嵌标准 {STANDARD_ATTACHMENT_NAME}")
        except ProblemsError as exc:
            raise VerifyError(
                "报告内嵌的评价标准无法读取，报告可能被改动过；请向报送单位索取原始报告文件。"
                f"标准文件的问题：\n{exc}"
            ) from None
    return Embedded(files[ATTACHMENT_NAME], EmbeddedStandard(known[raw], raw), meta)
