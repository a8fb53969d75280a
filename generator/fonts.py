"""The font table: which face each role uses, for Word (East Asian + Latin slots) and PowerPoint."""
from __future__ import annotations

#: Chinese faces named by 公文 practice (GB/T 9704 names only the families).
XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"

#: Deck faces (projected, sans-serif reads better).
DECK_TITLE = "微软雅黑"
DECK_BODY = "微软雅黑"
DECK_LATIN = "Arial"
