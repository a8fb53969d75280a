"""Parser guards that only the corpus used to exercise, pinned by fixtures of our own (the spec fixtures in
tests/fixtures/parser/guards.txt hold the plain-text ones; these need a .docx)."""
from __future__ import annotations

from generator.outline import parse_outline
from generator.source import read_source

from .helpers import make_docx

LONG = "关于深入学习贯彻党的二十大精神全面推进生态环境系统全面从严治党向纵深发展进一步提升治理效能持续推动高质量发展的实施意见和工作安排"


def test_a_heading_style_marks_a_heading_of_at_most_60_characters(tmp_path):
    """A paragraph in a Word heading style is a heading when it is short (≤ 60 characters, no closing 。！？);
    a long one is text someone styled by mistake."""
    path = make_docx(tmp_path / "提纲.docx", [("讲话提纲", None), (LONG[:60], 1), ("要学习。", None),
                                             (LONG[:61], 1), ("要落实。", None), ("加强学习。", 1), ("狠抓落实", 1)],
                     heading_styles=True)
    document = parse_outline(read_source(path))
    assert [s.heading for s in document.sections] == [LONG[:60], "狠抓落实"]
    assert [b.text for b in document.sections[0].blocks] == ["要学习。", LONG[:61], "要落实。", "加强学习。"]
