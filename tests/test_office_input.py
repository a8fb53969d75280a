"""Outlines saved as .doc, .wps, .rtf, .odt (LibreOffice converts them) or .docm/.dotx build like their .txt."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from generator import libreoffice, office_input
from generator.cli import app
from generator.errors import InputError
from generator.outline import parse_outline
from generator.source import is_outline_file, read_source

from .conftest import ROOT, per_module, soffice_convert
from .helpers import make_docx

runner = CliRunner()
TXT = ROOT / "tests" / "fixtures" / "office" / "乡村振兴推进会讲话.txt"
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def headings(path: Path) -> list[tuple[str, list[str]]]:
    document = parse_outline(read_source(path))
    return [(s.heading, [sub.heading for sub in s.subsections]) for s in document.sections]


def _paragraphs(numbered: bool) -> list[tuple[str, int | None]]:
    """The fixture's lines as (text, level); with `numbered` the markers are left to Word's automatic numbering."""
    out = []
    for line in TXT.read_text(encoding="utf-8").splitlines():
        marker = _MARKER.match(line)
        level = None if not marker else 1 if marker.group(0).endswith("、") else 2
        out.append((line[marker.end():] if numbered and marker else line, level))
    return out


@pytest.fixture(scope=per_module)
def office_files(tmp_path_factory) -> dict[str, Path]:
    """The fixture outline saved by LibreOffice as .doc and .odt (automatic numbering) and .rtf (typed numbers)."""
    folder = tmp_path_factory.mktemp("office")
    for sub in ("auto", "typed"):
        (folder / sub).mkdir()
    auto = make_docx(folder / "auto" / "提纲.docx", _paragraphs(True), auto_numbering=True)
    typed = make_docx(folder / "typed" / "提纲.docx", _paragraphs(False))
    files = {"doc": soffice_convert(auto, folder / "out", "doc"), "odt": soffice_convert(auto, folder / "out", "odt"),
             "rtf": soffice_convert(typed, folder / "out", "rtf")}
    # -- WPS 文字 files are Word 97 binaries under another name --
    for suffix in ("wps", "wpt"):
        files[suffix] = folder / "out" / f"提纲.{suffix}"
        shutil.copyfile(files["doc"], files[suffix])
    files["dotx"] = soffice_convert(auto, folder / "out", "dotx:MS Word 2007 XML Template")
    return files


@pytest.mark.render("soffice")
@pytest.mark.parametrize("kind", ["doc", "odt", "rtf", "wps", "wpt", "dotx"])
def test_office_outline_reads_like_its_txt(office_files, kind):
    """Numbering drawn by Word (一、（一）) survives the conversion: the tree is the .txt's tree."""
    assert headings(office_files[kind]) == headings(TXT)
    assert len(headings(TXT)) == 3


@pytest.mark.render("soffice")
@pytest.mark.parametrize("kind", ["doc", "odt", "rtf"])
def test_office_outline_builds(office_files, kind, tmp_path):
    result = runner.invoke(app, ["build", str(office_files[kind]), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / office_files[kind].stem
    assert {p.name for p in folder.iterdir()} == {"会议纪要.docx", "学习课件.pptx", "学习要点.docx"}
    text = "\n".join(p.text for p in docx.Document(str(folder / "会议纪要.docx")).paragraphs)
    for heading, _ in headings(TXT):
        assert heading in text


@pytest.mark.render("soffice")
def test_a_folder_of_office_outlines_builds_each(office_files, tmp_path):
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for kind in ("doc", "odt", "rtf"):
        shutil.copyfile(office_files[kind], inbox / f"提纲-{kind}.{kind}")
    result = runner.invoke(app, ["build", str(inbox), "-o", str(tmp_path / "out"), "--only", "minutes", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["提纲-doc", "提纲-odt", "提纲-rtf"]


def test_docm_is_read_directly_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    path = make_docx(tmp_path / "提纲.docx", _paragraphs(True), auto_numbering=True)
    docm = path.rename(tmp_path / "提纲.docm")
    assert headings(docm) == headings(TXT)


@pytest.mark.parametrize("name,data", [
    ("提纲.doc", office_input.OLE + bytes(600)),
    ("提纲.wps", office_input.OLE + bytes(600)),
    ("提纲.rtf", b"{\\rtf1\\ansi \\u19968?\\par}"),
    ("提纲.odt", b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/vnd.oasis.opendocument.text" + bytes(64)),
])
def test_without_libreoffice_one_chinese_line_and_exit_2(tmp_path, monkeypatch, name, data):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"错误：{path}: "), result.output
    assert f"读取 {path.suffix} 文件需要 LibreOffice" in lines[0] and "apt-get install" in lines[0] and "另存为 .docx" in lines[0]
    assert not (tmp_path / "out").exists()


def test_conversion_timeout_is_one_line(tmp_path, monkeypatch):
    def hang(command, timeout):
        raise subprocess.TimeoutExpired(command, timeout)

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: sys.executable)
    monkeypatch.setattr(libreoffice, "_run", hang)
    with pytest.raises(InputError) as info:
        office_input.convert_to_docx(office_input.OLE, ".doc", "提纲.doc", timeout=5)
    assert "5 秒内没有转换完这个 .doc 文件" in str(info.value) and "另存为 .docx" in str(info.value)


def test_conversion_uses_a_private_profile_headless(tmp_path, monkeypatch):
    seen = {}

    def fake_run(command, timeout):
        seen["command"], seen["timeout"] = command, timeout
        out = Path(command[command.index("--outdir") + 1])
        out.mkdir()
        make_docx(out / f"{Path(command[-1]).stem}.docx", [("一、甲", None)])

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/opt/soffice")
    monkeypatch.setattr(libreoffice, "_run", fake_run)
    data = office_input.convert_to_docx(office_input.OLE, ".wps", "提纲.wps")
    assert data.startswith(b"PK")
    command = seen["command"]
    assert command[0] == "/opt/soffice" and "--headless" in command and seen["timeout"] == office_input.TIMEOUT
    assert command[1].startswith("-env:UserInstallation=file://") and command[-1].endswith(".wps")


@pytest.mark.parametrize("name,wanted", [("a.doc", True), ("a.WPS", True), ("a.rtf", True), ("a.odt", True), ("a.wpt", True),
                                         ("a.docm", True), ("a.dotx", True), ("a.pdf", False), ("~$a.doc", False)])
def test_folder_scan_finds_office_outlines(tmp_path, name, wanted):
    path = tmp_path / name
    path.write_bytes(b"x")
    assert is_outline_file(path) is wanted
