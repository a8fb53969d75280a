"""PDF export over several LibreOffice processes: files shared out, one private profile each, all or nothing."""
from __future__ import annotations

import threading

import pytest

from generator import libreoffice

from .helpers import fake_libreoffice


def make_files(tmp_path, count: int) -> list:
    files = []
    for index in range(count):
        folder = tmp_path / f"o{index}"
        folder.mkdir()
        path = folder / ("学习课件.pptx" if index % 3 == 0 else "会议纪要.docx")
        path.write_bytes(b"x" * (1000 if index % 3 == 0 else 10))
        files.append(path)
    return files


def test_files_are_shared_over_one_run_per_core(tmp_path, monkeypatch):
    files = make_files(tmp_path, 12)
    calls, lock = [], threading.Lock()
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(calls, lock))
    result = libreoffice.convert(files, "pdf", jobs=2)
    assert len(calls) == 2
    profiles = {a for c in calls for a in c if a.startswith("-env:UserInstallation=")}
    assert len(profiles) == 2, "each LibreOffice process has its own profile"
    sizes = [sum(1 for a in c if a.endswith((".docx", ".pptx"))) for c in calls]
    assert sorted(sizes) == [6, 6] and not result.failed
    assert sorted(result.written) == sorted(f.with_suffix(".pdf") for f in files)


def test_few_files_take_one_run(tmp_path, monkeypatch):
    calls, lock = [], threading.Lock()
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(calls, lock))
    libreoffice.convert(make_files(tmp_path, 3), "pdf", jobs=8)
    assert len(calls) == 1


def test_an_interrupted_export_writes_nothing_half_made(tmp_path, monkeypatch):
    files = make_files(tmp_path, 12)
    lock = threading.Lock()
    started = []

    def interrupted(command, timeout):
        with lock:
            started.append(command)
            first = len(started) == 1
        if first:
            raise KeyboardInterrupt
        fake_libreoffice([], lock)(command, timeout)

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(libreoffice, "_run", interrupted)
    with pytest.raises(KeyboardInterrupt):
        libreoffice.convert(files, "pdf", jobs=2)
    for path in files:
        pdf = path.with_suffix(".pdf")
        assert not pdf.exists() or pdf.read_bytes() == b"%PDF", "only complete results are in place"
        assert not [p for p in path.parent.iterdir() if p.name.startswith(".~")]
