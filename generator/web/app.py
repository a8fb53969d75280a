"""The web application (Starlette): the page at / and the HTTP API under /api/ that it uses.

Page: GET / (empty form), POST / (one form, buttons name an action: parse, load_meeting, save_meeting, build),
GET /jobs/<id> (the form again with the build's progress or result). It works without JavaScript; page.js only
saves the page reloads.

API (documented in README): POST /api/parse, POST /api/build (waits, answers the zip), POST /api/jobs (answers a
job id at once), GET /api/jobs/<id>, GET /api/jobs/<id>/result, …/files/<n>, …/thumbs/<n>/<page>.png,
DELETE /api/jobs/<id>. Bad input: 4xx with {"error": "中文说明", "field": …}.
"""
from __future__ import annotations

import shutil
import tempfile
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from .. import targets
from ..errors import HuiwuError
from . import meeting_form
from .drafts import DraftStore
from .guard import Guard
from .jobs import BUILD_TIMEOUT, BuildRequest, JobStore
from .meeting_form import MeetingValues
from .page import HERE, MINUTES, STATIC, PageState, job_view, render
from .uploads import MAX_UPLOAD, BadRequest, Upload, checked_name, content_disposition, download_name, text_upload

ROLES = ("outline", "meeting", "branches", "pptx_template")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Server:
    """What one running server holds: its temporary folder, the drafts of the page, the builds."""

    def __init__(self, root: Path | None = None, timeout: float = BUILD_TIMEOUT):
        self.own_root = root is None
        self.root = Path(tempfile.mkdtemp(prefix="huiwu-serve-")) if root is None else root
        self.drafts = DraftStore(self.root)
        self.jobs = JobStore(self.root, timeout=timeout)
        self._stop = threading.Event()

    def start_sweeper(self) -> None:
        def loop():
            while not self._stop.wait(60):
                self.jobs.sweep()
                self.drafts.sweep()

        threading.Thread(target=loop, name="huiwu-sweeper", daemon=True).start()

    def close(self) -> None:
        self._stop.set()
        self.jobs.close()
        if self.own_root:
            shutil.rmtree(self.root, ignore_errors=True)


