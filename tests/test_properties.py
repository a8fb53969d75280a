"""Property tests: reading and parsing generated outlines never crashes and loses no character."""
from __future__ import annotations

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


# -- outputs: every generated file opens again --
SECTION_LINE = st.tuples(st.sampled_from(["一、", "二、", "三、", "（一）", "(二)", "1.", "第一，", "", "——"]), HAN,
                         st.sampled_from(["", "。", "。要抓好落实，确保见效。", "：", "。一是加强学习。二是狠抓落实。"]))


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
    for file in result.files:
        opened = pptx.Presentation(str(file)) if file.suffix == ".pptx" else docx.Document(str(file))
        assert opened is not None
