"""The one page: its jinja2 environment (autoescaped, separate from the sandboxed wording templates), the data it
is rendered from, and its two static files."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import targets
from ..meeting import DETAILS
from . import meeting_form
from .meeting_form import MeetingValues

HERE = Path(__file__).resolve().parent
STATIC = {"page.css": "text/css; charset=utf-8", "page.js": "text/javascript; charset=utf-8"}
MINUTES = DETAILS      # 简要 (the default) | 详细


@dataclass
class PageState:
    draft: object | None = None                  # drafts.Draft
    values: MeetingValues = field(default_factory=MeetingValues)
    selected: tuple[str, ...] = ()
    minutes: str = MINUTES[0]
    pdf: bool = False
    errors: dict[str, str] = field(default_factory=dict)
    job: object | None = None                    # jobs.Job
    message: str | None = None
    refresh: int = 0                             # how often the result page has refreshed itself (no JavaScript)

    @classmethod
    def fresh(cls) -> PageState:
        return cls(selected=tuple(t.key for t in targets.TARGETS))

    def remember(self) -> dict:
        """What a build keeps to show the form again beside its result."""
        return {"draft": getattr(self.draft, "token", None), "values": self.values, "selected": self.selected,
                "minutes": self.minutes, "pdf": self.pdf}


@lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates"), encoding="utf-8"),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["size"] = _size
    return env


def render(state: PageState) -> str:
    from .outline_view import summary

    draft = state.draft
    parsed = getattr(draft, "parsed", None)
    values = state.values
    counts = None
    if parsed:
        # -- a placeholder the form now fills is no longer a finding --
        filled = [token for token, value in values.placeholders if token and value]
        findings = [f for f in parsed["findings"] if f.get("token") not in filled]
        parsed = {**parsed, "findings": findings}
        counts = summary(parsed)
        values = meeting_form.with_tokens(values, counts["tokens"])
    return environment().get_template("page.html").render(
        state=state,
        draft=draft,
        parsed=parsed,
        summary=counts,
        values=values,
        tables=meeting_form.form_tables(),
        extra_rows=meeting_form.EXTRA_ROWS,
        outputs=[t for t in targets.TARGETS if t.scope == "outline"],
        branch_outputs=[t for t in targets.TARGETS if t.scope != "outline"],
        minutes_choices=MINUTES,
        job=job_view(state.job) if state.job is not None else None,
    )


def job_view(job) -> dict:
    """The result part of the page, and `GET /api/jobs/<id>`: state, progress, files with links and previews."""
    base = f"/api/jobs/{job.id}"
    view = {"id": job.id, "state": job.state, "stage": job.stage, "percent": job.percent, "error": job.error,
            "files": [], "warnings": [], "notes": [], "result": None}
    if job.state == "done" and job.manifest:
        labels = {t.file_name.rsplit(".", 1)[0]: t.label for t in targets.TARGETS}
        for index, entry in enumerate(job.manifest["files"]):
            path = entry["path"]
            name = path.rsplit("/", 1)[-1]
            stem, _, suffix = name.rpartition(".")
            folder = path.rsplit("/", 1)[0] if "/" in path else ""
            preview = dict(entry.get("preview") or {"kind": "none"})
            if preview.get("kind") == "images":
                preview["images"] = [f"{base}/thumbs/{index}/{n}.png" for n in range(len(preview["images"]))]
            view["files"].append({"index": index, "path": path, "name": name, "folder": folder,
                                  "label": labels.get(stem, stem), "suffix": suffix.upper(), "size": entry["size"],
                                  "url": f"{base}/files/{index}", "preview": preview})
        view["warnings"] = job.manifest["warnings"]
        view["notes"] = job.manifest["notes"]
        view["result"] = f"{base}/result"
    return view


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


__all__ = ["PageState", "render", "job_view", "STATIC", "HERE", "MINUTES"]
