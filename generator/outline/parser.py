"""Parse numbered source lines into the outline model (title, preamble, sections, closing…)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Diagnostic, Document, Line, Paragraph, Section
from ..source import SourceLine, SourceText
from .entities import find_entities, find_placeholders
from .inline import parse_paragraph
from .rules import (
    BYLINE,
    CLOSING_OPENER,
    CREDIT,
    DASH,
    ENUM_PARAGRAPH_RULE,
    GENRE,
    GENRE_ONLY,
    HEADING_RULES,
    SALUTATION,
    SEQUENCE_PARAGRAPH_RULE,
    SEQUENCE_WORDS,
    SUBTITLE,
    TRANSITION,
    HeadingRule,
    cn_to_int,
    int_to_cn,
    numeral_value,
)

_STRIP = " \t\u3000\u00a0\ufeff"
_TITLE_END = tuple("。！？；：，、,.;:!?…")
_TITLE_MAX = 60


@dataclass
class _Candidate:
    rule: HeadingRule | None     # None: a heading marked only by a Word style
    marker: str
    value: int
    rest: str
    level_hint: int | None = None


@dataclass
class _Open:
    rank: int
    level: int
    marker: str
    number: int
    heading: str
    heading_end: str
    line: int
    styled: bool
    blocks: list[Paragraph] = field(default_factory=list)
    children: list[_Open] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(self.level, self.marker, self.number, self.heading, self.heading_end, self.line,
                       tuple(self.blocks), tuple(c.freeze() for c in self.children), self.styled)


def parse_outline(source: SourceText) -> Document:
    """Return the Document model of an outline read by `read_source`."""
    lines = [SourceLine(s.number, s.text.strip(_STRIP), s.level) for s in source.lines]
    lines = [s for s in lines if s.text]
    diagnostics = [Diagnostic(0, "提示", note) for note in source.notes]

    credits: list[Line] = []
    while lines and CREDIT.match(lines[-1].text):
        credits.insert(0, Line(lines[-1].text, lines[-1].number))
        lines.pop()

    candidates = {i: c for i, s in enumerate(lines) if (c := _candidate(s)) is not None}
    title, pos = _title(lines, candidates)
    subtitle = None
    byline: list[Line] = []
    if title and pos < len(lines) and pos not in candidates:
        match = SUBTITLE.match(lines[pos].text)
        if match and not lines[pos].text.endswith(tuple("。！？")) and len(lines[pos].text) <= _TITLE_MAX + 10:
            subtitle = Line(lines[pos].text, lines[pos].number)
            pos += 1
    while title and pos < len(lines) and pos not in candidates and len(byline) < 3 and BYLINE.match(lines[pos].text):
        byline.append(Line(lines[pos].text, lines[pos].number))
        pos += 1
    salutation = None
    if pos < len(lines) and SALUTATION.match(lines[pos].text):
        salutation = Line(lines[pos].text, lines[pos].number)
        pos += 1

    _drop_previews(lines, candidates)
    top_rank = _top_rank(candidates, pos)
    if top_rank is None:
        top_rank = _enumerated_paragraphs(lines, candidates, pos)
    preamble: list[Paragraph] = []
    roots: list[_Open] = []
    stack: list[_Open] = []
    last_heading_index = max((i for i, c in candidates.items() if _accepts(c, top_rank)), default=-1)
    closing: list[Paragraph] = []
    for index in range(pos, len(lines)):
        src = lines[index]
        cand = candidates.get(index)
        if cand is not None and _accepts(cand, top_rank) and (stack or _rank(cand) == top_rank):
            rank = _rank(cand)
            while stack and stack[-1].rank >= rank:
                stack.pop()
            heading, end, body = _split_heading(cand.rest)
            node = _Open(rank, len(stack) + 1, cand.marker, cand.value, heading, end, src.number, cand.rule is None)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            if body:
                node.blocks.append(parse_paragraph(body, src.number))
            continue
        paragraph = parse_paragraph(src.text, src.number)
        if closing or (roots and index > last_heading_index and CLOSING_OPENER.match(src.text)):
            closing.append(paragraph)
        elif stack:
            stack[-1].blocks.append(paragraph)
        else:
            preamble.append(paragraph)

    transition = None
    if roots and preamble:
        preamble, transition = _split_transition(preamble)
    sections = tuple(r.freeze() for r in roots)
    diagnostics += _numbering_diagnostics(sections)
    title_lines = tuple(Line(lines[i].text, lines[i].number) for i in title)
    meeting_name, genre = _meeting(subtitle, title_lines)
    document = Document(
        source=source.path,
        title=title_lines,
        subtitle=subtitle,
        byline=tuple(byline),
        meeting_name=meeting_name,
        genre=genre,
        salutation=salutation,
        preamble=tuple(preamble),
        transition=transition,
        sections=sections,
        closing=tuple(closing),
        credits=tuple(credits),
        diagnostics=tuple(diagnostics),
    )
    return _with_entities(document)


def _with_entities(document: Document) -> Document:
    from dataclasses import replace

    return replace(document, entities=find_entities(document), placeholders=find_placeholders(document))


def _candidate(src: SourceLine) -> _Candidate | None:
    for rule in HEADING_RULES:
        match = rule.pattern.match(src.text)
        if match:
            value = numeral_value(rule, match["num"])
            if value:
                return _Candidate(rule, match["marker"], value, match["rest"], src.level)
    if src.level and len(src.text) <= _TITLE_MAX and not src.text.endswith(("。", "！", "？")):
        return _Candidate(None, "", 0, src.text, src.level)
    return None


def _rank(cand: _Candidate) -> int:
    if cand.rule is None:
        return 10 + (cand.level_hint or 1)
    return cand.rule.rank


def _title(lines: list[SourceLine], candidates: dict[int, _Candidate]) -> tuple[list[int], int]:
    title: list[int] = []
    for index, src in enumerate(lines[:3]):
        text = src.text
        styled_title = src.level == 0 or (src.level == 1 and index == 0 and index in candidates and candidates[index].rule is None)
        if index in candidates and not styled_title:
            break
        if text.endswith(_TITLE_END) or len(text) > _TITLE_MAX or SUBTITLE.match(text) or SALUTATION.match(text):
            break
        if index > 0 and BYLINE.match(text):
            break
        title.append(index)
    if title and len(lines) == len(title):
        title = title[:1]
    if any(i in candidates for i in title):
        for i in title:
            candidates.pop(i, None)
    return title, len(title)


def _drop_previews(lines: list[SourceLine], candidates: dict[int, _Candidate]) -> None:
    """Treat a run of numbered lines that previews the sections (下面讲三个问题：（一）…；) as text."""
    indexes = sorted(candidates)
    for index in indexes:
        cand = candidates.get(index)
        if cand is None or cand.rule is None or cand.value != 1 or index == 0:
            continue
        if not lines[index - 1].text.endswith(("：", ":")) or not cand.rest.endswith(("；", ";", "，", ",", "。")):
            continue
        run = [index]
        expected = 2
        nxt = index + 1
        while nxt in candidates and candidates[nxt].rule is cand.rule and candidates[nxt].value == expected:
            run.append(nxt)
            expected += 1
            nxt += 1
        later = [i for i in indexes if i > run[-1] and candidates.get(i) and candidates[i].rule is cand.rule
                 and candidates[i].value == 1]
        if later:
            for i in run:
                candidates.pop(i, None)


def _enumerated_paragraphs(lines: list[SourceLine], candidates: dict[int, _Candidate], start: int) -> int | None:
    """For an outline without numbered headings, take paragraphs opening 一是/二是… (counting 1, 2, 3…) as its
    sections; failing that, a transcript's 首先/其次/第三/…/最后 paragraphs (three or more, from the first)."""
    found: dict[int, _Candidate] = {}
    expected = 1
    for index in range(start, len(lines)):
        match = ENUM_PARAGRAPH_RULE.pattern.match(lines[index].text)
        if match and numeral_value(ENUM_PARAGRAPH_RULE, match["num"]) == expected:
            found[index] = _Candidate(ENUM_PARAGRAPH_RULE, match["marker"], expected, match["rest"])
            expected += 1
    if len(found) >= 2:
        candidates.update(found)
        return ENUM_PARAGRAPH_RULE.rank
    found, expected = {}, 1
    for index in range(start, len(lines)):
        match = SEQUENCE_PARAGRAPH_RULE.pattern.match(lines[index].text)
        if not match:
            continue
        word = match["num"]
        value = SEQUENCE_WORDS.get(word) or (expected if word == "最后" and expected > 2 else cn_to_int(word[1:]) if word != "最后" else None)
        if value == expected:
            found[index] = _Candidate(SEQUENCE_PARAGRAPH_RULE, match["marker"], expected, match["rest"])
            expected += 1
            if word == "最后":
                break
    if len(found) < 3:
        return None
    candidates.update(found)
    return SEQUENCE_PARAGRAPH_RULE.rank


