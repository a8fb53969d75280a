"""Read facts a user sees from generated Word files (fonts incl. East Asian, styles, fields) and PDFs."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

from docx.oxml.ns import qn


def east_asia_font(style) -> str | None:
    """Return the w:eastAsia face a style names (following basedOn), or None."""
    while style is not None:
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None and rpr.rFonts.get(qn("w:eastAsia")):
            return rpr.rFonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def theme_font_attrs(document) -> list[str]:
    """Return any *Theme font attributes left in styles or runs (they override explicit faces)."""
    xml = document.styles.element.xml + document.element.xml
    return re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)Theme="[^"]+"', xml)


def body_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


QUOTED = re.compile(r"“[^”]*”|《[^》]*》")


@dataclass
class PdfLine:
    page: int
    y: float
    x0: float
    x1: float
    text: str


def pdf_lines(pdf_path) -> tuple[list[PdfLine], list[tuple[float, float]]]:
    """Return the text lines of a PDF (words grouped by page and baseline) and the page sizes (pt)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    pages, lines = [], []
    for index, page in enumerate(re.findall(r"<page (.*?)</page>", xml, re.S), start=1):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        pages.append((float(size.group(1)), float(size.group(2))))
        rows: dict[int, list] = {}
        for x0, _y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            rows.setdefault(round(float(y1)), []).append((float(x0), float(x1), word))
        for y, words in sorted(rows.items()):
            words.sort()
            lines.append(PdfLine(index, y, words[0][0], words[-1][1], "".join(w for _, _, w in words)))
    return lines, pages


def em_width(text: str) -> float:
    """Width of a line in characters: full-width characters count 1, others ½."""
    return sum(1 if ord(c) > 0x2E7F else 0.5 for c in text)
