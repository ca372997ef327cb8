"""The indicator table of a file: plain text in any common encoding (``parse.source``), or a
document (an HTML page whatever its extension, a PDF with a text layer, a Word .docx) whose
tables ``parse.document`` reads as grids, each tried as tab-separated rows."""

from __future__ import annotations

from pathlib import Path

from planwatch.errors import NoTableError
from planwatch.parse import document, source
from planwatch.parse.table import Table, parse_table


def parse_table_file(
    path: Path | str,
    table: int | None = None,
    pages: tuple[int, int] | None = None,
    baseline_year: int | None = None,
) -> Table:
    """The indicator table of a file: plain text in any common encoding, or a document (an HTML
    page whatever its extension, a PDF with a text layer, a Word .docx) whose tables are read
    as grids. In a document, the table read is ``table`` (1-based, as ``document_tables`` lists
    them) or else the one that gives the most indicator rows; ``pages`` narrows a PDF. Every
    problem is an ``InputError`` naming the file."""
    path = Path(path)
    grids = document_tables(path, pages)
    if grids is None:
        text = source.read_text(path, "plan text with an indicator table", error=NoTableError)
        return parse_table(text, path, baseline_year)
    if not grids:
        raise NoTableError(path, "the document holds no table", expected="a table of indicators")
    if table is not None:
        if not 1 <= table <= len(grids):
            raise NoTableError(
                path, f"there is no table {table}", expected=f"a table from 1 to {len(grids)}"
            )
        return _from_grid(grids[table - 1], path, baseline_year)
    best = None
    for grid in grids:
        try:
            found = _from_grid(grid, path, baseline_year)
        except NoTableError:
            continue
        if best is None or len(found.rows) > len(best.rows):
            best = found
    if best is None:
        raise NoTableError(
            path,
            f"no indicator table among its {len(grids)} table(s)",
            expected="a table with a year header (see parse-table --list)",
        )
    return best


def document_tables(path: Path | str, pages: tuple[int, int] | None = None) -> list | None:
    """The tables of a document file (``document.Grid``: rows of cells, where it was found), or
    None when the file is plain text."""
    path = Path(path)
    return document.grids_of(path, source.read_bytes(path), pages)


def _from_grid(grid, path: Path, baseline_year: int | None = None) -> Table:
    found = parse_table(grid.text(), path, baseline_year)
    found.where = grid.where
    return found
