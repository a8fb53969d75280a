"""Bad input never crashes, never leaves partial or clobbered files: each gives a build or one Chinese line."""
from __future__ import annotations

import os

import docx
import pptx
import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.outline.rules import int_to_cn

from .conftest import ROOT, SEED

runner = CliRunner()
SENTINEL = b"do not touch"


def outline_dir(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out"
    target = out / path.stem
    target.mkdir(parents=True)
    (target / "会议纪要.docx").write_bytes(SENTINEL)   # a file from an earlier build that must stay untouched
    return path, out, target


def assert_untouched(target):
    assert sorted(p.name for p in target.iterdir()) == ["会议纪要.docx"]
    assert (target / "会议纪要.docx").read_bytes() == SENTINEL


BAD = [
    ("empty.txt", b"", "空"),
    ("spaces.txt", "  \r\n\u3000\u3000\n\t".encode(), "空"),
    ("binary.txt", bytes(range(256)) * 8, "二进制"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "图片"),
    pytest.param("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ".doc", marks=pytest.mark.render("soffice")),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("broken.docx", b"PK\x03\x04\x14\x00\x00\x00garbage" + bytes(100), "损坏"),
    ("text.docx", "一、这其实是文本\n".encode(), "不是 Word"),
]


@pytest.mark.parametrize("name,data,words", BAD, ids=[b.values[0] if hasattr(b, "values") else b[0] for b in BAD])
def test_bad_file_one_line_and_nothing_clobbered(tmp_path, name, data, words):
    path, out, target = outline_dir(tmp_path, name, data)
    result = runner.invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and str(path) in lines[0] and words in lines[0], result.output
    assert "Traceback" not in result.output
    assert_untouched(target)


def test_missing_path(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "没有这个文件.txt"), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "不存在" in result.output and "Traceback" not in result.output


def test_broken_template_leaves_folder_as_it_was(tmp_path):
    path, out, target = outline_dir(tmp_path, "提纲.txt", SEED.read_bytes())
    user = tmp_path / "my"
    (user / "text" / "minutes").mkdir(parents=True)
    (user / "text" / "minutes" / "opening.j2").write_text("第一行\n{{ 没有这个变量 }}\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(path), "-o", str(out), "--templates", str(user)])
    assert result.exit_code == 3
    assert "opening.j2:2" in result.output and "未定义" in result.output
    assert_untouched(target)


@pytest.mark.parametrize("template,where", [
    ("目录\n{% if %}\n", "toc_title.j2:2"),                  # syntax error: file and line
    ("{{ ''.__class__.__mro__ }}", "toc_title.j2"),          # the sandbox refuses it
    ("{{ 1 / 0 }}", "toc_title.j2"),                         # a runtime error
])
def test_bad_user_templates(tmp_path, template, where):
    user = tmp_path / "my"
    (user / "text" / "deck").mkdir(parents=True)
    (user / "text" / "deck" / "toc_title.j2").write_text(template, encoding="utf-8")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "o"), "--templates", str(user), "--only", "deck"])
    assert result.exit_code == 3 and where in result.output and "Traceback" not in result.output


def test_unwritable_output(tmp_path):
    blocker = tmp_path / "output"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(blocker)])
    assert result.exit_code == 4 and "输出文件夹" in result.output and "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def build_ok(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / path.stem
    assert {p.name for p in folder.iterdir()} == {"会议纪要.docx", "学习课件.pptx", "学习要点.docx"}
    return folder


def test_control_characters_still_build(tmp_path):
    folder = build_ok(tmp_path, "ctrl.txt", "讲话提纲\n一、加强\x07学习\x1b\n（一）学深悟透。要学以\x00致用。\n")
    assert "加强学习" in "".join(p.text for p in docx.Document(str(folder / "会议纪要.docx")).paragraphs)


@pytest.mark.slow   # about 5 s: a 20,000-character paragraph through every output
def test_20000_character_paragraph_builds_paginated(tmp_path):
    body = ("要坚持读原著学原文悟原理，做到学思用贯通、知信行合一，" * 800)[:20000] + "。"
    folder = build_ok(tmp_path, "long.txt", f"一、加强学习\n（一）学深悟透。{body}\n")
    deck = pptx.Presentation(str(folder / "学习课件.pptx"))
    assert len(deck.slides) >= 5


def test_no_sections_builds_with_warning(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("同志们，今天我们开会，主要是学习讲话精神。要认真学习，抓好落实。\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0 and "没有识别出" in result.output


def test_twelve_sections(tmp_path):
    text = "十二个部分\n" + "\n".join(f"{int_to_cn(i)}、第{i}部分要求\n（一）落实。要抓好第{i}项工作。" for i in range(1, 13))
    folder = build_ok(tmp_path, "twelve.txt", text)
    text = "".join(p.text for p in docx.Document(str(folder / "会议纪要.docx")).paragraphs)
    assert all(f"第{i}部分要求" in text for i in range(1, 13))


def test_gbk_with_ascii_punctuation(tmp_path):
    folder = build_ok(tmp_path, "gbk.txt", "讲话提纲\n一、加强学习,提高本领\n(一)学深悟透.要学以致用,知行合一.\n", encoding="gbk")
    assert (folder / "会议纪要.docx").stat().st_size > 0


def test_no_temporary_files_left(tmp_path):
    folder = build_ok(tmp_path, "a.txt", SEED.read_text(encoding="utf-8"))
    assert not [p for p in folder.iterdir() if p.name.startswith(".~")]


def test_init_writes_meeting_and_templates(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "proj")])
    assert result.exit_code == 0
    assert (tmp_path / "proj" / "meeting.toml").exists()
    assert (tmp_path / "proj" / "templates" / "text" / "minutes" / "opening.j2").exists()
    assert (tmp_path / "proj" / "templates" / "reference" / "minutes.docx").exists()
    again = runner.invoke(app, ["init", str(tmp_path / "proj")])
    assert again.exit_code == 4 and "--force" in again.output


def test_user_templates_change_the_wording(tmp_path):
    assert runner.invoke(app, ["init", str(tmp_path / "proj")]).exit_code == 0
    closing = tmp_path / "proj" / "templates" / "text" / "minutes" / "closing.j2"
    closing.write_text("会议最后号召，", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--only", "minutes",
                                 "--templates", str(tmp_path / "proj" / "templates"), "--meeting", str(ROOT / "seeds" / "meeting.toml")])
    assert result.exit_code == 0, result.output
    text = "".join(p.text for p in docx.Document(str(tmp_path / "out" / SEED.stem / "会议纪要.docx")).paragraphs)
    assert "会议最后号召，全面从严治党永远在路上。" in text


def test_help_and_parse_do_not_import_office_libraries():
    import subprocess
    import sys

    code = ("import sys\nfrom typer.testing import CliRunner\nfrom generator.cli import app\n"
            f"r = CliRunner().invoke(app, ['parse', {str(SEED)!r}])\nassert r.exit_code == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'pptx', 'jinja2', 'starlette', 'uvicorn', 'multipart',"
            " 'python_multipart', 'pypdfium2')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={**os.environ})
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
