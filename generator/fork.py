"""Run one piece of a build in a forked process while this one does the rest (one outline, Linux, 2+ cores).

-- a build writes independent files once it has composed them, and the deck is over half of that work
(python-pptx's import included). A forked child starts with everything this process holds and costs a few
milliseconds, where a spawned process would import everything again; forked before the outline is read, it
imports python-pptx while this process reads, parses and composes, and is then sent what it writes. So: only
where fork exists and is safe to use without exec (Linux: macOS system libraries are not fork-safe, Windows has
no fork), only in a process running one thread (a thread holding a lock at the fork would leave it held in the
child for ever), and only for a single outline (a batch already runs one outline per core) --
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
    """A forked process that runs one call: `send(*args)` hands it the arguments, `result()` waits for what it
    returned, `stop()` ends it."""

    def __init__(self, pid: int, inbox: int, outbox: int, what: str):
        self.pid, self.inbox, self.outbox, self.what = pid, inbox, outbox, what
        self.done = False

    def send(self, *args: Any) -> None:
        """Hand the child the call's arguments (pickled); it starts at once."""
        try:
            with os.fdopen(self.inbox, "wb") as pipe:
                self.inbox = -1
                pipe.write(pickle.dumps(args))
        except BrokenPipeError:
            pass    # the child failed before it read them: result() says why

    def result(self) -> Any:
        """Wait for the child; return what the call returned, or raise what it raised (a HuiwuError as such)."""
        with os.fdopen(self.outbox, "rb") as pipe:
            self.outbox = -1
            data = pipe.read()
        status = _reap(self.pid)
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
        _, kind, message = outcome
        raise type(kind, (RuntimeError,), {})(message)   # -- reported under the child's own error name --

    def stop(self) -> None:
        """End the child at once and reap it (an interrupted or failed build); harmless when it has finished."""
        if self.done:
            return
        self.done = True
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _reap(self.pid)
        for fd in (self.inbox, self.outbox):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass


def prepare(what: str, call: Callable[..., Any], warm: Callable[[], Any] | None = None) -> Child:
    """Fork a child that runs `warm()` at once (imports, say), then waits for `send(*args)` to run `call(*args)`.

    -- so that the child's slow start (python-pptx's import) overlaps what this process does before it has the
    arguments (reading, parsing and composing the outline) --
    """
    sys.stdout.flush()
    sys.stderr.flush()
    args_read, args_write = os.pipe()
    out_read, out_write = os.pipe()
    _widen(args_write)
    # -- keep the cyclic collector off what both processes hold, or its first full pass touches every object and
    # copies the whole process (Python's gc.freeze recipe). Never undone: this process ends soon after, and a full
    # pass over everything it holds (what gc.unfreeze leads to) costs it 15 ms for nothing --
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        for fd in (args_read, args_write, out_read, out_write):
            os.close(fd)
        raise
    if pid:
        os.close(args_read)
        os.close(out_write)
        return Child(pid, args_write, out_read, what)
    # -- the child: never returns into the caller's code, never runs exit handlers nor flushes the parent's
    # buffers (os._exit); Ctrl-C ends it at once, the parent cleans up --
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, signal.SIG_DFL)   # -- not when this process was started to ignore it --
        os.close(args_write)
        os.close(out_read)
        try:
            if warm is not None:
                warm()
            with os.fdopen(args_read, "rb") as pipe:
                data = pipe.read()
            if not data:
                os._exit(0)     # the parent went away (or never sent): nothing to do
            outcome: tuple = ("ok", call(*pickle.loads(data)))
        except HuiwuError as exc:
            outcome = ("huiwu", type(exc).__name__, exc.message, exc.path, exc.line)
        except BaseException as exc:  # noqa: BLE001 - reported by the parent as an internal error
            outcome = ("crash", type(exc).__name__, str(exc))
        segment = sys.modules.get("generator.segment")
        if segment is not None:
            segment.save()   # the child's new answers; the parent's save merges with them
        with os.fdopen(out_write, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
    finally:
        os._exit(0)


def _widen(fd: int) -> None:
    """Let a pipe hold 1 MB (Linux): send() must not wait for the child to finish warming up to read the arguments
    (the seed's deck view is 50 KB, a pipe holds 64 KB)."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def _reap(pid: int) -> int | None:
    """Wait for a child; return its status, or None when the system reaped it (SIGCHLD ignored by whoever
    started this process)."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return None


def _huiwu_classes() -> list[type]:
    out, todo = [], [HuiwuError]
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo += cls.__subclasses__()
    return out


def _status(status: int | None) -> str:
    if status is None:
        return "状态未知"
    if os.WIFSIGNALED(status):
        return f"信号 {os.WTERMSIG(status)}"
    return f"退出码 {os.WEXITSTATUS(status) if os.WIFEXITED(status) else status}"


__all__ = ["available", "prepare", "Child"]
