"""Run one piece of a build in a forked process while this one does the rest (one outline, Linux, 2+ cores).

-- after the outline is parsed, a build renders independent files, and the deck alone is about half of that
work (python-pptx's import included). A forked child starts with everything this process already holds (the
parsed outline, the wording, the segmenter's answers) and costs a few milliseconds, where a spawned process
would import and parse everything again. So: only where fork exists and is safe to use without exec (Linux:
macOS system libraries are not fork-safe, Windows has no fork), only in a process running one thread (a
thread holding a lock at the fork would leave it held in the child for ever), and only for a single outline (a
batch already runs one outline per core) --
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from typing import Any, Callable

from .errors import HuiwuError


def available() -> bool:
    """Return whether this process may fork a helper: Linux, more than one core, no other thread running."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1)


class Child:
    """A forked process running one call; `result()` waits for it, `stop()` ends it."""

    def __init__(self, pid: int, pipe: int, what: str):
        self.pid, self.pipe, self.what = pid, pipe, what
        self.done = False

    def result(self) -> Any:
        """Wait for the child; return what the call returned, or raise what it raised (a HuiwuError as such)."""
        with os.fdopen(self.pipe, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        try:
            outcome = pickle.loads(data)
        except Exception:  # noqa: BLE001 - nothing or half an answer: the child died (killed, out of memory)
            raise RuntimeError(f"生成{self.what}的子进程意外退出（{_status(status)}）") from None
        if outcome[0] == "ok":
            return outcome[1]
        if outcome[0] == "huiwu":
            _, kind, message, path, line = outcome
            error_class = next((c for c in _huiwu_classes() if c.__name__ == kind), HuiwuError)
            raise error_class(message, path, line)
        raise RuntimeError(outcome[1])

    def stop(self) -> None:
        """End the child at once and reap it (an interrupted or failed build); harmless when it has finished."""
        if self.done:
            return
        self.done = True
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        try:
            os.close(self.pipe)
        except OSError:
            pass


def start(what: str, call: Callable[..., Any], *args: Any) -> Child:
    """Fork a child that runs `call(*args)` and hands its outcome back through a pipe; `what` names it in errors."""
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    # -- keep the cyclic collector off what both processes hold, or its first full pass touches every object and
    # copies the whole process (Python's gc.freeze recipe). Never undone: this process ends soon after, and a full
    # pass over everything it holds (what gc.unfreeze leads to) costs it 15 ms for nothing --
    gc.freeze()
    pid = os.fork()
    if pid:
        os.close(write)
        return Child(pid, read, what)
    # -- the child: never returns into the caller's code, never runs exit handlers nor flushes the parent's
    # buffers (os._exit); Ctrl-C ends it at once, the parent cleans up --
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.close(read)
        try:
            outcome: tuple = ("ok", call(*args))
        except HuiwuError as exc:
            outcome = ("huiwu", type(exc).__name__, exc.message, exc.path, exc.line)
        except BaseException as exc:  # noqa: BLE001 - reported by the parent as an internal error
            outcome = ("crash", f"{type(exc).__name__}: {exc}")
        segment = sys.modules.get("generator.segment")
        if segment is not None:
            segment.save()   # the child's new answers; the parent's save merges with them
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
    finally:
        os._exit(0)


def _huiwu_classes() -> list[type]:
    out, todo = [], [HuiwuError]
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo += cls.__subclasses__()
    return out


def _status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"信号 {os.WTERMSIG(status)}"
    return f"退出码 {os.WEXITSTATUS(status) if os.WIFEXITED(status) else status}"


__all__ = ["available", "start", "Child"]
