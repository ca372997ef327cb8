"""Read, validate and choose published figures (``data/raw/observations/*.csv|*.xlsx``).

Names go through the plan's own indicator names, the alias file, the context-series file and the
region alias file; anything unmatched is an error naming file, row (as a spreadsheet counts:
header = row 1), column, the bad value and what was expected.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import mappings, plausibility
from planwatch.inputs import plan as plan_manifest
from planwatch.inputs.records import vocab
from planwatch.parse.normalise import (
    is_missing,
    parse_number,
    plain,
    scale_between,
    split_unit,
    unit_factor,
)

ACCUMULATES = ("", "flow", "stock")


@dataclass
class Catalogue:
    """What an observation may name: plan indicators and declared context series."""

    indicators: dict[str, dict]  # plan name -> {id, unit, direction, min, max}
    series: dict[str, dict]  # context series name -> {unit, min, max}
    regions: dict[str, str]  # alias -> region
    years: tuple[int, int] = (1949, 2100)  # plausible years of a figure
    anchors: dict[str, list[tuple[int, Decimal]]] = field(default_factory=dict)  # plan values
    plan_region: str = ""
    aliases: dict[str, str] = field(default_factory=dict)  # indicator alias -> plan indicator
    memo: dict = field(default_factory=dict, repr=False)  # checks of repeated cells, done once

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
            accumulates = (p.get("accumulates") or "").strip()
            if accumulates not in ACCUMULATES:
                raise InputError(
                    paths.mappings_dir() / "indicator_properties.csv",
                    "unknown accumulation",
                    p["_row"],
                    "accumulates",
                    accumulates,
                    "flow (accumulates over a year), stock (grows over time) or empty",
                )
            indicators[r["indicator"]] = {
                "id": r["indicator_id"],
                "unit": r["unit"],
                "direction": int(p["direction"]),
                "min": _num(p["min"]),
                "max": _num(p["max"]),
                "accumulates": accumulates,
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
        regions = {  # the manifest's names are known without an alias row
            **_manifest_regions(),
            **{
                r["alias"]: r["region"]
                for r in mappings.read_csv(
                    paths.mappings_dir() / "region_aliases.csv", ["alias", "region"]
                )
            },
        }
        anchors: dict[str, list[tuple[int, Decimal]]] = {}
        for r in indicator_rows:
            if r.get("value") is not None:
                anchors.setdefault(r["indicator"], []).append((r["year"], Decimal(r["value"])))
        baseline = min(r["year"] for r in indicator_rows)
        aliases = {a["alias"]: a["indicator"] for a in mappings.aliases() if a["indicator"]}
        return cls(
            indicators,
            series,
            regions,
            plausibility.year_range(baseline),
            anchors,
            plausibility.plan_region(),
            aliases,
        )

    def region_names(self) -> list[str]:
        return list(dict.fromkeys(self.regions.values()))


def _manifest_regions() -> dict[str, str]:
    """The plan's region and sub-regions under the names ``plan.yml`` gives them (name, full
    name, English name); other spellings (全省, another English form …) come from region_aliases.csv."""
    m = plan_manifest.load()
    out = {m.region["zh"]: m.region["zh"]}
    for s in m.subregions:
        for name in (s["name"], s["full_name"], s["en"]):
            if name:
                out[name] = s["name"]
    return out


def _num(text: str) -> Decimal | None:
    return Decimal(text) if str(text).strip() else None


@cache
def flag_names() -> tuple[str, ...]:
    return tuple(vocab()["flags"])


@cache
def _flags() -> tuple[tuple[str, dict], ...]:
    return tuple(vocab()["flags"].items())


def _year(text: str) -> int | None:
    s = text.replace(" ", "").removesuffix("年")
    if s.endswith(".0"):
        s = s[:-2]
    return int(s) if s.isascii() and s.isdigit() and len(s) == 4 else None


class _Bad(Exception):
    """A problem with one column, raised where the file and row are not known."""

    def __init__(self, column: str, message: str, expected: str):
        super().__init__(column, message, expected)
        self.column, self.message, self.expected = column, message, expected


def _series(cat: Catalogue, region_text: str, indicator_text: str) -> tuple:
    region = cat.regions.get(region_text)
    if region is None:
        raise _Bad(
            "region",
            "unknown region",
            f"one of {', '.join(cat.region_names())} (or an alias in region_aliases.csv)",
        )
    name, unit_in_name = split_unit(indicator_text)
    target, kind = _match(name, cat)
    if target is None:
        close = difflib.get_close_matches(
            name, list(cat.indicators) + list(cat.series), n=3, cutoff=0.3
        )
        raise _Bad(
            "indicator",
            "unknown indicator",
            f"a plan indicator or context series; closest: {', '.join(close) or 'none'}",
        )
    info = cat.indicators[target] if kind == "plan" else cat.series[target]
    return region, target, kind, info, unit_in_name


def _year_of(cat: Catalogue, text: str) -> int:
    year = _year(text)
    if year is None:
        raise _Bad("year", "not a year", "a year such as 2025 or 2025年")
    lo_year, hi_year = cat.years
    if not lo_year <= year <= hi_year:
        raise _Bad(
            "year",
            "year outside the plausible range",
            f"a year from {lo_year} to {hi_year} (a few years before the plan's baseline "
            "to the current year; see plausibility in vocab/observations.yml)",
        )
    return year


def _flags_of(texts: tuple[str, ...]) -> dict:
    flags = {}
    for (flag, spec), text in zip(_flags(), texts, strict=True):
        text = text or spec["default"]  # a missing column or an empty cell takes the default
        if text not in spec["values"]:
            raise _Bad(
                flag, f"unknown {flag}", "one of " + ", ".join(repr(v) for v in spec["values"])
            )
        flags[flag] = text
    return flags


def _conversion(info: dict, unit: str) -> Decimal:
    scaled = scale_between(unit, info["unit"])  # Mbps for an indicator in Gbps
    if scaled is not None:
        return scaled
    f_obs, base_obs = unit_factor(unit)
    f_ind, base_ind = unit_factor(info["unit"])
    if base_obs != base_ind:
        raise _Bad(
            "unit",
            f"unit cannot be converted to the indicator's unit {info['unit']}",
            f"a unit convertible to {info['unit']}",
        )
    return f_obs / f_ind


_MONTH_RE = re.compile(r"^((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$")


def _period_of(text: str, year: int) -> str:
    """``2021-01/2021-10`` (a part of a year) or ``2024-05`` / ``2023-12-27`` (a point in time),
    within the figure's year; empty when not given."""
    text = text.replace(" ", "").replace("—", "/").replace("–", "/")
    if not text:
        return ""
    parts = text.split("/")
    ok = len(parts) in (1, 2) and all(_MONTH_RE.match(p) for p in parts)
    # a part of the year lies in it; a count may be dated early in the next year (截至次年1月)
    years = {year} if len(parts) == 2 else {year, year + 1}
    if ok and not all(int(p[:4]) in years for p in parts):
        raise _Bad(
            "period",
            "period outside the figure's year",
            f"months of {year}, e.g. {year}-01/{year}-10",
        )
    if ok and len(parts) == 2 and parts[0] > parts[1]:
        ok = False
    if not ok:
        raise _Bad(
            "period",
            "not a period",
            "YYYY-MM/YYYY-MM (part of a year, e.g. 2021-01/2021-10) or YYYY-MM[-DD] (a point)",
        )
    return "/".join(parts)


