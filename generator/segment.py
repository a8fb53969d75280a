"""Chinese word segmentation (rjieba, the jieba-rs binding): word boundaries for line breaks, verbs for excerpts.

-- rjieba loads its dictionary when first imported (about 0.1 s, against about a second for pure-Python jieba),
so it is imported only when a title needs breaking or a sentence needs shortening, and results are memoised --
"""
from __future__ import annotations

from functools import lru_cache

#: Fixed political formulations (提法) that jieba's general dictionary splits (中国|特色|社会主义) but that a line
#: must never break: added to the segmenter's dictionary as whole nouns.
TERMS = ("中国特色社会主义", "新时代", "新征程", "全面从严治党", "中央委员会", "中央纪委", "党中央", "生态文明", "主题教育",
         "不忘初心", "牢记使命", "两个维护", "两个确立", "四个意识", "四个自信", "高质量发展", "马克思主义", "三会一课")
#: Part-of-speech tags (jieba's ICTCLAS set) of words that can carry a clause's predicate.
_PREDICATE_TAGS = frozenset({"v", "vd", "vg", "vi", "vq", "vf", "vx"})
_QUOTED = ("“", "”", "‘", "’", "《", "》")


@lru_cache(maxsize=1)
def _rjieba():
    try:
        import rjieba
    except ImportError:  # pragma: no cover - rjieba ships wheels for every platform we support
        return None
    for term in TERMS:
        rjieba.add_word(term, None, "n")
    return rjieba


def preload() -> None:
    """Load the segmenter's dictionary now (a batch does this once, before it forks its workers)."""
    _rjieba()


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Return the words of `text` in order (joined, they give `text` back); characters when no segmenter."""
    seg = _rjieba()
    if seg is None:
        return tuple(text)
    return tuple(seg.cut(text))


def boundaries(text: str) -> frozenset[int]:
    """Return the positions inside `text` where a line may break without splitting a word."""
    out, at = set(), 0
    for word in words(text):
        at += len(word)
        out.add(at)
    out.discard(len(text))
    return frozenset(out)


@lru_cache(maxsize=4096)
def has_predicate(text: str) -> bool:
    """Return whether `text`, outside its quotations, holds a verb: a clause rather than a bare topic phrase.

    Without a segmenter the answer is True only for text with two or more clauses (the cautious side).
    """
    seg = _rjieba()
    if seg is None:  # pragma: no cover
        return text.count("，") >= 1
    depth = 0
    for word, tag in seg.tag(text):
        if word in ("“", "‘", "《"):
            depth += 1
        elif word in ("”", "’", "》"):
            depth = max(0, depth - 1)
        elif depth == 0 and tag in _PREDICATE_TAGS:
            return True
    return False


__all__ = ["words", "boundaries", "has_predicate", "preload"]
