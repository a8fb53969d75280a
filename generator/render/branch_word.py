"""Render the 支部学习包's own documents onto templates/reference/branch.docx: 学习记录, 签到表, 应知应会测试.

Named styles only (render/branch_styles.py); tables get explicit borders and row heights, the sign-in table
repeats its header row on every page.
"""
from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.shared import Mm

from ..compose.quiz import QuizView
from ..compose.record import RecordView
from ..compose.signin import SigninView
from . import ooxml
from .branch_styles import BLANK_STYLE, TYPE_WIDTH_MM, WRITING_ROW_MM, signin_row_mm
from .summary_word import centered_page_numbers
from .word import StyleCache, open_reference

PARAGRAPH_STYLES = {"title": "Title", "subtitle": "副标题", "heading": "Heading 1", "body": "记录正文", "cell": "表格文字",
                    "centered_cell": "表格居中", "head_cell": "表头文字", "signature": "签字行", "item": "试题", "answer": "答案", "footer": "Footer"}
CHARACTER_STYLES = {"label": "栏目名字符", "blank": BLANK_STYLE}
#: Column widths in mm: the record's fact table (label, value, label, value) and the sign-in table.
FACT_COLUMNS_MM = (26.0, TYPE_WIDTH_MM / 2 - 26.0, 26.0, TYPE_WIDTH_MM / 2 - 26.0)
SIGNIN_COLUMNS_MM = (16.0, 36.0, 32.0, 42.0, TYPE_WIDTH_MM - 126.0)
NBSP = "\u00a0"
#: Blanks to write in, as underlined no-break spaces (four to an em): after 签字/姓名 and after 得分.
SIGN_BLANK = NBSP * 28
SCORE_BLANK = NBSP * 16


def quiz_blank(answer: str) -> str:
    """The blank standing for a removed term: room for its characters by hand and one more, at least five."""
    return NBSP * 4 * max(5, min(len(answer) + 1, 14))


def _open(reference: Path):
    document, styles = open_reference(reference, PARAGRAPH_STYLES, CHARACTER_STYLES)
    centered_page_numbers(document, styles, PARAGRAPH_STYLES["footer"])
    return document, styles