def bound_reason(value_kind: str, accumulates: str, period: str = "", year: int = 0) -> str:
    """Why a figure is a lower bound of its year's value, or '' when it is not one. A count of
    a growing stock dated after the year's end (截至次年1月) is not a bound of that year."""
    if value_kind == "lower_bound":
        return "stated as a lower bound"
    if value_kind == "partial_period" and accumulates in ("flow", "stock"):
        return f"part of a year of a value that accumulates ({accumulates})"
    after_year_end = bool(period) and "/" not in period and int(period[:4]) > year
    if value_kind == "point_in_time" and accumulates == "stock" and not after_year_end:
        return "a count before year-end of a stock that grows"
    return ""


def clean_row(path: Path, n: int, r: dict, cat: Catalogue, sheet: str = "") -> dict | None:
    """Validate one row; None for a row whose value is marked missing."""
    try:
        return _clean(path, n, r, cat, sheet)
    except _Bad as exc:
        raise InputError(
            path,
            exc.message,
            n,
            exc.column,
            r.get(exc.column, ""),
            exc.expected,
            sheet=sheet or None,
        ) from None


def unfilled(value_text: str, url: str) -> bool:
    """A row with no value and no source: an unfilled line (e.g. a pre-filled template row),
    passed over (and said, by ``figures.read_all``)."""
    return not url and is_missing(value_text)


