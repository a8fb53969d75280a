"""Every XML part of every output (and of the reference files) is in ECMA-376 schema order, with unique ids.

Word "repairs" (or refuses) a file whose property children are out of sequence order, and LibreOffice silently
ignores some of them. The table below is the schema, written out independently of generator/render/ooxml.py:
for each complex type the children in sequence order; names joined by "|" are one choice (same position),
a trailing "*" marks a child that may repeat. Clause numbers are those of ECMA-376 Part 1 (5th edition); a few
differ by one in older editions, the complex type name is unambiguous.
"""
from __future__ import annotations

import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from generator.build import BuildOptions, build_outline

from .conftest import ROOT, SEED, per_module

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MEETING = ROOT / "seeds" / "meeting.toml"

_RPR = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid vanish "
        "webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang "
        "eastAsianLayout specVanish oMath")
_PPR = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
        "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
        "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
        "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange")
_EDGES = "top left|start bottom right|end"
_SETTINGS = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData embedTrueTypeFonts "
    "embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader "
    "bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle* proofState "
    "formsDesign attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride "
    "styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone "
    "doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter "
    "noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent "
    "alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids attachedSchema "
    "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType* shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator")
_TEXT_RPR = ("ln noFill|solidFill|gradFill|blipFill|pattFill|grpFill effectLst|effectDag highlight uLnTx|uLn uFillTx|uFill "
             "latin ea cs sym hlinkClick hlinkMouseOver rtl extLst")
_TEXT_PPR = ("lnSpc spcBef spcAft buClrTx|buClr buSzTx|buSzPct|buSzPts buFontTx|buFont buNone|buAutoNum|buChar|buBlip "
             "tabLst defRPr extLst")
_FILL = "noFill|solidFill|gradFill|blipFill|pattFill|grpFill"
_SHAPES = "sp|grpSp|graphicFrame|cxnSp|pic|contentPart*"

