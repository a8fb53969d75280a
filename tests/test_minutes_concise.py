"""会议纪要, 简要 (the default) and 详细: structure, whole key sentences, length, agenda items, the mark's size."""
from __future__ import annotations

import re
import subprocess

import docx
import pytest
from typer.testing import CliRunner

from generator.build import BuildOptions, build_outline
from generator.cli import app
from generator.compose.voice import third_person
from generator.outline import parse_outline
from generator.source import read_source

from .conftest import ROOT, SEED, per_module, soffice_convert
from .docx_facts import QUOTED, pdf_lines
from .helpers import word_ends
from .longtext import report
from .test_minutes import assert_grid

MEETING = ROOT / "seeds" / "meeting.toml"
DETAILED = ROOT / "tests" / "fixtures" / "minutes" / "seed-详细.txt"
AGENDA = """
[[agenda]]
kind = "传达学习"
text = "十九届中央纪委四次全会精神"

[[agenda]]
kind = "听取"
text = "机关纪委关于2019年度党风廉政建设工作情况"

[[agenda]]
kind = "审议"
text = "2020年全面从严治党工作要点"
"""
#: The template's lead words (DESIGN §3): set aside before clauses are compared with the outline.
LEAD_WORDS = re.compile(r"会议(?:认为|指出|强调|要求|号召)，|[一二三四五六七八九十]+是|现将会议主要精神纪要如下：|主要体现在：")
runner = CliRunner()


def build(tmp_path, outline=SEED, meeting_text: str | None = None, **options):
    meeting = MEETING
    if meeting_text is not None:
        tmp_path.mkdir(parents=True, exist_ok=True)
        meeting = tmp_path / "meeting.toml"
        meeting.write_text(MEETING.read_text(encoding="utf-8") + meeting_text, encoding="utf-8")
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",), meeting_file=meeting, **options))
    assert result.error is None, result.error
    return result.files[0]


def opening(path) -> str:
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    return next(t for t in texts if "现将会议主要精神纪要如下：" in t)


def body(path) -> list[str]:
    """The minutes' body: from 现将… to before 出席 (DESIGN §3), paragraph by paragraph."""
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    start = next(i for i, t in enumerate(texts) if "现将会议主要精神纪要如下：" in t)
    end = next(i for i, t in enumerate(texts) if t.startswith("出席："))
    first = texts[start][texts[start].index("现将会议主要精神纪要如下："):]
    return [t for t in [first, *texts[start + 1:end]] if t]


def body_chars(path) -> int:
    return len(re.sub(r"\s", "", "".join(body(path))))


@pytest.fixture(scope=per_module)
def concise(tmp_path_factory):
    return build(tmp_path_factory.mktemp("concise"))


def test_every_heading_one_paragraph_per_section(concise):
    outline = parse_outline(read_source(SEED))
    paragraphs = body(concise)
    for section in outline.sections:
        holding = [p for p in paragraphs if section.heading in p]
        assert len(holding) == 1, section.heading
        assert re.match(r"会议(?:强调|要求|指出)，", holding[0])
        for number, sub in enumerate(section.subsections, start=1):
            assert re.search(f"{'一二三'[number - 1]}是{re.escape(sub.heading)}[，；。]", holding[0]), sub.heading


def voiced_source() -> str:
    return "\n".join(third_person(line) for line in SEED.read_text(encoding="utf-8").replace("XX", "某市").splitlines())


def test_key_sentences_are_whole_sentences_of_the_outline(concise):
    """一是<heading>，<sentence>；: every sentence is a whole sentence of the outline in the meeting's voice."""
    source = voiced_source()
    outline = parse_outline(read_source(SEED))
    headings = {sub.heading for s in outline.sections for sub in s.subsections}
    found = 0
    for paragraph in body(concise):
        for _ordinal, heading, sentence in re.findall(r"([一二三四五六七八九十]+是)([^，；。]+)，(.+?)[；。](?=[一二三四五六七八九十]+是|$)", paragraph):
            if heading not in headings:
                continue
            assert sentence.count("“") == sentence.count("”") and sentence.count("（") == sentence.count("）")
            at = source.find(sentence)
            assert at >= 0, sentence
            assert source[at + len(sentence)] in "。！？；", f"not a whole sentence: {sentence}"
            assert source[at - 1] in "。！？；\n”）", f"starts mid-sentence: {sentence}"
            found += 1
    assert found >= 4


def test_length_is_that_of_a_real_jiyao(concise):
    assert 900 <= body_chars(concise) <= 2000