def _clean(path: Path, n: int, r: dict, cat: Catalogue, sheet: str) -> dict | None:
    value_text, url = r["value"], r["source_url"]
    if unfilled(value_text, url):
        return None
    missing = is_missing(value_text)
    key = (
        r["region"],
        r["indicator"],
        r["year"],
        r.get("unit", ""),
        r.get("period", ""),
        *[r.get(flag, "") for flag in flag_names()],
    )
    series, template = checked(cat, key)
    if isinstance(series, _Bad):
        raise series
    if not url.startswith(("http://", "https://")):
        raise _Bad(
            "source_url",
            "source URL missing or not a web address",
            "http(s)://… (provenance is mandatory)",
        )
    if missing:
        return None
    try:
        value = parse_number(value_text)
    except ValueError:
        raise _Bad(
            "value",
            "not a number",
            "a number (full-width digits and thousands separators are fine)",
        ) from None
    if isinstance(template, _Bad):
        raise template
    factor = template["_factor"]
    converted = value if factor == 1 else plain(value * factor)
    lo, hi = series["info"]["min"], series["info"]["max"]
    if (lo is not None and converted < lo) or (hi is not None and converted > hi):
        what = "negative count or amount" if lo == 0 and converted < 0 else "impossible value"
        raise _Bad(
            "value",
            what,
            f"a value between {lo if lo is not None else '-∞'} and "
            f"{hi if hi is not None else '∞'} {series['info']['unit']}",
        )
    row = template.copy()
    del row["_factor"]
    row["value"] = converted
    row["value_published"] = value_text
    row["source_url"] = url
    row["source_title"] = r.get("source_title", "")
    row["quote"] = r.get("quote", "")
    row["note"] = r.get("note", "")
    row["file"] = path.name
    row["sheet"] = sheet
    row["row"] = n
    row["_path"] = path
    row["_source_kind_stated"] = bool(r.get("source_kind"))
    return row


def checked(cat: Catalogue, key: tuple) -> tuple:
    """What a row's region, indicator, year, unit, period and flag cells (``key``, in that order,
    flags as ``flag_names``) say, checked once per distinct cells and kept in ``cat.memo``:
    (the series or its problem, the row's fixed fields or their problem)."""
    found = cat.memo.get(key)
    if found is None:
        found = cat.memo[key] = _checked(cat, key)
    return found


def _checked(cat: Catalogue, key: tuple) -> tuple:
    region_text, indicator_text, year_text, unit_text, period_text, *flag_texts = key
    try:
        series = _series_year(cat, region_text, indicator_text, year_text)
    except _Bad as exc:
        return exc, None
    unit = unit_text or series["unit_in_name"] or series["info"]["unit"]
    try:
        kind = _kind(series, unit, period_text, tuple(flag_texts))
    except _Bad as exc:
        return series, exc
    template = {
        **series["fields"],
        "value": None,
        "unit": series["info"]["unit"],
        "value_published": "",
        "unit_published": unit,
        **kind["fields"],
        "_factor": kind["factor"],
    }
    return series, template


def _series_year(cat: Catalogue, region_text: str, indicator_text: str, year_text: str) -> dict:
    """What a row's region, indicator and year cells say."""
    region, target, kind, info, unit_in_name = _series(cat, region_text, indicator_text)
    year = _year_of(cat, year_text)
    fields = {
        "region": region,
        "series_kind": kind,
        "indicator": target,
        "indicator_id": info.get("id", ""),
        "year": year,
    }
    return {"fields": fields, "info": info, "unit_in_name": unit_in_name, **fields}


def _kind(series: dict, unit: str, period_text: str, flag_texts: tuple[str, ...]) -> dict:
    """Flags, unit conversion and period of a figure (checked once per distinct cells)."""
    flags = _flags_of(flag_texts)
    factor = _conversion(series["info"], unit)
    period = _period_of(period_text, series["year"])
    bound = bound_reason(
        flags["value_kind"], series["info"].get("accumulates", ""), period, series["year"]
    )
    fields = {**flags, "period": period, "is_bound": bool(bound), "bound_reason": bound}
    return {"factor": factor, "fields": fields}


def _match(name: str, cat: Catalogue) -> tuple[str | None, str]:
    if name in cat.indicators:
        return name, "plan"
    if name in cat.series:
        return name, "context"
    if name in cat.aliases:
        return cat.aliases[name], "plan"
    return None, ""
