"""Parse an indicator table (baselines and targets) out of plan text.

Reads the layouts Chinese plans are published in (``table_cells``), finds and classifies the
header (``table_header``), reads each value cell (``table_values``) and turns rows into
indicators. It keeps what it can: a row that cannot be read, a label lost in the scrape, a value
in words, an unknown column, each gives one warning naming its line, and the other rows are
still read. ``NoTableError`` only when no row at all could be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.errors import NoTableError
from planwatch.parse import table_cells as tc
from planwatch.parse.normalise import Value, clean_text, normalise_unit, split_unit
from planwatch.parse.table_cells import Cell
from planwatch.parse.table_header import (
    Header,
    category_name,
    classify,
    complements,
    vocab,
    year_of,
)
from planwatch.parse.table_run import find_run_header, run_rows
from planwatch.parse.table_transposed import find_transposed
from planwatch.parse.table_values import CellValue, nested_figure, period_column, read_cell

__all__ = ["NoTableError", "Row", "Table", "parse_table", "year_of"]


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
    cells: list[CellValue] = field(default_factory=list)  # the year cells as read
    attrs: dict = field(default_factory=dict)  # source, note, weight columns


@dataclass
class Table:
    years: list[int]
    rows: list[Row] = field(default_factory=list)
    title: str = ""
    header_line: int = 0
    layout: str = ""
    baseline: list[bool] = field(default_factory=list)  # per year column
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    category: str = ""  # the category of the rows being read
    year_labels: list[str] = field(default_factory=list)  # the year columns' header cells
    where: str = ""  # in a document: which table (line numbers count its rows)
    periods: list[str] = field(default_factory=list)  # per year column: '' or a period kind
    notes: list[str] = field(default_factory=list)  # the table's footer lines (资料来源:…, 注:…)
    words: list[int] = field(default_factory=list)  # warnings that are targets kept in words

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    def span(self, end: int) -> str:
        """The years a period target spans: after the baseline (or from the first year) to
        ``end``: ``2021-2025``."""
        flags = self.baseline or [j == 0 for j in range(len(self.years))]
        base = [y for y, b in zip(self.years, flags, strict=True) if b and y < end]
        earlier = [y for y in self.years if y < end]
        start = base[-1] + 1 if base else min(earlier) if earlier else None
        return f"{start}-{end}" if start else f"to {end} (its first year not named)"

    def period_of(self, j: int, cell, name: str = "") -> str:
        """The kind of target a year column's value is, with its span: '' for a level in that
        year; ``period_total 2021-2025`` for ``〔13.5〕``; under ``2030年/年均`` an indicator of
        change (增长, 降低 …) is a yearly average over ``2026-2030``, any other a 2030 level."""
        suffix = self.periods[j] if j < len(self.periods) else ""
        if suffix and not any(w in name for w in vocab()["change_words"]):
            suffix = ""
        kind = (cell.period if cell is not None else "") or suffix
        return f"{kind} {self.span(self.years[j])}" if kind else ""

    def records(self) -> list[dict]:
        """One record per indicator and year column."""
        out = []
        flags = self.baseline or [j == 0 for j in range(len(self.years))]
        for order, row in enumerate(self.rows, start=1):
            cells = row.cells or [CellValue("", (v,)) for v in row.values]
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
                        "is_baseline": flags[j],
                        "attribute": row.attribute,
                        "parent": row.parent,
                        "line_start": row.lines[0],
                        "line_end": row.lines[1],
                        "target_text": cells[j].text if j < len(cells) else "",
                        "raw": clean_text(cells[j].raw) if j < len(cells) else "",
                        "period": self.period_of(
                            j, cells[j] if j < len(cells) else None, row.indicator
                        ),
                        "table_note": "; ".join(self.notes),
                        **{
                            k: row.attrs.get(k, "")
                            for k in ("source", "note", "weight", "number", "period_column")
                        },
                    }
                )
        return out


def parse_table(text: str, path: Path | str = "<text>", baseline_year: int | None = None) -> Table:
    """Parse the first indicator table in ``text``; NoTableError when no row could be read.
    ``baseline_year``: the year of a baseline column that names none (现值, 基期值)."""
    path = Path(path)
    lines = tc.lines_of(text)
    found = tc.find_delimited(lines)
    if found:
        delim, i = found
        n = lines[i][0]
        header, table = _start(
            tc.split(lines[i][1], delim), path, n, f"delimited({delim!r})", baseline_year
        )
        for cells in tc.delimited_rows(lines, i, delim):
            if _footer_in(table, cells):
                break
            _positional(table, header, cells)
        return _done(table, path, lines)
    cells, explicit = tc.cell_stream(lines)
    span = tc.find_cell_header(cells)
    if span:
        a, b = span
        labels = [c.text for c in cells[a:b]]
        layout = "one cell per line" + (" (delimited cells)" if explicit else "")
        header, table = _start(labels, path, cells[a].line, layout, baseline_year)
        if a > 0 and not vocab()["_end"].search(cells[a - 1].text):
            table.title = cells[a - 1].text
        if explicit:
            _explicit_cells(table, header, cells[b:])
        else:
            _value_driven(table, header, cells[b:])
        return _done(table, path, lines)
    run = find_run_header(lines)
    if run:
        i, labels, offset = run
        n = lines[i][0]
        header, table = _start(labels, path, n, "run-together text", baseline_year)
        body = [lines[i][1][offset:]]
        for _, raw in lines[i + 1 :]:
            if "。" in raw or _CHAPTER_RE.match(raw.strip()):
                break
            body.append(raw)
        rows, warnings = run_rows(" ".join(body), n, header.roles)
        table.warnings.extend(warnings)
        for cells_ in rows:
            _positional(table, header, cells_)
        return _done(table, path, lines)
    turned = find_transposed(lines)
    if turned:
        labels = [c.text for c in turned[0]]
        n = turned[0][0].line
        header, table = _start(labels, path, n, "years down the rows (read turned)", baseline_year)
        for cells_ in turned[1:]:
            _positional(table, header, cells_)
        return _done(table, path, lines)
    groups = tc.find_group_header(lines)
    if groups:
        classify(*groups[:1], path, groups[1])  # raises: the columns are groups, not years
    raise NoTableError(
        path,
        "no indicator table found",
        expected="a header row with a year column (e.g. 指标 2024年 2030年目标)",
    )


_CHAPTER_RE = re.compile(r"^第[一二三四五六七八九十百\d]+[章节部分篇]")


def _start(
    labels: list[str], path: Path, line: int, layout: str, baseline_year: int | None = None
) -> tuple[Header, Table]:
    header, warnings = classify(labels, path, line, baseline_year)
    table = Table(header.years, header_line=line, layout=layout, baseline=header.baseline_flags())
    table.periods = list(header.periods)
    table.year_labels = [lab for lab, r in zip(labels, header.roles, strict=True) if r == "year"]
    table.warnings.extend(warnings)
    return header, table


def _footer_in(table: Table, cells: list[Cell]) -> bool:
    """Whether a row of cells is the table's footer (资料来源:…): its text becomes a note."""
    text = tc.footer_of(cells)
    if text is not None and text not in table.notes:
        table.notes.append(text)
    return text is not None


