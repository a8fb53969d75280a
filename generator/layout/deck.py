"""The deck layout: from the composed deck to placed slides, in pure Python.

Every content decision about space is made here, once: how much of each point is shown (whole sentences, or
one sentence in its 「……」 form — generator.excerpt), font sizes, pagination into 「（续）」 slides (balanced,
never a lone item on a continuation), cards per slide, box geometry. Text is measured with generator.measure.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

from ..compose.deck import CardView, DeckView, PointView, SlideView
from ..excerpt import ELLIPSIS, cut_points, shortened
from ..measure import balanced_lines, lines_fit, text_em, wrap
from ..render import deck_styles as ds
from .placed import Box, Frame, Geometry, Para, PlacedDeck, PlacedSlide, Run, Shape

GAP_LINES = 0.4          # space before each key point after the first, in lines
TOC_GAP_LINES = 0.3      # space between the entries of the 目录
MOST_POINTS = 5          # key points on one slide
POINT_LINES = 3          # lines a point with a lead may take before its text is shortened
SENTENCE_LINES = 4       # lines a lone key sentence may take
BULLET_EM = 1.2          # hanging indent of a bulleted point, in ems
CONTENT_SIZES = (ds.BODY_MAX_PT, 26, ds.BODY_PT, 22, ds.BODY_MIN_PT)
TOC_SIZES = (ds.BODY_PT, 22, ds.BODY_MIN_PT)
QUOTE_SIZES = (ds.QUOTE_PT, 24, 22, ds.BODY_MIN_PT)
CARD_GAP = 18            # between cards
CARD_MAX_H = 190         # a card is never taller than this
CARD_BAND = 8            # the gold band on a card's left edge
#: A card showing only its term costs more than another slide: its sentence is what the card is for.
BODILESS_COST = 6
CARD_RADIUS_INSET = 12   # a rounded rectangle insets its text by about its corner radius
QUOTE_GAP = 16
QUOTE_SIDE = 40
TIMELINE_PER_PAGE = 4
TIMELINE_DATE_H = 40
TIMELINE_YEAR_MIN_W = 96
QUOTES_PER_PAGE = 3


def layout_deck(view: DeckView, geometry: Geometry | None = None) -> PlacedDeck:
    """Return the placed slides of a composed deck on a template's geometry (the reference deck's by default)."""
    placer = _Placer(view, geometry or Geometry.reference())
    slides: list[PlacedSlide] = []
    for slide in view.slides:
        slides += getattr(placer, f"_{slide.kind}")(slide)
    return PlacedDeck(view.title, tuple(slides))


# -- measuring --
def pitch(size: float) -> float:
    return size * ds.LINE_SPACING


def line_count(text: str, width_pt: float, size: float) -> int:
    return len(wrap(text, width_pt / size)) if text else 0


def title_lines(text: str, width_pt: float, size: float) -> list[list[str]]:
    """Return a title's lines at `size`, per line of `text`: one line when it fits, else balanced lines broken
    between words."""
    return [balanced_lines(part, width_pt / size) for part in text.split("\n") if part]


@dataclass(frozen=True)
class _Form:
    lead: str
    text: str
    elided: bool = False

    @property
    def full(self) -> str:
        return self.lead + self.text


def point_forms(point: PointView) -> tuple[_Form, ...]:
    """Return the ways a point can be shown, longest first: the lead with k whole sentences (k = all … 1), the lead
    with the first sentence in its allowed 「……」 forms, the lead alone."""
    return _whole_forms(point) + _short_forms(point)


@lru_cache(maxsize=2048)
def _whole_forms(point: PointView) -> tuple[_Form, ...]:
    return tuple(_Form(point.lead, "".join(point.sentences[:k])) for k in range(len(point.sentences), 0, -1))


@lru_cache(maxsize=2048)
def _short_forms(point: PointView) -> tuple[_Form, ...]:
    forms = []
    if point.sentences:
        first = point.sentences[0]
        forms += [_Form(point.lead, shortened(first, cut), True) for cut in reversed(cut_points(first))]
    if point.lead or not point.sentences:
        forms.append(_Form(point.lead, ""))
    return tuple(forms)


def _point_width(box: Box, bullet: bool, size: float) -> float:
    return box.text_width - (BULLET_EM * size if bullet else 0)


def _choose_form(point: PointView, box: Box, size: float, bullet: bool, capacity: int) -> tuple[_Form, int]:
    """Return the longest form of a point within its line cap (else the shortest), with its line count."""
    width = _point_width(box, bullet, size)
    cap = min(capacity, POINT_LINES if point.lead and point.sentences else SENTENCE_LINES)
    # -- whole sentences first: the 「……」 forms (and the segmenter they need) only when none fits --
    for forms in (_whole_forms(point), _short_forms(point)):
        for form in forms:
            lines = line_count(form.full, width, size)
            if lines <= cap:
                return form, lines
    shortest = min(point_forms(point), key=lambda f: text_em(f.full))
    return shortest, line_count(shortest.full, width, size)


def _whole_beyond_cap(point: PointView, box: Box, size: float, bullet: bool, capacity: int) -> tuple[_Form, int] | None:
    """Return a point's shortest whole form (its lead and first sentence) with its lines if it fits one slide."""
    if not point.sentences:
        return None
    form = _whole_forms(point)[-1]
    lines = line_count(form.full, _point_width(box, bullet, size), size)
    return (form, lines) if lines <= capacity else None


