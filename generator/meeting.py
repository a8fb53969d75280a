"""Meeting metadata from meeting.toml: what the outline does not carry (date, place, attendees…)."""
from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import MeetingError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BLANK_DATE = "××××年×月×日"
BLANK = "×××"

SCHEMA: dict[str, dict[str, type]] = {
    "meeting": {"name": str, "date": str, "place": str, "host": str, "recorder": str,
                "attendees": list, "absent": list, "observers": list, "organization": str},
    "document": {"office": str, "issue": str, "distribution": list, "date": str, "printer": str, "mark": str},
    "minutes": {"detail": str},
}
#: The levels of detail of the minutes: 简要 (the default: 要点和结论) and 详细 (every sentence of the outline).
DETAILS = ("简要", "详细")


def detail_problem(value: str | None, where: str) -> str | None:
    """Return the message for a 纪要 level of detail that is neither 简要 nor 详细 (`where` names the option or key),
    else None (also for no value given). The command line, meeting.toml and the web page say it alike."""
    if value is None or value in DETAILS:
        return None
    return f"{where} 应为“{'”或“'.join(DETAILS)}”（收到“{value}”）。"


#: Meeting fields named otherwise than their meeting.toml key.
_FIELD_OF = {("document", "date"): "print_date"}
#: "[table] key" of each Meeting field read from meeting.toml, for messages about its value.
TOML_KEY = {_FIELD_OF.get((table, key), key): f"[{table}] {key}" for table, keys in SCHEMA.items() for key in keys}


#: Kinds of the meeting's other agenda items ([[agenda]] kind = …), each worded by templates/text/minutes/agenda.j2.
AGENDA_KINDS = ("传达学习", "听取", "审议", "部署", "签订", "其他")
_AGENDA_KEYS = ("kind", "text")


@dataclass(frozen=True)
class AgendaItem:
    kind: str            # one of AGENDA_KINDS
    text: str            # what was heard, studied, adopted… as the office writes it


@dataclass(frozen=True)
class Meeting:
    name: str | None = None
    date: str | None = None          # "2020年5月28日", no leading zeros
    place: str | None = None
    host: str | None = None
    recorder: str | None = None
    organization: str | None = None  # shown on the deck's cover
    attendees: tuple[str, ...] | None = None   # None: not given (a visible blank); (): nobody
    absent: tuple[str, ...] | None = None
    observers: tuple[str, ...] | None = None
    office: str | None = None        # issuing office (纪要 header, 印发机关)
    issue: str | None = None         # "5" or "第5期"
    distribution: tuple[str, ...] = ()
    print_date: str | None = None    # 印发日期; defaults to the meeting date
    printer: str | None = None       # 印发机关; defaults to the office
    mark: str | None = None          # 纪要标志, e.g. "××市生态环境局党组会议纪要"; defaults to the meeting name + 纪要
    detail: str | None = None        # [minutes] detail: 简要 | 详细 (None: the default, 简要)
    agenda: tuple[AgendaItem, ...] = ()   # the meeting's other agenda items, in the order they happened
    placeholders: dict[str, str] = field(default_factory=dict)
    source: str | None = None

    @property
    def issue_label(self) -> str:
        if not self.issue:
            return "第×期"
        issue = str(self.issue).strip()
        return issue if issue.startswith("第") or "〔" in issue else f"第{issue}期"


#: What separates the items of a list written as one text: 、，,;； and line breaks.
_NAME_SEPARATOR = re.compile(r"[、，,;；\r\n]")
_OPENING, _CLOSING = "（(《“‘", "）)》”’"


def split_names(text: str) -> list[str]:
    """Return the items of a list written as one text (张三、李四，王五), never split inside brackets or quotation
    marks: 郑××（公务、出差） is one item. meeting.toml strings, the web form and branch lists all read lists so."""
    items, current, depth = [], [], 0
    for ch in text:
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth = max(0, depth - 1)
        if depth == 0 and _NAME_SEPARATOR.match(ch):
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def load_meeting(outline: Path | None, meeting_file: Path | None, overrides: dict[str, str] | None = None) -> Meeting:
    """Return the metadata from `meeting_file`, or from meeting.toml beside the outline, with --set overrides."""
    path = meeting_file
    if path is None and outline is not None:
        beside = outline.parent / "meeting.toml"
        path = beside if beside.is_file() else None
    meeting = Meeting()
    if path is not None:
        meeting = parse_meeting(path)
    if overrides:
        meeting = replace(meeting, placeholders={**meeting.placeholders, **overrides})
    return meeting


