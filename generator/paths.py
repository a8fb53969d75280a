"""Where the bundled templates live (in the repo, or inside an installed wheel), and names safe on every file system."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """Return the bundled templates folder."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (candidate / "text").is_dir():
            return candidate
    return _PACKAGE.parent / "templates"


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
#: Longest name made by safe_name, in characters and in UTF-8 bytes (ext4 allows 255 bytes; Windows paths should
#: stay short).
MAX_NAME_CHARS = 40
MAX_NAME_BYTES = 120


def safe_name(name: str, fallback: str) -> str:
    """Return `name` as a file or folder name that works on Windows, macOS and Linux: unsafe characters replaced,
    short enough, not ending in a dot or space, not a reserved device name; `fallback` when nothing is left."""
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub("_", re.sub(r"\s+", " ", text)).strip()
    text = text[:MAX_NAME_CHARS]
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    text = text.rstrip(". ").lstrip(" ")
    if not text or set(text) <= {".", "_", " "}:
        text = fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    return text
