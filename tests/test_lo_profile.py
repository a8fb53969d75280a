"""The part of a LibreOffice profile kept between runs (lo_profile): the extension registry of a run that converted
all its files is kept per installation, later runs start from a copy, a cut one is never used, and one a run
converted nothing with is forgotten and the run done again."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from generator import libreoffice, lo_profile

from .helpers import make_docx

SOFFICE = "/usr/bin/soffice"


class FakeOffice:
    """Stands in for one LibreOffice run (libreoffice._run): it notes whether the profile came with a registry,
    writes one (as LibreOffice does on a new profile) and a PDF per input; `broken` makes a run that started
    from a kept registry convert nothing, `fail` leaves the named inputs out."""

    def __init__(self, broken: bool = False, fail: int = 0):
        self.broken, self.fail = broken, fail
        self.started_with: list[str | None] = []

    def __call__(self, command, timeout):
        profile = Path(unquote(urlparse(next(a for a in command if a.startswith("-env:UserInstallation="))
                                        .split("=", 1)[1]).path))
        registry = profile / "user" / lo_profile.REGISTRY
        mark = registry / "mark"
        self.started_with.append(mark.read_text() if mark.exists() else None)
        if self.broken and mark.exists():
            return
        registry.mkdir(parents=True, exist_ok=True)
        (registry / "buildid").write_text("40(Build:2)")
        (registry / "shared").mkdir(exist_ok=True)
        (registry / "shared" / "backenddb.xml").write_text("<?xml version='1.0'?><backend-db/>")
        if not mark.exists():
            mark.write_text(f"run {len(self.started_with)}")
        outdir = command[command.index("--outdir") + 1]
        os.makedirs(outdir, exist_ok=True)
        for arg in command[command.index(outdir) + 1 + self.fail:]:
            Path(outdir, Path(arg).stem + ".pdf").write_bytes(b"%PDF")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HUIWU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: SOFFICE)
    return tmp_path / "cache"


def inputs(tmp_path, count=2) -> list[Path]:
    files = []
    for index in range(count):
        path = tmp_path / f"件{index}.docx"
        path.write_bytes(b"PK")
        files.append(path)
    return files


def test_a_run_that_converts_all_its_files_leaves_its_registry_to_the_next(tmp_path, cache, monkeypatch):
    office = FakeOffice()
    monkeypatch.setattr(libreoffice, "_run", office)
    files = inputs(tmp_path)
    assert len(libreoffice.convert(files, jobs=1).written) == 2
    kept = lo_profile.kept_registry(SOFFICE)
    assert kept.is_relative_to(cache) and lo_profile.sound(kept)
    first = kept.stat().st_ino
    assert len(libreoffice.convert(files, jobs=1).written) == 2
    assert office.started_with == [None, "run 1"]
    assert kept.stat().st_ino == first, "a sound registry is kept as it is, not copied again after every run"
    assert not list(kept.parent.glob(".~*")), "no half-copied registry left beside it"


def test_a_run_that_missed_a_file_keeps_nothing(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(libreoffice, "_run", FakeOffice(fail=1))
    result = libreoffice.convert(inputs(tmp_path), jobs=1)
    assert len(result.failed) == 1
    assert not lo_profile.kept_registry(SOFFICE).exists()


def test_a_cut_registry_is_never_used(tmp_path, cache, monkeypatch):
    """LibreOffice does not start on a registry whose XML is cut short (it exits at once, writing nothing)."""
    office = FakeOffice()
    monkeypatch.setattr(libreoffice, "_run", office)
    libreoffice.convert(inputs(tmp_path), jobs=1)
    kept = lo_profile.kept_registry(SOFFICE)
    (kept / "shared" / "backenddb.xml").write_text("<?xml version='1.0'?><backend-d")
    assert not lo_profile.sound(kept)
    assert len(libreoffice.convert(inputs(tmp_path), jobs=1).written) == 2
    assert office.started_with == [None, None]
    assert lo_profile.sound(kept), "the cut one is replaced by the sound one of the run that followed"


def test_a_run_that_converts_nothing_from_the_kept_registry_forgets_it_and_runs_again(tmp_path, cache, monkeypatch):
    office = FakeOffice()
    monkeypatch.setattr(libreoffice, "_run", office)
    libreoffice.convert(inputs(tmp_path), jobs=1)
    office.broken = True
    result = libreoffice.convert(inputs(tmp_path), jobs=1)
    assert len(result.written) == 2 and not result.failed
    assert office.started_with == [None, "run 1", None]
    assert (lo_profile.kept_registry(SOFFICE) / "mark").read_text() == "run 3"


def test_a_planned_run_that_converts_nothing_from_the_kept_registry_forgets_it(tmp_path, cache, monkeypatch):
    """A batch with --pdf (libreoffice.Pending): its files are converted once more with a new profile."""
    office = FakeOffice()
    monkeypatch.setattr(libreoffice, "_run", office)
    monkeypatch.setattr(libreoffice, "_start", lambda command: office(command, 60) or _Done())
    monkeypatch.setattr(libreoffice, "_wait", lambda process, timeout: None)
    libreoffice.convert(inputs(tmp_path), jobs=1)
    office.broken = True
    files = inputs(tmp_path, 3)
    pending = libreoffice.Pending(SOFFICE, files, "pdf", {}, timeout=60, jobs=1)
    for path in files:
        pending.ready(path)
    result = pending.finish()
    assert sorted(result.written) == sorted(p.with_suffix(".pdf") for p in files) and not result.failed
    assert office.started_with == [None, "run 1", None]


class _Done:
    pid = -1

    def poll(self):
        return 0


def test_each_installation_has_its_own_registry(tmp_path, cache):
    soffice = tmp_path / "soffice"
    soffice.write_text("#!/bin/sh\n")
    before = lo_profile.kept_registry(str(soffice))
    os.utime(soffice, ns=(1, 1))
    assert lo_profile.kept_registry(str(soffice)) != before, "an updated LibreOffice starts a registry of its own"
    assert lo_profile.kept_registry(str(tmp_path / "other")) != before


def test_a_registry_that_cannot_be_kept_changes_nothing(tmp_path, cache, monkeypatch):
    """A cache folder that cannot be written (a locked-down profile) only costs the time."""
    cache.write_text("not a folder")
    monkeypatch.setattr(libreoffice, "_run", FakeOffice())
    assert len(libreoffice.convert(inputs(tmp_path), jobs=1).written) == 2


@pytest.mark.render("soffice")
def test_libreoffice_starts_from_the_kept_registry(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("HUIWU_CACHE_DIR", str(cache))
    source = make_docx(tmp_path / "甲.docx", [("第一段。", None)])
    assert libreoffice.convert([source]).written == [source.with_suffix(".pdf")]
    kept = lo_profile.kept_registry(libreoffice.find_soffice())
    assert lo_profile.sound(kept) and list(kept.rglob("backenddb.xml"))
    # -- cut short, as a full disk might leave it: LibreOffice would exit at once; it is not used, and replaced --
    for path in kept.rglob("backenddb.xml"):
        path.write_bytes(path.read_bytes()[:50])
    source.with_suffix(".pdf").unlink()
    assert libreoffice.convert([source]).written == [source.with_suffix(".pdf")]
    assert lo_profile.sound(kept)
