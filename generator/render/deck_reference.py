"""Build the reference study deck (templates/reference/deck.pptx): 16:9, red-and-gold layouts by name."""
from __future__ import annotations

import copy

import pptx
from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from ..fonts import DECK_BODY, DECK_LATIN, DECK_TITLE
from . import deck_styles as ds

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_KEEP = {0: "封面", 1: "内容", 2: "章节", 3: "目录", 5: "图示", 7: "结束"}
_RED_BACKGROUND = {"封面", "章节", "结束"}
#: Text colour and size of each layout's placeholders: (layout, idx) → (colour, size, bold, align).
_TEXT = {
    ("封面", 0): (ds.LIGHT_GOLD, ds.COVER_TITLE_PT, True, "ctr"), ("封面", 1): (ds.WHITE, ds.COVER_SUB_PT, False, "ctr"),
    ("章节", 1): (ds.LIGHT_GOLD, ds.SECTION_LABEL_PT, True, "ctr"), ("章节", 0): (ds.WHITE, ds.SECTION_TITLE_PT, True, "ctr"),
    ("结束", 0): (ds.LIGHT_GOLD, ds.COVER_TITLE_PT, True, "ctr"), ("结束", 2): (ds.WHITE, ds.COVER_SUB_PT, False, "ctr"),
    ("内容", 0): (ds.WHITE, ds.TITLE_PT, True, "l"), ("图示", 0): (ds.WHITE, ds.TITLE_PT, True, "l"),
    ("目录", 0): (ds.WHITE, ds.TITLE_PT, True, "l"),
    ("内容", 1): (ds.INK, ds.BODY_PT, False, "l"), ("目录", 1): (ds.INK, ds.BODY_PT, False, "l"),
    ("目录", 2): (ds.INK, ds.BODY_PT, False, "l"),
}


def build_deck_reference() -> pptx.presentation.Presentation:
    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = Pt(ds.SLIDE_W), Pt(ds.SLIDE_H)
    master = prs.slide_master
    _theme_fonts(master)
    layouts = list(prs.slide_layouts)
    for index, layout in enumerate(layouts):
        if index not in _KEEP:
            _drop_layout(prs, layout)
    scratch_layout = prs.slide_layouts[0]
    for index, name in _KEEP.items():
        layout = layouts[index]
        layout.name = name
        red = name in _RED_BACKGROUND
        fill = layout.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(ds.RED if red else ds.CREAM)
        for ph in list(layout.placeholders):
            idx = ph.placeholder_format.idx
            if idx in ds.BOXES[name]:
                left, top, width, height = ds.BOXES[name][idx]
                ph.left, ph.top, ph.width, ph.height = Pt(left), Pt(top), Pt(width), Pt(height)
                if (name, idx) in _TEXT:
                    _text_style(ph, *_TEXT[(name, idx)])
            elif idx < 10:
                ph._element.getparent().remove(ph._element)
        _decorate(prs, scratch_layout, layout, red, ds.RULE_Y.get(name, 318))
    return prs


def _drop_layout(prs, layout) -> None:
    master = prs.slide_master
    id_list = master._element.find(f".//{{{_P}}}sldLayoutIdLst")
    for entry in list(id_list):
        rid = entry.get(f"{{{_R}}}id")
        if master.part.related_part(rid) is layout.part:
            id_list.remove(entry)
            master.part.drop_rel(rid)