#: (namespace, element) → (complex type, clause, children in sequence order).
SEQUENCES: dict[tuple[str, str], tuple[str, str, str]] = {
    # WordprocessingML
    (W, "pPr"): ("CT_PPr", "17.3.1.26", _PPR),
    (W, "rPr"): ("CT_RPr / CT_ParaRPr", "17.3.2.28 / 17.3.1.29", f"ins|del|moveFrom|moveTo {_RPR} rPrChange"),
    (W, "pBdr"): ("CT_PBdr", "17.3.1.24", "top left bottom right between bar"),
    (W, "tbl"): ("CT_Tbl", "17.4.38", "tblPr tblGrid tr|customXml|sdt|bookmarkStart|bookmarkEnd*"),
    (W, "tblPr"): ("CT_TblPr", "17.4.60", "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
                   "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange"),
    (W, "tblBorders"): ("CT_TblBorders", "17.4.39", f"{_EDGES} insideH insideV"),
    (W, "tblCellMar"): ("CT_TblCellMar", "17.4.43", _EDGES),
    (W, "tr"): ("CT_Row", "17.4.79", "tblPrEx trPr tc|customXml|sdt|bookmarkStart|bookmarkEnd*"),
    (W, "tc"): ("CT_Tc", "17.4.65", "tcPr p|tbl|sdt|customXml|bookmarkStart|bookmarkEnd*"),
    (W, "tcPr"): ("CT_TcPr", "17.4.70", "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
                  "vAlign hideMark headers cellIns|cellDel|cellMerge tcPrChange"),
    (W, "tcBorders"): ("CT_TcBorders", "17.4.66", f"{_EDGES} insideH insideV tl2br tr2bl"),
    (W, "tcMar"): ("CT_TcMar", "17.4.68", _EDGES),
    (W, "sectPr"): ("CT_SectPr", "17.6.17", "headerReference|footerReference* footnotePr endnotePr type pgSz pgMar paperSrc "
                    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
                    "docGrid printerSettings sectPrChange"),
    (W, "styles"): ("CT_Styles", "17.7.4.18", "docDefaults latentStyles style*"),
    (W, "docDefaults"): ("CT_DocDefaults", "17.7.5.1", "rPrDefault pPrDefault"),
    (W, "style"): ("CT_Style", "17.7.4.17", "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
                   "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr "
                   "tblStylePr*"),
    (W, "settings"): ("CT_Settings", "17.15.1.78", _SETTINGS),
    (W, "numbering"): ("CT_Numbering", "17.9.16", "numPicBullet* abstractNum* num* numIdMacAtCleanup"),
    (W, "abstractNum"): ("CT_AbstractNum", "17.9.1", "nsid multiLevelType tmpl name styleLink numStyleLink lvl*"),
    (W, "lvl"): ("CT_Lvl", "17.9.6", "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr"),
    # DrawingML
    (A, "bodyPr"): ("CT_TextBodyProperties", "21.1.2.1.1", "prstTxWarp noAutofit|normAutofit|spAutoFit scene3d sp3d flatTx extLst"),
    (A, "p"): ("CT_TextParagraph", "21.1.2.2.6", "pPr r|br|fld* endParaRPr"),
    **{(A, name): ("CT_TextParagraphProperties", "21.1.2.2.7", _TEXT_PPR)
       for name in ("pPr", "defPPr", *(f"lvl{i}pPr" for i in range(1, 10)))},
    **{(A, name): ("CT_TextCharacterProperties", "21.1.2.3.9", _TEXT_RPR) for name in ("rPr", "defRPr", "endParaRPr")},
    (A, "lstStyle"): ("CT_TextListStyle", "21.1.2.4.12", "defPPr lvl1pPr lvl2pPr lvl3pPr lvl4pPr lvl5pPr lvl6pPr lvl7pPr "
                      "lvl8pPr lvl9pPr extLst"),
    (A, "txBody"): ("CT_TextBody", "21.1.2.1.2", "bodyPr lstStyle p*"),
    (A, "ln"): ("CT_LineProperties", "20.1.2.2.24", "noFill|solidFill|gradFill|pattFill prstDash|custDash round|bevel|miter "
                "headEnd tailEnd extLst"),
    (A, "xfrm"): ("CT_Transform2D", "20.1.7.6", "off ext chOff chExt"),
    # PresentationML
    (P, "presentation"): ("CT_Presentation", "19.2.1.26", "sldMasterIdLst notesMasterIdLst handoutMasterIdLst sldIdLst sldSz "
                          "notesSz smartTags embeddedFontLst custShowLst photoAlbum custDataLst kinsoku defaultTextStyle "
                          "modifyVerifier extLst"),
    (P, "sldMaster"): ("CT_SlideMaster", "19.3.1.42", "cSld clrMap sldLayoutIdLst transition timing hf txStyles extLst"),
    (P, "sldLayout"): ("CT_SlideLayout", "19.3.1.39", "cSld clrMapOvr transition timing hf extLst"),
    (P, "sld"): ("CT_Slide", "19.3.1.38", "cSld clrMapOvr transition timing extLst"),
    (P, "notes"): ("CT_NotesSlide", "19.3.1.26", "cSld clrMapOvr extLst"),
    (P, "notesMaster"): ("CT_NotesMaster", "19.3.1.29", "cSld clrMap hf notesStyle extLst"),
    (P, "cSld"): ("CT_CommonSlideData", "19.3.1.16", "bg spTree custDataLst controls extLst"),
    (P, "bg"): ("CT_Background", "19.3.1.1", "bgPr|bgRef"),
    (P, "bgPr"): ("CT_BackgroundProperties", "19.3.1.2", f"{_FILL} effectLst|effectDag extLst"),
    (P, "spTree"): ("CT_GroupShape", "19.3.1.45", f"nvGrpSpPr grpSpPr {_SHAPES} extLst"),
    (P, "grpSp"): ("CT_GroupShape", "19.3.1.22", f"nvGrpSpPr grpSpPr {_SHAPES} extLst"),
    (P, "sp"): ("CT_Shape", "19.3.1.43", "nvSpPr spPr style txBody extLst"),
    (P, "nvSpPr"): ("CT_ShapeNonVisual", "19.3.1.34", "cNvPr cNvSpPr nvPr"),
    (P, "cNvPr"): ("CT_NonVisualDrawingProps", "19.3.1.12", "hlinkClick hlinkHover extLst"),
    (P, "nvPr"): ("CT_ApplicationNonVisualDrawingProps", "19.3.1.33", "ph audioCd|wavAudioFile|audioFile|videoFile|quickTimeFile "
                  "custDataLst extLst"),
    (P, "spPr"): ("CT_ShapeProperties", "19.3.1.44", f"xfrm custGeom|prstGeom {_FILL} ln effectLst|effectDag scene3d sp3d extLst"),
    (P, "txBody"): ("CT_TextBody", "19.3.1.51", "bodyPr lstStyle p*"),
}


def _ranks(spec: str) -> tuple[dict[str, int], set[str]]:
    ranks, repeat = {}, set()
    for rank, group in enumerate(spec.split()):
        for name in group.rstrip("*").split("|"):
            ranks[name] = rank
            if group.endswith("*"):
                repeat.add(name)
    return ranks, repeat


_TABLE = {key: (ct, clause, *_ranks(spec)) for key, (ct, clause, spec) in SEQUENCES.items()}


