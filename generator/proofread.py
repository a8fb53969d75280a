"""Proofreading of an outline and its meeting.toml (`huiwu check`, and `huiwu build` before it builds).

Findings: numbering gaps, duplicates and reversals; ASCII punctuation in Chinese; unbalanced quotes and
brackets; placeholders no value fills; meeting.toml values that still look like samples (×××, ××市).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from .meeting import TOML_KEY, Meeting, _line_of
from .model import Document
from .outline.rules import PLACEHOLDER
from .placeholders import unfilled
from .source import SourceText

_HAN = r"[\u4e00-\u9fff“”‘’（）《》、，。；：]"
_ASCII_PUNCT = re.compile(rf"(?<={_HAN})(?P<p>[,;:!?()])|(?P<q>[,;:!?()])(?={_HAN})|(?<=[\u4e00-\u9fff])(?P<d>\.)(?=[\u4e00-\u9fff“]|$)")
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "!": "叹号", "?": "问号", "(": "左括号", ")": "右括号", ".": "句点"}
#: An ASCII or no-break space between two Chinese characters (text pasted from Word or a web page); an ideographic
#: space is left alone, since names are padded with it (张　三).
_SPACED_HAN = re.compile(r"(?<=[\u4e00-\u9fff])[ \u00a0]+(?=[\u4e00-\u9fff])")
_PAIRS = (("“", "”", "双引号"), ("‘", "’", "单引号"), ("（", "）", "括号"), ("《", "》", "书名号"), ("【", "】", "方括号"))
#: Levels that `build --strict` refuses to build with (提示 is information only).
SERIOUS = ("错误", "警告")


@dataclass(frozen=True)
class Finding:
    line: int          # 0: the file as a whole
    level: str         # 错误 | 警告 | 提示
    message: str
    path: str | None = None    # None: the outline; else another file (meeting.toml)
    token: str | None = None   # the placeholder a finding that it is not filled is about


def proofread(source: SourceText, document: Document, meeting: Meeting | None = None, *,
              fill_where: str | None = None) -> list[Finding]:
    """Return the findings for an outline (and the meeting.toml that goes with it), sorted by line.

    `fill_where` says where an unreplaced placeholder is filled in when that is not meeting.toml or --set (the
    web page's form)."""
    values = meeting.placeholders if meeting is not None else {}
    findings = [Finding(d.line, d.level, d.message) for d in document.diagnostics]
    for src in source.lines:
        text = src.text
        for match in _ASCII_PUNCT.finditer(text):
            ch = match.group("p") or match.group("q") or match.group("d")
            col = match.start() + 1
            findings.append(Finding(src.number, "错误",
                                    f"第 {col} 列：中文中使用了半角{_NAMES[ch]}“{ch}”，应改为全角“{_FULL[ch]}”。"))
        for opening, closing, name in _PAIRS:
            if text.count(opening) != text.count(closing):
                findings.append(Finding(src.number, "错误",
                                        f"{name}不成对：“{opening}”{text.count(opening)} 个，“{closing}”{text.count(closing)} 个；请补齐或删去多余的一个。"))
        spaced = [str(m.start() + 1) for m in _SPACED_HAN.finditer(text)]
        if spaced:
            findings.append(Finding(src.number, "提示", f"第 {'、'.join(spaced)} 列：汉字之间有空格（多见于从 Word 或网页粘贴的文字），"
                                                        "会原样出现在生成的文件中；如非有意，请删去。"))
        if text.count('"') % 2:
            findings.append(Finding(src.number, "错误", "半角引号“\"”不成对；中文中应使用全角引号“”。"))
    columns = {(p.line, p.token): [] for p in document.placeholders}
    for p in document.placeholders:
        columns[(p.line, p.token)].append(p.column)
    for token, line in dict.fromkeys(unfilled(document, values)):
        where = "、".join(str(c) for c in columns.get((line, token), ()))
        how = (f"请在{fill_where}填写。" if fill_where else
               f"请在 meeting.toml 的 [placeholders] 中填写，例如 {token} = \"某市\"，或用 --set {token}=某市。")
        findings.append(Finding(line, "警告", f"第 {where} 列：占位符“{token}”尚未替换，会原样出现在生成的文件中；{how}",
                                token=token))
    if not document.sections:
        findings.append(Finding(0, "警告", "没有识别出“一、”“（一）”等编号的部分，生成的文件只含开头和结尾；请检查提纲是否按层级编号。"))
    findings.sort(key=lambda f: f.line)
    if meeting is not None:
        findings += sample_values(meeting)
        whole = "\n".join(line.text for line in source.lines)
        tokens = "、".join(dict.fromkeys(p.token for p in document.placeholders))
        for key in values:
            if key and key not in whole:
                findings.append(Finding(0, "警告", f"占位符“{key}”在提纲中没有出现，不会替换任何文字（是否写错了？"
                                                   + (f"提纲中的占位符有：{tokens}）。" if tokens else "提纲中没有占位符）。"),
                                        meeting.source))
    return findings


def sample_values(meeting: Meeting) -> list[Finding]:
    """Return a warning for each meeting.toml value that still looks like a sample (×××, ××市, 某某)."""
    if not meeting.source:
        return []
    try:
        text = Path(meeting.source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    findings = []
    for f in fields(meeting):
        if f.name in ("source", "placeholders"):
            continue
        samples = [v for v in _strings(getattr(meeting, f.name)) if PLACEHOLDER.search(v)]
        if not samples:
            continue
        key = TOML_KEY.get(f.name, f.name)                       # -- "[meeting] host" --
        line = _value_line(text, key.split()[-1], samples[0])
        token = PLACEHOLDER.search(samples[0]).group(0)
        if len(samples) == 1 and isinstance(getattr(meeting, f.name), str):
            shown = f"{key} 的值“{samples[0]}”"
        else:
            shown = f"{key} 中的" + "、".join(f"“{v}”" for v in samples[:3]) + (f"等 {len(samples)} 项" if len(samples) > 3 else "")
        findings.append(Finding(line, "警告", f"{shown}像是样例或占位内容（含“{token}”），会原样出现在生成的文件中；"
                                              "请填写真实内容，或留空（\"\"）让纪要留出空白。", meeting.source))
    return findings


def _value_line(text: str, key: str, value: str) -> int:
    """Return the line of meeting.toml that holds `value` for `key` (a list may run over several lines)."""
    start = _line_of(text, key) or 1
    rows = text.splitlines()
    for number in range(start, len(rows) + 1):
        if value in rows[number - 1]:
            return number
    return start if start <= len(rows) else 0


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in _strings(item)]
    if is_dataclass(value) and not isinstance(value, type):
        return [s for f in fields(value) for s in _strings(getattr(value, f.name))]
    return []


def count(findings: list[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    return sum(f.level == "错误" for f in findings), sum(f.level == "警告" for f in findings)


def format_finding(outline: str, finding: Finding) -> str:
    """Return `file:line: 级别: message` (no line for a finding about the whole file)."""
    where = finding.path or outline
    return f"{where}:{finding.line}: {finding.level}: {finding.message}" if finding.line else f"{where}: {finding.level}: {finding.message}"
