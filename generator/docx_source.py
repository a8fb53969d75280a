"""Read a Word outline: paragraph text in order, with the numbers Word's automatic numbering draws."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from .errors import InputError
from .outline.rules import int_to_cn
from .source import SourceLine, SourceText, text_to_source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def read_docx(path: Path, data: bytes) -> SourceText:
    """Return the paragraphs of a .docx as numbered lines; raise InputError if it is not a Word file."""
    name = str(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        document = etree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, EOFError):
        raise InputError("Word 文档已损坏或不是 .docx 格式，无法读取。请在 Word/WPS 中重新另存为 .docx。", name) from None
    styles = _read_styles(archive)
    numbering = _Numbering(archive)
    lines = []
    for paragraph in document.iter(_W + "p", _W + "tr"):
        if _inside(paragraph, ("txbxContent",)):
            continue
        if etree.QName(paragraph).localname == "tr":
            # -- a table row is one line, its cells apart by an ideographic space (a nested table stays in its cell) --
            if not _inside(paragraph, ("tc",)):
                cells = [" ".join(t for t in ("".join(_run_text(p)).strip() for p in tc.iter(_W + "p")) if t)
                         for tc in paragraph.findall(_W + "tc")]
                if any(cells):
                    lines.append(("\u3000".join(cell.replace("\n", " ") for cell in cells), None))
            continue
        if _inside(paragraph, ("tbl",)):
            continue
        text = "".join(_run_text(paragraph))
        ppr = paragraph.find(_W + "pPr")
        style_id = _val(ppr, "pStyle")
        level = _outline_level(ppr, style_id, styles)
        number = numbering.label(ppr, style_id, styles)
        # -- a manual line break (Shift+Enter) starts a new line of the outline, as Enter does --
        for index, piece in enumerate((number + text).split("\n") if text.strip() else [""]):
            lines.append((piece, level if index == 0 else None))
    if not any(t.strip() for t, _ in lines):
        raise InputError("Word 文档中没有文字内容。", name)
    plain = text_to_source("\n".join(t.replace("\r", " ") for t, _ in lines), name, "docx")
    numbered = tuple(SourceLine(i, line.text, lines[i - 1][1] if i <= len(lines) else None)
                     for i, line in enumerate(plain.lines, start=1))
    return SourceText(name, numbered, "docx", plain.notes)


def _inside(element, tags) -> bool:
    parent = element.getparent()
    while parent is not None:
        if etree.QName(parent).localname in tags:
            return True
        parent = parent.getparent()
    return False


def _run_text(paragraph):
    # -- w:delText (a tracked deletion) and w:instrText (a field's code, e.g. PAGE) are not the document's text --
    for node in paragraph.iter(_W + "t", _W + "tab", _W + "br"):
        tag = etree.QName(node).localname
        if tag == "t":
            yield node.text or ""
        elif tag == "tab":
            yield "\t"
        elif tag == "br" and node.get(_W + "type") in (None, "textWrapping"):
            yield "\n"


def _val(ppr, tag):
    if ppr is None:
        return None
    node = ppr.find(_W + tag)
    return None if node is None else node.get(_W + "val")


def _read_styles(archive) -> dict:
    """Return styleId → (name, outline level, numPr (numId, ilvl), basedOn)."""
    try:
        root = etree.fromstring(archive.read("word/styles.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    styles = {}
    for style in root.iter(_W + "style"):
        sid = style.get(_W + "styleId")
        name_el = style.find(_W + "name")
        name = name_el.get(_W + "val") if name_el is not None else ""
        ppr = style.find(_W + "pPr")
        lvl = _val(ppr, "outlineLvl")
        num = None
        if ppr is not None and ppr.find(_W + "numPr") is not None:
            numpr = ppr.find(_W + "numPr")
            num = (_val(numpr, "numId"), _val(numpr, "ilvl") or "0")
        based = style.find(_W + "basedOn")
        styles[sid] = (name, int(lvl) if lvl and lvl.isdigit() else None, num,
                       based.get(_W + "val") if based is not None else None)
    return styles


def _outline_level(ppr, style_id, styles) -> int | None:
    lvl = _val(ppr, "outlineLvl")
    if lvl and lvl.isdigit() and int(lvl) < 9:
        return int(lvl) + 1
    seen = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        name, style_lvl, _, based = styles[style_id]
        match = _HEADING_STYLE.match(name or "") or _HEADING_STYLE.match(style_id)
        if match:
            return int(match.group(1))
        if style_lvl is not None and style_lvl < 9:
            return style_lvl + 1
        style_id = based
    return None


class _Numbering:
    """Counters for Word's automatic numbering, producing the label each numbered paragraph shows."""

    def __init__(self, archive):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = etree.fromstring(archive.read("word/numbering.xml"))
        except (KeyError, etree.XMLSyntaxError):
            return
        for absnum in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in absnum.iter(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                fmt = _val(lvl, "numFmt") or "decimal"
                text = _val(lvl, "lvlText") or ""
                start = _val(lvl, "start")
                levels[ilvl] = (fmt, text, int(start) if start and start.isdigit() else 1)
            self.abstract[absnum.get(_W + "abstractNumId")] = levels
        for num in root.iter(_W + "num"):
            abs_el = num.find(_W + "abstractNumId")
            if abs_el is None:
                continue
            num_id = num.get(_W + "numId")
            self.nums[num_id] = abs_el.get(_W + "val")
            for override in num.iter(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                if start is not None:
                    self.overrides.setdefault(num_id, {})[int(override.get(_W + "ilvl", "0"))] = int(start.get(_W + "val"))

    def label(self, ppr, style_id, styles) -> str:
        num_id, ilvl = None, "0"
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id, ilvl = _val(numpr, "numId"), _val(numpr, "ilvl") or "0"
        elif style_id in styles and styles[style_id][2]:
            num_id, ilvl = styles[style_id][2]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abs_id = self.nums[num_id]
        levels = self.abstract.get(abs_id, {})
        level = int(ilvl) if ilvl.isdigit() else 0
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abs_id, [0] * 9)
        starts = {i: self.overrides.get(num_id, {}).get(i, levels[i][2]) for i in levels}
        counters[level] = counters[level] + 1 if counters[level] else starts[level]
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[level]
        if fmt in ("bullet", "none"):
            return ""

        def value(match):
            i = int(match.group(1)) - 1
            lvl_fmt = levels.get(i, ("decimal", "", 1))[0]
            return _format(counters[i] or starts.get(i, 1), lvl_fmt)

        return re.sub(r"%(\d)", value, text)


_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _format(value: int, fmt: str) -> str:
    """Return a list number as Word draws it in the given w:numFmt."""
    if fmt.startswith(("chineseCounting", "taiwaneseCounting", "japaneseCounting", "koreanCounting")):
        return int_to_cn(value)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(value))
    if fmt == "chineseLegalSimplified":
        return int_to_cn(value).translate(str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰"))
    if fmt == "ideographTraditional":
        return _STEMS[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(value - 1) % 12]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[value - 1] if 0 < value <= 20 else str(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out
