"""What the page and `POST /api/parse` show of an outline: its structure and the proofreading findings."""
from __future__ import annotations

from pathlib import Path

from .uploads import BadRequest


def describe(path: Path, display: str) -> dict:
    """Read, parse and proofread the outline at `path` (a stored upload); return JSON-ready data.

    Raise BadRequest with the reader's Chinese message (naming the user's file, not the stored path).
    """
    from ..errors import HuiwuError
    from ..native import to_native
    from ..outline import parse_outline
    from ..proofread import proofread
    from ..source import read_source

    try:
        source = read_source(path)
        document = parse_outline(source)
        findings = proofread(source, document, fill_where="下方“会议信息”的“占位符替换”一栏")
    except HuiwuError as exc:
        where = f"{display}:{exc.line}: " if exc.line else f"{display}: "
        raise BadRequest(where + exc.message, "outline", 400 if exc.exit_code in (1, 2, 3) else 500) from None
    structure = to_native(document)
    structure["source"] = display
    return {
        "source": display,
        "encoding": source.encoding,
        "lines": len(source.lines),
        "notes": list(source.notes),
        "structure": structure,
        "findings": [{"line": f.line, "level": f.level, "message": f.message, "token": f.token} for f in findings],
    }


def summary(parsed: dict) -> dict:
    """Counts the page shows under the structure."""
    s = parsed["structure"]

    def count(sections) -> int:
        return sum(1 + count(x["subsections"]) for x in sections)

    levels = {"错误": 0, "警告": 0, "提示": 0}
    for f in parsed["findings"]:
        levels[f["level"]] = levels.get(f["level"], 0) + 1
    return {
        "sections": len(s["sections"]),
        "subitems": count(s["sections"]) - len(s["sections"]),
        "quotes": len(s["entities"]["quotes"]),
        "concepts": len(s["entities"]["concepts"]),
        "dates": len(s["entities"]["dates"]),
        "findings": levels,
        "tokens": list(dict.fromkeys(p["token"] for p in s["placeholders"])),
    }


__all__ = ["describe", "summary"]
