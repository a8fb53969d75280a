"""会议纪要 page geometry as GB/T 9704-2012 gives it (DESIGN §3), read where it takes effect: the page setup in the
document's own sectPr (word/document.xml; styles.xml does not hold it), and the page LibreOffice prints.

The numbers are the standard's, written out here (A4; top 37, bottom 35, left 28, right 26 mm; type area 156 × 225 mm;
22 lines of 28 characters; 纪要标志 35 mm below the top of the type area; page number 7 mm below it), not read from
generator/gbt9704.py: a wrong constant there must fail these tests.
"""
from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import dataclass

import docx
import pytest
from lxml import etree

from generator.build import BuildOptions, build_outline

from .conftest import ROOT, SEED, per_module, soffice_convert

MEETING = ROOT / "seeds" / "meeting.toml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4            # points per mm
TWIPS_PER_MM = 1440 / 25.4
TYPE_AREA_PT = 156 * MM   # 442.2 pt
PITCH_MM = 28.95 / MM     # the line pitch: 22 lines fill the 225 mm type area


def build_minutes(tmp_path, detail="简要", meeting=MEETING):
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path, targets=("minutes",), meeting_file=meeting, minutes=detail))
    assert result.error is None, result.error
    return result.files[0]


# -- the page setup in the document --

@pytest.mark.parametrize("detail", ["简要", "详细"])
def test_every_section_of_the_document_has_the_gbt_9704_page(tmp_path, detail):
    with zipfile.ZipFile(build_minutes(tmp_path, detail)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    sections = body.findall(f".//{W}sectPr")
    assert sections, "the page setup is in word/document.xml"
    for sect in sections:
        size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
        assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (11906, 16838)          # A4 in twips
        for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
            assert abs(int(margins.get(f"{W}{side}")) - mm * TWIPS_PER_MM) <= 3, (side, margins.get(f"{W}{side}"))
        assert int(margins.get(f"{W}top")) + int(margins.get(f"{W}bottom")) + round(225 * TWIPS_PER_MM) == \
            pytest.approx(16838, abs=6), "a type area 225 mm high"


# -- the 纪要标志: one line, as large as fits the 156 mm type area, from 小初 (36 pt) down to 二号 (22 pt) --

def mark_of(tmp_path, text: str):
    meeting = tmp_path / "meeting.toml"
    meeting.write_text(MEETING.read_text(encoding="utf-8").replace("[document]", f'[document]\nmark = "{text}"'),
                       encoding="utf-8")
    paragraph = docx.Document(str(build_minutes(tmp_path / "out", meeting=meeting))).paragraphs[0]
    assert paragraph.style.name == "纪要标志"
    return paragraph


@pytest.mark.parametrize("length", [8, 12, 14, 16, 17, 18, 19])
def test_the_mark_is_one_line_as_large_as_fits(tmp_path, length):
    text = ("某市生态环境局党组理论学习中心组会议" * 2)[:length - 2] + "纪要"
    paragraph = mark_of(tmp_path, text)
    assert paragraph.text == text, "one line"
    sizes = {run.font.size.pt for run in paragraph.runs}
    assert len(sizes) == 1
    size = sizes.pop()
    assert 22 <= size <= 36 and size * 2 == int(size * 2), size              # 二号…小初, in half points
    assert length * size <= TYPE_AREA_PT, "it fits the type area"
    assert size == 36 or length * (size + 1) > TYPE_AREA_PT, f"{size} pt: a size one point larger would fit too"


def test_the_seed_mark_is_24_pt(tmp_path):
    """18 characters: 24 pt (18 × 24.5 pt would leave no room on the 442 pt line)."""
    paragraph = mark_of(tmp_path, "生态环境系统全面从严治党工作会议纪要")
    assert {run.font.size.pt for run in paragraph.runs} == {24.0}


# -- the printed page (LibreOffice → PDF) --

@dataclass
class Line:
    page: int
    top: float      # mm from the top of the page (glyph boxes)
    bottom: float
    left: float     # mm from the left edge
    right: float
    text: str


def pdf_rows(pdf) -> tuple[list[Line], int]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r"<page .*?</page>", xml, re.S)
    out = []
    for number, page in enumerate(pages, start=1):
        rows: dict[int, list[tuple[float, ...]]] = {}
        for x0, y0, x1, y1, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            rows.setdefault(round(float(y1)), []).append((float(x0), float(y0), float(x1), float(y1), word))
        for _, words in sorted(rows.items()):
            out.append(Line(number, min(w[1] for w in words) / MM, max(w[3] for w in words) / MM, min(w[0] for w in words) / MM,
                            max(w[2] for w in words) / MM, "".join(w[4] for w in sorted(words))))
    return out, len(pages)


