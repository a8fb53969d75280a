"""Tests for the compose survivors of the mutation run of 26 Nov (tests/README.md): each pins a promise of DESIGN
that a small change of compose/ broke without any test noticing."""
from __future__ import annotations

import docx
import pytest

from generator.build import BuildOptions, build_outline
from generator.compose.deck import _concept_cards
from generator.compose.keypoints import REQUIREMENT, score
from generator.compose.quiz import SERIES, _blanks

from .conftest import ROOT, SEED, per_module

MEETING = ROOT / "seeds" / "meeting.toml"


def concise(tmp_path, outline) -> list[str]:
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",), meeting_file=MEETING))
    assert result.error is None, result.error
    return [p.text for p in docx.Document(str(result.files[0])).paragraphs]


@pytest.fixture(scope=per_module)
def seed_minutes(tmp_path_factory):
    return concise(tmp_path_factory.mktemp("seed"), SEED)


def test_seed_achievements_and_problems_in_the_outlines_words(seed_minutes):
    """会议认为…主要体现在：<lead items, joined with ；, without their 。>; 会议指出…一是<own first clause>；…"""
    review = next(t for t in seed_minutes if t.startswith("会议认为，"))
    assert review.endswith("主要体现在：补钙铸魂守初心；强基固本见实效；正风肃纪扬正气；强化服务保民生。")
    problems = next(t for t in seed_minutes if t.startswith("会议指出，"))
    assert problems.endswith("一是责任传导需要强化；二是结合融合需要强化；三是作风纪律需要强化；四是精神状态需要强化。")


def test_each_items_sentence_comes_from_its_own_subsection(seed_minutes):
    """一是<heading>，<key sentence>: the sentence is one of that subsection's, never its neighbour's."""
    from generator.outline import parse_outline
    from generator.source import read_source

    document = parse_outline(read_source(SEED))
    checked = 0
    for section in document.sections:
        paragraph = next(t for t in seed_minutes if section.heading in t)
        for sub in section.subsections:
            at = paragraph.find(sub.heading + "，")
            if at < 0:
                continue
            sentence = paragraph[at + len(sub.heading) + 1:].split("；")[0].rstrip("。")
            own = "".join(b.text for b in sub.blocks)
            assert sentence[:12] in own.replace("我们", ""), (sub.heading, sentence)
            checked += 1
    assert checked >= 3


def test_a_review_starting_with_lead_items_takes_no_other_paragraph_as_its_review(tmp_path):
    outline = tmp_path / "提纲.txt"
    outline.write_text("工作会议讲话\n同志们：\n——强基固本见实效。全年新建党支部12个。\n——正风肃纪扬正气。查处问题5起。\n"
                       "在肯定成绩的同时，也要看到存在的问题。一是责任传导不够有力；二是作风建设仍有差距。\n"
                       "一、加强学习\n（一）学深悟透。要学原文。\n", encoding="utf-8")
    texts = concise(tmp_path, outline)
    review = next(t for t in texts if t.startswith("会议认为，"))
    assert review == "会议认为，强基固本见实效；正风肃纪扬正气。", review   # -- the lead items only --


def test_a_sections_own_sentence_is_a_short_requirement(tmp_path):
    """A section without subsections shows one of its sentences only if it is a requirement of at most 120
    characters; a long one or a statement of fact gives the heading alone."""
    long = "要" + "坚持以人民为中心的发展思想，" * 9 + "推动各项工作落地见效。"
    outline = tmp_path / "提纲.txt"
    outline.write_text(f"讲话提纲\n一、加强学习\n{long}\n二、总结工作\n去年召开会议三次。\n", encoding="utf-8")
    texts = concise(tmp_path, outline)
    assert any(t.endswith("加强学习。") for t in texts) and any(t.endswith("总结工作。") for t in texts), texts


def test_a_joined_concept_card_keeps_the_hosts_other_sentences_after_the_shared_one():
    body = ["要坚决做到“两个维护”。", "要增强“四个意识”、做到“两个维护”。"]
    cards = _concept_cards(body, ["两个维护", "四个意识"])
    assert [(c.title, c.body) for c in cards] == [("“两个维护”“四个意识”", (body[1], body[0]))]


def test_a_very_short_sentence_is_not_a_requirement():
    assert score("要学习。") < REQUIREMENT <= score("各级党组织要认真学习。")


def test_a_series_blank_is_one_of_its_middle_items_verbatim():
    sentence = "要坚持严教育、严制度、严管理、严监督，把从严要求落到实处。"
    series = [(s, e) for rank, s, e in _blanks(sentence, ()) if rank == SERIES]
    assert series and all(sentence[s:e] in ("严制度", "严管理") for s, e in series)
