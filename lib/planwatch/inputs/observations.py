"""Read, validate and choose published figures (``data/raw/observations/*.csv|*.xlsx``).

Names go through the plan's own indicator names, the alias file, the context-series file and the
region alias file; anything unmatched is an error naming file, row (as a spreadsheet counts:
header = row 1), column, the bad value and what was expected.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import mappings
from planwatch.parse.normalise import (
    clean_text,
    is_missing,
    parse_number,
    plain,
    split_unit,
    unit_factor,
)
from planwatch.paths import read_vocab


@cache
def vocab() -> dict:
    return read_vocab("observations")


@dataclass
class Catalogue:
    """What an observation may name: plan indicators and declared context series."""

    indicators: dict[str, dict]  # plan name -> {id, unit, direction, min, max}
    series: dict[str, dict]  # context series name -> {unit, min, max}
    regions: dict[str, str]  # alias -> region

    @classmethod
    def load(cls, indicator_rows: list[dict]) -> Catalogue:
        props = {
            r["indicator"]: r
            for r in mappings.read_csv(
                paths.mappings_dir() / "indicator_properties.csv",
                ["indicator", "direction", "min", "max"],
            )
        }
        names = list(dict.fromkeys(r["indicator"] for r in indicator_rows))
        missing = sorted(set(names) - set(props))
        stale = sorted(set(props) - set(names))
        if missing or stale:
            raise InputError(
                paths.mappings_dir() / "indicator_properties.csv",
                "indicator properties do not match the plan's indicators",
                value={"missing": missing, "unknown": stale},
                expected="one row per plan indicator",
            )
        indicators = {}
        for r in indicator_rows:
            p = props[r["indicator"]]
            indicators[r["indicator"]] = {
                "id": r["indicator_id"],
                "unit": r["unit"],
                "direction": int(p["direction"]),
                "min": _num(p["min"]),
                "max": _num(p["max"]),
            }
        series = {
            r["series"]: {
                "unit": r["unit"],
                "min": _num(r["min"]),
                "max": _num(r["max"]),
                "en": r["series_en"],
            }
            for r in mappings.read_csv(
                paths.mappings_dir() / "context_series.csv",
                ["series", "unit", "series_en", "min", "max"],
            )
        }
        regions = {
            r["alias"]: r["region"]
            for r in mappings.read_csv(
                paths.mappings_dir() / "region_aliases.csv", ["alias", "region"]
            )
        }
        return cls(indicators, series, regions)

    def region_names(self) -> list[str]:
        return list(dict.fromkeys(self.regions.values()))


def _num(text: str) -> Decimal | None:
    return Decimal(text) if str(text).strip() else None


def _canonical_columns(header: list[str]) -> dict[int, str]:
    aliases = {}
    for col, names in vocab()["column_aliases"].items():
        aliases[col] = col
        for n in names:
            aliases[n.lower()] = col
    out = {}
    for i, h in enumerate(header):
        key = clean_text(str(h or "")).lower()
        if key in aliases and aliases[key] not in out.values():
            out[i] = aliases[key]
    return out


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column: text}) for every data row of a CSV or XLSX file."""
    if path.suffix.lower() == ".xlsx":
        grid = _xlsx_grid(path)
    else:
        grid = list(csv.reader(io.StringIO(_decode(path))))
    required = vocab()["required"]
    h = next(
        (
            i
            for i, row in enumerate(grid[:10])
            if set(required) <= set(_canonical_columns(row).values())
        ),
        None,
    )
    if h is None:
        first = _canonical_columns(grid[0]) if grid else {}
        lacking = [c for c in required if c not in first.values()]
        raise InputError(
            path,
            f"missing required column(s): {', '.join(lacking)}",
            1,
            "header",
            expected=f"a header row with {', '.join(required)} (or their Chinese names)",
        )
    cols = _canonical_columns(grid[h])
    rows = []
    for n, cells in enumerate(grid[h + 1 :], start=h + 2):
        texts = [clean_text(str(c)) if c is not None else "" for c in cells]
        if not any(texts):
            continue
        first = next(t for t in texts if t)
        record = {col: (texts[i] if i < len(texts) else "") for i, col in cols.items()}
        others = [record[c] for c in required if record[c] != first]
        if first.startswith(tuple(vocab()["note_prefixes"])) and not any(others):
            continue
        rows.append((n, record))
    return rows


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(
        path, "cannot decode file", expected="UTF-8 (with or without BOM) or GBK/GB18030"
    )


def _xlsx_grid(path: Path) -> list[list]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    grid = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return grid


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return format(plain(Decimal(repr(v))), "f")
    return str(v)


def _year(text: str) -> int | None:
    s = text.replace(" ", "").removesuffix("年")
    if s.endswith(".0"):
        s = s[:-2]
    return int(s) if s.isdigit() and 1949 <= int(s) <= 2100 else None


