"""The 党支部 list (.xlsx, .csv in UTF-8 or GBK): columns by header, file:row errors; safe folder names; the sample."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from generator.branches import COLUMNS, Branch, read_branches, safe_folder_name, write_sample
from generator.errors import InputError

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "branches"
LISTS = ("支部.xlsx", "支部-utf8.csv", "支部-gbk.csv")
EXPECTED = [
    # name, folder, date, members, expected, form, speaker
    ("机关第一党支部", "机关第一党支部", "2020年6月5日 14:30", ("赵一", "钱二", "孙三"), None, "主题党日", "钱二"),
    ("监测站党支部", "监测站党支部", "2020年6月8日", (), 25, "支部党员大会", "吴六"),
    ("执法/监察党支部", "执法_监察党支部", "2020年6月10日 14:30—16:30", (), None, "主题党日", ""),
    ("离退休干部党支部", "离退休干部党支部", "2020年6月12日", ("郑七", "王八"), 8, "党小组会", ""),
]


@pytest.mark.parametrize("name", LISTS)
def test_fixture_lists_read_the_same(name):
    branches = read_branches(FIXTURES / name)
    got = [(b.name, b.folder, b.date, b.members, b.expected, b.form, b.speaker) for b in branches]
    assert got == EXPECTED
    assert branches[0].place == "局机关三楼会议室" and branches[0].host == "赵一" and branches[0].recorder == "孙三"


def test_gbk_fixture_is_really_gbk():
    data = (FIXTURES / "支部-gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert (FIXTURES / "支部-utf8.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_seats_and_leaders():
    branch = Branch("一支部", "一支部", 2, speaker="钱二", members=("赵一", "钱二", "孙三"))
    assert branch.leaders == ("钱二", "赵一", "孙三")
    assert branch.seats == 3
    assert Branch("x", "x", 2, members=("甲",), expected=10).seats == 10
    assert Branch("x", "x", 2, expected=12).seats == 12
    assert Branch("x", "x", 2).seats == 30
    assert Branch("x", "x", 2, speaker="外请专家", members=("甲", "乙")).leaders == ("外请专家", "甲", "乙")


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "名单.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("text,row,words", [
    ("支部名称,书记\n一支部,张三\n", 1, "书记"),
    ("支部名称,主讲人\n一支部,张三\n,李四\n", 3, "支部名称”为空"),
    ("支部名称\n一支部\n二支部\n一支部\n", 4, "与第 2 行重复"),
    ("支部名称,学习时间\n一支部,2020-06-05\n二支部,下周三\n", 3, "下周三"),
    ("支部名称,学习时间\n一支部,2020-02-30\n", 2, "2020-02-30"),
    ("支部名称,学习时间\n一支部,2020-06-05 25:00\n", 2, "25:00"),
    ("支部名称,应到人数\n一支部,二十\n", 2, "二十"),
    ("支部名称,会议形式\n一支部,座谈会\n", 2, "座谈会"),
    ("主讲人,地点\n张三,会议室\n", 1, "缺少“支部名称”列"),
    ("支部名称,地点,地点\n一支部,a,b\n", 1, "重复"),
    ("扎实推进安全生产工作\n一、压实责任\n", 1, "第一行不是支部名单的表头"),   # -- an outline given as the list --
])
def test_bad_rows_name_file_and_row(tmp_path, text, row, words):
    path = _csv(tmp_path, text)
    with pytest.raises(InputError) as info:
        read_branches(path)
    assert info.value.exit_code == 2
    assert str(info.value).startswith(f"{path}:{row}: "), str(info.value)
    assert words in str(info.value)


def test_bad_xlsx_row(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["支部名称", "学习时间"])
    sheet.append(["一支部", dt.datetime(2020, 6, 5, 9, 0)])
    sheet.append(["二支部", "六月"])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        read_branches(path)
    assert str(info.value).startswith(f"{path}:3: ") and "六月" in str(info.value)


@pytest.mark.parametrize("content,name,words", [
    (b"", "a.csv", "空"),
    (b"\xd0\xcf\x11\xe0rest", "a.xls", ".xls"),
    (b"PK\x03\x04broken", "a.xlsx", "无法打开"),
    (b"x", "a.pdf", ".xlsx 或 .csv"),
    ("支部名称\n".encode(), "a.csv", "只有列名"),
])
def test_unreadable_lists(tmp_path, content, name, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_branches(path)
    assert words in str(info.value)


def test_headers_with_notes_blank_rows_and_separators(tmp_path):
    text = "序号,支部名称（必填）,党员,应到人数(人)\n\n1,一支部,\"甲，乙、丙;丁\",12人\n2,,,\n3,,,\n"
    (branch,) = read_branches(_csv(tmp_path, text))
    assert branch.members == ("甲", "乙", "丙", "丁") and branch.expected == 12 and branch.row == 3


@pytest.mark.parametrize("name,safe", [
    ("机关第一党支部", "机关第一党支部"),
    ("执法/监察:党支部", "执法_监察_党支部"),
    ('a<b>c"d|e?f*g\\h', "a_b_c_d_e_f_g_h"),
    ("CON", "_CON"),
    ("com1.支部", "_com1.支部"),
    ("支部...  ", "支部"),
    ("  ", "支部"),
    ("...", "支部"),
    ("支部\t名称", "支部 名称"),
])
def test_safe_folder_name(name, safe):
    assert safe_folder_name(name) == safe


def test_long_names_are_cut_and_kept_unique(tmp_path):
    long = "很长的名字" * 30
    assert len(safe_folder_name(long)) <= 40 and len(safe_folder_name(long).encode()) <= 120
    branches = read_branches(_csv(tmp_path, "支部名称\n甲/乙\n甲_乙\nAbc\naBc_\n"))
    folders = [b.folder for b in branches]
    assert folders == ["甲_乙", "甲_乙-2", "Abc", "aBc_"]


def test_duplicate_names_differing_in_case_are_one_branch(tmp_path):
    with pytest.raises(InputError, match="重复"):
        read_branches(_csv(tmp_path, "支部名称\nAbc\nABC\n"))


def test_title_line_above_the_headers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2020年6月各支部学习安排"])
    sheet.merge_cells("A1:C1")
    sheet.append(["序号", "支部名称", "党员"])
    sheet.append([1, "一支部", "甲、乙"])
    path = tmp_path / "安排.xlsx"
    book.save(path)
    (branch,) = read_branches(path)
    assert branch.name == "一支部" and branch.members == ("甲", "乙") and branch.row == 3


def test_sample_written_by_init_is_a_valid_list(tmp_path):
    path = write_sample(tmp_path / "支部.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    branches = read_branches(path)
    assert [b.name for b in branches] == ["机关第一党支部", "机关第二党支部"]
    assert branches[0].members and not branches[1].members


def test_sample_values_left_in_a_list_are_said(tmp_path):
    """huiwu init's 支部.xlsx holds 张××-style samples: a build with it says which rows still hold them."""
    from generator.pack import sample_names

    path = write_sample(tmp_path / "支部.xlsx")
    warnings = sample_names(read_branches(path), path)
    assert len(warnings) == 1 and "第 2、3 行有像是样例的内容" in warnings[0] and "××" in warnings[0]
    clean = _csv(tmp_path, "支部名称,主讲人,党员\n一支部,张三,李四、王五\n")
    assert sample_names(read_branches(clean), clean) == []
