"""A batch with --pdf starts LibreOffice while it builds (libreoffice.Pending): files handed over in time are
converted in that run, files LibreOffice reached too early are converted once more, files never written are
neither converted nor reported, and nothing is left in the temporary folders."""
from __future__ import annotations

import os
import time

import pytest
from typer.testing import CliRunner

from generator import batch, libreoffice
from generator.cli import app

from .conftest import SEED

runner = CliRunner()


class FakeOffice:
    """Stands in for LibreOffice at the process level (libreoffice._start and _wait): a run converts each input
    that exists when it reaches it, which is when it is waited for (`reach="wait"`, LibreOffice started early
    enough) or at once (`reach="start"`, every file reached before it was written)."""

    def __init__(self, reach: str = "wait"):
        self.reach = reach
        self.runs: list[list[bool]] = []      # per run: which inputs existed when it reached them
        self.killed: list = []
        self.started: list = []

    def start(self, command):
        process = _FakeProcess(command)
        self.started.append(process)
        if self.reach == "start":
            self.convert(process)
        return process

    def wait(self, process, timeout):
        if not process.converted:
            self.convert(process)
        process.returncode = 0

    def convert(self, process) -> None:
        process.converted = True
        command = process.command
        outdir = command[command.index("--outdir") + 1]
        inputs = command[command.index(outdir) + 1:]
        self.runs.append([os.path.exists(arg) for arg in inputs])
        os.makedirs(outdir, exist_ok=True)
        for arg in inputs:
            if os.path.exists(arg):
                with open(os.path.join(outdir, os.path.splitext(os.path.basename(arg))[0] + ".pdf"), "wb") as handle:
                    handle.write(b"%PDF")


class _FakeProcess:
    pid = -1

    def __init__(self, command):
        self.command, self.returncode, self.converted = command, None, False

    def poll(self):
        return self.returncode

    def wait(self, timeout=None):
        self.returncode = -9
        return self.returncode


def planned(tmp_path, count=2):
    files = []
    for index in range(count):
        folder = tmp_path / f"提纲{index + 1}"
        files += [folder / "会议纪要.docx", folder / "学习课件.pptx", folder / "学习要点.docx"]
    return files


