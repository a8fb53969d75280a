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

from generator.render.branch_styles import build_branch_reference  # noqa: E402
from generator.render.docx_styles import (  # noqa: E402
    MINUTES_MARGINS_MM,
    MINUTES_STYLES,
    SUMMARY_MARGINS_MM,
    SUMMARY_STYLES,
    build_reference,
)
from generator.write import write_atomic  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "reference"
    out.mkdir(parents=True, exist_ok=True)
    minutes = build_reference(MINUTES_STYLES, MINUTES_MARGINS_MM)
    write_atomic(out / "minutes.docx", minutes.save)
    summary = build_reference(SUMMARY_STYLES, SUMMARY_MARGINS_MM)
    write_atomic(out / "summary.docx", summary.save)
    write_atomic(out / "branch.docx", build_branch_reference().save)
    try:
        from generator.render.deck_reference import build_deck_reference
    except ImportError:
        pass
    else:
        write_atomic(out / "deck.pptx", build_deck_reference().save)
    for path in sorted(out.iterdir()):
        print(path)


if __name__ == "__main__":
    main()
