"""A single outline's deck is written in a forked process beside the other outputs (generator/fork.py): the same
files as a serial build, errors reported as the serial build reports them, nothing left behind when it fails."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import docx
import pptx
import pytest

from generator import fork
from generator.build import BuildOptions, build_outline
from generator.errors import OutputError, TemplateError

from .conftest import ROOT, SEED

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform (builds run serially)")


# -- the fork helper ---------------------------------------------------------------------------------------


def start(what, call, *args) -> fork.Child:
    """Fork a child that runs `call(*args)` at once (the build prepares one and sends it its arguments later)."""
    child = fork.prepare(what, call)
    child.send(*args)
    return child


def test_a_child_hands_back_what_its_call_returned():
    assert start("测试", lambda a, b: [a, b * 2], "课件", 21).result() == ["课件", 42]


def test_a_huiwu_error_comes_back_as_itself():
    def fail():
        raise OutputError("无法写入文件（权限不够）。", "/输出/学习课件.pptx")

    with pytest.raises(OutputError) as caught:
        start("学习课件", fail).result()
    assert str(caught.value) == "/输出/学习课件.pptx: 无法写入文件（权限不够）。"
    assert caught.value.exit_code == 4


def test_any_other_error_comes_back_as_an_internal_error_under_its_own_name(tmp_path, monkeypatch):
    with pytest.raises(RuntimeError) as caught:
        start("学习课件", lambda: {}["layout"]).result()
    assert type(caught.value).__name__ == "KeyError" and str(caught.value) == "'layout'"

    from generator.render import powerpoint

    monkeypatch.setattr(fork, "available", lambda: True)
    monkeypatch.setattr(powerpoint, "render_deck", lambda view, template: {}["layout"])
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", parallel=True))
    assert result.exit_code == 70 and result.error.endswith("内部错误：KeyError: 'layout'"), result.error


def test_a_child_that_dies_is_reported_not_waited_for():
    with pytest.raises(RuntimeError, match=r"生成学习课件的子进程意外退出（信号 9）"):
        start("学习课件", lambda: os.kill(os.getpid(), signal.SIGKILL)).result()


def test_a_prepared_child_warms_up_first_then_runs_what_it_is_sent(tmp_path):
    mark = tmp_path / "warm"
    child = fork.prepare("学习课件", lambda name: (mark.read_text(encoding="utf-8"), name),
                         warm=lambda: (time.sleep(1), mark.write_text("已预热", encoding="utf-8")))
    started = time.monotonic()
    child.send("课件" * 40_000)     # more than a pipe holds by default: sending must not wait for the warm-up
    assert time.monotonic() - started < 0.5
    assert child.result() == ("已预热", "课件" * 40_000)


def test_a_child_whose_warm_up_fails_says_so_and_sending_to_it_does_not():
    child = fork.prepare("学习课件", print, warm=lambda: 1 / 0)
    time.sleep(0.3)
    child.send("x" * 200_000)
    with pytest.raises(RuntimeError) as caught:
        child.result()
    assert type(caught.value).__name__ == "ZeroDivisionError"


def test_a_child_never_sent_anything_ends_when_stopped():
    child = fork.prepare("学习课件", print)
    child.stop()
    assert child.done


def test_a_child_reaped_by_the_system_still_hands_back_its_answer():
    """Started by a launcher that ignores SIGCHLD, the system reaps children itself: waitpid finds none."""
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert start("学习课件", lambda: "写好了").result() == "写好了"
        child = start("学习课件", time.sleep, 60)
        child.stop()
        assert child.done
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_a_child_of_a_process_that_ignores_ctrl_c_ignores_it_too():
    """`huiwu build … &` in a script ignores SIGINT: a Ctrl-C at the terminal must not kill the deck's writer alone."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        child = fork.prepare("学习课件", lambda: "写好了", warm=lambda: time.sleep(0.6))
        time.sleep(0.2)
        os.kill(child.pid, signal.SIGINT)
        child.send()
        assert child.result() == "写好了"
    finally:
        signal.signal(signal.SIGINT, previous)


