"""Key points of a section, drawn verbatim from its text: sub-items, lead sentences, or key sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..measure import cut_at_clause
from ..model import Section
from ..outline.rules import full_width_marker

POINT_EM = 46          # a key point's continuation is cut at a clause boundary within about two lines
MAX_POINTS = 5

_IMPERATIVE = re.compile(r"^(?:要|必须|务必|坚持|加强|强化|推动|推进|深入|确保|坚定|提高|注重|切实|全面|持续|扎实|各|全体|党员|领导)")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")


@dataclass(frozen=True)
class PointView:
    lead: str = ""        # emphasised opening (lead sentence, enumeration marker + lead)
    text: str = ""        # the rest, verbatim, cut only at a clause boundary


def continuation(body: str, lead: str) -> str:
    """Return what follows a point's lead on a slide: its body cut at a clause boundary, or nothing.

    A fragment (a bare date such as 去年7月9日) says less than the lead alone, so it is left out.
    """
    if not body:
        return ""
    cut = cut_at_clause(body, POINT_EM - len(lead))
    return cut if len(cut) >= 8 or cut == body.rstrip("。！？；") or cut == body else ""


def key_points(section: Section) -> tuple[PointView, ...]:
    """Return the points a slide shows for a section: its sub-items, its lead sentences, or key sentences."""
    if section.subsections:
        return tuple(PointView(full_width_marker(s.marker) + s.heading + s.heading_end,
                               continuation(s.blocks[0].text, s.heading) if s.blocks else "")
                     for s in section.subsections)
    points = [p for b in section.blocks for p in b.points]
    led = [p for p in points if p.lead]
    if len(led) >= 2 or (led and len(points) == 1):
        return tuple(PointView(p.marker + p.lead, continuation(p.body, p.lead)) for p in led)
    if points and all(p.marker for p in points):
        return tuple(PointView(p.marker, cut_at_clause(p.body, POINT_EM)) for p in points)
    return key_sentences(" ".join(b.text for b in section.blocks), MAX_POINTS)


def key_sentence(section: Section) -> str:
    """Return the one sentence (or lead) that best stands for a section, verbatim."""
    points = [p for b in section.blocks for p in b.points if p.lead]
    if points:
        return points[0].marker + points[0].lead
    ranked = _ranked(" ".join(b.text for b in section.blocks))
    return cut_at_clause(ranked[0][2], POINT_EM) if ranked else ""


def _ranked(text: str) -> list[tuple[int, int, str]]:
    """Return (score, position, sentence) for the sentences of `text`, best first."""
    scored = []
    for index, sentence in enumerate(s.strip() for s in _SENTENCE.findall(text)):
        if len(sentence) < 6:
            continue
        score = 0
        if _IMPERATIVE.match(sentence):
            score += 3
        if "要" in sentence:
            score += 1
        if 12 <= len(sentence) <= 90:
            score += 1
        if re.match(r"^(?:\d{1,4}年|\d{1,2}月|去年|今年|前几天)", sentence):
            score -= 2
        scored.append((score, index, sentence))
    return sorted(scored, key=lambda t: (-t[0], t[1]))


def key_sentences(text: str, most: int) -> tuple[PointView, ...]:
    """Return up to `most` key sentences of `text` (at least three when it has them), in text order."""
    ranked = _ranked(text)
    if not ranked:
        return ()
    count = max(min(most, len(ranked)), min(3, len(ranked)))
    count = min(count, max(3, len(ranked) // 2)) if len(ranked) > 3 else count
    chosen = sorted(ranked[:count], key=lambda t: t[1])
    budget = POINT_EM if len(chosen) > 2 else POINT_EM * 2   # few points may run longer
    return tuple(PointView("", cut_at_clause(s, budget)) for _, _, s in chosen)
