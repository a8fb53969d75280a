"""Previews of built files for the web page: page images from the PDF, or the files' text when there is no PDF.

Page images are drawn with pypdfium2 (PDFium, Apache-2.0/BSD; binary wheels for Windows too, unlike poppler's
pdftoppm) and written as PNG with Pillow (already required by python-pptx). Without LibreOffice there is no
PDF: the preview is then the text of the .docx paragraphs or of each slide, read back from the built file.
"""
from __future__ import annotations

from pathlib import Path

THUMB_WIDTH = 480       # pixels; the page shows them smaller and opens them full size on click
MAX_PAGES = 80          # pages drawn per file
MAX_PARAGRAPHS = 400


def page_images(pdf: Path, folder: Path, prefix: str, width: int = THUMB_WIDTH) -> list[str]:
    """Draw the pages of `pdf` as PNG files `folder/prefix-N.png`; return their names ([] when it cannot)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return []
    names: list[str] = []
    try:
        document = pdfium.PdfDocument(str(pdf))
    except Exception:  # noqa: BLE001 - an unreadable PDF falls back to the text preview
        return []
    try:
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            try:
                bitmap = page.render(scale=width / page.get_size()[0])
                image = bitmap.to_pil()
                name = f"{prefix}-{index}.png"
                image.save(folder / name, format="PNG", optimize=True)
                names.append(name)
            finally:
                page.close()
    except Exception:  # noqa: BLE001
        for name in names:
            (folder / name).unlink(missing_ok=True)
        return []
    finally:
        document.close()
    return names


def text_preview(path: Path) -> dict:
    """Return the text of a built .docx ({"kind": "document", "paragraphs": [{"style", "text"}]}) or .pptx
    ({"kind": "slides", "slides": [{"title", "lines"}]})."""
    if path.suffix == ".pptx":
        return {"kind": "slides", "slides": _slides(path)}
    if path.suffix == ".docx":
        return {"kind": "document", "paragraphs": _paragraphs(path)}
    return {"kind": "none"}


def _paragraphs(path: Path) -> list[dict]:
    import docx

    out = []
    for paragraph in docx.Document(str(path)).paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        out.append({"style": _style_class(style), "text": text})
        if len(out) >= MAX_PARAGRAPHS:
            break
    return out


def _style_class(style: str) -> str:
    name = style.lower()
    if name.startswith("title") or "标志" in style or "标题" == style:
        return "title"
    if name.startswith("heading") or "标题" in style:
        return "heading"
    return "body"


def _slides(path: Path) -> list[dict]:
    from pptx import Presentation

    slides = []
    for slide in list(Presentation(str(path)).slides)[:MAX_PAGES]:
        title_shape = slide.shapes.title
        title = title_shape.text_frame.text.strip() if title_shape is not None and title_shape.has_text_frame else ""
        lines = []
        for shape in slide.shapes:
            if shape is title_shape or not shape.has_text_frame:
                continue
            lines += [p.text.strip() for p in shape.text_frame.paragraphs if p.text.strip()]
        slides.append({"title": title or (lines.pop(0) if lines else ""), "lines": lines[:8]})
    return slides


__all__ = ["page_images", "text_preview"]
