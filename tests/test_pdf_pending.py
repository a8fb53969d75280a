"""A batch with --pdf starts LibreOffice while it builds (libreoffice.Pending): files handed over in time are
converted in that run, files LibreOffice reached too early are converted once more, files never written are
neither converted nor reported, and nothing is left in the temporary folders."""
from __future__ import annotations

import os
import threading
import time

import pytest
from typer.testing import CliRunner

from generator import batch, libreoffice
from generator.cli import app

from .conftest import SEED

runner = CliRunner()


def fake_libreoffice(calls: list, gate: threading.Event | None = None):
    """A stand-in for libreoffice._run that converts each input that exists when it gets to it (as LibreOffice
    does), after waiting for `gate` when given."""
    lock = threading.Lock()

    def run(command, timeout):
        if gate is not None:
            gate.wait(10)
        outdir = command[command.index("--outdir") + 1]
        inputs = command[command.index(outdir) + 1:]
        with lock:
            calls.append([os.path.exists(arg) for arg in inputs])
        os.makedirs(outdir, exist_ok=True)
        for arg in inputs:
            if os.path.exists(arg):
                with open(os.path.join(outdir, os.path.splitext(os.path.basename(arg))[0] + ".pdf"), "wb") as handle:
                    handle.write(b"%PDF")

    return run


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
def fake(monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    calls: list = []
    return calls


def test_files_handed_over_in_time_are_converted_in_that_run(tmp_path, fake, monkeypatch):
    gate = threading.Event()
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(fake, gate))
    files = planned(tmp_path)
    pending = libreoffice.Pending("/usr/bin/soffice", files, "pdf", {}, timeout=60, jobs=2)
    for path in files:
        write(path)
        pending.ready(path)
    gate.set()      # LibreOffice has started: it reaches the first file now
    result = pending.finish()
    assert sorted(result.written) == sorted(p.with_suffix(".pdf") for p in files)
    assert not result.failed and len(fake) == 2 and all(all(seen) for seen in fake)
    assert not any(run.work.exists() for run in pending.runs)


def test_files_reached_too_early_are_converted_once_more(tmp_path, fake, monkeypatch):
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(fake))     # reaches every file before it is written
    files = planned(tmp_path)
    pending = libreoffice.Pending("/usr/bin/soffice", files, "pdf", {}, timeout=60, jobs=2)
    for thread in pending.threads:
        thread.join(10)
    for path in files[:3]:          # the second outline failed: its files are never written
        write(path)
        pending.ready(path)
    result = pending.finish()
    assert sorted(result.written) == sorted(p.with_suffix(".pdf") for p in files[:3])
    assert not result.failed, "a file never written is the build's failure, not the PDF export's"
    assert [all(seen) for seen in fake] == [False, False, True], "two runs too early, one run again for the three"
    assert not any(p.with_suffix(".pdf").exists() for p in files[3:])


def test_decks_are_shared_out_by_their_cost(tmp_path):
    """Before the files exist their sizes are unknown: a deck counts as seven Word files, so each run gets a
    deck and the runs end together; each run takes its files in the order the outlines are built."""
    files = planned(tmp_path, 4)
    chunks = libreoffice._share(files, 2, size=lambda p: libreoffice.Pending.COST[p.suffix])
    assert sorted(sum(p.suffix == ".pptx" for p in chunk) for chunk in chunks) == [2, 2]
    assert sorted(len(chunk) for chunk in chunks) == [6, 6]


def test_a_batch_hands_each_outlines_files_over_as_it_is_built(tmp_path, fake, monkeypatch):
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(fake))
    started = []
    real = batch._start_pdfs

    def spy(*args):
        pending = real(*args)
        started.append(pending)
        return pending

    monkeypatch.setattr(batch, "_start_pdfs", spy)
    result = build_two_outlines(tmp_path)
    assert result.exit_code == 0, result.output
    assert len(started) == 1 and started[0].handed == started[0].files
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.pdf")) == sorted(["会议纪要.pdf", "学习课件.pdf", "学习要点.pdf"] * 2)
    assert not any(run.work.exists() for run in started[0].runs)


def test_a_single_outline_or_a_pack_converts_after_the_build(tmp_path, fake, monkeypatch):
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(fake))
    monkeypatch.setattr(batch, "_start_pdfs", lambda *a: pytest.fail("LibreOffice started before the files exist"))
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 3 and all(all(seen) for seen in fake)


def test_an_interrupted_batch_stops_its_libreoffice_runs(tmp_path, fake, monkeypatch):
    gate = threading.Event()
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(fake, gate))
    pending = libreoffice.Pending("/usr/bin/soffice", planned(tmp_path), "pdf", {}, timeout=60, jobs=2)
    stopped = []
    monkeypatch.setattr(libreoffice, "_stop_all", lambda: (stopped.append(True), gate.set()))
    started = time.monotonic()
    pending.cancel()
    assert stopped and time.monotonic() - started < 5
    assert not any(run.work.exists() for run in pending.runs)


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


def test_an_interrupt_after_the_build_stops_libreoffice_too(tmp_path, fake, monkeypatch):
    """Ctrl-C while the PDFs are made: the LibreOffice runs started during the build are stopped (they run in a
    session of their own and would outlive huiwu) and their folders removed."""
    gate = threading.Event()
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(fake, gate))
    started, cancelled = [], []
    real = batch._start_pdfs

    def spy(*args):
        pending = real(*args)
        started.append(pending)
        monkeypatch.setattr(pending, "cancel", lambda real_cancel=pending.cancel: (cancelled.append(True), gate.set(),
                                                                                   real_cancel()))
        return pending

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "_start_pdfs", spy)
    monkeypatch.setattr(batch, "_export_pdfs", interrupted)
    build_two_outlines(tmp_path)
    assert started and cancelled
    assert not any(run.work.exists() for run in started[0].runs)
