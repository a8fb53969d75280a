"""Shared fixtures: the seed, the corpus (when present), and the one rule for tests that run LibreOffice.

Render tests carry `@pytest.mark.render` (or `@pytest.mark.render("soffice", "pdfinfo")` to name the tools they
need; the default is every tool in RENDER_TOOLS). A render test is skipped, with the missing tools named, when any
of them is not installed, and `pytest -m "not render"` deselects every test that starts LibreOffice: a test without
the marker that tries to is an error (see `_libreoffice_only_in_render_tests`).

HUIWU_TEST_CORPUS=0 hides the corpus (../shared/corpus), as on a machine without it: every behaviour must then still
be pinned by a fixture of our own (tests/README.md).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"

#: The tools a render test may need: LibreOffice and poppler-utils.
RENDER_TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdffonts")
_INSTALL = {"soffice": "LibreOffice", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils", "pdffonts": "poppler-utils",
            "pdftoppm": "poppler-utils"}


def per_module(fixture_name: str, config) -> str:
    """The scope of fixtures shared by a module's tests: "module", but "function" under mutation testing
    (scripts/mutation.sh sets HUIWU_MUTATION=1): mutmut credits what a module fixture runs to the first test that
    asks for it and would leave the module's other tests out of the mutants they kill."""
    return "function" if os.environ.get("HUIWU_MUTATION") else "module"


def corpus_files() -> list[Path]:
    if os.environ.get("HUIWU_TEST_CORPUS", "1") == "0":
        return []
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.fixture
def seed() -> Path:
    return SEED


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing_tools(tools=RENDER_TOOLS) -> list[str]:
    """Return the tools of `tools` that are not installed (soffice may also be called libreoffice)."""
    return [tool for tool in tools if (soffice_path() if tool == "soffice" else shutil.which(tool)) is None]


def skip_reason(tools=RENDER_TOOLS) -> str | None:
    """Return why a render test needing `tools` cannot run here, or None when it can."""
    missing = missing_tools(tools)
    if not missing:
        return None
    packages = ", ".join(dict.fromkeys(_INSTALL[tool] for tool in missing))
    return f"not installed: {', '.join(missing)} ({packages}); render tests run in CI, which installs them (.ci/run)"


#: Kept for older tests: the render marker with every tool.
needs_soffice = pytest.mark.render


_GUARD: dict[str, object] = {"rendering": False, "real_run": None, "real_start": None}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Skip a render test whose tools are missing before its fixtures run (module fixtures may convert with
    LibreOffice); in every other test, starting LibreOffice is an error, so `-m "not render"` leaves out all of them.

    Tests that fake LibreOffice monkeypatch `libreoffice._run` (and `_start`, `_wait` for runs started early,
    libreoffice.Pending) themselves, over this guard, and are not affected.
    """
    from generator import libreoffice

    marker = item.get_closest_marker("render")
    if marker is not None:
        reason = skip_reason(marker.args or RENDER_TOOLS)
        if reason:
            pytest.skip(reason)
    _GUARD["rendering"] = marker is not None
    if marker is None:
        real_run = _GUARD["real_run"] = libreoffice._run

        def guarded(command, timeout):
            if "office" in Path(command[0]).name.casefold():
                raise AssertionError(f"{item.nodeid} starts LibreOffice: mark it @pytest.mark.render")
            return real_run(command, timeout)

        libreoffice._run = guarded
        real_start = _GUARD["real_start"] = libreoffice._start

        def guarded_start(command):
            if "office" in Path(command[0]).name.casefold():
                raise AssertionError(f"{item.nodeid} starts LibreOffice: mark it @pytest.mark.render")
            return real_start(command)

        libreoffice._start = guarded_start


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    from generator import libreoffice

    if _GUARD["real_run"] is not None:
        libreoffice._run = _GUARD["real_run"]
        _GUARD["real_run"] = None
    if _GUARD["real_start"] is not None:
        libreoffice._start = _GUARD["real_start"]
        _GUARD["real_start"] = None
    _GUARD["rendering"] = False


def soffice_convert(path: Path, outdir: Path, to: str = "pdf") -> Path:
    """Convert one file with a plain LibreOffice run (a private profile in a temporary folder); return the result.

    Only for render tests; the huiwu code under test takes no part in this conversion.
    """
    assert _GUARD["rendering"], "soffice_convert is for tests marked @pytest.mark.render"
    path, outdir = Path(path), Path(outdir)
    with tempfile.TemporaryDirectory(prefix="huiwu-test-lo-") as profile:
        subprocess.run([soffice_path(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", to, "--outdir", str(outdir), str(path)], check=False, capture_output=True, timeout=300)
    made = outdir / f"{path.stem}.{to.split(':')[0]}"
    assert made.is_file(), f"LibreOffice did not make {made.name}"
    return made
