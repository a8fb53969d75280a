"""One build of the web page, run as a process of its own (`python -m generator.web.worker`), so that a stuck or
timed-out build can be stopped with what it started and leaves nothing behind:
build → PDF (when asked, and for page images when LibreOffice is there) → previews → zip.

It also reads and parses outlines for the page ({"mode": "parse"}), for the same reason.

The parent writes the build's spec as one JSON line on standard input and reads JSON lines back:
{"stage", "percent"} while it works, last {"done": true, "manifest": …} or {"done": true, "error": …, "code": …}.
Anything else that writes to standard output goes to standard error. This module does not import the web stack.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import zipfile
from pathlib import Path

RESULT = "result"       # the build's folder name under out/ (the user's file name is never a path)
ZIP = "result.zip"


def main() -> None:
    """Process entry point: read the spec, run one build, report on the original standard output."""
    # -- stopped by the server (time limit, shutdown): leave through an exception, so that a LibreOffice run stops the
    # LibreOffice it started (its own session, out of reach of the server's signal) and removes its work folder --
    signal.signal(signal.SIGTERM, _terminated)
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())   # -- stray prints must not corrupt the messages --

    def send(message: dict) -> None:
        channel.write(json.dumps(message, ensure_ascii=False) + "\n")
        channel.flush()

    try:
        spec = json.loads(sys.stdin.readline())
        if spec.get("mode") == "parse":
            message = parse(spec)
        else:
            message = build(spec, lambda stage, percent: send({"stage": stage, "percent": percent}))
    except BaseException as exc:  # noqa: BLE001 - reported to the page as one line, never a traceback
        message = {"done": True, "error": f"内部错误：{type(exc).__name__}: {exc}", "code": 70}
    send(message)
    channel.close()


def _terminated(signum, frame) -> None:
    raise SystemExit(128 + signum)


def parse(spec: dict) -> dict:
    """Read, parse and proofread an outline (what the page shows before building)."""
    from .outline_view import describe
    from .uploads import BadRequest

    try:
        return {"done": True, "parsed": describe(Path(spec["outline"]), spec["display"])}
    except BadRequest as exc:
        return {"done": True, "error": exc.message, "status": exc.status}


def build(spec: dict, progress) -> dict:
    """Build into spec["folder"]; return the final message (manifest or error)."""
    from ..build import BuildOptions, build_outline

    folder = Path(spec["folder"])
    out, previews = folder / "out", folder / "previews"
    progress("正在生成文件", 10)
    options = BuildOptions(out_dir=out, targets=tuple(spec["targets"]), meeting_file=_path(spec.get("meeting")),
                           sets=dict(spec.get("sets") or {}), pptx_template=_path(spec.get("pptx_template")),
                           minutes=spec.get("minutes"), branches=_path(spec.get("branches")), parallel=True)
    result = build_outline(Path(spec["outline"]), options, RESULT)
    if result.error:
        return {"done": True, "error": result.error, "code": result.exit_code}
    root = out / RESULT
    files = list(result.written)      # -- the main outputs and every branch file --
    notes: list[str] = []
    meeting = spec.get("meeting")
    if meeting:   # -- what the build found in the form's values: samples (王××), a placeholder the outline lacks --
        notes += [f.message for f in result.findings if f.path and Path(f.path) == Path(meeting)]

    wanted = [f for f in result.pdf_sources if spec.get("pdf")]
    shown = [f for f in files if spec.get("preview") and f.parent == root and f.suffix in (".docx", ".pptx")]
    converting = list(dict.fromkeys(wanted + shown))
    made: dict[Path, Path] = {}
    if converting:
        progress("正在转换 PDF（LibreOffice）", 35)
        made, note = _to_pdf(converting)
        if note and wanted:
            notes.append(note)
    downloads = sorted(files + [made[f] for f in wanted if f in made], key=lambda p: (p.parent != root, p.relative_to(root).as_posix()))

    previews.mkdir(exist_ok=True)
    entries = []
    for index, path in enumerate(downloads):
        entry = {"path": path.relative_to(root).as_posix(), "size": path.stat().st_size}
        if path in shown:
            progress(f"正在生成预览：{path.name}", 70)
            entry["preview"] = _preview(path, made.get(path), previews, index)
        entries.append(entry)
    for path, pdf in made.items():
        if path not in wanted and pdf.exists():
            pdf.unlink()  # -- made for the page images only: not a download --

    progress("正在打包", 92)
    _zip(root, downloads, folder / ZIP)
    return {"done": True, "manifest": {"files": entries, "warnings": list(result.warnings), "notes": notes, "zip": ZIP}}


def _to_pdf(files: list[Path]) -> tuple[dict[Path, Path], str | None]:
    """The web page's one use of the PDF export: return {file: its PDF} for those converted, and a note."""
    from ..pdf import convert_to_pdf

    pdfs, note = convert_to_pdf(files)
    made = {f: f.with_suffix(".pdf") for f in files if f.with_suffix(".pdf") in pdfs}
    return made, note


def _preview(path: Path, pdf: Path | None, previews: Path, index: int) -> dict:
    from .preview import page_images, text_preview

    if pdf is not None:
        images = page_images(pdf, previews, str(index))
        if images:
            return {"kind": "images", "images": images}
    try:
        return text_preview(path)
    except Exception:  # noqa: BLE001 - a preview never fails a build
        return {"kind": "none"}


def _zip(root: Path, files: list[Path], target: Path) -> None:
    part = target.with_name(target.name + ".part")
    with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(root).as_posix())
    os.replace(part, target)


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None



if __name__ == "__main__":
    main()
