"""Text measuring: wrapping with kinsoku, clause cuts, balanced title lines."""
from __future__ import annotations

import pytest

from generator.measure import balanced_lines, text_em, wrap

from .helpers import word_ends


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
    assert all(text_em(line) <= 19.5 for line in lines)
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