def create_app(root: Path | None = None, *, timeout: float = BUILD_TIMEOUT, allowed_hosts: tuple[str, ...] | None = LOOPBACK):
    """Return the ASGI application. `allowed_hosts=None` accepts any Host header (a server on a network address)."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.routing import Route

    server = Server(root, timeout)

    @asynccontextmanager
    async def lifespan(app):
        server.start_sweeper()
        try:
            yield
        finally:
            server.close()

    routes = [
        Route("/", _page_get, methods=["GET"]),
        Route("/", _page_post, methods=["POST"]),
        Route("/jobs/{job_id}", _job_page, methods=["GET"]),
        Route("/static/{name}", _static, methods=["GET"]),
        Route("/api/parse", _api_parse, methods=["POST"]),
        Route("/api/build", _api_build, methods=["POST"]),
        Route("/api/jobs", _api_jobs, methods=["POST"]),
        Route("/api/jobs/{job_id}", _api_job, methods=["GET", "DELETE"]),
        Route("/api/jobs/{job_id}/result", _api_result, methods=["GET"]),
        Route("/api/jobs/{job_id}/files/{index:int}", _api_file, methods=["GET"]),
        Route("/api/jobs/{job_id}/thumbs/{index:int}/{page:int}.png", _api_thumb, methods=["GET"]),
    ]
    handlers = {BadRequest: _bad_request, HTTPException: _http_error, Exception: _internal_error}
    app = Starlette(routes=routes, middleware=[Middleware(Guard, limit=MAX_UPLOAD, allowed_hosts=allowed_hosts)],
                    exception_handlers=handlers, lifespan=lifespan)
    app.state.huiwu = server
    return app


# -- reading requests ---------------------------------------------------------------------------------------------------

class Submission:
    """A posted form: the uploads (checked names, bytes), the text fields, the repeated fields."""

    def __init__(self, uploads: dict[str, Upload], fields: dict[str, str], lists: dict[str, list[str]]):
        self.uploads = uploads
        self.fields = fields
        self.lists = lists

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


async def _submission(request) -> Submission:
    from starlette.datastructures import UploadFile
    from starlette.formparsers import MultiPartException

    if not request.headers.get("content-type", "").startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise BadRequest("请求应为表单（multipart/form-data）。", None, 415)
    try:
        form = await request.form(max_files=8, max_fields=2000, max_part_size=MAX_UPLOAD)
    except MultiPartException:
        raise BadRequest("表单内容不完整或格式不对，请刷新页面后重试。") from None
    uploads: dict[str, Upload] = {}
    fields: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    try:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                if name in ROLES and value.filename:
                    uploads[name] = Upload(name, checked_name(value.filename, name), await value.read())
                continue
            lists.setdefault(name, []).append(value)
            fields.setdefault(name, value)
    finally:
        await form.close()
    if "outline" not in uploads and fields.get("outline", "").strip():
        fields.setdefault("text", fields["outline"])   # -- an API client may send the outline's text as a field --
    return Submission(uploads, fields, lists)


def _options(sub: Submission, values: MeetingValues, has_branches: bool, page: bool = False
             ) -> tuple[tuple[str, ...], str | None, bool, dict[str, str]]:
    """Return targets, minutes detail, pdf, placeholder values named by a submission.

    The page's checkboxes name every output; the parts of the 支部学习包 count only with a 党支部 list.
    """
    from ..meeting import detail_problem, parse_sets

    words = [w for w in sub.lists.get("only", []) if w.strip()]
    if page:
        words = [w for w in words if w in targets.BY_KEY and (has_branches or targets.BY_KEY[w].scope == "outline")]
        if not words:
            raise BadRequest("请至少选择一项要生成的材料。", "only")
    try:
        chosen = targets.select(words or None, branches=has_branches)
    except HuiwuError as exc:
        raise BadRequest(exc.message, "only") from None
    try:
        sets = parse_sets(sub.lists.get("set"))
    except HuiwuError as exc:
        raise BadRequest(exc.message, "set") from None
    minutes = sub.get("minutes").strip() or values.get(meeting_form.DETAIL_FIELD) or None
    if problem := detail_problem(minutes, "minutes"):
        raise BadRequest(problem, "minutes")
    pdf = sub.get("pdf").strip().lower() in ("1", "true", "on", "yes", "是")
    return chosen, minutes, pdf, sets


def _meeting_values(sub: Submission, folder: Path) -> MeetingValues:
    """The meeting information of a submission: an uploaded meeting.toml, else the form fields."""
    upload = sub.uploads.get("meeting")
    if upload is None:
        return meeting_form.from_form(sub.fields)
    path = folder / f".meeting-{id(upload)}.toml"
    try:
        path.write_bytes(upload.data)
        return meeting_form.from_toml(path, upload.display)
    except HuiwuError as exc:
        raise BadRequest(str(exc), "meeting") from None
    finally:
        path.unlink(missing_ok=True)


# -- the page -----------------------------------------------------------------------------------------------------------

def _server(request) -> Server:
    return request.app.state.huiwu


def _html(state: PageState, status: int = 200):
    from starlette.responses import HTMLResponse

    return HTMLResponse(render(state), status_code=status, headers={"cache-control": "no-store"})


async def _page_get(request):
    return _html(PageState.fresh())


async def _page_post(request):
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import RedirectResponse, Response

    sub = await _submission(request)
    server = _server(request)
    return await run_in_threadpool(_page_action, server, sub, RedirectResponse, Response)


def _page_action(server: Server, sub: Submission, redirect, response):
    draft = server.drafts.get(sub.get("draft")) or server.drafts.create()
    state = PageState(draft=draft, selected=tuple(k for k in sub.lists.get("only", []) if k in targets.BY_KEY),
                      minutes=sub.get("minutes") if sub.get("minutes") in MINUTES else MINUTES[0], pdf=bool(sub.get("pdf")))
    for role in ("outline", "branches", "pptx_template"):
        if role in sub.uploads:
            try:
                draft.store(sub.uploads[role])
            except BadRequest as exc:
                state.errors[role] = exc.message
    text = sub.get("text")
    if "outline" not in sub.uploads and text.strip() and text != draft.text:
        draft.store(text_upload(text))
        draft.text = text
    elif "outline" in sub.uploads:
        draft.text = ""
    for role in ("branches", "pptx_template"):
        if sub.get(f"drop_{role}"):
            draft.drop(role)
    if draft.error:
        state.errors["outline"] = draft.error
    try:
        state.values = _meeting_values(sub, draft.folder)
        if "meeting" in sub.uploads:
            state.message = f"已载入会议信息“{sub.uploads['meeting'].display}”。"
            detail = state.values.get(meeting_form.DETAIL_FIELD)
            state.minutes = detail if detail in MINUTES else state.minutes
    except BadRequest as exc:
        state.values = meeting_form.from_form(sub.fields)
        state.errors["meeting"] = exc.message
    if meeting_form.has_field(meeting_form.DETAIL_FIELD):   # -- the 简要/详细 choice is saved in meeting.toml too --
        state.values.single[meeting_form.DETAIL_FIELD] = state.minutes

    action = sub.get("action") or "parse"
    if action == "save_meeting":
        problems = meeting_form.check(state.values, draft.folder / "meeting.toml")
        if problems:
            state.errors.update({k: f"会议信息：{v}" for k, v in problems.items()})
            return _html(state, 400)
        text, _ = meeting_form.to_toml(state.values)
        return response(text.encode("utf-8"), media_type="application/toml; charset=utf-8",
                        headers={"content-disposition": content_disposition("meeting.toml"), "cache-control": "no-store"})
    if action != "build":
        return _html(state, 400 if state.errors else 200)
    if "outline" not in draft.files:
        state.errors["outline"] = "请先选择提纲文件，或把提纲文字粘贴到文本框中。"
    if state.errors:
        return _html(state, 400)
    try:
        chosen, minutes, pdf, sets = _options(sub, state.values, "branches" in draft.files, page=True)
        files = {role: Upload(role, name, path.read_bytes()) for role, (name, path) in draft.files.items()}
        job = server.jobs.submit(BuildRequest(files, state.values, chosen, minutes, pdf, sets), page=state.remember())
    except BadRequest as exc:
        state.errors[exc.field or "build"] = exc.message
        return _html(state, exc.status)
    return redirect(f"/jobs/{job.id}#result", status_code=303)


async def _job_page(request):
    server = _server(request)
    job = server.jobs.get(request.path_params["job_id"])
    if job is None:
        state = PageState.fresh()
        state.message = "这次生成的结果已过期或不存在（结果保留 30 分钟）。请重新生成。"
        return _html(state, 404)
    kept = job.page or {}
    state = PageState(draft=server.drafts.get(kept.get("draft")), values=kept.get("values") or MeetingValues(),
                      selected=kept.get("selected", ()), minutes=kept.get("minutes", MINUTES[0]), pdf=kept.get("pdf", False),
                      job=job)
    number = request.query_params.get("n", "0")
    state.refresh = int(number) if number.isdigit() and len(number) < 6 else 0
    return _html(state)


async def _static(request):
    from starlette.responses import Response

    name = request.path_params["name"]
    if name not in STATIC:
        raise BadRequest("找不到这个文件。", None, 404)
    return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name], headers={"cache-control": "no-cache"})


# -- the API ------------------------------------------------------------------------------------------------------------

def _json(data, status: int = 200):
    from starlette.responses import JSONResponse

    return JSONResponse(data, status_code=status, headers={"cache-control": "no-store"})


def _outline(sub: Submission) -> Upload:
    if "outline" in sub.uploads:
        return sub.uploads["outline"]
    if sub.get("text").strip():
        return text_upload(sub.get("text"))
    raise BadRequest("缺少提纲：请用 outline 字段上传提纲文件（或用 text 字段提交提纲文字）。", "outline")


async def _api_parse(request):
    from starlette.concurrency import run_in_threadpool

    sub = await _submission(request)
    server = _server(request)
    return _json(await run_in_threadpool(_parse_once, server, _outline(sub)))


def _parse_once(server: Server, upload: Upload) -> dict:
    from .jobs import parse_in_worker
    from .uploads import check_archive

    check_archive(upload)
    folder = Path(tempfile.mkdtemp(prefix="parse-", dir=server.root))
    try:
        return parse_in_worker(upload.save(folder), upload.display)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _submit(server: Server, sub: Submission, preview: bool):
    outline = _outline(sub)
    folder = Path(tempfile.mkdtemp(prefix="form-", dir=server.root))
    try:
        values = _meeting_values(sub, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    chosen, minutes, pdf, sets = _options(sub, values, "branches" in sub.uploads)
    files = {"outline": outline} | {r: sub.uploads[r] for r in ("branches", "pptx_template") if r in sub.uploads}
    return server.jobs.submit(BuildRequest(files, values, chosen, minutes, pdf, sets, preview=preview))


async def _api_build(request):
    """Build and answer the zip (the build's folder is removed once it is sent)."""
    from starlette.background import BackgroundTask
    from starlette.concurrency import run_in_threadpool

    sub = await _submission(request)
    server = _server(request)
    job = await run_in_threadpool(_submit, server, sub, False)
    await run_in_threadpool(job.done.wait)
    if job.state != "done":
        server.jobs.remove(job.id)
        return _json({"error": job.error}, job.status)
    return _zip_response(job, background=BackgroundTask(server.jobs.remove, job.id))


async def _api_jobs(request):
    from starlette.concurrency import run_in_threadpool

    sub = await _submission(request)
    job = await run_in_threadpool(_submit, _server(request), sub, (sub.get("preview") or "1").lower() not in ("0", "false", "no"))
    return _json({"id": job.id, "status": f"/api/jobs/{job.id}", "result": f"/api/jobs/{job.id}/result"}, 202)


def _job(request):
    job = _server(request).jobs.get(request.path_params["job_id"])
    if job is None:
        raise BadRequest("没有这个任务，或结果已过期（结果保留 30 分钟）。", None, 404)
    return job


async def _api_job(request):
    job = _job(request)
    if request.method == "DELETE":
        if not job.finished:
            raise BadRequest("任务还在进行中，完成后才能删除。", None, 409)
        _server(request).jobs.remove(job.id)
        return _json({"deleted": job.id})
    return _json(job_view(job))


def _finished(job):
    if job.state == "failed":
        raise BadRequest(job.error or "生成失败。", None, job.status)
    if job.state != "done":
        raise BadRequest("还在生成中，请稍候。", None, 409)


async def _api_result(request):
    job = _job(request)
    _finished(job)
    return _zip_response(job)


def _zip_response(job, background=None):
    """The build's zip, named after the user's outline."""
    from starlette.responses import FileResponse

    return FileResponse(job.folder / job.manifest["zip"], media_type="application/zip", background=background,
                        headers={"content-disposition": content_disposition(download_name(job.display, ".zip")),
                                 "cache-control": "no-store"})


_TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          ".pdf": "application/pdf", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


async def _api_file(request):
    from starlette.responses import FileResponse

    job = _job(request)
    _finished(job)
    path = job.file(request.path_params["index"])
    if path is None or not path.is_file():
        raise BadRequest("没有这个文件。", None, 404)
    return FileResponse(path, media_type=_TYPES.get(path.suffix, "application/octet-stream"),
                        headers={"content-disposition": content_disposition(path.name), "cache-control": "no-store"})


async def _api_thumb(request):
    from starlette.responses import FileResponse

    job = _job(request)
    _finished(job)
    index, page = request.path_params["index"], request.path_params["page"]
    files = job.manifest["files"]
    images = (files[index].get("preview") or {}).get("images", []) if 0 <= index < len(files) else []
    if not 0 <= page < len(images):
        raise BadRequest("没有这一页的预览图。", None, 404)
    return FileResponse(job.folder / "previews" / images[page], media_type="image/png", headers={"cache-control": "private, max-age=1800"})


# -- errors -------------------------------------------------------------------------------------------------------------

def _wants_json(request) -> bool:
    return request.url.path.startswith("/api/")


async def _bad_request(request, exc: BadRequest):
    if _wants_json(request) or request.method != "POST":
        if not _wants_json(request) and exc.status == 404:
            state = PageState.fresh()
            state.message = exc.message
            return _html(state, 404)
        return _json({"error": exc.message, "field": exc.field}, exc.status)
    state = PageState.fresh()
    state.errors[exc.field or "build"] = exc.message
    return _html(state, exc.status)


async def _http_error(request, exc):
    messages = {404: "找不到这个页面或接口。", 405: "这个地址不支持这种请求方法。"}
    message = messages.get(exc.status_code, "请求有误。")
    if _wants_json(request):
        return _json({"error": message}, exc.status_code)
    state = PageState.fresh()
    state.message = message
    return _html(state, exc.status_code)


async def _internal_error(request, exc):
    message = f"内部错误：{type(exc).__name__}。请把提纲文件和这条信息反馈给维护者。"
    if _wants_json(request):
        return _json({"error": message}, 500)
    from starlette.responses import HTMLResponse

    return HTMLResponse(f"<!doctype html><meta charset=utf-8><title>会务</title><p>{message}</p><p><a href=\"/\">返回</a></p>",
                        status_code=500)


__all__ = ["create_app", "Server"]
