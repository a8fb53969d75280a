"""The web page's meeting form ⇄ meeting.toml, generic over the schema in generator.meeting.

Every table and key of `meeting.SCHEMA` becomes a form field named "table.key"; an array of tables
([[agenda]], its keys the fields of `meeting.AgendaItem`) becomes rows named "table.N.key"; [placeholders] becomes
rows "placeholders.N.name" / "placeholders.N.value". A field added to the schema shows up on the page with its
key as label until a Chinese label is added to LABELS below.

Validation is meeting.py's own: the form is written as meeting.toml and read back with `parse_meeting`; its
error line is mapped back to the field that wrote that line, so the page can show the message beside it.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

from ..errors import MeetingError
from ..meeting import AGENDA_KINDS, DETAILS, SCHEMA, AgendaItem, parse_meeting, split_names

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PLACEHOLDERS = "placeholders"
#: the field shown in the outputs part of the page (简要/详细), not in the meeting form
DETAIL = ("minutes", "detail")
DETAIL_FIELD = ".".join(DETAIL)

#: arrays of tables ([[name]]) → the dataclass whose fields are their keys
ARRAY_TABLES = {"agenda": AgendaItem}
#: fields whose value is one of a few words (a drop-down list on the page)
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {("agenda", "kind"): AGENDA_KINDS, ("minutes", "detail"): DETAILS}
#: (table, key) → (label, hint); keys missing here are shown by their own name
LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("meeting", "name"): ("会议名称", "不填则取提纲副标题"),
    ("meeting", "date"): ("会议日期", "如 2020-05-28 或 2020年5月28日"),
    ("meeting", "place"): ("地点", "如 局机关三楼会议室"),
    ("meeting", "host"): ("主持人", "如 局党组书记、局长王××"),
    ("meeting", "recorder"): ("记录人", ""),
    ("meeting", "organization"): ("单位名称", "课件封面上显示"),
    ("meeting", "attendees"): ("出席", "姓名用顿号或换行分隔"),
    ("meeting", "absent"): ("请假", "如 郑××（公务）"),
    ("meeting", "observers"): ("列席", "如 各直属单位主要负责同志"),
    ("document", "office"): ("发文机关", "版头和印发机关，如 ××市生态环境局办公室"),
    ("document", "issue"): ("期号", "如 5 或 第5期"),
    ("document", "distribution"): ("分送", "用顿号或换行分隔"),
    ("document", "date"): ("印发日期", "不填则用会议日期"),
    ("document", "printer"): ("印发机关", "不填则用发文机关"),
    ("document", "mark"): ("纪要标志", "不填则为“会议名称 + 纪要”"),
    ("minutes", "detail"): ("纪要详略", "简要 或 详细"),
    ("agenda", "kind"): ("类别", ""),
    ("agenda", "text"): ("内容", "如 中央纪委全会精神"),
}
TABLE_TITLES = {
    "meeting": "会议",
    "document": "纪要版头与版记",
    "minutes": "纪要",
    "agenda": "会议的其他议程（按先后顺序）",
    PLACEHOLDERS: "占位符替换（提纲中的 XX、×× 等）",
}
_NAME = re.compile(r"^(?P<table>[a-z_]+)\.(?:(?P<row>\d{1,3})\.)?(?P<key>[a-z_]+)$")
EXTRA_ROWS = 2      # empty rows shown after the filled ones
MAX_ROWS = 200


@dataclass(frozen=True)
class Field:
    table: str
    key: str
    kind: str           # "text" | "list" | "date"

    @property
    def name(self) -> str:
        return f"{self.table}.{self.key}"

    @property
    def label(self) -> str:
        return LABELS.get((self.table, self.key), (self.key, ""))[0]

    @property
    def hint(self) -> str:
        return LABELS.get((self.table, self.key), ("", ""))[1]

    @property
    def choices(self) -> tuple[str, ...]:
        return CHOICES.get((self.table, self.key), ())


@dataclass(frozen=True)
class Table:
    name: str
    fields: tuple[Field, ...]
    rows: bool          # an array of tables ([[agenda]]): the fields repeat per row

    @property
    def title(self) -> str:
        return TABLE_TITLES.get(self.name, f"[{self.name}]")


@dataclass
class MeetingValues:
    """What the form holds: single fields by name, array tables as rows, placeholders as (token, value)."""

    single: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    placeholders: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str) -> str:
        return self.single.get(name, "")


def _kind(key: str, spec) -> str:
    if spec is list or spec is tuple:
        return "list"
    return "date" if key == "date" else "text"


def tables() -> tuple[Table, ...]:
    """Return the form's tables: the schema's, then the arrays of tables (the placeholders come last, apart)."""
    out = [Table(name, tuple(Field(name, key, _kind(key, kind)) for key, kind in spec.items()), False)
           for name, spec in SCHEMA.items()]
    out += [Table(name, tuple(Field(name, f.name, "text") for f in fields(item)), True) for name, item in ARRAY_TABLES.items()]
    return tuple(out)


def has_field(name: str) -> bool:
    """Whether the schema has the single field `name` ("table.key")."""
    return any(f.name == name for t in tables() if not t.rows for f in t.fields)


def form_tables() -> tuple[Table, ...]:
    """The tables shown in the meeting form (without the detail field shown among the outputs)."""
    out = []
    for table in tables():
        fields = tuple(f for f in table.fields if (f.table, f.key) != DETAIL)
        fields = tuple(sorted(fields, key=lambda f: f.kind == "list"))   # -- the short fields first, then the name lists --
        if fields:
            out.append(Table(table.name, fields, table.rows))
    return tuple(out)


def from_form(form: Mapping[str, str]) -> MeetingValues:
    """Return the meeting values in a submitted form (other fields ignored, empty rows dropped)."""
    known = {t.name: t for t in tables()}
    values = MeetingValues()
    rows: dict[str, dict[int, dict[str, str]]] = {}
    marks: dict[int, dict[str, str]] = {}
    for name, value in form.items():
        if not isinstance(value, str):
            continue
        match = _NAME.match(name)
        if not match:
            continue
        table, row, key = match.group("table"), match.group("row"), match.group("key")
        value = value.strip()
        if table == PLACEHOLDERS and row is not None and key in ("name", "value"):
            marks.setdefault(int(row), {})[key] = value
            continue
        spec = known.get(table)
        if spec is None or key not in {f.key for f in spec.fields}:
            continue
        if spec.rows and row is not None and int(row) < MAX_ROWS:
            rows.setdefault(table, {}).setdefault(int(row), {})[key] = value
        elif not spec.rows and row is None:
            values.single[f"{table}.{key}"] = value
    for table, numbered in rows.items():
        values.rows[table] = [r for _, r in sorted(numbered.items()) if any(r.values())]
    values.placeholders = [(m.get("name", ""), m.get("value", "")) for _, m in sorted(marks.items())
                           if m.get("name") or m.get("value")]
    return values


def to_toml(values: MeetingValues) -> tuple[str, dict[int, str]]:
    """Return meeting.toml for the values, and which form field each line of it came from."""
    lines: list[str] = ["# 会议信息（由会务网页生成）。与提纲放在同一文件夹，或用 huiwu build --meeting 指定。"]
    where: dict[int, str] = {}

    def emit(text: str, name: str | None = None) -> None:
        lines.append(text)
        if name:
            where[len(lines)] = name

    for table in tables():
        if table.rows:
            for index, row in enumerate(values.rows.get(table.name, [])):
                emit("")
                emit(f"[[{table.name}]]", f"{table.name}.{index}.{table.fields[0].key}")
                for f in table.fields:
                    if row.get(f.key):
                        emit(f"{f.key} = {_value(f, row[f.key])}", f"{table.name}.{index}.{f.key}")
            continue
        filled = [f for f in table.fields if values.get(f.name)]
        if not filled:
            continue
        emit("")
        emit(f"[{table.name}]", filled[0].name)
        for f in filled:
            emit(f"{f.key} = {_value(f, values.get(f.name))}", f.name)
    # -- a token without a value stays a placeholder (an empty value would erase it from the outline) --
    marks = [(index, k, v) for index, (k, v) in enumerate(values.placeholders) if k and v]
    if marks:
        emit("")
        emit(f"[{PLACEHOLDERS}]", f"{PLACEHOLDERS}.{marks[0][0]}.name")
        for index, token, value in marks:
            emit(f"{_string(token)} = {_string(value)}", f"{PLACEHOLDERS}.{index}.value")
    return "\n".join(lines) + "\n", where


def _value(f: Field, text: str) -> str:
    if f.kind == "list":
        return "[" + ", ".join(_string(item) for item in split_names(text)) + "]"
    return _string(text)


def _string(text: str) -> str:
    """Return a TOML basic string."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def form_words(text: str) -> str:
    """Return a message about meeting.toml as the page's user reads it: the form stands for the file, and a field is
    named by its label (“会议日期 [meeting] date” becomes “会议日期”, “[meeting] date 的日期” becomes “会议日期”)."""
    text = re.sub(r"meeting\.toml ?未填写", "“会议信息”中未填写", text)

    def label(match: re.Match) -> str:
        # -- after Chinese words the key only repeats them (出席人员 [meeting] attendees); else it is the subject --
        if match.start() and "\u4e00" <= match.string[match.start() - 1] <= "\u9fff":
            return ""
        name = LABELS.get((match["table"], match["key"]), (match["key"], ""))[0]
        # -- “的日期” after a date field's key: its label says 日期 already --
        return name if not match["date"] or name.endswith("日期") else name + match["date"]

    return re.sub(r" ?\[(?P<table>meeting|document|minutes|placeholders)\] ?(?P<key>[a-z_]+) ?(?P<date>的日期)?", label, text)


