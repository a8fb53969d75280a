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

_SCHEMA: dict[str, dict[str, type]] = {
    "meeting": {"name": str, "date": str, "place": str, "host": str, "recorder": str,
                "attendees": list, "absent": list, "observers": list, "organization": str},
    "document": {"office": str, "issue": str, "distribution": list, "date": str, "printer": str, "mark": str},
}


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
    placeholders: dict[str, str] = field(default_factory=dict)
    source: str | None = None

    @property
    def issue_label(self) -> str:
        if not self.issue:
            return "第×期"
        issue = str(self.issue).strip()
        return issue if issue.startswith("第") or "〔" in issue else f"第{issue}期"


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
        match = re.search(r"line (\d+)", str(exc))
        raise MeetingError(f"TOML 格式错误（{exc}），请检查引号、等号和方括号。", name,
                           int(match.group(1)) if match else None) from None
    values: dict = {"source": name}
    for table, content in data.items():
        if table == "placeholders":
            if not isinstance(content, dict):
                raise MeetingError("[placeholders] 应为“占位符 = 值”的表。", name, _line_of(text, table))
            values["placeholders"] = {str(k): str(v) for k, v in content.items()}
            continue
        if table not in _SCHEMA or not isinstance(content, dict):
            raise MeetingError(f"未知的表 [{table}]；可用的表：[meeting]、[document]、[placeholders]。", name,
                               _line_of(text, table, header=True))
        for key, value in content.items():
            expected = _SCHEMA[table].get(key)
            line = _line_of(text, key)
            if expected is None:
                known = "、".join(_SCHEMA[table])
                raise MeetingError(f"[{table}] 中有未知的键“{key}”；可用的键：{known}。", name, line)
            if key in ("date",):
                value = _date(value, name, line)
            elif expected is list:
                if isinstance(value, str):
                    value = [v for v in re.split(r"[、，,;；\s]+", value) if v]
                if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
                    raise MeetingError(f"“{key}”应为名单，例如 {key} = [\"张三\", \"李四\"]。", name, line)
                value = tuple(str(v) for v in value)
            elif key == "issue" and isinstance(value, int):
                value = str(value)
            elif not isinstance(value, str):
                raise MeetingError(f"“{key}”应为文字（加英文引号）。", name, line)
            field_name = {("document", "date"): "print_date"}.get((table, key), key)
            values[field_name] = value
    return Meeting(**values)


def _date(value, name: str, line: int | None) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", value)
        if match:
            try:
                return format_date(dt.date(*map(int, match.groups())))
            except ValueError:
                pass
    raise MeetingError(f"日期“{value}”无效；请写成 2020-05-28 或 \"2020年5月28日\"。", name, line)


def format_date(day: dt.date) -> str:
    """Return a date as GB/T 9704 writes it: full year, no leading zeros (2020年5月28日)."""
    return f"{day.year}年{day.month}月{day.day}日"


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
# 会议信息：讲话提纲中没有的内容。与提纲放在同一文件夹（meeting.toml），或用 --meeting 指定。
# 未填写的项目在输出中留空（如 ××××年×月×日），并给出提示。

[meeting]
name = "生态环境系统全面从严治党工作会议"   # 会议名称（不填则取提纲副标题）
date = 2020-05-28                          # 会议日期，也可写 "2020年5月28日"
place = "局机关三楼会议室"                  # 地点
host = "局党组书记、局长×××"                # 主持人
recorder = "×××"                           # 记录人
organization = "××市生态环境局党组"          # 课件封面上的单位名称
attendees = ["×××", "×××", "×××"]          # 出席
absent = []                                # 请假，例如 ["×××（公务）"]
observers = []                             # 列席

[document]
office = "××市生态环境局办公室"              # 纪要标志与版头中的发文机关
issue = 5                                  # 期号：5 或 "第5期"
distribution = ["局领导", "各处室", "各直属单位"]   # 分送
# date = 2020-05-29                        # 印发日期（不填则用会议日期）
# printer = "××市生态环境局办公室"           # 印发机关（不填则用 office）
# mark = "××市生态环境局党组会议纪要"        # 纪要标志（不填则为“会议名称 + 纪要”）

[placeholders]
# 提纲中的占位符及其替换值；也可以用 --set XX=某市 临时指定
# XX = "某市"
"""
