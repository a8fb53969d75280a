"""Property tests: reading and parsing generated outlines never crashes and loses no character."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.outline import parse_outline
from generator.outline.rules import int_to_cn
from generator.source import text_to_source

from .helpers import squeeze

HAN = st.text(alphabet=st.sampled_from("加强政治建设思想组织作风纪律党员干部要坚持推进落实责任学习我们同志会议"), min_size=1, max_size=12)
PUNCT = st.sampled_from(["。", "，", "；", "：", "、", "！", "", "“", "”", "（", "）", "(", ")", ",", "——", "XX"])
MARKERS = st.sampled_from(["", "一、", "二、", "（一）", "(二)", "1.", "2．", "3、", "（1）", "第一，", "第二，", "一是", "二要",
                           "——", "同志们，", "第一部分", "下面，我讲三点。", "（来源：某网）", "一", "四、", "十二、"])
LINE = st.lists(st.tuples(MARKERS, HAN, PUNCT), min_size=1, max_size=6).map(lambda parts: "".join(a + b + c for a, b, c in parts))
SPACE = st.sampled_from(["", " ", "\u3000\u3000", "\t"])
OUTLINE = st.lists(st.tuples(SPACE, LINE), min_size=1, max_size=30).map(lambda ls: "\n".join(s + t for s, t in ls))


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OUTLINE)
def test_generated_outlines_lose_nothing(text):
    if not squeeze(text):
        return
    document = parse_outline(text_to_source(text, "gen.txt"))
    assert squeeze(document.all_text()) == squeeze(text)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_arbitrary_text_never_crashes(text):
    try:
        source = text_to_source(text, "gen.txt")
    except InputError:
        assert not squeeze("".join(ch for ch in text if ch.isprintable()))
        return
    document = parse_outline(source)
    assert squeeze(document.all_text()) == squeeze("".join(line.text for line in source.lines))


@given(st.integers(min_value=1, max_value=20))
def test_section_counts_1_to_20(count):
    text = "\n".join(f"{int_to_cn(i)}、第{i}部分标题\n（一）条目。要落实。" for i in range(1, count + 1))
    document = parse_outline(text_to_source(text, "n.txt"))
    assert len(document.sections) == count
    assert [s.number for s in document.sections] == list(range(1, count + 1))
    assert not document.diagnostics


# -- outputs: every generated file opens again and carries every section --
#: Heading words without 我/我们/同志 (the minutes turn the speech's voice into the meeting's: DESIGN §3).
HEADING_WORDS = st.text(alphabet=st.sampled_from("加强政治建设思想组织作风纪律党员干部要坚持推进落实责任学习会议"), min_size=2, max_size=12)
SECTION_LINE = st.tuples(st.sampled_from(["一、", "二、", "三、", "（一）", "(二)", "1.", "第一，", "", "——"]), HEADING_WORDS,
                         st.sampled_from(["", "。", "。要抓好落实，确保见效。", "：", "。一是加强学习。二是狠抓落实。"]))


def _shown_text(file) -> str:
    """Everything a reader sees in a generated file (slide text and speaker notes for a deck), without whitespace."""
    import docx
    import pptx

    if file.suffix == ".pptx":
        deck = pptx.Presentation(str(file))
        shown = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
        shown += [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
        return squeeze("".join(shown))
    document = docx.Document(str(file))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squeeze("".join(p.text for p in document.paragraphs) + "".join(cells))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(SECTION_LINE, min_size=1, max_size=14))
def test_generated_outlines_build_files_that_open(tmp_path_factory, parts):
    import docx
    import pptx

    from generator.build import BuildOptions, build_outline

    text = "讲话提纲\n" + "\n".join(a + b + c for a, b, c in parts)
    folder = tmp_path_factory.mktemp("gen")
    path = folder / "gen.txt"
    path.write_text(text, encoding="utf-8")
    result = build_outline(path, BuildOptions(out_dir=folder / "out"))
    assert result.error is None, result.error
    names = sorted(p.name for p in result.files)
    assert names == ["会议纪要.docx", "学习要点.docx", "学习课件.pptx"]
    headings = [squeeze(s.heading) for s in parse_outline(text_to_source(text, "gen.txt")).sections]
    for file in result.files:
        shown = _shown_text(file)
        # -- the title on the deck's cover; not in the minutes (a line naming the speech is not their headline) --
        assert "讲话提纲" in shown or file.name in ("学习要点.docx", "会议纪要.docx"), file.name
        missing = [h for h in headings if h not in shown]
        assert not missing, (file.name, missing)     # every top-level section appears (DESIGN §3, §4, §5)
    deck = pptx.Presentation(str(folder / "out" / "gen" / "学习课件.pptx"))
    assert [s.slide_layout.name for s in deck.slides][::len(deck.slides) - 1] == ["封面", "结束"]
    minutes = docx.Document(str(folder / "out" / "gen" / "会议纪要.docx"))
    assert minutes.paragraphs[0].style.name == "纪要标志"
