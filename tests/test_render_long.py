"""Rendered (LibreOffice → PDF) outputs of long outlines: a deck with nothing clipped, a handout of at most two pages."""
from __future__ import annotations

import re
import subprocess

import pytest

from generator.build import BuildOptions, build_outline
from generator.outline import parse_outline
from generator.source import read_source

from .conftest import SEED, corpus_files, soffice_convert
from .longtext import report
from .test_deck import render_report

pytestmark = pytest.mark.render


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def summary_pdf(outline, tmp_path):
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("summary",)))
    assert result.error is None, result.error
    docx_path = result.files[0]
    pdf = soffice_convert(docx_path, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), re.sub(r"\s", "", text)


LONG = {"20x4": lambda: report(), "15x3": lambda: report(15, 3, 5, seed=3), "5x12": lambda: report(5, 12, 4, seed=5)}


@pytest.mark.parametrize("name", LONG)
def test_handout_of_a_long_outline_is_at_most_two_pages_with_every_section(name, tmp_path):
    outline = write(tmp_path, f"{name}.txt", LONG[name]())
    pages, text = summary_pdf(outline, tmp_path)
    assert pages <= 2
    for section in parse_outline(read_source(outline)).sections:
        assert re.sub(r"\s", "", section.heading) in text, section.heading


@pytest.mark.parametrize("path", [SEED, *corpus_files()], ids=lambda p: p.stem[:12])
def test_handout_of_real_outlines_is_at_most_two_pages(path, tmp_path):
    pages, text = summary_pdf(path, tmp_path)
    assert pages <= 2
    assert all(re.sub(r"\s", "", s.heading) in text for s in parse_outline(read_source(path)).sections)


def test_handout_of_a_short_outline_is_one_page(tmp_path):
    outline = write(tmp_path, "短.txt", "学习讲话\n一、加强学习\n（一）学深悟透。要学以致用，知行合一。\n"
                                         "二、狠抓落实\n（一）压实责任。各级党组织要层层压实责任。\n")
    pages, _ = summary_pdf(outline, tmp_path)
    assert pages == 1


@pytest.mark.slow
def test_deck_of_a_long_outline_has_nothing_clipped(tmp_path):
    outline = write(tmp_path, "长篇报告.txt", report(8, 4, 8))
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("deck",)))
    assert result.error is None, result.error
    found = render_report(result.files[0], tmp_path)
    assert found["clipped"] == 0 and found["outside"] == 0
