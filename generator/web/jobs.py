"""Builds of the web page: each in its own temporary folder and its own process, with progress, a time limit,
a limit on how many run at once, and removal of everything after a time (or at once when it fails)."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import meeting_form, worker
from .meeting_form import MeetingValues
from .uploads import BadRequest, Upload, check_archive

BUILD_TIMEOUT = 900.0       # seconds for one build (LibreOffice's own limit is 600)
KEEP = 1800.0               # seconds a finished build is kept after its last use
MAX_RUNNING = 2             # builds at once (the others wait their turn)
MAX_WAITING = 10
PARSE_TIMEOUT = 60.0        # seconds to read and parse one outline
_PARSES = threading.BoundedSemaphore(4)
_LIVE: set[subprocess.Popen] = set()   # every worker running now (stopped at shutdown)
_LIVE_LOCK = threading.Lock()
_PACKAGE_PARENT = Path(__file__).resolve().parents[2]   # the folder that holds `generator` (for the worker's imports)


@dataclass
class BuildRequest:
    files: dict[str, Upload]                # "outline", and "branches" / "pptx_template" when given
    meeting: MeetingValues
    targets: tuple[str, ...]
    minutes: str | None = None
    pdf: bool = False
    sets: dict[str, str] = field(default_factory=dict)
    preview: bool = True                    # page images / text previews for the page


@dataclass
class Job:
    id: str
    folder: Path
    display: str                            # the outline's file name as the user named it
    names: dict[str, str]                   # stored path → what the user calls it (for messages)
    state: str = "queued"                   # queued | running | done | failed
    stage: str = "排队等待"
    percent: int = 0
    error: str | None = None
    status: int = 200                       # HTTP status for the error
    manifest: dict | None = None
    page: dict | None = None                # the form as submitted, to show it again with the result
    touched: float = field(default_factory=time.monotonic)
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    def clean(self, text: str) -> str:
        """Return a message with the stored paths replaced by the user's names, in the page's words."""
        for path, name in sorted(self.names.items(), key=lambda item: -len(item[0])):
            text = text.replace(path, name)
        return meeting_form.form_words(text.replace(str(self.folder) + os.sep, ""))

    def file(self, index: int) -> Path | None:
        files = (self.manifest or {}).get("files", [])
        if self.state != "done" or not 0 <= index < len(files):
            return None
        return self.folder / "out" / worker.RESULT / files[index]["path"]


class JobStore:
    def __init__(self, root: Path, timeout: float = BUILD_TIMEOUT, keep: float = KEEP,
                 running: int = MAX_RUNNING, waiting: int = MAX_WAITING):
        self.root = root
        self.timeout = timeout
        self.keep = keep
        self.waiting = waiting
        self._slots = threading.BoundedSemaphore(running)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._closing = False

    # -- the store ----------------------------------------------------------------------------------------------------
    def get(self, job_id: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                job.touched = time.monotonic()
            return job

    def remove(self, job_id: str) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or not job.finished:
                return
            del self._jobs[job_id]
        shutil.rmtree(job.folder, ignore_errors=True)

    def sweep(self, now: float | None = None) -> None:
        """Remove finished builds unused for `keep` seconds."""
        now = time.monotonic() if now is None else now
        with self._lock:
            stale = [j for j in self._jobs.values() if j.finished and now - j.touched > self.keep]
            for job in stale:
                del self._jobs[job.id]
        for job in stale:
            shutil.rmtree(job.folder, ignore_errors=True)

    def close(self) -> None:
        """Stop every build and remove every folder (server shutdown)."""
        self._closing = True
        with self._lock:
            jobs = list(self._jobs.values())
            self._jobs.clear()
        stop_all()
        for job in jobs:
            job.done.wait(10)
            shutil.rmtree(job.folder, ignore_errors=True)

    # -- a build ------------------------------------------------------------------------------------------------------
    def submit(self, request: BuildRequest, page: dict | None = None) -> Job:
        """Store the inputs in a new folder, check the meeting information and start the build.

        Raise BadRequest (nothing left behind) when an input is refused or the server is busy.
        """
        self.sweep()
        with self._lock:
            if sum(not j.finished for j in self._jobs.values()) >= self.waiting:
                raise BadRequest("正在生成的任务太多，请稍后再试。", None, 503)
        job_id = secrets.token_urlsafe(18)
        folder = self.root / "jobs" / job_id
        inputs = folder / "in"
        inputs.mkdir(parents=True)
        try:
            paths = {}
            for role, upload in request.files.items():
                check_archive(upload)
                paths[role] = upload.save(inputs)
            meeting = inputs / "meeting.toml"
            problems = meeting_form.check(request.meeting, meeting)
            if problems:
                name, message = next(iter(problems.items()))
                raise BadRequest(f"会议信息：{message}", name)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        names = {str(path): request.files[role].display for role, path in paths.items()}
        names[str(meeting)] = "会议信息"
        job = Job(job_id, folder, request.files["outline"].display, names, page=page)
        spec = {"folder": str(folder), "outline": str(paths["outline"]), "meeting": str(meeting),
                "branches": str(paths["branches"]) if "branches" in paths else None,
                "pptx_template": str(paths["pptx_template"]) if "pptx_template" in paths else None,
                "targets": list(request.targets), "minutes": request.minutes, "pdf": request.pdf,
                "sets": request.sets, "preview": request.preview}
        with self._lock:
            self._jobs[job_id] = job
        threading.Thread(target=self._run, args=(job, spec), name=f"huiwu-build-{job_id[:6]}", daemon=True).start()
        return job

    def _run(self, job: Job, spec: dict) -> None:
        try:
            with self._slots:
                if not self._closing:
                    self._watch(job, spec)
        except Exception as exc:  # noqa: BLE001 - the server keeps running; the page shows one line
            self._fail(job, f"内部错误：{type(exc).__name__}: {exc}", 500)
        finally:
            if not job.finished:
                self._fail(job, "生成已中止。", 500)
            job.touched = time.monotonic()
            job.done.set()

    def _watch(self, job: Job, spec: dict) -> None:
        job.state, job.stage, job.percent = "running", "正在启动", 3

        def progress(message: dict) -> None:
            job.stage, job.percent = str(message["stage"]), int(message.get("percent", job.percent))

        final = run_worker(spec, Path(spec["folder"]), self.timeout, progress, lambda: self._closing)
        if final is not None and final.get("timeout"):
            final = {"error": f"生成超过 {int(self.timeout)} 秒仍未完成，已停止。请检查提纲是否过长，或稍后再试。", "code": 70}
        if final is None:
            self._fail(job, "生成过程意外中止（可能是内存不足或被强行结束），未留下任何文件。", 500)
        elif "manifest" in final:
            manifest = final["manifest"]
            manifest["warnings"] = [job.clean(w) for w in manifest["warnings"]]
            manifest["notes"] = [job.clean(n) for n in manifest["notes"]]
            job.manifest, job.state, job.stage, job.percent = manifest, "done", "完成", 100
        else:
            self._fail(job, job.clean(final["error"]), 400 if final.get("code") in (1, 2, 3) else 500)

    def _fail(self, job: Job, message: str, status: int) -> None:
        """A failed build keeps its message and nothing else."""
        job.error, job.status, job.state, job.stage = message, status, "failed", "未完成"
        shutil.rmtree(job.folder, ignore_errors=True)


def _start(folder: Path) -> subprocess.Popen:
    """Start `python -m generator.web.worker` in a process group of its own (so that stopping it also stops a
    LibreOffice it started), with its standard error in the build's folder."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_PARENT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    options: dict = {}
    if os.name == "nt":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        options["start_new_session"] = True
    with open(folder / "worker.log", "wb") as log:
        return subprocess.Popen([sys.executable, "-m", "generator.web.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=log, env=env, cwd=str(folder), text=True, encoding="utf-8", **options)


def run_worker(spec: dict, folder: Path, timeout: float, progress=None, closing=lambda: False) -> dict | None:
    """Run the worker on `spec`; return its last message, {"timeout": True} past `timeout` seconds, or None when it
    died without a word. The worker and what it started are stopped in every case."""
    process = _start(folder)
    with _LIVE_LOCK:
        _LIVE.add(process)
    finals: list[dict] = []

    def read() -> None:
        for line in process.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if message.get("done"):
                finals.append(message)
            elif progress is not None and "stage" in message:
                progress(message)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    timed_out = False
    try:
        process.stdin.write(json.dumps(spec, ensure_ascii=False) + "\n")
        process.stdin.close()
        deadline = time.monotonic() + timeout
        while not closing() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        timed_out = process.poll() is None and not closing()
    except OSError:
        pass  # -- the process died before reading its spec: no message, reported by the caller --
    finally:
        _stop(process)
        with _LIVE_LOCK:
            _LIVE.discard(process)
        reader.join(5)
        process.stdout.close()
    if timed_out:
        return {"timeout": True}
    return finals[-1] if finals else None


def parse_in_worker(path: Path, display: str, timeout: float = PARSE_TIMEOUT) -> dict:
    """Return outline_view.describe() of a stored outline, computed in a worker process so that no outline can
    hold up the server. Raise BadRequest with the reader's Chinese message, or when it takes too long."""
    with _PARSES:
        final = run_worker({"mode": "parse", "outline": str(path), "display": display}, path.parent, timeout)
    if final is None:
        raise BadRequest("识别提纲时程序意外中止（可能是内存不足）。", "outline", 500)
    if final.get("timeout"):
        raise BadRequest(f"识别提纲超过 {int(timeout)} 秒仍未完成，已停止。请检查提纲中是否有特别长、没有分段的文字。", "outline", 400)
    if "error" in final:
        raise BadRequest(final["error"], "outline", int(final.get("status", 400)))
    return final["parsed"]


def stop_all() -> None:
    """Stop every worker still running (server shutdown): no build or parse outlives the server."""
    with _LIVE_LOCK:
        live = list(_LIVE)
    for process in live:
        _stop(process)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except OSError:
        pass


#: Seconds a worker has to stop what it started (LibreOffice) after SIGTERM, before its group is killed.
STOP_GRACE = 5


def _stop(process: subprocess.Popen | None) -> None:
    """Stop a build process and its process group: SIGTERM first, on which the worker stops the LibreOffice it started
    (which runs in a session of its own) and removes its work folder; then SIGKILL for whatever is left."""
    if process is None:
        return
    if hasattr(os, "killpg"):
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            pass
        _signal_group(process, signal.SIGKILL)   # -- what is left of the group, even after the worker ended --
    elif process.poll() is None:
        process.kill()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        pass


__all__ = ["BuildRequest", "Job", "JobStore", "BUILD_TIMEOUT", "run_worker", "parse_in_worker", "stop_all"]
