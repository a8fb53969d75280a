"""Render the deck view onto the reference (or the user's) .pptx: layouts by name, measured and paginated text."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import pptx
from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from ..compose.deck import CardView, DeckView, PointView, SlideView
from ..errors import TemplateError
from ..fonts import DECK_BODY, DECK_LATIN, DECK_TITLE
from ..measure import cut_at_clause, lines_fit, text_em, wrap
from . import deck_styles as ds

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
EMU_PER_PT = 12700
GAP_LINES = 0.4   # space before each key point after the first, in lines


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    color: str | None = None


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def text_width(self) -> float:
        # -- half an em of slack per line for renderers' differing kinsoku and glyph widths --
        return self.width - 2 * ds.INSET_PT - ds.WIDTH_SLACK_PT

    @property
    def text_height(self) -> float:
        return self.height - 2 * ds.INSET_TB_PT


def render_deck(view: DeckView, template: Path):
    """Return a python-pptx Presentation holding the deck."""
    prs = _open(template)
    renderer = _Renderer(prs, view)
    for slide in view.slides:
        renderer.render(slide)
    return prs


def _open(template: Path):
    try:
        prs = pptx.Presentation(str(template))
    except Exception:  # noqa: BLE001 - anything that fails to open is the user's template
        raise TemplateError("课件模板无法打开（不是有效的 .pptx）。", str(template)) from None
    names = {layout.name for layout in prs.slide_layouts}
    missing = [name for name in ds.LAYOUTS.values() if name not in names]
    if missing:
        raise TemplateError(f"课件模板缺少版式：{'、'.join(missing)}（版式按名称查找）。", str(template))
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):     # a user's template may carry example slides
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)
    return prs


class _Renderer:
    def __init__(self, prs, view: DeckView):
        self.prs = prs
        self.view = view
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self._boxes: dict[tuple[str, int], Box] = {}
        self._pristine: dict[str, tuple] = {}

    def _copy_slide(self, role: str):
        """Add a slide as a copy of the role's first, still empty slide and notes page.

        -- python-pptx clones placeholders with thousands of XPath queries per slide and looks for a free
        notes part name by walking the whole package each time; copying the pristine XML is ten times faster --
        """
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart, SlidePart

        slide_xml, notes_xml = self._pristine[role]
        package = self.prs.part.package
        number = len(self.prs.slides._sldIdLst) + 1
        slide_part = SlidePart(PackURI(f"/ppt/slides/slide{number}.xml"), CT.PML_SLIDE, package, copy.deepcopy(slide_xml))
        slide_part.relate_to(self.layouts[ds.LAYOUTS[role]].part, RT.SLIDE_LAYOUT)
        self.prs.slides._sldIdLst.add_sldId(self.prs.part.relate_to(slide_part, RT.SLIDE))
        notes_part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE, package,
                                    copy.deepcopy(notes_xml))
        notes_part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        return slide_part.slide, notes_part._element

    def layout_box(self, role: str, idx: int) -> Box:
        """Return the box of a layout's placeholder (what a slide made from the layout inherits)."""
        key = (role, idx)
        if key not in self._boxes:
            layout = self.layouts[ds.LAYOUTS[role]]
            shape = next((p for p in layout.placeholders if p.placeholder_format.idx == idx), None)
            if shape is None:
                raise TemplateError(f"课件模板的版式“{layout.name}”缺少 {idx} 号占位符。")
            self._boxes[key] = _box(shape)
        return self._boxes[key]

    def continued(self, title: str) -> str:
        return self.view.continued.replace("{title}", title)

    def new_slide(self, role: str, notes: str):
        """Add a slide on the role's layout, with a notes slide holding `notes`."""
        if role in self._pristine:
            slide, notes_element = self._copy_slide(role)
        else:
            slide = self.prs.slides.add_slide(self.layouts[ds.LAYOUTS[role]])
            # -- give each placeholder its layout's box explicitly: measuring then reads the slide's own XML
            # instead of python-pptx's inheritance walk (and the file no longer depends on the layout's geometry) --
            for element in slide.shapes._spTree.iterchildren(f"{{{_P}}}sp"):
                ph = element.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
                if ph is not None:
                    box = self.layout_box(role, int(ph.get("idx", "0")))
                    _set_box(slide.shapes._shape_factory(element), box)
            notes_element = slide.notes_slide._element
            self._pristine[role] = (copy.deepcopy(slide._element), copy.deepcopy(notes_element))
        _write_notes(notes_element, notes)
        return slide

    def render(self, view: SlideView) -> None:
        getattr(self, f"_{view.kind}")(view)

    # -- slide kinds --
    def _cover(self, view: SlideView) -> None:
        slide = self.new_slide("cover", view.notes)
        title, sub = _placeholder(slide, 0), _placeholder(slide, 1)
        _fill_fitted(title, view.title.split("\n"), ds.COVER_TITLE_PT, ds.TITLE_MIN_PT, bold=True)
        if sub is not None:
            _fill_fitted(sub, view.subtitle.split("\n") if view.subtitle else [], ds.COVER_SUB_PT, ds.BODY_MIN_PT)
        _drop_empty(slide)

    def _closing(self, view: SlideView) -> None:
        slide = self.new_slide("closing", view.notes)
        _fill_fitted(_placeholder(slide, 0), [view.title], ds.COVER_TITLE_PT, ds.TITLE_MIN_PT, bold=True)
        sub = _placeholder(slide, 2) or _placeholder(slide, 1)
        if sub is not None:
            _fill_fitted(sub, view.subtitle.split("\n") if view.subtitle else [], ds.COVER_SUB_PT, ds.BODY_MIN_PT)
        _drop_empty(slide)

    def _section(self, view: SlideView) -> None:
        slide = self.new_slide("section", view.notes)
        label = _placeholder(slide, 1)
        if label is not None:
            _fill_fitted(label, [view.label], ds.SECTION_LABEL_PT, 20, bold=True)
        _fill_fitted(_placeholder(slide, 0), [view.title], ds.SECTION_TITLE_PT, ds.TITLE_MIN_PT, bold=True)
        _drop_empty(slide)

    def _toc(self, view: SlideView) -> None:
        """One slide listing every section: one wide column, or two columns, or (only if needed) more slides."""
        entries = list(view.points)
        slide = self.new_slide("toc", view.notes)
        columns = [c for c in (_placeholder(slide, 1), _placeholder(slide, 2)) if c is not None]
        first, last = _box(columns[0]), _box(columns[-1])
        wide = Box(first.left, first.top, last.left + last.width - first.left, first.height)
        sizes = (ds.BODY_PT, 22, ds.BODY_MIN_PT)
        pages = _paginate(entries, wide, sizes, bullet=False, most=len(entries))
        if len(pages) > 1 and len(columns) == 2:
            half = -(-len(entries) // 2)
            for size in sizes:
                if all(len(_pack(part, box, size, False, len(part))) == 1
                       for part, box in ((entries[:half], first), (entries[half:], last))):
                    self._title(slide, view.title)
                    _write_points(columns[0], entries[:half], size, bullet=False)
                    _write_points(columns[1], entries[half:], size, bullet=False)
                    _drop_empty(slide)
                    return
        for number, (size, items) in enumerate(pages):
            if number:
                slide = self.new_slide("toc", view.notes)
                columns = [c for c in (_placeholder(slide, 1), _placeholder(slide, 2)) if c is not None]
            self._title(slide, view.title if number == 0 else self.continued(view.title))
            _set_box(columns[0], wide)
            for extra in columns[1:]:
                extra._element.getparent().remove(extra._element)
            _write_points(columns[0], items, size, bullet=False)
            _drop_empty(slide)

    def _content(self, view: SlideView) -> None:
        body = self.layout_box("content", 1)
        pages = _paginate(list(view.points), body, (ds.BODY_MAX_PT, 26, ds.BODY_PT, 22, ds.BODY_MIN_PT), bullet=not view.numbered)
        for number, (size, items) in enumerate(pages):
            slide = self.new_slide("content", view.notes)
            self._title(slide, view.title if number == 0 else self.continued(view.title))
            _write_points(_placeholder(slide, 1), items, size, bullet=not view.numbered,
                          gap=_airy_gap(items, body, size, bullet=not view.numbered))
            _drop_empty(slide)

    def _title(self, slide, text: str) -> None:
        shape = _placeholder(slide, 0)
        _fill_fitted(shape, [text], ds.TITLE_PT, ds.TITLE_MIN_PT, bold=True)

    def _cards(self, view: SlideView) -> None:
        per_page = 4 if len(view.cards) <= 4 or len(view.cards) % 3 == 1 and len(view.cards) <= 8 else 6
        for slide, cards in self._graphic_pages(view, per_page):
            cols = 2 if per_page == 4 else 3
            rows = max(1, -(-len(cards) // cols))
            left, top, width, height = ds.GRAPHIC_AREA
            gap = 18
            w = (width - gap * (cols - 1)) / cols
            h = min((height - gap * (rows - 1)) / rows, 190)
            for index, card in enumerate(cards):
                r, c = divmod(index, cols)
                _card(slide, Box(left + c * (w + gap), top + r * (h + gap), w, h), card)

    def _graphic_pages(self, view: SlideView, per_page: int):
        """Yield (slide, cards) for each 图示 slide the cards take, titled 「…（续）」 after the first."""
        for number, start in enumerate(range(0, len(view.cards), per_page)):
            slide = self.new_slide("graphic", view.notes)
            self._title(slide, view.title if number == 0 else self.continued(view.title))
            yield slide, view.cards[start:start + per_page]
            _drop_empty(slide)

    def _timeline(self, view: SlideView) -> None:
        per_page = 4
        left, top, width, height = ds.GRAPHIC_AREA
        for slide, events in self._graphic_pages(view, per_page):
            row_h = height / per_page
            date_w = max(140.0, max(text_em(e.title) for e in view.cards) * 20 + 2 * ds.INSET_PT + ds.WIDTH_SLACK_PT + 24)  # rounded corners inset the text
            line = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(left + date_w / 2), Pt(top), Pt(3), Pt(row_h * len(events) - 8))
            _solid(line, ds.GOLD)
            for index, event in enumerate(events):
                y = top + index * row_h
                date = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Pt(left), Pt(y + 6), Pt(date_w), Pt(40))
                _solid(date, ds.RED)
                _write_runs(date, [[Run(event.title, True, ds.WHITE)]], 20, Box(left, y + 6, date_w, 40), center=True)
                box = Box(left + date_w + 20, y, width - date_w - 20, row_h - 6)
                text = _fit_clause(event.body, box, 20, lines=lines_fit(box.text_height, 20, ds.LINE_SPACING))
                shape = slide.shapes.add_textbox(Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))
                _write_runs(shape, [[Run(text, color=ds.INK)]], 20, box)

    def _quotes(self, view: SlideView) -> None:
        per_page = 3
        left, top, width, height = ds.GRAPHIC_AREA
        for slide, quotes in self._graphic_pages(view, per_page):
            gap = 16
            h = (height - gap * (per_page - 1)) / per_page
            for index, quote in enumerate(quotes):
                box = Box(left + 40, top + index * (h + gap), width - 80, h)
                shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))
                _solid(shape, ds.LIGHT_GOLD)
                shape.line.color.rgb = RGBColor.from_string(ds.GOLD)
                # -- a rounded rectangle insets its text by the corner radius: measure a smaller box --
                size = _largest_fitting([quote.title], Box(box.left, box.top, box.width - 24, box.height - 16), (ds.QUOTE_PT, 24, 22, 20))
                _write_runs(shape, [[Run(quote.title, True, ds.DARK_RED)]], size, box, center=True)


