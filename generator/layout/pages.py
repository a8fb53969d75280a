"""How tall a Word document comes out: paragraph heights from the reference styles, for page budgets in compose.

A conservative estimate (full-width characters one em wide, paragraphs rounded up to whole lines, a margin of
safety per page); the render tests check it against LibreOffice's real layout.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .. import gbt9704 as gb
from ..measure import text_em

SAFETY = 0.93            # use this share of each page, for renderer differences and keep-with-next gaps


@dataclass(frozen=True)
class ParaStyle:
    size: float           # points
    line: float           # exact line height, points
    pitch: float          # advance of one full-width character (size plus character spacing), points
    before: float = 0.0
    after: float = 0.0
    indent_em: float = 0.0


@dataclass(frozen=True)
class Page:
    width: float          # type area, points
    height: float
    styles: dict[str, ParaStyle]

    def lines(self, style: str, text: str) -> int:
        spec = self.styles[style]
        per_line = math.floor(self.width / spec.pitch + 1e-6)
        return max(1, math.ceil((spec.indent_em + text_em(text)) / per_line - 1e-9))

    def height_of(self, style: str, text: str, lines: int | None = None) -> float:
        spec = self.styles[style]
        return spec.before + spec.after + (lines or self.lines(style, text)) * spec.line


def page_from_specs(specs, margins_mm: tuple[float, float, float, float]) -> Page:
    """Return the page and paragraph styles of a reference built from docx_styles specs."""
    top, bottom, left, right = margins_mm
    styles = {}
    normal = next((s for s in specs if s.name == "Normal"), None)
    for spec in specs:
        if spec.kind != "paragraph":
            continue
        line = spec.line / 20 if spec.line else spec.size * 1.3
        spacing = spec.spacing if spec.spacing is not None else (normal.spacing if normal and normal.spacing else 0)
        pitch = spec.size + spacing / 20
        indent = (max(0, spec.first_indent) + max(0, spec.left_indent)) / 20 / pitch
        styles[spec.name] = ParaStyle(spec.size, line, pitch, spec.before, spec.after, indent)
    return Page(gb.mm_to_pt(gb.PAGE_WIDTH_MM - left - right), gb.mm_to_pt(gb.PAGE_HEIGHT_MM - top - bottom), styles)


def pages_needed(page: Page, paragraphs: list[tuple[str, str]], extra_pt: float = 0.0, safety: float = SAFETY) -> float:
    """Return how many pages a run of (style, text) paragraphs fills, plus `extra_pt` of other matter, as a
    fraction (1.4 = one page and a bit); `safety` is the share of each page counted as usable."""
    total = sum(page.height_of(style, text) for style, text in paragraphs) + extra_pt
    return total / (page.height * safety)


__all__ = ["Page", "ParaStyle", "page_from_specs", "pages_needed"]
