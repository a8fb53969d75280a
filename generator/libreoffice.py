"""Every LibreOffice run huiwu makes: headless, one run for many files, a private profile, a timeout, atomic results.

    convert(files, to="pdf")                    → FILE.pdf beside each file
    convert(files, to="docx", outdir=folder)    → folder/FILE.docx (.doc/.wps/.rtf/.odt outlines, office_input)

Both return a Conversion: the files written, and what went wrong for the caller to say in its own words.

The private profile (lo_profile.py) keeps the run apart from a LibreOffice the user has open (which would otherwise
receive the job and exit at once) and carries the configuration huiwu needs: the font replacement table (Tools ▸
Options ▸ Fonts) that prints a missing official face in an installed stand-in.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import lo_profile
from .errors import OutputError
from .write import write_atomic

INSTALL_HINT = ("未找到 LibreOffice，已跳过 {what}（其他文件已生成）。安装方法：Debian/Ubuntu 执行 "
                "sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui fonts-noto-cjk；"
                "Windows 请安装 LibreOffice 并把其 program 文件夹加入 PATH。")
#: --convert-to arguments per target extension (LibreOffice picks Writer's or Impress's PDF export itself).
_FILTERS = {"pdf": "pdf", "docx": "docx:MS Word 2007 XML", "pptx": "pptx:Impress MS PowerPoint 2007 XML"}
_WHAT = {"pdf": "PDF 导出", "docx": "转换为 .docx"}


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    for candidate in (r"C:\Program Files\LibreOffice\program\soffice.exe", "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.path.exists(candidate):
            return candidate
    return None


@dataclass
class Conversion:
    """What one LibreOffice run made: the results written, and what went wrong (for the caller's message)."""

    written: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)    # inputs with no result
    not_installed: bool = False
    timed_out: bool = False
    cannot_start: str | None = None                     # why LibreOffice could not be started
    write_error: str | None = None                      # why a result could not be put in place

    def merge(self, other: Conversion) -> None:
        """Add what another run made (and what went wrong in it) to this one."""
        self.written += other.written
        self.failed += other.failed
        self.timed_out = self.timed_out or other.timed_out
        self.cannot_start = self.cannot_start or other.cannot_start
        self.write_error = self.write_error or other.write_error

    def note(self, to: str, timeout: float) -> str | None:
        """One Chinese line for the user when something went wrong, else None."""
        what = _WHAT.get(to, f"转换为 .{to}")
        if self.not_installed:
            return INSTALL_HINT.format(what=what)
        if self.cannot_start:
            return f"无法启动 LibreOffice（{self.cannot_start}），已跳过{what}。"
        if self.timed_out:
            return f"LibreOffice 在 {int(timeout)} 秒内未完成转换，已停止；部分文件可能缺失。"
        if self.failed:
            return f"有 {len(self.failed)} 个文件未能转换为 .{to}" + (f"（{self.write_error}）" if self.write_error else "") + "。"
        return None


def convert(files: list[Path], to: str = "pdf", outdir: Path | None = None, *, substitutions: dict[str, str] | None = None,
            timeout: float = 600, jobs: int | None = None) -> Conversion:
    """Convert files with LibreOffice; write each result as STEM.<to> in `outdir` (default: beside its file).

    Many files are shared out over `jobs` LibreOffice processes (default: one per CPU core), each with its own
    private profile; `substitutions` maps missing font faces to installed stand-ins. Each result is renamed
    into place only when complete; an interrupted conversion stops every LibreOffice it started.
    """
    if not files:
        return Conversion()
    soffice = find_soffice()
    if not soffice:
        return Conversion(failed=list(files), not_installed=True)
    chunks = _share(files, jobs or os.cpu_count() or 1)
    if len(chunks) == 1:
        return _convert_run(soffice, chunks[0], to, outdir, substitutions or {}, timeout)
    from concurrent.futures import ThreadPoolExecutor

    result = Conversion()
    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
        futures = [pool.submit(_convert_run, soffice, chunk, to, outdir, substitutions or {}, timeout) for chunk in chunks]
        try:
            parts = [future.result() for future in futures]
        except BaseException:
            _stop_all()
            raise
    for part in parts:
        result.merge(part)
    return result


#: Fewest files worth a LibreOffice process of their own (each process takes a third of a second to start: one
#: outline's three files in two processes end 0.1 s sooner for that much more CPU).
FILES_PER_RUN = 3