# -- measuring and pagination --
def _point_text(point: PointView) -> str:
    return point.lead + point.text


def _point_lines(point: PointView, box: Box, size: float, bullet: bool) -> int:
    indent = size * 1.2 if bullet else 0
    return len(wrap(_point_text(point), (box.text_width - indent) / size))


def _paginate(points: list[PointView], box: Box, sizes, bullet: bool, most: int = 5) -> list[tuple[float, list[PointView]]]:
    """Split points into slides that fit `box`, trying the larger sizes first; split over-long points."""
    best = None
    for size in sizes:
        pages = _pack(points, box, size, bullet, most)
        if best is None or len(pages) < len(best[1]):
            best = (size, pages)
    size, pages = best
    return [(size, page) for page in pages]


def _pack(points: list[PointView], box: Box, size: float, bullet: bool, most: int) -> list[list[PointView]]:
    capacity = lines_fit(box.text_height, size, ds.LINE_SPACING)
    gap_lines = GAP_LINES
    pages: list[list[PointView]] = [[]]
    used = 0.0
    queue = list(points)
    while queue:
        point = queue.pop(0)
        lines = _point_lines(point, box, size, bullet)
        need = lines + (gap_lines if pages[-1] else 0)
        if pages[-1] and (used + need > capacity or len(pages[-1]) >= most):
            pages.append([])
            used, need = 0.0, lines
        if need > capacity:   # a point longer than a whole slide: split it at clause boundaries
            head, tail = _split_point(point, box, size, bullet, capacity - used)
            pages[-1].append(head)
            pages.append([])
            used = 0.0
            if tail.text or tail.lead:
                queue.insert(0, tail)
            continue
        pages[-1].append(point)
        used += need
    return [p for p in pages if p]


