"""Pay only for what runs: which libraries each command imports, and the template cache that may not be there."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.build import BuildOptions, build_outline

from .conftest import ROOT, SEED

HEAVY = ("docx", "pptx", "openpyxl", "pydantic", "starlette", "uvicorn", "fastapi", "flask", "waitress")


def imported(*args: str, env: dict | None = None) -> set[str]:
    """Run `python -m generator ARGS` and return the top-level packages it imported (of the HEAVY ones)."""
    code = ("import runpy, sys\nsys.argv = ['huiwu', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('generator', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            f"print('MODULES', sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, **(env or {})}, timeout=120)
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES"))
    return set(eval(line.split(" ", 1)[1]))  # noqa: S307 - our own printed list


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("parse", str(SEED)), ("check", str(SEED)),
                                  ("build", "--help")], ids=lambda a: " ".join(a)[:20])
def test_light_commands_import_no_office_or_web_library(args):
    assert imported(*args) == set()


def test_minutes_alone_imports_no_python_pptx(tmp_path):
    found = imported("build", str(SEED), "-o", str(tmp_path), "--only", "minutes")
    assert "pptx" not in found and "docx" in found


def test_build_without_a_usable_template_cache(tmp_path, monkeypatch):
    """The compiled-template cache is an optimisation: a cache folder that cannot be made changes nothing."""
    from generator.compose import templating

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("HUIWU_CACHE_DIR", str(blocker / "sub"))
    templating._environment.cache_clear()
    try:
        result = build_outline(SEED, BuildOptions(out_dir=tmp_path / "out", targets=("minutes",)))
        assert result.error is None, result.error
    finally:
        templating._environment.cache_clear()


def test_template_cache_is_written_and_reused(tmp_path, monkeypatch):
    from generator.compose import templating

    monkeypatch.setenv("HUIWU_CACHE_DIR", str(tmp_path / "cache"))
    templating._environment.cache_clear()
    try:
        first = templating.Wording()("deck/toc_title")
        files = sorted((tmp_path / "cache" / "templates").iterdir())
        assert files and all(f.stat().st_size > 0 for f in files)
        templating._environment.cache_clear()
        assert templating.Wording()("deck/toc_title") == first == "目录"
        assert not any(f.name.startswith(".~") for f in (tmp_path / "cache" / "templates").iterdir())
    finally:
        templating._environment.cache_clear()
