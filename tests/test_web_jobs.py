"""Builds of the web page and the page's drafts: time limit, failure, removal after a time."""
from __future__ import annotations

import os
import time
from pathlib import Path

from generator.web.drafts import DraftStore
from generator.web.jobs import BuildRequest, JobStore
from generator.web.meeting_form import MeetingValues
from generator.web.uploads import Upload

from .conftest import SEED


def request(**kwargs) -> BuildRequest:
    files = {"outline": Upload("outline", SEED.name, SEED.read_bytes())}
    return BuildRequest(files, MeetingValues(), ("minutes",), preview=False, **kwargs)


def test_a_build_past_its_time_limit_is_stopped_and_leaves_nothing(tmp_path, monkeypatch):
    import subprocess
    import sys

    from generator.web import jobs

    started = []

    def stuck_worker(folder):
        # -- a worker that reads its spec, starts a child (as LibreOffice would) and hangs --
        code = ("import subprocess, sys, time; sys.stdin.readline(); "
                "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
                f"open({str(tmp_path / 'child.pid')!r}, 'w').write(str(child.pid)); time.sleep(60)")
        process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                   start_new_session=True)
        started.append(process)
        return process

    monkeypatch.setattr(jobs, "_start", stuck_worker)
    store = JobStore(tmp_path, timeout=2)
    job = store.submit(request())
    assert job.done.wait(30)
    assert job.state == "failed" and "超过 2 秒" in job.error and "已停止" in job.error
    assert not job.folder.exists()
    assert started[0].poll() is not None
    if hasattr(os, "killpg"):   # -- what the worker started (LibreOffice) is stopped with it --
        child = int((tmp_path / "child.pid").read_text())
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]


def test_a_finished_build_is_removed_after_a_time(tmp_path):
    store = JobStore(tmp_path, keep=60)
    job = store.submit(request())
    assert job.done.wait(120) and job.state == "done", job.error
    assert job.file(0).name == "会议纪要.docx" and job.file(1) is None and job.file(-1) is None
    store.sweep(now=time.monotonic() + 30)
    assert job.folder.exists() and store.get(job.id) is job
    store.sweep(now=time.monotonic() + 61)
    assert not job.folder.exists() and store.get(job.id) is None


def test_too_many_waiting_builds_are_refused(tmp_path):
    from generator.web.uploads import BadRequest

    store = JobStore(tmp_path, running=1, waiting=1)
    first = store.submit(request())
    try:
        store.submit(request())
    except BadRequest as exc:
        assert exc.status == 503 and "太多" in exc.message
    else:
        raise AssertionError("a second waiting build was accepted")
    assert first.done.wait(120)
    store.close()
    assert not first.folder.exists()


def test_drafts_are_removed_after_a_time_and_beyond_the_limit(tmp_path):
    store = DraftStore(tmp_path, ttl=100, limit=2)
    a, b = store.create(), store.create()
    a.store(Upload("outline", "提纲.txt", SEED.read_bytes()))
    assert a.parsed and a.parsed["source"] == "提纲.txt" and (a.folder / "outline.txt").is_file()
    assert store.get(a.token) is a and store.get("../" + a.token) is None and store.get(None) is None
    c = store.create()   # -- over the limit: the least recently used (b) goes --
    assert store.get(b.token) is None and not b.folder.exists()
    store.sweep(now=time.monotonic() + 101)
    assert store.get(a.token) is None and store.get(c.token) is None
    assert not a.folder.exists() and not c.folder.exists()


def test_a_bad_outline_in_a_draft_keeps_its_message():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        draft = DraftStore(Path(folder)).create()
        draft.store(Upload("outline", "图.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))
        assert draft.parsed is None and "图.txt" in draft.error and "图片" in draft.error


def test_an_outline_that_takes_too_long_to_read_is_stopped(tmp_path, monkeypatch):
    import subprocess
    import sys

    from generator.web import jobs
    from generator.web.uploads import BadRequest

    path = tmp_path / "outline.txt"
    path.write_bytes(SEED.read_bytes())
    assert jobs.parse_in_worker(path, "提纲.txt")["source"] == "提纲.txt"

    def stuck_worker(folder):
        return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, start_new_session=True)

    monkeypatch.setattr(jobs, "_start", stuck_worker)
    started = time.monotonic()
    try:
        jobs.parse_in_worker(path, "长.txt", timeout=1)
    except BadRequest as exc:
        assert exc.field == "outline" and "超过 1 秒" in exc.message
    else:
        raise AssertionError("the parse was not stopped")
    assert time.monotonic() - started < 15


def test_stopping_a_build_stops_the_libreoffice_it_started(tmp_path, monkeypatch):
    """LibreOffice runs in a session of its own (so that a timeout can stop its children): a build stopped at its
    time limit must still stop it, and leave no LibreOffice work folder behind."""
    import pytest

    if not hasattr(os, "killpg"):
        pytest.skip("process groups and /proc are POSIX")
    fake = tmp_path / "bin"
    fake.mkdir()
    pid_file = tmp_path / "soffice.pid"
    soffice = fake / "soffice"
    soffice.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 60\n", encoding="utf-8")
    soffice.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(temp))
    store = JobStore(tmp_path / "jobs", timeout=8)
    job = store.submit(request(pdf=True))
    assert job.done.wait(60)
    assert job.state == "failed" and "已停止" in job.error, job.error
    assert pid_file.exists(), "the build never reached LibreOffice"
    soffice_pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while Path(f"/proc/{soffice_pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{soffice_pid}").exists() or "Z" in Path(f"/proc/{soffice_pid}/stat").read_text().split()[2]
    assert not list(temp.glob("huiwu-lo-*"))