def _share(files: list[Path], jobs: int, size: Callable[[Path], int] | None = None) -> list[list[Path]]:
    """Split files over at most `jobs` runs, largest first onto the lightest run, so that the runs end together."""
    count = max(1, min(jobs, len(files) // FILES_PER_RUN))
    runs: list[list[Path]] = [[] for _ in range(count)]
    loads = [0] * count

    def on_disk(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0

    size = size or on_disk
    for path in sorted(files, key=size, reverse=True):
        lightest = loads.index(min(loads))
        runs[lightest].append(path)
        loads[lightest] += size(path)
    return [run for run in runs if run]


@dataclass
class _Staging:
    """One LibreOffice run's folder: a private profile, the inputs under unique names, the results in out/."""

    work: Path
    command: list[str]
    inputs: dict[Path, Path]                     # input → its copy in work/
    results: dict[Path, tuple[Path, Path]]       # LibreOffice's result → (input, where the result goes)
    soffice: str
    reused: bool                                 # the profile started from the kept registry (lo_profile)

    @property
    def profile(self) -> Path:
        return self.work / "profile"


def _stage(soffice: str, files: list[Path], to: str, outdir: Path | None, substitutions: dict[str, str],
           reuse: bool = True) -> _Staging:
    work = Path(tempfile.mkdtemp(prefix="huiwu-lo-"))
    profile = work / "profile"
    try:
        reused = lo_profile.new_profile(profile, substitutions, soffice, reuse)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    inputs, results = {}, {}
    for index, path in enumerate(files):
        # -- unique names: many outlines each have a 会议纪要.docx, and --outdir is one folder --
        inputs[path] = work / f"{index:04d}{path.suffix.lower()}"
        results[work / "out" / f"{index:04d}.{to}"] = (path, (outdir or path.parent) / f"{path.stem}.{to}")
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
               "--nolockcheck", "--convert-to", _FILTERS.get(to, to), "--outdir", str(work / "out"),
               *map(str, inputs.values())]
    return _Staging(work, command, inputs, results, soffice, reused)


def _settle(staging: _Staging, part: Conversion, status: int | None) -> bool:
    """After a run that ended with exit `status`: keep its profile's extension registry when it converted all its
    files; forget the kept one when a run that started from it failed having made nothing (LibreOffice exits at
    once, with an error, on a registry it cannot read; an input it cannot convert, or a result that cannot be put
    in place, leaves its status 0). Return whether the kept registry was forgotten (the run is worth doing again
    without it). A run that did not end (timed out, never started) has no status and settles nothing."""
    if status is None:
        return False
    if not part.failed and status == 0:
        if not staging.reused:     # -- a run that started from the kept registry found it sound --
            lo_profile.keep(staging.profile, staging.soffice)
        return False
    if staging.reused and status != 0 and not any(made.exists() for made in staging.results):
        lo_profile.forget(staging.soffice)
        return True
    return False


def _convert_run(soffice: str, files: list[Path], to: str, outdir: Path | None, substitutions: dict[str, str],
                 timeout: float, reuse: bool = True) -> Conversion:
    """Convert files in one LibreOffice run with its own private profile and staging folder (once more with a
    new profile when one that started from the kept registry converted nothing)."""
    started = time.monotonic()
    staging = _stage(soffice, files, to, outdir, substitutions, reuse)
    try:
        for path, copy in staging.inputs.items():
            shutil.copyfile(path, copy)
        result, status = Conversion(), None
        try:
            status = _run(staging.command, timeout)
        except subprocess.TimeoutExpired:
            result.timed_out = True
        except OSError as exc:
            return Conversion(failed=list(files), cannot_start=exc.strerror or str(exc))
        _collect(staging.results, result)
        if _settle(staging, result, status):
            left = max(0.0, timeout - (time.monotonic() - started))
            return _convert_run(soffice, files, to, outdir, substitutions, left, reuse=False)
        return result
    finally:
        shutil.rmtree(staging.work, ignore_errors=True)


class Pending:
    """LibreOffice runs planned before the files they convert exist: a build with --pdf plans them before it
    builds, and hands each file over (`ready`) as soon as it is written; a run starts with the first file handed
    to it and converts the rest as the build goes on.

    -- LibreOffice loads each file only when it reaches it, in the order given, and skips one that is not there
    yet; a run that starts when its first file exists needs about half a second to start and as long for a deck,
    while a batch builds an outline in a tenth of a second, so the later files are normally there in time. (Runs
    started before the build reached their first files before a short build had written them.) A run that
    reaches a file too early (a slow build) fails on it and goes on; `finish` converts such files once more.
    A file never handed over (its outline failed) is not converted, nor reported, and a run none of whose files
    is handed over never starts. No thread watches the runs (a build may still fork after they start,
    fork.py): `finish` waits for them --
    """

    #: Relative cost of converting a file, by type, to share the files out before they exist (a deck of 30
    #: slides takes LibreOffice about as long as seven Word files).
    COST = {".pptx": 7, ".docx": 1}

    def __init__(self, soffice: str, files: list[Path], to: str, substitutions: dict[str, str], timeout: float,
                 jobs: int | None = None):
        self.to, self.substitutions, self.timeout = to, substitutions, timeout
        self.files = set(files)
        self.handed: set[Path] = set()
        self.cannot_start: str | None = None
        self.runs: list[_Staging] = []
        self.processes: list[subprocess.Popen | None] = []     # None: not started (yet)
        chunks = _share(files, jobs or os.cpu_count() or 1, size=lambda p: self.COST.get(p.suffix.lower(), 1))
        # -- files of the first outlines first in each run: they are written first --
        order = {path: index for index, path in enumerate(files)}
        try:
            for chunk in chunks:
                self.runs.append(_stage(soffice, sorted(chunk, key=order.__getitem__), to, None, substitutions))
                self.processes.append(None)
        except BaseException:   # -- a folder that cannot be made, an interrupt: nothing left behind --
            self.cancel()
            raise

    def ready(self, path: Path) -> None:
        """Hand a written file over: copied under its name in its run's folder (renamed into place, whole); the
        run starts with the first file handed to it."""
        for index, run in enumerate(self.runs):
            if path in run.inputs:
                copy = run.inputs[path]
                part = copy.with_name(f".~{copy.name}")
                shutil.copyfile(path, part)
                os.replace(part, copy)
                self.handed.add(path)
                if self.processes[index] is None and self.cannot_start is None:
                    try:
                        self.processes[index] = _start(run.command)
                    except OSError as exc:
                        self.cannot_start = exc.strerror or str(exc)

    def finish(self) -> Conversion:
        """Wait for the runs; put their results in place; convert once more what a run reached too early."""
        result = Conversion(cannot_start=self.cannot_start)
        # -- the time limit counts from here: the build that went before is not LibreOffice's time --
        deadline = time.monotonic() + self.timeout
        for run, process in zip(self.runs, self.processes, strict=True):
            part, status = Conversion(), None
            if process is not None:
                try:
                    status = _wait(process, max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    part.timed_out = True
            _collect({made: pair for made, pair in run.results.items() if pair[0] in self.handed}, part)
            _settle(run, part, status)
            result.merge(part)
        self.cancel()
        if result.failed and not (result.timed_out or result.cannot_start):
            again, result.failed = result.failed, []
            left = max(0.0, deadline - time.monotonic())
            result.merge(convert(again, self.to, substitutions=self.substitutions, timeout=left))
        return result

    def cancel(self) -> None:
        """Stop the runs still going and remove their folders (an interrupted build; also the end of finish)."""
        for process in self.processes:
            if process is not None and process.poll() is None:
                _kill(process)
                process.wait()
            _RUNNING.discard(process)
        for run in self.runs:
            shutil.rmtree(run.work, ignore_errors=True)


#: The LibreOffice processes running now (so that an interrupted conversion can stop them all).
_RUNNING: set[subprocess.Popen] = set()


def _stop_all() -> None:
    for process in list(_RUNNING):
        _kill(process)


def _kill(process: subprocess.Popen) -> None:
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            pass
    process.kill()


def _run(command: list[str], timeout: float) -> int:
    """Run LibreOffice; return its exit status; on timeout stop it and everything it started (soffice → oosplash →
    soffice.bin)."""
    return _wait(_start(command), timeout)


def _start(command: list[str]) -> subprocess.Popen:
    """Start LibreOffice in a session of its own (so that it can be stopped with all it starts).

    -- Ctrl-C (in the main thread, with Python's own handler) is held back until the process is recorded in
    _RUNNING, then stops it and is raised: in a session of its own, a process started but not yet recorded
    would outlive huiwu, since nothing would know to stop it --
    """
    held: list[int] = []
    hold = threading.current_thread() is threading.main_thread() and \
        signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if hold:
        signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=os.name == "posix")
        _RUNNING.add(process)
    finally:
        if hold:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    if held:
        _kill(process)
        process.wait()
        _RUNNING.discard(process)
        raise KeyboardInterrupt
    return process


def _wait(process: subprocess.Popen, timeout: float) -> int:
    """Wait for a LibreOffice run; return its exit status."""
    try:
        return process.wait(timeout=timeout)
    except BaseException:     # a timeout, or an interrupt (Ctrl-C): LibreOffice runs in its own session, stop it
        _kill(process)
        process.wait()
        raise
    finally:
        _RUNNING.discard(process)


def _collect(staged: dict[Path, tuple[Path, Path]], result: Conversion) -> None:
    """Move every complete result into place atomically; record the inputs that have none."""
    for made, (source, final) in staged.items():
        if made.exists() and made.stat().st_size > 0:
            try:
                write_atomic(final, lambda tmp, made=made: shutil.copyfile(made, tmp))
            except OutputError as exc:
                result.write_error = str(exc)
            else:
                result.written.append(final)
                continue
        result.failed.append(source)


__all__ = ["Conversion", "Pending", "convert", "find_soffice", "INSTALL_HINT"]
