"""The 党支部 list for 支部学习包: read a .xlsx or .csv (columns by header name), validate every row first.

Any bad row is a `file:row` error (exit 2) before anything is rendered, so a build never writes half the packs.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .meeting import split_names
from .paths import safe_name

#: Column header → field; the order of columns in the file is free.
COLUMNS = {
    "支部名称": "name", "主讲人": "speaker", "主持人": "host", "记录人": "recorder", "学习时间": "date",
    "地点": "place", "会议形式": "form", "党员": "members", "应到人数": "expected",
}
#: Columns a list may have that say nothing about a branch (a row number).
IGNORED = {"序号", "编号"}
#: The 三会一课 forms a study session takes; the first is the default.
FORMS = ("主题党日", "支部党员大会", "党小组会", "支部委员会")
#: How many blank rows a sign-in sheet has when neither 党员 nor 应到人数 is given.
DEFAULT_SEATS = 30


@dataclass(frozen=True)
class Branch:
    name: str                          # 支部名称 as written
    folder: str                        # a folder name safe on every file system, unique in the list
    row: int                           # row in the file (1 = header)
    speaker: str = ""                  # 主讲人
    host: str = ""                     # 主持人
    recorder: str = ""                 # 记录人
    date: str = ""                     # 学习时间: "2020年6月5日" or "2020年6月5日 14:30—16:30"
    place: str = ""                    # 地点
    form: str = FORMS[0]               # 会议形式
    members: tuple[str, ...] = ()      # 党员, in the order given
    expected: int | None = None        # 应到人数

    @property
    def seats(self) -> int:
        """Rows of the sign-in sheet: every member, and blank rows up to 应到人数 (or 30 without either)."""
        if self.members:
            return max(len(self.members), self.expected or 0)
        return self.expected or DEFAULT_SEATS

    @property
    def leaders(self) -> tuple[str, ...]:
        """Who leads the study (领学), in turn: the 主讲人 first, then the members in their order."""
        first = (self.speaker,) if self.speaker else ()
        return first + tuple(m for m in self.members if m != self.speaker)


def read_branches(path: Path) -> tuple[Branch, ...]:
    """Return the branches listed in a .xlsx or .csv file; raise InputError (file:row) on any bad row."""
    path = Path(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise InputError("支部名单文件不存在。", str(path)) from None
    except OSError as exc:
        raise InputError(f"无法读取支部名单（{exc.strerror}）。", str(path)) from None
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_cached(name: str, _mtime: int, _size: int) -> tuple[Branch, ...]:
    path = Path(name)
    if path.is_dir():
        raise InputError("这是一个文件夹，不是支部名单。", name)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取支部名单（{exc.strerror}）。", name) from None
    if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(data, name)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(data, name)
    elif suffix in (".xls", ".et") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("不支持旧版 Excel (.xls/.et) 文件；请在 Excel/WPS 中另存为 .xlsx 或 .csv。", name)
    else:
        raise InputError("支部名单应为 .xlsx 或 .csv 文件。", name)
    return _parse(rows, name)


def _xlsx_rows(data: bytes, name: str) -> list[tuple[int, list]]:
    import warnings
    import zipfile

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")    # openpyxl warns about styles and extensions it does not read
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise InputError("支部名单无法打开（不是有效的 .xlsx 文件）；请在 Excel/WPS 中重新另存。", name) from None
    try:
        sheet = book.active or book.worksheets[0]
        return [(number, list(values)) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def _csv_rows(data: bytes, name: str) -> list[tuple[int, list]]:
    # -- Excel saves "CSV UTF-8" with a BOM and plain "CSV" in the system code page (GBK on Chinese Windows) --
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError("支部名单的编码无法识别；请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx。", name) from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ";" if ";" in first and "," not in first else ","
    try:
        return [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)]
    except csv.Error as exc:
        raise InputError(f"CSV 格式错误（{exc}）。", name) from None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).replace("\u3000", " ").strip()


def _first(values: list) -> object:
    return next(v for v in values if _text(v))


def _header(value) -> str:
    # -- "应到人数（人）", "学习时间(必填)": a note in brackets after the header name is allowed --
    return re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", _text(value)).replace(" ", "")


def _parse(rows: list[tuple[int, list]], name: str) -> tuple[Branch, ...]:
    rows = [(n, values) for n, values in rows if any(_text(v) for v in values)]
    if not rows:
        raise InputError("支部名单是空的；第一行应为列名（支部名称、主讲人、学习时间……），其下每行一个支部。", name)
    # -- a sheet may open with a title line above the headers (“2020年6月支部学习安排”, merged across the columns) --
    while len(rows) > 1 and sum(bool(_text(v)) for v in rows[0][1]) == 1 and _header(_first(rows[0][1])) not in COLUMNS \
            and any(_header(v) == "支部名称" for v in rows[1][1]):
        rows = rows[1:]
    header_row, header = rows[0]
    titles = [_header(value) for value in header]
    if not any(title in COLUMNS for title in titles if title):
        raise InputError(f"第一行不是支部名单的表头（应有“支部名称”等列；可用的列名：{'、'.join(COLUMNS)}）。"
                         "这是讲话提纲吗？支部名单请用 huiwu init 生成的 支部.xlsx 填写。", name, header_row)
    columns: dict[int, str] = {}
    for index, value in enumerate(header):
        title = _header(value)
        if not title:
            if any(index < len(values) and _text(values[index]) for _, values in rows[1:]):
                raise InputError(f"第 {index + 1} 列没有列名；请在第一行填写列名。", name, header_row)
            continue
        if title in IGNORED:
            continue
        field = COLUMNS.get(title)
        if field is None:
            raise InputError(f"不认识的列名“{title}”；可用的列名：{'、'.join(COLUMNS)}。", name, header_row)
        if field in columns.values():
            raise InputError(f"列名“{title}”重复。", name, header_row)
        columns[index] = field
    if "name" not in columns.values():
        raise InputError("缺少“支部名称”列。", name, header_row)
    branches: list[Branch] = []
    seen: dict[str, int] = {}
    folders: set[str] = set()
    for number, values in rows[1:]:
        fields = {field: values[index] if index < len(values) else None for index, field in columns.items()}
        if not any(_text(v) for v in fields.values()):
            continue    # a row with nothing but its 序号
        branch_name = _text(fields.get("name"))
        if not branch_name:
            raise InputError("“支部名称”为空。", name, number)
        key = branch_name.casefold()
        if key in seen:
            raise InputError(f"支部名称“{branch_name}”与第 {seen[key]} 行重复。", name, number)
        seen[key] = number
        folder = safe_folder_name(branch_name)
        base, suffix = folder, 2
        while folder.casefold() in folders:
            folder, suffix = f"{base}-{suffix}", suffix + 1
        folders.add(folder.casefold())
        form = _text(fields.get("form")) or FORMS[0]
        if form not in FORMS:
            raise InputError(f"会议形式“{form}”无效；可选：{'、'.join(FORMS)}。", name, number)
        branches.append(Branch(
            name=branch_name, folder=folder, row=number,
            speaker=_text(fields.get("speaker")), host=_text(fields.get("host")), recorder=_text(fields.get("recorder")),
            date=_date(fields.get("date"), name, number), place=_text(fields.get("place")), form=form,
            members=_members(fields.get("members")), expected=_count(fields.get("expected"), name, number),
        ))
    if not branches:
        raise InputError("支部名单只有列名，没有支部；请在第一行之下每行填写一个支部。", name)
    return tuple(branches)


def _members(value) -> tuple[str, ...]:
    return tuple(dict.fromkeys(split_names(_text(value))))


def _count(value, name: str, row: int) -> int | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and 0 < value <= 10000:
        return int(value)
    match = re.fullmatch(r"(\d{1,5})\s*人?", _text(value))
    if match and 0 < int(match.group(1)) <= 10000:
        return int(match.group(1))
    raise InputError(f"应到人数“{_text(value)}”无效；请填写正整数，如 25。", name, row)


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_CLOCK = r"(上午|下午|晚上|早上|中午)?\s*(\d{1,2})\s*(?:[:：时点]\s*(\d{1,2})?\s*分?)"
_TIME = re.compile(rf"{_CLOCK}(?:\s*[-—–~～至到]+\s*{_CLOCK})?")


def _date(value, name: str, row: int) -> str:
    """Return a 学习时间 as 2020年6月5日 (and " 14:30" or " 14:30—16:30" when a time is given)."""
    from .meeting import format_date

    if value is None or _text(value) == "":
        return ""
    if isinstance(value, dt.datetime):
        day = format_date(value.date())
        return f"{day} {value.hour}:{value.minute:02d}" if (value.hour, value.minute) != (0, 0) else day
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        # -- an Excel serial date in a cell formatted as a number --
        from openpyxl.utils.datetime import from_excel

        return _date(from_excel(value), name, row)
    text = _text(value).replace("：", ":")
    match = _DATE.match(text)
    problem = f"学习时间“{_text(value)}”无法识别；请写成 2020-06-05、2020-06-05 14:30 或 2020年6月5日 14:30—16:30。"
    if not match:
        raise InputError(problem, name, row)
    try:
        day = format_date(dt.date(*map(int, match.groups())))
    except ValueError:
        raise InputError(problem, name, row) from None
    rest = text[match.end():].strip()
    if not rest:
        return day
    clock = _TIME.fullmatch(rest)
    if not clock:
        raise InputError(problem, name, row)
    start = _clock(*clock.groups()[:3])
    end = _clock(clock.group(4) or clock.group(1), *clock.groups()[4:]) if clock.group(5) else None   # 下午2:30—4:30
    if start is None or (clock.group(5) and end is None):
        raise InputError(problem, name, row)
    return f"{day} {start}—{end}" if end else f"{day} {start}"


def _clock(period: str | None, hour: str, minute: str | None) -> str | None:
    h, m = int(hour), int(minute or 0)
    if period in ("下午", "晚上") and h < 12:
        h += 12
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return f"{h}:{m:02d}"


def safe_folder_name(name: str) -> str:
    """Return `name` as a folder name that works on Windows, macOS and Linux (never empty, never reserved)."""
    return safe_name(name, "支部")


#: The sample rows `huiwu init` writes under the headers: one branch with members, one without.
SAMPLE_ROWS = (
    ("机关第一党支部", "张××", "李××", "王××", dt.datetime(2020, 6, 5, 14, 30), "局机关三楼会议室", "主题党日",
     "张××、李××、王××、赵××、刘××", None),
    ("机关第二党支部", "陈××", "杨××", "黄××", dt.datetime(2020, 6, 8, 9, 0), "局机关五楼会议室", "支部党员大会", "", 25),
)


def write_sample(path: Path, force: bool = False) -> Path:
    """Write a 支部名单 to fill in: the headers, two sample rows, a drop-down list of the 会议形式."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from .errors import OutputError
    from .write import write_atomic

    if path.exists() and not force:
        raise OutputError("文件已存在；如需覆盖请加 --force。", str(path))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "支部名单"
    sheet.append(list(COLUMNS))
    for row in SAMPLE_ROWS:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"支部名称": 20, "学习时间": 18, "地点": 20, "会议形式": 14, "党员": 40}
    for index, header in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = widths.get(header, 10)
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].number_format = "yyyy-mm-dd hh:mm"
    forms = DataValidation(type="list", formula1='"' + ",".join(FORMS) + '"', allow_blank=True)
    sheet.add_data_validation(forms)
    column = openpyxl.utils.get_column_letter(list(COLUMNS).index("会议形式") + 1)
    forms.add(f"{column}2:{column}500")
    sheet.freeze_panes = "A2"
    return write_atomic(path, book.save)


__all__ = ["Branch", "read_branches", "write_sample", "safe_folder_name", "COLUMNS", "FORMS", "DEFAULT_SEATS"]
