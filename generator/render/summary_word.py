"""Render the 学习要点 handout onto its reference .docx (named styles; page numbers centred)."""
from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .. import gbt9704 as gb
from ..compose.summary import SummaryView
from . import ooxml
from .word import open_reference

PARAGRAPH_STYLES = {"title": "Title", "meeting": "要点会议", "heading": "Heading 1", "item": "要点条目",
                    "body": "要点正文", "footer": "Footer"}
CHARACTER_STYLES = {"item_heading": "要点小标题字符"}


def render_summary(view: SummaryView, reference: Path):
    document, styles = open_reference(reference, PARAGRAPH_STYLES, CHARACTER_STYLES)
    centered_page_numbers(document, styles, PARAGRAPH_STYLES["footer"])
    for line in view.title_lines:
        styles.title(line, PARAGRAPH_STYLES["title"])
    styles.paragraph(view.meeting_line, PARAGRAPH_STYLES["meeting"])
    for section in view.sections:
        heading = styles.paragraph(section.heading, PARAGRAPH_STYLES["heading"])
        if not section.items:
            # -- a run of bare headings must not be kept together as one block (it would leave page 1 empty) --
            heading.paragraph_format.keep_with_next = False
        for item in section.items:
            p = styles.paragraph("", PARAGRAPH_STYLES["item"])
            if item.heading:
                styles.run(p, item.heading, CHARACTER_STYLES["item_heading"])
            styles.run(p, item.sentence, None)
    if view.concepts:
        styles.paragraph(view.concepts_title, PARAGRAPH_STYLES["heading"])
        styles.paragraph("　".join(view.concepts), PARAGRAPH_STYLES["body"])
    if view.questions:
        styles.paragraph(view.questions_title, PARAGRAPH_STYLES["heading"])
        for question in view.questions:
            styles.paragraph(question, PARAGRAPH_STYLES["body"])
    return document


def centered_page_numbers(document, styles, style: str) -> None:
    """Put the page number, centred between em dashes (— 1 —), in the footer of every page."""
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    styles.set_style(paragraph, style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(gb.EM_DASH + " ")
    ooxml.add_field(paragraph, "PAGE")
    paragraph.add_run(" " + gb.EM_DASH)
