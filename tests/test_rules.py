"""The outline's numbering rules on their own: Chinese numerals both ways, full-width markers (outline/rules.py)."""
from __future__ import annotations

import pytest

from generator.outline.rules import cn_to_int, full_width_marker, int_to_cn

#: How Chinese numerals are written (the genre numbers sections up to 二十 and more; 第一百零一 in long lists).
NUMERALS = {1: "一", 2: "二", 9: "九", 10: "十", 11: "十一", 12: "十二", 19: "十九", 20: "二十", 21: "二十一", 30: "三十",
            99: "九十九", 100: "一百", 101: "一百零一", 109: "一百零九", 110: "一百一十", 111: "一百一十一", 120: "一百二十",
            200: "二百", 305: "三百零五", 999: "九百九十九"}


@pytest.mark.parametrize("value,text", sorted(NUMERALS.items()))
def test_numerals_both_ways(value, text):
    assert int_to_cn(value) == text
    assert cn_to_int(text) == value


def test_every_numeral_up_to_999_reads_back():
    assert [cn_to_int(int_to_cn(n)) for n in range(1, 1000)] == list(range(1, 1000))
    assert len({int_to_cn(n) for n in range(1, 1000)}) == 999


@pytest.mark.parametrize("text,value", [("两", 2), ("〇", 0), ("零", 0), ("一十", 10), ("一十二", 12), ("二十〇", 20), ("两百", 200),
                                        ("百", 100), ("三百零五", 305)])
def test_other_ways_of_writing_a_numeral(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "千", "一千", "十x", "第一", "壹", "X", "XX", "十X"])
def test_not_a_numeral(text):
    assert cn_to_int(text) is None


@pytest.mark.parametrize("marker,expected", [("(二)", "（二）"), ("(1)", "（1）"), ("第一,", "第一，"), ("一、", "一、"),
                                             ("第二部分:", "第二部分："), ("（三）", "（三）"), ("1.", "1.")])
def test_full_width_marker(marker, expected):
    assert full_width_marker(marker) == expected