def _done(table: Table, path: Path, lines=()) -> Table:
    """The table, with the footer lines just under its last row as its notes."""
    last = max((r.lines[1] for r in table.rows), default=0)
    table.notes += [t for t in tc.footer_after(lines, last) if t not in table.notes]
    if not table.rows:
        first = table.warnings[0][1] if table.warnings else "no row under it could be read"
        raise NoTableError(
            path, f"a table header was found but no indicator rows ({first})", table.header_line
        )
    return table


# --- rows with their cells in place (delimited lines, explicit cells, PDF rows) ----------------


def _positional(table: Table, header: Header, cells: list[Cell]) -> None:
    roles = header.roles
    line = cells[0].line
    texts = [c.text for c in cells]
    if len(texts) > len(roles) and any(texts[len(roles) :]):
        table.warn(
            line, f"row has {len(texts)} cells, the header {len(roles)}: extra cells read past"
        )
    texts = (texts + [""] * len(roles))[: len(roles)]
    get = {r: texts[i] for i, r in reversed(list(enumerate(roles)))}
    years = [texts[i] for i, r in enumerate(roles) if r == "year"]
    nonempty = [t for t in texts if t]
    if not nonempty:
        return
    cat_i, ind_i = header.index("category"), header.index("indicator")
    spread = len(nonempty) > 1 and bool(read_cell(nonempty[0]).problem)
    if len(set(nonempty)) == 1 and (not any(years) or spread):
        lone = nonempty[0]  # one cell, or one cell spread over the row (colspan, merged cells)
        if cat_i is None or texts[cat_i] == lone or category_name(lone):
            table.category = category_name(lone) or lone
            return
    if cat_i is not None and texts[cat_i]:
        table.category = category_name(texts[cat_i]) or texts[cat_i]
    attrs = {r: get.get(r, "") for r in ("source", "note", "weight") if get.get(r)}
    if get.get("period"):
        attrs["period_column"] = period_column(table.span(max(table.years)), get["period"])
    _add_row(
        table,
        table.category,
        texts[ind_i],
        get.get("unit") or None,
        years,
        (line, line),
        get.get("attribute", ""),
        attrs,
    )


