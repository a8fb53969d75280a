"""The 简要 minutes (分项叙述式, 只写要点和结论): achievements, problems, one paragraph per section with one key
sentence per subsection, the closing call — the longest that fits three pages, never dropping a heading."""
from __future__ import annotations

import re
from typing import Callable

from ..excerpt import SENTENCE_END, sentences
from ..model import Document, Paragraph, Section
from ..outline.rules import int_to_cn
from .keypoints import REQUIREMENT, ranked, score, section_sentences
from .minutes import BlockView, body_block
from .preamble import is_problems
from .templating import Wording
from .voice import third_person

#: Most characters a key sentence may have.
SENTENCE_MAX = 120
MAX_PAGES = 3
CLOSING_MAX = 150          # characters of the closing call (its first sentence or two)
_PROBLEM_WORDS = re.compile(r"问题|不足|差距|短板")
#: A heading that names a topic rather than stating a requirement (2023年党建工作回顾, 工作要求): the paragraph
#: opens 关于<heading>，会议…： rather than 会议强调，<heading>。
_TOPIC = re.compile(r"^[^，；、]{2,12}(?:回顾|要求|任务|情况|成绩|成效|措施|安排|部署|目标)$")
#: Topics that look back: 会议指出 rather than 强调/要求.
_REVIEW = re.compile(r"(?:回顾|成绩|成效|情况)$")


def concise_blocks(document: Document, preamble: tuple[Paragraph, ...], wording: Wording,
                   pages: Callable[[list[BlockView]], float]) -> list[BlockView]:
    """Return the body after the opening: every heading, and as many key sentences as fit MAX_PAGES pages.

    Sentences are added shortest first (so that most subsections get one), each only while the minutes still fit.
    """
    # -- what does not depend on the chosen sentences is worked out once, not again for every trial --
    head = _head(preamble, wording)
    closing = _closing_sentences(document.closing)
    candidates = _candidates(document, closing)
    chosen: dict[tuple[int, int], str] = {}
    blocks = _blocks(document, head, closing, wording, chosen)
    if pages(blocks) > MAX_PAGES:
        return blocks
    # -- the closing call first, then round by round one requirement per section, shortest first (so that
    # every section gets one before any gets two) --
    rounds = {key: sum(1 for other, s in candidates.items() if other[0] == key[0] and (len(s), other) < (len(sentence), key))
              for key, sentence in candidates.items()}
    for key, sentence in sorted(candidates.items(), key=lambda item: (item[0] != (-1, 0), rounds[item[0]], len(item[1]), item[0])):
        trial = {**chosen, key: sentence}
        trial_blocks = _blocks(document, head, closing, wording, trial)
        if pages(trial_blocks) <= MAX_PAGES:
            chosen, blocks = trial, trial_blocks
    return blocks


def _candidates(document: Document, closing: list[str]) -> dict[tuple[int, int], str]:
    """Return the key sentence (meeting voice, whole, without its end mark) each part could show: (section, sub)
    → sentence; sub 0 is a section's own text, (-1, 0) the closing's second sentence."""
    out = {}
    for i, section in enumerate(document.sections):
        if section.subsections:
            for j, sub in enumerate(section.subsections, start=1):
                sentence = _key(sub)
                if sentence:
                    out[(i, j)] = sentence
        elif len(led := _led_points(section)) >= 2:
            # -- points led by 一是/一要/要…。 stand as the section's items, each with its own requirement --
            for j, point in enumerate(led, start=1):
                sentence = _requirement(sentences(point.body), point.lead or _item(point))
                if sentence:
                    out[(i, j)] = sentence
        else:
            candidates = [third_person(s).strip() for b in section.blocks for s in sentences(b.text)]
            best = [s for s in ranked(candidates) if len(s) <= SENTENCE_MAX and score(s) >= REQUIREMENT]
            if best:
                out[(i, 0)] = best[0]
    if len(closing) > 1 and len(closing[0] + closing[1]) <= CLOSING_MAX:
        out[(-1, 0)] = closing[1]
    return out


def _head(preamble: tuple[Paragraph, ...], wording: Wording) -> list[BlockView]:
    """Return the paragraphs before the sections: the achievements, then the problems."""
    achievements = _achievements(preamble, wording)
    return [body_block(text) for text in ([achievements] if achievements else []) + _problems(preamble, wording)]


def _blocks(document: Document, head: list[BlockView], closing: list[str], wording: Wording,
            chosen: dict[tuple[int, int], str]) -> list[BlockView]:
    out = list(head)
    for number, section in enumerate(document.sections, start=1):
        out.append(body_block(_section(section, number, wording, chosen)))
    if closing:
        out.append(body_block(wording("minutes/closing") + closing[0] + chosen.get((-1, 0), "")))
    return out


