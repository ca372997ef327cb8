"""From plan text to the cells of a table, in the layouts scrapes and PDF extractions produce:

- rows, one per line, with cells separated by ``|``, tabs or runs of two or more spaces;
- one cell per line, the seed's scrape (empty cells left out) or with every cell line ending in a
  delimiter (``2025 年 |``) and a bare delimiter (``|``) for an empty cell;
- run-together text from a PDF, where a row number, name, unit, comparator and value follow each
  other with no delimiter (``3 城镇居民人均可支配收入增长率% ≥ 7省统计局4 每千人口…``).

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


# --- run-together text (PDF extraction) --------------------------------------------------------

_NUM = r"\d+(?:\.\d+)?"


def find_run_header(lines) -> tuple[int, list[str], int] | None:
    """(index in lines, header labels, offset after the header) of a header run into one line."""
    labels = sorted(vocab()["_labels"], key=len, reverse=True)
    year_re = (
        r"(?:19|20)\d{2}\s*年?(?:底|末)?\s*(?:目标值|目标|预期|基期值|基期|现状值|现状|实际|完成)?"
    )
    word_year = r"(?:目标值|目标|基期值|基期)\s*[((]\s*(?:19|20)\d{2}\s*年?\s*[))]"
    token = re.compile(
        "|".join([word_year, year_re] + [re.escape(lab) for lab in labels if " " not in lab])
    )
    for i, (_, raw) in enumerate(lines):
        text = raw.replace("\u3000", " ")
        found = [(m.start(), m.end(), m.group(0)) for m in token.finditer(text)]
        if not found:
            continue
        # the longest run of labels with at most a few spaces between them
        best, run = [], [found[0]]
        for a, b in zip(found, found[1:], strict=False):
            if text[a[1] : b[0]].strip() == "":
                run.append(b)
            else:
                best = max(best, run, key=len)
                run = [b]
        best = max(best, run, key=len)
        heads = [clean_text(t) for _, _, t in best]
        if any(year_cell(h) for h in heads) and any(label_role(h) == "indicator" for h in heads):
            if len(heads) >= 3:
                return i, heads, best[-1][1]
    return None


def run_rows(body: str, line: int, header_roles: list[str]) -> tuple[list[list[Cell]], list]:
    """Rows of run-together text, found by their running row numbers (1, 2, 3 …); a section
    heading between rows (``二、社会民生``) becomes a category row. Returns rows and warnings."""
    warnings = []
    rows: list[list[Cell]] = []
    starts = []
    n, pos = 1, 0
    unit_heads = "万亿千百个%"
    while True:
        m = re.compile(rf"(?<![\d.]){n}(?=\s*[\u4e00-\u9fffA-Za-z“(])").search(body, pos)
        if m is None and n > 1:
            # a row number run into the previous value: "≥ 74 每千…" is "≥ 7" then row 4
            m = re.compile(rf"{n}(?=\s*[\u4e00-\u9fff“(])").search(body, pos)
        if m is None or (m.end() < len(body) and body[m.end()] in unit_heads):
            break
        starts.append((n, m.start(), m.end()))
        pos = m.end()
        n += 1
    if not starts:
        return [], [(line, "run-together text without running row numbers (1, 2, 3 …)")]
    heading = re.compile(r"([一二三四五六七八九十]+、\s*[\u4e00-\u9fff]{2,12})\s*$")
    first = body[: starts[0][1]].strip()
    if heading.search(first):
        rows.append([Cell(clean_text(heading.search(first).group(1)), line)])
    for k, (num, _, end) in enumerate(starts):
        stop = starts[k + 1][1] if k + 1 < len(starts) else len(body)
        seg = body[end:stop]
        h = heading.search(seg)
        tail = None
        if h:
            seg, tail = seg[: h.start()], clean_text(h.group(1))
        rows.append(_run_row(str(num), seg, line, header_roles, warnings))
        if tail:
            rows.append([Cell(tail, line)])
    return rows, warnings


def _run_row(num: str, seg: str, line: int, roles: list[str], warnings: list) -> list[Cell]:
    """Split one run-together row into the header's columns: name, unit, values, the rest."""
    n_years = roles.count("year")
    found = _values_in(seg)
    name_part = seg[: found[0][0]] if found else seg
    name, unit = _name_unit(clean_text(name_part))
    values, rest_at = [], found[0][0] if found else len(seg)
    for start, end, text in found:
        if len(values) == n_years or (values and seg[rest_at:start].strip()):
            break  # the values of a row stand together
        values.append(clean_text(text))
        rest_at = end
    rest = clean_text(seg[rest_at:])
    out = {"seq": num, "indicator": name, "unit": unit}
    cells = []
    year_i = 0
    trailing = [i for i, r in enumerate(roles) if r in ("attribute", "source", "note")]
    extras = _split_rest(rest, [roles[i] for i in trailing])
    for i, r in enumerate(roles):
        if r == "year":
            cells.append(Cell(values[year_i] if year_i < len(values) else "", line))
            year_i += 1
        elif i in trailing:
            cells.append(Cell(extras.get(r, ""), line))
        else:
            cells.append(Cell(out.get(r, ""), line))
    if rest and not trailing:
        warnings.append((line, f"row {num}: text after the values read past: '{rest[:40]}'"))
    return cells


_COMP = r"(?:≥|≤|>|<|＞|＜|大于|小于|不低于|不高于|不少于|不超过|约|达到)"
_VALUE_RE = re.compile(
    rf"((?:{_COMP}\s*)?{_NUM}(?:\s*(?:%|以上|以下|左右))?|[—–-]{{1,2}}|/)(?![\dA-Za-z.])"
)


def _values_in(seg: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the value tokens of a run-together row, in order: a number (with a
    comparator) that follows a space, a unit or a comparator, not one inside 5G or PM2.5."""
    out = []
    for m in _VALUE_RE.finditer(seg):
        before = seg[: m.start()]
        prev = before[-1:]
        if prev and (prev.isascii() and (prev.isalnum() or prev == ".")):
            continue
        if m.group(1)[0].isdigit() and not _name_ends_before(before):
            continue
        out.append((m.start(), m.end(), m.group(1)))
    return out


def _name_ends_before(text: str) -> bool:
    """A value may start here: after a space, a unit or a comparator (not inside 5G or PM2.5)."""
    t = text.rstrip()
    if not t or t != text:
        return True
    return any(t.endswith(u) for u in vocab()["units"]) or t[-1] in "≥≤><＞＜"


def _name_unit(text: str) -> tuple[str, str]:
    for u in sorted(vocab()["units"], key=len, reverse=True):
        if text.endswith(u) and len(text) > len(u):
            return text[: -len(u)].strip(), u
    return text, ""


def _split_rest(rest: str, roles: list[str]) -> dict[str, str]:
    out = {}
    if "attribute" in roles:
        for a in vocab()["attribute_values"]:
            if rest.startswith(a) or rest.endswith(a):
                out["attribute"] = a
                rest = rest.removeprefix(a) if rest.startswith(a) else rest.removesuffix(a)
                break
    others = [r for r in roles if r != "attribute"]
    if others:
        out[others[0]] = rest.strip()
    return out
