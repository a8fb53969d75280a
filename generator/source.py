"""Read an outline file (.txt in any common Chinese encoding, or .docx) into numbered lines."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .office_input import CONVERTED_SUFFIXES, needs_conversion


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    level: int | None = None    # heading level from a Word style / outline level, when there is one


@dataclass(frozen=True)
class SourceText:
    path: str
    lines: tuple[SourceLine, ...]
    encoding: str
    notes: tuple[str, ...] = ()   # things the reader repaired (e.g. control characters removed)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
#: Invisible characters that text pasted from Word or a web page carries (zero-width space and joiners, word
#: joiner, a byte-order mark inside the text, soft hyphen): they would split words and numbering invisibly.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MAGIC = (
    (b"%PDF", "这是 PDF 文件。请在 Word/WPS 中打开后另存为 .docx 或 .txt 再试。"),
    (b"\x89PNG", "这是图片文件 (PNG)，不是讲话提纲。请提供 .docx 或 .txt 文件。"),
    (b"\xff\xd8\xff", "这是图片文件 (JPEG)，不是讲话提纲。请提供 .docx 或 .txt 文件。"),
    (b"GIF8", "这是图片文件 (GIF)，不是讲话提纲。请提供 .docx 或 .txt 文件。"),
)
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
#: Word's own packages, read directly (a macro-enabled document and a template are the same XML).
OOXML_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
#: What a folder given to `build` is searched for.
OUTLINE_SUFFIXES = (".txt", *OOXML_SUFFIXES, *CONVERTED_SUFFIXES)
#: The outline path that means standard input, and the name it goes by in messages and output folders.
STDIN = "-"
STDIN_NAME = "标准输入"


def is_stdin(path: str | Path) -> bool:
    return str(path) == STDIN


def read_stdin() -> bytes:
    """Return standard input's bytes (a pasted outline); say how to end the input when it is a terminal."""
    if sys.stdin is None:
        raise InputError("没有标准输入可读。", STDIN_NAME)
    if sys.stdin.isatty():
        print("请粘贴讲话提纲，结束时另起一行按 Ctrl-D（Windows 按 Ctrl-Z 后回车）：", file=sys.stderr)
    return sys.stdin.buffer.read()


def read_source(path: str | Path, data: bytes | None = None) -> SourceText:
    """Return the outline at `path` (or `data`, its bytes) as numbered lines; raise InputError with a Chinese message.

    `-` is standard input. Office documents other than .docx go through LibreOffice (office_input).
    """
    path = Path(path)
    name = str(path)
    if data is None and is_stdin(path):
        data, name = read_stdin(), STDIN_NAME
    elif is_stdin(path):
        name = STDIN_NAME
    if data is None:
        if not path.exists():
            raise InputError("文件不存在。请检查路径是否正确。", name)
        if path.is_dir():
            raise InputError("这是一个文件夹，不是提纲文件。", name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"无法读取文件（{exc.strerror}）。", name) from None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{'输入' if is_stdin(path) else '文件'}是空的，没有可识别的提纲内容。", name)
    suffix = "" if is_stdin(path) else path.suffix.lower()
    if needs_conversion(data, suffix):
        from .office_input import convert_to_docx

        data, suffix = convert_to_docx(data, suffix, name), ".docx"
    if data.startswith(b"PK\x03\x04"):
        if suffix in OOXML_SUFFIXES or suffix not in TEXT_SUFFIXES or is_stdin(path):
            from .docx_source import read_docx

            return read_docx(Path(name), data)
        raise InputError("这是压缩包或 Office 文件，不是纯文本。若是 Word 文档，请把扩展名改为 .docx。", name)
    if suffix in OOXML_SUFFIXES:
        raise InputError(f"文件扩展名是 {suffix}，但内容不是 Word 文档（可能已损坏或被改名）。请在 Word/WPS 中重新另存为 .docx。", name)
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise InputError(message, name)
    if suffix in (".pdf", ".png", ".jpg", ".jpeg", ".gif", ".bmp"):
        raise InputError(f"不支持 {suffix} 文件。请提供 .docx 或 .txt 格式的讲话提纲。", name)
    if suffix in CONVERTED_SUFFIXES:
        raise InputError(f"文件扩展名是 {suffix}，但内容不是 Word/WPS 文档（可能已损坏或被改名）。请在 Word/WPS 中重新另存为 .docx。", name)
    text, encoding = _decode(data, name)
    return text_to_source(text, name, encoding)


def text_to_source(text: str, name: str, encoding: str = "utf-8") -> SourceText:
    """Return `text` split into numbered lines (CRLF/CR normalised, control and invisible characters removed)."""
    notes = []
    if _CONTROL.search(text):
        notes.append("已删除文本中的控制字符。")
        text = _CONTROL.sub("", text)
    if _INVISIBLE.search(text):
        notes.append("已删除文本中的零宽空格等不可见字符（多见于从 Word 或网页粘贴的文字）。")
        text = _INVISIBLE.sub("", text)
    raw_lines = re.split(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c", text)
    lines = tuple(SourceLine(i, line) for i, line in enumerate(raw_lines, start=1))
    if not any(line.text.strip(" \t\u3000\u00a0\ufeff") for line in lines):
        raise InputError("文件是空的（只有空白字符），没有可识别的提纲内容。", name)
    return SourceText(name, lines, encoding, tuple(notes))


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), "utf-16"
    nuls = data.count(b"\x00")
    odd = data[1::2].count(b"\x00")
    if nuls >= 2 and len(data) % 2 == 0 and max(odd, nuls - odd) >= 0.75 * nuls:
        # -- UTF-16 without a BOM: the NULs of ASCII characters (newlines, digits) sit on one byte parity --
        for encoding in (("utf-16-le", "utf-16-be") if odd * 2 > nuls else ("utf-16-be", "utf-16-le")):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text, encoding
    if nuls > max(8, len(data) // 100):
        raise InputError("这是二进制文件，不是文本。请提供 .docx 或 .txt 格式的讲话提纲。", name)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text, encoding
    raise InputError("无法识别文件编码（不是 UTF-8 或 GBK/GB18030 文本），可能是二进制文件。请另存为 UTF-8 文本再试。", name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"文件声明为 {encoding} 编码，但内容无法按此编码读取。", name) from None


def _looks_binary(text: str) -> bool:
    bad = len(_CONTROL.findall(text))
    return bad > 8 and bad > len(text) / 50


def is_outline_file(path: Path) -> bool:
    """Return whether a file in a folder given to `build` should be read as an outline."""
    return path.is_file() and path.suffix.lower() in OUTLINE_SUFFIXES and not path.name.startswith(("~$", "."))


