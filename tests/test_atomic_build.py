"""A build that fails part-way leaves the folder of an earlier build exactly as it was (README: 所有文件先写入临时文件
再改名，失败时不会留下半截文件，也不会覆盖原有文件；文件夹中始终只有一次生成的结果).

The failures are injected after the first output has been rendered: a broken deck template (the 2nd output), a
broken summary reference or renderer (the 3rd), a disk that fills while the 3rd is saved, a rename refused (a file
open in Word/WPS on Windows), a broken branch reference after the main outputs (支部学习包). Every earlier file must
stay byte-identical, with no temporary file left beside it.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator import build as build_module
from generator.cli import app
from generator.errors import OutputError

from .conftest import ROOT, SEED, per_module

runner = CliRunner()
MEETING = ROOT / "seeds" / "meeting.toml"
BRANCHES = ROOT / "tests" / "fixtures" / "branches" / "支部-utf8.csv"
MAIN = {"会议纪要.docx", "学习课件.pptx", "学习要点.docx"}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden temporary files included), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def other_meeting(tmp_path: Path) -> Path:
    """A meeting.toml whose every output differs from the seed's (another issue number, date and meeting name)."""
    path = tmp_path / "another.toml"
    text = MEETING.read_text(encoding="utf-8").replace("issue = 5", "issue = 6").replace("2020-05-28", "2020-06-30")
    path.write_text(text.replace('name = "生态环境系统全面从严治党工作会议"', 'name = "生态环境系统警示教育大会"'), encoding="utf-8")
    return path


def build(out: Path, meeting: Path, *extra: str):
    return runner.invoke(app, ["build", str(SEED), "-o", str(out), "--meeting", str(meeting), "-j", "1", *extra])


@pytest.fixture(scope=per_module)
def earlier(tmp_path_factory) -> Path:
    """OUT/ after a good build of the seed (the three main outputs)."""
    out = tmp_path_factory.mktemp("earlier") / "out"
    result = build(out, MEETING)
    assert result.exit_code == 0, result.output
    assert {p.name for p in (out / SEED.stem).iterdir()} == MAIN
    return out


@pytest.fixture
def out(earlier, tmp_path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(earlier, copy)
    return copy


def broken_deck_template(tmp_path: Path, monkeypatch) -> list[str]:
    bad = tmp_path / "我的模板.pptx"
    bad.write_bytes(b"PK\x03\x04 not a presentation")
    return ["--pptx-template", str(bad)]


def broken_summary_reference(tmp_path: Path, monkeypatch) -> list[str]:
    templates = tmp_path / "tpl"
    (templates / "reference").mkdir(parents=True)
    (templates / "reference" / "summary.docx").write_bytes(b"not a docx")
    return ["--templates", str(templates)]


def summary_renderer_crashes(tmp_path: Path, monkeypatch) -> list[str]:
    from generator.render import summary_word

    def crash(view, reference):
        raise RuntimeError("injected")

    monkeypatch.setattr(summary_word, "render_summary", crash)
    return []


def disk_full_on_the_third_save(tmp_path: Path, monkeypatch) -> list[str]:
    real, calls = build_module.save_output, []

    def save(obj, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            Path(path).write_bytes(b"half a file")        # what a full disk leaves behind
            raise OutputError("无法写入文件（No space left on device）。", str(path))
        return real(obj, path, *args, **kwargs)

    monkeypatch.setattr(build_module, "save_output", save)
    return []


FAILURES = {
    "broken deck template (2nd output)": (broken_deck_template, 3),
    "broken summary reference (3rd output)": (broken_summary_reference, 3),
    "summary renderer crashes (3rd output)": (summary_renderer_crashes, 70),
    "disk full while saving the 3rd output": (disk_full_on_the_third_save, 4),
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failure_after_the_first_output_leaves_the_earlier_build_byte_identical(out, tmp_path, monkeypatch, failure):
    inject, code = FAILURES[failure]
    before = snapshot(out)
    result = build(out, other_meeting(tmp_path), *inject(tmp_path, monkeypatch))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before


def test_the_same_rebuild_without_a_failure_changes_every_file(out, tmp_path):
    """The control for the tests above: had the failing builds written anything, the bytes would differ."""
    before = snapshot(out)
    assert build(out, other_meeting(tmp_path)).exit_code == 0
    after = snapshot(out)
    assert after.keys() == before.keys()
    assert all(after[name] != before[name] for name in before), [n for n in before if after[n] == before[n]]


def test_a_refused_rename_of_the_second_output_leaves_the_first_as_it_was(out, tmp_path, monkeypatch):
    """On Windows a file open in Word/WPS cannot be replaced: the build says so (exit 4) and changes nothing."""
    real, calls = os.replace, []

    def replace(src, dst):
        if Path(dst).parent.name == SEED.stem and Path(dst).name in MAIN:
            calls.append(dst)
            if len(calls) == 2:
                raise PermissionError(13, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(build_module.os, "replace", replace)
    before = snapshot(out)
    result = build(out, other_meeting(tmp_path))
    assert result.exit_code == 4 and "Word/WPS" in result.output, result.output
    assert snapshot(out) == before


# -- 支部学习包 --

@pytest.fixture(scope=per_module)
def earlier_with_packs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("earlier-packs") / "out"
    result = build(out, MEETING, "--branches", str(BRANCHES), "--only", "纪要,签到表,记录")
    assert result.exit_code == 0, result.output
    assert len(list((out / SEED.stem / "支部").rglob("*.docx"))) == 8
    return out


def test_a_failing_pack_leaves_the_earlier_main_outputs_and_packs_byte_identical(earlier_with_packs, tmp_path):
    """The branch reference is broken: the minutes were already rendered, every branch file was not."""
    out = tmp_path / "out"
    shutil.copytree(earlier_with_packs, out)
    templates = tmp_path / "tpl"
    (templates / "reference").mkdir(parents=True)
    (templates / "reference" / "branch.docx").write_bytes(b"not a docx")
    before = snapshot(out)
    result = build(out, other_meeting(tmp_path), "--branches", str(BRANCHES), "--only", "纪要,签到表,记录",
                   "--templates", str(templates))
    assert result.exit_code == 3, result.output
    assert snapshot(out) == before


def test_files_written_through_a_temporary_file_get_the_usual_permissions(tmp_path):
    """A temporary file is private (0600); the output renamed from it is readable like any new file (0666 less the
    umask), so that colleagues on a shared folder can open the PDFs and the sample files too."""
    import os
    import stat

    from generator.write import write_bytes_atomic

    old = os.umask(0o022)
    try:
        first = write_bytes_atomic(tmp_path / "学习课件.pdf", b"%PDF-1.4\n")
        os.umask(0o027)
        second = write_bytes_atomic(tmp_path / "支部.xlsx", b"PK")
    finally:
        os.umask(old)
    assert stat.S_IMODE(first.stat().st_mode) == 0o644
    assert stat.S_IMODE(second.stat().st_mode) == 0o640
