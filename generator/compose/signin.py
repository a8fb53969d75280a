"""Compose the 签到表: one row per member (names prefilled from 党员), else blank rows to 应到人数 or 30."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..branches import Branch
from ..meeting import Meeting
from ..model import Document
from .branch import context, label
from .templating import Wording


@dataclass(frozen=True)
class SigninView:
    title: str
    facts: tuple[str, ...]          # "学习主题：…", "时间：…", "地点：…" under the title
    columns: tuple[str, ...]        # 序号, 姓名, 签到时间, 签名, 备注
    names: tuple[str, ...]          # one per row; "" for a blank row
    topic: str = ""                 # the outline's title


def compose_signin(document: Document, meeting: Meeting, wording: Wording) -> SigninView:
    topic = " ".join(t.text for t in document.title) or meeting.name or document.meeting_name or ""
    columns = tuple(label(wording, key) for key in ("number", "name", "time", "signature", "note"))
    return SigninView(title="", facts=(), columns=columns, names=(), topic=topic)


def signin_for_branch(view: SigninView, branch: Branch, wording: Wording) -> SigninView:
    names = branch.members + ("",) * (branch.seats - len(branch.members))
    facts = []
    if view.topic:
        facts.append(f"{label(wording, 'topic')}：{view.topic}")
    when = "　　".join(f"{label(wording, key)}：{value}" for key, value in (("date", branch.date), ("place", branch.place)) if value)
    if when:
        facts.append(when)
    return replace(view, title=wording("branch/signin_title", **context(branch)), facts=tuple(facts), names=names)


__all__ = ["SigninView", "compose_signin", "signin_for_branch"]
