"""Measure and wrap Chinese text the way a slide renders it, so that slides can be paginated.

Full-width characters are one em wide; Latin letters and digits are counted at 0.6 em (wider than most
faces draw them, so the estimate errs on the safe side). Lines break between any two CJK characters,
never before closing punctuation nor after opening punctuation (kinsoku), and Latin words stay whole.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .outline.rules import NO_LINE_START

NO_LINE_END = "（《「『“‘([{"
_WORD = re.compile(r"[A-Za-z0-9.%+\-/:]+|.", re.S)


@lru_cache(maxsize=4096)
def char_em(ch: str) -> float:
    if ch == " ":
        return 0.3
    code = ord(ch)
    if code < 0x2E80 and ch not in "—…“”‘’·•■◆●":
        return 0.6
    return 1.0


def text_em(text: str) -> float:
    return sum(char_em(c) for c in text)


def wrap(text: str, width_em: float) -> list[str]:
    """Return the lines `text` takes in a frame `width_em` ems wide."""
    return list(_wrap(text, width_em))


@lru_cache(maxsize=8192)
def _wrap(text: str, width_em: float) -> tuple[str, ...]:
    if width_em <= 1:
        raise ValueError("frame narrower than one character")
    lines: list[str] = []
    current, used = "", 0.0
    for token in _WORD.findall(text):
        w = text_em(token)
        if used + w <= width_em or not current:
            if w > width_em and len(token) > 1:   # a Latin run longer than the line: break it anywhere
                for ch in token:
                    if used + char_em(ch) > width_em and current:
                        lines.append(current)
                        current, used = "", 0.0
                    current += ch
                    used += char_em(ch)
                continue
            current += token
            used += w
            continue
        # -- kinsoku: closing punctuation may not start a line; pull the last character down with it --
        if token[0] in NO_LINE_START and len(current) > 1:
            carry = current[-1]
            current = current[:-1]
            lines.append(current)
            current, used = carry + token, text_em(carry + token)
            continue
        if current and current[-1] in NO_LINE_END and len(current) > 1:
            carry = current[-1]
            lines.append(current[:-1])
            current, used = carry + token, text_em(carry + token)
            continue
        lines.append(current)
        current, used = token, w
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def lines_fit(height_pt: float, size_pt: float, spacing: float) -> int:
    """Return how many lines of `size_pt` with an exact pitch of `spacing × size` fit in `height_pt`."""
    return max(0, math.floor((height_pt + 0.01) / (size_pt * spacing)))


def cut_at_clause(text: str, max_em: float) -> str:
    """Return the longest prefix of `text` that ends at a clause boundary and is at most `max_em` wide.

    The boundary punctuation (，；：、) is dropped; a sentence end (。！？) is kept. If even the first
    clause is longer, the first clause is returned whole (never cut inside a clause).
    """
    pieces = re.findall(r"[^，；：、。！？]*[，；：、。！？]?", text)
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if out and text_em(out + piece.rstrip("，；：、")) > max_em:
            break
        out += piece
    if not out:
        out = pieces[0] if pieces else text
    return out.rstrip("，；：、")


_AFTER = "，、；：的和与及"     # a title line may well end after these
_BEFORE = "在为以对把将关于"   # … or a new line start with these


def _best_break(text: str, start: int, ideal: int, width_em: float) -> int:
    """Return where to end a title line near `ideal`: after punctuation, else at a particle, else at `ideal`."""
    best, best_score = ideal, 0
    for shift in (0, 1, -1, 2, -2, 3, -3):
        j = ideal + shift
        if not (start < j < len(text)) or text_em(text[start:j]) > width_em or text[j] in NO_LINE_START:
            continue
        score = 3 if text[j - 1] in "，、；：" else 2 if text[j - 1] in _AFTER or text[j] in _BEFORE else 0
        score -= abs(shift) * 0.4
        if score > best_score:
            best, best_score = j, score
    return best


def balanced_lines(text: str, width_em: float) -> list[str]:
    """Split a title that needs several lines into lines of nearly equal length (a trapezoid, not a widow).

    Breaks prefer a place after punctuation near the ideal length; no line is wider than `width_em`, and no
    line starts with closing punctuation.
    """
    total = text_em(text)
    if total <= width_em:
        return [text]
    count = math.ceil(total / width_em)
    while True:
        target = total / count
        lines, start, used = [], 0, 0.0
        for index, ch in enumerate(text):
            used += char_em(ch)
            remaining = len(lines) < count - 1
            if remaining and used >= target - 0.01:
                cut = _best_break(text, start, index + 1, width_em)
                while cut < len(text) and text[cut] in NO_LINE_START:
                    cut += 1
                lines.append(text[start:cut])
                start, used = cut, text_em(text[cut:index + 1]) if cut <= index else 0.0
        lines.append(text[start:])
        if all(text_em(line) <= width_em for line in lines) or count > len(text):
            return [line for line in lines if line]
        count += 1
