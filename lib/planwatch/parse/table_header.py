"""The header of an indicator table: which column is the indicator, which are years (baseline or
target), which are units, attributes, sources, notes; a header of regions or groups is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from planwatch.errors import NoTableError
from planwatch.paths import read_vocab

KEPT = ("attribute", "source", "note", "weight")  # non-year columns kept as row attributes


@cache
def vocab() -> dict:
    v = read_vocab("table")
    v["_year"] = re.compile(v["year_pattern"])
    v["_year_word"] = re.compile(v["year_pattern_word_first"])
    v["_category"] = re.compile(v["category_row_pattern"])
    v["_end"] = re.compile(v["end_pattern"])
    v["_footer"] = re.compile(v["footer_pattern"])
    v["_labels"] = {lab: role for role, labs in v["header"].items() for lab in labs}
    return v


def is_footer(text: str) -> bool:
    """A table's footnote or source line (资料来源:…, 注:…), not a row."""
    return bool(vocab()["_footer"].match(text.strip()))


def complements(previous: str, name: str) -> bool:
    """Whether ``name`` is the other part of a sub-row pair (城市… then 农村…)."""
    return any(previous.startswith(a) and name.startswith(b) for a, b in vocab()["subrow_pairs"])


def period_suffix(text: str) -> tuple[str, str]:
    """A year header cell without its period suffix, and the kind it names: ``2030年/年均`` →
    (``2030年``, ``annual_average``); ``2030年`` → (``2030年``, '')."""
    s = text.replace(" ", "")
    for word, kind in vocab()["period_suffixes"].items():
        for form in (f"/{word}", f"({word})"):
            if s.endswith(form) and len(s) > len(form):
                return s[: -len(form)], kind
    return s, ""


def year_cell(text: str) -> tuple[int, str] | None:
    """(year, kind) of a year header cell, kind 'baseline', 'target' or '' (unmarked)."""
    s = period_suffix(text)[0]
    m = vocab()["_year"].match(s)
    if m:
        year, word = int(m.group(1)), m.group(2) or ""
    else:
        m = vocab()["_year_word"].match(s)
        if not m:
            return None
        year, word = int(m.group(2)), m.group(1)
    if any(w in word for w in vocab()["target_words"]):
        return year, "target"
    if any(w in word for w in vocab()["baseline_words"]):
        return year, "baseline"
    return year, ""


def year_of(text: str) -> int | None:
    y = year_cell(text)
    return y[0] if y else None


def label_role(text: str) -> str | None:
    """The role of a known header label: indicator, unit, attribute, source, change …"""
    s = text.replace(" ", "")
    labels = vocab()["_labels"]
    if s in labels:
        return labels[s]
    base = re.sub(r"\(.*\)$", "", s)
    if base in labels:
        return labels[base]
    if any(s.startswith(w) for w in vocab()["header"]["change"]):
        return "change"
    return None


def is_group_label(text: str) -> bool:
    return text.replace(" ", "") in vocab()["group_labels"]


def category_name(text: str) -> str | None:
    m = vocab()["_category"].match(text)
    return m.group(1).strip() if m else None


@dataclass
class Header:
    """Column roles, in order; ``years`` and ``kinds`` list the year columns left to right."""

    roles: list[str]
    labels: list[str]
    line: int
    years: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # unknown columns, read past
    periods: list[str] = field(default_factory=list)  # per year column: '' or a period kind

    def index(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    def baseline_flags(self) -> list[bool]:
        """Which year columns are baselines: marked ones; else the first of several unmarked."""
        if any(k == "baseline" for k in self.kinds):
            return [k == "baseline" for k in self.kinds]
        if len(self.years) >= 2 and self.kinds[0] == "":
            return [j == 0 for j in range(len(self.years))]
        return [False] * len(self.years)


def looks_like_header(labels: list[str]) -> bool:
    """Cells of a header row: at least one year (two, or a known label beside it), and only short
    cells (a prose line that names a year is not a header)."""
    years = sum(year_cell(c) is not None for c in labels)
    known = sum(label_role(c) is not None for c in labels)
    if years == 0 or any(len(c) > 24 for c in labels):
        return False
    return years >= 2 or known >= 1


def classify(
    labels: list[str], path, line: int, baseline_year: int | None = None
) -> tuple[Header, list[tuple[int, str]]]:
    """The header's roles and warnings (line, text) for unknown columns read past. A baseline
    column with no year (现值, 基期值) is the year column ``baseline_year`` when given."""
    if sum(is_group_label(c) for c in labels) >= 2:
        groups = [c for c in labels if is_group_label(c)]
        raise NoTableError(
            path,
            f"the table's columns are regions or groups ({', '.join(groups)}), not years: "
            "it is not a time table",
            line,
            expected="a table with year columns (a baseline and targets, e.g. 2024年 2030年目标)",
        )
    roles, years, kinds, periods, warnings = [], [], [], [], []
    for lab in labels:
        y = year_cell(lab)
        if y is None and baseline_year and label_role(lab) == "baseline_no_year":
            y = (baseline_year, "baseline")
        if y is not None:
            roles.append("year")
            years.append(y[0])
            kinds.append(y[1])
            periods.append(period_suffix(lab)[1])
            continue
        role = label_role(lab)
        if role is None:
            role = "blank" if lab == "" else "other"
        roles.append(role)
    first_year = roles.index("year")
    if "indicator" not in roles:
        # The first cell is the table's title, or empty: the indicator column is the first
        # column (before the years) that is not a known label.
        cands = [i for i in range(first_year) if roles[i] in ("other", "blank")]
        if not cands:
            raise NoTableError(
                path,
                "the table header has no indicator column",
                line,
                expected="a 指标 column (or a title or empty cell before the years)",
            )
        roles[cands[0]] = "indicator"
    if "category" not in roles:
        ind = roles.index("indicator")
        for i in range(ind):
            if roles[i] in ("other", "blank"):
                roles[i] = "category"
                break
    header = Header(roles, labels, line, years, kinds, periods=periods)
    for i, r in enumerate(roles):
        if r == "baseline_no_year":
            header.skipped.append(i)
            warnings.append(
                (
                    line,
                    f"column '{labels[i]}' is a baseline that names no year: read past "
                    "(say its year with --baseline-year)",
                )
            )
        elif r == "other":
            header.skipped.append(i)
            warnings.append(
                (line, f"column '{labels[i]}' is not a year or a known column: read past")
            )
    return header, warnings
