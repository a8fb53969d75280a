"""`huiwu build 提纲 --branches 名单`: one folder per 党支部 with its own deck, handout, 学习记录, 签到表 and 应知应会测试,
read back with python-docx/python-pptx; bad lists and failed renders leave nothing behind."""
from __future__ import annotations

import docx
import pptx
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

from generator.cli import app
from generator.init import init_project
from generator.outline import parse_outline
from generator.render.branch_word import NBSP
from generator.source import read_source

from .conftest import ROOT, SEED, per_module

runner = CliRunner()
FIXTURES = ROOT / "tests" / "fixtures" / "branches"
MEETING = ROOT / "seeds" / "meeting.toml"
PACK = ["学习课件.pptx", "学习要点.docx", "学习记录.docx", "签到表.docx", "应知应会测试.docx"]
FOLDERS = ["机关第一党支部", "监测站党支部", "执法_监察党支部", "离退休干部党支部"]


def build(tmp_path, *args: str):
    return runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--meeting", str(MEETING), *args])


@pytest.fixture(scope=per_module)
def packs(tmp_path_factory):
    """The seed built with the four-branch .xlsx (four branches: rendered by worker processes)."""
    out = tmp_path_factory.mktemp("packs")
    result = build(out, "--branches", str(FIXTURES / "支部.xlsx"))
    assert result.exit_code == 0, result.output
    return out / SEED.stem


@pytest.fixture(scope=per_module)
def outline():
    return parse_outline(read_source(SEED))


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_one_folder_per_branch_with_every_part(packs):
    assert sorted(p.name for p in (packs / "支部").iterdir()) == sorted(FOLDERS)
    for folder in FOLDERS:
        assert sorted(p.name for p in (packs / "支部" / folder).iterdir()) == sorted(PACK)
    assert {"会议纪要.docx", "学习课件.pptx", "学习要点.docx"} <= {p.name for p in packs.iterdir()}
    assert not list(packs.rglob(".~*")), "no temporary file is left"


def test_deck_cover_and_closing_name_the_branch(packs):
    main = pptx.Presentation(str(packs / "学习课件.pptx"))
    deck = pptx.Presentation(str(packs / "支部" / "机关第一党支部" / "学习课件.pptx"))
    cover, closing = slide_text(deck.slides[0]), slide_text(deck.slides[-1])
    for fact in ("机关第一党支部", "主讲人：钱二", "2020年6月5日 14:30", "局机关三楼会议室"):
        assert fact in cover
    assert "机关第一党支部" in closing and "2020年6月5日" in closing
    assert "机关第一党支部" not in slide_text(main.slides[0])
    middle = [slide_text(s) for s in deck.slides][1:-1]
    assert middle == [slide_text(s) for s in main.slides][1:-1], "everything else is the main deck"


def test_handout_line_names_branch_and_date(packs):
    main = docx.Document(str(packs / "学习要点.docx"))
    handout = docx.Document(str(packs / "支部" / "监测站党支部" / "学习要点.docx"))
    line = next(p.text for p in handout.paragraphs if p.style.name == "要点会议")
    assert "监测站党支部" in line and "2020年6月8日" in line
    rest = [p.text for p in handout.paragraphs if p.style.name != "要点会议"]
    assert rest == [p.text for p in main.paragraphs if p.style.name != "要点会议"]


def _record(packs, folder):
    document = docx.Document(str(packs / "支部" / folder / "学习记录.docx"))
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    facts = {row[i]: row[i + 1] for row in cells for i in range(0, len(row) - 1, 2)}
    return document, facts, [p.text for p in document.paragraphs]


def test_record_holds_the_session(packs, outline):
    document, facts, paragraphs = _record(packs, "机关第一党支部")
    assert facts["支部名称"] == "机关第一党支部" and facts["会议形式"] == "主题党日"
    assert facts["时间"] == "2020年6月5日 14:30" and facts["地点"] == "局机关三楼会议室"
    assert facts["主持人"] == "赵一" and facts["记录人"] == "孙三"
    assert facts["应到人数"] == "3人" and facts["实到人数"] == "" and "缺席人员及原因" in facts
    assert paragraphs[0] == "主题党日学习记录"
    title = " ".join(t.text for t in outline.title)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["学习主题", "学习内容", "领学安排", "讨论题", "发言要点", "会议决定"]
    assert title in paragraphs
    for section in outline.sections:
        assert section.marker + section.heading in paragraphs
    # -- 领学: the sections in turn, the 主讲人 first, then the members in their order --
    rota = [p for p in paragraphs if "（领学：" in p]
    assert [p.rsplit("领学：", 1)[1].rstrip("）") for p in rota] == ["钱二", "赵一", "孙三", "钱二", "赵一"]
    # -- 讨论题 are the handout's questions --
    handout = docx.Document(str(packs / "支部" / "机关第一党支部" / "学习要点.docx"))
    questions = [p.text for p in handout.paragraphs if p.text[:2] in {f"{n}." for n in range(1, 10)}]
    assert questions and all(q in paragraphs for q in questions)
    # -- ruled space to write on, and the signature lines --
    remarks, decisions = [len(t.rows) for t in document.tables[1:]]
    assert 8 <= remarks <= 16 and decisions == 6      # -- 发言要点 fewer when that keeps the record on two pages --
    assert "主持人签字：" in paragraphs[-1] and "记录人签字：" in paragraphs[-1]
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_record_without_members_has_no_rota(packs):
    _, facts, paragraphs = _record(packs, "监测站党支部")
    assert facts["应到人数"] == "25人" and facts["会议形式"] == "支部党员大会" and facts["主持人"] == ""
    assert "领学安排" not in paragraphs


