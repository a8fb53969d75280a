"""The part of a LibreOffice profile kept between runs (lo_profile): the extension registry of a run that converted
all its files is kept per installation, later runs start from a copy, a cut one is never used, and one a run
converted nothing with is forgotten and the run done again."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from generator import libreoffice, lo_profile

from .helpers import make_docx

SOFFICE = "/usr/bin/soffice"


class FakeOffice:
    """Stands in for one LibreOffice run (libreoffice._run): it notes whether the profile came with a registry
    (and the time it was given), writes one (as LibreOffice does on a new profile) and a PDF per input, and
    returns its exit status. `broken` makes a run that started from a kept registry exit at once with an error
    (as LibreOffice does on a cut one); `fail` leaves the first inputs out (inputs it cannot convert: status 0)."""

    def __init__(self, broken: bool = False, fail: int = 0):
        self.broken, self.fail = broken, fail
        self.started_with: list[str | None] = []
        self.timeouts: list[float] = []

    def __call__(self, command, timeout):
        profile = Path(unquote(urlparse(next(a for a in command if a.startswith("-env:UserInstallation="))
                                        .split("=", 1)[1]).path))
        registry = profile / "user" / lo_profile.REGISTRY
        mark = registry / "mark"
        self.started_with.append(mark.read_text() if mark.exists() else None)
        self.timeouts.append(timeout)
        if self.broken and mark.exists():
            return 134
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
        return 0


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
    kept_again, keep = [], lo_profile.keep
    monkeypatch.setattr(lo_profile, "keep", lambda *args: kept_again.append(args))
    assert len(libreoffice.convert(files, jobs=1).written) == 2
    assert office.started_with == [None, "run 1"]
    assert not kept_again, "a run that started from the kept registry leaves it alone (no checking it again)"
    monkeypatch.setattr(lo_profile, "keep", keep)
    assert kept.stat().st_ino == first, "a sound registry is kept as it is, not copied again after every run"
    made = tmp_path / "another" / "user" / lo_profile.REGISTRY      # -- a run that ended with it meanwhile --
    shutil.copytree(kept, made)
    lo_profile.keep(made.parent.parent, SOFFICE)
    assert kept.stat().st_ino == first
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
    result = libreoffice.convert(inputs(tmp_path), jobs=1, timeout=60)
    assert len(result.written) == 2 and not result.failed
    assert office.started_with == [None, "run 1", None]
    assert (lo_profile.kept_registry(SOFFICE) / "mark").read_text() == "run 3"
    assert office.timeouts[2] < office.timeouts[1] <= 60, "the run done again has only the time left"


def test_an_input_libreoffice_cannot_convert_leaves_the_kept_registry_alone(tmp_path, cache, monkeypatch):
    """A broken .doc (or a PDF held open in a reader) makes nothing, but LibreOffice ends well: the registry is
    not to blame, and the run is not done again."""
    office = FakeOffice()
    monkeypatch.setattr(libreoffice, "_run", office)
    libreoffice.convert(inputs(tmp_path), jobs=1)
    office.fail = 2
    result = libreoffice.convert(inputs(tmp_path), jobs=1)
    assert len(result.failed) == 2 and office.started_with == [None, "run 1"]
    assert lo_profile.sound(lo_profile.kept_registry(SOFFICE))


def test_a_run_that_timed_out_is_not_done_again(tmp_path, cache, monkeypatch):
    import subprocess

    office = FakeOffice()
    monkeypatch.setattr(libreoffice, "_run", office)
    libreoffice.convert(inputs(tmp_path), jobs=1)

    def hang(command, timeout):
        office(command, timeout)
        raise subprocess.TimeoutExpired(command, timeout)

    monkeypatch.setattr(libreoffice, "_run", hang)
    office.broken = True
    result = libreoffice.convert(inputs(tmp_path), jobs=1)
    assert result.timed_out and office.started_with == [None, "run 1"]
    assert lo_profile.sound(lo_profile.kept_registry(SOFFICE))


def test_a_planned_run_that_converts_nothing_from_the_kept_registry_forgets_it(tmp_path, cache, monkeypatch):
    """A batch with --pdf (libreoffice.Pending): its files are converted once more with a new profile."""
    office = FakeOffice()
    monkeypatch.setattr(libreoffice, "_run", office)
    monkeypatch.setattr(libreoffice, "_start", lambda command: _Done(office(command, 60)))
    monkeypatch.setattr(libreoffice, "_wait", lambda process, timeout: process.status)
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

    def __init__(self, status):
        self.status = status

    def poll(self):
        return self.status


def test_each_installation_has_its_own_registry(tmp_path, cache):
    soffice = tmp_path / "soffice"
    soffice.write_text("#!/bin/sh\n")
    before = lo_profile.kept_registry(str(soffice))
    os.utime(soffice, ns=(1, 1))
    assert lo_profile.kept_registry(str(soffice)) != before, "an updated LibreOffice starts a registry of its own"
    assert lo_profile.kept_registry(str(tmp_path / "other")) != before


def test_a_registry_copied_in_part_is_not_kept_nor_used(tmp_path, cache, monkeypatch):
    """A copy cut short (a full disk, another huiwu removing the kept one meanwhile) is neither put in place
    as the kept registry nor counted as the start of a run's profile."""
    office = FakeOffice()
    monkeypatch.setattr(libreoffice, "_run", office)
    real = shutil.copytree

    def copying_in_part(fail: bool):
        """shutil.copytree that leaves out the build id (and then fails, when `fail`)."""
        busy = []

        def copytree(source, target, *args, **kwargs):
            if busy:      # -- copytree's own calls for subfolders --
                return real(source, target, *args, **kwargs)
            busy.append(True)
            try:
                real(source, target, *args, **kwargs)
            finally:
                busy.clear()
            (Path(target) / "buildid").unlink()
            if fail:
                raise OSError(28, "No space left on device")

        return copytree

    monkeypatch.setattr(shutil, "copytree", copying_in_part(fail=True))
    libreoffice.convert(inputs(tmp_path), jobs=1)
    kept = lo_profile.kept_registry(SOFFICE)
    assert not kept.exists() and not list(kept.parent.iterdir())
    monkeypatch.setattr(shutil, "copytree", real)
    libreoffice.convert(inputs(tmp_path), jobs=1)
    assert lo_profile.sound(kept)
    for fail in (True, False):
        profile = tmp_path / f"profile-{fail}"
        monkeypatch.setattr(shutil, "copytree", copying_in_part(fail))
        assert lo_profile.new_profile(profile, {}, SOFFICE) is False
        assert not (profile / "user" / lo_profile.REGISTRY).exists()


