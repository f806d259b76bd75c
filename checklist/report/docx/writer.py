"""Write the report's content (report/content.py) as an editable Word document.

The document says what the PDF says, from the same `ReportContent`: the title, the
sections 一 to 五 under the content's own headings, the 附件说明, the signature block
(not on a draft), then 附件1 评分明细 and 附件2 佐证材料目录, each on a page of its own.
Nothing is scored here, and nothing worded beyond the PDF template's connecting words
(本项…项考核内容中完全达到…项 and the like, mirrored from report.html.j2) and the
copy's own: the 草稿 mark of a report with items missing, the 附件说明 and the closing
note. Every paragraph takes a named style of styles.py; every table repeats its header
row on each page. The Word copy is not tamper-evident: the PDF is the copy of record,
and the document says so at its end.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn

from checklist import __version__
from checklist.answers import read_answers
from checklist.criteria.model import Pack
from checklist.report import content as report_content
from checklist.report.content import (
    AreaDetail,
    DetailRow,
    ReportContent,
    build_content,
    sentence,
)
from checklist.report.docx import styles, wordml
from checklist.report.docx.styles import (
    ANNEX_LABEL,
    BODY,
    EMPHASIS,
    HEADING,
    LEAD,
    SHEET_HEADING,
    SIGN_LINE,
    SIGNATURE,
    SUBHEADING,
    TABLE_CENTER,
    TABLE_HEADER,
    TABLE_NOTE,
    TABLE_TEXT,
    TABLE_TOTAL,
    TITLE,
    Role,
)
from checklist.report.output import ReportFile

GENERATOR = f"checklist {__version__}"  # the document's 最后修改者 until a person saves it
DRAFT_WORD = "草稿"

# Widths of the 评分明细's columns by role, in mm, as the PDF has them (report.css);
# the content column takes what the others leave of the 156 mm text block.
_DETAIL_WIDTHS = {
    "number": 11,
    "points": 11,
    "figures": 56,
    "self_score": 17,
    "inspected": 17,
}
# Characters XML cannot hold (controls other than tab and newline): user text is
# kept, these shown as U+FFFD, so that an odd character never loses the report.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class WrittenDocx:
    path: Path
    size: int
    fingerprint: str
    total: str
    grade: str
    edition_notice: str  # "" when the answers were made against this very standard
    doubts_notice: str = ""


def render(
    pack: Pack, answers: Path, output: Path, *, now: dt.datetime | None = None
) -> WrittenDocx:
    """Write the Word copy of the report of the answers file `answers`, scored against
    `pack`, to `output`, whole or not at all (output.ReportFile).

    Raises ProblemsError when the answers cannot be read, OutputRefusedError when
    `output` holds something other than an earlier Word copy or cannot be written
    to, and OSError when the document cannot be written (a full disk)."""
    try:
        raw = answers.read_bytes()
    except OSError:
        read_answers(answers)  # raises the same error in Chinese, with the path
        raise
    return write(build_content(pack, raw, now, source=answers.name), output)


def write(report: ReportContent, output: Path) -> WrittenDocx:
    """Write `report` to `output` as a Word document (see render)."""
    with ReportFile(output, word=True) as target:
        target.write(document_bytes(report))
    return WrittenDocx(
        path=output,
        size=output.stat().st_size,
        fingerprint=report.fingerprint,
        total=report.total,
        grade=report.grade,
        edition_notice="\n".join(report.edition_notice),
        doubts_notice=report.doubts_notice,
    )


def document_bytes(report: ReportContent) -> bytes:
    """The .docx file of `report`."""
    buffer = io.BytesIO()
    document_of(report).save(buffer)
    return buffer.getvalue()


def document_of(report: ReportContent) -> Document:
    """The Word document of `report`."""
    document = docx.Document()
    _drop_leftovers(document)
    styles.set_up(document)
    styles.number_pages(document)
    draft = draft_mark(report)
    if draft:
        styles.mark_draft(document, draft)
    body = document.element.body
    for element in list(body):  # the template's empty paragraph; keeps the page set-up
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    _Writer(document, report, draft).all()
    body.append(body.find(qn("w:sectPr")))  # the page set-up stays the body's last child
    _properties(document, report)
    return document


def draft_mark(report: ReportContent) -> str:
    """草稿 with what is missing, for a report with unanswered items or items whose
    answer needs review; "" for a complete one."""
    missing = []
    if report.unanswered:
        missing.append(f"{len(report.unanswered)}项未填写")
    if report.review:
        missing.append(f"{len(report.review)}项需复核")
    return f"{DRAFT_WORD}（{'，'.join(missing)}）" if missing else ""


def title_lines(report: ReportContent) -> list[str]:
    """The report's title, a line each, as the PDF prints it at the head of the text."""
    return [report.unit, report.report_heading]


