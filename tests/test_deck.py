"""学习课件: open the generated .pptx and check the slide sequence, titles, notes, fonts and sizes; render it."""
from __future__ import annotations

import collections
import re
import subprocess

import pptx
import pytest
from pptx.util import Pt

from generator.build import BuildOptions, build_outline
from generator.errors import TemplateError
from generator.outline import parse_outline
from generator.render.powerpoint import open_template
from generator.source import read_source, text_to_source

from .conftest import ROOT, SEED, corpus_files, per_module, soffice_convert
from .excerpts import why_not
from .helpers import squeeze

MEETING = ROOT / "seeds" / "meeting.toml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def build_deck(path, out):
    result = build_outline(path, BuildOptions(out_dir=out, targets=("deck",), meeting_file=MEETING))
    assert result.error is None, result.error
    return result.files[0]


@pytest.fixture(scope=per_module)
def deck_path(tmp_path_factory):
    return build_deck(SEED, tmp_path_factory.mktemp("deck"))


@pytest.fixture(scope=per_module)
def deck(deck_path):
    return pptx.Presentation(str(deck_path))


def titles(deck):
    out = []
    for slide in deck.slides:
        title = next((s for s in slide.placeholders if s.placeholder_format.idx == 0), None)
        out.append(title.text_frame.text if title is not None else "")
    return out


def test_16_9_and_layout_sequence(deck):
    assert (deck.slide_width, deck.slide_height) == (Pt(960), Pt(540))
    layouts = [s.slide_layout.name for s in deck.slides]
    assert layouts[0] == "封面" and layouts[1] == "目录" and layouts[-1] == "结束"
    assert layouts.count("章节") == 5


def test_every_subsection_heading_is_a_slide_title(deck):
    outline = parse_outline(read_source(SEED))
    slide_titles = set(titles(deck))
    for section in outline.sections:
        for sub in section.subsections:
            assert sub.heading in slide_titles


def test_toc_lists_all_sections_on_one_slide(deck):
    toc = [s for s in deck.slides if s.slide_layout.name == "目录"]
    assert len(toc) == 1
    text = "".join(shape.text_frame.text for shape in toc[0].placeholders if shape.placeholder_format.idx != 0)
    outline = parse_outline(read_source(SEED))
    assert all(s.heading in text for s in outline.sections)


def test_dividers_and_extras(deck):
    dividers = [s for s in deck.slides if s.slide_layout.name == "章节"]
    assert [next(p for p in d.placeholders if p.placeholder_format.idx == 1).text_frame.text for d in dividers] == \
        ["第一部分", "第二部分", "第三部分", "第四部分", "第五部分"]
    all_titles = titles(deck)
    for expected in ("工作成效", "存在的问题和不足", "重要时间节点", "金句摘录", "应知应会", "思考题"):
        assert expected in all_titles


def test_key_points_are_whole_sentences(deck):
    """Every point on a content slide (but the 思考题, which are template wording) is an excerpt by the rule."""
    source = SEED.read_text(encoding="utf-8").replace("XX", "某市")
    slide_titles = titles(deck)
    checked = 0
    for slide, title in zip(deck.slides, slide_titles, strict=True):
        if slide.slide_layout.name != "内容" or title.startswith("思考题"):
            continue
        body = next(p for p in slide.placeholders if p.placeholder_format.idx == 1)
        for paragraph in body.text_frame.paragraphs:
            assert why_not(paragraph.text, source) is None, (why_not(paragraph.text, source), paragraph.text)
            checked += 1
    assert checked >= 45


def test_notes_carry_the_sections(deck):
    outline = parse_outline(read_source(SEED))
    notes = "".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in deck.slides)
    section_chars = collections.Counter(squeeze("".join(s.text for s in outline.sections)).replace("XX", "某市"))
    have = collections.Counter(squeeze(notes))
    missing = sum((section_chars - have).values())
    assert missing / sum(section_chars.values()) <= 0.02


def test_fonts_latin_and_east_asian_and_sizes(deck):
    sizes, east_asian = [], set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for run in (r for p in shape.text_frame.paragraphs for r in p.runs):
                rpr = run._r.find(f"{A}rPr")
                assert rpr.find(f"{A}latin") is not None and rpr.find(f"{A}ea") is not None, run.text
                east_asian.add(rpr.find(f"{A}ea").get("typeface"))
                sizes.append(run.font.size.pt)
    assert east_asian <= {"微软雅黑", "黑体"} and min(sizes) >= 20


def test_no_autofit_and_no_hanging_punctuation(deck):
    xml = "".join(slide._element.xml for slide in deck.slides)
    assert "normAutofit" not in xml and "spAutoFit" not in xml and 'hangingPunct="0"' in xml


