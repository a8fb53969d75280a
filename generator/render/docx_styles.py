"""Named Word styles for the minutes and the summary, and the builder of their reference .docx files.

The reference files under templates/reference/ are generated from these specs by
scripts/make_references.py; at run time the renderers only use style names, so a user can restyle
the documents in Word or WPS and pass the edited reference with --templates.
"""
from __future__ import annotations

from dataclasses import dataclass

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from .. import gbt9704 as gb
from ..fonts import FANGSONG, HEITI, KAITI, LATIN, SONGTI, XIAOBIAOSONG
from . import ooxml

CENTER, JUSTIFY, LEFT, RIGHT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY,
                                WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT)
CHAR = int(gb.CHAR_PITCH_PT * 20)   # one character of body text, in twips (condensed 3号)


@dataclass(frozen=True)
class StyleSpec:
    name: str
    font: str
    size: float
    kind: str = "paragraph"           # or "character"
    base: str | None = "Normal"
    align: object = JUSTIFY
    first_indent: int = 0              # twips; negative = hanging
    left_indent: int = 0
    right_indent: int = 0
    line: int | None = gb.LINE_PITCH_TWIPS   # exact line height in twips; None = single
    before: float = 0                  # points
    after: float = 0
    bold: bool = False
    color: str | None = None
    keep_next: bool = False
    outline: int | None = None
    spacing: int | None = None         # character spacing in twips
    border_bottom: tuple[int, str] | None = None   # (1/8 pt, colour)
    right_tab: bool = False


def _body(name: str, **kw) -> StyleSpec:
    return StyleSpec(name, FANGSONG, gb.BODY_PT, **kw)


#: The 会议纪要 styles (GB/T 9704-2012 纪要格式).
MINUTES_STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", FANGSONG, gb.BODY_PT, base=None, first_indent=2 * CHAR, spacing=gb.CHAR_SPACING_TWIPS),
    _body("Body Text", first_indent=2 * CHAR),
    StyleSpec("纪要标志", XIAOBIAOSONG, 36, align=CENTER, line=None, color=gb.RED, spacing=0),
    _body("纪要期号", align=CENTER),
    _body("纪要版头", align=LEFT, right_tab=True, border_bottom=(int(gb.RED_RULE_MM / gb.MM_PER_PT * 8), gb.RED)),
    StyleSpec("Title", XIAOBIAOSONG, gb.TITLE_PT, align=CENTER, line=int(gb.TITLE_PT * 1.35 * 20),
              before=gb.LINE_PITCH_TWIPS / 20, after=gb.LINE_PITCH_TWIPS / 20, spacing=0),
    StyleSpec("Heading 1", HEITI, gb.BODY_PT, first_indent=2 * CHAR, keep_next=True, outline=0),
    StyleSpec("Heading 2", KAITI, gb.BODY_PT, first_indent=2 * CHAR, keep_next=True, outline=1),
    StyleSpec("Heading 3", FANGSONG, gb.BODY_PT, first_indent=2 * CHAR, keep_next=True, outline=2),
    StyleSpec("Heading 4", FANGSONG, gb.BODY_PT, first_indent=2 * CHAR, keep_next=True, outline=3),
    StyleSpec("二级标题字符", KAITI, gb.BODY_PT, kind="character"),
    StyleSpec("三级标题字符", FANGSONG, gb.BODY_PT, kind="character"),
    StyleSpec("引领语字符", KAITI, gb.BODY_PT, kind="character"),
    StyleSpec("名单标签字符", HEITI, gb.BODY_PT, kind="character"),
    _body("出席名单", left_indent=5 * CHAR, first_indent=-3 * CHAR, align=LEFT),
    StyleSpec("版记", FANGSONG, gb.IMPRINT_PT, align=LEFT, left_indent=int(gb.IMPRINT_PT * 20), right_indent=int(gb.IMPRINT_PT * 20),
              line=int(gb.IMPRINT_PT * 1.45 * 20), before=2, after=0, right_tab=True, spacing=0),
    StyleSpec("Footer", SONGTI, gb.PAGE_NUMBER_PT, line=None, spacing=0),
    StyleSpec("版记锚点", FANGSONG, 1, line=20, spacing=0),
)

#: Page margins (top, bottom, left, right) in mm: the minutes follow GB/T 9704; the handout is a little wider.
MINUTES_MARGINS_MM = (gb.MARGIN_TOP_MM, gb.MARGIN_BOTTOM_MM, gb.MARGIN_LEFT_MM, gb.MARGIN_RIGHT_MM)
SUMMARY_MARGINS_MM = (25.0, 22.0, 25.0, 23.0)

#: The 学习要点 (printed summary) styles: a handout, 四号 body for reading on paper.
SUMMARY_STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", FANGSONG, 14, base=None, first_indent=0, line=460, spacing=0),
    StyleSpec("Title", XIAOBIAOSONG, gb.TITLE_PT, align=CENTER, line=620, after=2, spacing=0),
    StyleSpec("要点会议", KAITI, 14, align=CENTER, line=400, after=8),
    StyleSpec("Heading 1", HEITI, 15, align=LEFT, line=440, before=8, after=2, keep_next=True, outline=0),
    StyleSpec("要点条目", FANGSONG, 14, first_indent=560, line=440),
    StyleSpec("要点小标题字符", KAITI, 14, kind="character"),
    StyleSpec("要点正文", FANGSONG, 14, first_indent=560, line=440),
    StyleSpec("Footer", SONGTI, 12, line=None, align=CENTER),
)


