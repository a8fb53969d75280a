"""Atomic writes: every output goes to a temporary file in the same folder, then is renamed."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from .errors import OutputError


def write_atomic(path: Path, save: Callable[[str], None]) -> Path:
    """Call `save(tmp_path)` and rename the result over `path`; on failure leave `path` as it was."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"无法写入输出文件夹（{exc.strerror}）。请检查文件夹权限或换一个 -o 目录。", str(path.parent)) from None
    try:
        save(tmp)
        os.chmod(tmp, _new_file_mode())   # -- mkstemp's 0600 would keep others on a shared folder out --
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"无法写入文件（{exc.strerror}）；若文件正在 Word/WPS 中打开，请先关闭。", str(path)) from None
    except BaseException:
        _remove(tmp)
        raise
    return path


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    def save(tmp: str) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)

    return write_atomic(path, save)


def _new_file_mode() -> int:
    """Return the mode a plain open() gives a new file: 0666 less the process's umask."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
