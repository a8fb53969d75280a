"""Compose the 学习课件: which slides, in what order, with which verbatim points, cards and notes.

Compose says *what*; the layout stage (generator.layout.deck) decides how much of each point fits, the font
sizes and the pagination; the writer (generator.render.powerpoint) only writes what the layout placed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..excerpt import sentences, shortest_form
from ..meeting import Meeting
from ..model import Document, Paragraph, Section
from ..outline.rules import DASH, full_width_marker, int_to_cn
from .keypoints import PointView, key_points, key_sentences, paragraph_sentences
from .preamble import is_problems
from .templating import Wording
from .timeline import in_date_order
from .voice import third_person

CLOSING_MAX = 40      # characters of the closing line shown large on the last slide


@dataclass(frozen=True)
class CardView:
    """A card: a title and whole sentences for its body (the layout shows the first that fits, or its 「……」 form).

    `emphasis` is a part of the body shown in bold red (a timeline event's date); `must_show` is a term the
    body must keep when it is shortened (a concept card's concept).
    """

    title: str
    body: tuple[str, ...] = ()
    emphasis: str = ""
    must_show: str = ""


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


def compose_deck(document: Document, meeting: Meeting, wording: Wording) -> DeckView:
    title = "\n".join(t.text for t in document.title) or meeting.name or document.meeting_name or "学习课件"
    slides: list[SlideView] = []
    subtitle = "\n".join(filter(None, [_subtitle(document, meeting), *(b.text for b in document.byline)]))
    footer = wording("deck/cover_footer", organization=meeting.organization or meeting.office or "",
                     date="" if document.byline_date else meeting.date or "")
    cover_notes = "\n".join([*(t.text for t in document.title), subtitle])
    slides.append(SlideView("cover", title, "\n".join(filter(None, [subtitle, footer])), notes=cover_notes or title))
    toc = tuple(PointView(full_width_marker(s.marker) + s.heading) for s in document.sections)
    if toc:
        slides.append(SlideView("toc", wording("deck/toc_title"), points=toc,
                                notes="\n".join(full_width_marker(s.marker) + s.heading for s in document.sections)))
    slides += _background(document, wording)
    for number, section in enumerate(document.sections, start=1):
        slides.append(SlideView("section", section.heading, label=wording("deck/part_label", cn=int_to_cn(number), n=number),
                                notes=full_width_marker(section.marker) + section.heading + section.heading_end))
        slides += _section_slides(section)
    slides += _extras(document, meeting, wording)
    closing_line = _closing_line(document.closing)
    slides.append(SlideView("closing", wording("deck/closing", closing=closing_line), footer,
                            notes="\n".join(p.text for p in document.closing) or closing_line or title))
    return DeckView(title.replace("\n", ""), tuple(slides), wording("deck/continued", title="{title}"))


def _subtitle(document: Document, meeting: Meeting) -> str:
    """Return the cover's subtitle: the outline's own subtitle, else the meeting's name from meeting.toml (a name
    read out of a title line would only repeat part of that line)."""
    if document.subtitle:
        return re.sub(rf"^{DASH}\s*", "", document.subtitle.text)
    return meeting.name or ""


def _closing_line(closing: tuple[Paragraph, ...]) -> str:
    """Return the closing's first sentence in the meeting's voice, in its 「……」 form when long; "" when too long."""
    if not closing:
        return ""
    first = next(iter(sentences(third_person(closing[0].text))), "").strip()
    if len(first) > CLOSING_MAX:
        first = shortest_form(first)
    return first if len(first) <= CLOSING_MAX else ""


def _background(document: Document, wording: Wording) -> list[SlideView]:
    out = []
    meeting_paras = [p for p in document.preamble if not p.is_lead_item and not is_problems(p)]
    points = tuple(PointView("", (s,)) for s in key_sentences(paragraph_sentences(meeting_paras[:2]), 4))
    if points:
        out.append(SlideView("content", wording("deck/background_title"), points=points,
                             notes="\n".join(p.text for p in meeting_paras)))
    leads = [p for p in document.preamble if p.is_lead_item]
    if leads:
        cards = tuple(CardView(p.points[0].lead.rstrip("。！？"), tuple(sentences(p.points[0].body))) for p in leads)
        out.append(SlideView("cards", wording("deck/achievements_title"), cards=cards, notes="\n".join(p.text for p in leads)))
    problems = [p for p in document.preamble if is_problems(p)]
    if problems:
        points = tuple(PointView(x.marker + x.lead, tuple(sentences(x.body))) for p in problems for x in p.points)
        out.append(SlideView("content", wording("deck/problems_title"), points=points,
                             notes="\n".join(p.text for p in problems)))
    return out


def _section_slides(section: Section) -> list[SlideView]:
    slides = []
    if section.blocks or not section.subsections:
        own = Section(section.level, section.marker, section.number, section.heading, section.heading_end, section.line,
                      section.blocks)
        notes = full_width_marker(section.marker) + section.heading + section.heading_end + "\n" + "\n".join(b.text for b in section.blocks)
        points = key_points(own) or _fallback_points(section)
        slides.append(SlideView("content", section.heading, points=points, notes=notes.strip()))
    for sub in section.subsections:
        notes = "\n".join(_full_text(sub))
        slides.append(SlideView("content", sub.heading, points=key_points(sub) or _fallback_points(sub), notes=notes))
    return slides


def _fallback_points(section: Section) -> tuple[PointView, ...]:
    """The points of a section too short for key sentences: its own sentences, else its heading."""
    own = paragraph_sentences(section.blocks)
    return tuple(PointView("", (s,)) for s in own[:3]) or (PointView(section.heading + section.heading_end),)


def _full_text(section: Section) -> list[str]:
    out = [section.marker + section.heading + section.heading_end + (section.blocks[0].text if section.blocks and
                                                                      section.blocks[0].line == section.line else "")]
    out += [b.text for b in section.blocks if b.line != section.line]
    for sub in section.subsections:
        out += _full_text(sub)
    return out


def _extras(document: Document, meeting: Meeting, wording: Wording) -> list[SlideView]:
    out = []
    entities = document.entities
    if entities.dates:
        events = in_date_order(document, meeting.date)
        # -- the label is the resolved year (the order shows); the card keeps the outline's whole sentence, its
        # date as written in bold --
        cards = tuple(CardView(year, (e.text.strip(),), emphasis=e.date) for year, e in events)
        out.append(SlideView("timeline", wording("deck/timeline_title"), cards=cards,
                             notes="\n".join(e.text for _, e in events)))
    if entities.quotes:
        out.append(SlideView("quotes", wording("deck/quotes_title"), cards=tuple(CardView(f"“{q.text}”") for q in entities.quotes),
                             notes="\n".join(f"“{q.text}”" for q in entities.quotes)))
    if entities.concepts:
        body = body_sentences(document)
        cards = _concept_cards(body, [c.text for c in entities.concepts])
        out.append(SlideView("cards", wording("deck/concepts_title"), cards=cards,
                             notes="\n".join(f"{c.title}：{c.body[0] if c.body else ''}" for c in cards)))
    if document.sections:
        questions = tuple(PointView(f"{n}. ", (wording("deck/question", heading=s.heading, n=n),))
                          for n, s in enumerate(document.sections, start=1))
        out.append(SlideView("content", wording("deck/questions_title"), points=questions, numbered=True,
                             notes="\n".join(p.text for p in questions)))
    return out


def body_sentences(document: Document) -> list[str]:
    """Return the whole sentences of the speech's body, in order."""
    return [s for p in body_paragraphs(document) for s in sentences(p.text)]


def body_paragraphs(document: Document) -> list[Paragraph]:
    """Return the paragraphs of the speech's body in order: preamble, every section's text, closing (no headings,
    no title block, no salutation)."""
    out = list(document.preamble)
    if document.transition:
        out.append(document.transition)
    for section in document.walk():
        out += section.blocks
    return out + list(document.closing)


def _concept_cards(body: list[str], terms: list[str]) -> tuple[CardView, ...]:
    """One card per concept, its body the sentences that hold it.

    A concept whose every sentence holds an earlier concept too joins the card holding its first sentence (the
    title becomes “四个意识”“四个自信”, sentences holding both first), so that the slide does not show one
    sentence under two titles."""
    cards: list[CardView] = []
    seen: list[str] = []
    for term in terms:
        found = _holding(body, term)
        host = next((i for i, card in enumerate(cards) if found and found[0] in card.body), None)
        if host is not None and all(any(t in sentence for t in seen) for sentence in found):
            card = cards[host]
            both = tuple(s for s in card.body if term in s)
            cards[host] = CardView(f"{card.title}“{term}”", both + tuple(s for s in card.body if s not in both),
                                   card.emphasis, card.must_show)
        else:
            cards.append(CardView(f"“{term}”", found, must_show=term))
        seen.append(term)
    return tuple(cards)


def _holding(body: list[str], term: str) -> tuple[str, ...]:
    """Return the whole sentences of the body that hold `term`, those that quote it (“term”) first."""
    found = [s.strip() for s in body if term in s]
    quoted = [s for s in found if f"“{term}”" in s]
    return tuple(dict.fromkeys(quoted + found))


__all__ = ["compose_deck", "DeckView", "SlideView", "CardView", "PointView", "body_sentences", "body_paragraphs"]