def _top_rank(candidates: dict[int, _Candidate], start: int) -> int | None:
    ranks = sorted({_rank(c) for i, c in candidates.items() if i >= start and (c.value == 1 or c.rule is None)})
    return ranks[0] if ranks else None


def _accepts(cand: _Candidate, top_rank: int | None) -> bool:
    return top_rank is not None and _rank(cand) >= top_rank


def _split_heading(rest: str) -> tuple[str, str, str]:
    """Return (heading, closing punctuation, body) for a heading line whose body may share the line."""
    depth = 0
    for index, ch in enumerate(rest):
        if ch in "“《（(‘":
            depth += 1
        elif ch in "”》）)’":
            depth = max(0, depth - 1)
        elif ch in "。！？!?" and depth == 0:
            return rest[:index], ch, rest[index + 1:]
    if rest.endswith(("：", ":", "；", ";")):
        return rest[:-1], rest[-1], ""
    return rest, "", ""


def _split_transition(preamble: list[Paragraph]) -> tuple[list[Paragraph], Paragraph | None]:
    last = preamble[-1]
    if last.points:
        return preamble, None
    match = TRANSITION.search(last.text)
    if not match:
        return preamble, None
    head = last.text[: match.start("t")]
    rest = preamble[:-1] + ([parse_paragraph(head, last.line)] if head else [])
    return rest, Paragraph(last.line, match["t"])