def test_user_template_missing_layout(tmp_path):
    prs = pptx.Presentation()
    path = tmp_path / "mine.pptx"
    prs.save(str(path))
    with pytest.raises(TemplateError, match="缺少版式：封面"):
        open_template(path)


def test_user_template_layouts_are_found_by_name_not_position(deck, tmp_path):
    """A user's .pptx whose layouts carry the names in another order (and with other file names inside the
    package): every slide still gets the layout of its kind."""
    prs = pptx.Presentation(str(ROOT / "templates" / "reference" / "deck.pptx"))
    id_list = prs.slide_master.slide_layouts._sldLayoutIdLst
    entries = list(id_list)
    for entry in entries:
        id_list.remove(entry)
    for entry in reversed(entries):
        id_list.append(entry)
    reordered = [layout.name for layout in prs.slide_layouts]
    assert reordered != [layout.name for layout in pptx.Presentation(str(ROOT / "templates" / "reference" / "deck.pptx")).slide_layouts]
    path = tmp_path / "党建模板.pptx"
    prs.save(str(path))
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path, targets=("deck",), meeting_file=MEETING, pptx_template=path))
    assert result.error is None, result.error
    built = pptx.Presentation(str(result.files[0]))
    assert [s.slide_layout.name for s in built.slides] == [s.slide_layout.name for s in deck.slides]
    assert titles(built) == titles(deck)


def test_many_sections_and_points(tmp_path):
    lines = ["很多部分的讲话提纲"]
    for i in range(1, 16):
        lines.append(f"{'一二三四五六七八九'[i - 1] if i < 10 else '十' + ('一二三四五'[i - 11] if i > 10 else '')}、第{i}个部分")
        lines.append("（一）抓好落实。" + "要坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神。" * 3)
    lines.insert(4, "\n".join(f"{k}.第{k}条措施。要严格落实责任，层层传导压力，确保各项任务落到实处。" for k in range(1, 12)))
    path = tmp_path / "大纲.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(parse_outline(read_source(path)).sections) == 15
    deck = pptx.Presentation(str(build_deck(path, tmp_path / "out")))
    toc = [s for s in deck.slides if s.slide_layout.name == "目录"]
    text = "".join(shape.text_frame.text for s in toc for shape in s.placeholders if shape.placeholder_format.idx != 0)
    assert all(f"第{i}个部分" in text for i in range(1, 16))
    assert len(toc) == 1, "15 short headings fit one 目录 slide in two columns"


# -- rendered --
def render_report(pptx_path, tmp_path) -> dict:
    """Clipped characters and lines outside frames, as ../shared/tools/render_check.py measures them."""
    pdf = soffice_convert(pptx_path, tmp_path)
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r"<page .*?</page>", xml, re.S)
    prs = pptx.Presentation(str(pptx_path))
    clipped = outside = 0
    for slide, page in zip(prs.slides, pages, strict=True):
        frames, text = [], ""
        for shape in slide.shapes:
            if shape.has_text_frame:
                x0, y0 = shape.left / 12700, shape.top / 12700
                frames.append((x0, y0, x0 + shape.width / 12700, y0 + shape.height / 12700))
                text += shape.text_frame.text
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)
        want = collections.Counter(c for c in text if c.isalnum())
        seen = collections.Counter(c for *_, w in words for c in w if c.isalnum())
        clipped += sum((want - seen).values())
        for x0, y0, x1, y1, _ in words:
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            if not any(x0 >= f[0] - 4 and y0 >= f[1] - 4 and x1 <= f[2] + 4 and y1 <= f[3] + 4 for f in frames):
                outside += 1
    return {"clipped": clipped, "outside": outside, "pages": len(pages)}


@pytest.mark.render
def test_rendered_seed_deck_has_nothing_clipped(deck_path, tmp_path):
    report = render_report(deck_path, tmp_path)
    assert report == {"clipped": 0, "outside": 0, "pages": len(pptx.Presentation(str(deck_path)).slides)}


@pytest.mark.render
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_rendered_corpus_decks(path, tmp_path):
    report = render_report(build_deck(path, tmp_path / "out"), tmp_path)
    assert report["clipped"] == 0 and report["outside"] == 0


