"""A rebuild leaves the folder as one build made it: branch folders and their PDFs from an earlier build go too."""
from __future__ import annotations

from typer.testing import CliRunner

from generator.cli import app

from .conftest import ROOT, SEED

runner = CliRunner()
MEETING = ROOT / "seeds" / "meeting.toml"
HEADER = "支部名称,主讲人,学习时间\n"


def branch_list(tmp_path, *names: str):
    path = tmp_path / "支部.csv"
    path.write_text(HEADER + "".join(f"{name},张三,2020-06-05\n" for name in names), encoding="utf-8")
    return path


def build(tmp_path, *args: str):
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--meeting", str(MEETING),
                                 "--only", "要点", *args])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / SEED.stem


def test_branch_pdfs_and_dropped_branches_are_removed(tmp_path, monkeypatch):
    from generator import pdf as pdf_module

    def fake_pdf(files, timeout=600, pending=None):
        made = []
        for path in files:
            path.with_suffix(".pdf").write_bytes(b"%PDF-1.7 fake")
            made.append(path.with_suffix(".pdf"))
        return made, None

    monkeypatch.setattr(pdf_module, "convert_to_pdf", fake_pdf)
    folder = build(tmp_path, "--branches", str(branch_list(tmp_path, "第一支部", "第二支部")), "--pdf")
    first, second = folder / "支部" / "第一支部", folder / "支部" / "第二支部"
    assert (first / "学习要点.pdf").exists() and (second / "学习要点.pdf").exists()
    (first / "我的笔记.txt").write_text("用户自己的文件", encoding="utf-8")

    build(tmp_path, "--branches", str(branch_list(tmp_path, "第一支部")))
    assert (first / "学习要点.docx").exists() and not (first / "学习要点.pdf").exists()
    assert (first / "我的笔记.txt").exists(), "files huiwu did not write are never touched"
    assert not second.exists(), "a branch no longer on the list leaves no folder behind"

    build(tmp_path)
    assert (folder / "学习要点.docx").exists()
    assert not (first / "学习要点.docx").exists() and (first / "我的笔记.txt").exists()