def _split_point(point: PointView, box: Box, size: float, bullet: bool, lines: float) -> tuple[PointView, PointView]:
    indent = size * 1.2 if bullet else 0
    width = (box.text_width - indent) / size
    budget = max(1, int(lines)) * width - text_em(point.lead) - 2
    head = cut_at_clause(point.text, budget)
    if len(wrap(point.lead + head, width)) > max(1, int(lines)) or not head:
        head = _cut_hard(point.text, width * max(1, int(lines)) - text_em(point.lead) - 1)
    rest = point.text[len(head):].lstrip("，；：、")
    return PointView(point.lead, head), PointView("", rest)


def _cut_hard(text: str, budget_em: float) -> str:
    out, used = "", 0.0
    for ch in text:
        if used + text_em(ch) > budget_em:
            break
        out += ch
        used += text_em(ch)
    return out


def _largest_fitting(lines: list[str], box: Box, sizes) -> float:
    for size in sizes:
        total = sum(len(wrap(line, box.text_width / size)) for line in lines if line) or 1
        if total <= lines_fit(box.text_height, size, ds.LINE_SPACING):
            return size
    return sizes[-1]


def _fit_clause(text: str, box: Box, size: float, lines: int) -> str:
    """Return the longest clause-bounded prefix of `text` that fits `lines` lines of `box`."""
    width = box.text_width / size
    if len(wrap(text, width)) <= lines:
        return text
    budget = lines * width
    while budget > 2:
        cut = cut_at_clause(text, budget)
        if len(wrap(cut, width)) <= lines:
            return cut
        budget -= 2
    return _cut_hard(text, lines * width - 1)