def _apply(style, spec: StyleSpec) -> None:
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.color.rgb = RGBColor.from_string(spec.color) if spec.color else RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    ooxml.set_run_fonts(rpr, spec.font, LATIN)
    ooxml.set_lang(rpr)
    if spec.spacing is not None:
        ooxml.set_char_spacing(rpr, spec.spacing)
    if spec.kind == "character":
        return
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.first_line_indent = Twips(spec.first_indent)
    fmt.left_indent = Twips(spec.left_indent)
    fmt.right_indent = Twips(spec.right_indent)
    if spec.line:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Twips(spec.line)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = Pt(spec.before)
    fmt.space_after = Pt(spec.after)
    fmt.keep_with_next = spec.keep_next
    fmt.widow_control = True
    ppr = style.element.get_or_add_pPr()
    for stale in ppr.findall(qn("w:pBdr")):
        ppr.remove(stale)
    if spec.outline is not None:
        ooxml.set_outline_level(ppr, spec.outline)
    ooxml.set_snap_to_grid(ppr, False)
    ooxml.forbid_hanging_punctuation(ppr)
    if spec.border_bottom:
        ooxml.set_paragraph_border(ppr, "bottom", *spec.border_bottom)
    if spec.right_tab:
        width = Mm(gb.TYPE_AREA_WIDTH_MM) - Twips(spec.left_indent + spec.right_indent)
        fmt.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def build_reference(specs: tuple[StyleSpec, ...], margins_mm: tuple[float, float, float, float]) -> docx.document.Document:
    """Return an empty document holding the named styles and the page setup (top, bottom, left, right)."""
    document = docx.Document()
    styles = document.styles
    _fix_defaults(document)
    for spec in specs:
        kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
        try:
            style = styles[spec.name]
        except KeyError:
            style = styles.add_style(spec.name, kind)
            style.quick_style = True
        if spec.base and spec.kind == "paragraph" and spec.name != "Normal":
            style.base_style = styles[spec.base]
        _apply(style, spec)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(gb.PAGE_WIDTH_MM), Mm(gb.PAGE_HEIGHT_MM)
    top, bottom, left, right = margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(max(bottom - gb.PAGE_NUMBER_OFFSET_MM - gb.PAGE_NUMBER_DASH_ABOVE_BASE_MM, 5))
    ooxml.set_doc_grid(section._sectPr, gb.LINE_PITCH_TWIPS)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _prune_styles(document, {spec.name for spec in specs} | set(KEPT_BUILT_INS))
    return document


#: Built-in styles a reference keeps although no spec names them: what a user editing an output in Word/WPS
#: reaches for first. Word and WPS know the other built-ins without a definition in the file.
KEPT_BUILT_INS = ("Normal", "Title", "Body Text", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer",
                  "List Paragraph", "Table Grid")


def _prune_styles(document, names: set[str]) -> None:
    """Drop the styles python-docx's default template defines beyond `names`, the defaults and what they lean on.

    -- that template carries 170 styles (350 KB of styles.xml, most of them table styles) and a 440 KB
    stylesWithEffects.xml for Word 2010: every build parsed, wrote and compressed both, about four fifths
    of the time a .docx output took. Styles a kept style is based on, followed by or linked to stay --
    """
    element = document.styles.element
    styles = element.findall(qn("w:style"))
    by_id = {style.get(qn("w:styleId")): style for style in styles}
    wanted = {" ".join(name.split()).casefold() for name in names}

    def named(style) -> bool:
        name = style.find(qn("w:name"))
        return name is not None and " ".join(name.get(qn("w:val"), "").split()).casefold() in wanted

    keep = {sid for sid, style in by_id.items() if style.get(qn("w:default")) in ("1", "true") or named(style)}
    # -- and the styles the numbering definitions name (List Bullet…), so that no reference is left dangling --
    numbering = next((part for part in document.part.package.parts if part.partname.endswith("/numbering.xml")), None)
    if numbering is not None:
        keep |= {ref.get(qn("w:val")) for ref in numbering.element.iter(qn("w:pStyle"))} & set(by_id)
    pending = list(keep)
    while pending:
        style = by_id.get(pending.pop())
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag)) if style is not None else None
            if ref is not None and ref.get(qn("w:val")) not in keep:
                keep.add(ref.get(qn("w:val")))
                pending.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in keep:
            element.remove(style)
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel.rId)


def _fix_defaults(document) -> None:
    """Give the document defaults explicit Chinese/Latin faces and zh-CN, and the theme Chinese faces.

    -- python-docx's default template leaves East Asian text to the theme, which falls back to a Japanese
    face (MS Mincho) in Word and to a missing font in WPS --
    """
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    ooxml.set_run_fonts(rpr, FANGSONG, LATIN)
    ooxml.set_lang(rpr)
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        ooxml.drop_theme_fonts(fonts)
    for part in document.part.package.parts:
        if part.partname.endswith("theme1.xml"):
            xml = part.blob.decode("utf-8")
            xml = xml.replace('<a:ea typeface=""/>', f'<a:ea typeface="{HEITI}"/>', 1).replace(
                '<a:ea typeface=""/>', f'<a:ea typeface="{FANGSONG}"/>', 1)
            xml = xml.replace('script="Hans" typeface="宋体"', f'script="Hans" typeface="{FANGSONG}"')
            part._blob = xml.encode("utf-8")


__all__ = ["MINUTES_STYLES", "SUMMARY_STYLES", "MINUTES_MARGINS_MM", "SUMMARY_MARGINS_MM", "build_reference", "CHAR"]
