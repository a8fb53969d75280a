"""The only raw-XML code: East Asian fonts, fields, borders, grid and settings python-docx has no API for.

Every child is inserted at its ECMA-376 schema position (`child`): Word and LibreOffice read children out of
sequence order inconsistently, and Word may offer to "repair" such a file.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme", "w:csTheme")
#: Schema order of the children this module writes, per parent (ECMA-376 Part 1; names only, choices share a rank).
_ORDER: dict[str, tuple[str, ...]] = {
    # CT_PPr, §17.3.1.26
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    # CT_RPr, §17.3.2.28
    "rPr": ("ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
            "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
            "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
            "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
            "rPrChange"),
    # CT_TblPr, §17.4.60
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
              "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
              "tblCaption", "tblDescription", "tblPrChange"),
    # CT_TcPr, §17.4.70
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
             "tcPrChange"),
    # CT_TcBorders, §17.4.66; CT_TblCellMar, §17.4.42 (left/start and right/end are one choice each)
    "tcBorders": ("top", "left", "bottom", "right", "insideH", "insideV", "tl2br", "tr2bl"),
    "tblCellMar": ("top", "left", "bottom", "right"),
    # CT_TblBorders, §17.4.39
    "tblBorders": ("top", "left", "bottom", "right", "insideH", "insideV"),
    # CT_TrPr (CT_TrPrBase's choices, in the order Word writes them), §17.4.82
    "trPr": ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight", "tblHeader",
             "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange"),
    # CT_PBdr, §17.3.1.24
    "pBdr": ("top", "left", "bottom", "right", "between", "bar"),
    # CT_SectPr, §17.6.17
    "sectPr": ("headerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders",
               "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
               "rtlGutter", "docGrid", "printerSettings", "sectPrChange"),
}
_SAME_RANK = {"start": "left", "end": "right", "footerReference": "headerReference"}


def _rank(order: tuple[str, ...], local: str) -> int | None:
    local = _SAME_RANK.get(local, local)
    return order.index(local) if local in order else None


def child(parent, tag: str, replace: bool = False):
    """Return the child `tag` ("w:spacing") of a property element, inserting it at its schema position.

    With `replace`, an existing child is dropped first (a fresh, attribute-less element is returned).
    """
    node = parent.find(qn(tag))
    if node is not None and not replace:
        return node
    if node is not None:
        parent.remove(node)
    order = _ORDER[parent.tag.split("}")[-1]]
    rank = _rank(order, tag.split(":")[-1])
    node = OxmlElement(tag)
    for sibling in parent:
        other = _rank(order, sibling.tag.split("}")[-1]) if isinstance(sibling.tag, str) else None
        if other is not None and other > rank:
            sibling.addprevious(node)
            return node
    parent.append(node)
    return node


def _ppr_child(ppr, tag: str):
    return child(ppr, f"w:{tag}")


def set_run_fonts(rpr, east_asia: str, latin: str) -> None:
    """Set every font slot of a w:rPr: Latin faces in ascii/hAnsi/cs, the Chinese face in eastAsia.

    -- python-docx's Font.name sets only w:ascii and w:hAnsi; Word and WPS take CJK glyphs from w:eastAsia,
    and a theme attribute left in place overrides the explicit name (MS Mincho fallback) --
    """
    fonts = rpr.get_or_add_rFonts()
    drop_theme_fonts(fonts)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def clear_font_hint(rpr) -> None:
    """Remove w:hint from a w:rPr's fonts, so that shared characters (no-break spaces) take the Latin face."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.attrib.pop(qn("w:hint"), None)


def drop_theme_fonts(fonts) -> None:
    """Remove theme font references from a w:rFonts (they override the explicit faces)."""
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)


def set_lang(rpr, east_asia: str = "zh-CN") -> None:
    lang = child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), east_asia)


def set_char_spacing(rpr, twips: int) -> None:
    spacing = child(rpr, "w:spacing")
    spacing.set(qn("w:val"), str(twips))


def add_field(paragraph, instruction: str, placeholder: str = "1"):
    """Append a complex field (e.g. PAGE) to a paragraph; return the run holding the cached result."""
    def run_with(element):
        run = paragraph.add_run()
        run._r.append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    first = run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    result = paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
    return first, result


