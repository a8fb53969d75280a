"""Tests written for mutants that survived a mutation run (scripts/mutation.sh; tests/README.md lists the run).

Each states the promise the mutant broke, from DESIGN or the README, and checks it where a user sees it.
"""
from __future__ import annotations

from pathlib import Path

import docx
import pptx
from typer.testing import CliRunner

from generator.build import BuildOptions, build_outline
from generator.cli import app
from generator.excerpt import cut_points, is_sentence

from .conftest import SEED

runner = CliRunner()


def outline(tmp_path: Path, text: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "提纲.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_templates_folder_is_named_in_the_error(tmp_path):
    """Errors are one Chinese line that names the file or folder at fault (README)."""
    folder = tmp_path / "我的模板"
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--templates", str(folder)])
    assert result.exit_code == 2 and str(folder) in result.output and "不存在" in result.output, result.output


def test_a_subsection_without_key_sentences_shows_its_own_sentences(tmp_path):
    """DESIGN §4: one slide per subsection with points drawn verbatim from its text (not an empty slide)."""
    path = outline(tmp_path, "学习讲话\n一、加强学习\n（一）学深悟透。知之愈明，则行之愈笃。学习贵在坚持。\n")
    result = build_outline(path, BuildOptions(out_dir=tmp_path / "out", targets=("deck",)))
    assert result.error is None, result.error
    deck = pptx.Presentation(str(result.files[0]))
    slide = next(s for s in deck.slides if s.slide_layout.name == "内容"
                 and next(p for p in s.placeholders if p.placeholder_format.idx == 0).text_frame.text == "学深悟透")
    shown = "".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh != slide.shapes.title)
    assert "知之愈明，则行之愈笃。" in shown and "学习贵在坚持。" in shown, shown


def detailed_minutes(tmp_path: Path, text: str) -> list:
    result = build_outline(outline(tmp_path, text), BuildOptions(out_dir=tmp_path / "out", targets=("minutes",), minutes="详细"))
    assert result.error is None, result.error
    return docx.Document(str(result.files[0])).paragraphs


def test_detailed_minutes_set_lead_items_and_level_3_headings_in_their_faces(tmp_path):
    """DESIGN §3: level 2 楷体, levels 3–4 仿宋; a lead item's lead (——补钙铸魂守初心。) 楷体, its body 仿宋."""
    paragraphs = detailed_minutes(tmp_path, "学习讲话\n——补钙铸魂守初心。扎实推进主题教育。\n一、加强学习\n（一）学深悟透。要读原著。\n"
                                            "1.精读原文。要逐篇研读。\n2.联系实际。要学以致用。\n")
    runs = {r.text: r.style.name for p in paragraphs for r in p.runs if r.text.strip()}
    assert runs["——补钙铸魂守初心。"] == "引领语字符"
    assert next(v for k, v in runs.items() if "学深悟透" in k) == "二级标题字符"
    assert next(v for k, v in runs.items() if "精读原文" in k) == "三级标题字符"
    assert next(v for k, v in runs.items() if "联系实际" in k) == "三级标题字符"


def test_detailed_minutes_keep_every_paragraph_of_a_subsection_in_order(tmp_path):
    """Nothing lost, nothing twice: with the heading sharing its first paragraph's line, and on a line of its own."""
    for first in ("（一）学深悟透。要读原著。\n", "（一）学深悟透\n要读原著。\n"):
        paragraphs = detailed_minutes(tmp_path / str(len(first)), f"学习讲话\n一、加强学习\n{first}第二段要学原文。\n第三段要悟原理。\n")
        text = "\n".join(p.text for p in paragraphs)
        at = [text.find(s) for s in ("要读原著。", "第二段要学原文。", "第三段要悟原理。")]
        assert -1 not in at and at == sorted(at), text
        assert text.count("要读原著。") == 1 and text.count("第二段要学原文。") == 1