def _balanced_pages(loads: list[float], capacity: float, most: int, gap: float) -> list[list[int]]:
    """Split items (their line loads, in order) into the fewest pages that fit, as evenly as possible."""
    n = len(loads)
    if n == 0:
        return [[]]

    def page_load(i: int, j: int) -> float:
        return sum(loads[i:j]) + gap * (j - i - 1)

    def fits(i: int, j: int) -> bool:
        return j - i <= most and (page_load(i, j) <= capacity or j - i == 1)

    # -- fewest pages (greedy is optimal for contiguous packing), then the most even split into that many --
    pages, i = 0, 0
    while i < n:
        j = i + 1
        while j < n and fits(i, j + 1):
            j += 1
        pages, i = pages + 1, j
    best: dict[tuple[int, int], tuple[float, list[int]]] = {}

    def split(i: int, k: int) -> tuple[float, list[int]]:
        if (i, k) in best:
            return best[(i, k)]
        if k == 1:
            result = (page_load(i, n), [n]) if fits(i, n) else (math.inf, [])
        else:
            result = (math.inf, [])
            for j in range(i + 1, n - k + 2):
                if not fits(i, j):
                    break
                worst, rest = split(j, k - 1)
                value = max(page_load(i, j), worst)
                if value < result[0]:
                    result = (value, [j, *rest])
        best[(i, k)] = result
        return result

    _, ends = split(0, pages)
    out, start = [], 0
    for end in ends:
        out.append(list(range(start, end)))
        start = end
    return out


def _even_chunks(count: int, per_page: int) -> list[range]:
    """Split `count` items into the fewest pages of at most `per_page`, as evenly as possible (7 → 4 + 3)."""
    pages = max(1, math.ceil(count / per_page))
    base, extra = divmod(count, pages)
    out, start = [], 0
    for index in range(pages):
        size = base + (1 if index < extra else 0)
        out.append(range(start, start + size))
        start += size
    return out