def test_clauses_verbatim_and_third_person(concise):
    """≥ 99 % of the body's clauses (8+ characters, lead words set aside) are in the outline once 我们/我 are
    set aside; no 同志们/我们 outside quotations."""
    source = SEED.read_text(encoding="utf-8").replace("XX", "某市")
    plain = re.sub(r"我们|我", "", source)
    clauses = [c for p in body(concise) for c in re.split(r"[，。；：！？]", LEAD_WORDS.sub("，", p)) if len(c) >= 8]
    assert len(clauses) >= 40
    missing = [c for c in clauses if re.sub(r"我们|我", "", c) not in plain]
    assert len(missing) <= len(clauses) * 0.01, missing
    for paragraph in body(concise):
        assert not re.search(r"同志们|我们", QUOTED.sub("", paragraph)), paragraph


def test_detailed_is_the_full_version(tmp_path):
    path = build(tmp_path, minutes="详细")
    document = docx.Document(str(path))
    text = "\n".join(p.style.name + "|" + p.text for p in document.paragraphs) + "\n"
    assert text == DETAILED.read_text(encoding="utf-8")


def test_agenda_items_in_order_in_both_levels(tmp_path):
    for detail in ("简要", "详细"):
        path = build(tmp_path / detail, meeting_text=AGENDA, minutes=detail)
        first = opening(path)
        at = [first.find(s) for s in ("会议传达学习了十九届中央纪委四次全会精神",
                                         "会议听取了机关纪委关于2019年度党风廉政建设工作情况",
                                         "会议审议并原则通过了《2020年全面从严治党工作要点》")]
        assert -1 not in at and at == sorted(at), (detail, first)
        assert first.index("会议审议") < first.index("现将会议主要精神纪要如下：")


def test_meeting_toml_detail_and_the_command_line_wins(tmp_path):
    (tmp_path / "m").mkdir()
    outline = tmp_path / "m" / "提纲.txt"
    outline.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "m" / "meeting.toml").write_text(MEETING.read_text(encoding="utf-8") + '\n[minutes]\ndetail = "详细"\n',
                                                 encoding="utf-8")
    result = runner.invoke(app, ["build", str(outline), "-o", str(tmp_path / "a"), "--only", "minutes"])
    assert result.exit_code == 0, result.output
    full = docx.Document(str(tmp_path / "a" / "提纲" / "会议纪要.docx"))
    assert any(p.style.name == "Heading 1" for p in full.paragraphs)
    result = runner.invoke(app, ["build", str(outline), "-o", str(tmp_path / "b"), "--only", "minutes", "--minutes", "简要"])
    assert result.exit_code == 0, result.output
    brief = docx.Document(str(tmp_path / "b" / "提纲" / "会议纪要.docx"))
    assert not any(p.style.name == "Heading 1" for p in brief.paragraphs)


def test_bad_detail_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--minutes", "简单"])
    assert result.exit_code == 2 and "简要" in result.output
    assert not (tmp_path / SEED.stem).exists()


@pytest.mark.parametrize("text,line,words", [
    ('[[agenda]]\nkind = "学习"\ntext = "全会精神"\n', 1, "学习"),
    ('[[agenda]]\nkind = "审议"\n', 1, "缺少 text"),
    ('[minutes]\ndetail = "很简"\n', 2, "简要"),
])
def test_bad_agenda_and_detail_name_file_and_line(tmp_path, text, line, words):
    meeting = tmp_path / "meeting.toml"
    meeting.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--meeting", str(meeting)])
    assert result.exit_code == 2, result.output
    assert f"meeting.toml:{line}:" in result.output and words in result.output


# -- the 纪要标志 --
def mark_runs(path):
    mark = docx.Document(str(path)).paragraphs[0]
    assert mark.style.name == "纪要标志"
    return mark


def test_mark_is_as_large_as_fits_one_line(concise):
    """18 characters in the 156 mm type area: 24 pt (the largest half-point size ≤ 36 that fits)."""
    mark = mark_runs(concise)
    assert mark.text == "生态环境系统全面从严治党工作会议纪要"
    assert {run.font.size.pt for run in mark.runs} == {24.0}
    assert "\n" not in mark.text


