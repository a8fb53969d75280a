"""The study deck's look in one place: layout names, placeholder boxes, colours, sizes (points)."""
from __future__ import annotations

SLIDE_W, SLIDE_H = 960.0, 540.0            # 16:9 in points (13.333 × 7.5 in)

RED = "B71C1C"
DARK_RED = "8E0000"
GOLD = "D4A017"
LIGHT_GOLD = "F3E3B5"
CREAM = "FFFBF2"
INK = "3A2A1A"
WHITE = "FFFFFF"

#: Layout roles → layout names in the reference deck (a user's --pptx-template must have these names).
LAYOUTS = {
    "cover": "封面",
    "toc": "目录",
    "section": "章节",
    "content": "内容",
    "graphic": "图示",
    "closing": "结束",
}

#: Placeholder boxes per layout (idx → left, top, width, height) in points.
BOXES = {
    "封面": {0: (80, 130, 800, 180), 1: (80, 330, 800, 150)},
    "目录": {0: (40, 12, 880, 68), 1: (70, 110, 410, 390), 2: (500, 110, 410, 390)},
    "章节": {1: (80, 140, 800, 64), 0: (80, 214, 800, 200)},
    "内容": {0: (40, 12, 880, 68), 1: (56, 108, 848, 392)},
    "图示": {0: (40, 12, 880, 68)},
    "结束": {0: (80, 140, 800, 170), 2: (80, 330, 800, 120)},
}

#: The gold rule on red layouts: between title and subtitle (cover, closing), under the part label (section).
RULE_Y = {"封面": 318, "结束": 318, "章节": 208}

#: The content area of a 图示 slide (cards, timeline, quotes), in points.
GRAPHIC_AREA = (56, 108, 848, 392)

TITLE_PT = 30          # content slide titles; shrinks to TITLE_MIN_PT for long headings, then wraps
TITLE_MIN_PT = 20
COVER_TITLE_PT = 40
COVER_SUB_PT = 22
SECTION_TITLE_PT = 36
SECTION_LABEL_PT = 28
BODY_MAX_PT = 28       # key points when few enough to fit at this size
BODY_PT = 24           # key points
BODY_MIN_PT = 20
CARD_TITLE_PT = 22
CARD_BODY_PT = 20
QUOTE_PT = 28
LINE_SPACING = 1.25    # exact line pitch as a multiple of the font size
INSET_PT = 7.2         # text frame insets (left/right), 0.1 in
INSET_TB_PT = 3.6      # top/bottom, 0.05 in
WIDTH_SLACK_PT = 12    # measured lines are this much narrower than the frame
