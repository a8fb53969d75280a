"""One 党支部's deck and handout: the composed main views with the branch on the cover, closing and meeting line.

Everything else is the main view unchanged (the outline is parsed and composed once; only these lines differ).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..branches import Branch
from .deck import DeckView
from .summary import SummaryView
from .templating import Wording


@dataclass(frozen=True)
class FieldView:
    """A labelled fact of a branch document; an empty value is a blank to fill in by hand."""
    label: str
    value: str = ""


def context(branch: Branch) -> dict[str, object]:
    """The names a branch template may use."""
    return {"branch": branch.name, "form": branch.form, "branch_form": branch_form(branch.name, branch.form),
            "speaker": branch.speaker, "host": branch.host, "recorder": branch.recorder, "date": branch.date,
            "day": branch.date.split(" ")[0], "place": branch.place}


def branch_form(name: str, form: str) -> str:
    """Return the branch's name followed by the meeting form, a word they share said once: 机关第二党支部 +
    支部党员大会 → 机关第二党支部党员大会 (not …支部支部党员大会), 监测站党小组 + 党小组会 → 监测站党小组会."""
    for overlap in range(min(len(name), len(form)), 1, -1):
        if name.endswith(form[:overlap]):
            return name + form[overlap:]
    return name + form


def label(wording: Wording, key: str) -> str:
    """A column or field name of the branch documents (templates/text/branch/labels.j2)."""
    return wording("branch/labels", key=key)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def deck_for_branch(view: DeckView, branch: Branch, wording: Wording) -> DeckView:
    """The main deck with the branch (name, 主讲人, 学习时间, 地点) on the cover and the closing slide."""
    values = context(branch)
    closing_line = wording("branch/closing", **values)
    slides = []
    footer = next((s.subtitle for s in view.slides if s.kind == "closing"), "")
    for slide in view.slides:
        if slide.kind == "cover":
            # -- keep the line naming the meeting (the outline's subtitle); the main cover's organisation and date
            # line (the closing slide's line too) gives way to the branch's --
            kept = slide.subtitle[: -len(footer)] if footer and slide.subtitle.endswith(footer) else slide.subtitle
            first = lines(kept)[:1]
            slide = replace(slide, subtitle="\n".join(first + lines(wording("branch/cover", **values))))
        elif slide.kind == "closing":
            slide = replace(slide, subtitle=closing_line)
        slides.append(slide)
    return replace(view, slides=tuple(slides))


def summary_for_branch(view: SummaryView, branch: Branch, wording: Wording) -> SummaryView:
    """The main handout with the branch and its date in the line under the title."""
    return replace(view, meeting_line=wording("branch/handout_line", meeting_line=view.meeting_line, **context(branch)))


__all__ = ["deck_for_branch", "summary_for_branch", "context", "label", "FieldView"]
