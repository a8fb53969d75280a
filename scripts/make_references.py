#!/usr/bin/env python3
"""Regenerate the reference files under templates/reference/ (styles and layouts, no content).

    python scripts/make_references.py [OUTPUT_DIR]     (default: templates/reference)

The renderers use only the style and layout names these files define; edit the files in Word/WPS or
PowerPoint to change the look, or change the specs in generator/render/*_styles.py and rerun this.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.properties import stamp  # noqa: E402
from generator.render.branch_styles import build_branch_reference  # noqa: E402
from generator.render.docx_styles import (  # noqa: E402
    MINUTES_MARGINS_MM,
    MINUTES_STYLES,
    SUMMARY_MARGINS_MM,
    SUMMARY_STYLES,
    build_reference,
)
from generator.write import write_atomic  # noqa: E402


def _save(obj, path: Path, label: str) -> None:
    stamp(obj, title=f"{label}参考文档", subject=label, creator=None)
    write_atomic(path, obj.save)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "reference"
    out.mkdir(parents=True, exist_ok=True)
    _save(build_reference(MINUTES_STYLES, MINUTES_MARGINS_MM), out / "minutes.docx", "会议纪要")
    _save(build_reference(SUMMARY_STYLES, SUMMARY_MARGINS_MM), out / "summary.docx", "学习要点")
    _save(build_branch_reference(), out / "branch.docx", "支部学习包")
    try:
        from generator.render.deck_reference import build_deck_reference
    except ImportError:
        pass
    else:
        _save(build_deck_reference(), out / "deck.pptx", "学习课件")
    for path in sorted(out.iterdir()):
        print(path)


if __name__ == "__main__":
    main()