def test_no_cut_inside_ascii_quotes():
    """DESIGN §1: a 「……」 cut only at a ，/； outside all quotes, straight ASCII ones too."""
    for sentence in ('各级党组织要坚持"学思用贯通，知信行合一，做到真学真用"的要求，切实抓好落实，推动工作取得实效。',
                     '各级党组织要牢记“坚持"学思用贯通，知信行合一"的要求”，切实抓好落实，推动工作取得实效。'):
        inside = range(sentence.index('"'), sentence.rindex('"'))
        points = cut_points(sentence)
        assert points and not [p for p in points if p in inside], (sentence, points)


def test_a_sentence_may_end_inside_closing_quotes():
    assert is_sentence("他强调：“要学以致用。”")
    assert is_sentence("学习《论党的自我革命》。")
    assert not is_sentence("他强调：“要学以致用")


MEETING_TOML = SEED.parent / "meeting.toml"


def test_the_meeting_toml_date_wins_over_a_date_under_the_title(tmp_path):
    """README: the date under the title is used only when meeting.toml gives none."""
    path = outline(tmp_path, "在全市组织工作会议上的讲话\n（2024年3月15日）\n一、加强学习\n（一）学深悟透。要学原文。\n")
    texts = {}
    for name, meeting in (("given", MEETING_TOML), ("none", None)):
        result = build_outline(path, BuildOptions(out_dir=tmp_path / name, targets=("minutes",), meeting_file=meeting))
        assert result.error is None, result.error
        texts[name] = "\n".join(p.text for p in docx.Document(str(result.files[0])).paragraphs)
    assert "2020年5月28日" in texts["given"] and "2024年3月15日" not in texts["given"]
    assert "2024年3月15日" in texts["none"]


def test_issue_number_1_is_a_positive_integer(tmp_path):
    meeting = tmp_path / "meeting.toml"
    meeting.write_text(MEETING_TOML.read_text(encoding="utf-8").replace("issue = 5", "issue = 1"), encoding="utf-8")
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",), meeting_file=meeting))
    assert result.error is None, result.error
    assert docx.Document(str(result.files[0])).paragraphs[1].text == "第1期"


def test_the_handout_meeting_line_carries_the_meeting_date(tmp_path):
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path, targets=("summary",), meeting_file=MEETING_TOML))
    assert result.error is None, result.error
    line = next(p.text for p in docx.Document(str(result.files[0])).paragraphs if p.style.name == "要点会议")
    assert "2020年5月28日" in line, line


def test_a_folder_given_as_an_outline_is_one_clear_error(tmp_path):
    from generator.errors import InputError
    from generator.source import read_source

    try:
        read_source(tmp_path)
    except InputError as exc:
        assert "文件夹" in str(exc) and str(tmp_path) in str(exc)
    else:
        raise AssertionError("a folder was read as an outline")


def test_a_template_the_sandbox_refuses_is_named_with_its_line(tmp_path):
    """README: a broken template is named with its file and line."""
    folder = tmp_path / "my" / "text" / "deck"
    folder.mkdir(parents=True)
    (folder / "toc_title.j2").write_text("目录\n{{ ''.__class__.__mro__ }}", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "my")])
    assert result.exit_code == 3 and "toc_title.j2:2:" in result.output, result.output


def test_the_speakers_framing_sentences_leave_the_minutes():
    """DESIGN §3: no framing left from the speech (我讲几点意见, 刚才…发言)."""
    from generator.compose.voice import third_person

    assert third_person("下面，我再讲几点意见。要加强学习。") == "要加强学习。"
    assert third_person("刚才，几位同志作了很好的发言。要加强学习。") == "要加强学习。"


def test_notes_from_reading_and_numbering_errors_are_both_reported(tmp_path):
    """`huiwu check`: what reading changed (control characters removed) and the numbering errors, together."""
    path = tmp_path / "提纲.txt"
    path.write_text("讲话\n一、加强\x07学习\n三、狠抓落实\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "已删除文本中的控制字符。" in result.output and "编号跳号" in result.output, result.output
