"""Parse an indicator table (baselines and targets) out of plan text.

Reads the layouts Chinese plans are published in: one cell per line (scraped web pages), or one
row per line with cells separated by ``|`` or tabs; a category column or numbered category rows;
units in the indicator name or in their own 单位 column; an optional 属性 column; sub-rows
(``其中:``); missing cells. Year columns always come from the header row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from planwatch.errors import InputError, NoTableError
from planwatch.parse.normalise import (
    Value,
    clean_text,
    looks_like_value,
    normalise_unit,
    parse_value,
    split_unit,
)
from planwatch.paths import read_vocab


@cache
def _vocab() -> dict:
    v = read_vocab("table")
    v["_year"] = re.compile(v["year_pattern"])
    v["_category"] = re.compile(v["category_row_pattern"])
    v["_end"] = re.compile(v["end_pattern"])
    v["_labels"] = {lab: role for role, labs in v["header"].items() for lab in labs}
    return v


@dataclass
class Cell:
    text: str  # after clean_text
    line: int


@dataclass
class Row:
    """One indicator row of the table, before it is split into indicator-years."""

    category: str
    indicator: str
    unit: str
    values: list[Value]
    lines: tuple[int, int]
    attribute: str = ""
    parent: str = ""


@dataclass
class Table:
    years: list[int]
    rows: list[Row] = field(default_factory=list)
    title: str = ""
    header_line: int = 0
    layout: str = ""

    def records(self) -> list[dict]:
        """One record per indicator and year (the baseline is the first year column)."""
        out = []
        for order, row in enumerate(self.rows, start=1):
            for j, (year, val) in enumerate(zip(self.years, row.values, strict=True)):
                out.append(
                    {
                        "order": order,
                        "category": row.category,
                        "indicator": row.indicator,
                        "unit": row.unit,
                        "year": year,
                        "value": val.value,
                        "comparator": val.comparator if val.value is not None else "",
                        "value_high": val.value_high,
                        "annotation": val.annotation,
                        "is_baseline": j == 0,
                        "attribute": row.attribute,
                        "parent": row.parent,
                        "line_start": row.lines[0],
                        "line_end": row.lines[1],
                    }
                )
        return out


def year_of(text: str) -> int | None:
    m = _vocab()["_year"].match(text.replace(" ", ""))
    return int(m.group(1)) if m else None


def _category_name(text: str) -> str | None:
    m = _vocab()["_category"].match(text)
    return m.group(1).strip() if m else None


def _strip_subrow(name: str) -> tuple[str, bool]:
    for prefix in _vocab()["subrow_prefixes"]:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :].lstrip(":, "), True
    return name, False


def _name_and_unit(name: str, unit_cell: str | None) -> tuple[str, str]:
    if unit_cell:
        return clean_text(name), normalise_unit(unit_cell)
    return split_unit(name)


def _split_delimited(line: str, delim: str) -> list[str] | None:
    if delim not in line:
        return None
    cells = [clean_text(c) for c in line.split(delim)]
    if delim == "|" and line.strip().startswith("|"):
        cells = cells[1:]
    if delim == "|" and line.strip().endswith("|"):
        cells = cells[:-1]
    return cells


def _header_roles(labels: list[str], path: Path, line: int) -> list[str]:
    roles = []
    for lab in labels:
        if year_of(lab) is not None:
            roles.append("year")
        elif lab in _vocab()["_labels"]:
            roles.append(_vocab()["_labels"][lab])
        elif lab == "":
            roles.append("blank")
        else:
            roles.append("other")
    if "indicator" not in roles:
        # A header with years but no indicator label: the column before the first year is it.
        first_year = roles.index("year")
        if first_year == 0:
            raise InputError(path, "table header has no indicator column", line, expected="指标")
        roles[first_year - 1] = "indicator"
    return roles


def parse_table(text: str, path: Path | str = "<text>") -> Table:
    """Parse the first indicator table in ``text``; raise NoTableError when there is none."""
    lines = text.splitlines()
    for delim in _vocab()["delimiters"]:
        for i, line in enumerate(lines):
            cells = _split_delimited(line, delim)
            if cells and sum(year_of(c) is not None for c in cells) >= 2:
                return _parse_delimited(lines, i, delim, Path(path))
    return _parse_one_cell_per_line(lines, Path(path))


def _parse_delimited(lines: list[str], start: int, delim: str, path: Path) -> Table:
    header = _split_delimited(lines[start], delim) or []
    roles = _header_roles(header, path, start + 1)
    years = [year_of(c) for c, r in zip(header, roles, strict=True) if r == "year"]
    table = Table(years=years, header_line=start + 1, layout=f"delimited({delim!r})")
    category = ""
    for k in range(start + 1, len(lines)):
        raw = lines[k]
        if not raw.strip():
            continue
        cells = _split_delimited(raw, delim)
        if cells is None:
            break
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue  # markdown separator row
        lineno = k + 1
        cells = (cells + [""] * len(roles))[: len(roles)]
        by_role: dict[str, list[str]] = {}
        for c, r in zip(cells, roles, strict=True):
            by_role.setdefault(r, []).append(c)
        year_cells = by_role.get("year", [])
        name = (by_role.get("indicator") or [""])[0]
        nonempty = [c for c in cells if c]
        if all(not c for c in year_cells) and (not name or len(nonempty) == 1):
            if len(nonempty) == 1:
                category = _category_name(nonempty[0]) or nonempty[0]
                continue
        cat_cell = (by_role.get("category") or [""])[0]
        if cat_cell:
            category = _category_name(cat_cell) or cat_cell
        if not name:
            raise InputError(path, "row has no indicator name", lineno, expected="指标 text")
        values = []
        for c in year_cells:
            try:
                values.append(parse_value(c))
            except ValueError:
                raise InputError(
                    path,
                    "cannot read the value",
                    lineno,
                    column=header[roles.index("year") + len(values)],
                    value=c,
                    expected="a number, optionally with a comparator (≥ 以上 左右 …)",
                    where="line",
                ) from None
        table.rows.append(
            _make_row(
                table,
                category,
                name,
                (by_role.get("unit") or [None])[0],
                values,
                (lineno, lineno),
                (by_role.get("attribute") or [""])[0],
            )
        )
    if not table.rows:
        raise NoTableError(path, "a table header was found but no indicator rows", start + 1)
    return table


def _make_row(table, category, name, unit_cell, values, lines, attribute) -> Row:
    name, is_sub = _strip_subrow(clean_text(name))
    name, unit = _name_and_unit(name, unit_cell)
    parent = ""
    if is_sub:
        parents = [r for r in table.rows if not r.parent]
        parent = parents[-1].indicator if parents else ""
    return Row(category, name, unit, values, lines, attribute, parent)


def _parse_one_cell_per_line(lines: list[str], path: Path) -> Table:
    cells = [Cell(clean_text(t), n) for n, t in enumerate(lines, start=1) if t.strip()]
    start = next(
        (
            i
            for i in range(len(cells) - 1)
            if year_of(cells[i].text) is not None and year_of(cells[i + 1].text) is not None
        ),
        None,
    )
    if start is None:
        raise NoTableError(
            path,
            "no indicator table found",
            expected="a header row with at least two year columns (e.g. 2015年 2025年)",
        )
    labels_start = start
    while labels_start > 0 and cells[labels_start - 1].text in _vocab()["_labels"]:
        labels_start -= 1
    end_years = start
    while end_years < len(cells) and year_of(cells[end_years].text) is not None:
        end_years += 1
    trailing = end_years
    while trailing < len(cells) and _vocab()["_labels"].get(cells[trailing].text) in (
        "attribute",
        "note",
    ):
        trailing += 1
    header = [c.text for c in cells[labels_start:trailing]]
    roles = _header_roles(header, path, cells[start].line)
    years = [year_of(c) for c in header if year_of(c) is not None]
    has_unit = "unit" in roles
    has_attr = "attribute" in roles
    title = cells[labels_start - 1].text if labels_start > 0 else ""
    table = Table(
        years,
        title=title if not _vocab()["_end"].search(title) else "",
        header_line=cells[labels_start].line,
        layout="one cell per line",
    )
    category, texts, k = "", [], trailing
    while k < len(cells):
        cell = cells[k]
        if _vocab()["_end"].search(cell.text) or len(texts) > 4:
            break
        if not looks_like_value(cell.text):
            texts.append(cell)
            k += 1
            continue
        if not texts:
            raise InputError(
                path,
                "a value stands where an indicator name was expected",
                cell.line,
                value=cell.text,
                expected="an indicator name",
            )
        values = []
        while len(values) < len(years):
            if k >= len(cells) or not looks_like_value(cells[k].text):
                got = cells[k].text if k < len(cells) else "end of file"
                raise InputError(
                    path,
                    f"row '{texts[-1].text}' has {len(values)} of {len(years)} year values",
                    cells[k].line if k < len(cells) else cells[-1].line,
                    value=got,
                    expected=f"a value for {years[len(values)]}",
                )
            values.append(parse_value(cells[k].text))
            k += 1
        attribute = ""
        if has_attr and k < len(cells) and cells[k].text in _vocab()["attribute_values"]:
            attribute = cells[k].text
            k += 1
        labels = list(texts)
        while labels and _category_name(labels[0].text) is not None and len(labels) > 1:
            category = _category_name(labels.pop(0).text)
        unit_cell = labels.pop().text if has_unit and len(labels) >= 2 else None
        if len(labels) >= 2:
            category = labels[-2].text
        name = labels[-1].text
        table.rows.append(
            _make_row(
                table,
                category,
                name,
                unit_cell,
                values,
                (texts[0].line, cells[k - 1].line),
                attribute,
            )
        )
        texts = []
    if not table.rows:
        raise NoTableError(
            path, "a table header was found but no indicator rows", cells[start].line
        )
    return table


def parse_table_file(path: Path | str) -> Table:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="gb18030")
    return parse_table(text, path)
