"""学习要点 (.docx/.pdf), PDF export in one LibreOffice run, batch builds with a bad file among good ones."""
from __future__ import annotations

import docx
import pytest
from typer.testing import CliRunner

from generator import libreoffice
from generator import pdf as pdf_module
from generator.build import BuildOptions, build_outline
from generator.cli import app
from generator.outline import parse_outline
from generator.source import read_source

from .conftest import ROOT, SEED, corpus_files, per_module
from .docx_facts import east_asia_font, pdf_lines
from .excerpts import why_not
from .helpers import fake_libreoffice

runner = CliRunner()
MEETING = ROOT / "seeds" / "meeting.toml"


@pytest.fixture(scope=per_module)
def summary_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("summary")
    result = build_outline(SEED, BuildOptions(out_dir=out, targets=("summary",), meeting_file=MEETING))
    assert result.error is None
    return result.files[0]


def test_summary_content(summary_path):
    document = docx.Document(str(summary_path))
    outline = parse_outline(read_source(SEED))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:5] == [s.marker + s.heading for s in outline.sections]
    assert headings[5:] == ["应知应会", "思考题"]
    items = [p for p in document.paragraphs if p.style.name == "要点条目"]
    assert len(items) == 15
    source = SEED.read_text(encoding="utf-8").replace("XX", "某市")
    for item, sub in zip(items, [c for s in outline.sections for c in s.subsections], strict=True):
        heading_run, sentence = item.runs[0], "".join(r.text for r in item.runs[1:])
        assert heading_run.style.name == "要点小标题字符" and sub.heading in heading_run.text
        assert sentence and why_not(sentence, source) is None, (why_not(sentence, source), sentence)
    assert east_asia_font(document.styles["要点条目"]) == "仿宋_GB2312"
    assert east_asia_font(document.styles["Heading 1"]) == "黑体"
    assert document.styles["Heading 1"].paragraph_format.keep_with_next


@pytest.mark.render
def test_summary_pdf_two_pages_with_every_heading(tmp_path):
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--only", "summary", "--pdf", "--meeting", str(MEETING)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / SEED.stem / "学习要点.pdf"
    lines, pages = pdf_lines(pdf)
    assert 1 <= len(pages) <= 2
    text = "".join(line.text for line in lines)
    outline = parse_outline(read_source(SEED))
    for section in outline.sections:
        assert section.heading in text
        for sub in section.subsections:
            assert sub.heading in text


def test_pdf_uses_one_libreoffice_run(tmp_path, monkeypatch):
    files = []
    for name in ("a", "b", "c"):
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "会议纪要.docx"
        path.write_bytes(b"x")
        files.append(path)
    calls = []
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(libreoffice, "_run", fake_libreoffice(calls))
    written, note = pdf_module.convert_to_pdf(files)
    assert len(calls) == 1 and note is None
    assert sorted(written) == sorted(f.with_suffix(".pdf") for f in files)


def test_missing_libreoffice_still_writes_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--only", "summary", "--pdf"])
    assert result.exit_code == 0
    assert (tmp_path / SEED.stem / "学习要点.docx").exists() and not (tmp_path / SEED.stem / "学习要点.pdf").exists()
    assert "未找到 LibreOffice" in result.output and "apt-get install" in result.output


def test_batch_with_a_bad_file(tmp_path):
    folder = tmp_path / "提纲"
    folder.mkdir()
    (folder / "一支部.txt").write_text("一、加强学习\n（一）学深悟透。要学以致用。\n", encoding="utf-8")
    (folder / "二支部.txt").write_text("一、加强作风\n（一）抓作风从严。要保持定力。\n", encoding="gbk")
    (folder / "坏文件.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out), "--jobs", "2", "--only", "minutes,summary"])
    assert result.exit_code == 1
    assert "失败" in result.output and "坏文件.txt" in result.output and "图片" in result.output
    assert "成功 2 个，失败 1 个" in result.output
    assert (out / "一支部" / "会议纪要.docx").exists() and (out / "二支部" / "学习要点.docx").exists()
    assert not (out / "坏文件").exists()
    assert "Traceback" not in result.output


@pytest.mark.skipif(not corpus_files(), reason="corpus not present")
def test_corpus_batch_builds(tmp_path):
    result = runner.invoke(app, ["build", *map(str, corpus_files()), str(SEED), "-o", str(tmp_path), "--meeting", str(MEETING)])
    assert result.exit_code == 0, result.output
    for path in [*corpus_files(), SEED]:
        for name in ("会议纪要.docx", "学习课件.pptx", "学习要点.docx"):
            assert (tmp_path / path.stem / name).exists()


def test_output_inside_the_input_folder_is_not_read_back(tmp_path):
    folder = tmp_path / "提纲"
    folder.mkdir()
    (folder / "一支部.txt").write_text("一、加强学习\n（一）学深悟透。要学以致用。\n", encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["build", str(folder), "-o", str(folder / "out"), "--only", "minutes"])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["一支部"]


def test_same_file_names_in_different_folders(tmp_path):
    for branch in ("一支部", "二支部"):
        (tmp_path / branch).mkdir()
        (tmp_path / branch / "提纲.txt").write_text(f"一、{branch}学习\n（一）学深悟透。要学以致用。\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "一支部"), str(tmp_path / "二支部"), "-o", str(tmp_path / "out"),
                                 "--only", "minutes"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["一支部-提纲", "二支部-提纲"]
    text = "".join(p.text for p in docx.Document(str(tmp_path / "out" / "二支部-提纲" / "会议纪要.docx")).paragraphs)
    assert "二支部学习" in text