def test_stop_ends_a_running_child_at_once():
    child = start("学习课件", time.sleep, 60)
    started = time.monotonic()
    child.stop()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)      # reaped: no zombie left


# -- a build with the deck forked --------------------------------------------------------------------------


@pytest.fixture
def forking(monkeypatch):
    """Let the build fork whatever the machine (one core, or a thread left by another test); list what it forks."""
    monkeypatch.setattr(fork, "available", lambda: True)
    started = []
    real = fork.prepare

    def prepare(what, *args, **kwargs):
        started.append(what)
        child = real(what, *args, **kwargs)
        children.append(child)
        return child

    children: list[fork.Child] = []
    monkeypatch.setattr(fork, "prepare", prepare)
    yield started
    assert all(child.done for child in children), "every child is reaped, whatever happened"


def slides(path):
    out = []
    for slide in pptx.Presentation(str(path)).slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        out.append((slide.slide_layout.name, texts, slide.notes_slide.notes_text_frame.text))
    return out


def test_a_forked_build_writes_what_a_serial_one_writes(tmp_path, forking, monkeypatch):
    monkeypatch.setenv("HUIWU_CACHE_DIR", str(tmp_path / "cache"))
    serial = build_outline(SEED, BuildOptions(out_dir=tmp_path / "serial"))
    forked = build_outline(SEED, BuildOptions(out_dir=tmp_path / "forked", parallel=True))
    assert forking == ["学习课件"]
    assert forked.error is None and serial.error is None
    assert [p.name for p in forked.files] == [p.name for p in serial.files] == ["会议纪要.docx", "学习课件.pptx", "学习要点.docx"]
    assert forked.warnings == serial.warnings
    deck = [slides(result.files[1]) for result in (serial, forked)]
    assert deck[0] == deck[1] and len(deck[0]) > 20
    for index in (0, 2):
        texts = [[p.text for p in docx.Document(str(result.files[index])).paragraphs] for result in (serial, forked)]
        assert texts[0] == texts[1]
    assert sorted(p.name for p in forked.folder.iterdir()) == sorted(p.name for p in serial.folder.iterdir())


@pytest.mark.skipif(not fork.available(), reason="the command line forks only on Linux with two or more cores")
def test_the_forked_decks_segmenter_answers_are_kept(tmp_path):
    """The child's answers reach the cache file (fresh processes, as users run them: --jobs 1 builds serially), so
    that the next build loads no dictionary for the deck either."""
    answers = []
    for name, jobs in (("serial", "1"), ("forked", "2")):
        cache = tmp_path / f"cache-{name}"
        subprocess.run([sys.executable, "-m", "generator", "build", str(SEED), "-o", str(tmp_path / name), "--jobs", jobs],
                       check=True, capture_output=True, cwd=ROOT, env={**os.environ, "HUIWU_CACHE_DIR": str(cache)}, timeout=120)
        stored = json.loads(next(cache.glob("segment-*.json")).read_text(encoding="utf-8"))
        answers.append({kind: set(values) for kind, values in stored.items()})
    assert answers[1] == answers[0] and answers[0]["predicate"]


def test_a_deck_that_fails_in_the_child_fails_the_build_as_it_would_serially(tmp_path, forking, monkeypatch):
    from generator.render import powerpoint

    def broken(view, template):
        raise TemplateError("课件模板缺少版式：目录页（版式按名称查找）。", str(template))

    monkeypatch.setattr(powerpoint, "render_deck", broken)     # the child is a fork: it runs the patched code
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", parallel=True))
    assert forking == ["学习课件"]
    assert result.exit_code == 3 and "课件模板缺少版式：目录页" in result.error
    assert not [p for p in (tmp_path / "out").rglob("*")], "no output, no temporary file, no empty folder"


