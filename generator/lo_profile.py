"""The private profile each LibreOffice run gets (libreoffice.py): its settings, and the part kept between runs.

A run's profile is new, so that the run is apart from a LibreOffice the user has open and carries only huiwu's
settings: the font replacement table (Tools ▸ Options ▸ Fonts) that prints a missing official face in an
installed stand-in, and no first-start dialogs.

-- LibreOffice spends most of a new profile's start on work done once per profile. Its graphics self-test after
an upgrade is skipped (LAST_VERSION). The registry of its bundled extensions (0.2 s to build) is kept: the first
run that converts all its files leaves its profile's extensions/ folder in huiwu's cache (cache.py), one per
LibreOffice installation, and later runs start from a copy. A kept registry that does not parse is not used
(LibreOffice does not start on a cut one), and one a run could convert nothing with is forgotten
(libreoffice._settle). LibreOffice rebuilds a registry that no longer matches its installation itself. --
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from .cache import cache_dir

#: The LibreOffice version a private profile says it was last used by: newer than any, so that LibreOffice skips
#: what it does once after an upgrade. -- That is mainly its graphics self-test (GraphicsRenderTests, 0.7 s of the
#: 1.2 s a run takes to start); the version that would stop it is recorded only when a window shows "what's new",
#: which a headless run never does, so without this every run repeats it. The test draws on a private surface
#: and only writes a log: the PDFs are the same pixel for pixel. --
LAST_VERSION = "999.9"


def write_profile(profile: Path, substitutions: dict[str, str]) -> Path:
    """Write the private profile's registrymodifications.xcu: the font replacement table, no first-start dialogs
    and no after-upgrade self-test."""
    def prop(name: str, value: str) -> str:
        return f'<prop oor:name="{name}" oor:op="fuse"><value>{escape(value)}</value></prop>'

    items = [f'<item oor:path="/org.openoffice.Office.Common/Misc">{prop("FirstRun", "false")}</item>',
             f'<item oor:path="/org.openoffice.Setup/Product">{prop("ooSetupLastVersion", LAST_VERSION)}</item>',
             f'<item oor:path="/org.openoffice.Office.Common/Font/Substitution">{prop("Replacement", "true" if substitutions else "false")}</item>']
    for index, (face, stand_in) in enumerate(sorted(substitutions.items())):
        items.append('<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
                     f'<node oor:name="huiwu{index}" oor:op="replace">{prop("Always", "true")}{prop("OnScreenOnly", "false")}'
                     f'{prop("ReplaceFont", face)}{prop("SubstituteFont", stand_in)}</node></item>')
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        + "\n".join(items) + "\n</oor:items>\n", encoding="utf-8")
    return profile


#: The part of a profile kept between runs: LibreOffice's registry of its bundled extensions.
REGISTRY = "extensions"


def new_profile(profile: Path, substitutions: dict[str, str], soffice: str, reuse: bool = True) -> bool:
    """Write a run's profile (write_profile), starting from the kept registry unless `reuse` is false; return
    whether it did (the copy is what is checked: another huiwu may be replacing the kept one meanwhile)."""
    write_profile(profile, substitutions)
    kept, copy = kept_registry(soffice), profile / "user" / REGISTRY
    if not reuse or not kept.is_dir():
        return False
    try:
        shutil.copytree(kept, copy)
        if sound(copy):
            return True
    except OSError:
        pass
    shutil.rmtree(copy, ignore_errors=True)
    return False


def keep(profile: Path, soffice: str) -> None:
    """Keep the registry of a run that converted all its files, unless a sound one is kept already (copied whole
    beside it, then renamed into place: another huiwu copying the kept one never sees half of it; a cache that
    cannot be written is left as it is)."""
    kept, made = kept_registry(soffice), profile / "user" / REGISTRY
    if sound(kept) or not sound(made):
        return
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        _sweep(kept.parent)
        part = Path(tempfile.mkdtemp(dir=kept.parent, prefix=".~"))
    except OSError:
        return
    try:
        shutil.copytree(made, part / REGISTRY)
        _discard(kept)
        os.rename(part / REGISTRY, kept)
    except OSError:
        pass
    finally:
        shutil.rmtree(part, ignore_errors=True)


def forget(soffice: str) -> None:
    """Remove the kept registry (a run that started from it failed)."""
    _discard(kept_registry(soffice))


def _discard(folder: Path) -> None:
    """Remove a folder by renaming it out of the way first, so that no one copies it half removed."""
    if not folder.exists():
        return
    try:
        gone = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".~"))
    except OSError:
        return
    try:
        os.rename(folder, gone / folder.name)
    except OSError:
        pass
    finally:
        shutil.rmtree(gone, ignore_errors=True)


#: How old a leftover temporary folder in the cache must be to be swept away (one an interrupted huiwu left).
STALE_SECONDS = 3600


def _sweep(folder: Path) -> None:
    """Remove the temporary folders older than STALE_SECONDS that an interrupted huiwu left in `folder`."""
    now = time.time()
    for leftover in folder.glob(".~*"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass


def kept_registry(soffice: str) -> Path:
    """Where the registry for this LibreOffice is kept: one folder per installation (its path and its soffice's
    size and time, which an update changes)."""
    real = os.path.realpath(soffice)
    try:
        stat = os.stat(real)
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        stamp = ""
    key = hashlib.sha256(f"{real}|{stamp}".encode()).hexdigest()[:16]
    return cache_dir() / "libreoffice" / key / REGISTRY


def sound(registry: Path) -> bool:
    """Whether a registry folder is whole: LibreOffice's build id, and every XML file parses."""
    try:
        if not (registry / "buildid").is_file():
            return False
        for path in registry.rglob("*.xml"):
            ElementTree.parse(path)
    except (OSError, ElementTree.ParseError):
        return False
    return True


__all__ = ["LAST_VERSION", "REGISTRY", "forget", "keep", "kept_registry", "new_profile", "sound", "write_profile"]
