"""The only raw DrawingML of the deck: text bodies, paragraphs and runs (both font slots), speaker notes.

Children are written in ECMA-376 sequence order (a:bodyPr, a:pPr, a:rPr), so that PowerPoint never "repairs".
"""
from __future__ import annotations

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
    ppr = etree.SubElement(p, _a("pPr"))
    indent = emu(para.size * BULLET_EM) if para.bullet else 0
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    if para.center:
        ppr.set("algn", "ctr")
    ppr.set("eaLnBrk", "1")
    # -- no hanging punctuation: a trailing ，、。 would otherwise be drawn outside the frame --
    ppr.set("hangingPunct", "0")
    line = etree.SubElement(ppr, _a("lnSpc"))
    etree.SubElement(line, _a("spcPts"), val=str(int(para.size * ds.LINE_SPACING * 100)))
    # -- spacing always explicit: a master's body style adds space before each paragraph (20 % in python-pptx's),
    # which the layout did not measure --
    before = etree.SubElement(ppr, _a("spcBef"))
    etree.SubElement(before, _a("spcPts"), val=str(int(para.size * ds.LINE_SPACING * para.space_before * 100)))
    after = etree.SubElement(ppr, _a("spcAft"))
    etree.SubElement(after, _a("spcPts"), val="0")
    if para.bullet:
        color = etree.SubElement(ppr, _a("buClr"))
        etree.SubElement(color, _a("srgbClr"), val=ds.GOLD)
        etree.SubElement(ppr, _a("buFont"), typeface=DECK_BODY)
        etree.SubElement(ppr, _a("buChar"), char=BULLET_CHAR)
    else:
        etree.SubElement(ppr, _a("buNone"))
    for run in para.runs:
        for index, part in enumerate(run.text.split("\n")):
            if index:
                _run_properties(etree.SubElement(p, _a("br")), para.size, run, face)
            r = etree.SubElement(p, _a("r"))
            _run_properties(r, para.size, run, face)
            etree.SubElement(r, _a("t")).text = part
    return p


def _run_properties(parent, size: float, run, face: str):
    """Append an a:rPr in schema order: attributes, fill, then a:latin and a:ea (python-pptx sets only a:latin)."""
    rpr = etree.SubElement(parent, _a("rPr"), lang="zh-CN", altLang="en-US", sz=str(int(size * 100)),
                           b="1" if run.bold else "0")
    if run.color:
        fill = etree.SubElement(rpr, _a("solidFill"))
        etree.SubElement(fill, _a("srgbClr"), val=run.color)
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
    sp = etree.Element(f"{{{P}}}sp")
    nv = etree.SubElement(sp, f"{{{P}}}nvSpPr")
    etree.SubElement(nv, f"{{{P}}}cNvPr", id=str(shape_id), name=f"{'TextBox' if text_box else 'Shape'} {shape_id}")
    cnv = etree.SubElement(nv, f"{{{P}}}cNvSpPr")
    if text_box:
        cnv.set("txBox", "1")
    etree.SubElement(nv, f"{{{P}}}nvPr")
    sp_pr = etree.SubElement(sp, f"{{{P}}}spPr")
    geometry = etree.SubElement(sp_pr, _a("prstGeom"), prst=_GEOMETRY[shape.kind])
    etree.SubElement(geometry, _a("avLst"))
    if shape.fill:
        fill = etree.SubElement(sp_pr, _a("solidFill"))
        etree.SubElement(fill, _a("srgbClr"), val=shape.fill)
    else:
        etree.SubElement(sp_pr, _a("noFill"))
    line = etree.SubElement(sp_pr, _a("ln"))
    if shape.line:
        line.set("w", str(emu(shape.line_width or 0.75)))
        fill = etree.SubElement(line, _a("solidFill"))
        etree.SubElement(fill, _a("srgbClr"), val=shape.line)
    else:
        etree.SubElement(line, _a("noFill"))
    etree.SubElement(sp_pr, _a("effectLst"))
    set_box(sp, shape.box)
    body = etree.SubElement(sp, f"{{{P}}}txBody")
    etree.SubElement(body, _a("bodyPr"))
    etree.SubElement(body, _a("lstStyle"))
    if frame is not None:
        write_frame(body, frame)
    else:
        etree.SubElement(body, _a("p"))
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
                rpr = etree.SubElement(run, _a("rPr"), lang="zh-CN", altLang="en-US")
                etree.SubElement(rpr, _a("latin"), typeface=DECK_LATIN)
                etree.SubElement(rpr, _a("ea"), typeface=DECK_BODY)
                etree.SubElement(run, _a("t")).text = line
        return


__all__ = ["write_frame", "write_notes", "reset_body_pr", "placeholder_idx", "emu", "paragraph_xml", "set_box", "shape_xml"]
