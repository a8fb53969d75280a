"""Entities the text holds: classical quotes, numbered concepts, dated events; and placeholders."""
from __future__ import annotations

import re

from ..model import DateEvent, Document, Entities, Placeholder, Quote
from .rules import CONCEPT, EVENT_DATE, KNOWN_CONCEPTS, PLACEHOLDER, QUOTE

_CLAUSE = re.compile(r"[，,；;]")
_HANZI = re.compile(r"^[\u4e00-\u9fff]{3,10}$")


def _texts(document: Document):
    """Yield (text, line) for every text node of the document, in order."""
    for t in document.title:
        yield t.text, t.line
    if document.subtitle:
        yield document.subtitle.text, document.subtitle.line
    paragraphs = list(document.preamble)
    for section in document.walk():
        yield section.heading, section.line
        paragraphs += section.blocks
    paragraphs += document.closing
    for paragraph in sorted(paragraphs, key=lambda p: p.line):
        yield paragraph.text, paragraph.line


def is_classical_quote(text: str) -> bool:
    clauses = [c for c in _CLAUSE.split(text) if c]
    return len(clauses) >= 2 and all(_HANZI.match(c) for c in clauses)


def find_entities(document: Document) -> Entities:
    quotes: dict[str, Quote] = {}
    concepts: dict[str, Quote] = {}
    dates: list[DateEvent] = []
    for text, line in _texts(document):
        for match in QUOTE.finditer(text):
            q = match["q"]
            if is_classical_quote(q):
                quotes.setdefault(q, Quote(q, line))
            elif CONCEPT.match(q) and len(q) <= 12:
                concepts.setdefault(q, Quote(q, line))
        for known in KNOWN_CONCEPTS:
            if known in text and not any(known in c for c in concepts):
                concepts.setdefault(known, Quote(known, line))
        for sentence in _sentences(text):
            match = EVENT_DATE.search(sentence)
            if match and match.start() <= 6:
                dates.append(DateEvent(match.group(0), sentence, line))
    return Entities(tuple(quotes.values()), tuple(concepts.values()), tuple(dates))


def _sentences(text: str):
    start = 0
    for match in re.finditer(r"[。！？!?]", text):
        yield text[start: match.end()]
        start = match.end()
    if start < len(text):
        yield text[start:]


def find_placeholders(document: Document) -> tuple[Placeholder, ...]:
    out = []
    for text, line in _all_lines(document):
        for match in PLACEHOLDER.finditer(text):
            out.append(Placeholder(match.group(0), line, match.start() + 1))
    return tuple(out)


def _all_lines(document: Document):
    """Yield each source line's whole text (heading lines with their marker and body)."""
    lines: dict[int, str] = {}
    for t in document.title:
        lines[t.line] = t.text
    for node in (document.subtitle, document.salutation, *document.byline):
        if node:
            lines[node.line] = node.text
    for paragraph in (*document.preamble, *document.closing, *((document.transition,) if document.transition else ())):
        lines[paragraph.line] = lines.get(paragraph.line, "") + paragraph.text
    for section in document.walk():
        lines[section.line] = section.marker + section.heading + section.heading_end + lines.get(section.line, "")
        for block in section.blocks:
            if block.line != section.line:
                lines[block.line] = block.text
            else:
                lines[section.line] += block.text
    for credit in document.credits:
        lines[credit.line] = credit.text
    return [(text, line) for line, text in sorted(lines.items())]


__all__ = ["find_entities", "find_placeholders", "is_classical_quote"]
