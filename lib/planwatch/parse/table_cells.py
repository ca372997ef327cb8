"""From plan text to the cells of a table, in the layouts scrapes and PDF extractions produce:

- rows, one per line, with cells separated by ``|``, tabs or runs of two or more spaces;
- one cell per line, the seed's scrape (empty cells left out) or with every cell line ending in a
  delimiter (``2025 年 |``) and a bare delimiter (``|``) for an empty cell;
(Run-together text from a PDF is read by ``table_run``.)

Lines starting with ``#`` are comments. Every cell keeps its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.parse.normalise import clean_text
from planwatch.parse.table_header import (
    category_name,
    is_footer,
    is_group_label,
    label_role,
    looks_like_header,
    vocab,
    year_cell,
)


@dataclass
class Cell:
    text: str  # after clean_text
    line: int
    open: bool = False  # in a stream of delimited cells: this line did not end with one


def lines_of(text: str) -> list[tuple[int, str]]:
    """(line number, text) of every line; comment lines (``#``) become blank."""
    return [
        (n, "" if line.lstrip().startswith("#") else line)
        for n, line in enumerate(text.splitlines(), start=1)
    ]


def split(line: str, delim: str) -> list[str] | None:
    """The cells of a delimited line, or None when the line holds no such delimiter."""
    if delim == "  ":
        parts = re.split(r"\s{2,}|\u3000+", line.strip())
        return [clean_text(c) for c in parts] if len(parts) > 1 else None
    if delim not in line:
        return None
    cells = [_unmark(clean_text(c)) for c in line.split(delim)]
    if delim == "|" and line.strip().startswith("|"):
        cells = cells[1:]
    if delim == "|" and line.strip().endswith("|"):
        cells = cells[:-1]
    return cells


def _header_cells(cells: list[str]) -> bool:

    return len(cells) >= 2 and looks_like_header(cells)


def find_delimited(lines: list[tuple[int, str]]) -> tuple[str, int] | None:
    """(delimiter, index in lines) of the first delimited header row."""
    for delim in vocab()["delimiters"]:
        for i, (_, line) in enumerate(lines):
            cells = split(line, delim)
            if cells and _header_cells(cells):
                return delim, i
    return None


_MARKUP_RE = re.compile(r"^(\*\*|__|\*|`)(.+)\1$")


def _unmark(cell: str) -> str:
    """A markdown table cell without its emphasis or code marks: ``**TTFT**`` → ``TTFT``."""
    m = _MARKUP_RE.match(cell)
    return m.group(2).strip() if m else cell


def find_group_header(lines) -> tuple[list[str], int] | None:
    """(labels, line) of a header whose columns are regions or groups (城镇 农村), not years."""

    def groups(cells):
        return sum(is_group_label(c) for c in cells) >= 2 and any(
            label_role(c) == "indicator" for c in cells
        )

    for n, line in lines:
        for delim in vocab()["delimiters"]:
            cells = split(line, delim)
            if cells and groups(cells):
                return cells, n
    cells, _ = cell_stream(lines)
    for i in range(len(cells)):
        window = [c.text for c in cells[i : i + 4]]
        if label_role(window[0]) == "indicator" and groups(window):
            return window, cells[i].line
    return None


def delimited_rows(lines, start: int, delim: str) -> list[list[Cell]]:
    """Rows after the header at ``start``, until the first line that is neither delimited, nor
    blank, nor a category heading on its own."""
    rows = []
    for n, raw in lines[start + 1 :]:
        if not raw.strip():
            continue
        cells = split(raw, delim)
        if cells is None:
            text = clean_text(raw)
            if category_name(text) and len(text) <= 30 and "。" not in text:
                rows.append([Cell(text, n)])
                continue
            break
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue  # markdown separator row
        rows.append([Cell(c, n) for c in cells])
    return rows


def footer_of(cells: list[Cell]) -> str | None:
    """The text of the first footer cell (资料来源:…, 注:…) among ``cells``, or None."""
    return next((c.text for c in cells if is_footer(c.text)), None)


def footer_after(lines, last: int) -> list[str]:
    """The footer lines just under a table's last line (blank and delimiter-only lines skipped)."""
    after = [clean_text(t).strip("|\t ") for n, t in lines if n > last]
    out = []
    for text in [t for t in after if t][:3]:
        if not is_footer(text):
            break
        out.append(text)
    return out


# --- one cell per line -------------------------------------------------------------------------


def cell_stream(lines) -> tuple[list[Cell], bool]:
    """Non-blank lines as cells, and whether cells are explicit (lines end with a delimiter; a
    bare delimiter is an empty cell)."""
    raw = [(n, line.strip()) for n, line in lines if line.strip()]
    ends = sum(line.endswith(("|", "\t")) for _, line in raw)
    explicit = len(raw) > 0 and ends >= 0.5 * len(raw)
    cells = []
    for n, line in raw:
        ended = line.endswith(("|", "\t"))
        if explicit and ended:
            line = line[:-1]
        cells.append(Cell(clean_text(line), n, explicit and not ended))
    return cells, explicit


def find_cell_header(cells: list[Cell]) -> tuple[int, int] | None:
    """(first, end) indexes of the header cells in a one-cell-per-line stream."""
    for i, c in enumerate(cells):
        if year_cell(c.text) is None:
            continue
        start = i
        while start > 0 and _header_label(cells[start - 1].text):
            start -= 1
        end = i
        while end < len(cells) and (
            year_cell(cells[end].text) is not None
            or label_role(cells[end].text)
            in ("unit", "attribute", "source", "note", "weight", "change")
        ):
            end += 1
        labels = [x.text for x in cells[start:end]]
        n_years = sum(year_cell(t) is not None for t in labels)
        known = sum(label_role(t) is not None for t in labels)
        if n_years >= 2 or known >= 1:
            has_column = any(label_role(t) == "indicator" or t == "" for t in labels[: i - start])
            if not has_column and start > 0:
                prev = cells[start - 1].text
                if not vocab()["_end"].search(prev) and len(prev) <= 24:
                    start -= 1  # the title (or an empty cell) heads the indicator column
            return start, end
    return None


def _header_label(text: str) -> bool:
    return label_role(text) is not None or text == ""
