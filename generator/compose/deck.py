"""Compose the 学习课件: which slides, in what order, with which verbatim key points and notes."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..measure import cut_at_clause
from ..meeting import Meeting
from ..model import Document, Section
from ..outline.rules import DASH, full_width_marker, int_to_cn
from .keypoints import PointView, continuation, key_points, key_sentences
from .preamble import is_problems
from .templating import Wording
from .voice import third_person


@dataclass(frozen=True)
class CardView:
    title: str
    body: str = ""


@dataclass(frozen=True)
class SlideView:
    kind: str             # cover | toc | section | content | cards | timeline | quotes | closing
    title: str
    subtitle: str = ""
    label: str = ""
    points: tuple[PointView, ...] = ()
    cards: tuple[CardView, ...] = ()
    notes: str = ""
    numbered: bool = False


@dataclass(frozen=True)
class DeckView:
    title: str
    slides: tuple[SlideView, ...]
    continued: str        # the continuation title pattern rendered once: "{title}（续）"


_SENTENCE = re.compile(r"[^。！？]+[。！？]?")


def compose_deck(document: Document, meeting: Meeting, wording: Wording) -> DeckView:
    title = "\n".join(t.text for t in document.title) or meeting.name or document.meeting_name or "学习课件"
    slides: list[SlideView] = []
    subtitle = "\n".join(filter(None, [_subtitle(document, meeting), *(b.text for b in document.byline)]))
    footer = wording("deck/cover_footer", organization=meeting.organization or meeting.office or "",
                     date="" if document.byline_date else meeting.date or "")
    cover_notes = "\n".join([*(t.text for t in document.title), subtitle])
    slides.append(SlideView("cover", title, "\n".join(filter(None, [subtitle, footer])), notes=cover_notes or title))
    toc = tuple(PointView(full_width_marker(s.marker), s.heading) for s in document.sections)
    if toc:
        slides.append(SlideView("toc", wording("deck/toc_title"), points=toc,
                                notes="\n".join(full_width_marker(s.marker) + s.heading for s in document.sections)))
    slides += _background(document, wording)
    for number, section in enumerate(document.sections, start=1):
        slides.append(SlideView("section", section.heading, label=wording("deck/part_label", cn=int_to_cn(number), n=number),
                                notes=full_width_marker(section.marker) + section.heading + section.heading_end))
        slides += _section_slides(section)
    slides += _extras(document, wording)
    closing_line = ""
    if document.closing:
        first = _SENTENCE.findall(third_person(document.closing[0].text))
        closing_line = first[0].strip() if first else ""
        if len(closing_line) > 40:
            closing_line = cut_at_clause(closing_line, 36)
    slides.append(SlideView("closing", wording("deck/closing", closing=closing_line), footer,
                            notes="\n".join(p.text for p in document.closing) or closing_line or title))
    return DeckView(title.replace("\n", ""), tuple(slides), wording("deck/continued", title="{title}"))


def _subtitle(document: Document, meeting: Meeting) -> str:
    if document.subtitle:
        return re.sub(rf"^{DASH}\s*", "", document.subtitle.text)
    return meeting.name or document.meeting_name or ""


def _background(document: Document, wording: Wording) -> list[SlideView]:
    out = []
    meeting_paras = [p for p in document.preamble if not p.is_lead_item and not is_problems(p)]
    if meeting_paras:
        points = key_sentences(" ".join(third_person(p.text) for p in meeting_paras[:2]), 4)
        out.append(SlideView("content", wording("deck/background_title"), points=points,
                             notes="\n".join(p.text for p in meeting_paras)))
    leads = [p for p in document.preamble if p.is_lead_item]
    if leads:
        cards = tuple(CardView(p.points[0].lead.rstrip("。！？"), cut_at_clause(p.points[0].body, 40)) for p in leads)
        out.append(SlideView("cards", wording("deck/achievements_title"), cards=cards, notes="\n".join(p.text for p in leads)))
    problems = [p for p in document.preamble if is_problems(p)]
    if problems:
        points = tuple(PointView(x.marker + x.lead, continuation(x.body, x.marker + x.lead)) for p in problems for x in p.points)
        out.append(SlideView("content", wording("deck/problems_title"), points=points,
                             notes="\n".join(p.text for p in problems)))
    return out


def _section_slides(section: Section) -> list[SlideView]:
    slides = []
    if section.blocks or not section.subsections:
        own = replace(section, subsections=())
        notes = full_width_marker(section.marker) + section.heading + section.heading_end + "\n" + "\n".join(b.text for b in section.blocks)
        points = key_points(own) or _fallback_points(section)
        slides.append(SlideView("content", section.heading, points=points, notes=notes.strip()))
    for sub in section.subsections:
        notes = "\n".join(_full_text(sub))
        slides.append(SlideView("content", sub.heading, points=key_points(sub) or _fallback_points(sub), notes=notes))
    return slides


def _fallback_points(section: Section) -> tuple[PointView, ...]:
    """The points of a section too short for key sentences: its own text, else its heading."""
    text = section.body_text.strip()
    return (PointView("", cut_at_clause(text, 80) if text else section.heading),)


def _full_text(section: Section) -> list[str]:
    out = [section.marker + section.heading + section.heading_end + (section.blocks[0].text if section.blocks and
                                                                      section.blocks[0].line == section.line else "")]
    out += [b.text for b in section.blocks if b.line != section.line]
    for sub in section.subsections:
        out += _full_text(sub)
    return out


def _extras(document: Document, wording: Wording) -> list[SlideView]:
    out = []
    entities = document.entities
    if entities.dates:
        cards = tuple(CardView(e.date, cut_at_clause(e.text[len(e.date):].lstrip("，, "), 60)) for e in entities.dates)
        out.append(SlideView("timeline", wording("deck/timeline_title"), cards=cards,
                             notes="\n".join(e.text for e in entities.dates)))
    if entities.quotes:
        out.append(SlideView("quotes", wording("deck/quotes_title"), cards=tuple(CardView(f"“{q.text}”") for q in entities.quotes),
                             notes="\n".join(f"“{q.text}”" for q in entities.quotes)))
    if entities.concepts:
        cards = tuple(CardView(c.text, _clause_with(document, c.text)) for c in entities.concepts)
        out.append(SlideView("cards", wording("deck/concepts_title"), cards=cards,
                             notes="\n".join(f"{c.title}：{c.body}" for c in cards)))
    if document.sections:
        questions = tuple(PointView(f"{n}. ", wording("deck/question", heading=s.heading, n=n))
                          for n, s in enumerate(document.sections, start=1))
        out.append(SlideView("content", wording("deck/questions_title"), points=questions, numbered=True,
                             notes="\n".join(p.lead + p.text for p in questions)))
    return out


def _clause_with(document: Document, concept: str) -> str:
    """Return the clause of the outline in which a concept first appears (verbatim)."""
    text = document.all_text()
    index = text.find(concept)
    if index < 0:
        return ""
    start = max(text.rfind(ch, 0, index) for ch in "，。；：！？") + 1
    ends = [i for i in (text.find(ch, index + len(concept)) for ch in "，。；：！？") if i >= 0]
    end = min(ends) if ends else len(text)
    clause = text[start:end]
    return clause if len(clause) <= 40 else cut_at_clause(clause, 40)
