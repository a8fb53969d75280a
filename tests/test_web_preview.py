"""Previews on the result page: page images drawn from a PDF, or the built files' text without LibreOffice."""
from __future__ import annotations

import pytest

from generator.web.jobs import BuildRequest, JobStore
from generator.web.meeting_form import MeetingValues
from generator.web.preview import page_images, text_preview
from generator.web.uploads import Upload

from .conftest import SEED


def test_page_images_are_drawn_from_a_pdf(tmp_path):
    from PIL import Image
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(842, 595)
    with open(tmp_path / "a.pdf", "wb") as handle:
        writer.write(handle)
    names = page_images(tmp_path / "a.pdf", tmp_path, "0", width=300)
    assert names == ["0-0.png", "0-1.png"]
    assert Image.open(tmp_path / "0-0.png").size == (300, 425) and Image.open(tmp_path / "0-1.png").size[0] == 300
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 broken")
    assert page_images(tmp_path / "b.pdf", tmp_path, "1") == []


@pytest.fixture(scope="module")
def built_without_libreoffice(tmp_path_factory):
    """A build whose worker finds no LibreOffice (PATH without it): text previews, and a note when PDFs were asked."""
    import os

    root = tmp_path_factory.mktemp("jobs")
    path = os.environ["PATH"]
    os.environ["PATH"] = str(root)   # -- the worker is started by absolute path; soffice is looked up on PATH --
    try:
        store = JobStore(root)
        files = {"outline": Upload("outline", SEED.name, SEED.read_bytes())}
        job = store.submit(BuildRequest(files, MeetingValues(), ("minutes", "deck", "summary"), pdf=True))
        assert job.done.wait(120) and job.state == "done", job.error
    finally:
        os.environ["PATH"] = path
    yield job
    store.close()


def test_without_libreoffice_the_preview_is_the_text_of_the_files(built_without_libreoffice):
    job = built_without_libreoffice
    previews = {f["path"]: f["preview"] for f in job.manifest["files"]}
    assert set(previews) == {"会议纪要.docx", "学习课件.pptx", "学习要点.docx"}   # -- no PDF without LibreOffice --
    assert previews["学习课件.pptx"]["kind"] == "slides"
    slides = previews["学习课件.pptx"]["slides"]
    assert len(slides) > 20 and "坚定不移全面从严管党治党" in slides[0]["title"] + " ".join(slides[0]["lines"])
    minutes = previews["会议纪要.docx"]
    assert minutes["kind"] == "document" and any("加强政治建设" in p["text"] for p in minutes["paragraphs"])
    assert any("LibreOffice" in note for note in job.manifest["notes"])


def test_the_page_shows_text_previews(built_without_libreoffice):
    from generator.web.page import PageState, render

    state = PageState.fresh()
    state.job = built_without_libreoffice
    html = render(state)
    assert 'class="thumbs slides text"' in html and 'class="paper"' in html
    assert "张幻灯片（文字预览）" in html and "提示：" in html and "LibreOffice" in html


def test_text_preview_of_other_files(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    assert text_preview(tmp_path / "a.pdf") == {"kind": "none"}