def order_problems(name: str, root) -> list[str]:
    """Return every child out of sequence order, unknown to its type or repeated where it may not repeat."""
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        q = etree.QName(element)
        entry = _TABLE.get((q.namespace, q.localname))
        if entry is None:
            continue
        ct, clause, ranks, repeat = entry
        last, seen = -1, Counter()
        for sub in element:
            if not isinstance(sub.tag, str) or etree.QName(sub).namespace != q.namespace:
                continue   # extension namespaces (w14, mc, m) are not part of the sequence
            local = etree.QName(sub).localname
            rank = ranks.get(local)
            where = f"{name}:{sub.sourceline}: <{element.prefix}:{q.localname}> ({ct}, §{clause})"
            if rank is None:
                problems.append(f"{where} has no child <{local}>")
                continue
            seen[local] += 1
            if rank < last:
                problems.append(f"{where}: <{local}> comes too late")
            elif seen[local] > 1 and local not in repeat:
                problems.append(f"{where}: <{local}> repeated")
            last = max(last, rank)
    return problems


def id_problems(name: str, root) -> list[str]:
    """Shape ids (p:cNvPr) and drawing ids (wp:docPr) unique within a part; bookmark ids too."""
    problems = []
    for tag, attr in ((f"{{{P}}}cNvPr", "id"), (f"{{{WP}}}docPr", "id"), (f"{{{W}}}bookmarkStart", f"{{{W}}}id")):
        for value, count in Counter(e.get(attr) for e in root.iter(tag)).items():
            if count > 1:
                problems.append(f"{name}: {etree.QName(tag).localname} id {value} used {count} times")
    if name == "ppt/presentation.xml":
        ids = [int(e.get("id")) for e in root.iter(f"{{{P}}}sldId")]
        if len(ids) != len(set(ids)):
            problems.append(f"{name}: duplicate sldId")
    return problems


def package_problems(path: Path, parts=None) -> list[str]:
    problems = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if (name.endswith(".xml") or name.endswith(".rels")) and (parts is None or parts(name)):
                root = etree.fromstring(package.read(name))
                problems += order_problems(name, root) + id_problems(name, root)
    return problems


@pytest.fixture(scope=per_module)
def outputs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("order")
    result = build_outline(SEED, BuildOptions(out_dir=out, meeting_file=MEETING))
    assert result.error is None, result.error
    return {path.name: path for path in result.files}


REFERENCES = sorted((ROOT / "templates" / "reference").iterdir())


@pytest.mark.parametrize("name", ["会议纪要.docx", "学习要点.docx"])
def test_documents_in_schema_order(outputs, name):
    assert package_problems(outputs[name]) == []


def _is_slide(part: str) -> bool:
    return part.startswith(("ppt/slides/", "ppt/notesSlides/"))


def test_deck_masters_layouts_and_package_in_schema_order(outputs):
    assert package_problems(outputs["学习课件.pptx"], lambda part: not _is_slide(part)) == []


def test_deck_slides_in_schema_order(outputs):
    """Slides and notes pages, written by render/powerpoint.py."""
    assert package_problems(outputs["学习课件.pptx"], _is_slide) == []


@pytest.mark.parametrize("path", REFERENCES, ids=lambda p: p.name)
def test_reference_files_in_schema_order(path):
    assert package_problems(path) == []


def test_checker_finds_what_it_should():
    """The order check itself: a w:spacing after w:lang, a duplicate shape id, a child of the wrong type."""
    rpr = etree.fromstring(f'<w:rPr xmlns:w="{W}"><w:lang w:val="zh-CN"/><w:spacing w:val="-5"/></w:rPr>')
    assert any("<spacing> comes too late" in p for p in order_problems("x", rpr))
    borders = etree.fromstring(f'<w:tcBorders xmlns:w="{W}"><w:top/><w:bottom/><w:left/></w:tcBorders>')
    assert any("<left> comes too late" in p for p in order_problems("x", borders))
    tree = etree.fromstring(f'<p:spTree xmlns:p="{P}"><p:sp><p:nvSpPr><p:cNvPr id="2" name=""/></p:nvSpPr></p:sp>'
                            f'<p:sp><p:nvSpPr><p:cNvPr id="2" name=""/></p:nvSpPr></p:sp></p:spTree>')
    assert id_problems("x", tree) == ["x: cNvPr id 2 used 2 times"]
    assert order_problems("x", etree.fromstring(f'<w:pPr xmlns:w="{W}"><w:bogus/></w:pPr>'))


CHECKER = Path("/work/shared/tools/ooxml_check.py")


@pytest.mark.skipif(not CHECKER.exists(), reason="the independent checker (shared/tools/ooxml_check.py) is not on this machine")
def test_independent_checker_agrees(outputs):
    files = [str(p) for p in (*outputs.values(), *REFERENCES)]
    result = subprocess.run([sys.executable, str(CHECKER), *files], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
