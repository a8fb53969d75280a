"""GB/T 9704-2012 numbers (党政机关公文格式): the one place for page geometry and type sizes."""
from __future__ import annotations

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0      # 天头, 5.2.1
MARGIN_BOTTOM_MM = 35.0   # 297 − 37 − 225
MARGIN_LEFT_MM = 28.0     # 订口, 5.2.1
MARGIN_RIGHT_MM = 26.0    # 210 − 28 − 156
TYPE_AREA_WIDTH_MM = 156.0
TYPE_AREA_HEIGHT_MM = 225.0

LINES_PER_PAGE = 22       # 5.2.3
CHARS_PER_LINE = 28       # 5.2.3

#: Chinese type sizes in points.
SIZE_PT = {"初号": 42.0, "小初": 36.0, "一号": 26.0, "二号": 22.0, "三号": 16.0, "四号": 14.0, "小四": 12.0, "五号": 10.5}

BODY_PT = SIZE_PT["三号"]
TITLE_PT = SIZE_PT["二号"]
PAGE_NUMBER_PT = SIZE_PT["四号"]
IMPRINT_PT = SIZE_PT["四号"]   # 版记, 7.4.2

MM_PER_PT = 25.4 / 72


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


#: Fixed line pitch so that 22 lines fill the 225 mm type area: 28.95 pt (579 twips; 22 × 28.95 = 636.9 pt ≤ 637.8 pt).
LINE_PITCH_TWIPS = 579
#: Character condensing so that 28 characters of 16 pt fit in 156 mm (442.2 pt): 16 − 0.25 = 15.75 pt, 28 × 15.75 = 441 pt.
CHAR_SPACING_TWIPS = -5
CHAR_PITCH_PT = BODY_PT + CHAR_SPACING_TWIPS / 20

#: 7.2.4 / 10.3: the top of the 纪要标志 is 35 mm below the top of the type area.
MARK_OFFSET_MM = 35.0
#: The 纪要标志's size: as large as fits the type area's width on one line, from 小初 down to 二号 (practice: a
#: mark in red 小标宋 is never smaller than the title); below that it wraps between words.
MARK_MAX_PT = SIZE_PT["小初"]
MARK_MIN_PT = SIZE_PT["二号"]
#: 7.5: the page number's dash lies 7 mm below the type area.
PAGE_NUMBER_OFFSET_MM = 7.0
#: The top of the dashes lies this far above the bottom of the page number's line (4号 宋体, single spacing):
#: the footer distance (page edge to the line's bottom) is set from it, measured in the rendered PDF.
PAGE_NUMBER_DASH_ABOVE_BASE_MM = 2.5
#: 7.4.1: 版记 rules, outer (first and last) and inner.
IMPRINT_RULE_OUTER_MM = 0.35
IMPRINT_RULE_INNER_MM = 0.25
#: The red separator under the header (thickness not fixed by the standard; 0.5 mm is common practice).
RED_RULE_MM = 0.5
RED = "FF0000"
EM_DASH = "\u2014"