def _table(document, styles: StyleCache, rows: int, widths_mm: tuple[float, ...]):
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def _cell(styles: StyleCache, cell, text: str, style: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = styles[style]
    if text:
        paragraph.add_run(text)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _height(row, mm: float) -> None:
    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _ruled_lines(document, styles: StyleCache, count: int, keep_with_next: bool = False) -> None:
    """Horizontal rules to write on: a borderless table whose rows are underlined.

    With `keep_with_next` the rules stay on one page with what follows (the signature line never stands alone).
    """
    table = _table(document, styles, count, (TYPE_WIDTH_MM,))
    ooxml.set_table_borders(table, top=0, left=0, right=0, insideV=0)
    for row in table.rows:
        _height(row, WRITING_ROW_MM)
        ooxml.keep_row_whole(row)
        _cell(styles, row.cells[0], "", PARAGRAPH_STYLES["cell"])
        if keep_with_next:
            row.cells[0].paragraphs[0].paragraph_format.keep_with_next = True


def _labelled(styles: StyleCache, paragraph, label: str, value: str, blank: str = SIGN_BLANK) -> None:
    styles.run(paragraph, f"{label}：", CHARACTER_STYLES["label"])
    if value:
        styles.run(paragraph, value, None)
    else:
        styles.run(paragraph, blank, CHARACTER_STYLES["blank"])


def render_record(view: RecordView, reference: Path):
    """Return the 学习记录 as a python-docx Document."""
    document, styles = _open(reference)
    styles.title(view.title, PARAGRAPH_STYLES["title"])
    if view.fields:
        table = _table(document, styles, len(view.fields), FACT_COLUMNS_MM)
        ooxml.set_table_borders(table)
        for row, fields in zip(table.rows, view.fields, strict=True):
            _height(row, WRITING_ROW_MM if len(fields) > 1 else 2 * WRITING_ROW_MM)
            ooxml.keep_row_whole(row)
            cells = row.cells
            if len(fields) == 1:
                cells[1].merge(cells[3])
            for index, field in enumerate(fields):
                _cell(styles, cells[2 * index], field.label, PARAGRAPH_STYLES["head_cell"])
                _cell(styles, cells[2 * index + 1], field.value, PARAGRAPH_STYLES["cell"])
    for index, block in enumerate(view.blocks):
        styles.paragraph(block.label, PARAGRAPH_STYLES["heading"])
        for line in block.lines:
            styles.paragraph(line, PARAGRAPH_STYLES["body"])
        if block.blank_lines:
            _ruled_lines(document, styles, block.blank_lines, keep_with_next=index == len(view.blocks) - 1)
    paragraph = styles.paragraph("", PARAGRAPH_STYLES["signature"])
    for index, label in enumerate(view.signatures):
        if index:
            styles.run(paragraph, "　　　", None)
        _labelled(styles, paragraph, label, "")
    return document


def render_signin(view: SigninView, reference: Path):
    """Return the 签到表: one row per member or blank seat, the header row repeated on every page."""
    document, styles = _open(reference)
    styles.title(view.title, PARAGRAPH_STYLES["title"])
    for fact in view.facts:
        styles.paragraph(fact, PARAGRAPH_STYLES["subtitle"])
    table = _table(document, styles, len(view.names) + 1, SIGNIN_COLUMNS_MM)
    ooxml.set_table_borders(table)
    rows = table.rows
    row_mm = signin_row_mm(len(rows), view.title, view.facts)
    header = rows[0]
    _height(header, row_mm)
    ooxml.repeat_header_row(header)
    for cell, column in zip(header.cells, view.columns, strict=True):
        _cell(styles, cell, column, PARAGRAPH_STYLES["head_cell"])
    for number, (row, name) in enumerate(zip(rows[1:], view.names, strict=True), start=1):
        _height(row, row_mm)
        ooxml.keep_row_whole(row)
        cells = row.cells
        _cell(styles, cells[0], str(number), PARAGRAPH_STYLES["centered_cell"])
        _cell(styles, cells[1], name, PARAGRAPH_STYLES["centered_cell"])
        for cell in cells[2:]:
            _cell(styles, cell, "", PARAGRAPH_STYLES["cell"])
    return document


def render_quiz(view: QuizView, reference: Path):
    """Return the 应知应会测试: the items with their blanks, then the answers on a page of their own."""
    document, styles = _open(reference)
    styles.title(view.title, PARAGRAPH_STYLES["title"])
    if view.topic:
        styles.paragraph(view.topic, PARAGRAPH_STYLES["subtitle"])
    if view.info:
        paragraph = styles.paragraph("", PARAGRAPH_STYLES["subtitle"])
        for index, field in enumerate(view.info):
            if index:
                styles.run(paragraph, "　　", None)
            _labelled(styles, paragraph, field.label, field.value, SIGN_BLANK if index < len(view.info) - 1 else SCORE_BLANK)
    styles.paragraph(view.intro, PARAGRAPH_STYLES["heading"])
    for item in view.items:
        paragraph = styles.paragraph(f"{item.number}．{item.before}", PARAGRAPH_STYLES["item"])
        styles.run(paragraph, quiz_blank(item.answer), CHARACTER_STYLES["blank"])
        styles.run(paragraph, item.after, None)
    heading = styles.paragraph(view.answers_title, PARAGRAPH_STYLES["heading"])
    heading.paragraph_format.page_break_before = True
    for item in view.items:
        styles.paragraph(f"{item.number}．{item.answer}", PARAGRAPH_STYLES["answer"])
    return document


__all__ = ["render_record", "render_signin", "render_quiz", "quiz_blank", "PARAGRAPH_STYLES", "CHARACTER_STYLES"]