def test_long_mark_wraps_between_words_at_er_hao(tmp_path):
    mark_text = "某某市生态环境局党组理论学习中心组专题学习会议纪要"
    meeting = tmp_path / "m.toml"
    meeting.write_text(MEETING.read_text(encoding="utf-8").replace("[document]", f'[document]\nmark = "{mark_text}"'),
                       encoding="utf-8")
    result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "o", targets=("minutes",), meeting_file=meeting))
    mark = mark_runs(result.files[0])
    assert {run.font.size.pt for run in mark.runs} == {22.0}
    lines = mark.text.split("\n")
    assert "".join(lines) == mark_text and len(lines) == 2
    assert len(lines[0]) in word_ends(mark_text), lines


# -- rendered --
def pdf_pages(path, tmp_path) -> int:
    info = subprocess.run(["pdfinfo", str(soffice_convert(path, tmp_path))], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.render
def test_rendered_seed_concise_is_at_most_three_pages(concise, tmp_path):
    assert pdf_pages(concise, tmp_path) <= 3
    assert_grid(*pdf_lines(tmp_path / (concise.stem + ".pdf")))


@pytest.mark.render
def test_rendered_long_outline_is_at_most_six_pages(tmp_path):
    outline = tmp_path / "长篇报告.txt"
    outline.write_text(report(), encoding="utf-8")
    assert len(outline.read_text(encoding="utf-8")) >= 3 * len(SEED.read_text(encoding="utf-8"))
    path = build(tmp_path, outline=outline)
    text = "".join(body(path))
    for section in parse_outline(read_source(outline)).sections:
        assert section.heading in text
    assert pdf_pages(path, tmp_path) <= 6


def test_transcript_minutes_in_meeting_voice(tmp_path):
    """A transcript (首先/其次/第三/最后 paragraphs, 刚才…发言, 我再讲一点): every point is a paragraph, no framing."""
    outline = ROOT / "tests" / "fixtures" / "outlines" / "讲话实录.txt"
    paragraphs = body(build(tmp_path, outline=outline))
    text = "".join(paragraphs)
    for point in ("要把思想认识统一起来", "要把重点任务落实下去", "要把干部作风转变过来", "要把安全底线守住"):
        assert sum(point in p for p in paragraphs) == 1, point
    assert "刚才" not in text and "我再讲一点" not in text and "我都同意" not in text
    assert not re.search(r"我们|同志们|我再|我都", QUOTED.sub("", text)), text   # 时不我待 stays


@pytest.mark.parametrize("speech,meeting", [
    ("刚才，几位同志作了发言，讲得都很好，我都同意。要抓好落实。", "要抓好落实。"),
    ("我再讲一点，就是要把安全底线守住。", "要把安全底线守住。"),
    ("最后强调两点：要守纪律。", "要守纪律。"),
    ("我们要“把我们的事情办好”。", "要“把我们的事情办好”。"),
])
def test_voice_drops_the_speech_framing(speech, meeting):
    assert third_person(speech) == meeting


PARTIAL = ('[meeting]\ndate = 2020-05-28\nplace = "局机关三楼会议室"\nhost = "局党组书记、局长王××"\n'
           'attendees = ["王××", "李××", "张××"]\n[placeholders]\nXX = "某市"\n')


@pytest.mark.render
@pytest.mark.parametrize("meeting", ["", PARTIAL, MEETING.read_text(encoding="utf-8")], ids=["none", "partial", "full"])
def test_rendered_seed_is_three_pages_whatever_the_meeting_says(meeting, tmp_path):
    """However much meeting.toml fills in, the seed's 简要 minutes stay within three pages and the 版记 shares the
    last page with text (it never stands alone on a page of its own)."""
    (tmp_path / "m").mkdir()
    outline = tmp_path / "m" / SEED.name
    outline.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "m" / "meeting.toml").write_text(meeting, encoding="utf-8")
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",)))
    assert result.error is None, result.error
    from generator.pdf import convert_to_pdf

    (pdf,), _ = convert_to_pdf(result.files)        # -- the --pdf path: private profile, font stand-ins --
    lines, pages = pdf_lines(pdf)
    assert len(pages) <= 3
    last = [line.text for line in lines if line.page == len(pages)]
    assert any(text.startswith(("出席", "会议")) for text in last), last


def test_an_outline_title_is_not_taken_for_the_meetings_name(tmp_path):
    """A title names the speech (关于…的讲话提纲), not the meeting: without a name from meeting.toml or a subtitle the
    opening leaves a blank, the mark is the plain 会议纪要, and the missing name is said."""
    outline = tmp_path / "提纲.txt"
    outline.write_text("关于做好节日期间值班工作的讲话提纲\n一、提高思想认识\n（一）要高度重视。各单位要压实责任。\n",
                       encoding="utf-8")
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",)))
    assert result.error is None, result.error
    texts = [p.text for p in docx.Document(str(result.files[0])).paragraphs]
    assert texts[0] == "会议纪要"
    assert "×××会议在×××召开" in opening(result.files[0]) and "讲话提纲在" not in opening(result.files[0])
    assert any("未填写会议名称 [meeting] name" in w for w in result.warnings)