def clean(text: str) -> str:
    """User text as Word can hold it (see _NOT_XML), a line break in it a space, as
    the PDF prints it (its paragraphs come one to a line from the content already)."""
    one_line = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return _NOT_XML.sub("\ufffd", one_line)


Line = str | list[tuple[str, Role | None]]  # a line of text, or runs each in a style


class _Writer:
    """Walks the report's content in order, adding each part to the document's body."""

    def __init__(self, document: Document, report: ReportContent, draft: str) -> None:
        self.body = document.element.body
        self.r = report
        self.draft = draft
        # Styles are named by their ids, looked up once.
        self.ids = {role: document.styles[role.name].style_id for role in styles.ROLES}
        self.table_style = document.styles[styles.TABLE_STYLE].style_id

    def all(self) -> None:
        for line in title_lines(self.r):
            self.paragraph(line, TITLE)
        sections: Sequence[Callable[[], None]] = (
            self.basic,
            self.score,
            self.achievements,
            self.problems,
            self.rectification,
        )
        for heading, section in zip(self.r.sections, sections, strict=True):
            self.paragraph(heading, HEADING)
            section()
        self.annex_list()
        if not self.draft:
            self.signature()
        self.record_note()
        self.detail_annex()
        self.evidence_annex()

    # -- pieces ------------------------------------------------------------------

    def para(self, line: Line, role: Role = BODY) -> wordml.Paragraph:
        """A paragraph of `line` in `role`'s style."""
        runs = [(line, None)] if isinstance(line, str) else line
        return wordml.Paragraph(
            None if role is BODY else self.ids[role],
            [wordml.Run(clean(text), self.ids[r] if r else None) for text, r in runs if text],
        )

    def paragraph(self, line: Line = "", role: Role = BODY) -> None:
        wordml.paragraph(self.body, self.para(line, role))

    def lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.paragraph(line)

    def cell(self, *lines: Line, role: Role = TABLE_TEXT, span: int = 1) -> wordml.Cell:
        """A table cell of `lines`, a paragraph each in `role`'s style."""
        return wordml.Cell([self.para(line, role) for line in lines] or [self.para("", role)], span)

    def notes(self, lines: Iterable[str]) -> list[Line]:
        """Small lines under a cell's text: the item's id, the rules, where a file is."""
        return [[(line, TABLE_NOTE)] for line in lines]

    def table(self, columns: Sequence[tuple[str, float]]) -> wordml.Table:
        """A table of `columns` (heading, width in mm), its header row repeated on
        every page it runs over; written by `add`."""
        return wordml.Table(
            self.table_style,
            [width for _, width in columns],
            [self.cell(heading, role=TABLE_HEADER) for heading, _ in columns],
        )

    def add(self, table: wordml.Table) -> None:
        wordml.table(self.body, table)

    def row(self, cells: Sequence[str], centered: Collection[int] = ()) -> list[wordml.Cell]:
        """Cells of a line each; those whose index is in `centered` centred."""
        return [
            self.cell(text, role=TABLE_CENTER if index in centered else TABLE_TEXT)
            for index, text in enumerate(cells)
        ]

    # -- 一 to 五 ------------------------------------------------------------------

    def basic(self) -> None:
        r = self.r
        self.paragraph(r.basic_paragraph, LEAD)
        table = self.table([("项目", 42), ("情况", 36), ("项目", 42), ("情况", 36)])
        first, *others = r.profile
        table.rows.append([self.cell(first.label), self.cell(first.value, span=3)])
        for start in range(0, len(others), 2):
            cells = [text for p in others[start : start + 2] for text in (p.label, p.value)]
            table.rows.append(self.row(cells + [""] * (4 - len(cells))))
        self.add(table)

    def score(self) -> None:
        r = self.r
        self.paragraph(
            f"{r.total_line}。" + (f"{r.renormalized}。" if r.renormalized else ""), LEAD
        )
        if r.veto_line:
            self.paragraph(f"{r.veto_line}。", LEAD)
        for n, line in enumerate(r.edition_notice):
            last = n == len(r.edition_notice) - 1
            lead = "注：" if n == 0 else ""
            self.paragraph(
                lead + _sentence(line) + ("本报告按当前标准计分。" if last else ""), LEAD
            )
        columns = [("序号", 12.0), ("一级指标", 72.0), ("满分", 24.0)]
        if r.show_applicable:
            columns = [("序号", 12.0), ("一级指标", 60.0), ("满分", 21.0), ("适用分值", 21.0)]
        width = columns[-1][1]
        columns += [("自评得分", width), ("得分率", width)]
        table = self.table(columns)
        numbers = {0, *range(2, len(columns))}
        for area in [*r.areas, r.areas_total]:
            cells = [area.number, area.title, area.nominal]
            cells += [area.max] if r.show_applicable else []
            table.rows.append(self.row([*cells, area.score, area.rate], numbers))
        label = "自评总分" + (f"（按满分 {r.max} 分折算）" if r.renormalized else "")
        table.rows.append(
            [
                self.cell(""),
                self.cell(label, span=len(columns) - 3),
                self.cell([(r.total, EMPHASIS)], role=TABLE_CENTER),
                self.cell([(r.grade, EMPHASIS)], role=TABLE_CENTER),
            ]
        )
        self.add(table)

    def achievements(self) -> None:
        """三 as the PDF has it: the chair's own words, then what the answers show."""
        r = self.r
        self.lines(r.chair_achievements)
        if r.achievements_intro:
            self.paragraph(r.achievements_intro)
        for a in r.achievements:
            if a.said or a.narrative:
                self.paragraph(a.heading, SUBHEADING)
                self.lines(a.narrative)
                if a.said:
                    self.paragraph(a.said)

    def problems(self) -> None:
        """四 as the PDF has it: the chair's words, the shortfalls, what is still open."""
        r = self.r
        self.lines(r.chair_problems)
        if r.problems:
            self.paragraph(r.problems_intro)
            for p in r.problems:
                first = sentence(p.note[0]) if p.note else ""
                self.paragraph(f"{p.number}. {p.said}{first}")
                self.lines(p.note[1:])
        elif not r.chair_problems:
            self.paragraph("经自评，已填写的考核内容均达到要求。")
        if r.open_line:
            self.paragraph(r.open_line)

    def rectification(self) -> None:
        r = self.r
        if not r.rectifications:
            self.paragraph("尚未制定整改清单。")
            return
        self.paragraph("针对上述问题，制定整改清单如下：", LEAD)
        table = self.table(
            [("序号", 11), ("问题", 42), ("整改措施", 52), ("责任人", 19), ("完成时限", 32)]
        )
        for row in r.rectifications:
            cells = self.row([str(row.number), "", row.measure, row.owner, row.due], {0, 3, 4})
            items = [f"针对条目：{row.items}"] if row.items else []
            cells[1] = self.cell(row.problem, *self.notes(items))
            table.rows.append(cells)
        self.add(table)

    # -- after the text --------------------------------------------------------------

    def annex_list(self) -> None:
        """附件说明 (GB/T 9704): the annexes named after the text."""
        self.paragraph()
        annexes = (
            (report_content.ANNEX_DETAIL, report_content.ANNEX_DETAIL_TITLE),
            (report_content.ANNEX_EVIDENCE, report_content.ANNEX_EVIDENCE_TITLE),
        )
        for n, (label, title) in enumerate(annexes, 1):
            lead = "附件：" if n == 1 else "　　　"
            self.paragraph(f"{lead}{n}. {title}（见{label}）")

    def signature(self) -> None:
        """The chair's signature and the union's seal, then each review box the
        standard asks for: each block kept on one page."""
        r = self.r
        blocks = [("工会主席（签字）：＿＿＿＿＿＿", f"{r.union}（盖章）", r.sign_date)]
        blocks += [
            (f"{box.heading}：", box.seal, report_content.SIGN_DATE_BLANK) for box in r.review_boxes
        ]
        for line, seal, date in blocks:
            self.paragraph()
            self.paragraph(line, SIGN_LINE)
            self.paragraph("", SIGN_LINE)
            self.paragraph(seal, SIGNATURE)
            self.paragraph(date, SIGNATURE)

    def record_note(self) -> None:
        """What this copy is: not the report of record, which the PDF is."""
        self.paragraph()
        self.paragraph(
            f"注：本文件是自评报告的可编辑 Word 副本，不能核验；以报告指纹为 {self.r.fingerprint} "
            "的 PDF 报告为准。"
        )

    def annex_title(self, label: str, title: str) -> None:
        self.paragraph(label, ANNEX_LABEL)  # on a new page (its style says so)
        self.paragraph(title, TITLE)

    def detail_annex(self) -> None:
        r = self.r
        self.annex_title(report_content.ANNEX_DETAIL, report_content.ANNEX_DETAIL_TITLE)
        widths = [float(_DETAIL_WIDTHS.get(c.role, 0)) for c in r.columns]
        rest = styles.TEXT_WIDTH_MM - sum(widths)
        columns = [(c.name, width or rest) for c, width in zip(r.columns, widths, strict=True)]
        for index, area in enumerate(r.details):
            self.paragraph(area.heading, SHEET_HEADING if index else HEADING)
            self.paragraph(area.score_line, LEAD)
            self.area_table(area, columns, last=index == len(r.details) - 1)
        if r.renormalized:
            self.paragraph(f"{r.renormalized}，自评总分 {r.total} 分")
        self.paragraph("检查组签字：　　　　　　日期：　　年　　月　　日")

    def area_table(self, area: AreaDetail, columns: list[tuple[str, float]], *, last: bool) -> None:
        r = self.r
        table = self.table(columns)
        roles = [c.role for c in r.columns]
        for group in area.groups:
            if group.heading:
                table.rows.append([self.cell(group.heading, span=len(roles))])
            table.rows += [self.detail_row(item, roles) for item in group.rows]
        sums = [("小计", area.points, area.score)]
        if last:
            sums.append(("合计", r.areas_total.nominal, r.areas_total.score))
        # The last sheet's 小计 and 合计 stay on a page with the lines under them.
        role = TABLE_TOTAL if last else TABLE_CENTER
        for label, nominal, earned in sums:
            by_role = {"content": label, "points": nominal, "self_score": earned}
            table.rows.append([self.cell(by_role.get(c, ""), role=role) for c in roles])
        self.add(table)

    def detail_row(self, item: DetailRow, roles: list[str]) -> list[wordml.Cell]:
        r = self.r
        marker: list[Line] = [[(f"【{item.marker}】", EMPHASIS)]] if item.marker else []
        situation = [*marker, *item.situation]
        cells = []
        for role in roles:
            if role == "number":
                cells.append(self.cell(str(item.number), role=TABLE_CENTER))
            elif role == "points":
                cells.append(self.cell(item.points, role=TABLE_CENTER))
            elif role == "self_score":
                cells.append(self.cell(item.score, role=TABLE_CENTER))
            elif role == "content":
                veto: Line = [(f"【{r.veto_word}】", EMPHASIS)] if item.veto else []
                text: Line = [*veto, (item.text, None)]
                below = [] if r.shows_figures else situation
                cells.append(self.cell(text, *self.notes([item.item_id, *item.rules]), *below))
            elif role == "figures":
                cells.append(self.cell(*situation))
            else:
                cells.append(self.cell(""))
        return cells

    def evidence_annex(self) -> None:
        self.annex_title(report_content.ANNEX_EVIDENCE, report_content.ANNEX_EVIDENCE_TITLE)
        if not self.r.evidence:
            self.paragraph("尚未登记佐证材料。")
            return
        table = self.table(
            [("序号", 11), ("名称", 57), ("类别", 20), ("日期", 32), ("引用条目", 36)]
        )
        for e in self.r.evidence:
            cells = self.row([str(e.number), "", e.kind, e.date, ""], {0, 2, 3})
            cells[1] = self.cell(
                e.title, *self.notes([f"存放：{e.location}"] if e.location else [])
            )
            cells[4] = self.cell(*self.notes([e.cited_by]))
            table.rows.append(cells)
        self.add(table)


