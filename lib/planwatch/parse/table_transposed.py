"""A table whose years run down the rows and whose indicators run across (statistical summaries
are often laid out so): ``全社会研发经费 | 研发人员 …`` then ``2015年 | 1.42万亿元 | 376万人 …``.
Found in delimited lines or one cell per line, and turned the usual way round: one row per
indicator, one column per year, every cell keeping its line."""

from __future__ import annotations

from planwatch.parse.table_cells import Cell, cell_stream, split
from planwatch.parse.table_header import vocab, year_cell
from planwatch.parse.table_values import read_cell

YEAR_LABELS = ("年份", "年度", "时间", "年")


def _label(text: str) -> bool:
    """A column heading: words, not a year and not a value."""
    return bool(text) and year_cell(text) is None and bool(read_cell(text).problem)


def _turn(names: list[Cell], years: list[Cell], values: list[list[Cell]]) -> list[list[Cell]]:
    head = [Cell("指标", names[0].line)] + years
    return [head] + [[n] + [row[k] for row in values] for k, n in enumerate(names)]


def _delimited(lines) -> list[list[Cell]] | None:
    for delim in vocab()["delimiters"]:
        for i, (n, line) in enumerate(lines):
            cells = split(line, delim)
            if not cells or len(cells) < 2:
                continue
            if cells[0] in YEAR_LABELS or not cells[0]:
                cells = cells[1:]
            if len(cells) < 2 or not all(_label(c) for c in cells):
                continue
            years, values = [], []
            for m, row_line in lines[i + 1 :]:
                row = split(row_line, delim) if row_line.strip() else None
                if row is None or year_cell(row[0]) is None or len(row) != len(cells) + 1:
                    break
                years.append(Cell(row[0], m))
                values.append([Cell(c, m) for c in row[1:]])
            if len(years) >= 2:
                return _turn([Cell(c, n) for c in cells], years, values)
    return None


def _stream(lines) -> list[list[Cell]] | None:
    cells, _ = cell_stream(lines)
    for i in range(len(cells)):
        k = 0
        while i + k < len(cells) and _label(cells[i + k].text):
            k += 1
        if k < 2:
            continue
        years, values, j = [], [], i + k
        while j + k < len(cells) and year_cell(cells[j].text) is not None:
            group = cells[j + 1 : j + 1 + k]
            if any(year_cell(c.text) is not None for c in group):
                break
            years.append(cells[j])
            values.append(group)
            j += k + 1
        if len(years) >= 2:
            return _turn(cells[i : i + k], years, values)
    return None


def find_transposed(lines) -> list[list[Cell]] | None:
    """The rows of a table with years down its first column, turned: a header row (指标 and the
    years), then one row per indicator; None when the text holds no such table."""
    return _delimited(lines) or _stream(lines)