def set_paragraph_border(ppr, side: str, size_eighths: int, color: str) -> None:
    """Add a single border on one side of a paragraph (w:pBdr), `size_eighths` in 1/8 pt."""
    edge = child(_ppr_child(ppr, "pBdr"), f"w:{side}", replace=True)
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), color)


def set_cell_borders(cell, **edges) -> None:
    """Set a table cell's borders: edges name → (size in 1/8 pt or 0 for none)."""
    borders = child(cell._tc.get_or_add_tcPr(), "w:tcBorders")
    for side, size in edges.items():
        _border(child(borders, f"w:{side}", replace=True), size)


def _border(edge, size_eighths: int):
    """Make a border edge a black single line `size_eighths` (1/8 pt) wide, or none (nil) for 0."""
    edge.set(qn("w:val"), "single" if size_eighths else "nil")
    if size_eighths:
        edge.set(qn("w:sz"), str(size_eighths))
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
    return edge


def set_doc_grid(sectpr, line_pitch_twips: int) -> None:
    grid = child(sectpr, "w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def set_outline_level(ppr, level: int) -> None:
    node = _ppr_child(ppr, "outlineLvl")
    node.set(qn("w:val"), str(level))


def forbid_hanging_punctuation(ppr) -> None:
    """Keep closing punctuation from hanging past the right margin as a 29th character on a line.

    -- LibreOffice reads w:overflowPunct inverted (writerfilter: hanging = (val == 0)), so val="1" is what
    stops hanging there; Word and WPS allow hanging by default, so val="1" leaves them as they were --
    """
    _ppr_child(ppr, "overflowPunct").set(qn("w:val"), "1")


def set_snap_to_grid(ppr, on: bool) -> None:
    node = _ppr_child(ppr, "snapToGrid")
    node.set(qn("w:val"), "1" if on else "0")


def float_table_to_bottom(table, left_twips: int, width_twips: int) -> None:
    """Float a table to the bottom of the type area (the 版记 ends on the bottom edge of the last page's 版心).

    -- Word and WPS honour tblpYSpec="bottom" whatever the anchor. LibreOffice turns a floating table into a
    bottom-aligned frame only when its import heuristic (writerfilter SectionPropertyMap::FloatingTableConversion)
    sees room beside it: a table as wide as the type area passes only when positioned against the page, so the
    table is placed from the page edge at the left margin. Cell margins are zero so that Word and LibreOffice
    agree where the rules start (LibreOffice shifts a floating table left by its first cell margin) --
    """
    tblpr = table._tbl.tblPr
    pos = child(tblpr, "w:tblpPr", replace=True)
    pos.set(qn("w:leftFromText"), "0")
    pos.set(qn("w:rightFromText"), "0")
    pos.set(qn("w:vertAnchor"), "margin")
    pos.set(qn("w:horzAnchor"), "page")
    pos.set(qn("w:tblpX"), str(left_twips))
    pos.set(qn("w:tblpYSpec"), "bottom")
    child(tblpr, "w:tblOverlap").set(qn("w:val"), "never")
    width = child(tblpr, "w:tblW", replace=True)
    width.set(qn("w:w"), str(width_twips))
    width.set(qn("w:type"), "dxa")
    margins = child(tblpr, "w:tblCellMar", replace=True)
    for side in ("left", "right"):
        edge = child(margins, f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")


def set_table_borders(table, size_eighths: int = 4, **edges: int) -> None:
    """Set a table's borders (w:tblBorders): every edge `size_eighths` (1/8 pt) unless named, 0 for none.

    set_table_borders(t) draws a full grid; set_table_borders(t, top=0, left=0, right=0, insideV=0) leaves
    only horizontal rules (ruled lines to write on).
    """
    borders = child(table._tbl.tblPr, "w:tblBorders", replace=True)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _border(child(borders, f"w:{side}"), edges.get(side, size_eighths))


def repeat_header_row(row) -> None:
    """Repeat a table row at the top of every page the table runs onto (w:tblHeader), and keep it whole."""
    trpr = row._tr.get_or_add_trPr()
    child(trpr, "w:cantSplit")
    child(trpr, "w:tblHeader")


def keep_row_whole(row) -> None:
    """Keep a table row from breaking across pages (w:cantSplit)."""
    child(row._tr.get_or_add_trPr(), "w:cantSplit")
