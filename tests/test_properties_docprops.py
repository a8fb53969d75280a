"""File properties of every output say what it is, who issued it and when, and that huiwu wrote it."""
from __future__ import annotations

import zipfile
from datetime import datetime, timedelta, timezone

import docx
import pptx
import pytest
from lxml import etree

from generator import __version__
from generator.build import BuildOptions, build_outline
from generator.outline import parse_outline
from generator.source import read_source
from generator.targets import TARGETS

from .conftest import ROOT, SEED, per_module

MEETING = ROOT / "seeds" / "meeting.toml"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
LABELS = {t.file_name: t.label for t in TARGETS}


@pytest.fixture(scope=per_module)
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("props")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    result = build_outline(SEED, BuildOptions(out_dir=out, meeting_file=MEETING))
    after = datetime.now(timezone.utc)
    assert result.error is None, result.error
    return result.files, before, after


def _open(path):
    return docx.Document(str(path)) if path.suffix == ".docx" else pptx.Presentation(str(path))


def test_core_properties(built):
    files, before, after = built
    title = parse_outline(read_source(SEED)).title_text
    assert len(files) == 3
    for path in files:
        props = _open(path).core_properties
        assert props.title == title
        assert props.subject == LABELS[path.name]
        assert props.author == "××市生态环境局办公室"          # meeting.toml [document] office
        assert props.last_modified_by == "huiwu"                 # build.remove_stale recognises its own files by it
        for stamp in (props.created, props.modified):
            stamp = stamp.replace(tzinfo=timezone.utc)
            assert before - timedelta(seconds=1) <= stamp <= after + timedelta(seconds=1), (path.name, stamp)


def test_app_properties_and_nothing_inherited(built):
    files, _, _ = built
    for path in files:
        with zipfile.ZipFile(path) as package:
            app = etree.fromstring(package.read("docProps/app.xml"))
            everything = b"".join(package.read(n) for n in package.namelist() if n.startswith("docProps/"))
            assert not any(n.endswith((".jpeg", ".jpg", ".png")) for n in package.namelist() if n.startswith("docProps/"))
        assert app.findtext(f"{EP}Application") == f"huiwu {__version__}"
        assert app.findtext(f"{EP}Company") == "××市生态环境局办公室"
        for stale in (b"Microsoft", b"2013-", b"Normal.dotm", b"AppVersion"):
            assert stale not in everything, (path.name, stale)
    deck = next(p for p in files if p.suffix == ".pptx")
    with zipfile.ZipFile(deck) as package:
        app = etree.fromstring(package.read("docProps/app.xml"))
    assert int(app.findtext(f"{EP}Slides")) == len(pptx.Presentation(str(deck)).slides)
    assert app.findtext(f"{EP}PresentationFormat") == "Widescreen"


def test_no_office_leaves_the_creator_empty(tmp_path):
    outline = tmp_path / "提纲.txt"
    outline.write_text("学习讲话\n一、加强学习\n（一）学深悟透。要学以致用。\n", encoding="utf-8")
    result = build_outline(outline, BuildOptions(out_dir=tmp_path / "out", targets=("minutes", "deck")))
    assert result.error is None
    for path in result.files:
        props = _open(path).core_properties
        assert props.author == "" and props.title == "学习讲话"
        with zipfile.ZipFile(path) as package:
            assert etree.fromstring(package.read("docProps/app.xml")).findtext(f"{EP}Company") in ("", None)


@pytest.mark.parametrize("name", ["minutes.docx", "summary.docx", "deck.pptx"])
def test_reference_files_carry_honest_properties(name):
    path = ROOT / "templates" / "reference" / name
    props = _open(path).core_properties
    assert props.created.year >= 2025 and props.last_modified_by.startswith("huiwu")
    with zipfile.ZipFile(path) as package:
        assert b"Microsoft" not in package.read("docProps/app.xml")
