"""The outputs huiwu builds: one table, one entry per output (file, label, names, stages, reference, PDF).

Adding an output means adding an entry here plus its compose and render modules; the build, `--only`,
the batch preloader, the PDF export and the web page all read this table. Stages are named as
"module:function" and imported only when the output is built, so that a build of the minutes alone
never imports python-pptx.
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

    def composer(self) -> Callable[..., Any]:
        return _load(self.compose)

    def renderer(self) -> Callable[..., Any]:
        return _load(self.render)

    def modules(self) -> tuple[str, ...]:
        return tuple(spec.split(":")[0] for spec in (self.compose, self.render))


def _load(spec: str) -> Callable[..., Any]:
    module, _, name = spec.partition(":")
    return getattr(import_module(module), name)


TARGETS: tuple[Target, ...] = (
    Target("minutes", "会议纪要.docx", "会议纪要", ("纪要",),
           "generator.compose.minutes:compose_minutes", "generator.render.word:render_minutes", "minutes.docx"),
    Target("deck", "学习课件.pptx", "学习课件", ("课件",),
           "generator.compose.deck:compose_deck", "generator.render.powerpoint:render_deck", "deck.pptx"),
    Target("summary", "学习要点.docx", "学习要点", ("要点",),
           "generator.compose.summary:compose_summary", "generator.render.summary_word:render_summary", "summary.docx"),
)
BY_KEY = {t.key: t for t in TARGETS}
#: The outputs of one outline, built when --only is not given.
DEFAULT_KEYS = tuple(t.key for t in TARGETS if t.scope == "outline")


def output_file_names() -> set[str]:
    """Return every file name huiwu writes (with the PDFs), so that a folder scan never reads them back."""
    names = {t.file_name for t in TARGETS}
    return names | {t.file_name.rsplit(".", 1)[0] + ".pdf" for t in TARGETS if t.pdf}


def choices() -> str:
    return "、".join(f"{t.key}（{t.label}）" for t in TARGETS)


def select(words: list[str] | tuple[str, ...] | str | None) -> tuple[str, ...]:
    """Return the target keys named by --only (repeatable, comma separated; keys, labels or aliases).

    Nothing named → the default outputs. An unknown name is a usage error listing the valid names.
    """
    if not words:
        return DEFAULT_KEYS
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
            if key not in chosen:
                chosen.append(key)
    return tuple(chosen) or DEFAULT_KEYS


__all__ = ["Target", "TARGETS", "BY_KEY", "DEFAULT_KEYS", "select", "choices", "output_file_names"]
