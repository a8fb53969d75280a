"""The outline model: frozen dataclasses that every output is built from."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Callable


@dataclass(frozen=True)
class Point:
    """One point inside a paragraph: an enumeration (一是…), a lead item (——…) or a lead sentence.

    `marker` is the enumeration marker as written (``一是``, ``第二，``, ``——``, or empty for a bare lead
    sentence), `lead` the short opening sentence (``责任传导需要强化。``), `body` the rest of the point.
    """

    marker: str
    lead: str
    body: str
    line: int

    @property
    def text(self) -> str:
        return self.marker + self.lead + self.body


@dataclass(frozen=True)
class Paragraph:
    """A source paragraph: free text (`intro`) followed by the points it opens."""

    line: int
    intro: str
    points: tuple[Point, ...] = ()

    @property
    def text(self) -> str:
        return self.intro + "".join(p.text for p in self.points)

    @property
    def is_lead_item(self) -> bool:
        return bool(self.points) and not self.intro and self.points[0].marker.startswith(("——", "--"))


@dataclass(frozen=True)
class Section:
    """A numbered section at any level; `heading` is given without its number."""

    level: int
    marker: str          # the number as written: "一、", "（二）", "(二)", "1．", "第一，", "第一部分"
    number: int          # 1-based ordinal value of the marker
    heading: str         # heading sentence without marker and without `heading_end`
    heading_end: str     # the heading's closing punctuation ("。") when the body shares its line
    line: int
    blocks: tuple[Paragraph, ...] = ()
    subsections: tuple[Section, ...] = ()
    styled: bool = False  # recognised from a Word heading style / outline level, not from text

    @property
    def text(self) -> str:
        """All the text of this section and its subsections, in order, with markers."""
        parts = [self.marker + self.heading + self.heading_end]
        parts += [b.text for b in self.blocks]
        parts += [s.text for s in self.subsections]
        return "".join(parts)

    @property
    def body_text(self) -> str:
        """The section's own blocks' text (without heading and subsections)."""
        return "".join(b.text for b in self.blocks)

    def walk(self):
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass(frozen=True)
class Line:
    text: str
    line: int


@dataclass(frozen=True)
class Quote:
    text: str        # without quotation marks
    line: int


@dataclass(frozen=True)
class DateEvent:
    date: str        # "1月13日", "去年7月9日"
    text: str        # the sentence it opens or stands in
    line: int


@dataclass(frozen=True)
class Placeholder:
    token: str       # "XX", "××", "某某"
    line: int
    column: int      # 1-based


@dataclass(frozen=True)
class Entities:
    quotes: tuple[Quote, ...] = ()      # classical quotes / sayings (金句)
    concepts: tuple[Quote, ...] = ()    # numbered concepts (应知应会): 两个维护, 三会一课
    dates: tuple[DateEvent, ...] = ()   # dated events for a timeline


@dataclass(frozen=True)
class Diagnostic:
    line: int
    level: str       # "错误" | "警告" | "提示"
    message: str


@dataclass(frozen=True)
class Document:
    source: str                           # file name the outline came from
    title: tuple[Line, ...] = ()
    subtitle: Line | None = None
    byline: tuple[Line, ...] = ()         # date in brackets, speaker line
    meeting_name: str | None = None
    genre: str | None = None
    salutation: Line | None = None
    preamble: tuple[Paragraph, ...] = ()
    transition: Paragraph | None = None
    sections: tuple[Section, ...] = ()
    closing: tuple[Paragraph, ...] = ()
    credits: tuple[Line, ...] = ()
    placeholders: tuple[Placeholder, ...] = ()
    entities: Entities = field(default_factory=Entities)
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def byline_date(self) -> str | None:
        """The date a byline gives (（2024年3月15日） → 2024年3月15日), without leading zeros."""
        from .outline.rules import FULL_DATE

        for line in self.byline:
            match = FULL_DATE.search(line.text)
            if match:
                year, month, day = (int(g) for g in match.groups())
                return f"{year}年{month}月{day}日"
        return None

    @property
    def title_text(self) -> str:
        return "".join(t.text for t in self.title)

    def walk(self):
        for s in self.sections:
            yield from s.walk()

    def all_text(self) -> str:
        """Every character the tree holds, in source order (entities are a view and are left out)."""
        parts = [t.text for t in self.title]
        if self.subtitle:
            parts.append(self.subtitle.text)
        parts += [b.text for b in self.byline]
        if self.salutation:
            parts.append(self.salutation.text)
        parts += [p.text for p in self.preamble]
        if self.transition:
            parts.append(self.transition.text)
        parts += [s.text for s in self.sections]
        parts += [p.text for p in self.closing]
        parts += [c.text for c in self.credits]
        return "".join(parts)


def map_text(node: Any, fn: Callable[[str], str], skip: frozenset[str] = frozenset({"source", "marker"})) -> Any:
    """Return a copy of a model tree with `fn` applied to every text field (for placeholder filling)."""
    if isinstance(node, str):
        return fn(node)
    if isinstance(node, tuple):
        return tuple(map_text(n, fn, skip) for n in node)
    if is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in fields(node):
            value = getattr(node, f.name)
            if f.name in skip or isinstance(value, (int, bool)) or value is None:
                continue
            changes[f.name] = map_text(value, fn, skip)
        return replace(node, **changes)
    return node
