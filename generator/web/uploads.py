"""Uploads: size limits, file names checked and never used as paths, files stored under fixed names."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_UPLOAD = 20 * 1024 * 1024          # the whole request
MAX_UNPACKED = 200 * 1024 * 1024       # what a .docx/.xlsx/.pptx may unpack to (a zip bomb is refused)
TOO_LARGE = f"上传的内容太大（超过 {MAX_UPLOAD // (1024 * 1024)} MB）。讲话提纲通常不到 1 MB；请删去文档中的大图片后再试。"
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

#: the name each kind of upload is stored under in a request's folder (the user's name is only shown)
STEMS = {"outline": "outline", "meeting": "meeting-upload", "branches": "branches", "pptx_template": "template"}
#: what users call each upload, for messages
WHAT = {"outline": "提纲文件", "meeting": "会议信息文件", "branches": "支部名单", "pptx_template": "课件模板"}


class BadRequest(Exception):
    """Bad input from the browser or an API client: a Chinese message, the form field it concerns, an HTTP status."""

    def __init__(self, message: str, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


@dataclass(frozen=True)
class Upload:
    role: str           # "outline" | "meeting" | "branches" | "pptx_template"
    display: str        # the user's file name, checked: shown on the page and in messages only
    data: bytes

    @property
    def suffix(self) -> str:
        match = _SUFFIX.search(self.display)
        return match.group(0).lower() if match else ""

    def save(self, folder: Path) -> Path:
        """Write the upload into `folder` under its fixed name (plus the user's suffix) and return the path."""
        path = folder / f"{STEMS[self.role]}{self.suffix}"
        path.write_bytes(self.data)
        return path


def checked_name(name: str, field: str) -> str:
    """Return a browser-supplied file name to show, or raise BadRequest when it is a path or has control characters."""
    shown = _CONTROL.sub("", name)[:80]
    if (_CONTROL.search(name) or "/" in name or "\\" in name or name.strip() in (".", "..") or name.startswith("..")
            or re.match(r"^[A-Za-z]:", name) or len(name) > 255):
        raise BadRequest(f"文件名“{shown}”不可用：文件名中不能有路径（/、\\、..、盘符）或控制字符。请直接选择文件上传。", field)
    return unicodedata.normalize("NFC", name.strip()) or "未命名"


def text_upload(text: str) -> Upload:
    """Return pasted outline text as an upload (UTF-8 .txt)."""
    return Upload("outline", "粘贴的文字.txt", text.encode("utf-8"))


def check_archive(upload: Upload) -> None:
    """Refuse an Office file (a zip) that would unpack to far more than any outline or list needs."""
    if not upload.data.startswith(b"PK\x03\x04"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not readable as a zip: the reader says what is wrong with it
    if size > MAX_UNPACKED:
        raise BadRequest(f"{WHAT[upload.role]}“{upload.display}”解压后超过 {MAX_UNPACKED // (1024 * 1024)} MB，不像是{WHAT[upload.role]}。",
                         upload.role)


def download_name(display: str, suffix: str) -> str:
    """Return a file name for a download built from the user's file name (its stem, made safe), with `suffix`."""
    from ..paths import safe_name

    stem = display.rsplit(".", 1)[0] if "." in display else display
    return safe_name(stem, "会务材料") + suffix


def content_disposition(filename: str) -> str:
    """Return a Content-Disposition header value for an attachment with a Chinese file name (RFC 6266/5987)."""
    from urllib.parse import quote

    stem, dot, suffix = filename.rpartition(".")
    ascii_stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem if dot else filename).strip("_") or "download"
    ascii_name = ascii_stem + (f".{suffix}" if dot and suffix.isascii() and suffix.isalnum() else "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


__all__ = ["BadRequest", "Upload", "checked_name", "text_upload", "check_archive", "download_name", "content_disposition",
           "MAX_UPLOAD", "TOO_LARGE", "STEMS", "WHAT"]