@pytest.fixture(scope=per_module)
def printed_pdf(tmp_path_factory):
    """The 详细 minutes of the seed (several full pages), printed by LibreOffice."""
    folder = tmp_path_factory.mktemp("printed")
    return soffice_convert(build_minutes(folder / "out", "详细"), folder)


@pytest.fixture(scope=per_module)
def printed(printed_pdf):
    return pdf_rows(printed_pdf)


def body_lines(lines: list[Line], page: int) -> list[Line]:
    return [line for line in lines if line.page == page and not re.fullmatch(r"—\d+—", line.text)]


@pytest.mark.render
def test_printed_text_fills_the_type_area_at_28_and_37_mm(printed):
    lines, pages = printed
    assert pages >= 4
    full = 0
    for page in range(2, pages):                                  # the pages between the first and the last
        body = body_lines(lines, page)
        assert len(body) <= 22, f"page {page}: {len(body)} lines (22 lines a page)"
        assert min(line.left for line in body) == pytest.approx(28, abs=0.7), "the left margin is 28 mm"
        assert max(line.right for line in body) == pytest.approx(28 + 156, abs=0.7), "the type area is 156 mm wide"
        # -- the first line box (exact pitch 28.95 pt) starts at 37 mm, so its text ends one pitch below --
        assert body[0].bottom == pytest.approx(37 + PITCH_MM, abs=0.5), f"page {page}: first line ends at {body[0].bottom:.1f} mm"
        if len(body) == 22:                                       # a page that a heading kept with its text left short
            full += 1
            assert 37 + 225 - 1.5 <= body[-1].bottom <= 37 + 225 + 0.5, f"page {page}: last line ends at {body[-1].bottom:.1f} mm"
    assert full >= 2, "most pages hold 22 lines"


@pytest.mark.render
def test_printed_mark_is_35_mm_below_the_type_area_and_fills_its_line(printed):
    lines, _ = printed
    mark = next(line for line in lines if line.page == 1 and line.text == "生态环境系统全面从严治党工作会议纪要")
    assert mark.top == pytest.approx(37 + 35, abs=1.5)
    width_pt = (mark.right - mark.left) * MM
    assert width_pt == pytest.approx(18 * 24, rel=0.03), "18 characters of 24 pt"
    assert (mark.left + mark.right) / 2 == pytest.approx(28 + 156 / 2, abs=1), "centred on the type area"


@pytest.mark.render
def test_printed_page_numbers_below_the_type_area_odd_right_even_left(printed):
    lines, pages = printed
    numbers = {line.page: line for line in lines if re.fullmatch(r"—\d+—", line.text)}
    assert sorted(numbers) == list(range(1, pages + 1))
    one_char = 14 / MM                                            # 4号: 14 pt, the indent of one character
    for page, line in numbers.items():
        assert line.text == f"—{page}—"
        assert line.top > 37 + 225, line                         # below the type area (the dash's height: below)
        if page % 2:
            assert line.right == pytest.approx(28 + 156 - one_char, abs=0.8), line
        else:
            assert line.left == pytest.approx(28 + one_char, abs=0.8), line


def dark_rows(pdf, page: int, box_mm: tuple[float, float, float, float], px_per_mm: int = 20) -> dict[float, int]:
    """Render part of a page (left, top, right, bottom in mm) with pdftoppm; return {y in mm: dark pixels in that row}."""
    left, top, right, bottom = box_mm
    dpi = px_per_mm * 25.4
    out = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                          "-x", str(round(left * px_per_mm)), "-y", str(round(top * px_per_mm)),
                          "-W", str(round((right - left) * px_per_mm)), "-H", str(round((bottom - top) * px_per_mm)), str(pdf)],
                         capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", out)
    width, height = int(header.group(1)), int(header.group(2))
    pixels = out[header.end():]
    return {top + y / px_per_mm: sum(1 for value in pixels[y * width:(y + 1) * width] if value < 128) for y in range(height)}


@pytest.mark.render("soffice", "pdftoppm")
def test_printed_page_number_dash_lies_7_mm_below_the_type_area(printed_pdf):
    """GB/T 9704 7.5: 一字线上距版心下边缘 7 mm: the top edge of the dashes, not of the line, is 7 mm below."""
    rows = dark_rows(printed_pdf, 1, (28 + 100, 37 + 225, 28 + 156, 297 - 5))
    widest = max(rows.values())
    dash_top = min(y for y, dark in rows.items() if dark >= widest * 0.9)     # the dashes: the widest dark rows
    assert dash_top - (37 + 225) == pytest.approx(7, abs=1), f"the dash lies {dash_top - 262:.1f} mm below the type area"