def test_forgetting_renames_the_registry_away_before_removing_it(tmp_path, cache, monkeypatch):
    """Removed in place, a registry another huiwu is copying would be copied in part."""
    monkeypatch.setattr(libreoffice, "_run", FakeOffice())
    libreoffice.convert(inputs(tmp_path), jobs=1)
    kept = lo_profile.kept_registry(SOFFICE)
    removed = []
    real = shutil.rmtree
    monkeypatch.setattr(shutil, "rmtree", lambda path, **kwargs: (removed.append(Path(path)), real(path, **kwargs)))
    lo_profile.forget(SOFFICE)
    assert not kept.exists() and kept not in removed and removed and removed[0].name.startswith(".~")


def test_leftovers_of_an_interrupted_keep_are_swept_after_an_hour(tmp_path, cache, monkeypatch):
    kept = lo_profile.kept_registry(SOFFICE)
    kept.parent.mkdir(parents=True)
    old, new = kept.parent / ".~old", kept.parent / ".~new"
    old.mkdir()
    new.mkdir()
    os.utime(old, (1, 1))
    monkeypatch.setattr(libreoffice, "_run", FakeOffice())
    libreoffice.convert(inputs(tmp_path), jobs=1)
    assert not old.exists() and new.exists() and lo_profile.sound(kept)


def test_a_profile_that_cannot_be_written_leaves_no_folder(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(libreoffice.tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lo_profile, "write_profile", refuse)
    with pytest.raises(OSError):
        libreoffice.convert(inputs(tmp_path), jobs=1)
    assert not list((tmp_path / "tmp").iterdir())


def test_ctrl_c_while_libreoffice_starts_stops_it(monkeypatch):
    """LibreOffice runs in a session of its own: started but not recorded when Ctrl-C comes, it would outlive
    huiwu. Ctrl-C is held back until it is recorded, then stops it."""
    import signal
    import subprocess

    spawned, killed = [], []

    class Spawn:
        pid = -1

        def __init__(self, command, **kwargs):
            spawned.append(self)
            signal.raise_signal(signal.SIGINT)     # Ctrl-C while Popen waits for the child to start

        def wait(self, timeout=None):
            return -9

        def kill(self):
            pass

    monkeypatch.setattr(subprocess, "Popen", Spawn)
    monkeypatch.setattr(libreoffice, "_kill", killed.append)
    with pytest.raises(KeyboardInterrupt):
        libreoffice._start(["/usr/bin/fake-lo"])
    assert killed == spawned and len(spawned) == 1 and not libreoffice._RUNNING
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


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
