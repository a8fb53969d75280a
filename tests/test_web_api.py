"""`huiwu serve`'s HTTP API against a real server (uvicorn on a loopback port): answers, errors, safety."""
from __future__ import annotations

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from .conftest import SEED
from .helpers import make_docx
from .web_helpers import FIXTURE, MEETING, folders_under, live_server, multipart, zip_docx_text, zip_names

THREE = {"会议纪要.docx", "学习课件.pptx", "学习要点.docx"}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture(scope="module")
def server():
    with live_server() as (url, state):
        with httpx.Client(base_url=url, timeout=180) as client:
            yield client, state


def alive(client) -> None:
    """The server still answers after whatever came before."""
    assert client.get("/").status_code == 200


def post(client, path, fields=(), files=()):
    body, kind = multipart(fields, files)
    return client.post(path, content=body, headers={"content-type": kind})


def test_page_references_no_external_url(server):
    client, _ = server
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "讲话提纲" in page.text
    linked = re.findall(r"""(?:src|href|action|content)\s*=\s*["']([^"']*)["']""", page.text)
    assert linked and not [u for u in linked if re.match(r"(?:[a-z]+:)?//", u, re.I)], linked
    for asset in ("/static/page.css", "/static/page.js"):
        text = client.get(asset).text
        assert not re.search(r"https?://|url\(|@import|//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I), asset
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


def test_parse_answers_structure_and_findings(server):
    client, _ = server
    r = post(client, "/api/parse", files=[("outline", SEED.name, SEED.read_bytes())])
    assert r.status_code == 200
    data = r.json()
    assert data["source"] == SEED.name
    headings = [s["heading"] for s in data["structure"]["sections"]]
    assert len(headings) == 5 and headings[0].startswith("加强政治建设")
    assert all(len(s["subsections"]) == 3 for s in data["structure"]["sections"])
    assert any(f["level"] == "警告" and "XX" in f["message"] and f["line"] == 10 for f in data["findings"])


def test_parse_docx_and_gb18030_outlines_never_seen(server, tmp_path):
    client, _ = server
    path = make_docx(tmp_path / "提纲.docx", [("关于加强机关作风建设的讲话提纲", None), ("一、提高站位", 1),
                                            ("（一）统一思想。要把思想统一到部署上来。", 2), ("二、狠抓落实", 1),
                                            ("（一）明确责任。要层层压实责任。", 2)])
    r = post(client, "/api/parse", files=[("outline", "提纲.docx", path.read_bytes())])
    assert r.status_code == 200, r.text
    assert [s["heading"] for s in r.json()["structure"]["sections"]] == ["提高站位", "狠抓落实"]
    r = post(client, "/api/parse", files=[("outline", "组织.txt", FIXTURE.read_text(encoding="utf-8").encode("gb18030"))])
    assert r.status_code == 200 and r.json()["encoding"] == "gb18030"
    r = post(client, "/api/parse", fields={"text": FIXTURE.read_text(encoding="utf-8")})
    assert r.status_code == 200 and r.json()["structure"]["title"] == ["在全市组织工作会议上的讲话"]


def test_build_answers_a_zip_of_the_three_files(server):
    client, state = server
    r = post(client, "/api/build", files=[("outline", SEED.name, SEED.read_bytes()), ("meeting", "meeting.toml", MEETING.read_bytes())])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    assert zip_names(r.content) == THREE
    minutes = zip_docx_text(r.content, "会议纪要.docx")
    assert "局机关三楼会议室" in minutes and "某市" in minutes
    time.sleep(0.3)
    assert folders_under(state.root, "jobs") == []   # -- removed once sent --


def test_build_takes_the_meeting_form_fields_and_options(server):
    client, _ = server
    fields = [("meeting.date", "2021-7-1"), ("meeting.place", "二楼会议室"), ("meeting.attendees", "甲××、乙××\n丙××"),
              ("placeholders.0.name", "XX"), ("placeholders.0.value", "某县"), ("only", "minutes"), ("only", "要点")]
    r = post(client, "/api/build", fields=fields, files=[("outline", SEED.name, SEED.read_bytes())])
    assert r.status_code == 200, r.text
    assert zip_names(r.content) == {"会议纪要.docx", "学习要点.docx"}
    minutes = zip_docx_text(r.content, "会议纪要.docx")
    assert "2021年7月1日" in minutes and "二楼会议室" in minutes and "丙××" in minutes
    assert "某县" in minutes and "XX" not in minutes


@pytest.mark.parametrize("path", ["/api/parse", "/api/build"])
@pytest.mark.parametrize("filename, data, words", [
    ("提纲.txt", PNG, "图片"),                          # a PNG renamed .txt
    ("提纲.txt", b"", "空"),                            # an empty file
    ("提纲.txt", b"\r\n \r\n", "空"),
    ("提纲.docx", b"PK\x03\x04broken", "Word"),         # a broken .docx
    ("../../x.txt", SEED.read_bytes(), "文件名"),       # traversal
    ("..\\..\\x.txt", SEED.read_bytes(), "文件名"),
    ("/etc/passwd", SEED.read_bytes(), "文件名"),       # absolute paths
    ("C:/Windows/win.ini", SEED.read_bytes(), "文件名"),
    ("a\x00b.txt", SEED.read_bytes(), "文件名"),        # NUL
    ("a\nb.txt", SEED.read_bytes(), "文件名"),
])
def test_bad_uploads_get_4xx_with_a_chinese_message(server, path, filename, data, words):
    client, state = server
    r = post(client, path, files=[("outline", filename, data)])
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    error = r.json()["error"]
    assert words in error and re.search(r"[\u4e00-\u9fff]", error) and "Traceback" not in error
    assert "\x00" not in error and str(state.root) not in error
    alive(client)


def test_a_windows_full_path_is_cut_to_its_name_by_the_form_parser(server):
    # -- python-multipart keeps only the last part of C:\\…\\name (what old IE sent); it is only ever shown --
    client, state = server
    r = post(client, "/api/parse", files=[("outline", "C:\\Windows\\提纲.txt", SEED.read_bytes())])
    assert r.status_code == 200 and r.json()["source"] == "提纲.txt"
    assert not list(state.root.glob("parse-*"))      # -- the stored upload went with its parse --


def test_checked_names():
    from generator.web.uploads import BadRequest, checked_name

    assert checked_name("讲话提纲（定稿）.docx", "outline") == "讲话提纲（定稿）.docx"
    for name in ("../x.txt", "..", "a/b.txt", "a\\b.txt", "C:x.txt", "c:\\x.txt", "\\\\server\\x.txt", "x\x00.txt", "x\x1f.txt", "名" * 300):
        with pytest.raises(BadRequest) as caught:
            checked_name(name, "outline")
        assert "文件名" in caught.value.message and "\x00" not in caught.value.message


@pytest.mark.parametrize("fields, field, words", [
    ({"meeting.date": "2020-13-45"}, "meeting.date", "日期"),
    ({"meeting.date": "下周一"}, "meeting.date", "日期"),
    ({"only": "slides"}, "only", "无法识别"),
    ({"set": "XX"}, "set", "格式"),
    ({"placeholders.0.value": "某市"}, "placeholders.0.name", "占位符"),
])
def test_bad_form_fields_get_400_naming_the_field(server, fields, field, words):
    client, state = server
    r = post(client, "/api/build", fields=fields, files=[("outline", SEED.name, SEED.read_bytes())])
    assert r.status_code == 400, r.text
    assert r.json()["field"] == field and words in r.json()["error"]
    assert folders_under(state.root, "jobs") == []
    alive(client)


def test_bad_meeting_file_and_missing_outline(server):
    client, _ = server
    r = post(client, "/api/build", files=[("outline", SEED.name, SEED.read_bytes()), ("meeting", "m.toml", b"[meeting]\ndate = 2020-13-45\n")])
    assert r.status_code == 400 and r.json()["field"] == "meeting" and "m.toml" in r.json()["error"]
    r = post(client, "/api/build", files=[("outline", SEED.name, SEED.read_bytes()), ("meeting", "m.toml", b"[meeting\n")])
    assert r.status_code == 400 and "TOML" in r.json()["error"]
    r = post(client, "/api/parse", fields={"text": "  "})
    assert r.status_code == 400 and "缺少提纲" in r.json()["error"]
    r = client.post("/api/parse", content=b"{}", headers={"content-type": "application/json"})
    assert r.status_code == 415 and "表单" in r.json()["error"]
    r = client.get("/api/nothing")
    assert r.status_code == 404 and "找不到" in r.json()["error"]
    alive(client)


def test_a_30_mb_upload_gets_413_and_the_server_keeps_working(server):
    client, _ = server
    big = b"\xe4\xb8\x80" * (10 * 1024 * 1024)   # 30 MB of 一
    r = post(client, "/api/parse", files=[("outline", "大.txt", big)])
    assert r.status_code == 413 and "20 MB" in r.json()["error"]
    body, kind = multipart({"action": "parse"}, [("outline", "大.txt", big)])
    r = client.post("/", content=body, headers={"content-type": kind})
    assert r.status_code == 413 and "20 MB" in r.text and "<html" in r.text
    alive(client)


def test_two_builds_at_once_get_their_own_files(server):
    client, _ = server
    outlines = [(SEED.name, SEED.read_bytes(), "坚定不移全面从严管党治党"), (FIXTURE.name, FIXTURE.read_bytes(), "全市组织工作会议纪要")]

    def build(item):
        name, data, _ = item
        return post(client, "/api/build", fields={"only": "minutes"}, files=[("outline", name, data)])

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(build, outlines))
    for (_, _, title), r in zip(outlines, answers, strict=True):
        assert r.status_code == 200, r.text
        text = zip_docx_text(r.content, "会议纪要.docx")
        other = [t for _, _, t in outlines if t != title][0]
        assert title in text and other not in text


