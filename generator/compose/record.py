"""Compose the 学习记录: the 三会一课 record of one branch's study session, filled as far as the inputs know.

Once per outline: the study's theme (the outline's title), its content (the section headings) and the
discussion questions (the handout's own). Per branch: the form, time, place, 主持人, 记录人, 应到人数 and the
领学 assignment (the sections in turn to the 主讲人 and then the members). What happens at the session
(实到, 缺席, 发言要点, 会议决定, signatures) stays blank to fill in by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..branches import Branch
from ..meeting import Meeting
from ..model import Document
from ..outline.rules import full_width_marker
from .branch import FieldView, context, label
from .summary import compose_summary
from .templating import Wording

#: Ruled lines left for handwriting; the 发言要点 give up lines (down to MIN_REMARK_LINES) when that keeps the
#: record on one sheet printed on both sides.
REMARK_LINES = 16
MIN_REMARK_LINES = 8
DECISION_LINES = 6
MAX_PAGES = 2


@dataclass(frozen=True)
class BlockView:
    label: str
    lines: tuple[str, ...] = ()
    blank_lines: int = 0   # ruled lines to write on, after `lines`


@dataclass(frozen=True)
class RecordView:
    title: str
    fields: tuple[tuple[FieldView, ...], ...]   # rows of one or two fields (a one-field row spans the table)
    blocks: tuple[BlockView, ...]
    signatures: tuple[str, ...]                 # 主持人签字, 记录人签字
    headings: tuple[str, ...] = ()              # the outline's section headings (学习内容), kept for 领学


def compose_record(document: Document, meeting: Meeting, wording: Wording) -> RecordView:
    """The outline's part of the record: theme, content, discussion questions, blank parts, signatures."""
    headings = tuple(full_width_marker(s.marker) + s.heading for s in document.sections)
    title = " ".join(t.text for t in document.title) or meeting.name or document.meeting_name or ""
    questions = compose_summary(document, meeting, wording).questions
    blocks = (
        BlockView(label(wording, "topic"), (title,) if title else (), 0 if title else 1),
        BlockView(label(wording, "content"), headings or ((title,) if title else ()), 0 if headings or title else 2),
        BlockView(label(wording, "questions"), tuple(questions), 0 if questions else 3),
        BlockView(label(wording, "remarks"), (), REMARK_LINES),
        BlockView(label(wording, "decisions"), (), DECISION_LINES),
    )
    return RecordView(
        title=wording("branch/record_title", branch="", form=""),
        fields=(),
        blocks=blocks,
        signatures=(label(wording, "host_sign"), label(wording, "recorder_sign")),
        headings=headings,
    )


def record_for_branch(view: RecordView, branch: Branch, wording: Wording) -> RecordView:
    """The record of one branch: its facts in the table, and the 领学 assignment when members are given."""
    def field(key: str, value: str = "") -> FieldView:
        return FieldView(label(wording, key), value)

    expected = branch.expected or len(branch.members) or None
    fields = (
        (field("branch", branch.name), field("form", branch.form)),
        (field("date", branch.date), field("place", branch.place)),
        (field("host", branch.host), field("recorder", branch.recorder)),
        (field("expected", f"{expected}人" if expected else ""), field("present")),
        (field("absent"),),
    )
    blocks = list(view.blocks)
    if branch.members and view.headings:
        leaders = branch.leaders
        assigned = tuple(wording("branch/lead_item", heading=heading, leader=leaders[index % len(leaders)])
                         for index, heading in enumerate(view.headings))
        blocks.insert(2, BlockView(label(wording, "leaders"), assigned))
    return _fit(replace(view, title=wording("branch/record_title", **context(branch)), fields=fields, blocks=tuple(blocks)))


def _fit(view: RecordView) -> RecordView:
    """Return the record with as many 发言要点 lines (REMARK_LINES at most) as keep it within MAX_PAGES pages, if
    some number not below MIN_REMARK_LINES does; else as it is."""
    from ..gbt9704 import mm_to_pt
    from ..layout.pages import SAFETY, page_from_specs
    from ..render.branch_styles import BRANCH_MARGINS_MM, BRANCH_STYLES, WRITING_ROW_MM

    page = page_from_specs(BRANCH_STYLES, BRANCH_MARGINS_MM)
    row = mm_to_pt(WRITING_ROW_MM)
    remarks = next((i for i, b in enumerate(view.blocks) if b.blank_lines == REMARK_LINES and not b.lines), None)
    if remarks is None:
        return view

    def height(blocks: tuple[BlockView, ...]) -> float:
        total = page.height_of("Title", view.title) + sum(row * (1 if len(f) > 1 else 2) for f in view.fields)
        for block in blocks:
            total += page.height_of("Heading 1", block.label) + block.blank_lines * row
            total += sum(page.height_of("记录正文", line) for line in block.lines)
        return total + page.height_of("签字行", "".join(view.signatures))

    budget = MAX_PAGES * page.height * SAFETY
    for lines in range(REMARK_LINES, MIN_REMARK_LINES - 1, -1):
        blocks = view.blocks[:remarks] + (replace(view.blocks[remarks], blank_lines=lines),) + view.blocks[remarks + 1:]
        if height(blocks) <= budget:
            return replace(view, blocks=blocks)
    return view


__all__ = ["RecordView", "FieldView", "BlockView", "compose_record", "record_for_branch", "REMARK_LINES", "DECISION_LINES"]