def _bare(sentence: str) -> str:
    """Return a sentence without its closing punctuation, to be joined into a 一是…；二是… series."""
    return sentence.strip().rstrip(SENTENCE_END).rstrip("，、：")


def _achievements(preamble: tuple[Paragraph, ...], wording: Wording) -> str:
    """会议认为，<the review's first sentence>主要体现在：<the lead items' headings>。"""
    leads = [p.points[0].lead.rstrip("。！？") for p in preamble if p.is_lead_item]
    review = ""
    for paragraph in preamble:
        if paragraph.is_lead_item or is_problems(paragraph):
            break
        first = next(iter(sentences(third_person(paragraph.text))), "").strip()
        if first:
            review = first
            break
    if not review and not leads:
        return ""
    return wording("minutes/achievements", review=review, leads=leads)


def _problems(preamble: tuple[Paragraph, ...], wording: Wording) -> list[str]:
    """会议指出，<the sentence that names the problems>一是<its own first clause>；二是…。"""
    out = []
    for paragraph in preamble:
        if not is_problems(paragraph):
            continue
        intro = [s for s in sentences(third_person(paragraph.intro)) if _PROBLEM_WORDS.search(s)]
        items = []
        for point in paragraph.points:
            if not point.marker:
                continue
            own = _bare(point.lead) if point.lead else _first_clause(third_person(point.body))
            if own:
                items.append(point.marker + own)
        if items:
            out.append(wording("minutes/problems", intro=intro[-1].strip() if intro else "", items=items))
    return out


def _first_clause(text: str) -> str:
    match = re.match(r"[^，；。！？]+", text)
    return match.group(0) if match else ""


#: Longest first sentence of an unled 一是… point that stands as a section's item by itself.
ITEM_MAX = 60


def _led_points(section: Section):
    """Return the section's enumerated points that can stand as its items: those led by a heading sentence
    (一是加强领导。要…), or else, when every point is one short sentence (一是加强组织领导。二是…), all of them."""
    marked = [p for b in section.blocks for p in b.points if p.marker]
    led = [p for p in marked if p.lead]
    if led:
        return led
    if marked and all(len(_item(p)) <= ITEM_MAX for p in marked):
        return marked
    return []


def _item(point) -> str:
    """Return what names a point in a 一是…；二是… series: its lead, else its first sentence, unpunctuated."""
    return _bare(point.lead) if point.lead else _bare(next(iter(sentences(third_person(point.body))), ""))


def _section(section: Section, number: int, wording: Wording, chosen: dict[tuple[int, int], str]) -> str:
    heading = _bare(third_person(section.heading))
    index = number - 1
    items, own = [], []
    if section.subsections:
        for j, sub in enumerate(section.subsections, start=1):
            items.append({"ordinal": int_to_cn(j) + "是", "heading": _bare(sub.heading),
                          "sentence": _bare(chosen.get((index, j), ""))})
    else:
        led = _led_points(section)
        if len(led) >= 2:
            items = [{"ordinal": p.marker, "heading": _item(p), "sentence": _bare(chosen.get((index, j), ""))}
                     for j, p in enumerate(led, start=1)]
        elif (index, 0) in chosen:
            own = [chosen[(index, 0)]]
    topic = "review" if _REVIEW.search(heading) else "topic"
    topic = topic if _TOPIC.match(heading) and (items or own) else ""
    return wording("minutes/section_brief", n=number, heading=heading, items=items, sentences=own, topic=topic)


def _key(section: Section) -> str:
    """Return a subsection's key sentence in the meeting's voice (whole, a requirement, not its heading), or ""."""
    return _requirement(section_sentences(section), section.heading)


def _requirement(candidates: list[str], heading: str) -> str:
    """Return the best whole sentence that states a requirement, in the meeting's voice, other than the heading."""
    best = [s for s in ranked([third_person(s).strip() for s in candidates])
            if len(s) <= SENTENCE_MAX and score(s) >= REQUIREMENT and _bare(s) != _bare(heading)]
    return best[0] if best else ""


#: A sentence that tells history or reports another's words (80多年前，毛泽东同志…发出号召，“…”) does not open the call.
_NARRATIVE = re.compile(r"^\d+多?年前|^[^，。！？]{0,20}以来，|发出号召|(?:要求|指出|强调|号召)，?“")


def _closing_sentences(closing: tuple[Paragraph, ...]) -> list[str]:
    """Return the closing's sentences in the meeting's voice, from the first that is not history or quotation."""
    if not closing:
        return []
    found = [s.strip() for s in sentences(third_person(closing[0].text)) if s.strip()]
    start = next((i for i, s in enumerate(found) if not _NARRATIVE.search(s)), 0)
    return found[start:]


__all__ = ["concise_blocks", "SENTENCE_MAX", "MAX_PAGES"]
