"""提法准确: the excerpt rule (whole sentences; the one allowed 「……」 shortening), from the spec in DESIGN §1."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.excerpt import ELLIPSIS, cut_points, fit_sentence, is_excerpt, sentences, shortest_form


def kept_parts(sentence: str) -> list[str]:
    return [sentence[:c] for c in cut_points(sentence)]


@pytest.mark.parametrize("text,expected", [
    ("要主动自觉学。要及时跟进学。", ["要主动自觉学。", "要及时跟进学。"]),
    ("有的同志自我要求不严；有的单位监督不够。", ["有的同志自我要求不严；", "有的单位监督不够。"]),
    # -- a 。 inside quotation marks or brackets does not end the sentence around it --
    ("他说“事辍者无功。耕怠者无获”，要牢记。下一句。", ["他说“事辍者无功。耕怠者无获”，要牢记。", "下一句。"]),
    ("要读《求是》（第3期。）杂志。好。", ["要读《求是》（第3期。）杂志。", "好。"]),
    # -- a quoted sentence that closes the sentence around it (强调：“……。”) --
    ("总书记强调：“要把绿水青山建得更美。”这一系列指示。", ["总书记强调：“要把绿水青山建得更美。”", "这一系列指示。"]),
    # -- closing marks after the end belong to the sentence; text without an end is the last sentence --
    ("一定要落实！）然后", ["一定要落实！）", "然后"]),
])
def test_sentences(text, expected):
    assert sentences(text) == expected


@given(st.text(alphabet="要抓党建，。；！？“”《》（）、学习", max_size=80))
def test_sentences_lose_nothing(text):
    assert "".join(sentences(text)) == text


def test_never_cut_at_a_dunhao_or_inside_quotes():
    sentence = "要持续整治“不担当、不作为、慢作为、乱作为”和生态环境领域“一刀切”，切实为基层减负，在反“四风”上取得积极成效。"
    parts = kept_parts(sentence)
    assert parts == ["要持续整治“不担当、不作为、慢作为、乱作为”和生态环境领域“一刀切”",
                     "要持续整治“不担当、不作为、慢作为、乱作为”和生态环境领域“一刀切”，切实为基层减负"]
    assert all(not p.endswith("、") and p.count("“") == p.count("”") for p in parts)


def test_no_cut_inside_book_title_or_brackets():
    sentence = "各党支部要认真落实《党支部工作条例，党和国家机关基层组织工作条例》（试行，2019年），主动谋划、积极作为。"
    assert kept_parts(sentence) == ["各党支部要认真落实《党支部工作条例，党和国家机关基层组织工作条例》（试行，2019年）"]


def test_subordinate_clause_keeps_its_continuation():
    sentence = "全体党员干部要严格自我要求，以党规为准则，不管说什么话，办什么事都要想一想是否符合党员身份，有没有损害党的形象。"
    parts = kept_parts(sentence)
    assert "全体党员干部要严格自我要求，以党规为准则，不管说什么话" not in parts
    assert "全体党员干部要严格自我要求，以党规为准则" in parts


@pytest.mark.parametrize("sentence,bad", [
    ("只要坚持生态优先，锲而不舍，就一定能把绿水青山变成金山银山，让人民满意。", "只要坚持生态优先"),
    ("如果责任不落实，再好的制度也会落空，必须层层压实。", "如果责任不落实"),
    ("为了推动工作落实，各单位要建立台账，逐项销号。", "为了推动工作落实"),
    ("生态环境保护既是一项业务性很强的政治工作，也是一项政治性很强的业务工作，但政治机关是第一属性。",
     "生态环境保护既是一项业务性很强的政治工作"),
    ("在学习理论上，要有更强自觉、更高要求，决不能随大流。", "在学习理论上"),
    ("这一系列重要指示精神，充分体现了总书记的高度重视。", "这一系列重要指示精神"),
])
def test_kept_part_holds_the_main_clause(sentence, bad):
    assert bad not in kept_parts(sentence)


def test_only_subordinate_clauses_give_no_shortening():
    assert cut_points("如果责任不落实，只要制度不健全，就会出问题。") == []


def test_fit_sentence_prefers_the_whole_sentence():
    sentence = "要抓住责任制这个“牛鼻子”，牢固树立抓好党建是本职的理念，把管党治党责任作为最根本的政治担当，牢牢抓在手上。"
    assert fit_sentence(sentence, lambda s: True) == sentence
    short = fit_sentence(sentence, lambda s: len(s) <= 40)
    assert short == "要抓住责任制这个“牛鼻子”，牢固树立抓好党建是本职的理念" + ELLIPSIS
    assert fit_sentence(sentence, lambda s: len(s) <= 5) is None


def test_shortest_form():
    assert shortest_form("要坚持读原著学原文悟原理，做到学思用贯通、知信行合一，不断提高理论水平。") == "要坚持读原著学原文悟原理" + ELLIPSIS
    assert shortest_form("要主动自觉学。") == "要主动自觉学。"


SOURCE = "（一）提升政治站位。我们要从政治和全局高度，深刻认识推进全面从严治党的重要性，坚决扛起政治责任。\n一是责任传导需要强化。有的部门重视不够。\n"


@pytest.mark.parametrize("text,ok", [
    ("提升政治站位。", True),
    ("有的部门重视不够。", True),
    ("责任传导需要强化。", True),
    ("我们要从政治和全局高度，深刻认识推进全面从严治党的重要性……", True),
    ("我们要从政治和全局高度，深刻认识推进全面从严治党的重要性", False),       # cut without the mark
    ("深刻认识推进全面从严治党的重要性，坚决扛起政治责任。", False),           # starts mid-sentence
    ("我们要从政治和全局高度，深刻认识推进全面从严治党的重要……", False),       # not at a comma
    ("有的部门重视不够。一是", False),
])
def test_is_excerpt(text, ok):
    assert is_excerpt(text, SOURCE) is ok
