"""Compose the 应知应会测试: 填空 items drawn verbatim from the outline, one blank each, answers on the last page.

Each item is one whole sentence of the outline (excerpt.sentences, or a whole heading) with exactly one term
removed: a numbered concept (“两个维护”), else a term in quotation marks or a title in 《》, else one middle
item of a parallel series (严教育、严制度、严管理). The answer is exactly the removed words; everything
else is the outline's own text. Items are chosen across the parts of the outline (preamble, each section,
closing), never from the title block or the salutation, and appear in the outline's order.

判断 (true/false) items are left out: a false statement would have to be written by changing the outline's
wording, which 提法准确 forbids, and a quiz of true statements only tests nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..branches import Branch
from ..excerpt import sentences
from ..meeting import Meeting
from ..model import Document, Section
from .branch import FieldView, context, label
from .templating import Wording

MIN_ITEMS, TARGET_ITEMS, MAX_ITEMS = 10, 15, 20
#: A sentence a quiz item can be made of: not too short to say anything, not too long to read.
MIN_CHARS, MAX_CHARS = 10, 110
_QUOTED = re.compile(r"“([^“”‘’，。；！？：,;!?]{2,12})”")
_TITLED = re.compile(r"《([^《》]{4,20})》")
_SERIES_ITEM = r"[^、，。；：！？“”‘’《》（）()\s,;:!?]"
_SERIES = re.compile(rf"{_SERIES_ITEM}+(?:、{_SERIES_ITEM}{{2,6}})+、{_SERIES_ITEM}+")
#: Sentences in the speaker's own voice, or with an anonymised name left, make poor quiz items.
_SKIP = re.compile(r"我(?!们)|^同志们|XX|ＸＸ|××|某某")
#: Ranks of the kinds of blank, best first.
CONCEPT, QUOTED, TITLED, SERIES = range(4)


@dataclass(frozen=True)
class QuizItem:
    number: int
    before: str           # the sentence up to the blank, verbatim
    answer: str           # exactly the removed words
    after: str            # the rest of the sentence, verbatim

    @property
    def sentence(self) -> str:
        return self.before + self.answer + self.after


@dataclass(frozen=True)
class QuizView:
    title: str
    topic: str                              # the outline's title
    info: tuple[FieldView, ...]             # 支部名称, 姓名, 得分 (blanks to fill in)
    intro: str
    items: tuple[QuizItem, ...]
    answers_title: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Candidate:
    part: int             # 0 preamble, 1… the top-level sections, then the closing
    order: int            # position in the outline
    sentence: str
    blanks: tuple[tuple[int, int, int], ...]   # (rank, start, end), best first


def compose_quiz(document: Document, meeting: Meeting, wording: Wording) -> QuizView:
    concepts = tuple(sorted({c.text for c in document.entities.concepts}, key=len, reverse=True))
    items = _choose([c for c in _candidates(document, concepts) if c.blanks])
    warnings = ()
    if len(items) < MIN_ITEMS:
        warnings = (f"提纲中能出填空题的句子只有 {len(items)} 句，应知应会测试少于 {MIN_ITEMS} 题。",)
    topic = " ".join(t.text for t in document.title) or meeting.name or document.meeting_name or ""
    return QuizView(
        title=wording("branch/quiz_title", branch="", title=topic),
        topic=topic,
        info=(FieldView(label(wording, "quiz_name")), FieldView(label(wording, "quiz_score"))),
        intro=wording("branch/quiz_intro", count=len(items)),
        items=items,
        answers_title=wording("branch/quiz_answers_title"),
        warnings=warnings,
    )


def quiz_for_branch(view: QuizView, branch: Branch, wording: Wording) -> QuizView:
    values = context(branch)
    return replace(view, title=wording("branch/quiz_title", title=view.topic, **{k: v for k, v in values.items() if k != "title"}),
                   info=(FieldView(label(wording, "branch"), branch.name), *view.info))


def _candidates(document: Document, concepts: tuple[str, ...]) -> list[_Candidate]:
    out: list[_Candidate] = []

    def add(part: int, text: str) -> None:
        for sentence in sentences(text):
            sentence = sentence.strip()
            if MIN_CHARS <= len(sentence) <= MAX_CHARS and not _SKIP.search(sentence):
                out.append(_Candidate(part, len(out), sentence, _blanks(sentence, concepts)))

    for paragraph in document.preamble:
        add(0, paragraph.text)
    for number, section in enumerate(document.sections, start=1):
        for node in section.walk():
            _add_section(node, number, add)
    for paragraph in document.closing:
        add(len(document.sections) + 1, paragraph.text)
    return out


def _add_section(section: Section, part: int, add) -> None:
    if section.level > 1:   # a level-1 heading is a title, not a sentence to complete
        add(part, section.heading + section.heading_end)
    for block in section.blocks:
        add(part, block.text)


def _blanks(sentence: str, concepts: tuple[str, ...]) -> tuple[tuple[int, int, int], ...]:
    """Return the terms of a sentence that may be blanked, best first; a term that occurs twice is not one."""
    found: list[tuple[int, int, int]] = []
    for concept in concepts:
        at = sentence.find(concept)
        if at >= 0 and sentence.count(concept) == 1 and not any(s <= at < e for _, s, e in found):
            found.append((CONCEPT, at, at + len(concept)))
    for rank, pattern in ((QUOTED, _QUOTED), (TITLED, _TITLED)):
        for match in pattern.finditer(sentence):
            start, end = match.span(1)
            if sentence.count(match.group(1)) == 1 and not any(s < end and start < e for _, s, e in found):
                found.append((rank, start, end))
    for match in _SERIES.finditer(sentence):
        items = match.group(0).split("、")
        middle = items[1:-1]
        if all(3 <= len(m) <= 6 for m in middle) and len({len(m) for m in middle}) == 1:
            start = match.start() + len(items[0]) + 1
            end = start + len(middle[0])
            if sentence.count(middle[0]) == 1 and not any(s < end and start < e for _, s, e in found):
                found.append((SERIES, start, end))
    return tuple(sorted(found))


def _choose(candidates: list[_Candidate]) -> tuple[QuizItem, ...]:
    """Pick up to TARGET_ITEMS sentences, in turn from each part of the outline, each answer asked once and printed
    nowhere else in the quiz."""
    parts: dict[int, list[_Candidate]] = {}
    for candidate in sorted(candidates, key=lambda c: (c.blanks[0][0], c.order)):
        parts.setdefault(candidate.part, []).append(candidate)
    queues = [parts[p] for p in sorted(parts)]
    chosen: list[tuple[_Candidate, tuple[int, int, int]]] = []
    used: set[str] = set()
    shown: list[str] = []       # what the chosen items print around their blanks

    def printed(candidate: _Candidate, blank: tuple[int, int, int]) -> str:
        return candidate.sentence[:blank[1]] + "\n" + candidate.sentence[blank[2]:]

    def keeps_answers(candidate: _Candidate, blank: tuple[int, int, int]) -> bool:
        """No item gives another's answer away: this answer is nowhere in print, and this item prints none."""
        answer = candidate.sentence[blank[1]:blank[2]]
        return answer not in used and not any(answer in text for text in shown) and \
            not any(u in printed(candidate, blank) for u in used)

    while len(chosen) < min(TARGET_ITEMS, MAX_ITEMS) and any(queues):
        for queue in queues:
            while queue:
                candidate = queue.pop(0)
                blank = next((b for b in candidate.blanks if keeps_answers(candidate, b)), None)
                if blank is not None:
                    used.add(candidate.sentence[blank[1]:blank[2]])
                    shown.append(printed(candidate, blank))
                    chosen.append((candidate, blank))
                    break
            if len(chosen) >= TARGET_ITEMS:
                break
    chosen.sort(key=lambda pair: pair[0].order)
    return tuple(QuizItem(n, c.sentence[:start], c.sentence[start:end], c.sentence[end:])
                 for n, (c, (_, start, end)) in enumerate(chosen, start=1))


__all__ = ["QuizView", "QuizItem", "compose_quiz", "quiz_for_branch", "MIN_ITEMS", "MAX_ITEMS"]