def parse_meeting(path: Path) -> Meeting:
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise MeetingError("会议信息文件不存在。", name) from None
    except UnicodeDecodeError:
        raise MeetingError("会议信息文件不是 UTF-8 编码，请另存为 UTF-8。", name) from None
    except OSError as exc:
        raise MeetingError(f"无法读取会议信息文件（{exc.strerror}）。", name) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_error(text, str(exc))
        raise MeetingError(message, name, line) from None
    values: dict = {"source": name}
    for table, content in data.items():
        if table == "agenda":
            values["agenda"] = _agenda(content, text, name)
            continue
        if table == "placeholders":
            if not isinstance(content, dict):
                raise MeetingError("[placeholders] 应为“占位符 = 值”的表。", name, _line_of(text, table))
            values["placeholders"] = {str(k): str(v) for k, v in content.items()}
            continue
        if table not in SCHEMA or not isinstance(content, dict):
            raise MeetingError(f"未知的表 [{table}]；可用的表：[meeting]、[document]、[minutes]、[[agenda]]、[placeholders]。", name,
                               _line_of(text, table, header=True))
        for key, value in content.items():
            expected = SCHEMA[table].get(key)
            line = _line_of(text, key)
            if expected is None:
                known = "、".join(SCHEMA[table])
                raise MeetingError(f"[{table}] 中有未知的键“{key}”；可用的键：{known}。", name, line)
            if isinstance(value, str) and not value.strip():
                continue    # "" means not filled in: the output leaves a visible blank
            if key in ("date",):
                value = _date(value, name, line, f"[{table}] {key}")
            elif expected is list:
                if isinstance(value, str):
                    value = split_names(value)
                if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
                    raise MeetingError(f"“{key}”应为名单，例如 {key} = [\"张三\", \"李四\"]。", name, line)
                value = tuple(str(v) for v in value)
            elif key == "issue":
                value = _issue(value, name, line, f"[{table}] {key}")
            elif table == "minutes" and key == "detail" and (problem := detail_problem(value, "[minutes] detail")):
                raise MeetingError(problem, name, line)
            elif not isinstance(value, str):
                raise MeetingError(f"“{key}”应为文字（加英文双引号），例如 {key} = \"{value}\"。", name, line)
            field_name = _FIELD_OF.get((table, key), key)
            values[field_name] = value
    return Meeting(**values)


def _agenda(content, text: str, name: str) -> tuple[AgendaItem, ...]:
    """Return the [[agenda]] items; a bad kind or a missing text is an error at the item's line."""
    headers = [n for n, row in enumerate(text.splitlines(), start=1) if re.match(r"\s*\[\[\s*agenda\s*\]\]", row)]
    if not isinstance(content, list) or not all(isinstance(item, dict) for item in content):
        raise MeetingError("议程应写成 [[agenda]] 表（每项一个，含 kind 和 text）。", name, _line_of(text, "agenda"))
    out = []
    for index, item in enumerate(content):
        line = headers[index] if index < len(headers) else None
        unknown = [k for k in item if k not in _AGENDA_KEYS]
        if unknown:
            raise MeetingError(f"[[agenda]] 中有未知的键“{unknown[0]}”；可用的键：kind、text。", name, line)
        kind, body = item.get("kind", ""), item.get("text", "")
        if kind not in AGENDA_KINDS:
            raise MeetingError(f"[[agenda]] 的 kind “{kind}”无法识别；可选：{'、'.join(AGENDA_KINDS)}。", name, line)
        if not isinstance(body, str) or not body.strip():
            raise MeetingError("[[agenda]] 缺少 text（这项议程的内容，例如 text = \"中央纪委全会精神\"）。", name, line)
        out.append(AgendaItem(kind, body.strip()))
    return tuple(out)