def write(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK" + path.name.encode())


def build_two_outlines(tmp_path):
    """`huiwu build FOLDER --pdf --jobs 2` on a folder of two outlines (a batch: worker processes)."""
    folder = tmp_path / "提纲"
    folder.mkdir()
    for name in ("甲", "乙"):
        (folder / f"{name}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return runner.invoke(app, ["build", str(folder), "-o", str(tmp_path / "out"), "--pdf", "--jobs", "2"])


@pytest.fixture
def office(monkeypatch):
    fake = FakeOffice()
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(libreoffice, "_start", fake.start)
    monkeypatch.setattr(libreoffice, "_wait", fake.wait)
    monkeypatch.setattr(libreoffice, "_run", lambda command, timeout: fake.wait(fake.start(command), timeout))
    monkeypatch.setattr(libreoffice, "_kill", fake.killed.append)
    return fake


def test_files_handed_over_in_time_are_converted_in_that_run(tmp_path, office):
    files = planned(tmp_path)
    pending = libreoffice.Pending("/usr/bin/soffice", files, "pdf", {}, timeout=60, jobs=2)
    for path in files:
        write(path)
        pending.ready(path)
    result = pending.finish()
    assert sorted(result.written) == sorted(p.with_suffix(".pdf") for p in files)
    assert not result.failed and len(office.runs) == 2 and all(all(seen) for seen in office.runs)
    assert not any(run.work.exists() for run in pending.runs)


def test_files_reached_too_early_are_converted_once_more(tmp_path, office):
    office.reach = "start"      # every file is reached before it is written
    files = planned(tmp_path)
    pending = libreoffice.Pending("/usr/bin/soffice", files, "pdf", {}, timeout=60, jobs=2)
    for path in files[:3]:          # the second outline failed: its files are never written
        write(path)
        pending.ready(path)
    result = pending.finish()
    assert sorted(result.written) == sorted(p.with_suffix(".pdf") for p in files[:3])
    assert not result.failed, "a file never written is the build's failure, not the PDF export's"
    assert [all(seen) for seen in office.runs] == [False, False, True], "two runs too early, one run again for the three"
    assert not any(p.with_suffix(".pdf").exists() for p in files[3:])


def test_a_run_starts_with_the_first_file_handed_to_it(tmp_path, office):
    """Started before its files exist, LibreOffice (half a second to start) reached them before a short build had
    written them, and all were converted again; a run whose files are never written never starts."""
    files = planned(tmp_path)
    pending = libreoffice.Pending("/usr/bin/soffice", files, "pdf", {}, timeout=60, jobs=2)
    assert len(pending.runs) == 2 and not office.started
    first, second = (run for run in pending.runs)
    handed = next(iter(first.inputs))
    write(handed)
    pending.ready(handed)
    assert [p.command for p in office.started] == [first.command]
    write(handed)
    pending.ready(handed)
    assert len(office.started) == 1, "one start per run"
    result = pending.finish()
    assert result.written == [handed.with_suffix(".pdf")] and not result.failed
    assert second.command not in [p.command for p in office.started]


def test_decks_are_shared_out_by_their_cost(tmp_path):
    """Before the files exist their sizes are unknown: a deck counts as seven Word files, so each run gets a
    deck and the runs end together; each run takes its files in the order the outlines are built."""
    files = planned(tmp_path, 4)
    chunks = libreoffice._share(files, 2, size=lambda p: libreoffice.Pending.COST[p.suffix])
    assert sorted(sum(p.suffix == ".pptx" for p in chunk) for chunk in chunks) == [2, 2]
    assert sorted(len(chunk) for chunk in chunks) == [6, 6]


def spy_on_pdfs(monkeypatch) -> list:
    started = []
    real = batch._start_pdfs

    def spy(*args):
        pending = real(*args)
        started.append(pending)
        return pending

    monkeypatch.setattr(batch, "_start_pdfs", spy)
    return started


def test_a_batch_hands_each_outlines_files_over_as_it_is_built(tmp_path, office, monkeypatch):
    started = spy_on_pdfs(monkeypatch)
    result = build_two_outlines(tmp_path)
    assert result.exit_code == 0, result.output
    assert len(started) == 1 and started[0].handed == started[0].files
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.pdf")) == sorted(["会议纪要.pdf", "学习课件.pdf", "学习要点.pdf"] * 2)
    assert all(all(seen) for seen in office.runs) and not any(run.work.exists() for run in started[0].runs)


def test_one_outline_with_pdf_still_forks_its_deck(tmp_path, office, monkeypatch):
    """No thread watches the runs, so the deck's child may still be forked (fork.available needs one thread)."""
    from generator import fork

    started, forked = spy_on_pdfs(monkeypatch), []
    real = fork.prepare
    monkeypatch.setattr(fork, "prepare", lambda *a, **k: forked.append(fork.available()) or real(*a, **k))
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 0, result.output
    assert started[0] is not None and started[0].handed == started[0].files
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 3
    assert forked == ([True] if fork.available() else [])


def test_a_pack_converts_after_the_build(tmp_path, office, monkeypatch):
    """With 支部学习包 the files are known only once the list is read: LibreOffice starts after the build."""
    started = spy_on_pdfs(monkeypatch)
    listing = tmp_path / "支部.csv"
    listing.write_text("支部名称,主讲人,党员\n第一党支部,张三,李四、王五\n", encoding="utf-8-sig")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--pdf", "--branches", str(listing)])
    assert result.exit_code == 0, result.output
    assert started == [None] and len(list((tmp_path / "out").rglob("*.pdf"))) == 4


def test_an_interrupt_after_the_build_stops_libreoffice_too(tmp_path, office, monkeypatch):
    """Ctrl-C while the PDFs are made: the LibreOffice runs started for the build are stopped (they run in a
    session of their own and would outlive huiwu) and their folders removed."""
    started = spy_on_pdfs(monkeypatch)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "_export_pdfs", interrupted)
    build_two_outlines(tmp_path)
    assert len(office.killed) == 2, "both runs stopped"
    assert not any(run.work.exists() for run in started[0].runs)


@pytest.mark.render("soffice", "pdfinfo")
def test_a_real_batch_with_pdf(tmp_path):
    import subprocess

    result = build_two_outlines(tmp_path)
    assert result.exit_code == 0, result.output
    pdfs = sorted((tmp_path / "out").rglob("*.pdf"))
    assert len(pdfs) == 6
    pages = {p.name: int(next(line.split()[-1] for line in subprocess.run(["pdfinfo", str(p)], capture_output=True,
                                                                            text=True).stdout.splitlines()
                                   if line.startswith("Pages:"))) for p in pdfs}
    assert pages["学习课件.pdf"] > 20 and pages["会议纪要.pdf"] >= 2


def test_libreoffice_that_cannot_start_is_said_once(tmp_path, office, monkeypatch):
    def refuse(command):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(libreoffice, "_start", refuse)
    files = planned(tmp_path, 1)
    pending = libreoffice.Pending("/usr/bin/soffice", files, "pdf", {}, timeout=60)
    for path in files:
        write(path)
        pending.ready(path)
    result = pending.finish()
    assert result.cannot_start == "Permission denied" and not result.written
    assert sorted(result.failed) == sorted(files), "not converted again: it would fail the same way"
    assert result.note("pdf", 60).startswith("无法启动 LibreOffice（Permission denied）")
    assert not any(run.work.exists() for run in pending.runs)


def test_the_time_limit_counts_from_the_end_of_the_build(tmp_path, office, monkeypatch):
    """LibreOffice started during the build is given the whole limit once the files are there: a long build is not
    its time (a 600 s limit and a 590 s batch left 10 s and dropped the PDFs)."""
    limits = []
    wait = office.wait
    monkeypatch.setattr(libreoffice, "_wait", lambda process, timeout: (limits.append(timeout), wait(process, timeout)))
    files = planned(tmp_path, 1)
    pending = libreoffice.Pending("/usr/bin/soffice", files, "pdf", {}, timeout=1.0)
    time.sleep(1.2)       # the build
    for path in files:
        write(path)
        pending.ready(path)
    result = pending.finish()
    assert limits and min(limits) > 0.5 and len(result.written) == 3 and not result.timed_out


def test_a_start_that_fails_half_way_leaves_nothing(tmp_path, office, monkeypatch):
    made = []
    real = libreoffice._stage

    def stage(*args):
        if made:
            raise OSError(28, "No space left on device")
        made.append(real(*args))
        return made[-1]

    monkeypatch.setattr(libreoffice, "_stage", stage)
    with pytest.raises(OSError):
        libreoffice.Pending("/usr/bin/soffice", planned(tmp_path, 2), "pdf", {}, timeout=60, jobs=2)
    assert made and not made[0].work.exists()
    assert not office.killed and not office.started, "no run starts before a file is handed over"
