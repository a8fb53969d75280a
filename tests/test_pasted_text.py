"""Text pasted from Word or a web page: invisible characters removed (and said), spaces around numbering accepted
and not printed, spaces between Chinese characters pointed out by `check`."""
from __future__ import annotations

import docx

from generator.compose.templating import Wording
from generator.meeting import Meeting
from generator.outline import parse_outline
from generator.outline.rules import full_width_marker
from generator.paths import templates_dir
from generator.proofread import proofread
from generator.source import text_to_source

PASTED = ("讲话提纲\n一 、 加强理论学习\n（ 一 ）\u00a0坚持集中\u200b学习。每月组织一次中心组学习。\n"
          "二、\u00a0\u00a0加强能力建设\n（一）开展专题培训。要围绕业务 工作开展培训。\n")


def test_invisible_characters_are_removed_and_said():
    source = text_to_source("一、加强\u200b学习\ufeff\n（一）学深\u200d悟透。要学\u2060原文\u00ad。\n", "x.txt")
    assert [line.text for line in source.lines] == ["一、加强学习", "（一）学深悟透。要学原文。", ""]
    assert source.notes == ("已删除文本中的零宽空格等不可见字符（多见于从 Word 或网页粘贴的文字）。",)


def test_pasted_outline_keeps_its_structure():
    document = parse_outline(text_to_source(PASTED, "x.txt"))
    tree = [(s.number, s.heading, [(c.number, c.heading) for c in s.subsections]) for s in document.sections]
    assert tree == [(1, "加强理论学习", [(1, "坚持集中学习")]), (2, "加强能力建设", [(1, "开展专题培训")])]
    assert not [d for d in document.diagnostics if "编号" in d.message]


def test_markers_are_printed_without_the_spaces():
    assert [full_width_marker(m) for m in ("一 、 ", "（ 一 ）\u00a0", "二、\u00a0\u00a0", "(三) ", "四、")] == \
        ["一、", "（一）", "二、", "（三）", "四、"]


def test_minutes_print_pasted_headings_tidily(tmp_path):
    from generator.compose.minutes import compose_minutes
    from generator.render.word import render_minutes

    document = parse_outline(text_to_source(PASTED, "x.txt"))
    view = compose_minutes(document, Meeting(detail="详细"), Wording())
    path = tmp_path / "m.docx"
    render_minutes(view, templates_dir() / "reference" / "minutes.docx").save(str(path))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "一、加强理论学习" in texts and "二、加强能力建设" in texts


def test_check_points_at_spaces_between_chinese_characters():
    source = text_to_source(PASTED + "张　三同志讲话。\n", "x.txt")
    findings = [f for f in proofread(source, parse_outline(source)) if "汉字之间有空格" in f.message]
    # -- line 5 col 16 (业务 工作); not the ideographic space that pads a two-character name --
    assert [(f.line, f.level, f.message.split("：")[0]) for f in findings] == [(5, "提示", "第 16 列")]
