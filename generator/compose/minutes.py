"""Compose the 会议纪要: which paragraphs, in which roles, with what framing words (no styles here)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..meeting import BLANK, BLANK_DATE, Meeting
from ..model import Document, Paragraph, Section
from ..outline.rules import GENRE, GENRE_ONLY, full_width_marker
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

    # -- an outline's title names the speech, not the meeting (关于做好…工作的讲话提纲): without a name from
    # meeting.toml or the outline's subtitle the minutes leave a blank to fill, as for the other facts --
    meeting_name = meeting.name or document.meeting_name or need(None, "会议名称 [meeting] name", f"{BLANK}会议")
    date = need(meeting.date, "会议日期 [meeting] date", BLANK_DATE)
    office = need(meeting.office, "发文机关 [document] office")
    place = need(meeting.place, "会议地点 [meeting] place")
    host = need(meeting.host, "主持人 [meeting] host")
    mark = wording("minutes/mark", mark=meeting.mark, meeting_name=meeting_name if meeting.name or document.meeting_name else None,
                   office=meeting.office)
    if not meeting.issue:
        missing.append("期号 [document] issue")

    purpose, preamble = _purpose(document.preamble, wording)
    agenda = [wording("minutes/agenda", kind=item.kind, text=item.text) for item in meeting.agenda]
    opening = [body_block(text) for text in wording("minutes/opening", date=date, place=place, host=host if meeting.host else None,
                                                meeting_name=meeting_name, purpose=purpose, agenda=agenda).split("\n") if text]

    attendance = []
    for key, names in (("attendees", meeting.attendees), ("absent", meeting.absent), ("observers", meeting.observers)):
        label = wording("minutes/attendance_label", kind=key)
        if names is None or (not names and key == "attendees"):
            missing.append(f"{label}人员 [meeting] {key}")
            text = BLANK
        else:
            text = "、".join(names) or wording("minutes/attendance_label", kind="nobody")
        attendance.append(BlockView("attendance", (RunView(f"{label}：", "label"), RunView(text))))
    if meeting.recorder:
        label = wording("minutes/attendance_label", kind="recorder")
        attendance.append(BlockView("attendance", (RunView(f"{label}：", "label"), RunView(meeting.recorder))))
    # -- the headline is the speech's theme; a line that only names the speech (在…会议上的讲话提纲, 习近平同志的讲话)
    # is not the minutes' title: the mark already names the meeting --
    title = tuple(line for line in (_headline(t.text) for t in document.title) if line)

    if meeting.detail == "详细":
        blocks = opening + detailed_blocks(document, preamble, wording)
    else:
        from .minutes_concise import concise_blocks

        pages = page_counter(mark, title, attendance)
        blocks = opening + concise_blocks(document, preamble, wording, lambda body: pages(opening + body))
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
        title=title,
        blocks=tuple(b for b in blocks if b.text),
        attendance=tuple(attendance),
        distribution=(distribution + "。") if distribution else BLANK,
        printer=meeting.printer or office,
        print_date=meeting.print_date or date,
        warnings=tuple(warnings),
    )


def body_block(text: str) -> BlockView:
    return BlockView("body", (RunView(text),))


def _purpose(preamble: tuple[Paragraph, ...], wording: Wording) -> tuple[str, tuple[Paragraph, ...]]:
    """Return the purpose sentence(s) for the opening, and the preamble without them."""
    if preamble and not preamble[0].points:
        match = OPENING.match(preamble[0].text)
        if match:
            rest = third_person(preamble[0].text[match.end():])
            task = re.match(r"^的?(主要任务|任务|主题|目的)是[，：:]?", rest) or re.match(r"^(主要)是(?!要)[，：:]?", rest)
            if task:
                kind = "主要任务" if task.group(1) == "主要" else task.group(1)   # -- 主要是总结… --
                return wording("minutes/purpose", kind=kind, rest=rest[task.end():]), preamble[1:]
            return wording("minutes/purpose", kind="", rest=rest), preamble[1:]
    return "", preamble


def detailed_blocks(document: Document, preamble: tuple[Paragraph, ...], wording: Wording) -> list[BlockView]:
    """Return the 详细 minutes' body after the opening: every sentence of the outline, in the meeting's voice."""
    blocks = _preamble_blocks(preamble, wording)
    for section in document.sections:
        blocks += _section_blocks(section, wording)
    for index, paragraph in enumerate(document.closing):
        text = third_person(paragraph.text)
        if text:
            blocks.append(body_block((wording("minutes/closing") if index == 0 else "") + text))
    return blocks


def _headline(line: str) -> str:
    """Return a title line as the minutes' headline: a theme as it is, 关于…工作的讲话提纲 without its genre, "" for
    a line that only names the speech (在…会议上的讲话, 习近平同志的讲话)."""
    if GENRE.match(line):
        return ""
    genre = GENRE_ONLY.search(line)
    if genre is None:
        return line
    rest = line[:genre.start()].removesuffix("的")
    return rest if rest.startswith("关于") and len(rest) > 4 else ""


def page_counter(mark: str, title: tuple[str, ...], attendance: list[BlockView]) -> Callable[[list[BlockView]], float]:
    """Return a function estimating the pages the minutes fill with a given body: the header (mark 35 mm below the
    type area's top, issue, office line, title), the body and attendance on the 28.95 pt grid, and the 版记's two
    rows. The page and the header are worked out once."""
    from .. import gbt9704 as gb
    from ..layout.pages import page_from_specs, pages_needed
    from ..render.docx_styles import MINUTES_MARGINS_MM, MINUTES_STYLES
    from ..render.word import mark_lines

    page = page_from_specs(MINUTES_STYLES, MINUTES_MARGINS_MM)
    pitch = gb.LINE_PITCH_TWIPS / 20
    title_style = page.styles["Title"]
    mark_size, mark_text = mark_lines(mark)
    # -- mark (its size at most 小初) and the space after it, the issue line and the office line; the title's lines
    # take the space before the first and after the last only (contextual spacing) --
    header = gb.mm_to_pt(gb.MARK_OFFSET_MM) + len(mark_text) * mark_size * 1.1 + 3 * pitch
    header += title_style.before + title_style.after + sum(page.lines("Title", line) for line in title) * title_style.line
    # -- the 版记 (two rows of 四号 between rules, about 48 pt) must fit below the last line, or it moves alone to
    # the foot of a new page: three grid lines are kept for it --
    imprint = 3 * pitch
    tail = [("Body Text", "")] + [("出席名单", b.text) for b in attendance]

    def pages(blocks: list[BlockView]) -> float:
        paragraphs = [(_STYLE_OF.get(b.role, "Body Text"), b.text) for b in blocks] + tail
        return pages_needed(page, paragraphs, header + imprint, safety=0.99)

    return pages


_STYLE_OF = {"heading_1": "Heading 1", "heading_2": "Heading 2", "heading_3": "Heading 3", "heading_4": "Heading 4"}


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
        blocks.append(body_block(wording("minutes/preamble", kind=kind) + text))
    return blocks


def _section_blocks(section: Section, wording: Wording) -> list[BlockView]:
    heading = full_width_marker(section.marker) + section.heading + section.heading_end
    out: list[BlockView] = []
    bodies = [third_person(b.text) for b in section.blocks]
    bodies = [b for b in bodies if b]
    if section.level == 1:
        out.append(BlockView("heading_1", (RunView(heading),)))
        if bodies:
            out.append(body_block(wording("minutes/section", heading=section.heading, body=bodies[0]) + bodies[0]))
            out += [body_block(b) for b in bodies[1:]]
    else:
        role = "heading_2" if section.level == 2 else "heading_3"
        lead = wording("minutes/subsection", heading=section.heading, body=bodies[0]) if section.level == 2 and bodies else ""
        shares_line = bool(section.blocks) and section.blocks[0].line == section.line and bool(section.heading_end)
        if bodies and shares_line:
            # -- heading sentence and body in one paragraph: 楷体 heading run, 仿宋 body run (GB/T 9704 practice) --
            out.append(BlockView("body", (RunView(heading, role), RunView(lead + bodies[0]))))
            out += [body_block(b) for b in bodies[1:]]
        else:
            out.append(BlockView(f"heading_{min(section.level, 4)}", (RunView(heading),)))
            if bodies:
                out.append(body_block(lead + bodies[0]))
                out += [body_block(b) for b in bodies[1:]]
    for sub in section.subsections:
        out += _section_blocks(sub, wording)
    return out
