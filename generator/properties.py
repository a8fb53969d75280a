"""File properties (docProps/core.xml and docProps/app.xml) that say what the file is, who issued it, when, and what
wrote it — instead of what python-docx's and python-pptx's default templates carry (2013, "Microsoft Macintosh Word").
"""
from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape

from . import __version__

#: lastModifiedBy of every output: build.remove_stale knows huiwu's own files (not edited since) by it.
GENERATOR = "huiwu"
APPLICATION = f"{GENERATOR} {__version__}"
COMMENT = "由 huiwu（会务）根据讲话提纲生成"
_APP_PART = "/docProps/app.xml"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def build_time() -> datetime:
    """The time stamped into every output of one build (UTC, whole seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def stamp(obj, *, title: str, subject: str, creator: str | None, when: datetime | None = None) -> None:
    """Set the core and extended properties of a python-docx Document or python-pptx Presentation before saving.

    The default templates' thumbnail (a picture of some other document) is dropped: Word and PowerPoint
    make a new one when they save.
    """
    when = (when or build_time()).astimezone(timezone.utc).replace(tzinfo=None)   # the libraries write naive times as UTC
    props = obj.core_properties
    props.title = title
    props.subject = subject
    props.author = creator or ""
    props.last_modified_by = GENERATOR
    props.comments = COMMENT
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = when
    props.modified = when
    rels = _package_rels(obj)
    for rid, rel in list(rels.items()):
        if rel.reltype == _THUMBNAIL_REL:
            rels.pop(rid)
    app = next((rel.target_part for rel in rels.values() if rel.reltype == _APP_REL and not rel.is_external), None)
    if app is None:
        app = _new_part(obj)
        obj.part.package.relate_to(app, _APP_REL)
    app._blob = _app_xml(obj, creator)


def _package_rels(obj):
    package = obj.part.package
    return package.rels if hasattr(package, "rels") else package._rels   # python-docx | python-pptx


def _app_xml(obj, creator: str | None) -> bytes:
    """An extended-properties part naming huiwu as the application (page and word counts are left to Word/WPS)."""
    fields = [("Application", APPLICATION), ("DocSecurity", "0"), ("ScaleCrop", "false"), ("Company", creator or ""),
              ("LinksUpToDate", "false"), ("SharedDoc", "false"), ("HyperlinksChanged", "false")]
    if hasattr(obj, "slides"):
        notes = sum(1 for slide in obj.slides if slide.has_notes_slide)
        widescreen = obj.slide_height and abs(obj.slide_width / obj.slide_height - 16 / 9) < 0.01
        fields[1:1] = [("PresentationFormat", "Widescreen" if widescreen else "Custom"), ("Slides", str(len(obj.slides))),
                       ("Notes", str(notes)), ("HiddenSlides", "0")]
    body = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in fields)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"{body}</Properties>").encode()


def _new_part(obj):
    if hasattr(obj, "slides"):
        from pptx.opc.package import Part
        from pptx.opc.packuri import PackURI

        return Part(PackURI(_APP_PART), _APP_TYPE, obj.part.package, b"")
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    return Part(PackURI(_APP_PART), _APP_TYPE, b"", obj.part.package)


__all__ = ["APPLICATION", "GENERATOR", "build_time", "stamp"]
