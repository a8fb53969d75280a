"""Find styles and slide layouts in a reference file by the names users see, whichever program saved it last.

Word, WPS and LibreOffice keep a style's visible name (w:name) but not its id: LibreOffice writes ids of its own
(Style9, TextBody), and the case of built-in names differs (Word stores "heading 1", LibreOffice "Heading 1").
So styles are matched by visible name, case- and space-insensitively, with the other names these programs give
the built-in styles; layouts likewise by their name. Ids are read from the file, never assumed.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import TemplateError

#: Other visible names of the built-in styles the renderers use: English UI names, LibreOffice's names, Chinese UI
#: names (WPS and Chinese Word show these, and some files store them).
ALIASES: dict[str, tuple[str, ...]] = {
    "Normal": ("正文", "Default Paragraph Style", "Default Style"),
    "Title": ("标题",),
    "Body Text": ("Text Body", "正文文本"),
    "Heading 1": ("标题 1",),
    "Heading 2": ("标题 2",),
    "Heading 3": ("标题 3",),
    "Heading 4": ("标题 4",),
    "Footer": ("页脚",),
}
#: Layout names LibreOffice writes when it saves a .pptx (it keeps neither the layouts' names nor their placeholders).
_LIBREOFFICE_LAYOUTS = {"blank slide", "title slide", "title, content", "title, 2 content", "title only", "centered text"}


def key(name: str) -> str:
    """Return the form names are compared in: case-folded, runs of spaces made one."""
    return " ".join(name.split()).casefold()


def style_ids(document, paragraph: list[str] | tuple[str, ...], character: list[str] | tuple[str, ...],
              path: Path | str | None = None) -> dict[str, str]:
    """Return {style name: style id} for the paragraph and character styles named; a TemplateError lists the missing."""
    from docx.oxml.ns import qn  # here: the deck's renderer imports this module and needs no python-docx

    by_name: dict[tuple[str, str], str] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")):
            by_name.setdefault((style.get(qn("w:type"), "paragraph"), key(name.get(qn("w:val")))), style.get(qn("w:styleId")))
    ids: dict[str, str] = {}
    missing: list[str] = []
    for kind, names in (("paragraph", paragraph), ("character", character)):
        for name in dict.fromkeys(names):
            found = next((by_name[(kind, key(n))] for n in (name, *ALIASES.get(name, ())) if (kind, key(n)) in by_name), None)
            if found is None:
                missing.append(name)
            else:
                ids[name] = found
    if missing:
        raise TemplateError(f"参考文档缺少样式：{'、'.join(missing)}（样式按名称查找）。", str(path) if path else None)
    return ids


def layouts_by_name(prs, names, path: Path | str | None = None) -> dict:
    """Return {name: layout} for the first master's layouts named `names` (case- and space-insensitively).

    A TemplateError lists the names no layout carries.
    """
    layouts = {}
    for layout in prs.slide_layouts:
        layouts.setdefault(key(layout.name), layout)
    missing = [name for name in names if key(name) not in layouts]
    if missing:
        hint = ""
        if set(layouts) & _LIBREOFFICE_LAYOUTS:
            hint = "LibreOffice 另存的 .pptx 不保留版式名称和占位符，请在 PowerPoint 或 WPS 中编辑课件模板；"
        raise TemplateError(f"课件模板缺少版式：{'、'.join(missing)}（{hint}版式按名称查找）。", str(path) if path else None)
    return {name: layouts[key(name)] for name in names}


__all__ = ["ALIASES", "key", "style_ids", "layouts_by_name"]
