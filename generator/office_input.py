"""Outlines in office formats other than .docx (.doc, .wps, .wpt, .rtf, .odt): converted to .docx by LibreOffice.

The converted .docx is then read by the .docx reader (docx_source), automatic numbering included. The conversion
goes through generator/libreoffice.py like every LibreOffice run (headless, private profile, timeout).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .errors import InputError

#: Suffixes of office documents LibreOffice converts to .docx (Word 97-2003, WPS 文字, RTF, OpenDocument).
CONVERTED_SUFFIXES = (".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt", ".ott")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF = b"{\\rtf"
TIMEOUT = 180.0

NO_LIBREOFFICE = ("读取 {suffix} 文件需要 LibreOffice，但没有找到。请安装 LibreOffice（Debian/Ubuntu："
                  "sudo apt-get install libreoffice-writer-nogui；Windows：安装后把其 program 文件夹加入 PATH），"
                  "或在 Word/WPS 中把文件另存为 .docx 再试。")


def needs_conversion(data: bytes, suffix: str) -> bool:
    """Return whether `data` is an office document that only LibreOffice reads (not .docx, not text)."""
    if data.startswith((OLE, RTF)):
        return True
    if data.startswith(b"PK\x03\x04"):
        return is_opendocument(data) or (suffix in CONVERTED_SUFFIXES and not _is_ooxml(data))
    return False


def is_opendocument(data: bytes) -> bool:
    # -- an OpenDocument package stores its mimetype first and uncompressed (ODF 1.2 §3.3) --
    return data[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument" in data[38:120]


def _is_ooxml(data: bytes) -> bool:
    return b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096]


def convert_to_docx(data: bytes, suffix: str, name: str, timeout: float = TIMEOUT) -> bytes:
    """Return the .docx LibreOffice makes of an office document; raise InputError (a Chinese line) when it cannot."""
    from . import libreoffice

    label = suffix if suffix in CONVERTED_SUFFIXES else _kind(data)
    work = Path(tempfile.mkdtemp(prefix="huiwu-in-"))
    try:
        source = work / f"outline{label}"
        source.write_bytes(data)
        result = libreoffice.convert([source], "docx", work / "out", timeout=timeout)
        if result.not_installed:
            raise InputError(NO_LIBREOFFICE.format(suffix=label), name)
        if result.timed_out:
            raise InputError(f"LibreOffice 在 {int(timeout)} 秒内没有转换完这个 {label} 文件，已停止。"
                             "请在 Word/WPS 中把它另存为 .docx 再试。", name)
        if result.cannot_start:
            raise InputError(f"无法启动 LibreOffice（{result.cannot_start}）。请在 Word/WPS 中把文件另存为 .docx 再试。", name)
        if not result.written:
            raise InputError(f"LibreOffice 无法读取这个 {label} 文件（可能已损坏、加密，或不是文字文档）。"
                             "请在 Word/WPS 中打开后另存为 .docx 再试。", name)
        return result.written[0].read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _kind(data: bytes) -> str:
    if data.startswith(RTF):
        return ".rtf"
    if data.startswith(b"PK"):
        return ".odt"
    return ".doc"


__all__ = ["CONVERTED_SUFFIXES", "needs_conversion", "convert_to_docx", "is_opendocument"]
