"""An oracle for 提法准确, written from the spec (DESIGN §1), independent of generator.excerpt.

An excerpt is a run of whole sentences of the outline (or a whole heading / point lead), starting where a
sentence or a point starts; or one sentence's opening ended by an explicit 「……」 where the outline has a
，/； outside every “” ‘’ 《》 （） pair, not right after a subordinate clause (不管/只要/如果/虽然/为了…).
"""
from __future__ import annotations

import re

ENDS = "。！？；!?;"
OPEN = "“‘《（(「『【"
CLOSE = "”’》）)」』】"
SUBORDINATE = ("不管", "无论", "不论", "只要", "如果", "假如", "虽然", "尽管", "即使", "哪怕", "为了", "因为", "由于")
#: What may stand right before an excerpt: a sentence end, a closing mark, a line start, a colon, or a marker.
START = re.compile(r"(?:[。！？；!?;”’》）)\n：:]|——|--|(?:[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+[，、]|"
                   r"[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d{1,2}[.．、]))$")


def normalise(text: str) -> str:
    return text.replace("(", "（").replace(")", "）").replace(",", "，").replace(";", "；")


def _depth_at(sentence_start: str) -> int:
    depth = 0
    for ch in sentence_start:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
    return depth


def balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in ("“”", "《》", "（）", "‘’"))


def _occurrences(core: str, source: str):
    """Yield every position of `core` in `source`, overlapping ones too."""
    at = source.find(core)
    while at >= 0:
        yield at
        at = source.find(core, at + 1)


def why_not(text: str, source: str) -> str | None:
    """Return why `text` breaks the excerpt rule against `source`, or None when it is a proper excerpt."""
    text, source = normalise(text.strip()), normalise(source)
    elided = text.endswith("……")
    core = text[:-2] if elided else text
    if not balanced(core):
        return "unbalanced quotes or brackets"
    if not core:
        return "empty"
    found = False
    reasons = []
    for at in _occurrences(core, source):
        found = True
        end = at + len(core)
        if at and not START.search(source[max(0, at - 4):at]):
            reasons.append("starts mid-sentence")
            continue
        nxt = source[end:end + 1]
        if not elided:
            if core[-1] in ENDS or core.rstrip(CLOSE)[-1:] in ENDS or nxt in ("", "\n") or nxt in ENDS:
                return None
            reasons.append(f"stops mid-sentence before “{source[end:end + 6]}”")
            continue
        if nxt not in "，；":
            reasons.append(f"…… not at a ，/；（next: “{nxt}”）")
            continue
        if _depth_at(source[at:end]):
            reasons.append("…… inside quotes or brackets")
            continue
        last_clause = re.split(r"[，；]", core)[-1]
        if last_clause.startswith(SUBORDINATE):
            reasons.append(f"…… after a subordinate clause “{last_clause}”")
            continue
        return None
    return reasons[0] if found else "not in the outline"
