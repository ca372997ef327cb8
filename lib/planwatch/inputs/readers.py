"""Turn one input file into grids of text cells: CSV or TSV in any common encoding, every sheet of
an .xlsx workbook. Every problem is an ``InputError`` naming the file (and the sheet, row or cell
where that applies) and what was expected; nothing else escapes.

Which files of a folder are read, refused or ignored is decided here too (``classify``), so the
provenance check and the observation reader agree.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from planwatch.errors import InputError
from planwatch.parse.normalise import plain
from planwatch.parse.source import decode, read_bytes  # noqa: F401 (readers' public names)
from planwatch.paths import read_vocab

FIELD_LIMIT = 16 * 1024 * 1024  # characters in one CSV field (Python's default is 128 KiB)
READ = {".csv": "csv", ".tsv": "tsv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
# Spreadsheet formats that are not read: a clear error rather than a silently ignored file.
REFUSED = {
    ".xls": "an old-format Excel workbook",
    ".xlsb": "a binary Excel workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".et": "a WPS spreadsheet",
    ".numbers": "a Numbers spreadsheet",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


FAST_CHARS = 1 << 20  # a CSV text this long is parsed by pandas' C parser (same cells, faster)
SNIFF_CHARS = 1 << 20  # characters searched for the first line with something on it (delimiter)
SCAN_CELLS = 4096  # cells of a parsed column joined at a time to look for a CR or a huge field


@dataclass
class Grid:
    """The rows of one CSV file or one workbook sheet: (row number as a spreadsheet counts, cells).
    A large CSV also has its ``columns`` (equal-length lists of cells, row i at index i - 1)."""

    sheet: str | None
    rows: Iterator[tuple[int, list[str]]]
    columns: list[list[str]] | None = None


def classify(path: Path) -> str:
    """'read', 'refused', 'ignored' (another kind of file), 'hidden' or 'dir'."""
    if path.name.startswith((".", "~$")) or path.name.endswith(".meta.yml"):
        return "hidden"
    if path.is_dir():
        return "dir"
    suffix = path.suffix.lower()
    if suffix in READ:
        return "read"
    if suffix in REFUSED:
        return "refused"
    return "ignored"


def refuse_format(path: Path) -> InputError:
    what = REFUSED[path.suffix.lower()]
    return InputError(
        path,
        f"{what} cannot be read",
        expected="open it in Excel or LibreOffice and save it as .xlsx (or .csv)",
    )


def inside(path: Path, folder: Path) -> None:
    """Refuse a file (or symlink) that resolves outside ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        raise InputError(
            path,
            f"resolves outside {folder} (to {path.resolve()})",
            expected=f"a file inside {folder}; copy the file in instead of linking to it",
        ) from None


def grids(path: Path, sheets: list[str] | None = None) -> list[Grid]:
    """The grids of a file: one for CSV/TSV, one per sheet (or per named sheet) of a workbook."""
    kind = READ.get(path.suffix.lower())
    if kind is None:
        raise (
            refuse_format(path)
            if path.suffix.lower() in REFUSED
            else InputError(
                path, "not a file planwatch reads", expected="a .csv, .tsv or .xlsx file"
            )
        )
    size = path.stat().st_size if path.is_file() else 0
    if size > _limits()["bytes"]:
        raise InputError(
            path,
            f"the file is {size:,} bytes, over the limit of {_limits()['bytes']:,}",
            expected="a smaller file: split it, or raise `limits` in vocab/observations.yml",
        )
    data = read_bytes(path)
    if not data or data.isspace():
        raise InputError(path, "empty file", expected="a header row and rows of figures")
    if kind == "xlsx":
        return _workbook(path, data, sheets)
    columns = _utf8_columns(data, kind)
    if columns is None:
        text = decode(path, data)
        delimiter = "\t" if kind == "tsv" else _sniff(text[:SNIFF_CHARS].splitlines())
        columns = csv_columns(text, delimiter) if len(text) >= FAST_CHARS else None
        if columns is None:
            return [Grid(None, _csv_rows(path, text, delimiter))]
    rows = ((i + 1, [c[i] for c in columns]) for i in range(len(columns[0])))
    return [Grid(None, rows, columns)]


