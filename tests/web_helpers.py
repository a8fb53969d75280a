"""Helpers for the web tests: a real server (uvicorn) on a free loopback port, raw multipart bodies, zips."""
from __future__ import annotations

import io
import os
import socket
import threading
import time
import uuid
import zipfile
from contextlib import contextmanager
from pathlib import Path

import docx

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "outlines" / "三级结构带署名.txt"
MEETING = ROOT / "seeds" / "meeting.toml"


@contextmanager
def live_server(**options):
    """Run create_app(**options) in uvicorn on 127.0.0.1:<free port>; yield (base URL, the app's Server)."""
    import uvicorn

    from generator.web.app import create_app

    app = create_app(**options)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", app.state.huiwu
    finally:
        server.should_exit = True
        thread.join(20)
        sock.close()


def multipart(fields: dict[str, str] | list[tuple[str, str]] = (), files: list[tuple[str, str, bytes]] = ()) -> tuple[bytes, str]:
    """Return (body, content type) of a multipart form; file names are sent exactly as given (NUL, slashes…)."""
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    items = fields.items() if isinstance(fields, dict) else fields
    for name, value in items:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode("utf-8") + b"\r\n")
    for name, filename, data in files:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="'.encode())
        out.write(filename.encode("utf-8") + b'"\r\nContent-Type: application/octet-stream\r\n\r\n')
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def zip_names(data: bytes) -> set[str]:
    return set(zipfile.ZipFile(io.BytesIO(data)).namelist())


def zip_docx_text(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = docx.Document(io.BytesIO(archive.read(name)))
    return "\n".join(p.text for p in document.paragraphs)


def folders_under(root: Path, kind: str) -> list[str]:
    base = root / kind
    return sorted(os.listdir(base)) if base.is_dir() else []
