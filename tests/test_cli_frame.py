"""The command line's frame in Chinese: help pages, --version, typo suggestions, consoles that cannot show every character."""
from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

import generator
from generator.cli import app

from .conftest import ROOT

runner = CliRunner()
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)
#: click's and typer's own English words, and type names shown as metavars (<list[Path]>, <int>, PATH).
ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this message|\[required\]|default:|<[a-z]|\bPATH\b|TEXT|INTEGER|\bOPTIONS\b")


def run(*args, env=None, data=None):
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, cwd=ROOT, input=data,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"]] + [[name, "--help"] for name in COMMANDS],
                         ids=lambda a: " ".join(a) or "no-arguments")
def test_every_help_page_is_chinese(args):
    """Every command, including ones added later, shows 用法/选项 and no English frame or type names."""
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：huiwu") and "选项：" in result.output and "显示本帮助并退出" in result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output).group(0)


def test_group_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    assert "命令：" in result.output and "用法：huiwu [选项] 命令 [参数]…" in result.output
    for name in COMMANDS:
        assert re.search(rf"^  {name}\s+\S", result.output, re.M), name
    assert "-V, --version" in result.output


def test_build_help_shows_readable_metavars_and_real_defaults(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")          # help is wrapped to the terminal: the width of one without a size
    result = runner.invoke(app, ["build", "-h"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "用法：huiwu build [选项] 提纲…" in text and "参数：" in text
    assert "-o, --output 文件夹" in text and "（默认：output）" in text
    assert re.search(r"-j, --jobs 数量\s+同时生成的提纲数（默认：CPU 核数）", text)
    assert "--set 占位符=值" in text and "--strict" in text and "minutes（会议纪要）" in text
    assert "默认：0" not in text and "默认：False" not in text


def test_help_through_python_m_generator():
    result = run("--help")
    assert result.returncode == 0 and result.stdout.decode().startswith("用法：huiwu")


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"huiwu {generator.__version__}" == f"huiwu {importlib.metadata.version('huiwu')}"
    short = runner.invoke(app, ["-V"])
    assert short.exit_code == 0 and short.output.strip() == f"huiwu {generator.__version__}"


@pytest.mark.parametrize("args,words", [
    (["biuld", "提纲.txt"], "用法错误：没有“biuld”这个命令，是否要用 build？"),
    (["chek"], "是否要用 check？"),
    (["zzz"], "没有“zzz”这个命令，可用的命令："),
    (["build", "x.txt", "--stirct"], "没有选项 --stirct，是否要用 --strict？"),
    (["build", "x.txt", "-j", "0"], "--jobs 应为正整数"),
])
def test_typos_show_what_was_typed(args, words):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and words in result.output, result.output


def test_unencodable_output_is_replaced_not_a_crash(tmp_path):
    """A GBK console cannot show 😀 or 𫟹: they become '?', and the rest is still there."""
    path = tmp_path / "提纲😀.txt"
    path.write_text("关于学习的讲话\n一、加强学习😀\n（一）学深悟透。要学以致用𫟹。\n", encoding="utf-8")
    for command in (["parse", str(path)], ["check", str(path)], ["parse", "--json", str(path)], ["parse", str(tmp_path / "无😀.txt")]):
        result = run(*command, env={"PYTHONIOENCODING": "gbk"})
        assert "Traceback" not in result.stderr.decode("gbk") and "内部错误" not in result.stderr.decode("gbk")
        assert result.returncode in (0, 2), result.stderr.decode("gbk")
    parsed = run("parse", str(path), env={"PYTHONIOENCODING": "gbk"})
    assert parsed.returncode == 0 and "一、加强学习?" in parsed.stdout.decode("gbk")


def test_stdin_outline_utf8_and_gb18030(tmp_path):
    text = "关于学习的讲话\n一、加强学习\n（一）学深悟透。要学以致用。\n二、狠抓落实\n（一）真抓实干。要久久为功。\n"
    for encoding in ("utf-8", "gb18030"):
        result = run("parse", "-", data=text.encode(encoding))
        assert result.returncode == 0, result.stderr.decode()
        assert "1级 [2] 一、加强学习" in result.stdout.decode() and "1级 [4] 二、狠抓落实" in result.stdout.decode()
    result = runner.invoke(app, ["build", "-", "-o", str(tmp_path), "--only", "minutes"], input=text.encode("gb18030"))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "标准输入").iterdir()] == ["会议纪要.docx"]


def test_stdin_check_names_the_input():
    result = run("check", "-", data="一、甲\n三、丙\n".encode())
    assert result.returncode == 1 and result.stdout.decode().startswith("标准输入:2: 错误: 编号跳号")
    empty = run("parse", "-", data=b"")
    assert empty.returncode == 2 and empty.stderr.decode().strip() == "错误：标准输入: 输入是空的，没有可识别的提纲内容。"
