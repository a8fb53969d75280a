"""`huiwu check`: proofreading of an outline (numbering, punctuation, quotes, placeholders)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Document
from .outline.rules import PLACEHOLDER
from .source import SourceText

_HAN = r"[\u4e00-\u9fff“”‘’（）《》、，。；：]"
_ASCII_PUNCT = re.compile(rf"(?<={_HAN})(?P<p>[,;:!?()])|(?P<q>[,;:!?()])(?={_HAN})|(?<=[\u4e00-\u9fff])(?P<d>\.)(?=[\u4e00-\u9fff“]|$)")
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "!": "叹号", "?": "问号", "(": "左括号", ")": "右括号", ".": "句点"}
_PAIRS = (("“", "”", "双引号"), ("‘", "’", "单引号"), ("（", "）", "括号"), ("《", "》", "书名号"), ("【", "】", "方括号"))


@dataclass(frozen=True)
class Finding:
    line: int
    level: str      # 错误 | 警告 | 提示
    message: str


def proofread(source: SourceText, document: Document) -> list[Finding]:
    """Return the findings for an outline, sorted by line."""
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
        if text.count('"') % 2:
            findings.append(Finding(src.number, "错误", "半角引号“\"”不成对；中文中应使用全角引号“”。"))
        for match in PLACEHOLDER.finditer(text):
            findings.append(Finding(src.number, "警告",
                                    f"第 {match.start() + 1} 列：占位符“{match.group(0)}”尚未替换；请在 meeting.toml 的 [placeholders] "
                                    f"中填写，例如 {match.group(0)} = \"某市\"，或用 --set {match.group(0)}=某市。"))
    if not document.sections:
        findings.append(Finding(0, "警告", "没有识别出“一、”“（一）”等编号的部分；请检查提纲是否按层级编号。"))
    return sorted(findings, key=lambda f: f.line)
