"""Output branches that only the corpus used to reach, pinned by a small outline of our own.

With HUIWU_TEST_CORPUS=0 (no ../shared/corpus) these were the branches of compose/, layout/ and render/ that no
test ran: a level-1 section with text of its own, a section whose points are 一是/二是 lead items instead of
subsections, a closing call too long for the last slide, long titles. Each is checked against DESIGN's wording.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pptx
import pytest

from generator.build import BuildOptions, build_outline
from generator.compose.voice import third_person

from .conftest import ROOT, per_module

OUTLINE = """学习贯彻工作会议讲话
一、加强学习
要坚持学以致用，做到学思用贯通、知信行合一。
（一）学深悟透。要主动自觉学，利用业余时间刻苦学习。
二、狠抓落实
一是压实责任。各级党组织要扛起主体责任。二是强化监督。要加强日常监督检查。三是严肃问责。对失职失责的要严肃追究。
{closing}
"""
CLOSING = "同志们，做好今年的工作任务艰巨、责任重大，全系统要坚定信心、真抓实干，奋力开创生态环境保护工作新局面。"
LEADS = ["压实责任", "强化监督", "严肃问责"]
TEMPLATE_LEAD = re.compile(r"^会议(?:认为|指出|强调|要求|号召)，")


def build(tmp_path: Path, closing: str = CLOSING, **options) -> dict[str, Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "提纲.txt"
    path.write_text(OUTLINE.format(closing=closing), encoding="utf-8")
    result = build_outline(path, BuildOptions(out_dir=tmp_path / "out", **options))
    assert result.error is None, result.error
    return {p.name: p for p in result.files}


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs if p.text]


@pytest.fixture(scope=per_module)
def files(tmp_path_factory):
    return build(tmp_path_factory.mktemp("guards"))


def test_detailed_minutes_keep_a_level_one_sections_own_text_after_its_heading(tmp_path):
    rows = paragraphs(build(tmp_path, minutes="详细")["会议纪要.docx"])
    at = rows.index(("Heading 1", "一、加强学习"))
    style, text = rows[at + 1]
    assert style == "Body Text"
    assert TEMPLATE_LEAD.match(text) and text[TEMPLATE_LEAD.match(text).end():] == "要坚持学以致用，做到学思用贯通、知信行合一。"
    assert rows[at + 2][1].endswith("要主动自觉学，利用业余时间刻苦学习。")


def test_concise_minutes_list_the_lead_items_of_a_section_without_subsections(files):
    text = next(t for _, t in paragraphs(files["会议纪要.docx"]) if "狠抓落实" in t)
    assert TEMPLATE_LEAD.match(text), text
    at = [text.find(f"{n}是{lead}") for n, lead in zip("一二三", LEADS, strict=True)]
    assert -1 not in at and at == sorted(at), text


def test_summary_lists_the_lead_items_of_a_section_without_subsections(files):
    rows = paragraphs(files["学习要点.docx"])
    at = rows.index(("Heading 1", "二、狠抓落实"))
    assert [t for _, t in rows[at + 1:at + 4]] == [f"{n}是{lead}。" for n, lead in zip("一二三", LEADS, strict=True)]


def closing_slide(files) -> tuple[str, str]:
    slide = pptx.Presentation(str(files["学习课件.pptx"])).slides[-1]
    assert slide.slide_layout.name == "结束"
    title = next(s for s in slide.placeholders if s.placeholder_format.idx == 0).text_frame.text
    return title, slide.notes_slide.notes_text_frame.text


def test_a_long_closing_call_is_shortened_at_a_comma_with_the_full_text_in_the_notes(files):
    """DESIGN §1: the one allowed shortening is an explicit 「……」 at a ，/； keeping the main clause."""
    title, notes = closing_slide(files)
    sentence = third_person(CLOSING)
    assert title.endswith("……") and len(title) <= 40, title
    kept = title[:-2]
    assert sentence.startswith(kept) and sentence[len(kept)] in "，；", title
    assert kept == "做好今年的工作任务艰巨、责任重大"
    assert CLOSING in notes


def test_a_short_closing_call_is_shown_whole(tmp_path):
    title, _ = closing_slide(build(tmp_path, closing="同志们，让我们真抓实干，奋力开创新局面！"))
    assert "真抓实干，奋力开创新局面！" in title and "……" not in title


def test_a_long_closing_call_with_no_place_to_shorten_is_not_cut(tmp_path):
    """Its only ， ends a clause opened by 只要: cutting there would drop the main clause (DESIGN §1)."""
    closing = "同志们，只要我们坚定信心、真抓实干、久久为功、持之以恒，就一定能够奋力开创生态环境保护工作新局面。"
    title, notes = closing_slide(build(tmp_path / "long", closing=closing))
    assert "坚定信心" not in title and "……" not in title
    assert title == closing_slide(build(tmp_path / "none", closing=""))[0], "the template's own line, as with no closing"
    assert closing in notes


LONG_TITLE = ROOT / "tests" / "fixtures" / "outlines" / "长标题.txt"


def test_long_title_lines_are_broken_to_fit_the_minutes_type_area(tmp_path):
    """详细 minutes print the outline's title in 2号 (22 pt): no line wider than 156 mm (20 characters)."""
    result = build_outline(LONG_TITLE, BuildOptions(out_dir=tmp_path, targets=("minutes",), minutes="详细"))
    assert result.error is None, result.error
    titles = [p.text for p in docx.Document(str(result.files[0])).paragraphs if p.style.name == "Title"]
    lines = "\n".join(titles).split("\n")
    assert len(titles) == 2 and len(lines) >= 5
    assert all(len(line) * 22 <= 156 * 72 / 25.4 for line in lines), lines
    source = LONG_TITLE.read_text(encoding="utf-8").splitlines()[:2]
    assert "".join(lines) == "".join(source)


