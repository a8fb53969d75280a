"""meeting.toml: loading, errors with file and line, placeholders."""
from __future__ import annotations

import re

import pytest

from generator.errors import MeetingError
from generator.meeting import MEETING_TOML_TEMPLATE, Meeting, load_meeting, parse_meeting, parse_sets
from generator.outline import parse_outline
from generator.placeholders import fill_placeholders, unfilled
from generator.source import read_source

from .conftest import SEED


def write(tmp_path, text):
    path = tmp_path / "meeting.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_meeting(tmp_path):
    path = write(tmp_path, """
[meeting]
name = "全面从严治党工作会议"
date = 2020-05-08
place = "三楼会议室"
host = "张三"
attendees = ["李四", "王五"]
absent = ["赵六（公务）"]
observers = ["钱七"]
[document]
office = "市生态环境局办公室"
issue = 5
distribution = ["局领导", "各处室"]
mark = "市生态环境局党组会议纪要"
[placeholders]
XX = "某市"
""")
    meeting = parse_meeting(path)
    assert meeting.date == "2020年5月8日" and meeting.issue_label == "第5期"
    assert meeting.attendees == ("李四", "王五") and meeting.placeholders == {"XX": "某市"}
    assert meeting.mark == "市生态环境局党组会议纪要"


def test_template_parses_with_nothing_filled_in(tmp_path):
    """The init sample leaves every field empty: nothing of it can leak into the minutes (×××, a sample room)."""
    meeting = parse_meeting(write(tmp_path, MEETING_TOML_TEMPLATE))
    assert meeting == Meeting(source=meeting.source)
    for example in ("[minutes]", 'detail = "简要"', "[[agenda]]", 'kind = "传达学习"', "传达学习、听取、审议、部署、签订、其他"):
        assert example in MEETING_TOML_TEMPLATE
    assert "×" not in "".join(line.split("#")[0] for line in MEETING_TOML_TEMPLATE.splitlines())


def test_filled_in_template(tmp_path):
    text = (MEETING_TOML_TEMPLATE.replace('date = ""', 'date = 2024-03-15').replace('attendees = ""', 'attendees = "张三、李四"')
            .replace('issue = ""', 'issue = 6').replace('absent = ""', "absent = []"))
    meeting = parse_meeting(write(tmp_path, text))
    assert (meeting.date, meeting.attendees, meeting.absent, meeting.issue_label) == ("2024年3月15日", ("张三", "李四"), (), "第6期")
    assert meeting.observers is None, "an empty string is 'not given' (a visible blank), not 'nobody'"


@pytest.mark.parametrize("line,words", [
    ("date = 2020-13-45", "[meeting] date 的日期 2020-13-45 无效：没有 13 月"),
    ("date = 2021-02-29", "2021年2月只有 28 天"),
    ('date = "2020年4月31日"', "2020年4月只有 30 天"),
    ("date = 2020-5-8", "月、日要写两位"),
    ("place = 三楼会议室", '要加英文双引号，例如 place = "三楼会议室"'),
    ("place = “三楼会议室”", "不能用中文引号"),
    ("[document]\nissue = -3", "[document] issue 的期号“-3”不对：应为正整数"),
    ("[document]\nissue = 0", "应为正整数"),
    ('[document]\nissue = "第-3期"', "应为正整数"),
    ("[document]\nissue = 2.5", "应为正整数"),
    ("[document]\nissue = 05", "不能以 0 开头，请写成 issue = 5"),
])
def test_date_and_number_errors_name_the_field_and_line_in_chinese(tmp_path, line, words):
    path = write(tmp_path, f'[meeting]\nname = "会议"\n{line}\n')
    with pytest.raises(MeetingError) as info:
        parse_meeting(path)
    number = 4 if line.startswith("[document]") else 3
    assert str(info.value).startswith(f"{path}:{number}: ") and words in str(info.value), str(info.value)
    assert not re.search(r"[A-Za-z]{4,}", str(info.value).replace(str(path), "").replace("issue", "").replace("place", "")
                         .replace("date", "").replace("meeting", "").replace("document", "")), "no English left"


@pytest.mark.parametrize("value,label", [("5", "第5期"), ('"第5期"', "第5期"), ('"〔2024〕3号"', "〔2024〕3号")])
def test_issue_forms(tmp_path, value, label):
    assert parse_meeting(write(tmp_path, f"[document]\nissue = {value}\n")).issue_label == label


@pytest.mark.parametrize("text,line,words", [
    ('[meeting]\nname = "a"\nplase = "b"\n', 3, "未知的键“plase”"),
    ('[meeting]\ndate = "2020年13月1日"\n', 2, "日期"),
    ('[meeting]\nname = "a\n', 2, "缺少结尾的英文双引号"),
    ('[meeting]\nname = "a"\nname = "b"\n', 3, "TOML 格式错误：同一个键写了两次"),
    ('[meting]\nname = "a"\n', 1, "未知的表"),
    ('[meeting]\nattendees = 3\n', 2, "名单"),
])
def test_errors_name_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(MeetingError) as info:
        parse_meeting(path)
    assert str(info.value).startswith(f"{path}:{line}: ") and words in str(info.value)


def test_beside_outline_and_sets(tmp_path):
    outline = tmp_path / "提纲.txt"
    outline.write_text("一、甲\n", encoding="utf-8")
    write(tmp_path, '[placeholders]\nXX = "某市"\n')
    meeting = load_meeting(outline, None, parse_sets(["××=某县"]))
    assert meeting.placeholders == {"XX": "某市", "××": "某县"}
    with pytest.raises(MeetingError):
        parse_sets(["bad"])


def test_fill_placeholders():
    document = parse_outline(read_source(SEED))
    filled = fill_placeholders(document, {"XX": "某市"})
    assert "XX" not in filled.all_text() and "美丽某市生态某市" in filled.all_text()
    assert unfilled(document, {}) and not unfilled(document, {"XX": "某市"})
    assert filled.sections[2].subsections[1].marker == "(二)"


def test_a_bad_level_of_detail_is_said_alike_everywhere(tmp_path):
    from typer.testing import CliRunner

    from generator.cli import app
    from generator.errors import MeetingError
    from generator.meeting import parse_meeting

    path = tmp_path / "meeting.toml"
    path.write_text('[minutes]\ndetail = "很短"\n', encoding="utf-8")
    with pytest.raises(MeetingError) as info:
        parse_meeting(path)
    assert "[minutes] detail 应为“简要”或“详细”（收到“很短”）" in str(info.value) and info.value.line == 2
    outline = tmp_path / "提纲.txt"
    outline.write_text("讲话提纲\n一、加强学习\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(outline), "-o", str(tmp_path / "out"), "--minutes", "很短"])
    assert result.exit_code == 2 and "--minutes 应为“简要”或“详细”（收到“很短”）" in result.output
    assert not (tmp_path / "out").exists()
