"""Errors huiwu reports to users: one Chinese line each, never a traceback."""
from __future__ import annotations


class HuiwuError(Exception):
    """An error with a message for the user; `path` and `line` locate it when known."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class InputError(HuiwuError):
    """The outline file cannot be read."""

    exit_code = 2


class MeetingError(HuiwuError):
    """meeting.toml is broken."""

    exit_code = 2


class UsageError(HuiwuError):
    """The command line is used wrongly (an unknown --only name, a bad option value)."""

    exit_code = 2


class TemplateError(HuiwuError):
    """A user template is broken."""

    exit_code = 3


class OutputError(HuiwuError):
    """An output cannot be written."""

    exit_code = 4