def check(values: MeetingValues, path: Path) -> dict[str, str]:
    """Write the values to `path` as meeting.toml and read it back with meeting.py's rules.

    Return {} when it is valid, else {form field name: Chinese message}.
    """
    for index, (token, value) in enumerate(values.placeholders):
        if value and not token:
            return {f"{PLACEHOLDERS}.{index}.name": "请填写要替换的占位符（如 XX）。"}
    text, where = to_toml(values)
    path.write_text(text, encoding="utf-8")
    try:
        parse_meeting(path)
    except MeetingError as exc:
        return {where.get(exc.line or 0, "meeting_file"): form_words(exc.message)}
    return {}


def from_toml(path: Path, display: str) -> MeetingValues:
    """Return the form values of an uploaded meeting.toml (checked by meeting.py first).

    Raise MeetingError (with the user's file name) when it is not valid.
    """
    try:
        parse_meeting(path)
    except MeetingError as exc:
        raise MeetingError(exc.message, display, exc.line) from None
    data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    known = {t.name: t for t in tables()}
    values = MeetingValues()
    for name, content in data.items():
        if name == PLACEHOLDERS and isinstance(content, dict):
            values.placeholders = [(str(k), str(v)) for k, v in content.items()]
        elif name in known and known[name].rows and isinstance(content, list):
            values.rows[name] = [{k: _text(v) for k, v in item.items()} for item in content if isinstance(item, dict)]
        elif name in known and isinstance(content, dict):
            for key, value in content.items():
                values.single[f"{name}.{key}"] = _text(value)
    return values


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def with_tokens(values: MeetingValues, tokens: list[str]) -> MeetingValues:
    """Return the values with a placeholder row for each token of the outline not yet listed."""
    listed = {k for k, _ in values.placeholders}
    extra = [(t, "") for t in dict.fromkeys(tokens) if t not in listed]
    return MeetingValues(values.single, values.rows, values.placeholders + extra)


__all__ = ["Field", "Table", "MeetingValues", "tables", "form_tables", "from_form", "to_toml", "check", "from_toml",
           "with_tokens", "has_field", "DETAIL", "DETAIL_FIELD", "PLACEHOLDERS", "EXTRA_ROWS", "ARRAY_TABLES", "CHOICES"]
