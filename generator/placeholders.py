"""Fill the outline's placeholders (XX, ××, 某某) with values from meeting.toml or --set."""
from __future__ import annotations

from .model import Document, map_text

_SKIP = frozenset({"source", "marker", "token", "level", "message"})


def fill_placeholders(document: Document, values: dict[str, str]) -> Document:
    """Return a copy of `document` with every placeholder that has a value replaced by it."""
    if not values:
        return document
    keys = sorted(values, key=len, reverse=True)

    def fill(text: str) -> str:
        for key in keys:
            if key in text:
                text = text.replace(key, values[key])
        return text

    return map_text(document, fill, _SKIP)


def unfilled(document: Document, values: dict[str, str]) -> list[tuple[str, int]]:
    """Return (token, line) of every placeholder that `values` leaves unfilled."""
    return [(p.token, p.line) for p in document.placeholders if p.token not in values]
