"""Spec fixtures for the parser (markdown-it style): a title line, `.`, input, `.`, expected tree, `.`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.model import Document, Paragraph, Section

FIXTURES = Path(__file__).parent / "fixtures" / "parser"


@dataclass
class Case:
    file: Path
    title: str
    source: str
    expected: str


def read_cases(path: Path) -> list[Case]:
    lines = path.read_text(encoding="utf-8").split("\n")
    cases, index = [], 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title = lines[index].rstrip(":")
        assert lines[index + 1] == ".", f"{path}:{index + 2}: expected '.'"
        end_source = lines.index(".", index + 2)
        end_expected = lines.index(".", end_source + 1)
        cases.append(Case(path, title, "\n".join(lines[index + 2:end_source]) + "\n",
                          "\n".join(lines[end_source + 1:end_expected])))
        index = end_expected + 1
    return cases


def write_cases(path: Path, cases: list[Case]) -> None:
    out = []
    for case in cases:
        out += [case.title + ":", ".", case.source.rstrip("\n"), ".", case.expected, ".", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def _paragraph(p: Paragraph, indent: str, label: str) -> list[str]:
    out = [f"{indent}{label} [{p.line}] {p.intro}" if p.intro or not p.points else f"{indent}{label} [{p.line}]"]
    for x in p.points:
        out.append(f"{indent}  point {x.marker}|{x.lead}|{x.body}")
    return out


def spec_tree(d: Document) -> str:
    """Return the whole tree, every character in it, in a form to compare with a fixture."""
    out = [f"title [{t.line}] {t.text}" for t in d.title]
    if d.subtitle:
        out.append(f"subtitle [{d.subtitle.line}] {d.subtitle.text} -> meeting={d.meeting_name} genre={d.genre}")
    for b in d.byline:
        out.append(f"byline [{b.line}] {b.text}")
    if d.salutation:
        out.append(f"salutation [{d.salutation.line}] {d.salutation.text}")
    for p in d.preamble:
        out += _paragraph(p, "", "preamble")
    if d.transition:
        out.append(f"transition [{d.transition.line}] {d.transition.text}")

    def walk(s: Section, indent: str) -> None:
        out.append(f"{indent}section level={s.level} no={s.number} [{s.line}] {s.marker}|{s.heading}|{s.heading_end}")
        for b in s.blocks:
            out.extend(_paragraph(b, indent + "  ", "block"))
        for c in s.subsections:
            walk(c, indent + "  ")

    for s in d.sections:
        walk(s, "")
    for p in d.closing:
        out += _paragraph(p, "", "closing")
    for c in d.credits:
        out.append(f"credit [{c.line}] {c.text}")
    return "\n".join(out)
