"""Print-ready PDFs: official faces printed in Simplified Chinese stand-ins when missing (said once per build),
the 版记 at the foot of the last page, and the one module through which every LibreOffice run goes."""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ContentStream
from typer.testing import CliRunner

from generator import fonts, libreoffice, lo_profile
from generator import gbt9704 as gb
from generator import pdf as pdf_module
from generator.build import BuildOptions, build_outline
from generator.cli import app

from .conftest import ROOT, SEED, per_module
from .docx_facts import pdf_lines
from .helpers import make_docx

runner = CliRunner()
MEETING = ROOT / "seeds" / "meeting.toml"
MM = 72 / 25.4
OPEN_FONTS = frozenset({"noto serif cjk sc", "noto serif cjk sc semibold", "noto sans cjk sc", "ar pl ukai cn",
                        "ar pl uming cn", "lxgw wenkai", "dejavu sans"})


# -- the stand-in table (fonts.py) --

def test_stand_ins_are_simplified_chinese_faces_only():
    other_forms = re.compile(r"\b(JP|KR|TC|HK|TW|MBE)\b|Mincho|Gothic|Batang|Gulim|Dotum|MingLiU|Meiryo|Malgun|Yu ", re.I)
    for face, candidates in fonts.STAND_INS.items():
        assert candidates and not [c for c in candidates if other_forms.search(c)], face


def test_stand_ins_map_only_missing_faces_best_first():
    table = fonts.stand_ins(OPEN_FONTS)
    assert table[fonts.FANGSONG] == "Noto Serif CJK SC"
    assert table[fonts.KAITI] == "AR PL UKai CN"
    assert table[fonts.HEITI] == "Noto Sans CJK SC"
    assert table[fonts.XIAOBIAOSONG] == "Noto Serif CJK SC SemiBold"
    assert table[fonts.DECK_TITLE] == "Noto Sans CJK SC"
    assert fonts.stand_ins(OPEN_FONTS | {"fandolfang"})[fonts.FANGSONG] == "FandolFang"
    # Windows 10 has 仿宋 and 楷体 (not the _GB2312 faces): the same designs stand in, nothing else is touched
    windows = frozenset({"仿宋", "fangsong", "楷体", "kaiti", "黑体", "simhei", "宋体", "simsun", "微软雅黑", "microsoft yahei"})
    assert fonts.stand_ins(windows) == {fonts.XIAOBIAOSONG: None, fonts.FANGSONG: "仿宋", fonts.KAITI: "楷体"}
    official = frozenset(face.casefold() for face in fonts.STAND_INS)
    assert fonts.stand_ins(official) == {}
    assert set(fonts.stand_ins(frozenset({"dejavu sans"})).values()) == {None}


def test_unknown_fonts_mean_no_substitution(monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: None)
    assert fonts.stand_ins() == {}


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig (fc-list) is not installed")
def test_installed_families_reads_every_localised_name():
    fonts.installed_families.cache_clear()
    families = fonts.installed_families()
    assert families and all(name == name.casefold() for name in families)
    if "lxgw wenkai" in families:
        assert "霞鹜文楷" in families


# -- the LibreOffice module --

def test_profile_holds_the_font_replacement_table(tmp_path):
    profile = lo_profile.write_profile(tmp_path / "p", {"仿宋_GB2312": "Noto Serif CJK SC", "楷体_GB2312": "AR PL UKai CN"})
    root = etree.parse(str(profile / "user" / "registrymodifications.xcu")).getroot()
    oor = "{http://openoffice.org/2001/registry}"

    def props(node):
        return {p.get(f"{oor}name"): p.findtext("value") for p in node.iter("prop")}

    switch = next(i for i in root if i.get(f"{oor}path") == "/org.openoffice.Office.Common/Font/Substitution")
    assert props(switch) == {"Replacement": "true"}
    pairs = [props(n) for i in root if i.get(f"{oor}path").endswith("/FontPairs") for n in i.iter("node")]
    assert {(p["ReplaceFont"], p["SubstituteFont"]) for p in pairs} == {("仿宋_GB2312", "Noto Serif CJK SC"),
                                                                        ("楷体_GB2312", "AR PL UKai CN")}
    assert all(p["Always"] == "true" and p["OnScreenOnly"] == "false" for p in pairs)



def test_profile_says_it_was_used_by_a_newer_libreoffice(tmp_path):
    profile = lo_profile.write_profile(tmp_path / "p", {})
    root = etree.parse(str(profile / "user" / "registrymodifications.xcu")).getroot()
    oor = "{http://openoffice.org/2001/registry}"
    product = next(i for i in root if i.get(f"{oor}path") == "/org.openoffice.Setup/Product")
    [prop] = product.iter("prop")
    assert prop.get(f"{oor}name") == "ooSetupLastVersion"
    # -- compared as major * 10 + minor, like LibreOffice: newer than today's 25.x and any version to come soon --
    major, minor = map(int, prop.findtext("value").split("."))
    assert major * 10 + minor > 99 * 10 + 9