def _sentence(text: str) -> str:
    """`text` ending as a sentence does, so that another can follow it (as the PDF's)."""
    return text if not text or text[-1] in "。！？；" else text + "。"


# Parts of python-docx's template a report has no use for: the picture of another
# document shown as its preview, Word 2010's second copy of all its styles, and a
# SharePoint property list.
_LEFTOVERS = ("/metadata/thumbnail", "/stylesWithEffects", "/customXml")


def _drop_leftovers(document: Document) -> None:
    for part in (document.part.package, document.part):
        for rid, rel in list(part.rels.items()):
            if rel.reltype.endswith(_LEFTOVERS):
                del part.rels[rid]


def _properties(document: Document, report: ReportContent) -> None:
    """The document's properties: its title and author as the PDF's, the report's
    fingerprint among its keywords, and this program as its last editor (output.py
    replaces a Word copy only while that holds)."""
    made = dt.datetime.fromisoformat(report.made_at).astimezone(dt.UTC).replace(tzinfo=None)
    properties = document.core_properties
    properties.title = clean(report.document_title)
    properties.author = clean(report.unit)
    properties.subject = clean(f"{report.title}（{report.edition}）自评报告")
    properties.keywords = clean(", ".join(report.keywords))
    properties.comments = "可编辑副本，不能核验；以 PDF 报告为准"
    properties.category = "自评报告"
    properties.last_modified_by = GENERATOR
    properties.revision = 1
    properties.created = properties.modified = made
    application = document.part.package.rels.part_with_reltype(
        RELATIONSHIP_TYPE.EXTENDED_PROPERTIES
    )
    application._blob = re.sub(  # the template says Microsoft Macintosh Word made it
        rb"<Application>[^<]*</Application>",
        f"<Application>{GENERATOR}</Application>".encode(),
        application.blob,
    )
