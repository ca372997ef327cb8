"""Errors that name where bad input is and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_VALUE = 200  # characters of a bad value an error quotes


@dataclass
class InputError(Exception):
    """Bad input: names the file, the line or row, the column, the value and the expectation."""

    file: str | Path
    message: str
    line: int | None = None
    column: str | None = None
    value: object = None
    expected: str | None = None
    where: str = "row"  # "line" for text files, "row" for spreadsheets (header = row 1)
    sheet: str | None = None  # the workbook sheet, for spreadsheets

    def __str__(self) -> str:
        where = str(self.file)
        if self.sheet is not None:
            where += f", sheet {self.sheet!r}"
        if self.line is not None:
            label = "line" if self.column is None and self.sheet is None else self.where
            where += f", {label} {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        text = f"{where}: {self.message}"
        if self.value is not None:
            got = repr(self.value)
            if len(got) > MAX_VALUE:  # a 5 MB cell is quoted by its start and its length
                got = f"{got[:MAX_VALUE]}… ({len(got)} characters)"
            text += f" (got {got})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class NoTableError(InputError):
    """The file holds no recognisable indicator table."""