def _numbering_diagnostics(sections: tuple[Section, ...]) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def check(siblings: tuple[Section, ...]) -> None:
        numbered = [s for s in siblings if not s.styled]
        expected = 1
        seen: dict[int, int] = {}
        for section in numbered:
            if section.number in seen:
                out.append(Diagnostic(section.line, "错误",
                                      f"编号“{section.marker.strip()}”重复（第 {seen[section.number]} 行已用过），应改为第 {expected} 个编号。"))
            elif section.number != expected:
                kind = "跳号" if section.number > expected else "顺序颠倒"
                out.append(Diagnostic(section.line, "错误",
                                      f"编号{kind}：“{section.marker.strip()}”前面应为第 {int_to_cn(expected)} 项；请检查是否漏写或重复。"))
            seen.setdefault(section.number, section.line)
            expected = section.number + 1 if section.number >= expected else expected + 1
        for section in siblings:
            check(section.subsections)

    check(sections)
    return out


def _meeting(subtitle: Line | None, title: tuple[Line, ...]) -> tuple[str | None, str | None]:
    """Return the meeting name and the genre named by the subtitle (or else by a title line)."""
    texts = [re.sub(rf"^{DASH}\s*", "", subtitle.text)] if subtitle else []
    texts += [t.text for t in title]
    for text in texts:
        match = GENRE.match(text)
        if match:
            return match["meeting"], match["genre"]
    for text in texts:
        genre = GENRE_ONLY.search(text)
        if genre:
            return None, genre["genre"]
    return None, None


__all__ = ["parse_outline"]
