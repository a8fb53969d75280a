"""Chinese word segmentation (rjieba, the jieba-rs binding): word boundaries for line breaks, verbs for excerpts.

-- rjieba loads its dictionary when first imported (about 0.1 s, against about a second for pure-Python jieba),
so it is imported only when a title needs breaking or a sentence needs shortening, and results are memoised:
within a process, and across processes in the cache folder (cache.py), so that building an outline again (the
meeting details changed) does not load the dictionary at all. The file holds no text of the outline: answers are
keyed by a hash of the text, and words are stored as their lengths. It is tied to the segmenter's files and to this
module's source; a cache that cannot be read or written is ignored --
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib.util import find_spec

#: Fixed political formulations (提法) that jieba's general dictionary splits (中国|特色|社会主义) but that a line
#: must never break: added to the segmenter's dictionary as whole nouns.
TERMS = ("中国特色社会主义思想", "习近平新时代", "习近平生态文明思想", "习近平法治思想", "习近平经济思想", "习近平强军思想",
         "习近平外交思想", "习近平文化思想", "中国特色社会主义", "新时代", "新征程", "全面从严治党", "中央委员会", "中央纪委", "党中央", "生态文明", "主题教育",
         "不忘初心", "牢记使命", "两个维护", "两个确立", "四个意识", "四个自信", "高质量发展", "马克思主义", "三会一课")
#: Part-of-speech tags (jieba's ICTCLAS set) of words that can carry a clause's predicate.
_PREDICATE_TAGS = frozenset({"v", "vd", "vg", "vi", "vq", "vf", "vx"})
_QUOTED = ("“", "”", "‘", "’", "《", "》")
#: Most answers of each kind kept in the cache file (the newest): an outline needs a few dozen, and reading 5,000
#: takes a few milliseconds.
_STORE_MAX = 5000
_store_changed = False


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
    """Load the kept answers, and the segmenter's dictionary unless answers were kept (a batch does this once,
    before it forks its workers; a worker meeting new text loads the dictionary itself)."""
    store = _store()
    if not (store["words"] or store["predicate"]):
        _rjieba()


def _store_path():
    """Return the cache file for this segmenter and word list, or None when rjieba is not installed."""
    from .cache import cache_dir

    key = _store_key()
    return None if key is None else cache_dir() / f"segment-{key}.json"


@lru_cache(maxsize=1)
def _store_key() -> str | None:
    """Return what names the cache file: rjieba's files and this module's source (once a process)."""
    spec = find_spec("rjieba")
    if spec is None or not spec.origin:  # pragma: no cover - rjieba is a dependency
        return None
    folder = os.path.dirname(spec.origin)
    stamp = [f"{name}:{os.stat(os.path.join(folder, name)).st_size}" for name in sorted(os.listdir(folder))
             if name.startswith("rjieba") and not name.endswith(".pyi")]
    # -- this file's own bytes too: a change to how answers are worked out (or to TERMS) starts a new cache --
    with open(__file__, "rb") as handle:
        own = hashlib.sha1(handle.read()).hexdigest()
    return hashlib.sha1(json.dumps([stamp, own]).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _store() -> dict[str, dict]:
    """Return the answers kept from earlier runs: {"words": {hash: [word length…]}, "predicate": {hash: bool}}."""
    return _read_store()


def _read_store() -> dict[str, dict]:
    try:
        path = _store_path()
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
        stored_words, predicates = data.get("words", {}), data.get("predicate", {})
        if not (isinstance(stored_words, dict) and isinstance(predicates, dict)):
            raise ValueError("not a segment cache")
    except (OSError, ValueError, AttributeError):
        stored_words, predicates = {}, {}
    return {"words": stored_words, "predicate": predicates}


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _remember(kind: str, text: str, answer) -> None:
    global _store_changed
    _store()[kind][_key(text)] = answer
    _store_changed = True


def save() -> None:
    """Write this process's new answers to the cache file (a temporary file renamed into place); never fails."""
    from .cache import write_quietly

    global _store_changed
    if not _store_changed:
        return
    _store_changed = False
    path = _store_path()
    if path is not None:
        # -- over what the file holds now, not what it held when this process read it: a deck written in a forked
        # process, or another outline's batch worker, may have saved answers of its own since --
        store = _read_store()
        for kind, answers in _store().items():
            store[kind].update(answers)
        store = {kind: dict(list(answers.items())[-_STORE_MAX:]) for kind, answers in store.items()}
        write_quietly(path, json.dumps(store, separators=(",", ":")).encode("utf-8"))


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Return the words of `text` in order (joined, they give `text` back); characters when no segmenter."""
    known = _store()["words"].get(_key(text))
    if isinstance(known, list) and sum(known) == len(text) and all(isinstance(n, int) and n > 0 for n in known):
        out, at = [], 0
        for length in known:
            out.append(text[at:at + length])
            at += length
        return tuple(out)
    seg = _rjieba()
    if seg is None:
        return tuple(text)
    out = tuple(seg.cut(text))
    _remember("words", text, [len(word) for word in out])
    return out


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
    known = _store()["predicate"].get(_key(text))
    if isinstance(known, bool):
        return known
    seg = _rjieba()
    if seg is None:  # pragma: no cover
        return text.count("，") >= 1
    answer, depth = False, 0
    for word, tag in seg.tag(text):
        if word in ("“", "‘", "《"):
            depth += 1
        elif word in ("”", "’", "》"):
            depth = max(0, depth - 1)
        elif depth == 0 and tag in _PREDICATE_TAGS:
            answer = True
            break
    _remember("predicate", text, answer)
    return answer


__all__ = ["words", "boundaries", "has_predicate", "preload", "save"]