@pytest.mark.render("soffice")
def test_a_run_skips_libreoffices_after_upgrade_self_test(tmp_path):
    """Each run has a new profile; LibreOffice would take it for an upgrade and draw its graphics self-test
    (0.7 s of every start) and log it in the profile."""
    source = make_docx(tmp_path / "甲.docx", [("第一段。", None)])
    staging = libreoffice._stage(libreoffice.find_soffice(), [source], "pdf", None, {})
    try:
        shutil.copyfile(source, staging.inputs[source])
        libreoffice._run(staging.command, 120)
        assert list((staging.work / "out").glob("*.pdf")), "LibreOffice wrote no PDF"
        assert (staging.work / "profile" / "user" / "registrymodifications.xcu").exists()
        assert not (staging.work / "profile" / "user" / "GraphicsRenderTests.log").exists()
    finally:
        shutil.rmtree(staging.work, ignore_errors=True)


def _fake_soffice(monkeypatch, calls, *, write=True, hang=False):
    def fake_run(command, timeout):
        calls.append(command)
        if hang:
            raise subprocess.TimeoutExpired(command, timeout)
        to = command[command.index("--convert-to") + 1].split(":")[0]
        outdir = Path(command[command.index("--outdir") + 1])
        outdir.mkdir(exist_ok=True)
        for arg in command[command.index("--outdir") + 2:]:
            if write:
                (outdir / f"{Path(arg).stem}.{to}").write_bytes(b"%PDF-1.7 made")

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(libreoffice, "_run", fake_run)


def test_convert_runs_once_and_renames_each_result_into_place(tmp_path, monkeypatch):
    calls = []
    _fake_soffice(monkeypatch, calls)
    files = []
    for name in ("一", "二"):
        (tmp_path / name).mkdir()
        files.append(tmp_path / name / "会议纪要.docx")
        files[-1].write_bytes(b"x")
    result = libreoffice.convert(files, "pdf")
    assert len(calls) == 1 and result.note("pdf", 600) is None
    assert result.written == [f.with_suffix(".pdf") for f in files]
    assert all(p.read_bytes() == b"%PDF-1.7 made" for p in result.written)
    assert not [p for p in tmp_path.rglob(".~*")]          # no temporary file left behind
    command = calls[0]
    assert command[1].startswith("-env:UserInstallation=file:") and "--headless" in command


def test_convert_to_docx_into_a_folder(tmp_path, monkeypatch):
    """What reading a .doc/.odt/.rtf outline needs: the same run, the same profile, results in one folder."""
    calls = []
    _fake_soffice(monkeypatch, calls)
    source = tmp_path / "讲话提纲.doc"
    source.write_bytes(b"doc")
    result = libreoffice.convert([source], "docx", tmp_path / "converted")
    assert result.written == [tmp_path / "converted" / "讲话提纲.docx"] and not result.failed
    assert calls[0][calls[0].index("--convert-to") + 1] == "docx:MS Word 2007 XML"


def test_convert_timeout_and_failures_say_so(tmp_path, monkeypatch):
    files = [tmp_path / "a.docx"]
    files[0].write_bytes(b"x")
    _fake_soffice(monkeypatch, [], hang=True)
    result = libreoffice.convert(files, "pdf", timeout=5)
    assert result.timed_out and result.written == [] and "5 秒内未完成" in result.note("pdf", 5)
    _fake_soffice(monkeypatch, [], write=False)
    result = libreoffice.convert(files, "pdf")
    assert result.failed == files and result.note("pdf", 600).startswith("有 1 个文件未能转换")


def test_convert_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    result = libreoffice.convert([tmp_path / "a.doc"], "docx")
    assert result.not_installed and result.note("docx", 600).startswith("未找到 LibreOffice")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_timeout_stops_libreoffice_and_its_children(tmp_path):
    """A hung conversion is killed with everything it started (soffice starts soffice.bin in the background)."""
    marker = tmp_path / "child.pid"
    with pytest.raises(subprocess.TimeoutExpired):
        libreoffice._run(["sh", "-c", f"sleep 60 & echo $! > {marker}; wait"], timeout=1)
    child = int(marker.read_text())
    for _ in range(100):
        try:
            state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return
        if state == "Z":
            return
        time.sleep(0.05)
    pytest.fail("the process started by the timed-out run is still running")


# -- the PDF export and its one line about fonts --

@pytest.fixture(scope=per_module)
def minutes_docx(tmp_path_factory):
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path_factory.mktemp("m"), targets=("minutes",), meeting_file=MEETING))
    assert result.error is None
    return result.files[0]


