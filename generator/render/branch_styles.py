"""Named Word styles of the 支部学习包's own documents (学习记录, 签到表, 应知应会测试): one reference file.

scripts/make_references.py builds templates/reference/branch.docx from these specs; the renderer
(render/branch_word.py) uses only the names, so a user can restyle the three documents in Word or WPS.
"""
from __future__ import annotations

from .. import gbt9704 as gb
from ..fonts import FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG
from . import ooxml
from .docx_styles import CENTER, LEFT, StyleSpec, build_reference

BODY_PT = gb.SIZE_PT["四号"]
TABLE_PT = gb.SIZE_PT["小四"]
#: Two characters of body text, in twips (first-line indent).
INDENT = int(BODY_PT * 2 * 20)

#: Page margins (top, bottom, left, right) in mm: A4 forms with room to write; the type area is 160 mm wide.
BRANCH_MARGINS_MM = (25.0, 22.0, 25.0, 25.0)
TYPE_WIDTH_MM = gb.PAGE_WIDTH_MM - BRANCH_MARGINS_MM[2] - BRANCH_MARGINS_MM[3]
#: Height of a row to write in by hand (ruled lines, the record's facts), in mm.
WRITING_ROW_MM = 10.0
#: Height of a sign-in row: room for a signature, and 22 rows on the first page (a branch of 20 signs on one sheet).
SIGNIN_ROW_MM = 9.0
#: Shortest sign-in row (a signature still fits): rows shrink down to it when that keeps the list on one sheet.
SIGNIN_MIN_ROW_MM = 7.0
#: Below the title and facts: the table's borders, and slack for the renderers' rounding.
_SIGNIN_SLACK_MM = 8.0

BRANCH_STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", FANGSONG, BODY_PT, base=None, line=440),
    StyleSpec("Title", XIAOBIAOSONG, gb.TITLE_PT, align=CENTER, line=620, after=6),
    StyleSpec("副标题", KAITI, BODY_PT, align=CENTER, line=440, after=6),
    StyleSpec("Heading 1", HEITI, BODY_PT, align=LEFT, line=440, before=10, after=2, keep_next=True, outline=0),
    StyleSpec("记录正文", FANGSONG, BODY_PT, first_indent=INDENT, line=440),
    StyleSpec("表格文字", FANGSONG, TABLE_PT, align=LEFT, line=None),
    StyleSpec("表格居中", FANGSONG, TABLE_PT, align=CENTER, line=None),
    StyleSpec("表头文字", HEITI, TABLE_PT, align=CENTER, line=None),
    StyleSpec("签字行", FANGSONG, BODY_PT, align=LEFT, line=440, before=24, keep_next=True),
    StyleSpec("试题", FANGSONG, BODY_PT, left_indent=INDENT, first_indent=-INDENT, line=520, after=2),
    StyleSpec("答案", FANGSONG, BODY_PT, left_indent=INDENT, first_indent=-INDENT, line=440),
    StyleSpec("栏目名字符", HEITI, BODY_PT, kind="character"),
    StyleSpec("填空字符", FANGSONG, BODY_PT, kind="character"),
    StyleSpec("Footer", SONGTI, TABLE_PT, line=None, align=CENTER),
)



def signin_row_mm(rows: int, title: str, facts: tuple[str, ...] | list[str]) -> float:
    """Return the sign-in rows' height: SIGNIN_ROW_MM, or less (not below SIGNIN_MIN_ROW_MM) when that keeps all
    `rows` (the header row included) on the first page, below the title and the facts as they wrap."""
    from ..layout.pages import page_from_specs

    page = page_from_specs(BRANCH_STYLES, BRANCH_MARGINS_MM)
    free_pt = page.height - page.height_of("Title", title) - sum(page.height_of("副标题", fact) for fact in facts)
    fit = (free_pt / gb.mm_to_pt(1) - _SIGNIN_SLACK_MM) / max(rows, 1)
    return SIGNIN_ROW_MM if fit >= SIGNIN_ROW_MM or fit < SIGNIN_MIN_ROW_MM else round(fit, 1)


#: The character style of a blank to write in: underlined no-break spaces (a quiz blank, a signature line).
BLANK_STYLE = "填空字符"


def build_branch_reference():
    """Return the reference document of the branch documents (styles and A4 page, no content)."""
    document = build_reference(BRANCH_STYLES, BRANCH_MARGINS_MM)
    blank = document.styles[BLANK_STYLE]
    blank.font.underline = True
    # -- no-break spaces take the Latin face (a quarter em), in Word as in LibreOffice, so a blank's width is known --
    ooxml.clear_font_hint(blank.element.get_or_add_rPr())
    return document


__all__ = ["build_branch_reference", "BLANK_STYLE", "SIGNIN_ROW_MM", "signin_row_mm", "BRANCH_STYLES", "BRANCH_MARGINS_MM", "TYPE_WIDTH_MM", "WRITING_ROW_MM", "BODY_PT"]
