"""Dated events in date order: relative dates (去年7月9日, 今年初) resolved against the meeting's year."""
from __future__ import annotations

import datetime as dt
import re

from ..model import DateEvent, Document

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_RELATIVE = {"前年": -2, "去年": -1, "今年": 0, "本年": 0, "当年": 0}
_PARTS = re.compile(r"^(?:(?P<year>\d{4})年|(?P<rel>前年|去年|今年|本年|当年))?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")


def meeting_day(meeting_date: str | None, document: Document) -> tuple[int | None, dt.date | None]:
    """Return the meeting's year and, when known, its full date: meeting.toml, the byline, else the outline's
    latest four-digit year that is not in the future of the others (2019年以来 … 2020年是… → 2020)."""
    for text in (meeting_date, document.byline_date):
        match = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text or "")
        if match:
            day = dt.date(*map(int, match.groups()))
            return day.year, day
    years = [int(y) for y in _YEAR.findall(document.all_text())]
    return (max(years), None) if years else (None, None)


def resolve(event: DateEvent, year: int | None, meeting: dt.date | None) -> tuple[int, int, int]:
    """Return (year, month, day) of an event; a date without a year later than the meeting lies in the year before."""
    match = _PARTS.match(event.date)
    if not match:
        return (0, 0, 0)
    month, day = int(match["month"]), int(match["day"])
    if match["year"]:
        return (int(match["year"]), month, day)
    base = year or 0
    if match["rel"]:
        return (base + _RELATIVE[match["rel"]], month, day)
    if meeting is not None and (month, day) > (meeting.month, meeting.day):
        return (base - 1, month, day)
    return (base, month, day)


def in_date_order(document: Document, meeting_date: str | None) -> tuple[tuple[str, DateEvent], ...]:
    """Return the document's dated events sorted by their resolved date, each with its year (2019年 for
    去年7月9日) when it is known, else ""."""
    year, day = meeting_day(meeting_date, document)
    events = document.entities.dates
    resolved = [resolve(e, year, day) for e in events]
    order = sorted(range(len(events)), key=lambda i: (resolved[i], i))
    return tuple((f"{resolved[i][0]}年" if resolved[i][0] else "", events[i]) for i in order)


__all__ = ["in_date_order", "resolve", "meeting_day"]
