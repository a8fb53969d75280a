"""Reading outlines: encodings, newlines, full-width indentation, .docx with automatic numbering, bad files."""
from __future__ import annotations

import docx as docx_module
import pytest

from generator.errors import InputError
from generator.outline import parse_outline
from generator.source import read_source

from .helpers import make_docx, squeeze

TEXT = "关于加强党建工作的讲话\n一、加强政治建设\n（一）提升站位。要提高认识，做到“两个维护”。\n二、加强思想建设\n（一）学深悟透。要学以致用。\n"


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""),
                                          ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_newlines(tmp_path, encoding, bom, newline):
    path = tmp_path / "提纲.txt"
    path.write_bytes(bom + TEXT.replace("\n", newline).encode(encoding))
    document = parse_outline(read_source(path))
    assert [s.heading for s in document.sections] == ["加强政治建设", "加强思想建设"]
    assert document.sections[0].subsections[0].line == 3
    assert squeeze(document.all_text()) == squeeze(TEXT)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, encoding):
    path = tmp_path / "无BOM.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode(encoding))
    assert [s.heading for s in parse_outline(read_source(path)).sections] == ["加强政治建设", "加强思想建设"]


def test_full_width_indentation(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\u3000\u3000一、加强政治建设\n\u3000\u3000（一）提升站位。要提高认识。\n", encoding="utf-8")
    document = parse_outline(read_source(path))
    assert document.sections[0].heading == "加强政治建设"
    assert document.sections[0].subsections[0].heading == "提升站位"


@pytest.mark.parametrize("content,suffix,words", [
    (b"", ".txt", "空"),
    (b"   \r\n\t\r\n", ".txt", "空"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ".txt", "图片"),
    (b"%PDF-1.4\n%\xe2\xe3", ".pdf", "PDF"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".doc", ".doc", marks=pytest.mark.render("soffice"), id="ole.doc"),
    (b"just text", ".docx", "不是 Word"),
    (b"PK\x03\x04broken", ".docx", "损坏"),
    (bytes(range(256)) * 4, ".txt", "二进制"),
])
def test_bad_files(tmp_path, content, suffix, words):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert words in str(info.value) and str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        read_source(tmp_path / "nope.txt")


def test_control_characters_are_removed(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("一、加强\x01政治建设\n（一）提升站位。要\x0b提高认识。\n", encoding="utf-8")
    source = read_source(path)
    assert source.notes and "\x01" not in "".join(line.text for line in source.lines)
    assert parse_outline(source).sections[0].heading == "加强政治建设"


PARAS = [("会议讲话提纲", None), ("加强政治建设", 1), ("提升站位。要提高认识。", 2), ("压实责任。要明责履责。", 2),
         ("加强思想建设", 1), ("学深悟透。要学以致用。", 2)]


def test_docx_automatic_numbering(tmp_path):
    path = make_docx(tmp_path / "auto.docx", PARAS, auto_numbering=True)
    source = read_source(path)
    texts = [line.text for line in source.lines if line.text]
    assert texts[1] == "一、加强政治建设" and texts[2] == "（一）提升站位。要提高认识。" and texts[4] == "二、加强思想建设"
    assert texts[5].startswith("（一）")
    document = parse_outline(source)
    assert [s.heading for s in document.sections] == ["加强政治建设", "加强思想建设"]
    assert [c.heading for c in document.sections[0].subsections] == ["提升站位", "压实责任"]


def test_docx_heading_styles_only(tmp_path):
    paras = [("会议讲话提纲", None), ("加强政治建设", 1), ("要提高认识。", None), ("加强思想建设", 1), ("要学以致用。", None)]
    path = make_docx(tmp_path / "styled.docx", paras, heading_styles=True)
    document = parse_outline(read_source(path))
    assert [s.heading for s in document.sections] == ["加强政治建设", "加强思想建设"]
    assert document.sections[1].blocks[0].text == "要学以致用。"


def test_docx_plain_text_numbers(tmp_path):
    paras = [("讲话提纲", None), ("一、加强政治建设", None), ("（一）提升站位。要提高认识。", None), ("二、加强思想建设", None)]
    document = parse_outline(read_source(make_docx(tmp_path / "plain.docx", paras)))
    assert [s.heading for s in document.sections] == ["加强政治建设", "加强思想建设"]


def test_docx_manual_line_breaks_split_lines(tmp_path):
    document = docx_module.Document()
    paragraph = document.add_paragraph("一、加强政治建设")
    paragraph.add_run().add_break()
    paragraph.add_run("（一）提升站位。要提高认识。")
    document.add_paragraph("二、加强思想建设")
    path = tmp_path / "br.docx"
    document.save(str(path))
    outline = parse_outline(read_source(path))
    assert [s.heading for s in outline.sections] == ["加强政治建设", "加强思想建设"]
    assert outline.sections[0].subsections[0].heading == "提升站位"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_standard_input(encoding):
    source = read_source("-", TEXT.encode(encoding))
    assert source.path == "标准输入"
    assert [s.heading for s in parse_outline(source).sections] == ["加强政治建设", "加强思想建设"]


def test_standard_input_may_be_a_word_document(tmp_path):
    path = make_docx(tmp_path / "a.docx", [("加强政治建设", 1), ("提升站位。要提高认识。", 2)], auto_numbering=True)
    assert [s.heading for s in parse_outline(read_source("-", path.read_bytes())).sections] == ["加强政治建设"]


def test_docx_table_rows_are_lines_and_deleted_or_field_text_is_not(tmp_path):
    """A table in a Word outline: a row is one line, its cells apart; text deleted under tracked changes and field
    codes (PAGE, HYPERLINK …) are not part of the outline."""
    import docx as python_docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from generator.source import read_source

    document = python_docx.Document()
    document.add_paragraph("一、推进数据共享")
    document.add_paragraph("（一）打破壁垒。要建立数据共享机制。")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, (("指标", "目标"), ("网办率", "90%")), strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    paragraph = document.add_paragraph("（二）加强保障。要落实责任")
    paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="张三"><w:r><w:delText>，删去的话</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'))
    paragraph.add_run("。")
    path = tmp_path / "提纲.docx"
    document.save(str(path))
    lines = [line.text for line in read_source(path).lines]
    assert lines == ["一、推进数据共享", "（一）打破壁垒。要建立数据共享机制。", "指标\u3000目标", "网办率\u300090%", "（二）加强保障。要落实责任。"]
