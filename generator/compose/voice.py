"""The meeting's voice: drop the speech's first-person framing (同志们，我们要… → 要…) outside quotations."""
from __future__ import annotations

import re
from functools import lru_cache

#: Sentences that only frame the speech (thanks, announcing what the speaker will say) are dropped whole.
_FRAMING_WORDS = (r"我代表|向大家表示|表示衷心的感谢|致以崇高的敬意|再讲几点意见|讲几点意见|讲几个问题|我讲\d+个问题"
                  r"|我讲[一二三四五六七八九十]+个问题|我来作个总结|我就[^。！？]{0,20}讲|我谈几点|谈几点意见|讲几点看法|我完全同意"
                  r"|我都同意|我完全赞成|我再强调几点|再强调几点")
_FRAMING_SENTENCE = re.compile(
    rf"[^。！？]*(?:{_FRAMING_WORDS})[^。！？]*[。！？]"
    r"|(?:^|(?<=[。！？]))刚才，?[^。！？]{0,30}(?:发言|讲话|通报|汇报|介绍|讲得)[^。！？]*[。！？]"
)
#: What every framing sentence holds: searched first, since the full pattern tries every start position.
_FRAMING_HINT = re.compile(rf"{_FRAMING_WORDS}|刚才")
#: A clause that only announces what the speaker says next (我再讲一点，就是…): dropped, the point itself kept.
_FRAMING_CLAUSE = re.compile(r"(?:^|(?<=[。！？；]))(?:我)?(?:再|还|最后)?(?:讲|强调|说|提)(?:一下|一点|几点|两点)(?:意见)?[，,：:]?(?:就是)?")
_REPLACEMENTS = (
    (re.compile(r"(^|(?<=[。！？；]))同志们[，、！：:,]?"), ""),
    (re.compile(r"(^|(?<=[。！？；]))同志们(?=[^，、！：:,])"), ""),
    (re.compile(r"让我们"), ""),
    (re.compile(r"我们党"), "党"),
    (re.compile(r"我们国家"), "国家"),
    (re.compile(r"[为给对向跟和与同]我们(?=[^的])"), ""),
    (re.compile(r"我们的"), ""),
    (re.compile(r"我们"), ""),
    (re.compile(r"咱们"), ""),
    (re.compile(r"[向对给为和与同]大家"), ""),
    (re.compile(r"大家"), ""),
    (re.compile(r"(?<![自本忘])我(?=[也还就将要会始一都])"), ""),
)
_TIDY = (
    (re.compile(r"([，、；：])[，、；：]+"), r"\1"),
    (re.compile(r"(^|(?<=[。！？；：]))[，、；]"), ""),
    (re.compile(r"，(?=[。！？])"), ""),
)
_QUOTED = re.compile(r"(“[^“”]*”|《[^《》]*》|‘[^‘’]*’)")


@lru_cache(maxsize=8192)
def third_person(text: str) -> str:
    """Return `text` in the meeting's voice; text inside “…”, 《…》 and ‘…’ is left as it is."""
    if _FRAMING_HINT.search(text):
        text = _FRAMING_SENTENCE.sub(lambda m: "" if not _QUOTED.search(m.group(0)) else m.group(0), text)
    text = _FRAMING_CLAUSE.sub("", text)
    pieces = _QUOTED.split(text)
    out = "".join(piece if index % 2 else _rewrite_plain(piece) for index, piece in enumerate(pieces))
    for pattern, repl in _TIDY:
        out = pattern.sub(repl, out)
    return out.strip()


def _rewrite_plain(text: str) -> str:
    for pattern, repl in _REPLACEMENTS:
        text = pattern.sub(repl, text)
    return text


def has_first_person(text: str) -> bool:
    """Return whether `text` still frames itself as a speech (同志们/我们 outside quotations)."""
    plain = _QUOTED.sub("", text)
    return bool(re.search(r"同志们|我们|咱们", plain))
