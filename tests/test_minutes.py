"""会议纪要: open the generated .docx and check what a user sees (GB/T 9704-2012 纪要格式, wording, content)."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from generator.build import BuildOptions, build_outline
from generator.compose.voice import has_first_person, third_person
from generator.outline import parse_outline
from generator.source import read_source

from .conftest import ROOT, SEED, corpus_files, per_module, soffice_convert
from .docx_facts import body_text, east_asia_font, em_width, pdf_lines, theme_font_attrs

MEETING = ROOT / "seeds" / "meeting.toml"
TEMPLATE_WORDS = re.compile(r"会议(?:认为|指出|强调|要求|号召)[，：]|现将会议主要精神纪要如下：")


@pytest.fixture(scope=per_module)
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("minutes")
    # -- the 详细 minutes: every sentence, with the heading styles; 简要 is tested in test_minutes_concise.py --
    result = build_outline(SEED, BuildOptions(out_dir=out, targets=("minutes",), meeting_file=MEETING, minutes="详细"))
    assert result.error is None, result.error
    return result.files[0]


@pytest.fixture(scope=per_module)
def doc(built):
    return docx.Document(str(built))


def test_page_setup(doc):
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    for value, expected in ((section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(value.mm - expected) < 0.5


def test_fonts_are_set_for_east_asian_text(doc):
    styles = doc.styles
    assert east_asia_font(styles["Body Text"]) == "仿宋_GB2312" and styles["Body Text"].font.size.pt == 16
    assert east_asia_font(styles["Heading 1"]) == "黑体"
    assert east_asia_font(styles["Heading 2"]) == east_asia_font(styles["二级标题字符"]) == "楷体_GB2312"
    assert east_asia_font(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size.pt == 22
    assert styles["Body Text"].font.name == "Times New Roman"
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).rFonts
    assert defaults.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert theme_font_attrs(doc) == []


def test_line_grid_and_indent(doc):
    body = doc.styles["Body Text"].paragraph_format
    assert abs(body.line_spacing.pt - 28.95) < 0.01
    assert abs(body.first_line_indent.pt - 2 * 15.75) < 0.1
    spacing = doc.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert int(spacing.get(qn("w:val"))) * 28 / 20 + 16 * 28 <= Mm(156).pt


def test_red_mark_issue_and_rule(doc):
    mark, issue, header = doc.paragraphs[:3]
    assert mark.style.name == "纪要标志" and mark.text == "生态环境系统全面从严治党工作会议纪要"
    assert str(mark.style.font.color.rgb) == "FF0000" and east_asia_font(mark.style) == "方正小标宋简体"
    assert abs(mark.paragraph_format.space_before.mm - 35) < 3
    assert issue.text == "第5期"
    assert header.text == "××市生态环境局办公室\t2020年5月28日"
    border = header.style.element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "FF0000"


def test_page_numbers(doc, built):
    section = doc.sections[0]
    assert doc.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in "".join(paragraph._p.itertext()) and 'fldCharType="begin"' in xml
        assert paragraph.text.startswith("\u2014 ") and paragraph.text.endswith(" \u2014")
        assert paragraph.alignment.name.lower() == align
        assert east_asia_font(paragraph.style) == "宋体" and paragraph.style.font.size.pt == 14


def test_every_heading_verbatim(doc):
    outline = parse_outline(read_source(SEED))
    heading_1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert heading_1 == [s.marker + s.heading for s in outline.sections]
    runs = [r.text for p in doc.paragraphs for r in p.runs if r.style.name == "二级标题字符"]
    assert [re.sub(r"^[（(][一二三四五六七八九十]+[)）]", "", r).rstrip("。") for r in runs] == \
        [c.heading for s in outline.sections for c in s.subsections]
    assert all(r.startswith("（") for r in runs), "ASCII brackets of the outline are set full-width in the minutes"


def test_third_person_and_placeholders(doc):
    text = body_text(doc)
    assert not has_first_person(text)
    assert "XX" not in text and "美丽某市生态某市" in text
    assert "现将会议主要精神纪要如下：" in text and "2020年5月28日，生态环境系统全面从严治党工作会议在局机关三楼会议室召开" in text


def test_attendance_and_imprint(doc):
    rows = [p for p in doc.paragraphs if p.style.name == "出席名单"]
    assert [p.text.split("：")[0] for p in rows] == ["出席", "请假", "列席"]
    assert rows[0].runs[0].style.name == "名单标签字符" and rows[0].runs[0].text == "出席："
    style = rows[0].style.paragraph_format
    assert abs((style.left_indent + style.first_line_indent) / 12700 - 2 * 15.75) < 0.5, "label starts 2 characters in"
    assert abs(-style.first_line_indent.pt - 3 * 15.75) < 0.5, "wrapped names align after the colon"
    table = doc.tables[-1]
    assert table.rows[0].cells[0].text == "分送：局领导、各处室、各直属单位、各区分局。"
    assert table.rows[1].cells[0].text.endswith("2020年5月28日印发")
    xml = table._tbl.xml
    assert 'w:tblpYSpec="bottom"' in xml and 'w:sz="8"' in xml and 'w:sz="6"' in xml


def clauses_not_in_outline(text: str, outline_text: str) -> tuple[int, list[str]]:
    """Return (clauses checked, clauses of 8+ characters not found verbatim in the outline)."""
    text = TEMPLATE_WORDS.sub("", text)
    clauses = [c for c in re.split(r"[，。；：！？、\n\t“”]", text) if len(c) >= 8]
    return len(clauses), [c for c in clauses if c not in outline_text]


def test_wording_is_the_outlines(doc):
    text = "\n".join(p.text for p in doc.paragraphs if p.style.name in ("Body Text", "Heading 1"))
    outline = SEED.read_text(encoding="utf-8").replace("XX", "某市")
    checked, missing = clauses_not_in_outline(text, outline)
    assert checked > 150 and len(missing) / checked <= 0.03, missing


def test_voice_keeps_quotations():
    assert third_person("同志们，我们要坚持。") == "要坚持。"
    assert third_person("“我们要”不改。") == "“我们要”不改。"
    assert third_person("同志们，让我们更加紧密地团结起来！") == "更加紧密地团结起来！"
    assert not has_first_person(third_person("我们党始终重视，大家要学习。在此，我代表局党组向大家表示感谢！"))


def test_missing_metadata_leaves_blanks(tmp_path):
    outline = tmp_path / "提纲.txt"
    outline.write_text("会议讲话\n一、加强学习\n（一）学深悟透。要学以致用。\n", encoding="utf-8")
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",)))
    assert result.error is None
    document = docx.Document(str(result.files[0]))
    text = body_text(document)
    assert "××××年×月×日" in text and "第×期" in text
    assert any("会议日期" in w for w in result.warnings)
    rows = [p.text for p in document.paragraphs if p.style.name == "出席名单"]
    assert rows == ["出席：×××", "请假：×××", "列席：×××"], "labels are always there, blanks visible"


def test_nobody_absent_says_none(tmp_path):
    outline = tmp_path / "提纲.txt"
    outline.write_text("会议讲话\n一、加强学习\n（一）学深悟透。要学以致用。\n", encoding="utf-8")
    (tmp_path / "meeting.toml").write_text('[meeting]\nattendees = ["张三"]\nabsent = []\nobservers = []\n', encoding="utf-8")
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",)))
    rows = [p.text for p in docx.Document(str(result.files[0])).paragraphs if p.style.name == "出席名单"]
    assert rows == ["出席：张三", "请假：无", "列席：无"]


@pytest.mark.parametrize("name,part", [("minutes.docx", "word/styles.xml"), ("summary.docx", "word/styles.xml"),
                                       ("deck.pptx", "ppt/slideLayouts/slideLayout2.xml")])
def test_references_are_reproducible(tmp_path, name, part):
    """The committed reference files are what scripts/make_references.py writes (same styles and layouts)."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_references.py"), str(tmp_path)], check=True, capture_output=True)
    with zipfile.ZipFile(ROOT / "templates" / "reference" / name) as committed, zipfile.ZipFile(tmp_path / name) as fresh:
        assert committed.read(part) == fresh.read(part)


