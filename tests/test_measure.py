"""Text measuring: wrapping with kinsoku, clause cuts, balanced title lines."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.measure import balanced_lines, wrap

from .helpers import word_ends


def em(text: str) -> float:
    """A line's width in em, measured apart from the code: wide and full-width characters 1, others ½ (UAX #11)."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def test_wrap_keeps_closing_punctuation_off_line_starts():
    lines = wrap("一二三四，五六七八九十。", 4)
    assert all(not line.startswith(("，", "。")) for line in lines)
    assert "".join(lines) == "一二三四，五六七八九十。"


def test_latin_words_stay_whole():
    assert wrap("学习2023abc年", 5) == ["学习", "2023abc", "年"]


@pytest.mark.parametrize("text", [
    "习近平、蔡奇同志在学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议上的讲话",
    "关于深入学习贯彻习近平新时代中国特色社会主义思想全面加强新时代党的建设推动各项事业高质量发展的若干重要问题的思考和实践",
])
def test_balanced_title_lines(text):
    lines = balanced_lines(text, 19.5)
    assert "".join(lines) == text
    assert all(em(line) <= 19.5 for line in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 6, "no widow line"


def test_short_title_is_one_line():
    assert balanced_lines("坚定不移全面从严管党治党", 19.5) == ["坚定不移全面从严管党治党"]


@pytest.mark.parametrize("text,width", [
    ("在学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议上的讲话", 19.5),
    ("中国共产党第十九届中央委员会第四次全体会议精神宣讲提纲", 12.5),
    ("生态环境系统全面从严治党工作会议纪要", 15.0),
])
def test_title_lines_break_between_words(text, width):
    """Breaks fall on the segmenter's word boundaries: never inside 习近平, 中国特色社会主义, 中央委员会."""
    lines = balanced_lines(text, width)
    assert len(lines) >= 2 and "".join(lines) == text
    ends = word_ends(text)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        assert at in ends, (lines, text[at - 2:at + 2])
    assert not any(name in "".join(line for line in lines[:1]) and name not in lines[0] for name in ("习近平",))
    for name in ("习近平", "中国特色社会主义", "中央委员会", "纪要"):
        if name in text:
            assert any(name in line for line in lines), (name, lines)


# -- wrapping, from what a slide shows: nothing lost, no line wider than the frame, kinsoku, lines filled --
OPENING, CLOSING = "“《（", "，。、”》）"
PUNCTUATION = OPENING + CLOSING
CJK_WORDS = st.text(alphabet=st.sampled_from("党的建设全面从严治理学习教育落实责任"), min_size=1, max_size=9)
CJK_TEXT = st.lists(st.tuples(st.sampled_from(["", "“", "《", "（"]), CJK_WORDS, st.sampled_from(["", "，", "。", "”", "》", "）", "、"])),
                    min_size=1, max_size=12).map(lambda parts: "".join(a + b + c for a, b, c in parts))


@settings(max_examples=300, deadline=None)
@given(CJK_TEXT, st.integers(min_value=3, max_value=24))
def test_wrapped_lines_fit_the_frame_and_lose_nothing(text, width):
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(em(line) <= width for line in lines), lines
    assert not any(line[0] in CLOSING for line in lines[1:]), lines      # no closing punctuation opens a line
    assert not any(line[-1] in OPENING for line in lines[:-1]), lines    # no opening punctuation ends one


@pytest.mark.parametrize("text,width", [("学习“两个维护”，", 4), ("严严“严，", 4), ("“严“严，", 4)])
def test_kinsoku_with_two_marks_close_together(text, width):
    lines = wrap(text, width)
    assert not any(line[0] in CLOSING for line in lines[1:]) and not any(line[-1] in OPENING for line in lines[:-1]), lines


@pytest.mark.parametrize("length,width", [(1, 4), (4, 4), (5, 4), (13, 4.5), (40, 12), (41, 12.9)])
def test_plain_chinese_fills_every_line_but_the_last(length, width):
    text = ("学习贯彻全面从严治党" * 5)[:length]
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(len(line) == int(width) for line in lines[:-1]), lines
    assert len(lines) == -(-length // int(width))


@settings(max_examples=200, deadline=None)
@given(st.lists(CJK_WORDS, min_size=1, max_size=8).map("".join), st.integers(min_value=4, max_value=22))
def test_balanced_lines_fit_and_lose_nothing(text, width):
    lines = balanced_lines(text, width + 0.5)
    assert "".join(lines) == text
    assert all(em(line) <= width + 0.5 for line in lines), lines
