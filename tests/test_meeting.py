"""meeting.toml: loading, errors with file and line, placeholders."""
from __future__ import annotations

import pytest

from generator.errors import MeetingError
from generator.meeting import MEETING_TOML_TEMPLATE, load_meeting, parse_meeting, parse_sets
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


def test_template_parses(tmp_path):
    assert parse_meeting(write(tmp_path, MEETING_TOML_TEMPLATE)).office


@pytest.mark.parametrize("text,line,words", [
    ('[meeting]\nname = "a"\nplase = "b"\n', 3, "未知的键“plase”"),
    ('[meeting]\ndate = "2020年13月1日"\n', 2, "日期"),
    ('[meeting]\nname = "a\n', 2, "TOML"),
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
