"""Plausibility of published figures: the years a figure may refer to, and its order of magnitude
against the plan's own values and the other figures of the same series.

The thresholds are data (``vocab/observations.yml``, key ``plausibility``); a figure that is right
although it looks wrong is declared in ``data/raw/mappings/plausibility_exceptions.csv``.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from statistics import median

import numpy as np

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import mappings, plan
from planwatch.parse.normalise import format_decimal, parse_number, unit_factor, unit_kind
from planwatch.paths import read_vocab

EXCEPTIONS = "plausibility_exceptions.csv"


def settings() -> dict:
    return read_vocab("observations")["plausibility"]


def year_range(baseline_year: int, today: datetime.date | None = None) -> tuple[int, int]:
    """From a few years before the plan's baseline to the current year."""
    today = today or datetime.date.today()
    return baseline_year - int(settings()["years_before_baseline"]), today.year


def plan_region() -> str:
    return plan.load().region["zh"]


def exceptions() -> dict[tuple[str, str, int], dict]:
    """Declared exceptions, keyed by (region, indicator, year); the file is optional."""
    path = paths.mappings_dir() / EXCEPTIONS
    if not path.exists():
        return {}
    out = {}
    for r in mappings.read_csv(path, ["region", "indicator", "year", "reason"]):
        if not r["reason"].strip() or not r["year"].strip().isdigit():
            raise InputError(
                path,
                "an exception needs a year and a reason",
                r["_row"],
                "reason" if r["year"].strip().isdigit() else "year",
                r["reason"] if r["year"].strip().isdigit() else r["year"],
                "a year (2021) and why the figure is right although it looks implausible",
            )
        out[(r["region"], r["indicator"], int(r["year"]))] = r
    return out


def _log(v: Decimal) -> float:
    return math.log10(v) if isinstance(v, float) else math.log10(float(v))


def _units_like(unit: str) -> list[str]:
    """Units of the same dimension as ``unit`` (元, 万元, 亿元, 万亿元; 家, 万家 …)."""
    _, base = unit_factor(unit)
    if unit_kind(unit) == "money":
        return ["元", "万元", "亿元", "万亿元"]
    return [base, f"万{base}", f"亿{base}"]


def _suggestion(row: dict, reference: Decimal) -> str:
    try:
        number = parse_number(row["value_published"])
    except ValueError:
        return ""
    if number <= 0:
        return ""
    f_ind, _ = unit_factor(row["unit"])
    best = min(
        _units_like(row["unit"]),
        key=lambda u: abs(_log(number * unit_factor(u)[0] / f_ind) - _log(reference)),
    )
    as_best = number * unit_factor(best)[0] / f_ind
    if best == row["unit_published"] or abs(_log(as_best) - _log(reference)) > 1:
        return ""
    return f"; check the unit: as {best} it would be {format_decimal(as_best)} {row['unit']}"


def _refuse(row: dict, reference: Decimal, what: str) -> InputError:
    factor = float(row["value"]) / float(reference)
    times = f"{factor:,.0f} times above" if factor > 1 else f"{1 / factor:,.0f} times below"
    return InputError(
        row["_path"],
        f"implausible value: {format_decimal(row['value'])} {row['unit']} is {times} {what}"
        + _suggestion(row, reference),
        row["row"],
        "value",
        row["value_published"],
        f"a figure within {settings()['magnitude_factor']}× of it, or the figure declared "
        f"in data/raw/mappings/{EXCEPTIONS} (region, indicator, year, reason)",
        sheet=row["sheet"] or None,
    )


def check_magnitudes(rows: list[dict], cat) -> None:
    """Refuse a figure far from the plan's values for the same indicator, or from the other
    figures of its series; amounts and counts only (rates and shares have their ranges). ``rows``
    come in the order they were read, so the first figure refused is the first one read."""
    s = settings()
    span = math.log10(float(s["magnitude_factor"]))
    low, high = (math.log10(float(x)) for x in s["subregion_range"])
    declared = exceptions()
    used = set()
    series: dict[tuple[str, str], list[dict]] = {}
    kinds: dict[str, str] = {}
    for r in rows:
        key = (r["region"], r["indicator"], r["year"])
        if key in declared:
            used.add(key)
            continue
        unit = r["unit"]
        kind = kinds.get(unit) or kinds.setdefault(unit, unit_kind(unit))
        if r["value"] > 0 and kind in ("money", "count"):
            series.setdefault((r["region"], r["indicator"]), []).append(r)
    stale = sorted(set(declared) - {(r["region"], r["indicator"], r["year"]) for r in rows})
    if stale:
        r = declared[stale[0]]
        raise InputError(
            paths.mappings_dir() / EXCEPTIONS,
            "exception for a figure that no observation file holds",
            r["_row"],
            value=f"{r['region']}, {r['indicator']}, {r['year']}",
            expected="the region, indicator and year of a published figure (as built)",
        )
    for (region, indicator), figures in sorted(series.items()):
        anchors = cat.anchors.get(indicator, [])
        x = np.log10(np.array([float(r["value"]) for r in figures]))
        if anchors:
            a = np.log10(np.array([float(v) for _, v in anchors]))
            if region == cat.plan_region:
                bad = np.abs(x[:, None] - a[None, :]).min(axis=1) > span
                whole = ""
            else:  # a sub-region: within a broad band of the plan region's own values
                bad = (x < a.min() + low) | (x > a.max() + high)
                whole = f" for {cat.plan_region} as a whole"
            if bad.any():
                i = int(np.argmax(bad))
                k = int(np.abs(a - x[i]).argmin())
                year, ref = anchors[k]
                raise _refuse(
                    figures[i],
                    ref,
                    f"the plan's {year} value {format_decimal(ref)} {figures[i]['unit']}{whole}",
                )
            if region == cat.plan_region:
                continue
        _consensus(figures, x, span)


def _consensus(figures: list[dict], logs: np.ndarray, span: float) -> None:
    """Refuse a figure outside every largest group of figures within ``span`` (log10) of each
    other, when that group holds at least two figures (``logs``: log10 of each figure)."""
    ordered = np.sort(logs)
    counts = np.searchsorted(ordered, ordered + span, side="right") - np.arange(len(ordered))
    best = int(counts.max())
    if best < 2:
        return
    tops = ordered[counts == best]  # where each largest group starts, ascending
    below = np.searchsorted(tops, logs, side="right") - 1  # the last start at or below a figure
    inside = (below >= 0) & (logs <= tops[np.maximum(below, 0)] + span)
    if inside.all():
        return
    i = int(np.argmin(inside))
    near = (logs >= tops[0]) & (logs <= tops[0] + span)
    group = [f["value"] for f, ok in zip(figures, near, strict=True) if ok]
    ref = Decimal(median(group))
    raise _refuse(figures[i], ref, f"the median {format_decimal(ref)} of the other figures")