def clean_row(path: Path, n: int, r: dict, cat: Catalogue) -> dict | None:
    """Validate one row; None for a row whose value is marked missing."""

    def bad(col, msg, expected):
        return InputError(path, msg, n, col, r.get(col, ""), expected)

    if is_missing(r["value"]) and not r["source_url"]:
        return None  # an unfilled line (e.g. a pre-filled template row)

    region = cat.regions.get(r["region"])
    if region is None:
        raise bad(
            "region",
            "unknown region",
            f"one of {', '.join(cat.region_names())} (or an alias in region_aliases.csv)",
        )
    name, unit_in_name = split_unit(r["indicator"])
    target, kind = _match(name, cat)
    if target is None:
        close = difflib.get_close_matches(
            name, list(cat.indicators) + list(cat.series), n=3, cutoff=0.3
        )
        raise bad(
            "indicator",
            "unknown indicator",
            f"a plan indicator or context series; closest: {', '.join(close) or 'none'}",
        )
    year = _year(r["year"])
    if year is None:
        raise bad("year", "not a year", "a year such as 2025 or 2025年")
    if not r["source_url"].startswith(("http://", "https://")):
        raise bad(
            "source_url",
            "source URL missing or not a web address",
            "http(s)://… (provenance is mandatory)",
        )
    if is_missing(r["value"]):
        return None
    try:
        value = parse_number(r["value"])
    except ValueError:
        raise bad(
            "value",
            "not a number",
            "a number (full-width digits and thousands separators are fine)",
        ) from None
    flags = {}
    for flag, spec in vocab()["flags"].items():
        text = r.get(flag) or spec["default"]  # a missing column or an empty cell takes the default
        if text not in spec["values"]:
            raise bad(
                flag, f"unknown {flag}", "one of " + ", ".join(repr(v) for v in spec["values"])
            )
        flags[flag] = text
    info = cat.indicators[target] if kind == "plan" else cat.series[target]
    unit = r.get("unit") or unit_in_name or info["unit"]
    f_obs, base_obs = unit_factor(unit)
    f_ind, base_ind = unit_factor(info["unit"])
    if base_obs != base_ind:
        raise bad(
            "unit",
            f"unit cannot be converted to the indicator's unit {info['unit']}",
            f"a unit convertible to {info['unit']}",
        )
    converted = plain(value * f_obs / f_ind)
    lo, hi = info["min"], info["max"]
    if (lo is not None and converted < lo) or (hi is not None and converted > hi):
        what = "negative count or amount" if lo == 0 and converted < 0 else "impossible value"
        raise bad(
            "value",
            what,
            f"a value between {lo if lo is not None else '-∞'} and {hi if hi is not None else '∞'} {info['unit']}",
        )
    return {
        "region": region,
        "series_kind": kind,
        "indicator": target,
        "indicator_id": info.get("id", ""),
        "year": year,
        "value": converted,
        "unit": info["unit"],
        "value_published": r["value"],
        "unit_published": unit,
        **flags,
        "source_url": r["source_url"],
        "source_title": r.get("source_title", ""),
        "quote": r.get("quote", ""),
        "note": r.get("note", ""),
        "file": path.name,
        "row": n,
    }


def _match(name: str, cat: Catalogue) -> tuple[str | None, str]:
    if name in cat.indicators:
        return name, "plan"
    if name in cat.series:
        return name, "context"
    for a in mappings.aliases():
        if a["alias"] == name and a["indicator"]:
            return a["indicator"], "plan"
    return None, ""


def observation_files(folder: Path | None = None) -> list[Path]:
    folder = folder or paths.observations_dir()
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith((".", "~$"))
    )


def read_all(cat: Catalogue, folder: Path | None = None) -> tuple[list[dict], int]:
    """All valid figures from every file, and how many rows were marked missing."""
    out, missing = [], 0
    for path in observation_files(folder):
        for n, r in read_rows(path):
            row = clean_row(path, n, r, cat)
            if row is None:
                missing += 1
            else:
                out.append(row)
    return out, missing


def _rank(row: dict) -> tuple:
    return tuple(rule["rank"][row[rule["flag"]]] for rule in vocab()["choice_rule"])


def choose(rows: list[dict]) -> list[dict]:
    """Mark one figure per (region, indicator, year) as chosen, by the documented rule; every row
    gets the reason for its choice or rejection."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault((r["region"], r["indicator"], r["year"]), []).append(r)
    out = []
    for group in groups.values():
        ordered = sorted(group, key=lambda r: (_rank(r), r["file"], r["row"]))
        best = ordered[0]
        differ = len({r["value"] for r in group}) > 1
        for r in ordered:
            r["n_figures"] = len(group)
            r["values_differ"] = differ
            r["chosen"] = r is best
            r["reason"] = _reason(r, best, len(group))
            out.append(r)
    return out


def _reason(r: dict, best: dict, n: int) -> str:
    if n == 1:
        return "only figure"
    if r is best:
        return (
            f"chosen among {n} figures by the rule comparable > value_kind > source_kind > vintage"
        )
    for rule in vocab()["choice_rule"]:
        flag = rule["flag"]
        if rule["rank"][r[flag]] != rule["rank"][best[flag]]:
            return f"not chosen: {flag} {r[flag] or '(unstated)'} ranks below {best[flag] or '(unstated)'}"
    return f"not chosen: ties on every flag; {best['file']} row {best['row']} was read first"
