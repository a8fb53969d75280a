"""The page without JavaScript: every button posts the whole form and the server answers the whole page."""
from __future__ import annotations

import re
import time

import httpx
import pytest

from generator.meeting import parse_meeting

from .conftest import SEED
from .web_helpers import MEETING, live_server, multipart


@pytest.fixture(scope="module")
def client():
    with live_server() as (url, _):
        with httpx.Client(base_url=url, timeout=180) as c:
            yield c


def send(client, fields, files=()):
    body, kind = multipart(fields, files)
    return client.post("/", content=body, headers={"content-type": kind})


def token(html: str) -> str:
    return re.search(r'name="draft" value="([^"]+)"', html).group(1)


def error_beside(html: str, field: str) -> str:
    match = re.search(rf'<p class="error" role="alert" data-field="{re.escape(field)}">([^<]*)</p>', html)
    return match.group(1) if match else ""


def test_choosing_a_file_shows_the_structure_and_findings(client):
    page = client.get("/")
    assert 'name="outline"' in page.text and 'id="structure"' not in page.text
    r = send(client, {"action": "parse"}, [("outline", SEED.name, SEED.read_bytes())])
    assert r.status_code == 200
    assert "已载入：<strong>" + SEED.name in r.text
    assert 'id="structure"' in r.text and "加强政治建设，坚定不移维护核心、忠诚核心" in r.text
    assert "校对" in r.text and "占位符“XX”尚未替换" in r.text
    assert "请在下方“会议信息”的“占位符替换”一栏填写" in r.text and "--set" not in r.text   # -- the page's own words --
    assert "共 5 个部分、15 个下级条目" in r.text and "built-in" not in r.text
    assert 'name="placeholders.0.name" value="XX"' in r.text   # -- a row for the outline's own placeholder --


def test_pasted_text_is_kept_in_the_box(client):
    r = send(client, {"action": "parse", "text": "会议提纲\n一、抓学习\n（一）学原文。要读原著。"})
    assert r.status_code == 200 and "抓学习" in r.text and "要读原著。</textarea>" in r.text


def test_a_bad_file_is_reported_beside_the_file_field(client):
    r = send(client, {"action": "parse"}, [("outline", "截图.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)])
    assert r.status_code == 400 and "图片" in error_beside(r.text, "outline") and "截图.txt" in error_beside(r.text, "outline")
    r = send(client, {"action": "build", "draft": ""})
    assert r.status_code == 400 and "请先选择提纲文件" in error_beside(r.text, "outline")


def test_meeting_information_loads_and_downloads_as_meeting_toml(client, tmp_path):
    r = send(client, {"action": "load_meeting"}, [("meeting", "meeting.toml", MEETING.read_bytes())])
    assert r.status_code == 200 and 'value="局机关三楼会议室"' in r.text and "已载入会议信息" in r.text
    r = send(client, {"action": "save_meeting", "meeting.place": "二楼会议室", "meeting.date": "2021年7月1日",
                      "meeting.attendees": "甲、乙", "placeholders.0.name": "XX", "placeholders.0.value": "某县"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    saved = tmp_path / "meeting.toml"
    saved.write_bytes(r.content)
    got = parse_meeting(saved)
    assert (got.place, got.date, got.attendees, got.placeholders) == ("二楼会议室", "2021年7月1日", ("甲", "乙"), {"XX": "某县"})
    r = send(client, {"action": "save_meeting", "meeting.date": "2021-02-30"})
    assert r.status_code == 400 and "日期" in error_beside(r.text, "meeting.date")
    assert "[meeting]" not in error_beside(r.text, "meeting.date")
    r = send(client, {"action": "load_meeting"}, [("meeting", "坏.toml", b"[meeting\n")])
    assert r.status_code == 400 and "坏.toml" in error_beside(r.text, "meeting")


def test_build_shows_progress_then_downloads(client):
    r = send(client, {"action": "parse"}, [("outline", SEED.name, SEED.read_bytes())])
    draft = token(r.text)
    assert "占位符“XX”尚未替换" in r.text
    form = [("draft", draft), ("action", "build"), ("meeting.date", "2020-13-45"), ("only", "minutes"), ("only", "deck"),
            ("only", "summary"), ("minutes", "简要"), ("placeholders.0.name", "XX"), ("placeholders.0.value", "某市"),
            ("placeholders.1.name", "XXXX"), ("placeholders.1.value", "东湖"), ("meeting.host", "局长王××")]
    r = send(client, form)
    assert r.status_code == 400 and "日期" in error_beside(r.text, "meeting.date")
    assert "[meeting]" not in error_beside(r.text, "meeting.date")
    assert 'value="2020-13-45"' in r.text and token(r.text) == draft   # -- the form is kept as typed --
    form[2] = ("meeting.date", "2020-05-28")
    r = send(client, form)
    assert r.status_code == 303 and re.fullmatch(r"/jobs/[\w-]+#result", r.headers["location"])
    page = client.get(r.headers["location"].split("#")[0])
    assert page.status_code == 200
    # -- (a page shown while the build runs is checked apart: test_a_running_build_shows_progress_and_refreshes) --
    for _ in range(600):
        if 'id="zip"' in page.text or 'data-state="failed"' in page.text:
            break
        time.sleep(0.3)
        page = client.get(r.headers["location"].split("#")[0])
    assert 'id="zip"' in page.text, page.text[-2000:]
    assert "http-equiv" not in page.text
    assert "占位符“XX”尚未替换" not in page.text and "警告 0" in page.text     # -- the form fills it now --
    assert "占位符“XXXX”在提纲中没有出现" in page.text                           # -- a key that replaces nothing --
    assert "主持人的值“局长王××”像是样例" in page.text and "[meeting]" not in page.text   # -- a sample in the form --
    # -- the build's notes in the form's words: no meeting.toml keys on the page --
    assert "“会议信息”中未填写发文机关、会议地点" in page.text and "出席人员、请假人员" in page.text and "[meeting]" not in page.text and "[document]" not in page.text
    assert 'value="2020-05-28"' in page.text and token(page.text) == draft   # -- the form again beside the result --
    links = re.findall(r'href="(/api/jobs/[\w-]+/files/\d+)"', page.text)
    assert len(links) == 3 and all(client.get(link).status_code == 200 for link in links)


def test_an_expired_result_says_so(client):
    r = client.get("/jobs/nothing-here")
    assert r.status_code == 404 and "已过期或不存在" in r.text
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "找不到" in r.text and "<html" in r.text


def test_a_running_build_shows_progress_and_refreshes(tmp_path):
    """While a build runs the page shows its stage and progress, and refreshes itself when JavaScript is off."""
    from generator.web.jobs import Job
    from generator.web.page import PageState, render

    job = Job("j1", tmp_path, "提纲.txt", {}, state="running", stage="正在转换 PDF（LibreOffice）", percent=35)
    html = render(PageState(job=job))
    assert 'id="progress"' in html and 'value="35"' in html and "正在转换 PDF（LibreOffice）" in html
    assert '<noscript><meta http-equiv="refresh"' in html
    done = render(PageState(job=Job("j2", tmp_path, "提纲.txt", {}, state="failed", error="出错了")))
    assert 'id="progress"' not in done and "http-equiv" not in done and "出错了" in done
