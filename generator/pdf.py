"""PDF export: the outputs converted in one LibreOffice run, official faces that are missing printed in stand-ins."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from . import fonts, libreoffice

#: East Asian faces a WordprocessingML or DrawingML part names.
_FACE = re.compile(rb'w:eastAsia="([^"]+)"|<a:ea typeface="([^"+][^"]*)"')


def start_pdf(files: list[Path], timeout: float = 600) -> libreoffice.Pending | None:
    """Plan LibreOffice runs on files yet to be written (a build with --pdf converts while it builds): hand each
    file over with `ready(path)` once written (a run starts with its first), then pass the result to
    convert_to_pdf. None without LibreOffice."""
    soffice = libreoffice.find_soffice()
    if not soffice or not files:
        return None
    return libreoffice.Pending(soffice, files, "pdf", _substitutions(fonts.stand_ins()), timeout)


def convert_to_pdf(files: list[Path], timeout: float = 600,
                   pending: libreoffice.Pending | None = None) -> tuple[list[Path], str | None]:
    """Write FILE.pdf beside each file: the files `pending` was started on are finished there, the rest are
    converted now (LibreOffice processes sharing the files out).

    Return the PDFs written and one line for the user: what could not be made, and which stand-ins printed
    the official faces this machine lacks.
    """
    if not files:
        if pending is not None:
            pending.cancel()
        return [], None
    if not libreoffice.find_soffice():
        return [], libreoffice.INSTALL_HINT.format(what="PDF 导出")
    table = fonts.stand_ins()
    rest = [path for path in files if pending is None or path not in pending.files]
    result = pending.finish() if pending is not None else libreoffice.Conversion()
    if rest:
        result.merge(libreoffice.convert(rest, "pdf", substitutions=_substitutions(table), timeout=timeout))
    named = faces_named(files)
    used = {face: stand_in for face, stand_in in table.items() if face in named}
    notes = [line.rstrip("。") for line in (result.note("pdf", timeout), stand_in_note(used) if result.written else None) if line]
    return result.written, ("；".join(notes) + "。") if notes else None


def _substitutions(table: dict[str, str | None]) -> dict[str, str]:
    """The font replacement table for LibreOffice: each official face this machine lacks → its installed stand-in
    (fonts.stand_ins, less the faces nothing here can stand in for)."""
    return {face: stand_in for face, stand_in in table.items() if stand_in}


def faces_named(files: list[Path]) -> set[str]:
    """Return the East Asian faces the files' XML parts name (styles, runs, theme), for the note on stand-ins."""
    faces: set[str] = set()
    for path in files:
        try:
            with zipfile.ZipFile(path) as package:
                for name in package.namelist():
                    if name.endswith(".xml"):
                        for match in _FACE.finditer(package.read(name)):
                            faces.add((match.group(1) or match.group(2)).decode("utf-8", "replace"))
        except (OSError, zipfile.BadZipFile, KeyError):
            continue
    return faces


def stand_in_note(used: dict[str, str | None]) -> str | None:
    """One Chinese line: which missing faces were printed in which stand-ins, and how to get the real ones."""
    if not used:
        return None
    pairs = "、".join(f"{face}→{stand_in}" for face, stand_in in used.items() if stand_in)
    lacking = "、".join(face for face, stand_in in used.items() if not stand_in)
    parts = []
    if pairs:
        parts.append(f"本机未安装公文字体，PDF 以替代字体排印：{pairs}（.docx/.pptx 中仍为原字体）")
    if lacking:
        parts.append(f"本机没有可替代 {lacking} 的简体中文字体，PDF 中这些文字的字形由 LibreOffice 自行选择；{fonts.OPEN_FONTS_HINT}")
    return "；".join(parts) + f"；{fonts.INSTALL_HINT}。"


__all__ = ["start_pdf", "convert_to_pdf", "faces_named", "stand_in_note"]
