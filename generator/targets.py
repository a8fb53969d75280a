"""The outputs huiwu builds: one table, one entry per output (file, label, names, stages, reference, PDF).

Adding an output means adding an entry here plus its compose and render modules; the build, `--only`,
the batch preloader, the PDF export and the web page all read this table. Stages are named as
"module:function" and imported only when the output is built, so that a build of the minutes alone
never imports python-pptx.

支部学习包 (`--branches`): an entry with a `branch` stage is also made for every 党支部. Its view is composed
once per outline; the `branch` stage turns that view into one branch's view (its name on the cover, its
members in the sign-in table), which is rendered into OUT/<outline>/支部/<支部名称>/. Entries of scope
"branch" exist only there.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable

from .errors import UsageError


@dataclass(frozen=True)
class Target:
    key: str                      # "minutes": the name in code, JSON and --only
    file_name: str                # "会议纪要.docx"
    label: str                    # "会议纪要": what users read
    aliases: tuple[str, ...]      # other words --only accepts ("纪要")
    compose: str                  # "module:function" (document, meeting, wording) -> view
    render: str                   # "module:function" (view, reference path) -> object with .save(path)
    reference: str | None         # reference file under templates/reference/ (None: none)
    pdf: bool = True              # exported by --pdf
    scope: str = "outline"        # "outline": one per outline | "branch": one per 党支部 (支部学习包)
    branch: str | None = None     # "module:function" (view, branch, wording) -> that 党支部's view; None: not in the pack
    branch_pdf: bool = False      # the pack's copy is exported by --pdf too

    def composer(self) -> Callable[..., Any]:
        return _load(self.compose)

    def renderer(self) -> Callable[..., Any]:
        return _load(self.render)

    def brancher(self) -> Callable[..., Any]:
        return _load(self.branch)

    def modules(self) -> tuple[str, ...]:
        return tuple(spec.split(":")[0] for spec in (self.compose, self.render, self.branch) if spec)


def _load(spec: str) -> Callable[..., Any]:
    module, _, name = spec.partition(":")
    return getattr(import_module(module), name)


#: The folder, beside an outline's outputs, that holds one folder per 党支部 (支部学习包).
PACK_FOLDER = "支部"
_PACK = "generator.compose.branch"

TARGETS: tuple[Target, ...] = (
    Target("minutes", "会议纪要.docx", "会议纪要", ("纪要",),
           "generator.compose.minutes:compose_minutes", "generator.render.word:render_minutes", "minutes.docx"),
    Target("deck", "学习课件.pptx", "学习课件", ("课件",),
           "generator.compose.deck:compose_deck", "generator.render.powerpoint:render_deck", "deck.pptx",
           branch=f"{_PACK}:deck_for_branch"),
    Target("summary", "学习要点.docx", "学习要点", ("要点",),
           "generator.compose.summary:compose_summary", "generator.render.summary_word:render_summary", "summary.docx",
           branch=f"{_PACK}:summary_for_branch", branch_pdf=True),
    Target("record", "学习记录.docx", "学习记录", ("记录", "会议记录"),
           "generator.compose.record:compose_record", "generator.render.branch_word:render_record", "branch.docx",
           pdf=False, scope="branch", branch="generator.compose.record:record_for_branch"),
    Target("signin", "签到表.docx", "签到表", ("签到",),
           "generator.compose.signin:compose_signin", "generator.render.branch_word:render_signin", "branch.docx",
           pdf=False, scope="branch", branch="generator.compose.signin:signin_for_branch"),
    Target("quiz", "应知应会测试.docx", "应知应会测试", ("测试", "应知应会"),
           "generator.compose.quiz:compose_quiz", "generator.render.branch_word:render_quiz", "branch.docx",
           pdf=False, scope="branch", branch="generator.compose.quiz:quiz_for_branch"),
)
BY_KEY = {t.key: t for t in TARGETS}
#: The outputs of one outline, built when --only is not given.
DEFAULT_KEYS = tuple(t.key for t in TARGETS if t.scope == "outline")
#: The outputs built when --only is not given and a 党支部 list is: the outline's and every 支部学习包 part.
PACK_KEYS = tuple(t.key for t in TARGETS if t.scope == "outline" or t.branch)


def output_file_names() -> set[str]:
    """Return every file name huiwu writes (with the PDFs), so that a folder scan never reads them back."""
    names = {t.file_name for t in TARGETS}
    return names | {t.file_name.rsplit(".", 1)[0] + ".pdf" for t in TARGETS if t.pdf or t.branch_pdf}


def choices() -> str:
    return "、".join(f"{t.key}（{t.label}）" for t in TARGETS)


def select(words: list[str] | tuple[str, ...] | str | None, branches: bool = False) -> tuple[str, ...]:
    """Return the target keys named by --only (repeatable, comma separated; keys, labels or aliases).

    Nothing named → the default outputs (with a 党支部 list: and every part of the 支部学习包). An unknown
    name, or a part of the 支部学习包 without a 党支部 list, is a usage error.
    """
    default = PACK_KEYS if branches else DEFAULT_KEYS
    if not words:
        return default
    if isinstance(words, str):
        words = [words]
    names = {t.key: t.key for t in TARGETS} | {t.label: t.key for t in TARGETS}
    names |= {alias: t.key for t in TARGETS for alias in t.aliases}
    chosen: list[str] = []
    for item in words:
        for word in item.replace("，", ",").replace("、", ",").split(","):
            word = word.strip()
            if not word:
                continue
            key = names.get(word) or names.get(word.lower())
            if key is None:
                raise UsageError(f"--only 中的“{word}”无法识别；可选：{choices()}。")
            if BY_KEY[key].scope == "branch" and not branches:
                raise UsageError(f"“{word}”是支部学习包的一部分，需要同时用 --branches 给出支部名单（.xlsx 或 .csv）。")
            if key not in chosen:
                chosen.append(key)
    return tuple(chosen) or default


__all__ = ["Target", "TARGETS", "BY_KEY", "DEFAULT_KEYS", "PACK_KEYS", "PACK_FOLDER", "select", "choices", "output_file_names"]
