"""Test helpers: make .docx outlines (with and without automatic numbering) and compare characters."""
from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn


def squeeze(text: str) -> str:
    """Return `text` without whitespace (the 'nothing lost' comparison ignores only whitespace)."""
    return re.sub(r"[\s\u3000\ufeff]", "", text)


_NUMBERING = """<w:numbering %s>
  <w:abstractNum w:abstractNumId="7">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%3."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>""" % nsdecls("w")


def make_docx(path: Path, paragraphs: list[tuple[str, int | None]], auto_numbering: bool = False,
              heading_styles: bool = False) -> Path:
    """Write a .docx whose paragraphs are (text, level); level is numbered automatically or styled."""
    document = docx.Document()
    if auto_numbering:
        part = document.part.numbering_part
        part._element = parse_xml(_NUMBERING)
    for text, level in paragraphs:
        if level and heading_styles:
            paragraph = document.add_paragraph(text, style=f"Heading {level}")
        else:
            paragraph = document.add_paragraph(text)
        if level and auto_numbering:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="3"/></w:numPr>'))
    document.save(str(path))
    return path


def word_ends(text: str) -> set[int]:
    """Return the positions in `text` where a word of the segmenter ends (where a title line may break)."""
    from generator.segment import words

    ends, at = set(), 0
    for word in words(text):
        at += len(word)
        ends.add(at)
    return ends


def fake_libreoffice(calls: list, lock=None):
    """Return a stand-in for libreoffice._run that writes a tiny PDF for each input and records the command."""
    import contextlib
    import os

    def run(command, timeout):
        with lock or contextlib.nullcontext():
            calls.append(command)
        outdir = command[command.index("--outdir") + 1]
        os.makedirs(outdir, exist_ok=True)
        for arg in command[command.index(outdir) + 1:]:
            with open(os.path.join(outdir, os.path.splitext(os.path.basename(arg))[0] + ".pdf"), "wb") as handle:
                handle.write(b"%PDF")
        assert any(a.startswith("-env:UserInstallation=") for a in command) and timeout

    return run


__all__ = ["make_docx", "squeeze", "qn", "word_ends", "fake_libreoffice"]
