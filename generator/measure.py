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


#: Characters below U+2E80 that are drawn one em wide all the same (CJK punctuation in the Latin blocks).
_WIDE_LOW = "—…“”‘’·•■◆●"
#: Narrow characters (0.6 em); a space is 0.3 em.
_NARROW = re.compile(f"[^\u2e80-\U0010ffff{_WIDE_LOW} ]")


@lru_cache(maxsize=4096)
def char_em(ch: str) -> float:
    if ch == " ":
        return 0.3
    code = ord(ch)
    if code < 0x2E80 and ch not in _WIDE_LOW:
        return 0.6
    return 1.0


def text_em(text: str) -> float:
    """Return the width of `text` in ems: full-width characters 1, Latin letters and digits 0.6, a space 0.3."""
    return len(text) - 0.4 * len(_NARROW.findall(text)) - 0.7 * text.count(" ")


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
        w = char_em(token) if len(token) == 1 else text_em(token)
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
        # -- kinsoku: closing punctuation may not start a line nor opening punctuation end one; pull characters
        # down with the token until neither happens (”， or “严“ take two or three) --
        line, carry = current, ""
        while len(line) > 1 and ((carry + token)[0] in NO_LINE_START or line[-1] in NO_LINE_END):
            carry, line = line[-1] + carry, line[:-1]
        lines.append(line)
        current = carry + token
        used = text_em(current)
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def lines_fit(height_pt: float, size_pt: float, spacing: float) -> int:
    """Return how many lines of `size_pt` with an exact pitch of `spacing × size` fit in `height_pt`."""
    return max(0, math.floor((height_pt + 0.01) / (size_pt * spacing)))


#: A title line may not start with these (particles that belong to the word before).
_PARTICLE_START = "的地得了着过和与及之等"
_BREAK_AFTER = "，、；：。！？,;:"


def balanced_lines(text: str, width_em: float) -> list[str]:
    """Split a title that needs several lines into lines of nearly equal width (a trapezoid, not a widow).

    Lines break only between words (generator.segment) or after punctuation, never before closing punctuation
    or a particle nor after opening punctuation; no line is wider than `width_em` unless a single word is.
    """
    total = text_em(text)
    if total <= width_em:
        return [text]
    from .segment import boundaries

    allowed = sorted(pos for pos in set(boundaries(text)) | {i + 1 for i, c in enumerate(text[:-1]) if c in _BREAK_AFTER}
                     if text[pos] not in NO_LINE_START and text[pos] not in _PARTICLE_START and text[pos - 1] not in NO_LINE_END)
    stops = [0, *allowed, len(text)]
    count = math.ceil(total / width_em)
    while count <= len(stops) - 1:
        breaks = _best_breaks(text, stops, count, width_em)
        if breaks is not None:
            return [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
        count += 1
    return wrap(text, width_em)


def _best_breaks(text: str, stops: list[int], count: int, width_em: float) -> list[int] | None:
    """Return `count - 1` break positions among `stops` giving lines within `width_em` as even as possible."""
    target = text_em(text) / count
    memo: dict[tuple[int, int], tuple[float, list[int]] | None] = {}

    def cost(a: int, b: int) -> float | None:
        width = text_em(text[a:b])
        if width > width_em + 1e-6:
            return None
        return (width - target) ** 2 - (4.0 if text[b - 1] in _BREAK_AFTER else 0.0)

    def best(i: int, lines: int):
        key = (i, lines)
        if key in memo:
            return memo[key]
        start = stops[i]
        result = None
        if lines == 1:
            value = cost(start, len(text))
            result = None if value is None else (value, [])
        else:
            for j in range(i + 1, len(stops) - 1):
                value = cost(start, stops[j])
                if value is None:
                    break
                rest = best(j, lines - 1)
                if rest is not None and (result is None or value + rest[0] < result[0]):
                    result = (value + rest[0], [stops[j], *rest[1]])
        memo[key] = result
        return result

    found = best(0, count)
    return None if found is None else found[1]