def _explicit_cells(table: Table, header: Header, cells: list[Cell]) -> None:
    """Cells in rows of the header's width; a lone heading cell (a category) is its own row."""
    width = len(header.roles)
    year_pos = [i for i, r in enumerate(header.roles) if r == "year"]
    k = 0
    while k < len(cells):
        if cells[k].open or (
            vocab()["_end"].search(cells[k].text) and not category_name(cells[k].text)
        ):
            break
        chunk = cells[k : k + width]
        if _footer_in(table, chunk):
            break
        misfit = any(
            i < len(chunk) and chunk[i].text and read_cell(chunk[i].text).problem for i in year_pos
        )
        if misfit and chunk[0].text:
            _positional(table, header, [chunk[0]])
            k += 1
            continue
        _positional(table, header, chunk)
        k += width


# --- one cell per line with empty cells left out (the seed's scrape) ---------------------------


def _is_value(text: str) -> bool:
    return not read_cell(text).problem and not read_cell(text).text


_VALUEISH_RE = re.compile(
    r"(?:≥|≤|>|<|约|不低于|不高于|大于|小于|达到)?[\d.,一二三四五六七八九十百千万亿两零]+[%‰万亿元个家]*"
)


def _valueish(text: str) -> bool:
    """A cell that stands for a number but cannot be read (``≥七十六``): a bad value, not a name."""
    return bool(_VALUEISH_RE.fullmatch(text.replace(" ", "")))


def _value_driven(table: Table, header: Header, cells: list[Cell]) -> None:
    """Label cells (category, name, unit) then one value per year column; what follows the years
    (attribute, source) is taken when it looks like one."""
    roles = header.roles
    after = roles[max(i for i, r in enumerate(roles) if r == "year") + 1 :]
    has_unit = "unit" in roles
    n_years = len(header.years)
    category, texts, k = "", [], 0
    while k < len(cells):
        cell = cells[k]
        if vocab()["_end"].search(cell.text) or len(texts) > 4 or _footer_in(table, [cell]):
            break
        if read_cell(cell.text).problem:
            texts.append(cell)
            k += 1
            continue
        start_line = texts[0].line if texts else cell.line
        values, value_lines = [], []
        while len(values) < n_years and k < len(cells):
            rc = read_cell(cells[k].text)
            if rc.problem and not _valueish(cells[k].text):
                break
            values.append(cells[k].text)
            value_lines.append(cells[k].line)
            k += 1
        if len(values) < n_years:
            label = texts[-1].text if texts else "(no label)"
            table.warn(
                cells[k - 1].line,
                f"row '{label}' has {len(values)} of {n_years} year values: the rest are missing",
            )
            value_lines += [cells[k - 1].line] * (n_years - len(values))
            values += [""] * (n_years - len(values))
        attribute, attrs = "", {}
        for role in after:
            if k >= len(cells):
                break
            t = cells[k].text
            if role == "attribute" and t in vocab()["attribute_values"]:
                attribute, k = t, k + 1
            elif role == "source" and t.endswith(tuple(vocab()["body_suffixes"])):
                attrs["source"], k = t, k + 1
            elif role in ("change", "weight") and _is_value(t):
                k += 1
        labels = list(texts)
        while labels and category_name(labels[0].text) is not None and len(labels) > 1:
            category = category_name(labels.pop(0).text)
        unit_cell = labels.pop().text if has_unit and len(labels) >= 2 else None
        if len(labels) >= 2:
            category = labels[-2].text
        name = labels[-1].text if labels else ""
        _add_row(
            table,
            category,
            name,
            unit_cell,
            values,
            (start_line, cells[k - 1].line),
            attribute,
            attrs,
            value_lines,
        )
        texts = []