# -- writing text --
def _placeholder(slide, idx: int):
    """Return the slide's placeholder with `idx` (read from the XML once, not through python-pptx's lookups)."""
    for element in slide.shapes._spTree.iterchildren(f"{{{_P}}}sp"):
        ph = element.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
        if ph is not None and int(ph.get("idx", "0")) == idx:
            return slide.shapes._shape_factory(element)
    return None


def _box(shape) -> Box:
    return Box(shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT, shape.height / EMU_PER_PT)


def _set_box(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)


def _fill_fitted(shape, lines: list[str], size: float, smallest: float, bold: bool = False) -> None:
    """Write lines into a placeholder at the largest size from `size` down to `smallest` that fits its box.

    When even the smallest size does not fit (a very long heading), the box grows downwards, or upwards near
    the foot of the slide, so that no line is ever drawn outside its frame.
    """
    if shape is None or not any(lines):
        return
    box = _box(shape)
    chosen = None
    for candidate in range(int(size), int(smallest) - 1, -2):
        total = sum(len(wrap(line, box.text_width / candidate)) for line in lines)
        if total * candidate * ds.LINE_SPACING <= box.text_height:
            chosen = candidate
            break
    if chosen is None:
        chosen = smallest
        total = sum(len(wrap(line, box.text_width / chosen)) for line in lines)
        need = total * chosen * ds.LINE_SPACING + 2 * ds.INSET_TB_PT + 2
        top = min(box.top, max(0.0, ds.SLIDE_H - need))
        box = Box(box.left, top, box.width, need)
        _set_box(shape, box)
    _write_runs(shape, [[Run(line, bold)] for line in lines], chosen, box, keep_color=True)


