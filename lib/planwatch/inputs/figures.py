"""Every observation file read and cleaned a table at a time: the usual row is made from cells
checked once per distinct cells (``observations.checked``); any other row goes through
``observations.clean_row``, the reference, which returns it, skips it or raises on it."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from planwatch.inputs import observations, plausibility, records
from planwatch.inputs.observations import Catalogue, clean_row
from planwatch.parse.normalise import is_missing, parse_number, plain


def clean_table(path: Path, table: records.Table, cat: Catalogue) -> tuple[list[dict], int]:
    """``clean_row`` of every row of a table, and how many rows were marked missing: the usual
    row (known cells, a web address, a number in range) is made here from what its cells were
    checked to say once per distinct cells; any other row goes through ``clean_row``, which
    returns it, skips it or raises on it, so the first bad row is the one reported."""
    cols, sheet = table.columns, table.sheet
    blank = [""] * len(table.numbers)
    keys = zip(
        cols["region"],
        cols["indicator"],
        cols["year"],
        cols.get("unit", blank),
        cols.get("period", blank),
        *[cols.get(flag, blank) for flag in observations.flag_names()],
        strict=True,
    )
    cells = zip(
        table.numbers,
        cols["value"],
        cols["source_url"],
        cols.get("source_title", blank),
        cols.get("quote", blank),
        cols.get("note", blank),
        cols.get("source_kind", blank),
        strict=True,
    )
    numbers, name = _Numbers(), path.name
    out, missing = [], 0
    for i, (key, (n, value_text, url, title, quote, note, kind)) in enumerate(
        zip(keys, cells, strict=True)
    ):
        checked = observations.checked(cat, key)
        value = numbers.value(value_text)
        row = None
        if isinstance(checked[1], dict) and url.startswith(("http://", "https://")):
            if value is _MISSING:
                missing += 1
                continue
            if value is not None:
                row = _figure(checked, value)
        if row is None:  # not the usual row: the reference path returns it, skips it or raises
            row = clean_row(path, n, {c: v[i] for c, v in cols.items()}, cat, sheet)
            if row is None:
                missing += 1
                continue
            out.append(row)
            continue
        row["value_published"] = value_text
        row["source_url"] = url
        row["source_title"] = title
        row["quote"] = quote
        row["note"] = note
        row["file"] = name
        row["sheet"] = sheet
        row["row"] = n
        row["_path"] = path
        row["_source_kind_stated"] = bool(kind)
        out.append(row)
    return out, missing


_MISSING = object()


class _Numbers:
    """A value cell as ``_clean`` reads it, worked out once per distinct text: ``_MISSING``
    (marked missing), the number, or None (not a number)."""

    def __init__(self):
        self.seen: dict[str, object] = {}

    def value(self, text: str):
        got = self.seen.get(text)
        if got is None and text not in self.seen:
            if is_missing(text):
                got = _MISSING
            else:
                try:
                    got = parse_number(text)
                except ValueError:
                    got = None
            self.seen[text] = got
        return got


def _figure(checked: tuple, value: Decimal) -> dict | None:
    """The row of a figure whose cells were checked, or None when its value is out of range."""
    series, template = checked
    factor = template["_factor"]
    converted = value if factor == 1 else plain(value * factor)
    lo, hi = series["info"]["min"], series["info"]["max"]
    if (lo is not None and converted < lo) or (hi is not None and converted > hi):
        return None
    row = template.copy()
    del row["_factor"]
    row["value"] = converted
    return row


def read_all(cat: Catalogue, folder: Path | None = None) -> tuple[list[dict], int, list[str]]:
    """All valid figures from every file, how many rows were marked missing, and notes: the
    files not read (with why) and the unfilled rows passed over (with their numbers). Raises
    ``InputError`` on the first bad row and on implausible figures."""
    out, missing, notes = [], 0, []
    files = records.observation_files(folder)
    with no_cycle_collection():
        for path in files.read:
            passed_over: dict[str, list[int]] = {}
            for table in records.read_tables(path, records.sheets_of(path)):
                rows, n_missing = clean_table(path, table, cat)
                out += rows
                missing += n_missing
                passed_over.setdefault(table.sheet, []).extend(_unfilled(table))
            notes += [
                _said(path, sheet, numbers) for sheet, numbers in passed_over.items() if numbers
            ]
    plausibility.check_magnitudes(out, cat)
    return out, missing, files.skipped + notes


def _unfilled(table: records.Table) -> list[int]:
    """Numbers of a table's rows with no value and no source (``observations.unfilled``)."""
    cols = table.columns
    return [
        n
        for n, value, url in zip(table.numbers, cols["value"], cols["source_url"], strict=True)
        if observations.unfilled(value, url)
    ]


def _said(path: Path, sheet: str, numbers: list[int]) -> str:
    """The note for a file's (or sheet's) unfilled rows: how many, and the first of them."""
    where = f"{path}" + (f", sheet {sheet!r}" if sheet else "")
    shown = ", ".join(map(str, numbers[:10])) + (", …" if len(numbers) > 10 else "")
    return (
        f"{where}: {len(numbers)} row(s) with no value and no source passed over as unfilled "
        f"(row {shown})"
    )


@contextmanager
def no_cycle_collection():
    """The cycle collector paused while many rows are made and kept: rows hold no cycles, and
    the collector would rescan them thousands of times (memory is freed by reference count)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
