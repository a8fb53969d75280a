"""The meeting form of the web page ⇄ meeting.toml: generic over the schema, validated by meeting.py."""
from __future__ import annotations

from dataclasses import asdict

import pytest

from generator import meeting
from generator.meeting import parse_meeting
from generator.web import meeting_form
from generator.web.meeting_form import MeetingValues

from .conftest import ROOT

SEED_MEETING = ROOT / "seeds" / "meeting.toml"


def facts(path) -> dict:
    data = asdict(parse_meeting(path))
    data.pop("source")
    return data


def test_a_meeting_toml_round_trips_through_the_form(tmp_path):
    values = meeting_form.from_toml(SEED_MEETING, "meeting.toml")
    assert values.get("meeting.date") == "2020-05-28" and values.get("document.issue") == "5"
    assert values.get("meeting.attendees").startswith("王××、李××")
    assert values.placeholders == [("XX", "某市")]
    # -- the form posts strings; write them back and read them with meeting.py --
    form = {name: value for name, value in values.single.items()}
    form |= {f"placeholders.{i}.name": k for i, (k, _) in enumerate(values.placeholders)}
    form |= {f"placeholders.{i}.value": v for i, (_, v) in enumerate(values.placeholders)}
    again = meeting_form.from_form(form)
    assert meeting_form.check(again, tmp_path / "meeting.toml") == {}
    assert facts(tmp_path / "meeting.toml") == facts(SEED_MEETING)


def test_lists_split_on_chinese_and_ascii_separators_and_text_is_escaped(tmp_path):
    values = meeting_form.from_form({"meeting.attendees": "张三、李四，王五\n赵六;  钱七 ", "meeting.place": '礼堂"东"\\厅',
                                     "meeting.host": "局长\t王××", "ignored": "x", "meeting.unknown": "y"})
    assert meeting_form.check(values, tmp_path / "m.toml") == {}
    got = parse_meeting(tmp_path / "m.toml")
    assert got.attendees == ("张三", "李四", "王五", "赵六", "钱七")
    assert got.place == '礼堂"东"\\厅' and got.host == "局长\t王××"


@pytest.mark.parametrize("form, field, words", [
    ({"meeting.date": "2020-13-45"}, "meeting.date", "日期"),
    ({"meeting.place": "礼堂", "document.date": "去年"}, "document.date", "日期"),
    ({"placeholders.0.name": "XX", "placeholders.0.value": "某市", "placeholders.1.name": "", "placeholders.1.value": "某县"},
     "placeholders.1.name", "占位符"),
])
def test_an_error_is_reported_beside_the_field_that_caused_it(tmp_path, form, field, words):
    problems = meeting_form.check(meeting_form.from_form(form), tmp_path / "m.toml")
    assert list(problems) == [field] and words in problems[field]


def test_a_token_without_a_value_stays_a_placeholder(tmp_path):
    values = meeting_form.from_form({"placeholders.0.name": "XX", "placeholders.0.value": "", "placeholders.1.name": "××",
                                     "placeholders.1.value": "某区"})
    assert meeting_form.check(values, tmp_path / "m.toml") == {}
    assert parse_meeting(tmp_path / "m.toml").placeholders == {"××": "某区"}


def test_tokens_of_the_outline_get_rows():
    values = meeting_form.with_tokens(MeetingValues(placeholders=[("XX", "某市")]), ["XX", "××", "××"])
    assert values.placeholders == [("XX", "某市"), ("××", "")]


