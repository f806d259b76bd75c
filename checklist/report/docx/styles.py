"""The Word copy's page and its styles: one named style per role, as GB/T 9704-2012
sets them, so that a unit restyles the document by editing a style, not each line.

Fonts are named as Chinese offices have them (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体,
黑体), on the East-Asian slot of each style (w:rFonts w:eastAsia) as well as the
Latin ones; the document's font table gives each its stand-in (w:altName: 仿宋, 楷体,
宋体), which Word uses where the first is not installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.text.paragraph import Paragraph

# Faces by role, each with the stand-in Word takes where it is not installed.
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
STAND_INS = {FANGSONG: "仿宋", KAITI: "楷体", XIAOBIAOSONG: SONGTI}

# Sizes of GB/T 9704: 2号 title, 3号 text and headings, 4号 page numbers; tables 5号.
TITLE_SIZE = Pt(22)
BODY_SIZE = Pt(16)
PAGE_NUMBER_SIZE = Pt(14)
TABLE_SIZE = Pt(10.5)
TABLE_NOTE_SIZE = Pt(9)
# 22 lines in the 225 mm text block.
BODY_LINE = Pt(225 / 22 / 25.4 * 72)
INDENT = Pt(32)  # two characters of 3号 text
NOTHING = Pt(0)

# The page: A4, top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (text block 156 × 225).
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH_MM = 156


@dataclass(frozen=True)
class Role:
    """A style of the document: its name (what a unit sees in Word's style list)."""

    name: str
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH


# The roles. The body is Word's own 正文 (Normal): every other paragraph style builds
# on it, so that changing its face changes the report's.
BODY = Role("Normal")
TITLE = Role("公文标题")
SHEET_HEADING = Role("评分表标题")  # 二、… of 附件1 after the first: starts a page
LEAD = Role("引导语")  # a line that introduces a table stays on its page
HEADING = Role("一级标题")  # 一、
SUBHEADING = Role("二级标题")  # （一）
ANNEX_LABEL = Role("附件标识")  # 附件1, at the top left of its page
SIGN_LINE = Role("签字栏")  # 工会主席（签字）, kept on a page with the 落款 below
SIGNATURE = Role("落款")  # the union and the date, right
TABLE_TEXT = Role("表格文字")
TABLE_HEADER = Role("表头")
TABLE_CENTER = Role("表格居中")  # numbers: 序号, 分值, 自评分
TABLE_TOTAL = Role("合计行")  # 小计 and 合计 at the end of 附件1, kept with what follows
PAGE_NUMBER = Role("页码")
DRAFT_MARK = Role("草稿标记")
TABLE_NOTE = Role("表格小字", WD_STYLE_TYPE.CHARACTER)  # item ids, rules, 存放
EMPHASIS = Role("醒目", WD_STYLE_TYPE.CHARACTER)  # 【否决项】, 【未填写】
TABLE_STYLE = "Table Grid"
ROLES = (
    *(BODY, LEAD, TITLE, HEADING, SHEET_HEADING, SUBHEADING, ANNEX_LABEL, SIGN_LINE, SIGNATURE),
    *(TABLE_TEXT, TABLE_HEADER, TABLE_CENTER, TABLE_TOTAL, PAGE_NUMBER, DRAFT_MARK),
    *(TABLE_NOTE, EMPHASIS),
)


def set_fonts(element: object, face: str) -> None:
    """Name `face` on every slot of the run properties of `element` (a style or run),
    the East-Asian one included, dropping theme fonts, which would win over it."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), face)
    fonts.set(qn("w:hint"), "eastAsia")


def set_up(document: Document) -> None:
    """The page, the styles and the font table of a new document."""
    _prune(document)
    _page(document.sections[0])
    _defaults(document)
    styles = document.styles
    body = styles["Normal"]
    assert isinstance(body, ParagraphStyle)
    _character(body, FANGSONG, BODY_SIZE)
    _paragraph(body, line=BODY_LINE, indent=INDENT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    body.paragraph_format.widow_control = True  # no line of a paragraph alone on a page

    title = _add(document, TITLE, XIAOBIAOSONG, TITLE_SIZE)
    _paragraph(title, line=Pt(35), indent=Pt(0), align=WD_ALIGN_PARAGRAPH.CENTER, after=BODY_LINE)
    _outline(title, 0)
    for role, face, level in ((HEADING, HEITI, 0), (SUBHEADING, KAITI, 1)):
        heading = _add(document, role, face, BODY_SIZE)
        heading.paragraph_format.keep_with_next = True
        _outline(heading, level)
    sheet = _add(document, SHEET_HEADING, HEITI, BODY_SIZE, base=HEADING)
    sheet.paragraph_format.page_break_before = True  # each area's sheet on its own pages
    lead = _add(document, LEAD, FANGSONG, BODY_SIZE)
    lead.paragraph_format.keep_with_next = True
    label = _add(document, ANNEX_LABEL, HEITI, BODY_SIZE)
    _paragraph(label, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
    label.paragraph_format.page_break_before = True  # an annex starts a page
    sign_line = _add(document, SIGN_LINE, FANGSONG, BODY_SIZE)
    sign_line.paragraph_format.keep_with_next = True
    signature = _add(document, SIGNATURE, FANGSONG, BODY_SIZE)
    _paragraph(signature, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.RIGHT)
    signature.paragraph_format.right_indent = Pt(64)  # 右空四字
    signature.paragraph_format.keep_with_next = True

    table = _add(document, TABLE_TEXT, FANGSONG, TABLE_SIZE)
    _paragraph(table, line=None, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
    header = _add(document, TABLE_HEADER, HEITI, TABLE_SIZE, base=TABLE_TEXT)
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    center = _add(document, TABLE_CENTER, FANGSONG, TABLE_SIZE, base=TABLE_TEXT)
    center.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    total = _add(document, TABLE_TOTAL, FANGSONG, TABLE_SIZE, base=TABLE_CENTER)
    total.paragraph_format.keep_with_next = True

    number = _add(document, PAGE_NUMBER, SONGTI, PAGE_NUMBER_SIZE)
    _paragraph(number, line=None, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.RIGHT)
    draft = _add(document, DRAFT_MARK, HEITI, BODY_SIZE)
    _paragraph(draft, line=None, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.RIGHT)
    assert draft.font is not None
    draft.font.color.rgb = RGBColor(0x99, 0x99, 0x99)

    note = styles.add_style(TABLE_NOTE.name, WD_STYLE_TYPE.CHARACTER)
    note.font.size = TABLE_NOTE_SIZE
    note.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    strong = styles.add_style(EMPHASIS.name, WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    _font_table(document)


def page_number(paragraph: Paragraph) -> None:
    """ "— N —" with N Word's PAGE field, in the 页码 style."""
    paragraph.style = PAGE_NUMBER.name
    paragraph.add_run("— ")
    for kind, instruction in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", "1")):
        run = paragraph.add_run()
        if kind:
            run._r.append(_field_char(kind))
        elif instruction == "1":
            run.text = instruction  # shown until the field is updated
        else:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instruction
            run._r.append(text)
    paragraph.add_run()._r.append(_field_char("end"))
    paragraph.add_run(" —")


def number_pages(document: Document) -> None:
    """Page numbers at the outer corner (GB/T 9704: odd pages right, even pages left,
    a character in from the edge of the text)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    odd = section.footer.paragraphs[0]
    page_number(odd)
    odd.paragraph_format.right_indent = PAGE_NUMBER_SIZE
    even = section.even_page_footer.paragraphs[0]
    page_number(even)
    even.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = PAGE_NUMBER_SIZE


def mark_draft(document: Document, mark: str) -> None:
    """`mark` at the head of every page, in the light 草稿标记 style."""
    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        header.paragraphs[0].style = DRAFT_MARK.name
        header.paragraphs[0].text = mark


# The template's styles a document keeps: the base ones Word expects, the header's and
# footer's, and the table grid; the other hundred and fifty (List Bullet 3, Light
# Shading Accent 6 …) would only crowd the unit's style list, and every lookup.
_KEPT = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid"}
_KEPT |= {"header", "Header Char", "footer", "Footer Char"}  # as the template spells them


def _prune(document: Document) -> None:
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in _KEPT:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


def _field_char(kind: str) -> object:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _page(section: Section) -> None:
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = Mm(15)
    section.footer_distance = Mm(22)  # the page number about 7 mm below the text block


def _defaults(document: Document) -> None:
    """Document defaults: the body face, Chinese as the East-Asian language, and no
    theme fonts, so that a run without a style of its own is still 仿宋."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FANGSONG)
    language = rpr.find(qn("w:lang"))
    language.set(qn("w:val"), "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")


def _add(
    document: Document, role: Role, face: str, size: Pt, *, base: Role = BODY
) -> ParagraphStyle:
    style = document.styles.add_style(role.name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles[base.name]
    style.next_paragraph_style = document.styles[BODY.name]
    style.quick_style = True
    _character(style, face, size)
    return style


def _character(style: BaseStyle, face: str, size: Pt) -> None:
    set_fonts(style.element, face)
    font = style.font  # type: ignore[attr-defined]
    font.size = size
    font.bold = False


def _paragraph(
    style: ParagraphStyle,
    *,
    line: Pt | None = BODY_LINE,
    indent: Pt,
    align: WD_ALIGN_PARAGRAPH,
    after: Length = NOTHING,
) -> None:
    layout = style.paragraph_format
    if line is None:
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = line
    layout.first_line_indent = indent
    layout.alignment = align
    layout.space_before, layout.space_after = Pt(0), after


def _outline(style: ParagraphStyle, level: int) -> None:
    """A heading in Word's navigation pane and table of contents."""
    ppr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.append(outline)


_FONT_ENTRY = (
    '<w:font w:name="{name}"><w:altName w:val="{stand_in}"/><w:charset w:val="86"/>'
    '<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
)


def _font_table(document: Document) -> None:
    """The faces the styles name, each with its stand-in, in the document's font table."""
    part = next(
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.FONT_TABLE
    )
    entries = "".join(
        _FONT_ENTRY.format(
            name=name,
            stand_in=STAND_INS.get(name, name),
            family="modern" if name == HEITI else "roman",
        )
        for name in (FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI)
    )
    part._blob = part.blob.replace(b"</w:fonts>", entries.encode() + b"</w:fonts>")