def concise_texts(tmp_path, text: str) -> list[str]:
    outline = tmp_path / "提纲.txt"
    outline.write_text(text, encoding="utf-8")
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",)))
    assert result.error is None, result.error
    return [p.text for p in docx.Document(str(result.files[0])).paragraphs]


def test_short_enumerated_points_are_a_sections_items(tmp_path):
    """一是加强组织领导。二是…: each point, one short sentence, is an item of the section's paragraph."""
    texts = concise_texts(tmp_path, "在2024年度党建工作会议上的讲话\n一、重点任务\n（一）加强政治建设。要把政治建设摆在首位。\n"
                                    "二、工作要求\n一是加强组织领导。二是强化督促检查。三是注重宣传引导。\n")
    assert any(t.endswith("工作要求，会议强调：一是加强组织领导；二是强化督促检查；三是注重宣传引导。") for t in texts), texts


def test_a_purpose_said_as_zhuyao_shi(tmp_path):
    texts = concise_texts(tmp_path, "扎实推进安全生产工作\n——在全局安全生产工作会议上的讲话\n同志们：\n"
                                    "今天召开全局安全生产工作会议，主要是总结去年工作，部署今年任务。\n一、压实责任\n要压紧压实安全生产责任。\n")
    opening_text = next(t for t in texts if "现将会议主要精神纪要如下：" in t)
    assert "会议的主要任务是：总结去年工作，部署今年任务。" in opening_text and "会议强调，主要是" not in opening_text


def test_the_closing_call_starts_after_history_and_quotations(tmp_path):
    texts = concise_texts(tmp_path, "在学习工作会议上的讲话\n一、加强学习\n（一）学深悟透。要学原文。\n"
                                    "同志们，60多年前，老一辈革命家发出号召，“向雷锋同志学习”。党的十八大以来，总书记多次要求，“学习学习再学习”。"
                                    "开展读书活动，就是一场新的学习竞赛。我们要把读书活动组织好开展好。\n")
    call = next(t for t in texts if t.startswith("会议号召，"))
    assert call == "会议号召，开展读书活动，就是一场新的学习竞赛。要把读书活动组织好开展好。"


@pytest.mark.parametrize("title, headline", [
    ("在东湖区机关党建工作推进会上的讲话提纲", []),
    ("习近平同志的讲话", []),
    ("关于做好节日期间值班工作的讲话提纲", ["关于做好节日期间值班工作"]),
    ("坚定不移全面从严管党治党\n——在全系统工作会议上的讲话", ["坚定不移全面从严管党治党"]),
])
def test_the_headline_is_the_speechs_theme_never_its_genre(tmp_path, title, headline):
    """Under the 纪要标志 the headline is the theme: a line that only names the speech (…上的讲话提纲) is left out."""
    texts = concise_texts(tmp_path, f"{title}\n一、加强学习\n（一）学深悟透。要学原文。\n")
    start = next(i for i, t in enumerate(texts) if "年" in t and "\t" in t) + 1     # -- after the office/date line --
    end = next(i for i, t in enumerate(texts) if "现将会议主要精神纪要如下：" in t)
    assert texts[start:end] == headline
    assert not any("讲话提纲" in t or t.endswith("的讲话") for t in texts[:end])


def test_a_topic_heading_opens_its_paragraph_with_guanyu(tmp_path):
    """A heading that names a topic (…工作回顾, 工作要求) is not a requirement to 强调: 关于<heading>，会议指出/强调：…"""
    texts = concise_texts(tmp_path, "在2024年度党建工作会议上的讲话\n第一部分 2023年党建工作回顾\n（一）理论武装持续深化。组织专题学习12次。\n"
                                    "（二）基层组织更加坚强。完成5个党支部换届。\n第二部分 加强政治建设\n（一）提高站位。要把政治建设摆在首位。\n"
                                    "第三部分 工作要求\n一是加强组织领导。二是强化督促检查。\n")
    assert "关于2023年党建工作回顾，会议指出：一是理论武装持续深化；二是基层组织更加坚强。" in texts
    assert any(t.startswith("会议要求，加强政治建设。一是提高站位") for t in texts), texts
    assert "关于工作要求，会议强调：一是加强组织领导；二是强化督促检查。" in texts