def _date(value, name: str, line: int | None, key: str = "date") -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", value)
        if match:
            problem = date_problem(*map(int, match.groups()))
            if problem is None:
                return format_date(dt.date(*map(int, match.groups())))
            raise MeetingError(f"{key} 的日期“{value}”无效：{problem}。{DATE_FORMS}", name, line)
    raise MeetingError(f"{key} 的日期“{value}”无法识别。{DATE_FORMS}", name, line)


DATE_FORMS = "请写成 2024-03-15 或 \"2024年3月15日\"。"


def date_problem(year: int, month: int, day: int) -> str | None:
    """Return what is wrong with a date in Chinese (没有 13 月), or None when it exists."""
    if not 1 <= month <= 12:
        return f"没有 {month} 月（月份应为 1～12）"
    try:
        dt.date(year, month, day)
    except ValueError:
        if year < 1:
            return "年份不对"
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return f"{year}年{month}月只有 {last} 天"
    return None


def _issue(value, name: str, line: int | None, key: str = "issue") -> str:
    """Return an issue number (5, "5" or "第5期", "〔2024〕3号"); a number must be a positive whole number."""
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    problem = MeetingError(f"{key} 的期号“{shown}”不对：应为正整数，例如 issue = 5 或 issue = \"第5期\"。", name, line)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
            value = float(text) if "." in text else int(text)
        elif re.search(r"第\s*(-|0+\s*期)", text):
            raise problem
        else:
            return text
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise problem
    return str(value)


def format_date(day: dt.date) -> str:
    """Return a date as GB/T 9704 writes it: full year, no leading zeros (2020年5月28日)."""
    return f"{day.year}年{day.month}月{day.day}日"


#: tomllib's messages (stable since Python 3.11) in Chinese; the first that matches is used.
_TOML_MESSAGES = (
    ("Unterminated string", "引号没有成对（字符串没有结束）"),
    ("Unclosed array", "名单的方括号 [ ] 没有成对，或名单中两项之间少了逗号"),
    ("Unclosed inline table", "花括号 { } 没有成对"),
    ("Cannot overwrite", "同一个键写了两次"),
    ("Cannot declare", "同一个表写了两次"),
    ("Cannot redefine", "同一个表写了两次"),
    ("Cannot mutate", "同一个表写了两次"),
    ("Duplicate", "同一个键写了两次"),
    ("Expected '=' after a key", "键后面缺少等号“=”"),
    ("Expected ']' at the end of a table", "表名缺少右方括号“]”"),
    ("Invalid initial character for a key", "这一行不是“键 = 值”的写法（键名只能用英文字母、数字、_ 和 -）"),
    ("Invalid statement", "这一行不是“键 = 值”的写法"),
    ("Invalid value", "值的写法不对（文字要加英文双引号）"),
    ("Invalid date", "日期无效"),
    ("Expected newline or end of document", "一行只能写一个“键 = 值”，值后面有多余的内容"),
    ("Illegal character", "有不允许的字符"),
    ("Found invalid character", "有不允许的字符"),
)


def toml_error(text: str, error: str) -> tuple[int | None, str]:
    """Return (line, a Chinese message) for a TOML syntax error, naming the field and saying what is wrong.

    The commonest slips are recognised from the line itself: an impossible date (2020-13-45), text without
    quotes, Chinese quotes, a number with a leading zero.
    """
    found = re.search(r"line (\d+), column (\d+)", error)
    line = int(found.group(1)) if found else None
    row = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    match = re.match(r"\s*([\w\-\"'.]+)\s*=\s*(.*?)\s*(?:#.*)?$", row)
    if match:
        key, value = _table_at(text, line) + match.group(1).strip("\"'"), match.group(2)
        bare = key.rsplit(" ", 1)[-1]
        date = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?", value)
        if date:
            problem = date_problem(*map(int, date.groups())) or "写法不对（月、日要写两位，如 2024-03-05）"
            return line, f"{key} 的日期 {value} 无效：{problem}。{DATE_FORMS}"
        if value[:1] in "“”‘’「":
            return line, f"{key} 的值要用英文双引号 \"…\" 括起来，不能用中文引号，例如 {bare} = \"{value.strip('“”‘’「」')}\"。"
        if value.startswith('"') and value.count('"') % 2:
            return line, f"{key} 的值缺少结尾的英文双引号，例如 {bare} = {value.rstrip('“”')}\"。"
        if re.fullmatch(r"[-+]?0\d+", value):
            return line, f"{key} 的数字 {value} 不能以 0 开头，请写成 {bare} = {int(value)}。"
        if value and not re.match(r"[\"'\[{\d+\-tf]", value):
            return line, f"{key} 的值是文字，要加英文双引号，例如 {bare} = \"{value}\"。"
    reason = next((chinese for english, chinese in _TOML_MESSAGES if english in error), "格式不对")
    return line, f"TOML 格式错误：{reason}。请检查这一行的引号、等号和方括号。"