@pytest.mark.render
@pytest.mark.slow
def test_rendered_long_paragraph_deck(tmp_path):
    text = "一、加强学习\n（一）学深悟透。" + "要坚持读原著学原文悟原理，做到学思用贯通、知信行合一，" * 300 + "。\n"
    source = tmp_path / "长段落.txt"
    source.write_text(text, encoding="utf-8")
    assert parse_outline(text_to_source(text, "x")).sections
    report = render_report(build_deck(source, tmp_path / "out"), tmp_path)
    assert report["clipped"] == 0 and report["outside"] == 0


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_notes_and_slides_hold_the_sections(path, tmp_path):
    deck = pptx.Presentation(str(build_deck(path, tmp_path)))
    outline = parse_outline(read_source(path))
    shown = "".join(s.notes_slide.notes_text_frame.text for s in deck.slides)
    shown += "".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    want = collections.Counter(squeeze("".join(s.text for s in outline.sections)))
    assert sum((want - collections.Counter(squeeze(shown))).values()) / sum(want.values()) <= 0.02
    titles_ = set(titles(deck))
    assert all(sub.heading in titles_ for s in outline.sections for sub in s.subsections)


FIXTURE_OUTLINES = sorted((ROOT / "tests" / "fixtures" / "outlines").glob("*.txt"))


@pytest.mark.render
@pytest.mark.parametrize("path", FIXTURE_OUTLINES, ids=lambda p: p.stem)
def test_rendered_fixture_decks(path, tmp_path):
    """Very long titles and headings, a byline, three levels under 第一部分: nothing clipped or outside a frame."""
    deck_path = build_deck(path, tmp_path / "out")
    report = render_report(deck_path, tmp_path)
    assert report["clipped"] == 0 and report["outside"] == 0
    for slide in pptx.Presentation(str(deck_path)).slides:
        for shape in slide.shapes:
            assert shape.top >= 0 and shape.top + shape.height <= Pt(540), "every frame stays on the slide"


def test_a_later_deck_on_the_same_template_is_the_same_deck(tmp_path, monkeypatch):
    """Slides and notes pages of later decks in a process (a batch worker, a 支部学习包) are copied from the empty
    ones python-pptx made for the first deck on the template: every part of the package comes out the same."""
    import zipfile

    from generator.render import powerpoint

    monkeypatch.setattr(powerpoint, "_PRISTINE", {})
    first, later = build_deck(SEED, tmp_path / "first"), build_deck(SEED, tmp_path / "later")
    assert len(powerpoint._PRISTINE) == 1 and "notes" in next(iter(powerpoint._PRISTINE.values()))
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(later) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "docProps/core.xml":     # stamped with the time of the build
                assert a.read(name) == b.read(name), name


def test_layout_decorations_carry_no_theme_style():
    """The bands and rules of the reference layouts say their fill, line and (no) effects themselves: with a theme
    style reference LibreOffice drew the theme's blurred shadow under each of them on every slide (PowerPoint
    does not), which also doubled the time a deck took to export to PDF."""
    template = pptx.Presentation(str(ROOT / "templates" / "reference" / "deck.pptx"))
    P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    decorations = [sp for layout in template.slide_layouts for sp in layout.shapes._spTree.iter(f"{P}sp")
                   if sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is None]
    assert len(decorations) >= 18
    assert not [sp for sp in decorations if sp.find(f"{P}style") is not None]


def test_the_deck_is_saved_as_python_pptx_saves_it(tmp_path):
    """render.pptx_package writes the package python-pptx writes, member for member and byte for byte, an external
    link (a hyperlink) and a picture's relationship included."""
    import io
    import zipfile

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from generator.compose.deck import compose_deck
    from generator.compose.templating import Wording
    from generator.meeting import load_meeting
    from generator.render.powerpoint import render_deck
    from generator.render.pptx_package import _relative, save_presentation

    document = parse_outline(read_source(SEED))
    prs = render_deck(compose_deck(document, load_meeting(SEED, MEETING, {}), Wording()), ROOT / "templates" / "reference" / "deck.pptx")
    slide = prs.slides[2]
    slide.part.relate_to("https://www.gov.cn/", RT.HYPERLINK, is_external=True)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
           b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    slide.shapes.add_picture(io.BytesIO(png), 0, 0)
    prs.save(str(tmp_path / "python-pptx.pptx"))
    save_presentation(prs, str(tmp_path / "huiwu.pptx"))
    with zipfile.ZipFile(tmp_path / "python-pptx.pptx") as theirs, zipfile.ZipFile(tmp_path / "huiwu.pptx") as ours:
        assert ours.namelist() == theirs.namelist()
        assert "ppt/media/image1.png" in ours.namelist()
        for name in theirs.namelist():
            assert ours.read(name) == theirs.read(name), name
    assert _relative("/ppt/slides", "/ppt/media/image1.png") == "../media/image1.png"
    assert _relative("/", "/ppt/presentation.xml") == "ppt/presentation.xml"
    assert _relative("/ppt", "/ppt/slides/slide1.xml") == "slides/slide1.xml"