def test_a_failure_here_stops_the_child_and_leaves_nothing(tmp_path, forking, monkeypatch):
    from generator.render import powerpoint, summary_word

    slow = powerpoint.render_deck

    def slow_deck(view, template):
        time.sleep(0.5)
        return slow(view, template)

    def broken(view, template):
        raise OutputError("无法写入文件（磁盘已满）。")

    monkeypatch.setattr(powerpoint, "render_deck", slow_deck)
    monkeypatch.setattr(summary_word, "render_summary", broken)
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", parallel=True))
    assert forking == ["学习课件"]
    assert result.exit_code == 4 and "磁盘已满" in result.error
    time.sleep(0.8)     # a child left running would write its temporary deck by now
    assert not [p for p in (tmp_path / "out").rglob("*")]


@pytest.mark.parametrize("options,forks", [
    (dict(parallel=True), True),
    (dict(parallel=False), False),
    (dict(parallel=True, targets=("deck",)), False),          # nothing to do beside it
    (dict(parallel=True, targets=("minutes", "summary")), False),
], ids=["parallel", "serial", "deck-alone", "no-deck"])
def test_when_the_deck_is_forked(tmp_path, forking, options, forks):
    assert build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", **options)).error is None
    assert forking == (["学习课件"] if forks else [])


def test_a_bad_outline_stops_the_waiting_child(tmp_path, forking):
    result = build_outline(tmp_path / "没有这个提纲.txt", BuildOptions(out_dir=tmp_path / "out", parallel=True))
    assert result.exit_code == 2 and forking == ["学习课件"]      # the fixture checks that the child was reaped


def test_not_with_branch_packs(tmp_path, forking):
    listing = tmp_path / "支部.csv"
    listing.write_text("支部名称,主讲人,党员\n第一党支部,张三,李四、王五\n", encoding="utf-8-sig")
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", parallel=True, branches=listing,
                                              targets=("minutes", "deck", "summary")))
    assert result.error is None and forking == []


def test_the_command_line_forks_for_one_outline_only(tmp_path, monkeypatch):
    from generator import batch

    seen = []
    monkeypatch.setattr(batch, "build_outline", lambda path, options, *rest: seen.append(options.parallel) or
                        batch.BuildResult(path, error="停", exit_code=1))
    echo = lambda line: None  # noqa: E731
    common = dict(out_dir=tmp_path, meeting=None, only=None, pdf=False, sets=None, templates=None, pptx_template=None, echo=echo)
    batch.run_build([SEED], jobs=None, **common)
    batch.run_build([SEED], jobs=1, **common)
    assert seen == [True, False]


def test_available_only_on_linux_with_cores_and_one_thread(monkeypatch):
    import threading

    monkeypatch.setattr(fork.sys, "platform", "linux")
    monkeypatch.setattr(fork.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert fork.available()
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not fork.available()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(fork.os, "cpu_count", lambda: 1)
    assert not fork.available()
    monkeypatch.setattr(fork.os, "cpu_count", lambda: 2)
    for platform in ("darwin", "win32"):
        monkeypatch.setattr(fork.sys, "platform", platform)
        assert not fork.available()


def test_a_fork_that_fails_leaves_the_deck_to_this_process(tmp_path, forking, monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    open_before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", parallel=True))
    assert result.error is None and forking == ["学习课件"]
    if open_before is not None:
        assert len(os.listdir("/proc/self/fd")) == open_before, "the child's pipes are closed again"
    assert [p.name for p in result.files] == ["会议纪要.docx", "学习课件.pptx", "学习要点.docx"]


def test_when_two_outputs_fail_the_first_in_order_is_reported(tmp_path, forking):
    """As when the files are written one after another: a broken deck template is reported before a broken
    summary reference, although the summary is written here and the deck in the child."""
    from generator.init import init_project

    init_project(tmp_path / "项目")
    templates = tmp_path / "项目" / "templates"
    (templates / "reference" / "summary.docx").write_bytes(b"not a docx")
    broken_deck = tmp_path / "坏模板.pptx"
    broken_deck.write_bytes(b"not a pptx")
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", parallel=True, templates=templates,
                                              pptx_template=broken_deck))
    assert forking == ["学习课件"]
    assert result.exit_code == 3 and "课件模板无法打开" in result.error, result.error
