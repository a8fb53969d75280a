"""Split a paragraph into its points: lead items, inline enumerations (一是…) and lead sentences."""
from __future__ import annotations

import re

from ..model import Paragraph, Point
from .rules import INLINE_ENUM, LEAD_ITEM, cn_to_int

_BOUNDARY = "。；;！？!?：:，,"
_LEAD_MAX = 30
_LEAD_SENTENCE = re.compile(r"[^。！？!?]{3,16}[。！？!?]")
_LEAD_FORBIDDEN = re.compile(r"[，,；;：:“”\"《》（）()]")
_IMPERATIVE = (
    "要", "抓", "坚持", "加强", "强化", "推动", "推进", "深入", "确保", "坚定", "提高", "注重", "突出", "健全",
    "完善", "严格", "着力", "切实", "全面", "不断", "持续", "扎实", "大力", "做到", "把握", "聚焦", "提升", "落实",
    "发挥", "树立", "弘扬", "筑牢", "守住", "用好", "建好", "管好", "抓好", "做好", "狠抓", "全力", "努力", "必须", "务必",
)


def parse_paragraph(text: str, line: int) -> Paragraph:
    """Return `text` as a Paragraph whose points cover it exactly (intro + points == text)."""
    lead_item = LEAD_ITEM.match(text)
    if lead_item:
        return Paragraph(line, "", (Point(lead_item["marker"], lead_item["lead"], lead_item["body"], line),))
    starts = _enumeration(text)
    if starts:
        return _split(text, line, starts)
    sentences = _lead_sentences(text)
    if sentences:
        return _split(text, line, [(pos, "") for pos, _ in sentences], [end for _, end in sentences])
    return Paragraph(line, text)


def _split(text: str, line: int, starts: list[tuple[int, str]], lead_ends: list[int] | None = None) -> Paragraph:
    intro = text[: starts[0][0]]
    points = []
    for index, (pos, marker) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        chunk = text[pos + len(marker): end]
        if lead_ends:
            cut = lead_ends[index] - pos
            lead, body = chunk[:cut], chunk[cut:]
        else:
            lead, body = _lead_of(chunk)
        points.append(Point(marker, lead, body, line))
    return Paragraph(line, intro, tuple(points))


def _lead_of(chunk: str) -> tuple[str, str]:
    match = re.match(r"[^。！？!?；;]{1,%d}[。！？!?；;]" % _LEAD_MAX, chunk)
    if match and _balanced(match.group(0)) and match.end() < len(chunk):
        return match.group(0), chunk[match.end():]
    return "", chunk


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count("（") == text.count("）")


def _enumeration(text: str) -> list[tuple[int, str]]:
    """Return (position, marker) of each inline enumeration item, or [] when there is no run."""
    candidates: dict[str, list[tuple[int, str, int]]] = {}
    for match in INLINE_ENUM.finditer(text):
        pos = match.start()
        if pos > 0 and text[pos - 1] not in _BOUNDARY:
            continue
        if _inside_quote(text, pos):
            continue
        if match["num"]:
            kind, value = match["kind"], cn_to_int(match["num"])
        elif match["num2"]:
            kind, value = "第", cn_to_int(match["num2"])
        elif match["num3"]:
            kind, value = "1.", int(match["num3"])
        else:
            kind, value = "(1)", int(match["num4"])
        if value:
            candidates.setdefault(kind, []).append((pos, match["marker"], value))
    best: list[tuple[int, str]] = []
    for items in candidates.values():
        run = _longest_run(items)
        if len(run) > len(best):
            best = run
    if len(best) >= 2 or (best and best[0][0] == 0):
        return best
    return []


def _longest_run(items: list[tuple[int, str, int]]) -> list[tuple[int, str]]:
    """Return the items that count 1, 2, 3… in order (or a single item at position 0 of any value)."""
    best: list[tuple[int, str]] = []
    for start, (pos, marker, value) in enumerate(items):
        if value != 1 and pos != 0:
            continue
        run = [(pos, marker)]
        expected = value + 1
        for pos2, marker2, value2 in items[start + 1:]:
            if value2 == expected:
                run.append((pos2, marker2))
                expected += 1
        if len(run) > len(best):
            best = run
    return best


def _inside_quote(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("“") > before.count("”")


def _lead_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each short lead sentence that opens a point (要主动自觉学。…)."""
    starts = []
    pos = 0
    while pos < len(text):
        match = _LEAD_SENTENCE.match(text, pos)
        end = _sentence_end(text, pos)
        if match and match.end() == end and end < len(text) and not _LEAD_FORBIDDEN.search(match.group(0)):
            starts.append((pos, end))
        pos = end
    imperative = [(p, e) for p, e in starts if text.startswith(_IMPERATIVE, p)]
    if len(imperative) >= 2 or (imperative and imperative[0][0] == 0):
        return imperative
    if len(starts) >= 3:
        return starts
    return []


def _sentence_end(text: str, pos: int) -> int:
    depth = 0
    for index in range(pos, len(text)):
        ch = text[index]
        if ch in "“（(《":
            depth += 1
        elif ch in "”）)》":
            depth = max(0, depth - 1)
        elif ch in "。！？!?" and depth == 0:
            end = index + 1
            while end < len(text) and text[end] in "”’」』）)":
                end += 1
            return end
    return len(text)