_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _decorate(prs, scratch_layout, layout, red: bool, rule_y: float) -> None:
    """Add the layout's decorative shapes (bands and gold rules) behind its placeholders."""
    slide = prs.slides.add_slide(scratch_layout)
    shapes = []
    if red:
        shapes.append(_rect(slide, 0, 0, ds.SLIDE_W, 14, ds.GOLD))
        shapes.append(_rect(slide, 0, ds.SLIDE_H - 14, ds.SLIDE_W, 14, ds.GOLD))
        shapes.append(_rect(slide, 200, rule_y, 560, 2.5, ds.GOLD))
    else:
        shapes.append(_rect(slide, 0, 0, ds.SLIDE_W, 92, ds.RED))
        shapes.append(_rect(slide, 0, 92, ds.SLIDE_W, 4, ds.GOLD))
        shapes.append(_rect(slide, 40, ds.SLIDE_H - 26, ds.SLIDE_W - 80, 2, ds.GOLD))
        shapes.append(_rect(slide, 0, ds.SLIDE_H - 10, ds.SLIDE_W, 10, ds.RED))
    tree = layout.shapes._spTree
    anchor = tree[2] if len(tree) > 2 else None   # after nvGrpSpPr and grpSpPr: behind the placeholders
    # -- the copies carry the scratch slide's shape ids, which the layout's placeholders already use; shape ids
    # must be unique within a part (PowerPoint repairs the file otherwise) --
    next_id = max(int(node.get("id")) for node in tree.iter(f"{{{_P}}}cNvPr")) + 1
    for shape in shapes:
        element = copy.deepcopy(shape._element)
        element.find(f"{{{_P}}}nvSpPr/{{{_P}}}cNvPr").set("id", str(next_id))
        next_id += 1
        if anchor is not None:
            anchor.addprevious(element)
        else:
            tree.append(element)
    _delete_slide(prs, slide)


def _rect(slide, left, top, width, height, color):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(left), Pt(top), Pt(width), Pt(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(color)
    shape.line.fill.background()
    shape.shadow.inherit = False
    # -- no theme style reference either (as drawingml.shape_xml): LibreOffice draws the theme's effect style
    # (a blurred shadow) under every band despite the empty a:effectLst, on every slide; that doubled the time
    # a deck took to export to PDF and showed a shadow PowerPoint does not draw --
    style = shape._element.find(f"{{{_P}}}style")
    if style is not None:
        shape._element.remove(style)
    return shape


def _delete_slide(prs, slide) -> None:
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):
        if prs.part.related_part(entry.rId) is slide.part:
            prs.part.drop_rel(entry.rId)
            id_list.remove(entry)


def _text_style(placeholder, color: str, size: float, bold: bool, align: str) -> None:
    """Give a layout placeholder its text colour, size, faces (a:latin + a:ea) and no auto-fit."""
    body = placeholder._element.find(f"{{{_P}}}txBody")
    body_pr = body.find(f"{{{_A}}}bodyPr")
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, f"{{{_A}}}noAutofit")
    body_pr.set("wrap", "square")
    body_pr.set("anchor", "ctr" if align == "ctr" else "t")
    lst = body.find(f"{{{_A}}}lstStyle")
    if lst is None:
        lst = etree.SubElement(body, f"{{{_A}}}lstStyle")
        body.insert(1, lst)
    for child in list(lst):
        lst.remove(child)
    lvl = etree.SubElement(lst, f"{{{_A}}}lvl1pPr", algn=align)
    if placeholder.placeholder_format.idx in (1, 2) and align == "l":
        lvl.set("marL", "0")
        lvl.set("indent", "0")
        etree.SubElement(lvl, f"{{{_A}}}buNone")
    rpr = etree.SubElement(lvl, f"{{{_A}}}defRPr", sz=str(int(size * 100)), b="1" if bold else "0")
    fill = etree.SubElement(rpr, f"{{{_A}}}solidFill")
    etree.SubElement(fill, f"{{{_A}}}srgbClr", val=color)
    face = DECK_TITLE if placeholder.placeholder_format.idx == 0 else DECK_BODY
    etree.SubElement(rpr, f"{{{_A}}}latin", typeface=DECK_LATIN)
    etree.SubElement(rpr, f"{{{_A}}}ea", typeface=face)


def _theme_fonts(master) -> None:
    """Theme major/minor fonts: Latin and East Asian faces (python-pptx's default names none for ea)."""
    for rel in master.part.rels.values():
        if rel.reltype.endswith("/theme"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            for group, face in (("majorFont", DECK_TITLE), ("minorFont", DECK_BODY)):
                node = root.find(f".//{{{_A}}}{group}")
                node.find(f"{{{_A}}}latin").set("typeface", DECK_LATIN)
                node.find(f"{{{_A}}}ea").set("typeface", face)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
