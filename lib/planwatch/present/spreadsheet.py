"""Every CSV and Excel file planwatch hands to a person (report downloads, explorer exports, data
entry templates): UTF-8 with BOM so Excel opens Chinese correctly, and no cell that a spreadsheet
would run as a formula (OWASP's advice on CSV injection: a text cell starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return gets a leading apostrophe; numbers stay numbers)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_RE = re.compile(r"[+-]?\d+(?:\.\d+)?")
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``+1``, ``@SUM``)
    gets a leading apostrophe, so it is shown as text; numbers and other text are left as they
    are."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _NUMBER_RE.fullmatch(value)
    ):
        return "'" + value
    return value


def _cell(value):
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (dict, list, tuple, set)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return neutralise(value)


def csv_text(headers: Sequence, rows: Iterable[Sequence]) -> str:
    """CSV text (CRLF line ends, as RFC 4180 has it: a cell holding CR or LF is then quoted)
    with every cell neutralised."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([_cell(h) for h in headers])
    for row in rows:
        w.writerow([_cell(v) for v in row])
    return buf.getvalue()


def csv_bytes(headers: Sequence, rows: Iterable[Sequence]) -> bytes:
    """CSV as UTF-8 with BOM (Excel then reads Chinese text correctly), cells neutralised."""
    return csv_text(headers, rows).encode("utf-8-sig")


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters, none of ``[]:*?/\\``)."""
    base = SHEET_NAME_BAD.sub("_", str(text)).strip("'") or "sheet"
    name, n = base[:31], 1
    while name in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name)
    return name


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """A workbook of (sheet name, headers, rows); every text cell is stored as text, never as a
    formula, and neutralised as in CSV."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for title, headers, rows in sheets:
        ws = wb.create_sheet(sheet_name(title, taken))
        for values in [headers, *rows]:
            ws.append(
                [v if isinstance(v, (int, float, bool)) and v == v else _cell(v) for v in values]
            )
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl would store "=…" as a formula
    if not wb.sheetnames:
        wb.create_sheet("empty")
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_times(buf.getvalue())


FIXED_TIME = datetime.datetime(2000, 1, 1)  # the same workbook gives the same bytes


def _fixed_times(data: bytes) -> bytes:
    """The archive with every member dated ``FIXED_TIME`` (openpyxl stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    data,
                )
            dst.writestr(fixed, data)
    return out.getvalue()
