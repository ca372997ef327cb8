"""From an observation file to records: find the header row (in CSV/TSV, in every sheet of a
workbook, or in the sheets a sidecar names), map header spellings to columns, skip empty and note
rows, and list the files of a folder that are read, refused or not read.

Cells are cleaned (full-width forms, stray spaces) except the verbatim columns (sources, quotes),
which keep exactly what the file says.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import provenance, readers
from planwatch.parse.normalise import clean_text, is_number
from planwatch.paths import read_vocab


@cache
def vocab() -> dict:
    """The observation files' vocabulary (``vocab/observations.yml``): columns, flags, rules."""
    return read_vocab("observations")


def _canonical_columns(header: list[str]) -> dict[int, str]:
    aliases = {}
    for col, names in vocab()["column_aliases"].items():
        aliases[col] = col
        for n in names:
            aliases[n.lower()] = col
    out = {}
    for i, h in enumerate(header):
        key = clean_text(str(h or "")).lower()
        if key in aliases and aliases[key] not in out.values():
            out[i] = aliases[key]
    return out


def _header_at(grid_head: list[list[str]]) -> int | None:
    required = vocab()["required"]
    return next(
        (
            i
            for i, row in enumerate(grid_head)
            if set(required) <= set(_canonical_columns(row).values())
        ),
        None,
    )


def _looks_like_data(rows: list[list[str]]) -> bool:
    """Two rows of three or more cells with a number among them: figures, not notes or lists."""
    full = [r for r in rows if sum(bool(str(c).strip()) for c in r) >= 3]
    numbers = sum(is_number(c) for r in full for c in r)
    return len(full) >= 2 and numbers > 0


def read_rows(
    path: Path, sheets: list[str] | None = None, *, by_column: bool = False
) -> Iterator[tuple[int, dict, str]]:
    """(row number as a spreadsheet counts, {column: text}, sheet name or '') for every data row of
    a CSV/TSV file or of every sheet of a workbook (or of the sheets named); ``by_column``: a
    grid read by column comes as one ``Table`` instead (see ``read_tables``)."""
    required = vocab()["required"]
    found = False
    for grid in readers.grids(path, sheets):
        head = list(itertools.islice(grid.rows, 10))
        texts_head = [[str(c) for c in cells] for _, cells in head]
        h = _header_at(texts_head)
        if h is None:
            if grid.sheet is not None and not sheets and not _looks_like_data(texts_head):
                continue  # a notes or lists sheet of a workbook
            first = _canonical_columns(texts_head[0]) if texts_head else {}
            lacking = [c for c in required if c not in first.values()]
            raise InputError(
                path,
                f"no header row: missing required column(s) {', '.join(lacking)}",
                head[0][0] if head else 1,
                "header",
                expected=f"a header row with {', '.join(required)} (or their Chinese names) "
                "within the first 10 rows",
                sheet=grid.sheet,
            )
        found = True
        cols = list(_canonical_columns(texts_head[h]).items())
        sheet = grid.sheet or ""
        note_prefixes = tuple(vocab()["note_prefixes"])
        verbatim = set(vocab()["verbatim"])
        cleaned = [(i, col) for i, col in cols if col not in verbatim]
        kept = [(i, col) for i, col in cols if col in verbatim]
        get_cleaned = operator.itemgetter(*[i for i, _ in cleaned], -1)  # -1: always a tuple
        get_kept = operator.itemgetter(*[i for i, _ in kept], -1)
        cleaned_names = [col for _, col in cleaned]
        kept_names = [col for _, col in kept]
        named = _named_width(texts_head[h]) if grid.sheet is None else None
        if grid.columns is not None:
            end = _first_beyond(grid.columns, h + 1, named)
            table = _column_table(grid.columns, h + 1, end, cleaned, kept, sheet, note_prefixes)
            yield from [table] if by_column else _records_of(table)
            if end is not None:
                raise _beyond(path, end + 1, [c[end] for c in grid.columns], named)
            continue
        width = max(i for i, _ in cols) + 2  # one spare cell for the -1 above
        for n, cells in itertools.chain(head[h + 1 :], grid.rows):
            if named is not None and len(cells) > named and any(map(str.strip, cells[named:])):
                raise _beyond(path, n, cells, named)
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            record = dict(zip(cleaned_names, map(clean_text, get_cleaned(cells)), strict=False))
            record.update(zip(kept_names, get_kept(cells), strict=False))  # byte for byte
            if not all(record[c] for c in required) and _skipped(cells, record, note_prefixes):
                continue
            yield n, record, sheet
    if not found:
        raise InputError(
            path,
            "no sheet holds a header row of figures",
            expected=f"a sheet with columns {', '.join(required)} (or their Chinese names)",
        )


def _named_width(header: list[str]) -> int:
    """Cells of a header row up to its last one with a name."""
    return max((i + 1 for i, h in enumerate(header) if h.strip()), default=0)


def _first_beyond(columns: list[list[str]], start: int, named: int | None) -> int | None:
    """The index of the first row (from ``start``) with a cell right of the header's last named
    cell, in a grid read by column; None when there is none."""
    if named is None:
        return None
    hits = [
        next((k for k, c in enumerate(col[start:], start) if c.strip()), None)
        for col in columns[named:]
    ]
    return min((k for k in hits if k is not None), default=None)


def _beyond(path: Path, n: int, cells: list[str], named: int) -> InputError:
    """A CSV row with cells right of the header's last named cell: most often a cell holding a
    comma that is not quoted, which shifts the cells after it; they would be lost."""
    k = next(i for i, c in enumerate(cells) if i >= named and c.strip())
    return InputError(
        path,
        f"a cell right of the header's last named column (column {named}): it belongs to no "
        "column and would be lost",
        n,
        str(k + 1),
        cells[k],
        expected='a cell that holds a comma in quotes ("…, …"), or a header for that column',
    )


