"""Where the bundled templates live (in the repo, or inside an installed wheel)."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """Return the bundled templates folder."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (candidate / "text").is_dir():
            return candidate
    return _PACKAGE.parent / "templates"
