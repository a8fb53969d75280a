"""The only raw DrawingML of the deck: text bodies, paragraphs and runs (both font slots), speaker notes.

Children are written in ECMA-376 sequence order (a:bodyPr, a:pPr, a:rPr), so that PowerPoint never "repairs".
"""
from __future__ import annotations

import copy
from functools import lru_cache

from lxml import etree

from ..fonts import DECK_BODY, DECK_LATIN, DECK_TITLE
from ..layout.placed import Frame, Para
from . import deck_styles as ds

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
EMU_PER_PT = 12700
BULLET_CHAR = "◆"
BULLET_EM = 1.2


def _a(tag: str) -> str:
    return f"{{{A}}}{tag}"


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


def placeholder_idx(sp) -> int | None:
    """Return the idx of a p:sp's placeholder (0 when the ph has none), or None for a shape that is no placeholder."""
    ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
    return None if ph is None else int(ph.get("idx", "0"))


def reset_body_pr(body_pr, middle: bool = False) -> None:
    """Make a:bodyPr say: wrap in the frame, our insets, no auto-fit (the layout measured the text)."""
    for child in list(body_pr):
        body_pr.remove(child)
    for attr in list(body_pr.attrib):
        del body_pr.attrib[attr]
    body_pr.set("wrap", "square")
    body_pr.set("lIns", str(emu(ds.INSET_PT)))
    body_pr.set("tIns", str(emu(ds.INSET_TB_PT)))
    body_pr.set("rIns", str(emu(ds.INSET_PT)))
    body_pr.set("bIns", str(emu(ds.INSET_TB_PT)))
    body_pr.set("anchor", "ctr" if middle else "t")
    etree.SubElement(body_pr, _a("noAutofit"))


def write_frame(tx_body, frame: Frame) -> None:
    """Replace the paragraphs of a text body (p:txBody or a:txBody) with the frame's paragraphs."""
    body_pr = tx_body.find(_a("bodyPr"))
    if body_pr is None:
        body_pr = etree.Element(_a("bodyPr"))
        tx_body.insert(0, body_pr)
    reset_body_pr(body_pr, frame.middle)
    if tx_body.find(_a("lstStyle")) is None:
        body_pr.addnext(etree.Element(_a("lstStyle")))
    for paragraph in tx_body.findall(_a("p")):
        tx_body.remove(paragraph)
    face = DECK_TITLE if frame.face == "title" else DECK_BODY
    for para in frame.paras:
        tx_body.append(paragraph_xml(para, face))


def paragraph_xml(para: Para, face: str):
    """Return an a:p: exact line pitch, no hanging punctuation, bullet or none, runs with a:latin and a:ea."""
    p = etree.Element(_a("p"))
    p.append(copy.deepcopy(_paragraph_properties(para.size, para.bullet, para.center, para.space_before)))
    for run in para.runs:
        for index, part in enumerate(run.text.split("\n")):
            if index:
                etree.SubElement(p, _a("br")).append(copy.deepcopy(_run_properties(para.size, run.bold, run.color, face)))
            r = etree.SubElement(p, _a("r"))
            r.append(copy.deepcopy(_run_properties(para.size, run.bold, run.color, face)))
            etree.SubElement(r, _a("t")).text = part
    return p


# -- the few paragraph and run property sets of a deck are built once each and copied (a C-level copy), not
# built element by element for each of its hundreds of paragraphs and runs --
@lru_cache(maxsize=256)
def _paragraph_properties(size: float, bullet: bool, center: bool, space_before: float):
    ppr = etree.Element(_a("pPr"))
    indent = emu(size * BULLET_EM) if bullet else 0
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    if center:
        ppr.set("algn", "ctr")
    ppr.set("eaLnBrk", "1")
    # -- no hanging punctuation: a trailing ，、。 would otherwise be drawn outside the frame --
    ppr.set("hangingPunct", "0")
    line = etree.SubElement(ppr, _a("lnSpc"))
    etree.SubElement(line, _a("spcPts"), val=str(int(size * ds.LINE_SPACING * 100)))
    # -- spacing always explicit: a master's body style adds space before each paragraph (20 % in python-pptx's),
    # which the layout did not measure --
    before = etree.SubElement(ppr, _a("spcBef"))
    etree.SubElement(before, _a("spcPts"), val=str(int(size * ds.LINE_SPACING * space_before * 100)))
    after = etree.SubElement(ppr, _a("spcAft"))
    etree.SubElement(after, _a("spcPts"), val="0")
    if bullet:
        color = etree.SubElement(ppr, _a("buClr"))
        etree.SubElement(color, _a("srgbClr"), val=ds.GOLD)
        etree.SubElement(ppr, _a("buFont"), typeface=DECK_BODY)
        etree.SubElement(ppr, _a("buChar"), char=BULLET_CHAR)
    else:
        etree.SubElement(ppr, _a("buNone"))
    return ppr


@lru_cache(maxsize=256)
def _run_properties(size: float, bold: bool, color: str | None, face: str):
    """Return an a:rPr in schema order: attributes, fill, then a:latin and a:ea (python-pptx sets only a:latin)."""
    rpr = etree.Element(_a("rPr"), lang="zh-CN", altLang="en-US", sz=str(int(size * 100)), b="1" if bold else "0")
    if color:
        fill = etree.SubElement(rpr, _a("solidFill"))
        etree.SubElement(fill, _a("srgbClr"), val=color)
    etree.SubElement(rpr, _a("latin"), typeface=DECK_LATIN)
    etree.SubElement(rpr, _a("ea"), typeface=face)
    return rpr


