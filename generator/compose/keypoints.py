"""Key points and key sentences of a section, drawn verbatim from its text as whole sentences (generator.excerpt)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..excerpt import fit_sentence, sentences
from ..model import Paragraph, Section
from ..outline.rules import HAS_MODAL, IMPERATIVE, SUBJECT_THEN_MUST, full_width_marker

MAX_POINTS = 5

#: Sentences that state a requirement open like this (要…, 必须…, 坚持…) or have a subject then 要 (全系统要…).

#: Sentences that tell a date, a statistic or an anecdote rather than a requirement.
_DATED = re.compile(r"^(?:\d{1,4}年|\d{1,2}月|去年|今年|前年|前几天|日前|近日|近期|目前|这几年|过去的一年)")
_STATISTIC = re.compile(r"\d+(?:\.\d+)?(?:%|％|个|次|项|人|家|起|件|万|亿|余)")
_ANECDOTE = re.compile(r"我也|我们(?:\d|[一二三四五六七八九十])次|邀请|比如|例如|总体来看|特别是")
_FIRST_PERSON = re.compile(r"我们|我(?![国市省区县党])|同志们|大家")
#: Sentences that announce what follows (具体要达到以下目标；) say nothing on their own.
_ANNOUNCES = re.compile(r"(?:以下|如下|下列|下面|几点|几个方面)[^。！？；]{0,12}[：:；;]?$|[：:；;]$")
#: Sentences that lean on the one before (这些问题表明…, 为此…) are a last choice out of their context.
_ANAPHORIC = re.compile(r"^(?:这些|这一|这是|这种|这样|这就|上述|以上|前述|对此|为此|因此)")


@dataclass(frozen=True)
class PointView:
    """One key point: an emphasised opening and the whole sentences that may follow it, in order.

    The layout shows the lead and as many of the sentences as fit (or the first one's 「……」 form).
    """

    lead: str = ""
    sentences: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.lead + "".join(self.sentences)


def paragraph_sentences(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[str]:
    """Return the whole sentences of some paragraphs, in order."""
    return [s for p in paragraphs for s in sentences(p.text)]


def key_points(section: Section) -> tuple[PointView, ...]:
    """Return the points a slide shows for a section: its sub-items, its lead sentences, or its key sentences."""
    if section.subsections:
        return tuple(PointView(full_width_marker(s.marker) + s.heading + s.heading_end,
                               tuple(sentences(s.blocks[0].text)) if s.blocks else ())
                     for s in section.subsections)
    points = [p for b in section.blocks for p in b.points]
    led = [p for p in points if p.lead]
    if len(led) >= 2 or (led and len(points) == 1):
        return tuple(PointView(p.marker + p.lead, tuple(sentences(p.body))) for p in led)
    if points and all(p.marker for p in points):
        return tuple(PointView(p.marker, tuple(sentences(p.body))) for p in points)
    return tuple(PointView("", (s,)) for s in key_sentences(paragraph_sentences(section.blocks), MAX_POINTS))


#: A sentence scoring this much states a requirement (要…, 全系统要…).
REQUIREMENT = 3


def score(sentence: str) -> int:
    """Return how well a sentence states a requirement (higher is better); dates, figures and anecdotes score low."""
    text = sentence.strip()
    value = 0
    if IMPERATIVE.match(text):
        value += 3
    elif SUBJECT_THEN_MUST.match(text):
        value += 2
    if HAS_MODAL.search(re.sub(r"“[^”]*”", "", text)):
        value += 1
    if 12 <= len(text) <= 90:
        value += 1
    if len(text) < 8:
        value -= 2
    if _DATED.match(text):
        value -= 3
    if _STATISTIC.search(text):
        value -= 2
    if _ANECDOTE.search(text):
        value -= 2
    if _FIRST_PERSON.search(re.sub(r"“[^”]*”", "", text)):
        value -= 1
    if _ANNOUNCES.search(text.rstrip("。！？")):
        value -= 6
    if _ANAPHORIC.match(text):
        value -= 3
    return value


def ranked(candidates: list[str]) -> list[str]:
    """Return whole sentences best first (by score, then by position)."""
    order = sorted(range(len(candidates)), key=lambda i: (-score(candidates[i]), i))
    return [candidates[i].strip() for i in order if len(candidates[i].strip()) >= 6]


def key_sentences(candidates: list[str], most: int) -> list[str]:
    """Return up to `most` key sentences (at least three when there are), in text order."""
    best = ranked(candidates)
    if not best:
        return []
    count = max(min(most, len(best)), min(3, len(best)))
    count = min(count, max(3, len(best) // 2)) if len(best) > 3 else count
    chosen = set(best[:count])
    return [s.strip() for s in candidates if s.strip() in chosen][:count]


def section_sentences(section: Section) -> list[str]:
    """Return the whole sentences of a section's own text (its heading excluded), lead sentences included."""
    return paragraph_sentences(section.blocks)


def key_sentence(section: Section, budget: int | None = None, shorten: bool = True) -> str:
    """Return the one whole sentence that best states a section's requirement, verbatim.

    With a `budget` (characters), the best sentence that fits it; failing that (and when `shorten`), the best
    sentence's allowed 「……」 form that fits; else "".
    """
    best = ranked(section_sentences(section))
    if budget is None:
        return best[0] if best else ""
    for sentence in best:
        if len(sentence) <= budget and score(sentence) >= 0:
            return sentence
    fits = [s for s in best if len(s) <= budget]
    if fits:
        return fits[0]
    if shorten:
        for sentence in best:
            short = fit_sentence(sentence, lambda s: len(s) <= budget)
            if short:
                return short
    return ""


__all__ = ["PointView", "key_points", "key_sentence", "key_sentences", "ranked", "score", "paragraph_sentences"]