def _sniff(lines: list[str]) -> str:
    """Tab-separated when the first line with something on it has a tab and no comma."""
    first = next((line for line in lines if line.strip()), "")
    return "\t" if "\t" in first and "," not in first else ","


def _utf8_columns(data: bytes, kind: str) -> list[list[str]] | None:
    """The columns of a large file of UTF-8 text with no byte-order mark or NUL, parsed straight
    from its bytes (no decoded copy of the whole text, line ends as they are: the parser reads
    CRLF and CR as line ends); None for any other file and when its bytes are not UTF-8 (then
    ``decode`` finds the encoding)."""
    if len(data) < FAST_CHARS or data.startswith(codecs.BOM_UTF8) or b"\x00" in data:
        return None
    # The delimiter as ``_sniff`` finds it in the text, from whole lines of the first bytes.
    lines = data[:SNIFF_CHARS].decode("utf-8", "ignore").splitlines()
    if len(data) > SNIFF_CHARS:
        lines.pop()  # perhaps cut short
    if not any(line.strip() for line in lines):
        return None
    return _parsed(data, "\t" if kind == "tsv" else _sniff(lines))


def _csv_rows(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    csv.field_size_limit(FIELD_LIMIT)
    # newline=None: classic-Mac (CR) and Windows (CRLF) line endings read like LF.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    n = 0  # records, as a spreadsheet numbers them (a quoted line break stays in its cell)
    held, start = None, 1  # the last record and its first line: given once the next is read
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            msg = str(exc)
            if "field larger than field limit" in msg:
                msg = f"a field is longer than {FIELD_LIMIT // (1024 * 1024)} MiB"
            if held is not None:
                yield held
            raise InputError(
                path,
                f"unreadable CSV: {msg}",
                reader.line_num,
                expected="comma-separated rows (quote a field that holds a comma or line break)",
                where="line",
            ) from None
        if held is not None:
            yield held
        n += 1
        held, start = (n, row), line
    if held is not None:
        if _open_at_end(text, delimiter, start):
            raise InputError(
                path,
                "unreadable CSV: a quoted cell opened here is never closed (the file ends in it)",
                start,
                expected='a closing quote (") at the end of the cell, or no opening quote',
                where="line",
            )
        yield held


def _open_at_end(text: str, delimiter: str, start: int) -> bool:
    """Whether the text ends inside a quoted cell of its last record (from line ``start``): a
    line added at the end then goes into that cell, and no record is added."""
    tail = "".join(itertools.islice(io.StringIO(text, newline=None), start - 1, None))

    def records(t: str) -> int:
        return sum(1 for _ in csv.reader(io.StringIO(t, newline=None), delimiter=delimiter))

    return records(tail + "\ny") == records(tail)


def csv_columns(text: str, delimiter: str) -> list[list[str]] | None:
    """The cells of a CSV text by column, as ``_csv_rows`` reads them (universal newlines, a
    short row padded with empty cells; empty lines at the very end may be left out), parsed by
    pandas' C parser; None when that parser cannot promise the same cells (NUL characters, a
    field over the limit, a row longer than the first, an open quote at the end): the caller
    then reads it row by row and reports the problem."""
    if "\x00" in text:
        return None
    return _parsed(text.encode("utf-8"), delimiter)


def _parsed(data: bytes, delimiter: str) -> list[list[str]] | None:
    """``csv_columns`` of UTF-8 bytes holding no NUL; None also when they are not UTF-8."""
    import pandas as pd

    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            sep=delimiter,
            header=None,
            dtype=str,
            na_filter=False,
            keep_default_na=False,
            skip_blank_lines=False,
            quotechar='"',
            doublequote=True,
            engine="c",
            encoding="utf-8",
            encoding_errors="strict",
        )
    except (pd.errors.ParserError, ValueError, UnicodeError):
        return None
    columns = [frame[c].tolist() for c in frame.columns]
    for k, cells in enumerate(columns):
        for start in range(0, len(cells), SCAN_CELLS):
            some = cells[start : start + SCAN_CELLS]
            joined = "".join(some)
            if len(joined) > FIELD_LIMIT and max(map(len, some)) > FIELD_LIMIT:
                return None
            if "\r" in joined:  # only inside quotes: read as newline=None reads it, as LF
                columns[k] = [_lf(c) for c in cells]
                break
    return columns


