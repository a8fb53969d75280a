"""`build` proofreads first (--strict makes findings fatal), refuses a --templates folder without templates,
and leaves an output folder that holds exactly one build (no stale PDFs), never touching a user's files."""
from __future__ import annotations

import shutil

import docx
import pytest
from typer.testing import CliRunner

from generator import targets
from generator.cli import app
from generator.meeting import MEETING_TOML_TEMPLATE

from .conftest import ROOT, SEED

runner = CliRunner()
OUTPUTS = {"会议纪要.docx", "学习课件.pptx", "学习要点.docx"}
GOOD = "关于学习的讲话\n一、加强学习\n（一）学深悟透。要学以致用。\n二、狠抓落实\n（一）真抓实干。要久久为功。\n"
#: 一、二、四、三: a gap (四 after 二) and a reversal (三 after 四) — the minutes would print them so.
RENUMBERED = ("关于学习的讲话\n一、加强学习\n（一）学深悟透。要学以致用。\n二、狠抓落实\n（一）真抓实干。要久久为功。\n"
              "四、从严治党\n（一）压实责任。要层层传导压力。\n三、改进作风\n（一）转变作风。要深入基层。\n")


def outline(tmp_path, text=GOOD, name="提纲.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def build(*args, **kwargs):
    return runner.invoke(app, ["build", *map(str, args)], **kwargs)


# -- proofreading ---------------------------------------------------------------------------------------


def test_numbering_errors_are_printed_before_the_build(tmp_path):
    path = outline(tmp_path, RENUMBERED)
    result = build(path, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    gap = lines.index(f"{path}:6: 错误: 编号跳号：“四、”前面应为第 三 项；请检查是否漏写或重复。")
    reversal = next(i for i, line in enumerate(lines) if line.startswith(f"{path}:8: 错误: 编号顺序颠倒"))
    built = next(i for i, line in enumerate(lines) if line.startswith("已生成"))
    assert gap < reversal < built
    assert {p.name for p in (tmp_path / "out" / "提纲").iterdir()} == OUTPUTS


def test_strict_fails_and_writes_nothing(tmp_path):
    path = outline(tmp_path, RENUMBERED)
    out = tmp_path / "out"
    result = build(path, "-o", out, "--strict")
    assert result.exit_code == 1
    assert "编号跳号" in result.output and "按 --strict 的要求没有生成任何文件" in result.output
    assert not out.exists()


def test_strict_leaves_an_earlier_build_as_it_was(tmp_path):
    path = outline(tmp_path, GOOD)
    out = tmp_path / "out"
    assert build(path, "-o", out, "--strict").exit_code == 0
    before = {p.name: p.read_bytes() for p in (out / "提纲").iterdir()}
    path.write_text(RENUMBERED, encoding="utf-8")
    assert build(path, "-o", out, "--strict").exit_code == 1
    assert {p.name: p.read_bytes() for p in (out / "提纲").iterdir()} == before


def test_unfilled_placeholder_warns_and_strict_fails(tmp_path):
    path = outline(tmp_path, GOOD.replace("学以致用", "在XX学以致用"))
    result = build(path, "-o", tmp_path / "out", "--only", "minutes")
    assert result.exit_code == 0 and f"{path}:3: 警告: 第 11 列：占位符“XX”尚未替换" in result.output
    assert build(path, "-o", tmp_path / "strict", "--strict").exit_code == 1
    filled = build(path, "-o", tmp_path / "filled", "--strict", "--set", "XX=某市")
    assert filled.exit_code == 0 and "XX" not in filled.output, filled.output


def test_sample_values_in_meeting_toml_are_warned_about(tmp_path):
    path = outline(tmp_path)
    meeting = tmp_path / "meeting.toml"
    meeting.write_text('[meeting]\nhost = "局党组书记、局长×××"\nrecorder = "×××"\nplace = "三楼会议室"\n'
                       '[document]\noffice = "××市生态环境局办公室"\n', encoding="utf-8")
    result = build(path, "-o", tmp_path / "out", "--only", "minutes")
    assert result.exit_code == 0
    assert f"{meeting}:2: 警告: [meeting] host 的值“局党组书记、局长×××”像是样例或占位内容（含“×××”）" in result.output
    assert f"{meeting}:3: 警告: [meeting] recorder 的值“×××”" in result.output and f"{meeting}:6: 警告: [document] office 的值“××市生态环境局办公室”" in result.output
    assert "三楼会议室" not in result.output
    assert build(path, "-o", tmp_path / "strict", "--strict").exit_code == 1


def test_a_shared_meeting_toml_is_reported_once_in_a_batch(tmp_path):
    for name in ("甲.txt", "乙.txt"):
        outline(tmp_path, GOOD, name)
    (tmp_path / "meeting.toml").write_text('[meeting]\nrecorder = "×××"\n', encoding="utf-8")
    result = build(tmp_path / "甲.txt", tmp_path / "乙.txt", "-o", tmp_path / "out", "--only", "minutes", "-j", "1")
    assert result.exit_code == 0 and result.output.count("[meeting] recorder 的值“×××”") == 1


def test_the_init_sample_leaks_nothing_into_the_minutes(tmp_path):
    path = outline(tmp_path)
    (tmp_path / "meeting.toml").write_text(MEETING_TOML_TEMPLATE, encoding="utf-8")
    result = build(path, "-o", tmp_path / "out", "--only", "minutes", "--strict")
    assert result.exit_code == 0, result.output
    assert "meeting.toml 未填写" in result.output, "what is missing is said once, as a note"
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out" / "提纲" / "会议纪要.docx")).paragraphs)
    assert "××××年×月×日" in text and "三楼会议室" not in text and "局长" not in text


def test_check_reads_the_meeting_toml_beside_the_outline_and_takes_meeting_and_set(tmp_path):
    path = outline(tmp_path, GOOD.replace("学以致用", "在XX学以致用"))
    alone = runner.invoke(app, ["check", str(path)])
    assert alone.exit_code == 0 and "占位符“XX”尚未替换" in alone.output
    filled = runner.invoke(app, ["check", str(path), "--set", "XX=某市"])
    assert filled.exit_code == 0 and "占位符" not in filled.output and "未发现问题" in filled.output, filled.output
    elsewhere = tmp_path / "会议" / "meeting.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text('[placeholders]\nXX = "某市"\n', encoding="utf-8")
    named = runner.invoke(app, ["check", str(path), "--meeting", str(elsewhere)])
    assert named.exit_code == 0 and "占位符" not in named.output and "未发现问题" in named.output, named.output
    (tmp_path / "meeting.toml").write_text('[placeholders]\nXX = "某县"\n', encoding="utf-8")
    beside = runner.invoke(app, ["check", str(path)])
    assert beside.exit_code == 0 and "占位符" not in beside.output and "未发现问题" in beside.output


def test_check_with_a_broken_meeting_toml_is_one_line(tmp_path):
    path = outline(tmp_path)
    (tmp_path / "meeting.toml").write_text("[meeting]\ndate = 2020-13-45\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"错误：{tmp_path / 'meeting.toml'}:2: [meeting] date 的日期 2020-13-45 无效：没有 13 月（月份应为 1～12）。" \
                                    "请写成 2024-03-15 或 \"2024年3月15日\"。"


# -- --templates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout,words", [
    ("missing", "--templates 指定的模板文件夹不存在"),
    ("empty", "缺少 text/（措辞模板 *.j2）和 reference/（minutes.docx、deck.pptx、summary.docx、branch.docx）"),
    ("one level too high", "是否要用 --templates"),
    ("text without .j2", "缺少 text/"),
])
def test_templates_folder_without_templates_exits_2(tmp_path, layout, words):
    folder = tmp_path / "我的模板"
    if layout == "empty":
        folder.mkdir()
    elif layout == "one level too high":
        assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    elif layout == "text without .j2":
        (folder / "text" / "minutes").mkdir(parents=True)
        (folder / "text" / "minutes" / "closing.j2.txt").write_text("会议号召，", encoding="utf-8")
    result = build(SEED, "-o", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output, result.output
    if layout == "one level too high":
        assert str(folder / "templates") in result.output
    assert not (tmp_path / "out").exists()


def test_a_template_that_matches_nothing_is_named(tmp_path):
    user = tmp_path / "my"
    (user / "text" / "minutes").mkdir(parents=True)
    (user / "text" / "minutes" / "closing.j2").write_text("会议号召，", encoding="utf-8")
    (user / "text" / "minutes" / "closeing.j2").write_text("会议号召，", encoding="utf-8")
    result = build(SEED, "-o", tmp_path / "out", "--templates", user, "--only", "minutes")
    assert result.exit_code == 0
    assert f"{user / 'text' / 'minutes' / 'closeing.j2'}: 这个模板不对应任何内置模板" in result.output
    assert "closing.j2:" not in result.output


def test_missing_pptx_template_exits_2(tmp_path):
    result = build(SEED, "-o", tmp_path / "out", "--pptx-template", tmp_path / "没有.pptx")
    assert result.exit_code == 2 and "课件模板文件不存在" in result.output


# -- one build per folder -------------------------------------------------------------------------------


def _fake_pdfs(folder):
    for name in targets.output_file_names():
        if name.endswith(".pdf"):
            (folder / name).write_bytes(b"%PDF-1.7\n% an earlier build\n")


def test_rebuild_without_pdf_removes_the_earlier_pdfs(tmp_path):
    path = outline(tmp_path)
    out = tmp_path / "out"
    assert build(path, "-o", out).exit_code == 0
    folder = out / "提纲"
    _fake_pdfs(folder)
    (folder / "我的笔记.txt").write_text("mine", encoding="utf-8")
    (folder / "会议纪要（定稿）.docx").write_bytes(b"mine")
    result = build(path, "-o", out)
    assert result.exit_code == 0
    assert {p.name for p in folder.iterdir()} == OUTPUTS | {"我的笔记.txt", "会议纪要（定稿）.docx"}
    assert "已删除上次生成、本次没有生成的 会议纪要.pdf、学习要点.pdf、学习课件.pdf" in result.output


def test_outputs_dropped_by_only_are_removed_unless_edited(tmp_path):
    path = outline(tmp_path)
    out = tmp_path / "out"
    assert build(path, "-o", out).exit_code == 0
    folder = out / "提纲"
    edited = docx.Document(str(folder / "会议纪要.docx"))
    edited.paragraphs[0].text += "（手工修改）"
    edited.core_properties.last_modified_by = "张三"     # what Word/WPS records on saving
    edited.save(str(folder / "会议纪要.docx"))
    result = build(path, "-o", out, "--only", "deck")
    assert result.exit_code == 0
    assert {p.name for p in folder.iterdir()} == {"学习课件.pptx", "会议纪要.docx"}
    assert "（手工修改）" in docx.Document(str(folder / "会议纪要.docx")).paragraphs[0].text
    assert "会议纪要.docx: 上次生成后在 Word/WPS 中修改过，已保留" in result.output
    assert "已删除上次生成、本次没有生成的 学习要点.docx" in result.output


def test_a_rebuild_keeps_an_edited_output_beside_the_new_one(tmp_path):
    """Rebuilding after the minutes were edited in Word/WPS: the new file takes the name, the edited one is kept as
    会议纪要（修改稿）.docx (then （修改稿2）), and the build says so. Files huiwu wrote are simply replaced."""
    path = outline(tmp_path)
    out = tmp_path / "out"
    assert build(path, "-o", out).exit_code == 0
    folder = out / "提纲"
    for round_ in (1, 2):
        edited = docx.Document(str(folder / "会议纪要.docx"))
        edited.paragraphs[0].text += f"（手工修改{round_}）"
        edited.core_properties.last_modified_by = "张三"     # what Word/WPS records on saving
        edited.save(str(folder / "会议纪要.docx"))
        result = build(path, "-o", out)
        assert result.exit_code == 0, result.output
        kept = "会议纪要（修改稿）.docx" if round_ == 1 else "会议纪要（修改稿2）.docx"
        assert f"会议纪要.docx: 上次生成后在 Word/WPS 中修改过，已另存为 {kept}" in result.output
        assert f"（手工修改{round_}）" in docx.Document(str(folder / kept)).paragraphs[0].text
        assert "手工修改" not in docx.Document(str(folder / "会议纪要.docx")).paragraphs[0].text
    assert {p.name for p in folder.iterdir()} == OUTPUTS | {"会议纪要（修改稿）.docx", "会议纪要（修改稿2）.docx"}
    result = build(path, "-o", out)                           # -- nothing edited this time: nothing kept --
    assert "修改稿" not in result.output and len(list(folder.iterdir())) == 5


def test_a_failed_build_removes_nothing(tmp_path):
    path = outline(tmp_path)
    out = tmp_path / "out"
    assert build(path, "-o", out).exit_code == 0
    _fake_pdfs(out / "提纲")
    path.write_bytes(b"")
    assert build(path, "-o", out).exit_code == 2
    assert len(list((out / "提纲").iterdir())) == 6


@pytest.mark.render
def test_rebuild_without_pdf_leaves_no_pdf_of_the_earlier_build(tmp_path):
    source = tmp_path / "in" / SEED.name
    source.parent.mkdir()
    shutil.copyfile(SEED, source)
    shutil.copyfile(ROOT / "seeds" / "meeting.toml", source.parent / "meeting.toml")
    out = tmp_path / "out"
    assert build(source, "-o", out, "--pdf").exit_code == 0
    folder = out / SEED.stem
    assert {p.suffix for p in folder.iterdir()} == {".docx", ".pptx", ".pdf"}
    meeting = source.parent / "meeting.toml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("issue = 5", "issue = 6"), encoding="utf-8")
    result = build(source, "-o", out)
    assert result.exit_code == 0
    assert {p.name for p in folder.iterdir()} == OUTPUTS, "no PDF saying 第5期 beside a .docx saying 第6期"


def test_a_placeholder_that_replaces_nothing_is_said(tmp_path):
    """--set XXXX=东湖 (XX typed twice) replaces nothing in an outline holding XX: the build says so, and XX stays
    reported as unreplaced."""
    path = outline(tmp_path, "讲话提纲\n一、加强学习\n（一）学深悟透。XX各级党组织要学原文。\n")
    result = build(path, "-o", tmp_path / "out", "--only", "minutes", "--set", "XXXX=东湖")
    assert result.exit_code == 0, result.output
    assert "占位符“XXXX”在提纲中没有出现，不会替换任何文字（是否写错了？提纲中的占位符有：XX）" in result.output
    assert "占位符“XX”尚未替换" in result.output
    result = build(path, "-o", tmp_path / "out", "--only", "minutes", "--set", "XX=东湖")
    assert "没有出现" not in result.output and "尚未替换" not in result.output
