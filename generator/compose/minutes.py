"""Compose the 会议纪要: which paragraphs, in which roles, with what framing words (no styles here)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..meeting import BLANK, BLANK_DATE, Meeting
from ..model import Document, Paragraph, Section
from ..outline.rules import full_width_marker
from .preamble import OPENING, is_problems
from .templating import Wording
from .voice import third_person


@dataclass(frozen=True)
class RunView:
    text: str
    role: str = "body"          # body | heading_2 | heading_3 | lead | label


@dataclass(frozen=True)
class BlockView:
    role: str                    # body | heading_1 | heading_2 | heading_3 | heading_4 | attendance
    runs: tuple[RunView, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class MinutesView:
    mark: str
    issue: str
    office: str
    date: str
    title: tuple[str, ...]
    blocks: tuple[BlockView, ...]
    attendance: tuple[BlockView, ...]
    distribution: str
    printer: str
    print_date: str
    warnings: tuple[str, ...]




def compose_minutes(document: Document, meeting: Meeting, wording: Wording) -> MinutesView:
    """Return the minutes' view model for an outline whose placeholders are already filled."""
    warnings = []
    missing: list[str] = []

    def need(value, label, blank=BLANK):
        if value:
            return value
        missing.append(label)
        return blank

    meeting_name = meeting.name or document.meeting_name or document.title_text or "会议"
    date = need(meeting.date, "会议日期 [meeting] date", BLANK_DATE)
    office = need(meeting.office, "发文机关 [document] office")
    place = need(meeting.place, "会议地点 [meeting] place")
    host = need(meeting.host, "主持人 [meeting] host")
    mark = wording("minutes/mark", mark=meeting.mark, meeting_name=meeting_name if meeting.name or document.meeting_name else None,
                   office=meeting.office)
    if not meeting.issue:
        missing.append("期号 [document] issue")

    blocks: list[BlockView] = []
    purpose, preamble = _purpose(document.preamble, wording)
    blocks.append(_body(wording("minutes/opening", date=date, place=place, host=host if meeting.host else None,
                                meeting_name=meeting_name, purpose=purpose)))
    blocks += _preamble_blocks(preamble, wording)
    for section in document.sections:
        blocks += _section_blocks(section, wording)
    for index, paragraph in enumerate(document.closing):
        text = third_person(paragraph.text)
        if text:
            blocks.append(_body((wording("minutes/closing") if index == 0 else "") + text))

    attendance = []
    for label, names, key in (("出席", meeting.attendees, "attendees"), ("请假", meeting.absent, "absent"),
                              ("列席", meeting.observers, "observers")):
        if names is None or (not names and label == "出席"):
            missing.append(f"{label}人员 [meeting] {key}")
            text = BLANK
        else:
            text = "、".join(names) or "无"
        attendance.append(BlockView("attendance", (RunView(f"{label}：", "label"), RunView(text))))
    if meeting.recorder:
        attendance.append(BlockView("attendance", (RunView("记录：", "label"), RunView(meeting.recorder))))
    distribution = "、".join(meeting.distribution)
    if not distribution:
        missing.append("分送范围 [document] distribution")
    if missing:
        warnings.append(f"meeting.toml 未填写{'、'.join(missing)}，纪要中相应位置留空（如 ××××年×月×日、×××）。")
    return MinutesView(
        mark=mark,
        issue=meeting.issue_label,
        office=office,
        date=date,
        title=tuple(t.text for t in document.title) or (meeting_name,),
        blocks=tuple(b for b in blocks if b.text),
        attendance=tuple(attendance),
        distribution=(distribution + "。") if distribution else BLANK,
        printer=meeting.printer or office,
        print_date=meeting.print_date or date,
        warnings=tuple(warnings),
    )


def _body(text: str) -> BlockView:
    return BlockView("body", (RunView(text),))


def _purpose(preamble: tuple[Paragraph, ...], wording: Wording) -> tuple[str, tuple[Paragraph, ...]]:
    """Return the purpose sentence(s) for the opening, and the preamble without them."""
    if preamble and not preamble[0].points:
        match = OPENING.match(preamble[0].text)
        if match:
            rest = third_person(preamble[0].text[match.end():])
            task = re.match(r"^的?(主要任务|任务|主题|目的)是[，：:]?", rest)
            if task:
                return wording("minutes/purpose", kind=task.group(1), rest=rest[task.end():]), preamble[1:]
            return wording("minutes/purpose", kind="", rest=rest), preamble[1:]
    return "", preamble


def _preamble_blocks(preamble: tuple[Paragraph, ...], wording: Wording) -> list[BlockView]:
    blocks = []
    seen_problem = False
    for paragraph in preamble:
        if paragraph.is_lead_item:
            point = paragraph.points[0]
            blocks.append(BlockView("body", (RunView(point.marker + point.lead, "lead"), RunView(third_person(point.body)))))
            continue
        text = third_person(paragraph.text)
        if not text:
            continue
        if is_problems(paragraph):
            kind, seen_problem = "problem", True
        else:
            kind = "outlook" if seen_problem else "review"
        blocks.append(_body(wording("minutes/preamble", kind=kind) + text))
    return blocks


def _section_blocks(section: Section, wording: Wording) -> list[BlockView]:
    heading = full_width_marker(section.marker) + section.heading + section.heading_end
    out: list[BlockView] = []
    bodies = [third_person(b.text) for b in section.blocks]
    bodies = [b for b in bodies if b]
    if section.level == 1:
        out.append(BlockView("heading_1", (RunView(heading),)))
        if bodies:
            out.append(_body(wording("minutes/section", heading=section.heading, body=bodies[0]) + bodies[0]))
            out += [_body(b) for b in bodies[1:]]
    else:
        role = "heading_2" if section.level == 2 else "heading_3"
        lead = wording("minutes/subsection", heading=section.heading, body=bodies[0]) if section.level == 2 and bodies else ""
        shares_line = bool(section.blocks) and section.blocks[0].line == section.line and bool(section.heading_end)
        if bodies and shares_line:
            # -- heading sentence and body in one paragraph: 楷体 heading run, 仿宋 body run (GB/T 9704 practice) --
            out.append(BlockView("body", (RunView(heading, role), RunView(lead + bodies[0]))))
            out += [_body(b) for b in bodies[1:]]
        else:
            out.append(BlockView(f"heading_{min(section.level, 4)}", (RunView(heading),)))
            if bodies:
                out.append(_body(lead + bodies[0]))
                out += [_body(b) for b in bodies[1:]]
    for sub in section.subsections:
        out += _section_blocks(sub, wording)
    return out