def _lf(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


# --- workbooks -------------------------------------------------------------------------------

_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[ >/]")


def _has_formulas(path: Path, data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return any(
            _FORMULA_RE.search(z.read(n))
            for n in z.namelist()
            if n.startswith("xl/worksheets/") and n.endswith(".xml")
        )


def _workbook(path: Path, data: bytes, wanted: list[str] | None) -> list[Grid]:
    from openpyxl import load_workbook

    if data.startswith(OLE_MAGIC):
        raise InputError(
            path,
            "an old-format .xls (or a password-protected) workbook saved under an .xlsx name",
            expected="open it in Excel or LibreOffice and save it as .xlsx",
        )
    if not data.startswith(b"PK"):
        raise InputError(
            path, "not an .xlsx workbook (it is not a zip archive)", expected="an .xlsx file"
        )
    _unpacked(path, data)
    try:
        formulas = _has_formulas(path, data)
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        wbf = load_workbook(io.BytesIO(data), read_only=True) if formulas else None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(
            path,
            f"cannot open the workbook ({type(exc).__name__}: {exc})",
            expected="an .xlsx workbook saved by Excel or LibreOffice",
        ) from None
    names = wb.sheetnames
    if wanted:
        unknown = [s for s in wanted if s not in names]
        if unknown:
            raise InputError(
                path,
                f"sheet(s) named in the sidecar not in the workbook: {', '.join(unknown)}",
                expected=f"one of {', '.join(names)}",
            )
    return [
        Grid(name, _sheet_rows(path, wb[name], wbf[name] if wbf else None))
        for name in (wanted or names)
    ]


def _limits() -> dict:
    return read_vocab("observations")["limits"]


def _unpacked(path: Path, data: bytes) -> None:
    """Refuse a workbook that would unpack to more than the limit, before it is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile:
        return  # openpyxl says the file is damaged
    if total > _limits()["unpacked_bytes"]:
        raise InputError(
            path,
            f"the workbook unpacks to {total:,} bytes, over the limit of "
            f"{_limits()['unpacked_bytes']:,}",
            expected="a smaller workbook (or raise `limits` in vocab/observations.yml)",
        )


def _too_big(path: Path, sheet: str, rows: int, cells: int) -> InputError:
    lim = _limits()
    return InputError(
        path,
        f"the sheet has {rows:,} rows and {cells:,} cells, over the limits of "
        f"{lim['rows']:,} rows or {lim['cells']:,} cells",
        expected="a smaller sheet: split it, or raise `limits` in vocab/observations.yml",
        sheet=sheet,
    )


def _sheet_rows(path: Path, ws, wsf) -> Iterator[tuple[int, list[str]]]:
    from openpyxl.utils import get_column_letter

    lim = _limits()
    declared_rows, declared_cols = ws.max_row or 0, ws.max_column or 0
    if declared_rows > lim["rows"] or declared_rows * declared_cols > lim["cells"]:
        raise _too_big(path, ws.title, declared_rows, declared_rows * declared_cols)
    try:
        cells_read = 0
        values = ws.iter_rows(values_only=True)
        formulas = wsf.iter_rows(values_only=True) if wsf is not None else None
        for n, row in enumerate(values, start=1):
            frow = next(formulas, ()) if formulas is not None else ()
            cells_read += len(row)
            if n > lim["rows"] or cells_read > lim["cells"]:  # a sheet that declared less
                raise _too_big(path, ws.title, n, cells_read)
            cells = [_cell(v) for v in row]
            for i, f in enumerate(frow):
                if isinstance(f, str) and f.startswith("=") and (i >= len(row) or row[i] is None):
                    raise InputError(
                        path,
                        f"formula cell {get_column_letter(i + 1)}{n} has no stored value ({f[:60]})",
                        n,
                        expected="values: open and save the file in Excel or LibreOffice, "
                        "which store each formula's result",
                        sheet=ws.title,
                    )
            yield n, cells
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            path,
            f"the workbook is damaged ({type(exc).__name__}: {exc})",
            expected="an .xlsx workbook saved by Excel or LibreOffice",
            sheet=ws.title,
        ) from None


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).upper()
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return str(v)
        return format(plain(Decimal(repr(v))), "f")
    return str(v)