def test_agenda_items_and_the_detail_round_trip_through_meeting_py(tmp_path):
    form = {"agenda.0.kind": "传达学习", "agenda.0.text": "全会精神", "agenda.1.kind": "", "agenda.1.text": "",
            "agenda.2.kind": "审议", "agenda.2.text": "《办法》", "minutes.detail": "详细"}
    values = meeting_form.from_form(form)
    assert values.rows["agenda"] == [{"kind": "传达学习", "text": "全会精神"}, {"kind": "审议", "text": "《办法》"}]
    assert meeting_form.check(values, tmp_path / "m.toml") == {}
    got = parse_meeting(tmp_path / "m.toml")
    assert [(a.kind, a.text) for a in got.agenda] == [("传达学习", "全会精神"), ("审议", "《办法》")] and got.detail == "详细"
    assert meeting_form.from_toml(tmp_path / "m.toml", "m.toml").rows["agenda"] == values.rows["agenda"]
    bad = meeting_form.from_form({"agenda.0.kind": "传达学习", "agenda.0.text": "甲", "agenda.1.kind": "开会", "agenda.1.text": "乙"})
    problems = meeting_form.check(bad, tmp_path / "bad.toml")
    assert list(problems) == ["agenda.1.kind"] and "开会" in problems["agenda.1.kind"]


def test_fields_added_to_the_schema_show_up_on_the_form_and_in_the_toml(monkeypatch):
    monkeypatch.setitem(meeting.SCHEMA, "meeting", {**meeting.SCHEMA["meeting"], "theme": str})
    tables = {t.name: t for t in meeting_form.tables()}
    assert tables["agenda"].rows and [f.key for f in tables["agenda"].fields] == ["kind", "text"]
    assert tables["agenda"].fields[0].choices == meeting.AGENDA_KINDS
    assert "theme" in [f.key for f in tables["meeting"].fields]
    assert "minutes" not in {t.name for t in meeting_form.form_tables()}   # -- shown among the outputs (简要/详细) --
    values = meeting_form.from_form({"agenda.0.kind": "听取", "agenda.0.text": "工作汇报", "meeting.theme": "主题"})
    text, where = meeting_form.to_toml(values)
    assert '[[agenda]]\nkind = "听取"\ntext = "工作汇报"' in text and 'theme = "主题"' in text
    assert where[text.splitlines().index('theme = "主题"') + 1] == "meeting.theme"

    from generator.web.page import PageState, render

    state = PageState.fresh()
    state.values = values
    html = render(state)
    for name in ("agenda.0.kind", "agenda.1.text", "agenda.2.kind", "meeting.theme"):
        assert f'name="{name}"' in html
    assert "会议的其他议程" in html and 'value="工作汇报"' in html and "<option selected>听取</option>" in html


def test_build_and_check_messages_are_in_the_forms_words():
    from generator.web.meeting_form import form_words

    assert form_words("提纲.txt: meeting.toml 未填写会议名称 [meeting] name、出席人员 [meeting] attendees、分送范围 "
                      "[document] distribution，纪要中相应位置留空") == "提纲.txt: “会议信息”中未填写会议名称、出席人员、分送范围，纪要中相应位置留空"
    assert form_words("[meeting] date 的日期“2020-13-45”无效") == "会议日期“2020-13-45”无效"
    assert form_words("[document] issue 应为正整数") == "期号应为正整数"


def test_a_name_holding_a_separator_survives_the_form(tmp_path):
    """absent = ["郑××（公务、出差）"] through the form and back: one name, not 郑××（公务 and 出差）."""
    uploaded = tmp_path / "uploaded.toml"
    uploaded.write_text('[meeting]\nabsent = ["郑××（公务、出差）", "李四"]\nattendees = ["张三"]\n', encoding="utf-8")
    values = meeting_form.from_toml(uploaded, "meeting.toml")
    assert meeting_form.check(values, tmp_path / "again.toml") == {}
    assert parse_meeting(tmp_path / "again.toml").absent == ("郑××（公务、出差）", "李四")


def test_lists_are_split_the_same_everywhere():
    from generator.meeting import split_names

    assert split_names("张三、李四，王五\n赵六;  钱七 ") == ["张三", "李四", "王五", "赵六", "钱七"]
    assert split_names("郑××（公务、出差）、《学习》“读、写”小组，张　三") == ["郑××（公务、出差）", "《学习》“读、写”小组", "张　三"]


def test_a_date_fields_label_is_not_followed_by_another_date():
    from generator.web.meeting_form import form_words

    assert form_words("[document] date 的日期 2020-13-45 无效") == "印发日期 2020-13-45 无效"
