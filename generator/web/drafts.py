"""The page's work in progress between two form posts: the uploaded files of one browser tab, in a temporary
folder of their own, found again by an unguessable token (a hidden form field), removed after a time."""
from __future__ import annotations

import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .jobs import parse_in_worker
from .uploads import BadRequest, Upload, check_archive

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass
class Draft:
    token: str
    folder: Path
    files: dict[str, tuple[str, Path]] = field(default_factory=dict)   # role → (the user's file name, stored path)
    text: str = ""                # the pasted outline, when the outline came from the text box
    parsed: dict | None = None    # describe() of the outline
    error: str | None = None      # why the outline could not be read
    touched: float = field(default_factory=time.monotonic)

    def store(self, upload: Upload) -> None:
        """Keep an upload (replacing the previous one of its kind); parse it when it is the outline."""
        check_archive(upload)
        self.drop(upload.role)
        if upload.role == "outline":
            self.parsed, self.error = None, None
        path = upload.save(self.folder)
        self.files[upload.role] = (upload.display, path)
        if upload.role == "outline":
            try:
                self.parsed = parse_in_worker(path, upload.display)
            except BadRequest as exc:
                self.error = exc.message

    def drop(self, role: str) -> None:
        old = self.files.pop(role, None)
        if old:
            old[1].unlink(missing_ok=True)

    def name(self, role: str) -> str | None:
        return self.files[role][0] if role in self.files else None


class DraftStore:
    def __init__(self, root: Path, ttl: float = 4 * 3600, limit: int = 200):
        self.root = root
        self.ttl = ttl
        self.limit = limit
        self._drafts: dict[str, Draft] = {}
        self._lock = threading.Lock()

    def get(self, token: str | None) -> Draft | None:
        if not token or not _TOKEN.match(token):
            return None
        with self._lock:
            draft = self._drafts.get(token)
            if draft is not None:
                draft.touched = time.monotonic()
            return draft

    def create(self) -> Draft:
        self.sweep(room=1)
        token = secrets.token_urlsafe(18)
        folder = self.root / "drafts" / token
        folder.mkdir(parents=True)
        draft = Draft(token, folder)
        with self._lock:
            self._drafts[token] = draft
        return draft

    def sweep(self, now: float | None = None, room: int = 0) -> None:
        """Remove drafts unused for `ttl` seconds, and the least recently used beyond `limit` (less `room`)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            by_age = sorted(self._drafts.values(), key=lambda d: d.touched)
            stale = [d for d in by_age if now - d.touched > self.ttl]
            stale += [d for d in by_age[: max(0, len(by_age) - self.limit + room)] if d not in stale]
            for draft in stale:
                del self._drafts[draft.token]
        for draft in stale:
            shutil.rmtree(draft.folder, ignore_errors=True)


__all__ = ["Draft", "DraftStore"]