def test_a_branch_list_adds_each_branch_pack(server):
    client, _ = server
    branches = "支部名称,主讲人,党员\n机关第一党支部,张××,张××、李××\n机关第二党支部,王××,\n".encode("gb18030")
    r = post(client, "/api/build", files=[("outline", SEED.name, SEED.read_bytes()), ("branches", "支部.csv", branches)])
    assert r.status_code == 200, r.text
    names = zip_names(r.content)
    assert THREE <= names
    for branch in ("机关第一党支部", "机关第二党支部"):
        assert {f"支部/{branch}/学习课件.pptx", f"支部/{branch}/签到表.docx"} <= names
    r = post(client, "/api/build", fields={"only": "签到表"}, files=[("outline", SEED.name, SEED.read_bytes())])
    assert r.status_code == 400 and r.json()["field"] == "only" and "支部名单" in r.json()["error"]
    r = post(client, "/api/build", files=[("outline", SEED.name, SEED.read_bytes()), ("branches", "支部.csv", b"\xe5\x90\x8d\n")])
    assert r.status_code == 400 and "支部.csv" in r.json()["error"]
    r = post(client, "/api/build", fields={"minutes": "很短"}, files=[("outline", SEED.name, SEED.read_bytes())])
    assert r.status_code == 400 and r.json()["field"] == "minutes"


