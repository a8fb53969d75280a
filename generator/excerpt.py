"""提法准确: the one rule for excerpts of the outline, used by every output.

An excerpt is one or more **whole sentences** of the outline (a sentence ends at 。！？； outside every pair of
quotation marks and brackets) or a whole heading. The only shortening allowed is an explicit 「……」 in place of
the rest of a sentence, cut at a ，/； that lies outside every “” ‘’ 《》 （） pair, where what is kept holds the
sentence's main clause: never a cut after a subordinate clause (不管/只要/如果/虽然/为了…) without its
continuation, nor half of a correlative pair (既…也…, 不仅…而且…), nor a bare topic without a verb (the
segmenter's part-of-speech tags tell). Never a cut at 、.
Whoever shows a shortened sentence also carries the whole sentence (the deck's speaker notes).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from .outline.rules import IMPERATIVE, SUBJECT_THEN_MUST
from .segment import has_predicate

#: Marks that open and close a span no excerpt may be cut inside.
OPENING = "“‘《（(「『【〔"
CLOSING = "”’》）)」』】〕"
#: Punctuation that ends a sentence; an excerpt ends on one of these (or at the end of its paragraph).
SENTENCE_END = "。！？；!?;"
#: Punctuation inside a sentence where an explicit 「……」 may replace the rest.
CLAUSE_CUT = "，；,;"
ELLIPSIS = "……"

#: A clause opening like these is subordinate: a kept part may not end with it (its main clause follows).
_SUBORDINATE = re.compile(
    r"^(?:不管|无论|不论|只要|只有|如果|假如|倘若|要是|若是|虽然|虽说|尽管|即使|即便|哪怕|纵然|为了|因为|由于|随着|除了|通过|"
    r"根据|按照|依照|围绕|针对|面对|对于|关于|当|每当|一旦|特别是|尤其是|比如|例如|譬如|包括|以及|以便|以免|从而|进而|并且)"
)
#: An adverbial of place or time (在……上/中/时): it frames what follows and cannot end a kept part.
_ADVERBIAL = re.compile(r"^(?:在|从|于|自|经过).{1,24}(?:上|中|下|里|时|前|后|间|方面|过程中|基础上|同时|之际|期间|以来)$")
#: Correlatives whose second half a kept part may not drop (既…也…, 不仅…而且…): opener → partners.
_CORRELATIVE = (
    ("既", ("也", "又", "还")), ("不仅", ("而且", "也", "还", "更")), ("不但", ("而且", "也", "还", "更")),
    ("不只", ("而且", "也", "还", "更")), ("一方面", ("另一方面",)), ("虽然", ("但", "却", "也")), ("尽管", ("但", "却", "也", "仍")),
    ("宁可", ("也", "决不")), ("与其", ("不如",)), ("首先", ("其次", "然后", "再次")),
)
#: Fewest characters (ellipsis excluded) a shortened sentence keeps.
MIN_KEPT = 8
#: Most characters a shortened sentence keeps: longer never fits anything an output shows.
MAX_KEPT = 300


def _depth_list(text: str) -> list[int]:
    """Return, for each character, the depth of nesting in quotes and brackets before it."""
    out = []
    depth = 0
    straight = 0           # inside an ASCII "…" pair
    for ch in text:
        out.append(depth + straight)
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = depth - 1 if depth else 0
        elif ch == '"':
            straight = 1 - straight
    return out


def sentences(text: str) -> list[str]:
    """Return `text` split into whole sentences; joined, they give `text` back exactly.

    A sentence ends at 。！？； outside quotes and brackets, together with closing marks that follow it
    (”）》); a quoted sentence ending inside its quotation marks (“……。”) ends after the closing mark.
    """
    return list(_sentences(text))


@lru_cache(maxsize=8192)
def _sentences(text: str) -> tuple[str, ...]:
    out: list[str] = []
    start = 0
    index = 0
    depths = _depth_list(text)
    while index < len(text):
        ch, depth = text[index], depths[index]
        if ch in SENTENCE_END and depth == 0:
            end = index + 1
            while end < len(text) and (text[end] in CLOSING or text[end] in SENTENCE_END):
                end += 1
            out.append(text[start:end])
            start = index = end
            continue
        if ch in SENTENCE_END and depth == 1 and index + 1 < len(text) and text[index + 1] in "”’" and \
                _ends_quoted_sentence(text, index + 1):
            end = index + 2
            out.append(text[start:end])
            start = index = end
            continue
        index += 1
    if start < len(text):
        out.append(text[start:])
    return tuple(s for s in out if s)


def _ends_quoted_sentence(text: str, close: int) -> bool:
    """Return whether a quotation closing at `close` (“……。”) also ends the sentence around it."""
    after = text[close + 1: close + 2]
    return not after or after not in "，、：的地得和与及等是为"


def strip_end(sentence: str) -> str:
    """Return a sentence without its closing punctuation (the 。 a heading sentence ends with)."""
    return sentence.rstrip(SENTENCE_END + "，、：,: ")


def is_sentence(text: str) -> bool:
    """Return whether `text` ends like a whole sentence."""
    core = text.rstrip(CLOSING)
    return bool(core) and core[-1] in SENTENCE_END


def cut_points(sentence: str) -> list[int]:
    """Return the positions of the ，/； (outside quotes and brackets) where a 「……」 may replace the rest.

    A position qualifies when the part before it keeps the main clause: it does not end with a subordinate or
    adverbial clause, leaves no correlative half open, and keeps at least MIN_KEPT characters.
    """
    return list(_cut_points(sentence))


@lru_cache(maxsize=8192)
def _cut_points(sentence: str) -> tuple[int, ...]:
    depth = _depth_list(sentence)
    end = min(len(sentence.rstrip(SENTENCE_END + CLOSING)), MAX_KEPT + 1)
    cuts = [i for i, ch in enumerate(sentence[:end]) if ch in CLAUSE_CUT and not depth[i] and i + 1 < end]
    # -- each correlative opener outside quotes, and the first partner after it: a kept part must hold both --
    pairs = []
    for opener, partners in _CORRELATIVE:
        for at in _unquoted(sentence, opener, depth):
            found = [f for p in partners if (f := sentence.find(p, at + len(opener))) >= 0]
            pairs.append((at, min(found, default=len(sentence))))
    points, start = [], 0
    all_subordinate, has_verb = True, False
    for index in cuts:
        clause = sentence[start:index]
        start = index + 1
        subordinate = _subordinate(clause)
        all_subordinate = all_subordinate and subordinate
        # -- a clause opening with a requirement (要…, 坚持…, 全系统要…) has its verb; else the segmenter decides;
        # a kept part has a verb once any of its clauses has one --
        has_verb = has_verb or bool(IMPERATIVE.match(clause) or SUBJECT_THEN_MUST.match(clause))
        if index < MIN_KEPT or subordinate or all_subordinate:
            continue
        if any(at < index and partner >= index for at, partner in pairs):
            continue
        has_verb = has_verb or has_predicate(sentence[:index])
        if has_verb:
            points.append(index)
    return tuple(points)


def _subordinate(clause: str) -> bool:
    return bool(_SUBORDINATE.match(clause) or _ADVERBIAL.match(clause))


def _unquoted(text: str, word: str, depth: list[int]) -> list[int]:
    """Return where `word` occurs outside quotes and brackets (the first time only: a correlative's opener)."""
    start = 0
    while (at := text.find(word, start)) >= 0:
        if depth[at] == 0:
            return [at]
        start = at + 1
    return []


def shortened(sentence: str, cut: int) -> str:
    """Return the sentence cut at position `cut` (a ，/；) with the explicit 「……」."""
    return sentence[:cut] + ELLIPSIS


def fit_sentence(sentence: str, fits: Callable[[str], bool]) -> str | None:
    """Return `sentence` if it fits, else its longest allowed 「……」 shortening that fits, else None."""
    if fits(sentence):
        return sentence
    for cut in reversed(cut_points(sentence)):
        candidate = shortened(sentence, cut)
        if fits(candidate):
            return candidate
    return None


def shortest_form(sentence: str) -> str:
    """Return the shortest allowed form of a sentence: its first allowed 「……」 shortening, or itself."""
    points = cut_points(sentence)
    return shortened(sentence, points[0]) if points else sentence


#: What may stand right before an excerpt: a sentence end, a closing mark, a line start, a colon, or a point's marker.
_EXCERPT_START = re.compile(r"(?:[。！？；!?;”’》）)\n：:—]|(?:[一二三四五六七八九十]+(?:是|要)|第[一二三四五六七八九十]+[，、]|\d{1,2}[.．、]))$")


def is_excerpt(text: str, source: str) -> bool:
    """Return whether `text` is a run of whole sentences of `source` (or a whole heading or point lead), or
    an allowed 「……」 shortening of one sentence."""
    elided = text.endswith(ELLIPSIS)
    core = text[: -len(ELLIPSIS)] if elided else text
    if not core:
        return False
    start = 0
    while (at := source.find(core, start)) >= 0:
        start = at + 1
        if at and not _EXCERPT_START.search(source[max(0, at - 4): at]):
            continue
        if elided:
            sentence = sentences(source[at:].split("\n", 1)[0])[0]
            if len(core) in cut_points(sentence):
                return True
        else:
            after = source[at + len(core): at + len(core) + 1]
            if not after or after == "\n" or is_sentence(core):
                return True
    return False


__all__ = ["sentences", "strip_end", "is_sentence", "cut_points", "shortened", "fit_sentence", "shortest_form",
           "is_excerpt", "ELLIPSIS", "SENTENCE_END"]
