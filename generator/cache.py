"""A per-user cache folder for derived data (compiled wording templates, the segmenter's answers): safe to delete,
never required.

-- compiling the jinja2 templates costs more than a tenth of a second in every new process; jinja2 keys its
bytecode by the template's source checksum, so an edited template is recompiled. A cache that cannot be read
or written (a locked-down profile) is ignored --
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """Return huiwu's cache folder: HUIWU_CACHE_DIR, else the platform's per-user cache location."""
    if os.environ.get("HUIWU_CACHE_DIR"):
        return Path(os.environ["HUIWU_CACHE_DIR"])
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "huiwu" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "huiwu"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "huiwu"


def write_quietly(path: Path, data: bytes) -> bool:
    """Write a cache file through a temporary name renamed into place (a concurrent reader never sees half a
    file); return False, leaving things as they were, when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".~")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True


def template_bytecode_cache():
    """Return a jinja2 bytecode cache in the cache folder that never fails a build, or None when unusable."""
    import io

    from jinja2 import FileSystemBytecodeCache

    class _QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError):
                bucket.reset()

        def dump_bytecode(self, bucket):
            data = io.BytesIO()
            bucket.write_bytecode(data)
            write_quietly(Path(self.directory) / (self.pattern % bucket.key), data.getvalue())

    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietCache(str(folder), "%s.cache")


__all__ = ["cache_dir", "template_bytecode_cache", "write_quietly"]