def test_pdf_export_puts_stand_ins_in_the_profile_and_says_so_once(tmp_path, monkeypatch, minutes_docx):
    seen = {}

    def fake_run(command, timeout):
        profile = Path(command[1].split("=", 1)[1].removeprefix("file://"))
        seen["xcu"] = (profile / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
        outdir = Path(command[command.index("--outdir") + 1])
        outdir.mkdir(exist_ok=True)
        for arg in command[command.index("--outdir") + 2:]:
            (outdir / f"{Path(arg).stem}.pdf").write_bytes(b"%PDF")

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(libreoffice, "_run", fake_run)
    monkeypatch.setattr(fonts, "installed_families", lambda: OPEN_FONTS)
    copy = tmp_path / "会议纪要.docx"
    shutil.copyfile(minutes_docx, copy)
    written, note = pdf_module.convert_to_pdf([minutes_docx, copy])
    assert len(written) == 2
    assert "<value>仿宋_GB2312</value>" in seen["xcu"] and "<value>AR PL UKai CN</value>" in seen["xcu"]
    assert "\n" not in note and note.count("仿宋_GB2312→Noto Serif CJK SC") == 1
    for pair in ("楷体_GB2312→AR PL UKai CN", "黑体→Noto Sans CJK SC", "方正小标宋简体→Noto Serif CJK SC SemiBold"):
        assert pair in note
    assert "微软雅黑" not in note                      # not used by the minutes
    assert "安装正式字体" in note and ".docx" in note


def test_no_stand_in_available_is_said_too(monkeypatch, minutes_docx, tmp_path):
    _fake_soffice(monkeypatch, [])
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"dejavu sans"}))
    copy = tmp_path / "会议纪要.docx"
    shutil.copyfile(minutes_docx, copy)
    _, note = pdf_module.convert_to_pdf([copy])
    assert "没有可替代" in note and "fonts-noto-cjk" in note


def test_official_fonts_installed_means_no_note(monkeypatch, minutes_docx, tmp_path):
    _fake_soffice(monkeypatch, [])
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset(face.casefold() for face in fonts.STAND_INS))
    copy = tmp_path / "会议纪要.docx"
    shutil.copyfile(minutes_docx, copy)
    assert pdf_module.convert_to_pdf([copy]) == ([copy.with_suffix(".pdf")], None)


# -- the 版记 in the XML Word and WPS read --

def test_imprint_is_a_table_floated_to_the_bottom_of_the_type_area(minutes_docx):
    document = docx.Document(str(minutes_docx))
    body = document.element.body
    tbl = body.findall(qn("w:tbl"))[-1]
    assert [etree.QName(e).localname for e in body[-3:]] == ["tbl", "p", "sectPr"]   # the last block, then its anchor
    pos = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}")
    attr = {etree.QName(k).localname: v for k, v in pos.attrib.items()}
    section = document.sections[0]
    assert attr["vertAnchor"] == "margin" and attr["tblpYSpec"] == "bottom" and "tblpY" not in attr
    assert attr["horzAnchor"] == "page" and int(attr["tblpX"]) == section.left_margin.twips
    width = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
    assert width.get(qn("w:type")) == "dxa"
    assert abs(int(width.get(qn("w:w"))) - round(gb.TYPE_AREA_WIDTH_MM / 25.4 * 1440)) <= 2
    margins = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    assert {etree.QName(m).localname: m.get(qn("w:w")) for m in margins} == {"left": "0", "right": "0"}
    assert tbl.find(f"{qn('w:tblPr')}/{qn('w:tblOverlap')}").get(qn("w:val")) == "never"
    assert "分送：" in "".join(tbl.itertext()) and "印发" in "".join(tbl.itertext())


# -- rendered (LibreOffice → PDF) --

def horizontal_rules(pdf: Path) -> list[tuple[int, float, float, float, float]]:
    """Return the stroked horizontal lines of a PDF: (page, y from the top, x0, x1, width) in points."""
    reader = PdfReader(str(pdf))
    rules = []
    for number, page in enumerate(reader.pages, start=1):
        height, width, start = float(page.mediabox.height), 0.0, None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"cm":
                raise AssertionError("a transformed content stream; extend horizontal_rules")
            if operator == b"w":
                width = float(operands[0])
            elif operator == b"m":
                start = (float(operands[0]), float(operands[1]))
            elif operator == b"l" and start and abs(float(operands[1]) - start[1]) < 0.01:
                rules.append((number, height - start[1], min(start[0], float(operands[0])), max(start[0], float(operands[0])), width))
    return rules


