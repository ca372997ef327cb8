"""One value cell of an indicator table, as plans write them: ``≥ 15``, ``>98``, ``大于100``,
``50(部分地区)``, ``70%`` under a % unit, ``第29名`` (a position, unit 名), ``<3/<4.5`` (one value per sub-row), ``翻一番`` (a target
in words, kept as text), ``—`` / ``/`` / ``无`` / blank (no value)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from planwatch.parse.normalise import Value, clean_text, is_missing, normalise_unit, parse_value
from planwatch.parse.table_header import vocab

_SPLIT_RE = re.compile(r"\s*/\s*")


@dataclass(frozen=True)
class CellValue:
    """A cell read: its values (one, or one per sub-row), a target in words, or why not."""

    raw: str
    values: tuple[Value, ...]
    text: str = ""  # a qualitative target (翻一番), or the unreadable cell
    problem: str = ""  # why the cell could not be read as a value (kept as text)
    unit: str = ""  # a unit written in the cell (70%), when the row has none
    mark: str = ""  # a footnote mark after the value (10.5* → *, 10.5① → (1)), kept for the note
    period: str = ""  # 'period_total' for a value in 〔…〕 (a total over the plan's years)

    @property
    def first(self) -> Value:
        return self.values[0] if self.values else Value(None, "")


def _is_qualitative(s: str) -> bool:
    return any(s == w or s.startswith(w + "(") for w in vocab()["qualitative"])


@cache
def _units() -> tuple[str, ...]:
    return tuple(sorted(vocab()["units"], key=len, reverse=True))


def _unit_suffix(s: str, unit: str) -> tuple[str, str]:
    """Strip a unit written after the number: ``70%`` → (``70``, ``%``)."""
    for u in ((unit,) if unit else ()) + _units():
        if s.endswith(u) and len(s) > len(u) and (s[-len(u) - 1].isdigit() or u == unit):
            return s[: -len(u)], u
    return s, ""


_TOTAL_RE = re.compile(r"^[〔\[](.+)[〕\]]$")
_MARK_RE = re.compile(r"(?<=[\d%)])(\*+|※|†|‡|\(\d{1,2}\))$")


@lru_cache(maxsize=4096)
def read_cell(cell: str, unit: str = "") -> CellValue:
    s = clean_text(cell)
    mark = period = ""
    if m := _MARK_RE.search(s):
        s, mark = s[: m.start()], m.group(1)
    if m := _TOTAL_RE.match(s):  # 〔17.7〕: a total over the plan's years, as tables mark it
        s, period = m.group(1), "period_total"
    read = _read(cell, s, unit)
    if not (mark or period):
        return read
    return CellValue(read.raw, read.values, read.text, read.problem, read.unit, mark, period)


_ORDINAL_RE = re.compile(r"^第\s*(\d{1,4})\s*(名|位)$")


def _read(cell: str, s: str, unit: str) -> CellValue:
    if is_missing(s.replace(" ", "")):
        return CellValue(cell, (Value(None, ""),))
    if m := _ORDINAL_RE.match(s):  # 第29名: a position, its unit the word after it
        return CellValue(cell, (parse_value(m.group(1)),), unit=m.group(2))
    if _is_qualitative(s):
        return CellValue(cell, (Value(None, ""),), text=s)
    written, (s, moved) = s, _unit_before_word(s)
    parts = _SPLIT_RE.split(s) if "/" in s and not _is_unit_with_slash(s, unit) else [s]
    values, cell_unit = [], moved
    for part in parts:
        try:
            values.append(parse_value(part))
            continue
        except ValueError:
            pass
        bare, suffix = _unit_suffix(part.replace(" ", ""), normalise_unit(unit))
        try:
            values.append(parse_value(bare))
            cell_unit = cell_unit or suffix
        except ValueError:
            return CellValue(
                cell,
                (Value(None, ""),),
                text=written,
                problem="not a number or a known target in words: kept as text",
            )
    return CellValue(cell, tuple(values), unit=cell_unit)


_NESTED_RE = re.compile(
    r"^[^()]+\((.+?)\s*((?:≥|≤|>|<|不低于|不少于|不高于|达到|超过)\s*-?[\d.]+)\s*([^()]*)\)$"
)


def nested_figure(cell: CellValue) -> tuple[str, Value, str] | None:
    """The figure inside a target in words, (label, value, unit): ``翻一番(全省人均GDP≥10万元)`` →
    (``全省人均GDP``, ≥10, ``万元``); None when the words hold no figure with a label."""
    m = _NESTED_RE.match(cell.text) if cell.text else None
    if not m or not m.group(1).strip():
        return None
    try:
        value = parse_value(m.group(2))
    except ValueError:
        return None
    unit = normalise_unit(m.group(3)) if m.group(3) else ""
    return m.group(1).strip(), value, unit


_AFTER_WORDS = ("及以上", "及以下", "以上", "以下", "左右")


def _unit_before_word(s: str) -> tuple[str, str]:
    """A unit between the number and 以上/以下/左右, and (含) before 以下 (it only says the number
    is included): ``6人(含)以下`` → (``6以下``, ``人``), ``30%以上`` → (``30以上``, ``%``)."""
    bare = re.sub(r"\((?:含|含本数)\)(?=及?以[上下])", "", s.replace(" ", ""))
    for word in _AFTER_WORDS:
        if bare.endswith(word):
            head = bare[: -len(word)]
            for u in _units():
                if head.endswith(u) and head[: -len(u)][-1:].isdigit():
                    return head[: -len(u)] + word, u
            return (head + word, "") if bare != s.replace(" ", "") else (s, "")
    return s, ""


def _is_unit_with_slash(s: str, unit: str) -> bool:
    """``10万元/人`` is one value with a unit, not two values."""
    bare = s.replace(" ", "")
    return any(bare.endswith(u) for u in vocab()["units"] if "/" in u)


def period_column(span: str, text: str) -> str:
    """A 年均/累计 column's cell (its years: ``span``) as ``annual_average 2021-2025: 5.5`` or
    ``period_total 2021-2025: 17.7`` (a value in 〔…〕 is a total, any other a yearly average); a
    cell that is not a number is kept as written."""
    cell = read_cell(text)
    v = cell.first
    if v.value is None:
        return "" if is_missing(text) else clean_text(text)
    kind = cell.period or "annual_average"
    cmp = "" if v.comparator == "=" else v.comparator
    return f"{kind} {span}: {cmp}{v.value}"


_PERIOD_COLUMN_RE = re.compile(
    r"^(annual_average|period_total) (\d{4}-\d{4}): ([<>≥≤≈]?)(-?[\d.]+(?:E[+-]?\d+)?)$"
)


def period_column_target(text: str) -> tuple[str, str, Decimal] | None:
    """A 年均/累计 column's value as ``period_column`` writes it, read back: (``annual_average
    2021-2025``, comparator, value); None for a cell kept as written or empty."""
    m = _PERIOD_COLUMN_RE.match(text or "")
    if not m:
        return None
    return f"{m[1]} {m[2]}", m[3] or "=", Decimal(m[4])
