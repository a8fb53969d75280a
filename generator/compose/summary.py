"""Compose the 学习要点 handout: every section, its subsection headings with one key sentence each."""
from __future__ import annotations

from dataclasses import dataclass

from ..meeting import Meeting
from ..model import Document, Section
from ..outline.rules import full_width_marker
from .keypoints import key_points, key_sentence
from .templating import Wording


@dataclass(frozen=True)
class ItemView:
    heading: str          # "（一）提升政治站位。" or "" for a bare key sentence
    sentence: str         # one key sentence, verbatim


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


def compose_summary(document: Document, meeting: Meeting, wording: Wording) -> SummaryView:
    title_lines = tuple(t.text for t in document.title) or (wording("summary/default_title"),)
    meeting_name = meeting.name or document.meeting_name or ""
    line = wording("summary/meeting_line", meeting_name=meeting_name, date=meeting.date or "",
                   subtitle=document.subtitle.text if document.subtitle else "")
    sections = tuple(SectionSummaryView(full_width_marker(s.marker) + s.heading, _items(s)) for s in document.sections)
    questions = tuple(f"{n}. {wording('deck/question', heading=s.heading, n=n)}" for n, s in enumerate(document.sections, start=1))
    return SummaryView(
        title="".join(title_lines),
        title_lines=title_lines,
        meeting_line=line,
        sections=sections,
        concepts_title=wording("summary/concepts_title"),
        concepts=tuple(f"“{c.text}”" for c in document.entities.concepts),
        questions_title=wording("summary/questions_title"),
        questions=questions,
    )


def _items(section: Section) -> tuple[ItemView, ...]:
    if section.subsections:
        out = []
        for sub in section.subsections:
            sentence = key_sentence(sub)
            out.append(ItemView(full_width_marker(sub.marker) + sub.heading + (sub.heading_end or "。"), sentence))
        return tuple(out)
    points = key_points(section)[:3]
    return tuple(ItemView("", p.lead + p.text) for p in points)
