"""The model as JSON-ready data (`huiwu parse --json`) and as a readable tree (`huiwu parse`)."""
from __future__ import annotations

from .model import Document, Paragraph, Section


def paragraph_native(p: Paragraph) -> dict:
    return {
        "line": p.line,
        "text": p.text,
        "intro": p.intro,
        "points": [{"marker": x.marker, "lead": x.lead, "body": x.body, "line": x.line} for x in p.points],
    }


def section_native(s: Section) -> dict:
    return {
        "level": s.level,
        "number": s.number,
        "marker": s.marker,
        "heading": s.heading,
        "heading_end": s.heading_end,
        "line": s.line,
        "blocks": [paragraph_native(b) for b in s.blocks],
        "subsections": [section_native(c) for c in s.subsections],
    }


def to_native(d: Document) -> dict:
    """Return the document as plain data with the keys documented for `huiwu parse --json`."""
    return {
        "source": d.source,
        "title": [t.text for t in d.title],
        "subtitle": d.subtitle.text if d.subtitle else None,
        "byline": [b.text for b in d.byline],
        "meeting_name": d.meeting_name,
        "genre": d.genre,
        "salutation": d.salutation.text if d.salutation else None,
        "preamble": [paragraph_native(p) for p in d.preamble],
        "transition": paragraph_native(d.transition) if d.transition else None,
        "sections": [section_native(s) for s in d.sections],
        "closing": [paragraph_native(p) for p in d.closing],
        "credits": [c.text for c in d.credits],
        "placeholders": [{"token": p.token, "line": p.line, "column": p.column} for p in d.placeholders],
        "entities": {
            "quotes": [{"text": q.text, "line": q.line} for q in d.entities.quotes],
            "concepts": [{"text": q.text, "line": q.line} for q in d.entities.concepts],
            "dates": [{"date": e.date, "text": e.text, "line": e.line} for e in d.entities.dates],
        },
        "diagnostics": [{"line": x.line, "level": x.level, "message": x.message} for x in d.diagnostics],
    }


def _short(text: str, width: int = 36) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _paragraph_lines(p: Paragraph, indent: str, label: str) -> list[str]:
    out = [f"{indent}{label} [{p.line}] {_short(p.text)}"]
    for point in p.points:
        out.append(f"{indent}  · {point.marker}{_short(point.lead or point.body, 30)}")
    return out


def pretty(d: Document) -> str:
    """Return the recognised tree as indented Chinese text for `huiwu parse`."""
    out = [f"文件：{d.source}"]
    for t in d.title:
        out.append(f"标题 [{t.line}] {t.text}")
    if d.subtitle:
        out.append(f"副标题 [{d.subtitle.line}] {d.subtitle.text}")
    for b in d.byline:
        out.append(f"署名/日期 [{b.line}] {b.text}")
    if d.meeting_name or d.genre:
        out.append(f"会议名称：{d.meeting_name or '（未识别）'}　文种：{d.genre or '（未识别）'}")
    if d.salutation:
        out.append(f"称呼 [{d.salutation.line}] {d.salutation.text}")
    for p in d.preamble:
        out += _paragraph_lines(p, "", "开头段" if not p.is_lead_item else "引领段")
    if d.transition:
        out.append(f"过渡句 [{d.transition.line}] {d.transition.text}")

    def walk(s: Section, indent: str) -> None:
        out.append(f"{indent}{s.level}级 [{s.line}] {s.marker.strip()}{s.heading}")
        for b in s.blocks:
            out.extend(_paragraph_lines(b, indent + "  ", "段落"))
        for c in s.subsections:
            walk(c, indent + "  ")

    for s in d.sections:
        walk(s, "")
    for p in d.closing:
        out += _paragraph_lines(p, "", "结尾段")
    for c in d.credits:
        out.append(f"来源 [{c.line}] {c.text}")
    total = sum(1 for _ in d.walk())
    out.append(f"共 {len(d.sections)} 个一级部分，{total - len(d.sections)} 个下级条目；"
               f"金句 {len(d.entities.quotes)} 条，应知应会 {len(d.entities.concepts)} 条，时间节点 {len(d.entities.dates)} 个。")
    return "\n".join(out)