CHUNK = 4096  # rows of a sheet read row by row, cleaned together


@dataclass
class Table:
    """Records of one grid (or part of one) by column: ``numbers`` as a spreadsheet counts rows,
    ``columns`` {column: cells}, every list of one length."""

    numbers: list[int]
    columns: dict[str, list[str]]
    sheet: str


def read_tables(path: Path, sheets: list[str] | None = None) -> Iterator[Table]:
    """The records of ``read_rows`` by column: a grid read by column in one table, other grids
    in tables of up to ``CHUNK`` rows. A reader's error after some rows comes after the table
    of those rows, so problems are met in the order of the rows either way."""
    numbers: list[int] = []
    records: list[dict] = []
    sheet_now = ""
    rows = read_rows(path, sheets, by_column=True)
    while True:
        try:
            item = next(rows)
        except StopIteration:
            break
        except InputError:
            if records:
                yield _table(numbers, records, sheet_now)
            raise
        if isinstance(item, Table):
            if records:
                yield _table(numbers, records, sheet_now)
                numbers, records = [], []
            yield item
            continue
        n, record, sheet = item
        if records and (sheet != sheet_now or len(records) >= CHUNK):
            yield _table(numbers, records, sheet_now)
            numbers, records = [], []
        sheet_now = sheet
        numbers.append(n)
        records.append(record)
    if records:
        yield _table(numbers, records, sheet_now)


def _table(numbers: list[int], records: list[dict], sheet: str) -> Table:
    names = list(dict.fromkeys(k for r in records for k in r))
    return Table(numbers, {c: [r.get(c, "") for r in records] for c in names}, sheet)


def _skipped(cells: list[str], record: dict, note_prefixes: tuple[str, ...]) -> bool:
    """An empty row, or a note row (注:…) under the data, of a row lacking a required cell."""
    if not "".join(cells).strip():
        return True
    first = clean_text(next(c for c in cells if c.strip()))
    required = vocab()["required"]
    return first.startswith(note_prefixes) and not any(
        record[c] for c in required if record[c] != first
    )


def _records_of(table: Table) -> Iterator[tuple[int, dict, str]]:
    """A table's records one at a time, as the row-by-row loop yields them."""
    names = list(table.columns)
    for n, *row in zip(table.numbers, *table.columns.values(), strict=True):
        yield n, dict(zip(names, row, strict=True)), table.sheet


def _column_table(
    columns: list[list[str]],
    start: int,
    end: int | None,
    cleaned: list[tuple[int, str]],
    kept: list[tuple[int, str]],
    sheet: str,
    note_prefixes: tuple[str, ...],
) -> Table:
    """The records of a grid read by column (rows from index ``start`` up to ``end``) as one
    table, each column cleaned in one pass (verbatim columns byte for byte); empty and note rows
    left out."""
    names = [col for _, col in cleaned] + [col for _, col in kept]
    values = [_cleaned(columns[i][start:end]) for i, _ in cleaned]
    values += [columns[i][start:end] for i, _ in kept]
    required = [values[names.index(c)] for c in vocab()["required"]]
    lacking = [k for k, row in enumerate(zip(*required, strict=True)) if not all(row)]
    dropped = set()
    for k in lacking:
        cells = [c[start + k] for c in columns]
        if _skipped(cells, {n: v[k] for n, v in zip(names, values, strict=True)}, note_prefixes):
            dropped.add(k)
    keep = [k for k in range(len(values[0]) if values else 0) if k not in dropped]
    if dropped:
        values = [[v[k] for k in keep] for v in values]
    numbers = [start + k + 1 for k in keep]
    return Table(numbers, dict(zip(names, values, strict=True)), sheet)


def _cleaned(cells: list[str]) -> list[str]:
    """``clean_text`` of every cell, computed once per distinct cell."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(np.asarray(cells, dtype=object))
    return np.asarray([clean_text(u) for u in uniques], dtype=object)[codes].tolist()


@dataclass
class Files:
    """What a folder holds: files to read, and the others with why they are not read."""

    read: list[Path]
    skipped: list[str]


def observation_files(folder: Path | None = None) -> Files:
    """Every .csv/.tsv/.xlsx file (any letter case) of the folder, resolved inside data/raw/.
    A spreadsheet in a format that is not read is an error; other files and folders are listed."""
    base = paths.raw_dir() if folder is None else Path(folder)
    folder = folder or paths.observations_dir()
    read, skipped = [], []
    for p in sorted(folder.iterdir()):
        kind = readers.classify(p)
        if kind == "hidden":
            continue
        if kind == "dir":
            skipped.append(f"{p}: a folder, not read")
            continue
        readers.inside(p, base)
        if kind == "refused":
            raise readers.refuse_format(p)
        if kind == "ignored":
            skipped.append(f"{p}: not a .csv, .tsv or .xlsx file, not read")
            continue
        read.append(p)
    return Files(read, skipped)


def sheets_of(path: Path) -> list[str] | None:
    """Sheets named in the file's sidecar (``sheets: [..]`` or ``sheet: name``), else all."""
    if readers.READ[path.suffix.lower()] != "xlsx" or not provenance.sidecar_path(path).exists():
        return None
    meta = provenance.read_sidecar(path)
    named = meta.get("sheets", meta.get("sheet"))
    if named is None:
        return None
    named = [named] if isinstance(named, str) else named
    if not isinstance(named, list) or not all(isinstance(x, str) and x for x in named):
        raise InputError(
            provenance.sidecar_path(path),
            "sheets must be a sheet name or a list of sheet names",
            column="sheets",
            value=named,
        )
    return named
