"""Run-together text from a PDF: table rows with no delimiter, one after another
(``经济发展 1 地区生产总值增长 % 5.5 5左右 预期性 2 人均…``). Rows are found by their running
numbers. What the numbers do not settle is read as plans print it and said on stderr, never
guessed silently:

- a label with no value of its own before a row number (``创新驱动 3 …``) is the group (the
  category) of the rows after it;
- a row number that is missing (1, 2, 4) is said;
- a row without a number of its own after another row's values (a sub-row) is read as its own
  row, and said;
- ``<4/<5.5`` is one value per sub-row; ``翻一番(全省人均GDP≥10万元)`` is a target in words;
- two-part units (人年, 标台, 万人次) are units, the longest unit first.
"""

from __future__ import annotations

import re
from functools import cache

from planwatch.parse.normalise import clean_text
from planwatch.parse.table_cells import Cell
from planwatch.parse.table_header import label_role, vocab, year_cell

_NUM = r"\d+(?:\.\d+)?"
_COMP = r"(?:≥|≤|>|<|＞|＜|大于|小于|不低于|不高于|不少于|不超过|约|达到)"
_GROUP_RE = re.compile(r"^(?:[一二三四五六七八九十]+、\s*)?([\u4e00-\u9fff]{2,12})$")


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
    """Rows of run-together text, found by their running row numbers (1, 2, 3 …); a group label
    (``创新驱动``, ``二、社会民生``) becomes a category row. Returns rows and warnings."""
    warnings: list[tuple[int, str]] = []
    starts = _row_starts(body, line, warnings)
    if not starts:
        return [], [(line, "run-together text without running row numbers (1, 2, 3 …)")]
    rows: list[list[Cell]] = []
    lead = _group(body[: starts[0][1]])
    if lead:
        rows.append([Cell(lead, line)])
    for k, (num, _, end) in enumerate(starts):
        stop = starts[k + 1][1] if k + 1 < len(starts) else len(body)
        rows += _segment(num, body[end:stop], line, header_roles, warnings)
    return rows, warnings


def _row_starts(body: str, line: int, warnings: list) -> list[tuple[str, int, int]]:
    """(number, start, end) of each row number, in order; one missing number is skipped, said."""
    starts: list[tuple[str, int, int]] = []
    n, pos = 1, 0
    while True:
        m = _number_at(body, n, pos)
        if m is None and starts:
            skipped = _number_at(body, n + 1, pos)
            if skipped is not None:
                warnings.append(
                    (line, f"row numbers skip from {n - 1} to {n + 1}: row {n} is not in the text")
                )
                m, n = skipped, n + 1
        if m is None:
            return starts
        starts.append((str(n), m.start(), m.end()))
        pos, n = m.end(), n + 1


def _number_at(body: str, n: int, pos: int) -> re.Match | None:
    """Where row number ``n`` stands after ``pos``: before a name, not before a unit or an
    attribute (``7 预期性`` is a value and the row's attribute)."""
    for pattern in (
        rf"(?<![\d.]){n}(?=\s*[\u4e00-\u9fffA-Za-z“(])",
        rf"{n}(?=\s*[\u4e00-\u9fff“(])",
    ):
        # the second: a row number run into the previous value ("≥ 74 每千…" is "≥ 7", row 4)
        for m in re.compile(pattern).finditer(body, pos):
            after = body[m.end() :].lstrip()
            if after[:1] in tuple("万亿千百个%") or after.startswith(_not_names()):
                continue
            return m
        if n == 1:
            break
    return None


@cache
def _not_names() -> tuple[str, ...]:
    return tuple(vocab()["attribute_values"])


def _group(text: str) -> str:
    """A group label (a row with no value: 创新驱动, 二、社会民生), or ''."""
    m = _GROUP_RE.match(clean_text(text).replace(" ", ""))
    if not m or year_cell(m.group(1)) is not None or label_role(m.group(1)) is not None:
        return ""
    return m.group(0)


