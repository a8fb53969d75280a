"""The only raw-XML code: East Asian fonts, fields, borders, grid and settings python-docx has no API for."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme", "w:csTheme")
#: The schema order of w:pPr children (CT_PPrBase); Word and LibreOffice ignore children out of order.
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
              "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def _ppr_child(ppr, tag: str):
    """Return the w:pPr child `tag`, inserting it at its schema position when missing."""
    node = ppr.find(qn(f"w:{tag}"))
    if node is not None:
        return node
    node = OxmlElement(f"w:{tag}")
    rank = _PPR_ORDER.index(tag)
    for child in ppr:
        local = child.tag.split("}")[-1]
        if local in _PPR_ORDER and _PPR_ORDER.index(local) > rank:
            child.addprevious(node)
            return node
    ppr.append(node)
    return node


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
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), east_asia)


def set_char_spacing(rpr, twips: int) -> None:
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.append(spacing)
    spacing.set(qn("w:val"), str(twips))


def add_field(paragraph, instruction: str, placeholder: str = "1"):
    """Append a complex field (e.g. PAGE) to a paragraph; return the run holding the cached result."""
    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)
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
    borders = _ppr_child(ppr, "pBdr")
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), color)
    borders.append(edge)


def set_cell_borders(cell, **edges) -> None:
    """Set a table cell's borders: edges name → (size in 1/8 pt or 0 for none)."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tcpr.append(borders)
    for side, size in edges.items():
        borders.append(_border_edge(side, size))


def _border_edge(side: str, size_eighths: int):
    """A table or cell border edge: a black single line `size_eighths` (1/8 pt) wide, or none (nil) for 0."""
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single" if size_eighths else "nil")
    if size_eighths:
        edge.set(qn("w:sz"), str(size_eighths))
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
    return edge


def set_doc_grid(sectpr, line_pitch_twips: int) -> None:
    grid = sectpr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectpr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def enable_even_and_odd_headers(settings_element) -> None:
    if settings_element.find(qn("w:evenAndOddHeaders")) is None:
        settings_element.insert(0, OxmlElement("w:evenAndOddHeaders"))


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


def float_table_to_bottom(table) -> None:
    """Float a table to the bottom of the type area (the 版记 ends on the bottom edge of the last page's 版心).

    -- Word and WPS honour tblpYSpec="bottom"; LibreOffice 7 lays the table out inline after the text --
    """
    tblpr = table._tbl.tblPr
    pos = OxmlElement("w:tblpPr")
    pos.set(qn("w:leftFromText"), "0")
    pos.set(qn("w:rightFromText"), "0")
    pos.set(qn("w:vertAnchor"), "margin")
    pos.set(qn("w:horzAnchor"), "margin")
    pos.set(qn("w:tblpXSpec"), "center")
    pos.set(qn("w:tblpYSpec"), "bottom")
    tblpr.insert(0, pos)
    overlap = OxmlElement("w:tblOverlap")
    overlap.set(qn("w:val"), "never")
    tblpr.append(overlap)


#: ECMA-376 order of border edges (CT_TblBorders / CT_TcBorders).
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def set_table_borders(table, size_eighths: int = 4, **edges: int) -> None:
    """Set a table's borders (w:tblBorders): every edge `size_eighths` (1/8 pt) unless named, 0 for none.

    set_table_borders(t) draws a full grid; set_table_borders(t, top=0, left=0, right=0, insideV=0) leaves
    only horizontal rules (ruled lines to write on).
    """
    tblpr = table._tbl.tblPr
    for stale in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(stale)
    borders = OxmlElement("w:tblBorders")
    for side in _EDGES:
        borders.append(_border_edge(side, edges.get(side, size_eighths)))
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                "w:tblDescription", "w:tblPrChange")


def repeat_header_row(row) -> None:
    """Repeat a table row at the top of every page the table runs onto (w:tblHeader), and keep it whole."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("cantSplit", "tblHeader"):
        if trpr.find(qn(f"w:{tag}")) is None:
            trpr.insert_element_before(OxmlElement(f"w:{tag}"), *_after_in_trpr(tag))


def keep_row_whole(row) -> None:
    """Keep a table row from breaking across pages (w:cantSplit)."""
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.insert_element_before(OxmlElement("w:cantSplit"), *_after_in_trpr("cantSplit"))


#: ECMA-376 order of w:trPr children (CT_TrPrBase, as Word writes them).
_TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight", "tblHeader",
               "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange")


def _after_in_trpr(tag: str) -> tuple[str, ...]:
    return tuple(f"w:{t}" for t in _TRPR_ORDER[_TRPR_ORDER.index(tag) + 1:])