def _signin_rows(packs, folder):
    document = docx.Document(str(packs / "支部" / folder / "签到表.docx"))
    (table,) = document.tables
    return document, table, [[c.text for c in row.cells] for row in table.rows]


def test_signin_lists_members_under_a_repeated_header(packs):
    document, table, rows = _signin_rows(packs, "机关第一党支部")
    assert rows[0] == ["序号", "姓名", "签到时间", "签名", "备注"]
    assert [r[1] for r in rows[1:]] == ["赵一", "钱二", "孙三"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    assert document.paragraphs[0].text == "机关第一党支部主题党日签到表"


@pytest.mark.parametrize("folder,rows", [("监测站党支部", 25), ("执法_监察党支部", 30), ("离退休干部党支部", 8)])
def test_signin_blank_rows(packs, folder, rows):
    _, _, got = _signin_rows(packs, folder)
    assert len(got) == rows + 1
    members = [r[1] for r in got[1:] if r[1]]
    assert members == (["郑七", "王八"] if folder == "离退休干部党支部" else [])


def test_quiz_blanks_answers_and_answer_page(packs):
    document = docx.Document(str(packs / "支部" / "执法_监察党支部" / "应知应会测试.docx"))
    paragraphs = document.paragraphs
    items = [p for p in paragraphs if p.style.name == "试题"]
    answers = [p.text for p in paragraphs if p.style.name == "答案"]
    assert 10 <= len(items) == len(answers) <= 20
    page_break = next(i for i, p in enumerate(paragraphs) if p.paragraph_format.page_break_before)
    assert paragraphs[page_break].text == "参考答案"
    assert all(paragraphs.index(p) < page_break for p in items), "the answers are on a page of their own, last"
    source = SEED.read_text(encoding="utf-8").replace("XX", "某市")
    for number, (item, answer) in enumerate(zip(items, answers, strict=True), start=1):
        runs = item.runs
        blanks = [i for i, r in enumerate(runs) if r.style.name == "填空字符"]
        assert len(blanks) == 1 and set(runs[blanks[0]].text) == {NBSP}, item.text
        prefix = f"{number}．"
        assert answer.startswith(prefix) and item.text.startswith(prefix)
        removed = answer[len(prefix):]
        sentence = "".join(removed if i == blanks[0] else r.text for i, r in enumerate(runs))[len(prefix):]
        assert sentence in source, sentence
    assert "执法/监察党支部" in "".join(p.text for p in paragraphs[:4])


def test_branch_pack_styles_and_fonts(packs):
    from .docx_facts import east_asia_font, theme_font_attrs

    for name in ("学习记录.docx", "签到表.docx", "应知应会测试.docx"):
        document = docx.Document(str(packs / "支部" / "机关第一党支部" / name))
        assert east_asia_font(document.styles["Title"]) == "方正小标宋简体"
        assert east_asia_font(document.styles["表格文字"]) == "仿宋_GB2312"
        assert east_asia_font(document.styles["表头文字"]) == "黑体"
        assert not theme_font_attrs(document)
        used = {p.style.name for p in document.paragraphs} | {p.style.name for t in document.tables for c in t._cells for p in c.paragraphs}
        assert "Normal" not in used, f"{name}: every paragraph has a named style"


def test_only_pack_parts(tmp_path):
    result = build(tmp_path, "--branches", str(FIXTURES / "支部-gbk.csv"), "--only", "签到表,测试")
    assert result.exit_code == 0, result.output
    folder = tmp_path / SEED.stem
    assert sorted(p.name for p in folder.iterdir()) == ["支部"]
    assert sorted(p.name for p in (folder / "支部" / "监测站党支部").iterdir()) == ["应知应会测试.docx", "签到表.docx"]


def test_only_pack_part_without_list_is_a_usage_error(tmp_path):
    result = build(tmp_path, "--only", "记录")
    assert result.exit_code == 2 and "--branches" in result.output
    assert not tmp_path.joinpath(SEED.stem).exists()


@pytest.mark.parametrize("text", ["支部名称,书记\n一支部,张三\n", "支部名称,学习时间\n一支部,2020-06-05\n二支部,明天\n",
                                  "支部名称\n一支部\n一支部\n"])
def test_bad_list_writes_nothing(tmp_path, text):
    bad = tmp_path / "名单.csv"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = build(out, "--branches", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_failed_pack_render_leaves_nothing(tmp_path):
    """A broken branch reference (--templates) fails after the main outputs were rendered: all of it is undone."""
    templates = tmp_path / "tpl"
    (templates / "reference").mkdir(parents=True)
    (templates / "reference" / "branch.docx").write_bytes(b"not a docx")
    out = tmp_path / "out"
    result = build(out, "--branches", str(FIXTURES / "支部-utf8.csv"), "--templates", str(templates))
    assert result.exit_code == 3, result.output
    assert not out.joinpath(SEED.stem).exists()


def test_rebuild_into_existing_folders(tmp_path):
    for _ in range(2):
        result = build(tmp_path, "--branches", str(FIXTURES / "支部-utf8.csv"), "--only", "签到表")
        assert result.exit_code == 0, result.output
    assert len(list((tmp_path / SEED.stem / "支部").rglob("*.docx"))) == 4


def test_init_writes_the_sample_list(tmp_path):
    written = init_project(tmp_path)
    assert tmp_path / "支部.xlsx" in written
    result = build(tmp_path / "out", "--branches", str(tmp_path / "支部.xlsx"), "--only", "记录")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / SEED.stem / "支部" / "机关第一党支部" / "学习记录.docx").is_file()
