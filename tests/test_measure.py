"""Text measuring: wrapping with kinsoku, clause cuts, balanced title lines."""
from __future__ import annotations

import pytest

from generator.measure import balanced_lines, cut_at_clause, text_em, wrap


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


def test_cut_at_clause_never_cuts_inside_a_clause():
    text = "要坚持把党的政治建设摆在首位，提高政治站位，把准政治方向。"
    assert cut_at_clause(text, 20) == "要坚持把党的政治建设摆在首位"
    assert cut_at_clause(text, 5) == "要坚持把党的政治建设摆在首位"
    assert cut_at_clause(text, 100) == text
