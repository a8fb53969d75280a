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


def test_classical_quotes_are_two_or_more_short_clauses(tmp_path):
    """金句: a quoted line of two or more clauses of 3–10 characters (事辍者无功，耕怠者无获), not a quoted term."""
    from generator.source import text_to_source

    text = ("一、加强学习\n（一）持之以恒。“事辍者无功，耕怠者无获”，要坚持“两个维护”，做到“学而不思则罔”。"
            "古人说“天下难事，必作于易；天下大事，必作于细”。又说“知之愈明，则行之愈笃，这是多么深刻的道理啊朋友们”。\n")
    quotes = [q.text for q in parse_outline(text_to_source(text, "q.txt")).entities.quotes]
    assert quotes == ["事辍者无功，耕怠者无获", "天下难事，必作于易；天下大事，必作于细"]


def test_every_point_knows_its_source_line():
    """`huiwu check` and `huiwu parse` point at the line a point comes from."""
    from generator.source import text_to_source

    text = "讲话\n一、加强学习\n（一）学深悟透。一是加强学习。要学深。二是狠抓落实。要见效。\n——补钙铸魂守初心。要扎实推进。\n"
    document = parse_outline(text_to_source(text, "p.txt"))
    points = [(p.line, x.line) for s in document.sections for sub in s.subsections for p in sub.blocks for x in p.points]
    assert points and all(own == line for line, own in points)
    assert {line for line, _ in points} == {3, 4}


def test_circled_numbers_are_headings_below_the_others():
    from generator.source import text_to_source

    text = "一、加强学习\n（一）学深悟透。要学原文。\n①读原著。要逐篇精读。\n②悟原理。要联系实际。\n"
    sub = parse_outline(text_to_source(text, "c.txt")).sections[0].subsections[0]
    assert [(s.level, s.marker, s.number, s.heading) for s in sub.subsections] == [(3, "①", 1, "读原著"), (3, "②", 2, "悟原理")]


def test_word_heading_styles_nest_by_level_and_are_not_numbered(tmp_path):
    """Headings marked only by Word's Heading 1/Heading 2 styles nest by level; having no number, they get no
    numbering diagnostics (跳号/重复)."""
    path = make_docx(tmp_path / "提纲.docx", [("讲话提纲", None), ("加强学习", 1), ("学深悟透", 2), ("要学习。", None),
                                             ("学以致用", 2), ("要落实。", None), ("狠抓落实", 1), ("压实责任", 2)],
                     heading_styles=True)
    document = parse_outline(read_source(path))
    tree = [(s.heading, s.styled, [(c.heading, c.level, c.styled) for c in s.subsections]) for s in document.sections]
    assert tree == [("加强学习", True, [("学深悟透", 2, True), ("学以致用", 2, True)]), ("狠抓落实", True, [("压实责任", 2, True)])]
    assert not [d for d in document.diagnostics if "编号" in d.message]