def _table_at(text: str, line: int) -> str:
    """Return "[table] " for the table a line belongs to ("" before the first table)."""
    for row in reversed(text.splitlines()[: line - 1]):
        header = re.match(r"\s*\[+\s*([^\]]+?)\s*\]", row)
        if header:
            return f"[{header.group(1)}] "
    return ""


def _line_of(text: str, key: str, header: bool = False) -> int | None:
    pattern = rf"^\s*\[\s*{re.escape(key)}\s*\]" if header else rf"^\s*[\"']?{re.escape(key)}[\"']?\s*="
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(pattern, line):
            return number
    return None


def parse_sets(items: list[str] | None) -> dict[str, str]:
    """Return --set KEY=VALUE options as a dict; raise MeetingError on a malformed one."""
    out = {}
    for item in items or ():
        if "=" not in item:
            raise MeetingError(f"--set 参数“{item}”格式不对，应为 占位符=值，例如 --set XX=某市。")
        key, value = item.split("=", 1)
        out[key.strip()] = value.strip()
    return out


MEETING_TOML_TEMPLATE = """\
# 会议信息：讲话提纲中没有的内容。放在提纲所在的文件夹（文件名 meeting.toml），或用 --meeting 指定。
# 在英文双引号 "" 中填写；留空（""）的项目在输出中留出空白（如 ××××年×月×日），生成时会提示。
# 名单可以写成 ["张三", "李四"]，也可以写成 "张三、李四"；# 后面是说明，不会被读取。

[meeting]
name = ""           # 会议名称，例如 "2024年全面从严治党工作会议"（不填则取提纲副标题）
date = ""           # 会议日期，例如 "2024年3月15日" 或 2024-03-15（不加引号）
place = ""          # 地点，例如 "第一会议室"
host = ""           # 主持人，例如 "党组书记、局长张三"
recorder = ""       # 记录人
organization = ""   # 课件封面上的单位名称，例如 "某某市某某局党组"
attendees = ""      # 出席，例如 ["张三", "李四", "王五"]
absent = ""         # 请假，例如 ["赵六（公务）"]；无人请假写 []
observers = ""      # 列席，例如 ["各处室主要负责同志"]；无人列席写 []

[document]
office = ""         # 发文机关（版头、印发机关），例如 "某某市某某局办公室"
issue = ""          # 期号，例如 5 或 "第5期"
distribution = ""   # 分送，例如 ["局领导", "各处室", "各直属单位"]
# date = 2024-03-16           # 印发日期（不填则用会议日期）
# printer = "某某市某某局办公室"  # 印发机关（不填则用 office）
# mark = "某某局党组会议纪要"     # 纪要标志（不填则为“会议名称 + 纪要”）

# [minutes]
# detail = "简要"     # 纪要详略："简要"（默认，只写要点）或 "详细"（保留提纲每一句）

# 会议的其他议程，写进纪要开头（每项一段 [[agenda]]，按顺序）；
# kind 可选：传达学习、听取、审议、部署、签订、其他
# [[agenda]]
# kind = "传达学习"
# text = "习近平总书记关于全面从严治党的重要论述"
#
# [[agenda]]
# kind = "审议"
# text = "《2024年党风廉政建设工作要点》"

[placeholders]
# 提纲中的占位符（XX、××、某某）及其替换值；也可以用 --set XX=某市 临时指定。例如：
# XX = "某市"
"""
