"""Render the minutes view onto the reference .docx: named styles only, plus the GB/T 9704 page furniture."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, Twips
from docx.styles.style import StyleFactory

from .. import gbt9704 as gb
from ..compose.minutes import MinutesView
from ..errors import TemplateError
from ..measure import balanced_lines, text_em
from . import lookup, ooxml

PARAGRAPH_STYLES = {
    "mark": "纪要标志", "issue": "纪要期号", "header": "纪要版头", "title": "Title", "body": "Body Text",
    "heading_1": "Heading 1", "heading_2": "Heading 2", "heading_3": "Heading 3", "heading_4": "Heading 4",
    "attendance": "出席名单", "imprint": "版记", "footer": "Footer", "anchor": "版记锚点",
}
CHARACTER_STYLES = {"heading_2": "二级标题字符", "heading_3": "三级标题字符", "lead": "引领语字符", "label": "名单标签字符"}


def open_reference(path: Path, paragraph_styles, character_styles):
    """Open a reference .docx; return it and a StyleCache holding the ids of every style the renderer names.

    Styles are found by their visible names (see lookup), so a reference re-saved by LibreOffice, WPS or Word works.
    """
    try:
        document = docx.Document(str(path))
    except Exception:  # noqa: BLE001 - any failure to open is the user's reference file
        raise TemplateError("参考文档无法打开（不是有效的 .docx）。", str(path)) from None
    ids = lookup.style_ids(document, list(paragraph_styles.values()), list(character_styles.values()), path)
    # -- only the styles and the page setup are taken: a re-saved reference carries an empty paragraph (Word,
    # WPS and LibreOffice all write one), which would push the first line of the output down --
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document, StyleCache(document, ids)


def render_minutes(view: MinutesView, reference: Path):
    """Return a python-docx Document holding the minutes."""
    document, styles = open_reference(reference, PARAGRAPH_STYLES, CHARACTER_STYLES)
    document.settings.odd_and_even_pages_header_footer = True
    _page_numbers(document.sections[0], styles)
    _header(view, styles)
    for line in view.title:
        styles.title(line, PARAGRAPH_STYLES["title"])
    for block in view.blocks:
        _block(document, block, styles)
    if view.attendance:
        spacer = styles.paragraph("", PARAGRAPH_STYLES["body"])
        spacer.paragraph_format.keep_with_next = True
        for block in view.attendance:
            _block(document, block, styles)
    _imprint(document, view, styles)
    return document


def _block(document, block, styles) -> None:
    paragraph = styles.paragraph(block.text if len(block.runs) == 1 and block.runs[0].role == "body" else "",
                                 PARAGRAPH_STYLES.get(block.role, PARAGRAPH_STYLES["body"]))
    if paragraph.runs:
        return
    for run in block.runs:
        styles.run(paragraph, run.text, CHARACTER_STYLES[run.role] if run.role != "body" else None)


class StyleCache(dict):
    """Style ids by style name, looked up once (by visible name), set straight into w:pStyle / w:rStyle.

    -- python-docx resolves a style by scanning every style, and checks each assignment against the
    default style by scanning them all again; a 13-page document made that most of the build time --
    """

    def __init__(self, document, ids: dict[str, str]):
        super().__init__(ids)
        self.document = document

    def element(self, name: str):
        """Return the w:style element of a named style."""
        return self.document.styles.element.get_by_id(self[name])

    def style(self, name: str):
        return StyleFactory(self.element(name))

    def paragraph(self, text: str, style: str):
        paragraph = self.document.add_paragraph(text)
        self.set_style(paragraph, style)
        return paragraph

    def set_style(self, paragraph, style: str) -> None:
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = self[style]

    def title(self, text: str, style: str):
        """Add a title paragraph, its long lines broken into balanced lines (soft breaks, same paragraph)."""
        paragraph = self.paragraph("", style)
        size = self.style(style).font.size
        section = self.document.sections[0]
        width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
        lines = balanced_lines(text, width_pt / (size.pt if size else 22) - 0.6)
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
        return paragraph

    def run(self, paragraph, text: str, style: str | None):
        run = paragraph.add_run(text)
        if style:
            run._r.get_or_add_rPr().get_or_add_rStyle().val = self[style]
        return run


def mark_lines(mark: str) -> tuple[float, list[str]]:
    """Return the 纪要标志's size and lines: one line at the largest size from 小初 down to 二号 (half-point steps)
    that fits the type area, else 二号 broken between words into balanced lines."""
    width = gb.mm_to_pt(gb.TYPE_AREA_WIDTH_MM) - 4
    size = gb.MARK_MAX_PT
    while size > gb.MARK_MIN_PT and text_em(mark) * size > width:
        size -= 0.5
    if text_em(mark) * size <= width:
        return size, [mark]
    return gb.MARK_MIN_PT, balanced_lines(mark, width / gb.MARK_MIN_PT)


def _header(view: MinutesView, styles: StyleCache) -> None:
    size, lines = mark_lines(view.mark)
    mark = styles.paragraph("", PARAGRAPH_STYLES["mark"])
    for index, line in enumerate(lines):
        run = mark.add_run(line)
        run.font.size = Pt(size)
        if index < len(lines) - 1:
            run.add_break()
    fmt = mark.paragraph_format
    # -- the mark's top edge lies 35 mm below the type area; the line box adds about 0.2 em above the glyphs --
    fmt.space_before = Mm(gb.MARK_OFFSET_MM) - Pt(size * 0.22)
    fmt.space_after = Pt(gb.LINE_PITCH_TWIPS / 20)
    styles.paragraph(view.issue, PARAGRAPH_STYLES["issue"])
    header = styles.paragraph("", PARAGRAPH_STYLES["header"])
    header.add_run(view.office)
    header.add_run("\t" + view.date)


def _page_numbers(section, styles: StyleCache) -> None:
    """Odd pages: “— N —” right, indented one character; even pages: left (GB/T 9704 7.5)."""
    indent = Twips(int(gb.PAGE_NUMBER_PT * 20))
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        styles.set_style(paragraph, PARAGRAPH_STYLES["footer"])
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Twips(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = indent
        else:
            fmt.left_indent = indent
        paragraph.add_run(gb.EM_DASH + " ")
        ooxml.add_field(paragraph, "PAGE")
        paragraph.add_run(" " + gb.EM_DASH)


def _imprint(document, view: MinutesView, styles: StyleCache) -> None:
    """The 版记 at the foot of the last page: 分送 and 印发 rows between 0.35 mm / 0.25 mm rules (7.4)."""
    outer = round(gb.IMPRINT_RULE_OUTER_MM / gb.MM_PER_PT * 8)
    inner = round(gb.IMPRINT_RULE_INNER_MM / gb.MM_PER_PT * 8)
    char = int(gb.IMPRINT_PT * 20)
    table = document.add_table(rows=2, cols=1)
    table.autofit = False
    section = document.sections[0]
    ooxml.float_table_to_bottom(table, left_twips=section.left_margin.twips,
                                width_twips=Length(section.page_width - section.left_margin - section.right_margin).twips)
    rows = (("分送：" + view.distribution, ""), (view.printer, view.print_date + "印发"))
    for index, (row, (left, right)) in enumerate(zip(table.rows, rows, strict=True)):
        cell = row.cells[0]
        cell.width = Mm(gb.TYPE_AREA_WIDTH_MM)
        paragraph = cell.paragraphs[0]
        styles.set_style(paragraph, PARAGRAPH_STYLES["imprint"])
        fmt = paragraph.paragraph_format
        if right:
            fmt.left_indent, fmt.first_line_indent = Twips(char), Twips(0)
            paragraph.add_run(left)
            paragraph.add_run("\t" + right)
        else:
            # -- wrapped lines align after the colon (7.4.2) --
            fmt.left_indent, fmt.first_line_indent = Twips(char * 4), Twips(-char * 3)
            paragraph.add_run(left)
        ooxml.set_cell_borders(cell, top=outer if index == 0 else inner, bottom=outer if index == 1 else 0, left=0, right=0)
    # -- a floating table needs a paragraph after it to anchor to (and a body must end with a paragraph) --
    styles.paragraph("", PARAGRAPH_STYLES["anchor"])


__all__ = ["render_minutes", "open_reference", "StyleCache"]