def fonts_of_text(pdf: Path) -> list[tuple[str, str]]:
    """Return (font name without subset tag, text) for every text run of a PDF."""
    runs = []

    def visit(text, cm, tm, font, size):
        if font is not None and text.strip():
            runs.append((str(font.get("/BaseFont", "")).split("+")[-1], text))

    for page in PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def _face(runs, text: str) -> str:
    return next(font for font, run in runs if text in run)


@pytest.fixture(scope=per_module)
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    # -- the 详细 minutes: every role (headings, 楷体 subsection and lead runs) is in it --
    result = runner.invoke(app, ["build", str(SEED), "-o", str(out), "--only", "minutes", "--pdf", "--meeting", str(MEETING),
                                 "--minutes", "详细"])
    assert result.exit_code == 0, result.output
    return out / SEED.stem / "会议纪要.pdf", result.output


@pytest.mark.render
def test_minutes_pdf_prints_each_role_in_its_kind_of_face(rendered):
    pdf, output = rendered
    table = fonts.stand_ins()
    if any(table.get(face, "installed") is None for face in (fonts.FANGSONG, fonts.KAITI, fonts.HEITI)):
        pytest.skip("this machine has neither the official faces nor open stand-ins (fonts-noto-cjk, fonts-arphic-ukai)")
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Kai", listed) and re.search(r"Serif|Fang|Song|Ming", listed)
    runs = fonts_of_text(pdf)
    serif, kai, sans = re.compile(r"Serif|Fang|Song|Ming", re.I), re.compile(r"Kai", re.I), re.compile(r"Sans|Hei", re.I)
    body = _face(runs, "会议的主要任务是")                       # Body Text, 仿宋
    assert serif.search(body) and not sans.search(body), body
    assert kai.search(_face(runs, "补钙铸魂守初心")), runs[:5]     # 引领语字符, 楷体
    assert kai.search(_face(runs, "提升政治站位"))                # 二级标题字符, 楷体
    assert sans.search(_face(runs, "加强政治建设，坚定不移维护核心"))  # Heading 1, 黑体
    assert serif.search(_face(runs, "坚定不移全面从严管党治党"))      # Title, 小标宋
    substituted = [face for face in (fonts.FANGSONG, fonts.KAITI, fonts.HEITI, fonts.XIAOBIAOSONG) if table.get(face)]
    notes = [line for line in output.splitlines() if "替代字体" in line]
    assert len(notes) == (1 if substituted else 0)
    for face in substituted:
        assert f"{face}→{table[face]}" in notes[0]


@pytest.mark.render
def test_imprint_rule_lies_on_the_bottom_of_the_type_area(rendered):
    pdf, _ = rendered
    check_imprint(pdf)


@pytest.mark.render
def test_imprint_at_the_foot_when_the_text_ends_high(tmp_path):
    """The last page holds a few lines of text: the 版记 stays at its foot, not under 列席."""
    outline = tmp_path / "短.txt"
    body = "要坚持以人民为中心的发展思想。" * 10
    outline.write_text(f"坚持以学促干\n一、加强学习\n（一）学深悟透。{body}\n", encoding="utf-8")
    meeting = tmp_path / "meeting.toml"
    meeting.write_text('[meeting]\nattendees = ["王××"]\n[document]\noffice = "××局办公室"\n', encoding="utf-8")
    result = runner.invoke(app, ["build", str(outline), "-o", str(tmp_path / "out"), "--only", "minutes", "--pdf",
                                 "--minutes", "详细"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "短" / "会议纪要.pdf"
    check_imprint(pdf)
    lines, pages = pdf_lines(pdf)
    observers = next(line for line in lines if line.text.startswith("列席"))
    assert observers.page == len(pages) and observers.y < 150 * MM, observers


def check_imprint(pdf: Path) -> None:
    pages = len(PdfReader(str(pdf)).pages)
    rules = [r for r in horizontal_rules(pdf) if r[0] == pages and r[3] - r[2] > 100 * MM]
    assert len(rules) >= 3, rules                               # 版记: outer, inner, outer
    imprint = sorted(rules, key=lambda r: r[1])[-3:]
    bottom = imprint[-1]
    assert abs(bottom[1] / MM - (gb.PAGE_HEIGHT_MM - gb.MARGIN_BOTTOM_MM)) <= 3, bottom[1] / MM
    for _, _, x0, x1, _ in imprint:                             # the width of the type area
        assert abs(x0 / MM - gb.MARGIN_LEFT_MM) <= 1.5 and abs(x1 / MM - (gb.MARGIN_LEFT_MM + gb.TYPE_AREA_WIDTH_MM)) <= 1.5
    widths = [round(w / 72 * 25.4, 2) for *_, w in imprint]
    assert widths[0] == widths[2] > widths[1]                   # 0.35 mm outer rules, 0.25 mm inner