def _airy_gap(points: list[PointView], box: Box, size: float, bullet: bool) -> float:
    """Space between points, in lines: 0.4, opened up to one line when the slide has room to spare."""
    if len(points) < 2:
        return GAP_LINES
    used = sum(_point_lines(p, box, size, bullet) for p in points)
    spare = lines_fit(box.text_height, size, ds.LINE_SPACING) - used - GAP_LINES * (len(points) - 1)
    return min(1.0, GAP_LINES + max(0.0, spare) / (len(points) - 1))


def _write_points(shape, points: list[PointView], size: float, bullet: bool, gap: float = 0.4) -> None:
    paragraphs = []
    for point in points:
        runs = []
        if point.lead:
            runs.append(Run(point.lead, True, ds.RED if bullet else ds.DARK_RED))
        if point.text:
            runs.append(Run(point.text))
        paragraphs.append(runs)
    _write_runs(shape, paragraphs, size, _box(shape), bullet=bullet, keep_color=True, gap=gap)


def _write_runs(shape, paragraphs: list[list[Run]], size: float, box: Box, bullet: bool = False, center: bool = False,
                keep_color: bool = False, gap: float = 0.0) -> None:
    frame = shape.text_frame
    body_pr = frame._txBody.find(f"{{{_A}}}bodyPr")
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, f"{{{_A}}}noAutofit")
    body_pr.set("wrap", "square")
    for attr, value in (("lIns", ds.INSET_PT), ("rIns", ds.INSET_PT), ("tIns", ds.INSET_TB_PT), ("bIns", ds.INSET_TB_PT)):
        body_pr.set(attr, str(int(value * EMU_PER_PT)))
    if center:
        body_pr.set("anchor", "ctr")
    frame.clear()
    ph = shape._element.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
    face = DECK_TITLE if ph is not None and ph.get("idx", "0") == "0" else DECK_BODY
    for index, runs in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        ppr = paragraph._p.get_or_add_pPr()
        # -- no hanging punctuation: a trailing ，、。 would otherwise be drawn outside the frame --
        ppr.set("hangingPunct", "0")
        ppr.set("eaLnBrk", "1")
        if center:
            ppr.set("algn", "ctr")
        line = etree.SubElement(ppr, f"{{{_A}}}lnSpc")
        etree.SubElement(line, f"{{{_A}}}spcPts", val=str(int(size * ds.LINE_SPACING * 100)))
        if gap and index:
            before = etree.SubElement(ppr, f"{{{_A}}}spcBef")
            etree.SubElement(before, f"{{{_A}}}spcPts", val=str(int(size * ds.LINE_SPACING * gap * 100)))
        if bullet:
            ppr.set("marL", str(int(size * 1.2 * EMU_PER_PT)))
            ppr.set("indent", str(-int(size * 1.2 * EMU_PER_PT)))
            color = etree.SubElement(ppr, f"{{{_A}}}buClr")
            etree.SubElement(color, f"{{{_A}}}srgbClr", val=ds.GOLD)
            etree.SubElement(ppr, f"{{{_A}}}buFont", typeface=DECK_BODY)
            etree.SubElement(ppr, f"{{{_A}}}buChar", char="◆")
        else:
            ppr.set("marL", "0")
            ppr.set("indent", "0")
            etree.SubElement(ppr, f"{{{_A}}}buNone")
        for spec in runs:
            run = paragraph.add_run()
            run.text = spec.text
            run.font.size = Pt(size)
            run.font.bold = spec.bold
            if spec.color:
                run.font.color.rgb = RGBColor.from_string(spec.color)
            elif not keep_color:
                run.font.color.rgb = RGBColor.from_string(ds.INK)
            _fonts(run, face)


