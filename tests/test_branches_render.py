"""The 支部学习包's own documents rendered by LibreOffice: what a printed page shows (pdftotext)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.outline import parse_outline
from generator.pdf import convert_to_pdf
from generator.source import read_source

from .conftest import ROOT, SEED, per_module
from .docx_facts import pdf_lines

runner = CliRunner()
FIXTURES = ROOT / "tests" / "fixtures" / "branches"
MEETING = ROOT / "seeds" / "meeting.toml"

pytestmark = pytest.mark.render


@pytest.fixture(scope=per_module)
def pdfs(tmp_path_factory):
    """学习记录, 签到表 and 应知应会测试 of two branches, converted in one LibreOffice run: {(branch, name): lines}."""
    out = tmp_path_factory.mktemp("render")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(out), "--meeting", str(MEETING), "--branches",
                                 str(FIXTURES / "支部-utf8.csv"), "--only", "记录,签到表,测试"])
    assert result.exit_code == 0, result.output
    root = out / SEED.stem / "支部"
    files = [root / branch / name for branch in ("机关第一党支部", "执法_监察党支部")
             for name in ("学习记录.docx", "签到表.docx", "应知应会测试.docx")]
    made, note = convert_to_pdf(files)
    assert len(made) == len(files), note
    return {(f.parent.name, f.stem): pdf_lines(f.with_suffix(".pdf")) for f in files}


def page_texts(lines, pages) -> list[str]:
    return ["".join(line.text for line in lines if line.page == n) for n in range(1, len(pages) + 1)]


def test_record_pages(pdfs):
    lines, pages = pdfs[("机关第一党支部", "学习记录")]
    assert all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in pages), "A4"
    text = "".join(page_texts(lines, pages))
    for words in ("主题党日学习记录", "机关第一党支部", "局机关三楼会议室", "应到人数", "实到人数", "缺席人员及原因",
                  "学习主题", "领学安排", "讨论题", "发言要点", "会议决定", "主持人签字", "记录人签字", "（领学：钱二）"):
        assert words in text, words
    for section in parse_outline(read_source(SEED)).sections:
        assert section.heading in text
    assert len(pages) <= 3
    width = pages[0][0]
    assert all(line.x0 >= 25 / 25.4 * 72 - 2 and line.x1 <= width - 25 / 25.4 * 72 + 2 for line in lines if line.text.strip("—0123456789 ")), \
        "nothing outside the type area"


def test_signature_line_stays_with_the_decisions(tmp_path):
    """A short outline leaves the ruled space filling page 2; the signatures go over with 会议决定, not alone."""
    outline = ROOT / "tests" / "fixtures" / "outlines" / "三级结构带署名.txt"
    listing = tmp_path / "名单.csv"
    listing.write_text("支部名称,学习时间,地点,党员,主讲人,会议形式,主持人,记录人\n"
                       "综合处、办公室联合党支部,2020-06-19 15:00,二楼党员活动室,欧阳明月、司马青、上官云,欧阳明月,支部委员会,司马青,上官云\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["build", str(outline), "-o", str(tmp_path), "--branches", str(listing), "--only", "记录"])
    assert result.exit_code == 0, result.output
    record = tmp_path / outline.stem / "支部" / "综合处、办公室联合党支部" / "学习记录.docx"
    (pdf,), _ = convert_to_pdf([record])
    lines, _ = pdf_lines(pdf)
    page = {word: next(line.page for line in lines if word in line.text) for word in ("发言要点", "会议决定", "主持人签字")}
    assert page["主持人签字"] == page["会议决定"], page


def test_signin_header_repeats_on_every_page(pdfs):
    lines, pages = pdfs[("执法_监察党支部", "签到表")]
    texts = page_texts(lines, pages)
    assert len(texts) == 2, "30 rows of 10 mm run onto a second page"
    for text in texts:
        assert "序号姓名签到时间签名备注" in text
    assert "30" in texts[1] and "1" in texts[0]
    members = page_texts(*pdfs[("机关第一党支部", "签到表")])
    assert len(members) == 1 and all(name in members[0] for name in ("赵一", "钱二", "孙三"))


def test_signin_of_22_fits_one_sheet(tmp_path):
    listing = tmp_path / "名单.csv"
    listing.write_text("支部名称,应到人数\n二十二人支部,22\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--branches", str(listing), "--only", "签到表"])
    assert result.exit_code == 0, result.output
    (pdf,), _ = convert_to_pdf([tmp_path / SEED.stem / "支部" / "二十二人支部" / "签到表.docx"])
    lines, pages = pdf_lines(pdf)
    assert len(pages) == 1 and any(line.text.startswith("22") for line in lines)


def test_quiz_answers_on_the_last_page_only(pdfs):
    lines, pages = pdfs[("机关第一党支部", "应知应会测试")]
    texts = page_texts(lines, pages)
    assert len(texts) >= 2
    assert texts[-1].startswith("参考答案") and "参考答案" not in "".join(texts[:-1])
    assert "1．" in texts[0] and "填空题" in texts[0] and "机关第一党支部" in texts[0]
    answers = [line.text for line in lines if line.page == len(pages) and "．" in line.text]
    assert 10 <= len(answers) <= 20
    first = answers[0].split("．", 1)[1]
    assert first not in texts[0].split("1．", 1)[1].split("2．", 1)[0], "the item shows a blank, not its answer"


def test_pdf_flag_exports_branch_handouts_only(tmp_path):
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--meeting", str(MEETING), "--branches",
                                 str(FIXTURES / "支部-utf8.csv"), "--only", "要点,签到表", "--pdf"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / SEED.stem
    assert (folder / "学习要点.pdf").is_file()
    for branch in (folder / "支部").iterdir():
        assert sorted(p.name for p in branch.iterdir()) == ["学习要点.docx", "学习要点.pdf", "签到表.docx"]
    lines, _ = pdf_lines(folder / "支部" / "监测站党支部" / "学习要点.pdf")
    assert any("监测站党支部" in line.text and "2020年6月8日" in line.text for line in lines)


def test_a_sign_in_sheet_of_26_seats_is_one_page(tmp_path):
    """Rows shrink (not below 7 mm) so that a branch of 26 signs on one sheet below the topic, date and place; 40 seats go over two pages."""
    listing = tmp_path / "名单.csv"
    listing.write_text("支部名称,主讲人,应到人数,学习时间,地点\n二十六人支部,张三,26,2020-06-05,三楼会议室\n"
                       "四十人支部,张三,40,2020-06-05,三楼会议室\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--branches", str(listing), "--only", "签到表"])
    assert result.exit_code == 0, result.output
    root = tmp_path / "out" / SEED.stem / "支部"
    files = [root / name / "签到表.docx" for name in ("二十六人支部", "四十人支部")]
    made, note = convert_to_pdf(files)
    assert len(made) == 2, note
    lines, pages = pdf_lines(files[0].with_suffix(".pdf"))
    assert len(pages) == 1 and "26" in {line.text.strip() for line in lines}
    lines, pages = pdf_lines(files[1].with_suffix(".pdf"))
    assert len(pages) == 2 and sum("签名" in line.text for line in lines) == 2   # -- the header row on both pages --


def test_a_record_fits_one_sheet_printed_on_both_sides(tmp_path):
    """With a 领学 list the 学习记录 would run to a third page holding 会议决定 alone: the 发言要点 give up a few ruled
    lines (never below 8) and the record is two pages."""
    listing = tmp_path / "名单.csv"
    listing.write_text("支部名称,主讲人,党员,会议形式,学习时间,地点\n"
                       "三人支部,欧阳振华,欧阳振华、司马红、诸葛明,支部党员大会,2024-06-05,老干部活动中心\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--branches", str(listing), "--only", "记录"])
    assert result.exit_code == 0, result.output
    record = tmp_path / "out" / SEED.stem / "支部" / "三人支部" / "学习记录.docx"
    import docx

    ruled = [len(t.rows) for t in docx.Document(str(record)).tables[1:]]
    assert 8 <= ruled[0] < 16 and ruled[1] == 6, ruled            # -- 发言要点, 会议决定 --
    made, note = convert_to_pdf([record])
    assert made, note
    lines, pages = pdf_lines(record.with_suffix(".pdf"))
    assert len(pages) == 2 and any("记录人签字" in line.text and line.page == 2 for line in lines)
