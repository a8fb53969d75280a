"""Compose the 学习要点 handout: every section, its subsection headings with one key sentence each, the concepts
and at most five questions — reduced step by step until it fits two A4 pages (one when the outline is short)."""
from __future__ import annotations

from dataclasses import dataclass

from ..excerpt import sentences
from ..meeting import Meeting
from ..model import Document, Section
from ..outline.rules import full_width_marker
from .keypoints import key_sentence, ranked
from .templating import Wording

MAX_PAGES = 2
MAX_QUESTIONS = 5


@dataclass(frozen=True)
class ItemView:
    heading: str          # "（一）提升政治站位。" or "" for a bare key sentence
    sentence: str         # one key sentence, verbatim (whole, or in its 「……」 form)


@dataclass(frozen=True)
class SectionSummaryView:
    heading: str          # "一、加强政治建设，坚定不移维护核心、忠诚核心"
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class SummaryView:
    title: str
    title_lines: tuple[str, ...]
    meeting_line: str
    sections: tuple[SectionSummaryView, ...]
    concepts_title: str
    concepts: tuple[str, ...]
    questions_title: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class _Detail:
    """One step of the reduction ladder."""

    budget: int           # characters a key sentence may have (0: headings only)
    questions: int
    concepts: int
    joined: bool = False  # subsection headings run together in one paragraph per section
    subsections: bool = True   # False: the section headings alone (the last resort of a very long outline)


#: From the full handout down to headings only: fewer questions first, then shorter sentences, then fewer concepts.
LADDER = (
    _Detail(90, 5, 16), _Detail(70, 5, 12), _Detail(70, 3, 12), _Detail(50, 3, 10), _Detail(36, 3, 8),
    _Detail(0, 3, 8), _Detail(0, 3, 0), _Detail(0, 2, 0, joined=True), _Detail(0, 0, 0, joined=True),
    _Detail(0, 3, 0, subsections=False), _Detail(0, 0, 0, subsections=False),
)


def compose_summary(document: Document, meeting: Meeting, wording: Wording) -> SummaryView:
    from ..layout.pages import pages_needed

    page = handout_page()
    view = None
    for detail in LADDER:
        view = _compose(document, meeting, wording, detail)
        if pages_needed(page, paragraphs(view)) <= MAX_PAGES:
            return view
    return view


def handout_page():
    from ..layout.pages import page_from_specs
    from ..render.docx_styles import SUMMARY_MARGINS_MM, SUMMARY_STYLES

    return page_from_specs(SUMMARY_STYLES, SUMMARY_MARGINS_MM)


def paragraphs(view: SummaryView) -> list[tuple[str, str]]:
    """Return the handout as (style, text) paragraphs, in the order the renderer writes them."""
    out = [("Title", line) for line in view.title_lines] + [("要点会议", view.meeting_line)]
    for section in view.sections:
        out.append(("Heading 1", section.heading))
        out += [("要点条目", item.heading + item.sentence) for item in section.items]
    if view.concepts:
        out += [("Heading 1", view.concepts_title), ("要点正文", "　".join(view.concepts))]
    if view.questions:
        out.append(("Heading 1", view.questions_title))
        out += [("要点正文", q) for q in view.questions]
    return out


def _compose(document: Document, meeting: Meeting, wording: Wording, detail: _Detail) -> SummaryView:
    title_lines = tuple(t.text for t in document.title) or (wording("summary/default_title"),)
    meeting_name = meeting.name or document.meeting_name or ""
    line = wording("summary/meeting_line", meeting_name=meeting_name, date=meeting.date or "",
                   subtitle=document.subtitle.text if document.subtitle else "")
    sections = tuple(SectionSummaryView(full_width_marker(s.marker) + s.heading, _items(s, detail)) for s in document.sections)
    picked = spread(document.sections, min(MAX_QUESTIONS, detail.questions))
    questions = tuple(f"{n}. {wording('deck/question', heading=s.heading, n=n)}" for n, s in enumerate(picked, start=1))
    return SummaryView(
        title="".join(title_lines),
        title_lines=title_lines,
        meeting_line=line,
        sections=sections,
        concepts_title=wording("summary/concepts_title"),
        concepts=tuple(f"“{c.text}”" for c in document.entities.concepts[:detail.concepts]),
        questions_title=wording("summary/questions_title"),
        questions=questions,
    )


def spread(items: tuple, count: int) -> tuple:
    """Return `count` items chosen evenly across `items` (all of them when there are no more)."""
    if count <= 0:
        return ()
    if len(items) <= count:
        return tuple(items)
    step = len(items) / count
    return tuple(items[int(i * step)] for i in range(count))


def _items(section: Section, detail: _Detail) -> tuple[ItemView, ...]:
    if not detail.subsections:
        return ()
    if section.subsections:
        items = [ItemView(full_width_marker(s.marker) + s.heading + (s.heading_end or "。"),
                          key_sentence(s, detail.budget) if detail.budget else "") for s in section.subsections]
        if detail.joined:
            return (ItemView("", "".join(i.heading for i in items)),)
        return tuple(items)
    if detail.budget == 0:
        return ()
    points = [p for b in section.blocks for p in b.points if p.lead]
    if len(points) >= 2:
        return tuple(ItemView(p.marker + p.lead, "") for p in points[:4])
    best = [s for s in ranked([s for b in section.blocks for s in sentences(b.text)]) if len(s) <= detail.budget]
    return tuple(ItemView("", s) for s in best[:2])


__all__ = ["compose_summary", "SummaryView", "SectionSummaryView", "ItemView", "paragraphs", "spread"]
