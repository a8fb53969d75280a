"""`huiwu parse` and `huiwu check` through typer's CliRunner: exit codes, messages, no tracebacks."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from generator.cli import app

from .conftest import ROOT, SEED

runner = CliRunner()


def test_parse_json_keys():
    result = runner.invoke(app, ["parse", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"title", "subtitle", "meeting_name", "preamble", "sections", "closing", "entities", "diagnostics"} <= set(data)
    assert {"quotes", "concepts", "dates"} <= set(data["entities"])
    first = data["sections"][0]
    assert first["number"] == 1 and first["heading"] == "加强政治建设，坚定不移维护核心、忠诚核心" and first["line"] == 15
    assert [s["heading"] for s in first["subsections"]] == ["提升政治站位", "坚持政治统领", "压实主体责任"]
    assert "blocks" in first and first["subsections"][0]["blocks"][0]["text"].startswith("1月13日")


def test_parse_tree_in_chinese():
    result = runner.invoke(app, ["parse", str(SEED)])
    assert result.exit_code == 0
    assert "1级 [15] 一、加强政治建设" in result.stdout and "共 5 个一级部分，15 个下级条目" in result.stdout


def test_check_seed_points_at_lines(tmp_path):
    alone = tmp_path / SEED.name    # without the meeting.toml beside it, nothing fills XX
    alone.write_bytes(SEED.read_bytes())
    result = runner.invoke(app, ["check", str(alone)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{alone}:12: 错误:") and "“,”" in line and "“，”" in line for line in lines)
    assert any(line.startswith(f"{alone}:25: 错误:") and "“(”" in line for line in lines)
    warned = [line for line in lines if ": 警告: " in line and "XX" in line]
    assert [line.split(":")[1] for line in warned] == ["10", "21", "35"]
    assert f"{alone}:21: 警告: 第 703、707 列：占位符“XX”尚未替换" in result.stdout


def test_check_numbering_gap(tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text("一、甲\n二、乙\n四、丁\n四、戊\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: 错误: 编号跳号" in result.stdout and f"{path}:4: 错误: 编号“四、”重复" in result.stdout


def test_check_ascii_period_and_quotes(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("一、加强学习.要学以致用\n（一）学深悟透。要做到“学思用贯通。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert f"{path}:1: 错误: 第 7 列：中文中使用了半角句点“.”，应改为全角“。”。" in result.stdout
    assert f"{path}:2: 错误: 双引号不成对" in result.stdout


def test_check_clean_file(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("一、加强学习\n（一）学深悟透。要学以致用。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0 and "未发现问题" in result.output


def test_bad_input_is_one_chinese_line(tmp_path):
    path = tmp_path / "pic.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    for command in (["parse", str(path)], ["check", str(path)], ["parse", str(tmp_path / "missing.txt")]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert "Traceback" not in result.output
        assert result.output.startswith("错误：") and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("args,words", [
    (["build"], "缺少参数 提纲…"),
    (["build", "x.txt", "--bogus"], "没有选项 --bogus"),
    (["build", "x.txt", "--jobs", "多"], "应为整数"),
    (["bogus"], "没有“bogus”这个命令，可用的命令：parse、check、build、serve、init。"),
    (["biuld", "x.txt"], "没有“biuld”这个命令，是否要用 build？"),
    (["build", "x.txt", "--pd"], "没有选项 --pd，是否要用 --pdf？"),
    (["build", "x.txt", "--only"], "选项 --only 后面缺少取值"),
    (["init", "a", "b"], "多余的参数"),
])
def test_usage_errors_in_chinese(args, words):
    result = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith("用法错误：") and words in result.stderr and "Traceback" not in result.stderr


def test_python_m_generator_help():
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "讲话提纲" in result.stdout
