"""The 支部学习包's composed views, without rendering: the quiz's verbatim blanks across the outline, the record's
领学 rota; and --only's names for the pack's parts."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import targets
from generator.branches import Branch
from generator.compose.quiz import MAX_ITEMS, MIN_ITEMS, compose_quiz
from generator.compose.record import compose_record, record_for_branch
from generator.compose.templating import Wording
from generator.errors import UsageError
from generator.excerpt import is_excerpt
from generator.meeting import load_meeting
from generator.outline import parse_outline
from generator.placeholders import fill_placeholders
from generator.source import read_source, text_to_source

from .conftest import ROOT, SEED, corpus_files, per_module


def test_pack_entries_name_importable_branch_stages():
    pack = [t for t in targets.TARGETS if t.branch]
    assert [t.key for t in pack] == ["deck", "summary", "record", "signin", "quiz"]
    assert all(callable(t.brancher()) for t in pack)
    assert [t.key for t in targets.TARGETS if t.branch_pdf] == ["summary"]
    assert {"学习记录.docx", "签到表.docx", "应知应会测试.docx"} <= targets.output_file_names()


def test_pack_parts_need_a_branch_list():
    with pytest.raises(UsageError, match="--branches"):
        targets.select(["记录"])
    assert targets.select(["记录", "签到表", "测试"], branches=True) == ("record", "signin", "quiz")
    assert targets.select(None, branches=True) == ("minutes", "deck", "summary", "record", "signin", "quiz")
    assert targets.select(None) == ("minutes", "deck", "summary")


@pytest.fixture(scope=per_module)
def seed_document():
    meeting = load_meeting(SEED, None)
    return fill_placeholders(parse_outline(read_source(SEED)), meeting.placeholders), meeting


def _source_text(path: Path) -> str:
    meeting = load_meeting(path, None)
    text = read_source(path)
    raw = "\n".join(line.text for line in text.lines)
    for token, value in meeting.placeholders.items():
        raw = raw.replace(token, value)
    return raw


def _check_quiz(document, source: str) -> None:
    quiz = compose_quiz(document, load_meeting(None, None), Wording())
    assert MIN_ITEMS <= len(quiz.items) <= MAX_ITEMS
    answers = [item.answer for item in quiz.items]
    assert len(set(answers)) == len(answers), "each answer is asked once"
    title_block = {t.text for t in document.title} | {document.subtitle.text if document.subtitle else ""}
    for item in quiz.items:
        assert item.answer and item.answer.strip() == item.answer
        assert item.sentence in source, item.sentence
        assert is_excerpt(item.sentence, source) or item.sentence.rstrip("。") in {s.heading for s in document.walk()}, item.sentence
        assert item.sentence not in title_block
        assert "同志们" not in item.before[:4]
    # -- no item gives another's answer away --
    for item in quiz.items:
        for other in quiz.items:
            assert other is item or item.answer not in other.before + "\n" + other.after, (item.number, other.number)


def test_quiz_items_are_whole_verbatim_sentences_with_one_blank(seed_document):
    document, _ = seed_document
    _check_quiz(document, _source_text(SEED))
    quiz = compose_quiz(document, load_meeting(None, None), Wording())
    concepts = {c.text for c in document.entities.concepts}
    # -- most blanks are numbered concepts (9 of 15: some concepts are printed in other items, so not asked) --
    assert sum(item.answer in concepts for item in quiz.items) >= 9, "numbered concepts are the preferred blanks"
    assert any(item.answer == "两手抓、两手硬" for item in quiz.items)
    # -- chosen across the outline: every section gives at least one item --
    for section in document.sections:
        assert any(item.sentence in section.text for item in quiz.items), section.heading


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_quiz_of_corpus_outlines(path):
    _check_quiz(parse_outline(read_source(path)), _source_text(path))


def read_source_text(text: str):
    return text_to_source(text, "x.txt")


def test_an_answer_printed_in_another_item_is_not_asked():
    """“两个维护” is a good blank, but the second sentence prints it: only one of the two can be asked."""
    text = ("讲话提纲\n一、加强政治建设\n（一）提高站位。各级党组织要坚决做到“两个维护”，始终同党中央保持高度一致。\n"
            "（二）强化落实。要把做到“两个维护”体现在落实“三会一课”制度的实际行动上。\n"
            "（三）从严治党。要坚持用“四种形态”抓早抓小。\n")
    quiz = compose_quiz(parse_outline(read_source_text(text)), load_meeting(None, None), Wording())
    answers = [item.answer for item in quiz.items]
    assert "两个维护" not in answers or "三会一课" not in answers
    for item in quiz.items:
        assert not any(answer in item.before + item.after for answer in answers)


def test_short_outline_gives_fewer_items_and_says_so():
    path = ROOT / "tests" / "fixtures" / "outlines" / "三级结构带署名.txt"
    quiz = compose_quiz(parse_outline(read_source(path)), load_meeting(None, None), Wording())
    assert len(quiz.items) < MIN_ITEMS and "少于 10 题" in quiz.warnings[0]
    assert quiz.intro.endswith(f"共{len(quiz.items)}题）")


def test_record_assigns_sections_in_turn_speaker_first(seed_document):
    document, meeting = seed_document
    wording = Wording()
    base = compose_record(document, meeting, wording)
    branch = Branch("一支部", "一支部", 2, speaker="钱二", members=("赵一", "钱二", "孙三"), form="支部党员大会")
    record = record_for_branch(base, branch, wording)
    leaders = next(b for b in record.blocks if b.label == "领学安排").lines
    expected = ["钱二", "赵一", "孙三", "钱二", "赵一"]
    assert [line.rsplit("领学：", 1)[1].rstrip("）") for line in leaders] == expected
    assert all(line.startswith(s.marker + s.heading) for line, s in zip(leaders, document.sections, strict=True))
    assert record.title == "支部党员大会学习记录"
    without = record_for_branch(base, Branch("二支部", "二支部", 3, speaker="吴六"), wording)
    assert all(b.label != "领学安排" for b in without.blocks)