class _Placer:
    def __init__(self, view: DeckView, geometry: Geometry):
        self.view = view
        self.geometry = geometry

    def box(self, role: str, idx: int) -> Box | None:
        return self.geometry.box(role, idx)

    def continued(self, title: str) -> str:
        return self.view.continued.replace("{title}", title)

    # -- titles and fitted text --
    def fitted(self, box: Box, text: str, size: float, smallest: float, *, bold: bool = False, color: str | None = None,
               idx: int | None = None, center: bool = False, middle: bool = False, face: str = "body",
               grow: bool = True) -> Frame:
        """Return a frame with `text` at the largest size from `size` down to `smallest` (2 pt steps) that fits
        `box`, lines broken between words; when even the smallest does not fit, the box grows (downwards, or
        upwards near the foot of the slide) so that no line lies outside its frame."""
        chosen, lines = None, []
        for candidate in range(int(size), int(smallest) - 1, -2):
            lines = title_lines(text, box.text_width, candidate)
            if sum(map(len, lines)) * pitch(candidate) <= box.text_height:
                chosen = candidate
                break
        if chosen is None:
            chosen = smallest
            lines = title_lines(text, box.text_width, chosen)
            if grow:
                need = sum(map(len, lines)) * pitch(chosen) + 2 * ds.INSET_TB_PT + 2
                top = min(box.top, max(0.0, self.geometry.height - need))
                box = Box(box.left, top, box.width, max(need, box.height))
        # -- a line broken for width stays one paragraph (a:br): it is still one sentence or heading --
        paras = tuple(Para((Run("\n".join(parts), bold, color),), chosen, center=center) for parts in lines)
        return Frame(box, paras, idx, middle, face)

    def title(self, role: str, text: str) -> Frame:
        return self.fitted(self.box(role, 0), text, ds.TITLE_PT, ds.TITLE_MIN_PT, bold=True, idx=0, face="title")

    # -- slide kinds --
    def _cover(self, view: SlideView) -> list[PlacedSlide]:
        return [self._title_slide("cover", view, 1)]

    def _closing(self, view: SlideView) -> list[PlacedSlide]:
        return [self._title_slide("closing", view, 2 if self.box("closing", 2) else 1)]

    def _title_slide(self, role: str, view: SlideView, sub_idx: int) -> PlacedSlide:
        items: list[Frame | Shape] = [self.fitted(self.box(role, 0), view.title, ds.COVER_TITLE_PT, ds.TITLE_MIN_PT,
                                                  bold=True, idx=0, face="title")]
        sub = self.box(role, sub_idx)
        if sub is not None and view.subtitle:
            items.append(self.fitted(sub, view.subtitle, ds.COVER_SUB_PT, ds.BODY_MIN_PT, idx=sub_idx))
        return PlacedSlide(role, tuple(items), view.notes)

    def _section(self, view: SlideView) -> list[PlacedSlide]:
        items: list[Frame | Shape] = []
        label = self.box("section", 1)
        if label is not None and view.label:
            items.append(self.fitted(label, view.label, ds.SECTION_LABEL_PT, ds.BODY_MIN_PT, bold=True, idx=1))
        items.append(self.fitted(self.box("section", 0), view.title, ds.SECTION_TITLE_PT, ds.TITLE_MIN_PT, bold=True,
                                 idx=0, face="title"))
        return [PlacedSlide("section", tuple(items), view.notes)]

    def _toc(self, view: SlideView) -> list[PlacedSlide]:
        """Every section on one slide: one wide column, or two columns, or (only if needed) more slides."""
        entries = [p.lead for p in view.points]
        first, second = self.box("toc", 1), self.box("toc", 2)
        last = second or first
        wide = Box(first.left, first.top, last.left + last.width - first.left, first.height)
        for size in TOC_SIZES:
            if self._list_fits(entries, wide, size):
                return [self._toc_slide(view.title, [(wide, entries, 1)], size, view.notes)]
        if second is not None:
            half = -(-len(entries) // 2)
            for size in TOC_SIZES:
                if self._list_fits(entries[:half], first, size) and self._list_fits(entries[half:], second, size):
                    return [self._toc_slide(view.title, [(first, entries[:half], 1), (second, entries[half:], 2)], size,
                                            view.notes)]
        size = TOC_SIZES[-1]
        if self._list_fits(entries, wide, size, gap=0.0):       # one slide, entries closer together
            return [self._toc_slide(view.title, [(wide, entries, 1)], size, view.notes, gap=0.0)]
        capacity = lines_fit(wide.text_height, size, ds.LINE_SPACING)
        loads = [line_count(e, wide.text_width, size) for e in entries]
        pages = _balanced_pages(loads, capacity, len(entries), TOC_GAP_LINES)
        return [self._toc_slide(view.title if n == 0 else self.continued(view.title), [(wide, [entries[i] for i in page], 1)],
                                size, view.notes) for n, page in enumerate(pages)]

    def _list_fits(self, entries: list[str], box: Box, size: float, gap: float = TOC_GAP_LINES) -> bool:
        used = sum(line_count(e, box.text_width, size) for e in entries) + gap * (len(entries) - 1)
        return used <= lines_fit(box.text_height, size, ds.LINE_SPACING)

    def _toc_slide(self, title: str, columns, size: float, notes: str, gap: float = TOC_GAP_LINES) -> PlacedSlide:
        items: list[Frame | Shape] = [self.title("toc", title)]
        for box, entries, idx in columns:
            paras = tuple(Para((Run(e, False, ds.INK),), size, space_before=gap if n else 0.0)
                          for n, e in enumerate(entries))
            items.append(Frame(box, paras, idx))
        return PlacedSlide("toc", tuple(items), notes)

    def _content(self, view: SlideView) -> list[PlacedSlide]:
        box = self.box("content", 1)
        bullet = not view.numbered
        best = None
        for size in CONTENT_SIZES:
            capacity = lines_fit(box.text_height, size, ds.LINE_SPACING)
            capped = [_choose_form(p, box, size, bullet, capacity) for p in view.points]
            # -- a point shortened to its line cap is shown whole instead when the slides have room for it --
            whole = [_whole_beyond_cap(p, box, size, bullet, capacity) or (form, lines) if form.elided else (form, lines)
                     for p, (form, lines) in zip(view.points, capped, strict=True)]
            for chosen in (capped, whole):
                pages = _balanced_pages([float(lines) for _, lines in chosen], capacity, MOST_POINTS, GAP_LINES)
                elided = sum(form.elided for form, _ in chosen)
                small = max(0.0, ds.BODY_PT - size) * 1.5 - max(0.0, size - ds.BODY_PT) * 0.25
                cost = len(pages) * 10 + elided * 2 + small
                if best is None or cost < best[0]:
                    best = (cost, size, chosen, pages)
        _, size, chosen, pages = best
        slides = []
        for number, page in enumerate(pages):
            forms = [chosen[i] for i in page]
            gap = self._airy_gap([lines for _, lines in forms], box, size)
            paras = []
            for index, (form, lines) in enumerate(forms):
                paras += self._point_paras(form, lines, box, size, bullet, gap if index else 0.0)
            title = view.title if number == 0 else self.continued(view.title)
            slides.append(PlacedSlide("content", (self.title("content", title), Frame(box, tuple(paras), 1)), view.notes))
        return slides

    def _point_paras(self, form: _Form, lines: int, box: Box, size: float, bullet: bool, gap: float) -> list[Para]:
        """Return a point as paragraphs: one, or (a sentence too long for one slide) slide-sized pieces."""
        runs = []
        if form.lead:
            runs.append(Run(form.lead, True, ds.RED if bullet else ds.DARK_RED))
        if form.text:
            runs.append(Run(form.text))
        return [Para(tuple(runs), size, bullet=bullet, space_before=gap)]

    def _airy_gap(self, loads: list[int], box: Box, size: float) -> float:
        """Space between points, in lines: 0.4, opened up to one line when the slide has room to spare."""
        if len(loads) < 2:
            return GAP_LINES
        spare = lines_fit(box.text_height, size, ds.LINE_SPACING) - sum(loads) - GAP_LINES * (len(loads) - 1)
        return min(1.0, GAP_LINES + max(0.0, spare) / (len(loads) - 1))

    # -- 图示 slides: cards, timeline, quotes --
    def _graphic(self, view: SlideView, chunks: list[range], draw) -> list[PlacedSlide]:
        slides = []
        for number, chunk in enumerate(chunks):
            title = view.title if number == 0 else self.continued(view.title)
            items: list[Frame | Shape] = [self.title("graphic", title)]
            items += draw([view.cards[i] for i in chunk], max(len(c) for c in chunks))
            slides.append(PlacedSlide("graphic", tuple(items), view.notes))
        return slides

    def _cards(self, view: SlideView) -> list[PlacedSlide]:
        """Cards two or three to a row: the grid that shows more of their sentences, on few slides."""
        best = None
        for per_page, cols in ((4, 2), (6, 3)):
            chunks = _even_chunks(len(view.cards), per_page)
            bodiless = self._bodiless(view.cards, chunks, cols)
            cost = len(chunks) * 5 + bodiless * BODILESS_COST
            if best is None or cost < best[0]:
                best = (cost, chunks, cols)
        _, chunks, cols = best
        return self._graphic(view, chunks, lambda cards, _: self._card_grid(cards, cols))

    def _bodiless(self, cards: tuple[CardView, ...], chunks: list[range], cols: int) -> int:
        """Return how many cards that have sentences would show none in this grid."""
        count = 0
        for chunk in chunks:
            for index, box in zip(chunk, self._card_boxes(len(chunk), cols), strict=True):
                card = cards[index]
                if card.body and not card_body(card, self._card_regions(box, card)[1], ds.CARD_BODY_PT):
                    count += 1
        return count

    def _card_boxes(self, count: int, cols: int) -> list[Box]:
        left, top, width, height = ds.GRAPHIC_AREA
        rows = max(1, -(-count // cols))
        w = (width - CARD_GAP * (cols - 1)) / cols
        h = min((height - CARD_GAP * (rows - 1)) / rows, CARD_MAX_H)
        return [Box(left + c * (w + CARD_GAP), top + r * (h + CARD_GAP), w, h) for r, c in (divmod(i, cols) for i in range(count))]

    def _card_grid(self, cards: list[CardView], cols: int) -> list[Shape]:
        """The cards of one slide; a sentence another card of the slide shows already is a card's last choice."""
        shapes: list[Shape] = []
        shown: set[str] = set()
        for card, box in zip(cards, self._card_boxes(len(cards), cols), strict=True):
            fresh = tuple(s for s in card.body if s not in shown) + tuple(s for s in card.body if s in shown)
            card = replace(card, body=fresh)
            drawn, body = self._card(box, card)
            shapes += drawn
            shown.update(s for s in card.body if body and (s == body or s.startswith(body.removesuffix(ELLIPSIS))))
        return shapes

    @staticmethod
    def _card_regions(box: Box, card: CardView) -> tuple[Box, Box]:
        """Return a card's title box and body box (inside its border, right of its gold band)."""
        inner = Box(box.left + CARD_BAND + 4, box.top + 4, box.width - CARD_BAND - 8, box.height - 8)
        title_h = line_count(card.title, inner.text_width, ds.CARD_TITLE_PT) * pitch(ds.CARD_TITLE_PT) + 2 * ds.INSET_TB_PT
        return (Box(inner.left, inner.top, inner.width, title_h),
                Box(inner.left, inner.top + title_h, inner.width, inner.height - title_h))

    def _card(self, box: Box, card: CardView) -> tuple[list[Shape], str]:
        """Return a card's shapes and the text its body shows."""
        title_box, body_box = self._card_regions(box, card)
        shapes = [Shape("round_rect", box, ds.WHITE, ds.RED, 1.5), Shape("rect", Box(box.left, box.top, CARD_BAND, box.height), ds.GOLD),
                  Shape("rect", title_box, frame=Frame(title_box, (Para((Run(card.title, True, ds.RED),), ds.CARD_TITLE_PT),)))]
        body = card_body(card, body_box, ds.CARD_BODY_PT)
        if body:
            shapes.append(Shape("rect", body_box, frame=Frame(body_box, (Para((Run(body, False, ds.INK),), ds.CARD_BODY_PT),))))
        return shapes, body

    def _timeline(self, view: SlideView) -> list[PlacedSlide]:
        year_w = max(TIMELINE_YEAR_MIN_W, max(text_em(e.title) for e in view.cards) * ds.CARD_BODY_PT + 2 * ds.INSET_PT
                     + ds.WIDTH_SLACK_PT + 2 * CARD_RADIUS_INSET)
        return self._graphic(view, _even_chunks(len(view.cards), TIMELINE_PER_PAGE),
                             lambda events, most: self._events(events, most, year_w))

    def _events(self, events: list[CardView], most: int, year_w: float) -> list[Shape]:
        """A gold line with a red pill per event (its year, or a dot when the year is unknown) and the event's
        sentence beside it, its date in bold red."""
        left, top, width, height = ds.GRAPHIC_AREA
        row_h = height / max(most, 2)
        out = [Shape("rect", Box(left + year_w / 2, top, 3, row_h * len(events) - 8), ds.GOLD)]
        for index, event in enumerate(events):
            y = top + index * row_h
            if event.title:
                pill = Box(left, y + 6, year_w, TIMELINE_DATE_H)
                out.append(Shape("round_rect", pill, ds.RED, frame=Frame(
                    pill, (Para((Run(event.title, True, ds.WHITE),), ds.CARD_BODY_PT, center=True),), middle=True)))
            else:
                out.append(Shape("round_rect", Box(left + year_w / 2 - 9, y + 16, 21, 21), ds.RED))
            box = Box(left + year_w + 20, y, width - year_w - 20, row_h - 6)
            text = card_body(event, box, ds.CARD_BODY_PT)
            if text:
                out.append(Shape("rect", box, frame=Frame(box, (Para(_emphasised(text, event.emphasis), ds.CARD_BODY_PT),))))
        return out

    def _quotes(self, view: SlideView) -> list[PlacedSlide]:
        return self._graphic(view, _even_chunks(len(view.cards), QUOTES_PER_PAGE), self._quote_rows)

    def _quote_rows(self, quotes: list[CardView], most: int) -> list[Shape]:
        left, top, width, height = ds.GRAPHIC_AREA
        h = (height - QUOTE_GAP * (QUOTES_PER_PAGE - 1)) / QUOTES_PER_PAGE
        out = []
        for index, quote in enumerate(quotes):
            box = Box(left + QUOTE_SIDE, top + index * (h + QUOTE_GAP), width - 2 * QUOTE_SIDE, h)
            inner = Box(box.left, box.top, box.width - 2 * CARD_RADIUS_INSET, box.height - 16)
            size = next((s for s in QUOTE_SIZES
                         if line_count(quote.title, inner.text_width, s) <= lines_fit(inner.text_height, s, ds.LINE_SPACING)),
                        QUOTE_SIZES[-1])
            out.append(Shape("round_rect", box, ds.LIGHT_GOLD, ds.GOLD, 0.75, Frame(
                box, (Para((Run(quote.title, True, ds.DARK_RED),), size, center=True),), middle=True)))
        return out


def _emphasised(text: str, emphasis: str) -> tuple[Run, ...]:
    """Return `text` as runs with its first `emphasis` in bold red (the date of a timeline event)."""
    at = text.find(emphasis) if emphasis else -1
    if at < 0:
        return (Run(text, False, ds.INK),)
    parts = (Run(text[:at], False, ds.INK), Run(emphasis, True, ds.RED), Run(text[at + len(emphasis):], False, ds.INK))
    return tuple(run for run in parts if run.text)


def card_body(card: CardView, box: Box, size: float) -> str:
    """Return what a card's body shows: the first of its sentences that fits the box whole, else the longest allowed
    「……」 form that fits (keeping the card's term), trying each sentence in turn; "" when nothing fits."""
    lines = lines_fit(box.text_height, size, ds.LINE_SPACING)
    if lines < 1:
        return ""

    def fits(text: str) -> bool:
        return bool(text) and (not card.must_show or card.must_show in text) and \
            line_count(text, box.text_width, size) <= lines

    for sentence in card.body:
        if fits(sentence):
            return sentence
    for sentence in card.body:
        for cut in reversed(cut_points(sentence)):
            if fits(shortened(sentence, cut)):
                return shortened(sentence, cut)
    return ""


__all__ = ["layout_deck", "point_forms", "card_body"]