# --- one row -----------------------------------------------------------------------------------


_NUMBERED_RE = re.compile(r"^(?:(\d{1,2})[.、](?!\d)|\((\d{1,2})\))\s*(?=\D)")


def _add_row(
    table, category, name, unit_cell, year_texts, lines, attribute, attrs, cell_lines=None
) -> None:
    line = lines[0]
    name = clean_text(name)
    if m := _NUMBERED_RE.match(name):  # 1. / 1、 / (1) / ① before the name: the row's number
        attrs = dict(attrs, number=m.group(1) or m.group(2))
        name = name[m.end() :]
    is_sub = False
    for prefix in vocab()["subrow_prefixes"]:
        if name.startswith(prefix) and len(name) > len(prefix):
            name, is_sub = name[len(prefix) :].lstrip(":, "), True
            break
    if unit_cell:
        unit = normalise_unit(unit_cell)
        bare, in_name = split_unit(name)
        name = bare if in_name == unit else name
    else:
        name, unit = split_unit(name)
    if not name:
        table.warn(line, "row has values but no indicator name (lost in the scrape?): kept unnamed")
    elif name.rstrip(":,") in vocab()["fragments"] or len(name) < 2:
        table.warn(line, f"label '{name}' is only a fragment of a name: kept as it is")
    cells = [read_cell(t, unit) for t in year_texts]
    marks = [f"{table.years[j]}: {c.mark}" for j, c in enumerate(cells) if c.mark]
    if marks:  # footnote marks go to the note; the values are read
        attrs = dict(attrs, note="; ".join(filter(None, [attrs.get("note", ""), *marks])))
    for j, (t, c) in enumerate(zip(year_texts, cells, strict=True)):
        if c.problem:
            col = table.year_labels[j] if j < len(table.year_labels) else table.years[j]
            at = cell_lines[j] if cell_lines else line
            table.warn(at, f"column '{col}': value '{clean_text(t)}' for '{name}': {c.problem}")
            if not _valueish(clean_text(t)):  # words, kept as written (a build says, not stops)
                table.words.append(len(table.warnings) - 1)
        if c.unit and not unit:
            unit = c.unit
        elif c.unit and c.unit != unit:
            table.warn(line, f"value '{clean_text(t)}' carries unit {c.unit}, the row {unit}")
    parent = ""
    if is_sub:
        parents = [r for r in table.rows if not r.parent]
        parent = parents[-1].indicator if parents else ""
    elif table.rows and table.rows[-1].parent and complements(table.rows[-1].indicator, name):
        parent = table.rows[-1].parent  # 其中:城市宽带用户, then 农村宽带用户: both parts
    k = max(len(c.values) for c in cells) if cells else 1
    names = [name]
    if k > 1:
        parts = [p for p in name.replace("、", "/").split("/") if p]
        if len(parts) == k:
            names = parts
        else:
            names = [f"{name}({i + 1})" for i in range(k)]
            table.warn(line, f"{k} values per cell but the name '{name}' does not split into {k}")
    for i, nm in enumerate(names):
        vals = [c.values[i] if i < len(c.values) else c.values[-1] for c in cells]
        table.rows.append(
            Row(category, nm, unit, vals, lines, attribute, parent, cells, dict(attrs))
        )
    for j, c in enumerate(cells):  # 翻一番(全省人均GDP≥10万元): the figure is a row of its own
        if nested := nested_figure(c):
            label, value, nested_unit = nested
            vals = [value if k == j else Value(None, "") for k in range(len(cells))]
            sub = [
                CellValue(c.raw, (value,)) if k == j else CellValue("", ())
                for k in range(len(cells))
            ]
            table.rows.append(Row(category, label, nested_unit, vals, lines, attribute, name, sub))