@pytest.mark.parametrize("name", ["minutes.docx", "summary.docx", "branch.docx"])
def test_references_define_only_what_is_used(name):
    """A reference holds the styles the outputs use, the defaults and a few built-ins users reach for, not the
    170 styles and the Word 2010 stylesWithEffects.xml of python-docx's template (parsed, written and compressed
    by every build: four fifths of a .docx output's time)."""
    from generator.render.docx_styles import KEPT_BUILT_INS

    document = docx.Document(str(ROOT / "templates" / "reference" / name))
    names = {style.name for style in document.styles}
    assert set(KEPT_BUILT_INS) <= names
    assert len(names) <= 45, sorted(names)
    assert "Light Shading" not in names and "Medium Grid 1 Accent 1" not in names
    with zipfile.ZipFile(ROOT / "templates" / "reference" / name) as package:
        assert "word/stylesWithEffects.xml" not in package.namelist()
        assert package.getinfo("word/styles.xml").file_size < 40_000
        numbered = set(re.findall(r'w:pStyle w:val="([^"]+)"', package.read("word/numbering.xml").decode("utf-8")))
    assert numbered and numbered <= {style.style_id for style in document.styles}, "no numbering names a dropped style"


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_minutes(tmp_path, path):
    result = build_outline(path, BuildOptions(out_dir=tmp_path, targets=("minutes",), meeting_file=MEETING, minutes="详细"))
    assert result.error is None
    document = docx.Document(str(result.files[0]))
    outline = parse_outline(read_source(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.marker + s.heading for s in outline.sections]
    assert not has_first_person(body_text(document))
    checked, missing = clauses_not_in_outline("\n".join(p.text for p in document.paragraphs if p.style.name in ("Body Text", "Heading 1")),
                                              path.read_text(encoding="utf-8"))
    assert len(missing) / checked <= 0.03, missing


# -- rendered (LibreOffice → PDF) --
MM = 72 / 25.4
AREA = (28 * MM, 37 * MM, (28 + 156) * MM, (37 + 225) * MM)   # left, top, right, bottom of the type area


def render_minutes_pdf(docx_path, tmp_path):
    return pdf_lines(soffice_convert(docx_path, tmp_path))


def assert_grid(lines, pages):
    """A4; at most 22 lines in the type area per page; no line wider than 28 characters or past the margin."""
    assert all(abs(w - 595.3) < 3 and abs(h - 841.9) < 3 for w, h in pages)
    left, top, right, bottom = AREA
    for page in range(1, len(pages) + 1):
        body = [line for line in lines if line.page == page and top - 2 <= line.y <= bottom + 2]
        assert len(body) <= 22, f"page {page} has {len(body)} lines in the type area"
        footer = [line for line in lines if line.page == page and line.y > bottom + 2]
        assert footer and re.fullmatch(r"—\d+—", footer[-1].text.replace(" ", ""))
    in_area = [line for line in lines if top <= line.y <= bottom]
    assert max(em_width(line.text) for line in in_area) <= 28
    assert all(line.x1 <= right + 1.5 for line in in_area), [line.text for line in in_area if line.x1 > right + 1.5][:3]
    return in_area


@pytest.mark.render
def test_rendered_minutes(built, tmp_path):
    lines, pages = render_minutes_pdf(built, tmp_path)
    in_area = assert_grid(lines, pages)
    full = [line for line in in_area if em_width(line.text) >= 27.5]
    assert len(full) > 100, "body lines are filled to 28 characters"
    mark = next(line for line in lines if line.page == 1 and "会议纪要" in line.text)
    top = mark.y - 24.5  # baseline − size: the top of the mark's em box
    assert abs(top / MM - (37 + 35)) < 3


@pytest.mark.render
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_rendered_corpus_minutes(path, tmp_path):
    result = build_outline(path, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",), meeting_file=MEETING))
    assert_grid(*render_minutes_pdf(result.files[0], tmp_path))


@pytest.mark.render
def test_rendered_no_hanging_punctuation(tmp_path):
    """A full stop falling on a line's 27th place after the indent is not hung in the margin as a 29th character."""
    outline = tmp_path / "悬挂.txt"
    body = "甲" * 15 + "。" + "乙" * 40 + "。" + "丙" * 21 + "，" + "丁" * 30 + "。"
    outline.write_text(f"讲话提纲\n一、总体要求\n（一）标题。{body}\n", encoding="utf-8")
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",), meeting_file=MEETING, minutes="详细"))
    lines, pages = render_minutes_pdf(result.files[0], tmp_path)
    assert_grid(lines, pages)
    assert any(line.text.startswith("甲。") or line.text.endswith("甲") for line in lines)
