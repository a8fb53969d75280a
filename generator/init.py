"""`huiwu init`: a meeting.toml to fill in and a copy of the templates to customise."""
from __future__ import annotations

import shutil
from pathlib import Path

from .branches import write_sample
from .errors import OutputError
from .meeting import MEETING_TOML_TEMPLATE
from .paths import templates_dir
from .write import write_bytes_atomic


def init_project(directory: Path, force: bool = False) -> list[Path]:
    """Write DIR/meeting.toml, DIR/templates/ and DIR/支部.xlsx; return the paths written."""
    written = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建文件夹（{exc.strerror}）。", str(directory)) from None
    meeting = directory / "meeting.toml"
    if meeting.exists() and not force:
        raise OutputError("文件已存在；如需覆盖请加 --force。", str(meeting))
    write_bytes_atomic(meeting, MEETING_TOML_TEMPLATE.encode("utf-8"))
    written.append(meeting)
    target = directory / "templates"
    if target.exists() and not force:
        raise OutputError("模板文件夹已存在；如需覆盖请加 --force。", str(target))
    source = templates_dir()
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    written.append(target)
    written.append(write_sample(directory / "支部.xlsx", force))
    return written