def _segment(num: str, seg: str, line: int, roles: list[str], warnings: list) -> list[list[Cell]]:
    """The row of one numbered segment, then what follows its values: a row without a number of
    its own (said), a group label for the rows after it, or text read past (said)."""
    cells, left = _run_row(num, seg, line, roles, warnings)
    out = [cells]
    if not left:
        return out
    label = f"row {num}" if num else "a row without a number"
    if _values_in(left):
        name = _name_unit(clean_text(left[: _values_in(left)[0][0]]))[0] or "(no name)"
        warnings.append(
            (line, f"{label}: a row without its own number follows it, read as its own: '{name}'")
        )
        return out + _segment("", left, line, roles, warnings)
    group = _group(left)
    if group:
        return out + [[Cell(group, line)]]
    warnings.append((line, f"{label}: text after the values read past: '{clean_text(left)[:40]}'"))
    return out


def _run_row(
    num: str, seg: str, line: int, roles: list[str], warnings: list
) -> tuple[list[Cell], str]:
    """One run-together row in the header's columns (name, unit, values, attribute, source), and
    the text after them that is not this row's."""
    n_years = roles.count("year")
    found = _values_in(seg)
    name, unit = _name_unit(clean_text(seg[: found[0][0]] if found else seg))
    values, rest_at = [], found[0][0] if found else len(seg)
    for start, end, text in found:
        if len(values) == n_years or (values and seg[rest_at:start].strip()):
            break  # the values of a row stand together
        values.append(clean_text(text))
        rest_at = end
    extras, left = _split_rest(seg[rest_at:], roles)
    out = {"seq": num, "indicator": name, "unit": unit, **extras}
    values += [""] * (n_years - len(values))
    cells, year_i = [], 0
    for r in roles:
        if r == "year":
            cells.append(Cell(values[year_i], line))
            year_i += 1
        else:
            cells.append(Cell(out.get(r, ""), line))
    return cells, left


@cache
def _value_re() -> re.Pattern:
    words = sorted(vocab()["qualitative"], key=len, reverse=True)
    qual = "|".join(re.escape(w) for w in words)
    one = rf"(?:{_COMP}\s*)?{_NUM}(?:\s*(?:%|以上|以下|左右))?"
    return re.compile(
        rf"((?:{qual})(?:[((][^()()]*[))])?|{one}(?:\s*/\s*{one})*|[—–-]{{1,2}}|/)(?![\dA-Za-z.])"
    )


def _values_in(seg: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the value tokens of a run-together row, in order: a number (with a
    comparator) or a target in words that follows a space, a unit or a comparator, not one
    inside 5G or PM2.5."""
    out = []
    for m in _value_re().finditer(seg):
        before = seg[: m.start()]
        prev = before[-1:]
        if m.group(1) in ("/", "-", "—", "–", "--", "——", "——") and not (
            (not prev or prev.isspace()) and seg[m.end() : m.end() + 1] in ("", " ")
        ):
            continue  # a dash or slash inside a name (A/B), not an empty cell
        if prev and (prev.isascii() and (prev.isalnum() or prev == ".")):
            continue
        first = m.group(1)[0]
        if (first.isdigit() or not first.isascii()) and not _name_ends_before(before):
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


def _split_rest(rest: str, roles: list[str]) -> tuple[dict[str, str], str]:
    """The attribute and source cells at the start of ``rest``, and what is left after them."""
    out: dict[str, str] = {}
    rest = rest.strip()
    if "attribute" in roles:
        for a in vocab()["attribute_values"]:
            if rest.startswith(a):
                out["attribute"], rest = a, rest[len(a) :].strip()
                break
    if "source" in roles and rest and not _values_in(rest):
        bodies = [m.end() for m in re.finditer("|".join(vocab()["body_suffixes"]), rest)]
        cut = next((c for c in bodies if c < len(rest) and _group(rest[c:])), None)
        if cut is not None:  # 省卫健委科技创新: the source, then a group label
            out["source"], rest = rest[:cut], rest[cut:]
        elif not _group(rest) or bodies:
            out["source"], rest = rest, ""
    return out, rest.strip()
