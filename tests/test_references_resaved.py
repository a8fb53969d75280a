"""Reference files re-saved by LibreOffice, Word or WPS still work: styles and layouts are found by visible name."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pptx
import pytest
from typer.testing import CliRunner

from generator import libreoffice
from generator.build import BuildOptions, build_outline
from generator.cli import app
from generator.errors import TemplateError
from generator.render import lookup

from .conftest import ROOT, SEED, per_module
from .docx_facts import east_asia_font

runner = CliRunner()
MEETING = ROOT / "seeds" / "meeting.toml"
REFERENCE = ROOT / "templates" / "reference"


def _rewrite_styles(src: Path, dst: Path, edit) -> Path:
    """Copy a .docx, passing word/styles.xml and word/document.xml through `edit(name, xml)`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in ("word/styles.xml", "word/document.xml"):
                data = edit(item.filename, data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return dst


def _templates(tmp_path: Path, name: str, edit) -> Path:
    folder = tmp_path / "templates" / "reference"
    folder.mkdir(parents=True)
    _rewrite_styles(REFERENCE / name, folder / name, edit)
    return tmp_path / "templates"


def _as_libreoffice_writes_it(_name: str, xml: str) -> str:
    """What LibreOffice does to style ids and names: ids of its own, built-in names capitalised."""
    new = {old: f"Style{number + 100}" for number, old in enumerate(re.findall(r'w:styleId="([^"]+)"', xml))}
    xml = re.sub(r'w:styleId="([^"]+)"', lambda m: f'w:styleId="{new[m.group(1)]}"', xml)
    xml = re.sub(r'<w:(basedOn|next|link|pStyle|rStyle) w:val="([^"]+)"',
                 lambda m: f'<w:{m.group(1)} w:val="{new.get(m.group(2), m.group(2))}"', xml)
    return xml.replace('w:val="heading 1"', 'w:val="Heading 1"').replace('w:val="footer"', 'w:val="Footer"')


def _chinese_ui_names(_name: str, xml: str) -> str:
    return xml.replace('<w:name w:val="heading 1"/>', '<w:name w:val="标题 1"/>').replace(
        '<w:name w:val="Body Text"/>', '<w:name w:val="正文文本"/>')


def _styled(path: Path) -> dict[str, int]:
    document = docx.Document(str(path))
    counts: dict[str, int] = {}
    for paragraph in document.paragraphs:
        counts[paragraph.style.name] = counts.get(paragraph.style.name, 0) + 1
    return counts


@pytest.mark.parametrize("edit", [_as_libreoffice_writes_it, _chinese_ui_names], ids=["new-ids", "chinese-names"])
def test_minutes_styles_found_by_visible_name(tmp_path, edit):
    templates = _templates(tmp_path, "minutes.docx", edit)
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",), meeting_file=MEETING,
                                              templates=templates, minutes="详细"))
    assert result.error is None, result.error
    document = docx.Document(str(result.files[0]))
    headings = [p for p in document.paragraphs if p.text.startswith("一、")]
    assert headings and east_asia_font(headings[0].style) == "黑体"
    bodies = [p for p in document.paragraphs if p.text.startswith("会议认为")]
    assert bodies and east_asia_font(bodies[0].style) == "仿宋_GB2312"
    assert east_asia_font(next(p for p in document.paragraphs if p.text.startswith("出席")).style) == "仿宋_GB2312"


def test_summary_styles_found_by_visible_name(tmp_path):
    templates = _templates(tmp_path, "summary.docx", _as_libreoffice_writes_it)
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", targets=("summary",), meeting_file=MEETING,
                                              templates=templates))
    assert result.error is None, result.error
    assert _styled(result.files[0]).get("要点条目", 0) >= 10


def test_a_missing_style_is_named(tmp_path):
    templates = _templates(tmp_path, "minutes.docx", lambda name, xml: xml.replace('w:val="纪要标志"', 'w:val="别的样式"'))
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--only", "minutes", "--templates", str(templates)])
    assert result.exit_code == 3 and "参考文档缺少样式：纪要标志" in result.output and "Traceback" not in result.output


def test_style_lookup_ignores_case_spaces_and_kind(tmp_path):
    document = docx.Document(str(REFERENCE / "minutes.docx"))
    ids = lookup.style_ids(document, ["HEADING  1", "Body Text"], ["二级标题字符"])
    assert ids == {"HEADING  1": "Heading1", "Body Text": "BodyText", "二级标题字符": "二级标题字符"}
    with pytest.raises(TemplateError, match="缺少样式：二级标题字符"):
        lookup.style_ids(document, ["二级标题字符"], [])          # a character style is not a paragraph style


def test_layouts_found_whatever_the_spacing_and_case(tmp_path):
    prs = pptx.Presentation(str(REFERENCE / "deck.pptx"))
    for layout in prs.slide_layouts:
        layout.name = f" {layout.name} "
    path = tmp_path / "模板.pptx"
    prs.save(str(path))
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path, targets=("deck",), meeting_file=MEETING, pptx_template=path))
    assert result.error is None, result.error
    deck = pptx.Presentation(str(result.files[0]))
    assert {slide.slide_layout.name.strip() for slide in deck.slides} >= {"封面", "目录", "章节", "内容"}


# -- through LibreOffice itself --

@pytest.fixture(scope=per_module)
def resaved(tmp_path_factory):
    """The three reference files opened and saved again by LibreOffice (as a user restyling them would)."""
    folder = tmp_path_factory.mktemp("resaved") / "templates" / "reference"
    folder.mkdir(parents=True)
    written = []
    for name, to in (("minutes.docx", "docx"), ("summary.docx", "docx"), ("deck.pptx", "pptx")):
        source = folder.parent.parent / f"source-{name}"
        shutil.copyfile(REFERENCE / name, source)
        result = libreoffice.convert([source], to, folder)
        assert result.written, result.note(to, 600)
        written.append(result.written[0].rename(folder / name))
    return folder.parent


@pytest.mark.render("soffice")
def test_docx_references_resaved_by_libreoffice_still_style_the_outputs(resaved, tmp_path):
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path, targets=("minutes", "summary"), meeting_file=MEETING,
                                              templates=resaved, minutes="详细"))
    assert result.error is None, result.error
    minutes, summary = result.files
    document = docx.Document(str(minutes))
    heading = next(p for p in document.paragraphs if p.text.startswith("一、"))
    assert heading.style.name.casefold() == "heading 1" and east_asia_font(heading.style) == "黑体"
    mark = document.paragraphs[0]
    assert mark.style.name == "纪要标志" and east_asia_font(mark.style) == "方正小标宋简体"
    assert _styled(summary).get("要点条目", 0) >= 10


@pytest.mark.render("soffice")
def test_deck_template_resaved_by_libreoffice_is_refused_clearly(resaved, tmp_path):
    """LibreOffice 7 writes its own layouts into a .pptx (their names and placeholders are lost): one clear line."""
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--only", "deck",
                                 "--pptx-template", str(resaved / "reference" / "deck.pptx")])
    names = {layout.name for layout in pptx.Presentation(str(resaved / "reference" / "deck.pptx")).slide_layouts}
    if "封面" in names:                       # a LibreOffice that keeps layout names: the build must work
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 3, result.output
    assert "课件模板缺少版式" in result.output and "PowerPoint 或 WPS" in result.output and "Traceback" not in result.output