def test_long_headings_on_slides_stay_at_18_pt_or_more_and_on_the_slide(tmp_path):
    """DESIGN §4: nothing under 18 pt; a title too long for its box gets a smaller size or a taller box."""
    result = build_outline(LONG_TITLE, BuildOptions(out_dir=tmp_path, targets=("deck",)))
    assert result.error is None, result.error
    deck = pptx.Presentation(str(result.files[0]))
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, shape.name
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height, shape.name
            if shape.has_text_frame:
                sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size and r.text.strip()]
                assert all(size >= 18 for size in sizes), (shape.text_frame.text[:20], sizes)
    heading = LONG_TITLE.read_text(encoding="utf-8").splitlines()[3][2:]
    shown = "".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert heading in shown.replace("\n", "").replace("\v", "")


def test_every_content_slide_carries_its_full_text_in_the_notes(files):
    """DESIGN §4: a level-1 section's own text gets a slide too, with that text in the speaker notes."""
    deck = pptx.Presentation(str(files["学习课件.pptx"]))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.slide_layout.name == "内容" and s.has_notes_slide]
    assert any("要坚持学以致用，做到学思用贯通、知信行合一。" in n for n in notes), notes
    assert any("要主动自觉学，利用业余时间刻苦学习。" in n for n in notes), notes


def test_sentences_that_announce_or_lean_on_others_are_not_key_sentences():
    """具体要达到以下目标； says nothing without the targets after it; 这些问题表明… nothing without the problems before."""
    from generator.compose.keypoints import REQUIREMENT, ranked, score

    announcing = ["二是紧紧锚定目标任务，具体要达到以下目标；", "要把握以下几点：", "各级党组织要认真落实以下要求。"]
    assert all(score(s) < REQUIREMENT for s in announcing)
    assert score("这些问题表明，全面从严治党任重道远，要久久为功。") < score("要坚持全面从严治党，久久为功。")
    candidates = ["这些问题表明，要持续用力。", "要坚持问题导向，持续用力。"]
    assert ranked(candidates)[0] == "要坚持问题导向，持续用力。"
