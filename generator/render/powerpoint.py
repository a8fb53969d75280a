"""Write the deck: open the template (layouts by name), lay the composed deck out on its geometry, write the
placed slides. This module makes no content decision (generator.layout.deck does); raw XML is in drawingml.py."""
from __future__ import annotations

import copy
from pathlib import Path

import pptx

from ..compose.deck import DeckView
from ..errors import TemplateError
from ..layout.deck import layout_deck
from ..layout.placed import Box, Frame, Geometry, PlacedDeck, PlacedSlide, Shape
from . import deck_styles as ds
from . import lookup
from .drawingml import EMU_PER_PT, A, P, placeholder_idx, set_box, shape_xml, write_frame, write_notes


def render_deck(view: DeckView, template: Path):
    """Return a python-pptx Presentation holding the deck laid out on `template`'s layouts."""
    prs, layouts = open_template(template)
    write_deck(prs, layouts, layout_deck(view, geometry(prs, layouts)), _pristine_for(template))
    return prs


#: Per template file (path, modification time, size): the empty first slide of each layout role, and the empty
#: notes page ("notes"), as python-pptx made them for the first deck on it in this process. Later decks (a batch,
#: a 支部学习包) copy them instead of having python-pptx clone the placeholders again.
_PRISTINE: dict[tuple, dict[str, object]] = {}


def _pristine_for(template: Path) -> dict[str, object]:
    try:
        stat = Path(template).stat()
    except OSError:
        return {}
    return _PRISTINE.setdefault((str(Path(template).resolve()), stat.st_mtime_ns, stat.st_size), {})


def open_template(template: Path):
    """Return the template and its layouts by role; a template without a role's layout is refused by name."""
    try:
        prs = pptx.Presentation(str(template))
    except Exception:  # noqa: BLE001 - anything that fails to open is the user's template
        raise TemplateError("课件模板无法打开（不是有效的 .pptx）。", str(template)) from None
    by_name = lookup.layouts_by_name(prs, ds.LAYOUTS.values(), template)
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):     # a user's template may carry example slides
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)
    return prs, {role: by_name[name] for role, name in ds.LAYOUTS.items()}


#: Placeholder types the layout stage never fills (date, footer, slide number): no box is looked up for them.
_FURNITURE = ("dt", "ftr", "sldNum")


def geometry(prs, layouts) -> Geometry:
    """Return the slide size and the boxes of every layout's placeholders, in points.

    -- read from each placeholder's own a:xfrm; python-pptx's inherited-position lookup (thousands of XPath
    queries) only for a placeholder that takes its box from the master --
    """
    boxes = {}
    for role, layout in layouts.items():
        for sp in layout.shapes._spTree.iterchildren(f"{{{P}}}sp"):
            idx = placeholder_idx(sp)
            ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
            if idx is None or ph.get("type") in _FURNITURE:
                continue
            off, ext = sp.find(f"{{{P}}}spPr/{{{A}}}xfrm/{{{A}}}off"), sp.find(f"{{{P}}}spPr/{{{A}}}xfrm/{{{A}}}ext")
            if off is not None and ext is not None:
                values = (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
            else:
                shape = layout.shapes._shape_factory(sp)
                if shape.width is None or shape.height is None:
                    continue
                values = (shape.left, shape.top, shape.width, shape.height)
            boxes[(role, idx)] = Box(*(v / EMU_PER_PT for v in values))
    return Geometry(boxes, prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)


def write_deck(prs, layouts, placed: PlacedDeck, pristine: dict[str, object] | None = None) -> None:
    writer = _Writer(prs, layouts, {} if pristine is None else pristine)
    for slide in placed.slides:
        writer.write(slide)


class _Writer:
    def __init__(self, prs, layouts, pristine: dict[str, object]):
        self.prs = prs
        self.layouts = layouts
        self._pristine = pristine     # role → its first slide's XML, empty; "notes" → the first notes page's

    def write(self, placed: PlacedSlide) -> None:
        slide, notes = self._new_slide(placed.layout)
        write_notes(notes, placed.notes)
        tree = slide.shapes._spTree
        placeholders = {placeholder_idx(sp): sp for sp in tree.iterchildren(f"{{{P}}}sp") if placeholder_idx(sp) is not None}
        next_id = 1 + max((int(v) for v in tree.xpath(".//@id") if v.isdigit()), default=1)
        for item in placed.items:
            if isinstance(item, Frame) and item.placeholder is not None and item.placeholder in placeholders:
                sp = placeholders[item.placeholder]
                set_box(sp, item.box)
                write_frame(sp.find(f"{{{P}}}txBody"), item)
                continue
            shape = item if isinstance(item, Shape) else Shape("rect", item.box, frame=item)
            tree.append(shape_xml(next_id, shape, shape.frame))
            next_id += 1
        for sp in list(tree.iterchildren(f"{{{P}}}sp")):
            # -- placeholders left empty must not show their prompt text --
            if placeholder_idx(sp) is not None and not "".join(sp.itertext()).strip():
                sp.getparent().remove(sp)

    def _new_slide(self, role: str):
        """Add a slide on the role's layout with its notes page; later slides of a role copy its first, empty one,
        and every notes page but the first copies the first, empty one (kept per template for the process).

        -- python-pptx clones placeholders with thousands of XPath queries per slide (and a notes page's from
        the notes master likewise) and looks for a free part name by walking the whole package each time;
        copying the pristine XML is ten times faster --
        """
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart, SlidePart

        package = self.prs.part.package
        number = len(self.prs.slides._sldIdLst) + 1
        if role in self._pristine:
            slide_part = SlidePart(PackURI(f"/ppt/slides/slide{number}.xml"), CT.PML_SLIDE, package,
                                   copy.deepcopy(self._pristine[role]))
            slide_part.relate_to(self.layouts[role].part, RT.SLIDE_LAYOUT)
            id_list = self.prs.slides._sldIdLst
            # -- the next slide id worked out here: python-pptx's add_sldId asks an XPath query each time --
            next_id = 1 + max((int(entry.get("id", "0")) for entry in id_list), default=255)
            id_list._add_sldId(id=max(next_id, 256), rId=self.prs.part.relate_to(slide_part, RT.SLIDE))
        else:
            slide_part = self.prs.slides.add_slide(self.layouts[role]).part
            self._pristine[role] = copy.deepcopy(slide_part._element)
        if "notes" not in self._pristine:
            notes = slide_part.slide.notes_slide._element
            self._pristine["notes"] = copy.deepcopy(notes)
            return slide_part.slide, notes
        notes_part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE, package,
                                    copy.deepcopy(self._pristine["notes"]))
        notes_part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        return slide_part.slide, notes_part._element


__all__ = ["render_deck", "open_template", "geometry", "write_deck"]
