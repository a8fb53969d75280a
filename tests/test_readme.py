"""The README's three commands (build, test, serve): they make a venv first (Debian/Ubuntu refuse pip on the system Python), and CI runs
the README's test command as written."""
from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    block = README.split("## 三条命令", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_every_command_creates_and_uses_a_venv():
    commands = _commands()
    assert len(commands) == 3 and commands[2].endswith("huiwu serve")
    for command in commands:
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && python -m pip install -e ")


def test_ci_runs_the_readme_test_command():
    test_command = next(c for c in _commands() if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_troubleshooting_covers_fonts_libreoffice_and_wps():
    section = README.split("### 遇到问题", 1)[1].split("\n## ", 1)[0]
    for words in ("externally-managed-environment", "python3-venv", "LibreOffice", "字体", "WPS"):
        assert words in section
    assert re.search(r"apt-get install [^`]*libreoffice", section)