def _write_notes(notes_element, text: str) -> None:
    """Write the speaker notes into the notes page's body placeholder: a paragraph a line, both font slots set."""
    for sp in notes_element.iter(f"{{{_P}}}sp"):
        ph = sp.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
        if ph is None or ph.get("type") != "body":
            continue
        body = sp.find(f"{{{_P}}}txBody")
        if body is None:
            body = etree.SubElement(sp, f"{{{_P}}}txBody")
            etree.SubElement(body, f"{{{_A}}}bodyPr")
            etree.SubElement(body, f"{{{_A}}}lstStyle")
        for paragraph in body.findall(f"{{{_A}}}p"):
            body.remove(paragraph)
        for line in text.split("\n"):
            paragraph = etree.SubElement(body, f"{{{_A}}}p")
            if line:
                run = etree.SubElement(paragraph, f"{{{_A}}}r")
                rpr = etree.SubElement(run, f"{{{_A}}}rPr", lang="zh-CN", altLang="en-US")
                etree.SubElement(rpr, f"{{{_A}}}latin", typeface=DECK_LATIN)
                etree.SubElement(rpr, f"{{{_A}}}ea", typeface=DECK_BODY)
                etree.SubElement(run, f"{{{_A}}}t").text = line
        return


def _fonts(run, east_asia: str) -> None:
    """Set both a:latin and a:ea (python-pptx's font.name sets only a:latin)."""
    rpr = run._r.get_or_add_rPr()
    for tag in ("latin", "ea"):
        old = rpr.find(f"{{{_A}}}{tag}")
        if old is not None:
            rpr.remove(old)
    etree.SubElement(rpr, f"{{{_A}}}latin", typeface=DECK_LATIN)
    etree.SubElement(rpr, f"{{{_A}}}ea", typeface=east_asia)
    rpr.set("lang", "zh-CN")
    rpr.set("altLang", "en-US")


def _card(slide, box: Box, card: CardView) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))
    _solid(shape, ds.WHITE)
    shape.line.color.rgb = RGBColor.from_string(ds.RED)
    shape.line.width = Pt(1.5)
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(8), Pt(box.height))
    _solid(band, ds.GOLD)
    inner = Box(box.left + 12, box.top + 4, box.width - 16, box.height - 8)
    title_lines = len(wrap(card.title, inner.text_width / ds.CARD_TITLE_PT))
    title_h = title_lines * ds.CARD_TITLE_PT * ds.LINE_SPACING + 2 * ds.INSET_TB_PT
    title = slide.shapes.add_textbox(Pt(inner.left), Pt(inner.top), Pt(inner.width), Pt(title_h))
    _write_runs(title, [[Run(card.title, True, ds.RED)]], ds.CARD_TITLE_PT, Box(inner.left, inner.top, inner.width, title_h))
    if card.body:
        body_box = Box(inner.left, inner.top + title_h, inner.width, inner.height - title_h)
        lines = lines_fit(body_box.text_height, ds.CARD_BODY_PT, ds.LINE_SPACING)
        if lines >= 1:
            text = _fit_clause(card.body, body_box, ds.CARD_BODY_PT, lines)
            body = slide.shapes.add_textbox(Pt(body_box.left), Pt(body_box.top), Pt(body_box.width), Pt(body_box.height))
            _write_runs(body, [[Run(text, color=ds.INK)]], ds.CARD_BODY_PT, body_box)


def _solid(shape, color: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(color)
    if color != ds.WHITE:
        shape.line.fill.background()
    shape.shadow.inherit = False


def _drop_empty(slide) -> None:
    """Remove placeholders left empty (their prompt text must not show)."""
    for element in list(slide.shapes._spTree.iterchildren(f"{{{_P}}}sp")):
        if element.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph") is None:
            continue
        if not "".join(element.itertext()).strip():
            element.getparent().remove(element)