def set_box(sp, box) -> None:
    """Give a p:sp its own position and size (a:xfrm first in p:spPr), in points."""
    sp_pr = sp.find(f"{{{P}}}spPr")
    if sp_pr is None:
        sp_pr = etree.Element(f"{{{P}}}spPr")
        sp.find(f"{{{P}}}nvSpPr").addnext(sp_pr)
    for old in sp_pr.findall(_a("xfrm")):
        sp_pr.remove(old)
    xfrm = etree.Element(_a("xfrm"))
    etree.SubElement(xfrm, _a("off"), x=str(emu(box.left)), y=str(emu(box.top)))
    etree.SubElement(xfrm, _a("ext"), cx=str(emu(box.width)), cy=str(emu(box.height)))
    sp_pr.insert(0, xfrm)


_GEOMETRY = {"rect": "rect", "round_rect": "roundRect"}


def shape_xml(shape_id: int, shape, frame: Frame | None):
    """Return a p:sp for a drawn shape (or a text box when it has neither fill nor line), its text written.

    -- built as XML, in schema order (nvSpPr, spPr: xfrm, prstGeom, fill, ln, effectLst; txBody), with no theme
    style reference, so nothing the layout did not decide (a theme's shadow or outline) shows --
    """
    text_box = shape.fill is None and shape.line is None
    sp = copy.deepcopy(_shape_skeleton(shape.kind, shape.fill, shape.line, shape.line_width))
    c_nv_pr = sp[0][0]
    c_nv_pr.set("id", str(shape_id))
    c_nv_pr.set("name", f"{'TextBox' if text_box else 'Shape'} {shape_id}")
    set_box(sp, shape.box)
    body = sp[2]
    if frame is not None:
        write_frame(body, frame)
    else:
        etree.SubElement(body, _a("p"))
    return sp


@lru_cache(maxsize=64)
def _shape_skeleton(kind: str, fill: str | None, line: str | None, line_width: float | None):
    """A shape's p:sp without id, box or text (built once per look and copied: see _paragraph_properties)."""
    sp = etree.Element(f"{{{P}}}sp")
    nv = etree.SubElement(sp, f"{{{P}}}nvSpPr")
    etree.SubElement(nv, f"{{{P}}}cNvPr", id="0", name="")
    cnv = etree.SubElement(nv, f"{{{P}}}cNvSpPr")
    if fill is None and line is None:
        cnv.set("txBox", "1")
    etree.SubElement(nv, f"{{{P}}}nvPr")
    sp_pr = etree.SubElement(sp, f"{{{P}}}spPr")
    geometry = etree.SubElement(sp_pr, _a("prstGeom"), prst=_GEOMETRY[kind])
    etree.SubElement(geometry, _a("avLst"))
    if fill:
        fill_element = etree.SubElement(sp_pr, _a("solidFill"))
        etree.SubElement(fill_element, _a("srgbClr"), val=fill)
    else:
        etree.SubElement(sp_pr, _a("noFill"))
    outline = etree.SubElement(sp_pr, _a("ln"))
    if line:
        outline.set("w", str(emu(line_width or 0.75)))
        fill_element = etree.SubElement(outline, _a("solidFill"))
        etree.SubElement(fill_element, _a("srgbClr"), val=line)
    else:
        etree.SubElement(outline, _a("noFill"))
    etree.SubElement(sp_pr, _a("effectLst"))
    body = etree.SubElement(sp, f"{{{P}}}txBody")
    etree.SubElement(body, _a("bodyPr"))
    etree.SubElement(body, _a("lstStyle"))
    return sp


def write_notes(notes_element, text: str) -> None:
    """Write the speaker notes into the notes page's body placeholder: a paragraph a line, both font slots set."""
    for sp in notes_element.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is None or ph.get("type") != "body":
            continue
        body = sp.find(f"{{{P}}}txBody")
        if body is None:
            body = etree.SubElement(sp, f"{{{P}}}txBody")
            etree.SubElement(body, _a("bodyPr"))
            etree.SubElement(body, _a("lstStyle"))
        for paragraph in body.findall(_a("p")):
            body.remove(paragraph)
        for line in text.split("\n"):
            paragraph = etree.SubElement(body, _a("p"))
            if line:
                run = etree.SubElement(paragraph, _a("r"))
                run.append(copy.deepcopy(_NOTES_RUN))
                etree.SubElement(run, _a("t")).text = line
        return


#: The run properties of every line of speaker notes (copied, as in paragraph_xml).
_NOTES_RUN = etree.Element(_a("rPr"), lang="zh-CN", altLang="en-US")
etree.SubElement(_NOTES_RUN, _a("latin"), typeface=DECK_LATIN)
etree.SubElement(_NOTES_RUN, _a("ea"), typeface=DECK_BODY)


__all__ = ["write_frame", "write_notes", "reset_body_pr", "placeholder_idx", "emu", "paragraph_xml", "set_box", "shape_xml"]