def test_jobs_progress_files_result_and_delete(server):
    client, state = server
    r = post(client, "/api/jobs", files=[("outline", FIXTURE.name, FIXTURE.read_bytes())])
    assert r.status_code == 202
    job_id = r.json()["id"]
    assert r.json()["result"] == f"/api/jobs/{job_id}/result"
    seen = set()
    for _ in range(600):
        job = client.get(f"/api/jobs/{job_id}").json()
        seen.add(job["state"])
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.2)
    assert job["state"] == "done", job
    assert {f["path"] for f in job["files"]} == THREE
    for f in job["files"]:
        answer = client.get(f["url"])
        assert answer.status_code == 200 and answer.content[:2] == b"PK"
        assert f["preview"]["kind"] in ("images", "slides", "document")
        for image in f["preview"].get("images", [])[:2]:
            png = client.get(image)
            assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert zip_names(client.get(f"/api/jobs/{job_id}/result").content) == THREE
    assert client.get(f"/api/jobs/{job_id}/files/99").status_code == 404
    assert client.get(f"/api/jobs/{job_id}/thumbs/0/999.png").status_code == 404
    page = client.get(f"/jobs/{job_id}")
    assert page.status_code == 200 and f"/api/jobs/{job_id}/result" in page.text
    assert client.delete(f"/api/jobs/{job_id}").status_code == 200
    assert client.get(f"/api/jobs/{job_id}").status_code == 404
    assert job_id not in folders_under(state.root, "jobs")
    assert client.get("/api/jobs/..%2F..%2Fetc/result").status_code == 404


def test_a_failed_build_leaves_nothing_behind(server):
    client, state = server
    r = post(client, "/api/build", files=[("outline", SEED.name, SEED.read_bytes()), ("pptx_template", "我的模板.pptx", b"not a pptx")])
    assert r.status_code == 400, r.text
    assert "我的模板.pptx" in r.json()["error"] and str(state.root) not in r.json()["error"]
    assert folders_under(state.root, "jobs") == []
    alive(client)


def test_other_hosts_and_other_sites_are_refused(server):
    client, _ = server
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    body, kind = multipart({"text": "一、标题"})
    r = client.post("/api/parse", content=body, headers={"content-type": kind, "origin": "http://evil.example"})
    assert r.status_code == 403 and "其他网站" in r.json()["error"]
    r = client.post("/api/parse", content=body, headers={"content-type": kind, "origin": str(client.base_url).rstrip("/")})
    assert r.status_code == 200


def _workers_in(root: Path) -> list[int]:
    """Process ids of build workers whose working folder lies under `root` (Linux /proc)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if b"generator.web.worker" in (proc / "cmdline").read_bytes() and os.readlink(proc / "cwd").startswith(str(root)):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_shutdown_stops_builds_and_removes_every_temporary_folder():
    with live_server() as (url, state):
        root = state.root
        with httpx.Client(base_url=url, timeout=60) as client:
            post(client, "/api/jobs", files=[("outline", SEED.name, SEED.read_bytes())])
            assert root.is_dir()
    assert not root.exists()
    if Path("/proc/self/cwd").exists():   # -- and no worker outlives the server --
        assert _workers_in(root) == []


def test_download_names_are_safe_on_every_file_system():
    from generator.web.uploads import download_name

    assert download_name("会议/讲话:提纲.docx", ".zip") == "会议_讲话_提纲.zip"
    assert download_name("CON.txt", ".zip") == "_CON.zip"            # -- a Windows device name --
    assert download_name("....", ".zip") == "会务材料.zip"
