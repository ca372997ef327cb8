"""Progress to target for every indicator and target year (``reference/methods.md``).

Eurostat / Open SDG ratio of actual to required growth (RR), with the UN Progress Chart
projection as a second lens. Statuses and cut-offs live in ``vocab/assess.yml``.
"""

from __future__ import annotations

import math
from functools import cache

from planwatch.paths import read_vocab

SCORABLE = ("yes", "unclear")
BOUND_KINDS = ("lower_bound", "partial_period")  # value kinds that are never a full year's value


def bound_mask(df):
    """``is_bound`` for every row of an observations frame."""
    return df["value_kind"].isin(BOUND_KINDS) | df["is_bound"]


def is_bound(obs: dict) -> bool:
    """A figure that only bounds the year's value from below (stated, a part-year figure of an
    accumulating value, a count before year-end of a growing stock), or a part-year figure of
    a value that does not accumulate (which cannot show a miss either)."""
    return bool(obs.get("is_bound")) or obs.get("value_kind") in BOUND_KINDS


@cache
def vocab() -> dict:
    return read_vocab("assess")


def is_ordinal(unit: str) -> bool:
    """A position in a published order (位, 名: 1 = first), not a quantity (``ordinal_units``)."""
    return str(unit).strip() in vocab()["ordinal_units"]


def meets(value: float, target: float, comparator: str, direction: int) -> bool:
    """Whether ``value`` satisfies the target. ``=`` and ``≈`` mean "reach": at least the target
    when higher is better, at most when lower is better."""
    if comparator == ">":
        return value > target
    if comparator == "<":
        return value < target
    if comparator == "≥":
        return value >= target
    if comparator == "≤":
        return value <= target
    return value >= target if direction > 0 else value <= target


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth; a zero base is replaced (Open SDG), a negative base keeps sign."""
    zero = vocab()["zero_base"]
    start = zero if start == 0 else start
    end = zero if end == 0 else end
    if years <= 0:
        raise ValueError("growth needs a positive number of years")
    if (start < 0) != (end < 0):
        return (end - start) / abs(start) / years  # sign change: fall back to a linear rate
    sign = -1 if start < 0 else 1
    return sign * ((end / start) ** (1 / years) - 1)


def rr_status(rr: float) -> str:
    for cls in vocab()["rr_classes"]:
        if cls["min"] is None or rr >= cls["min"]:
            return cls["status"]
    raise AssertionError("unreachable")


def assess_one(
    indicator: dict,
    target_year: int,
    target: float,
    comparator: str,
    base_year: int,
    baseline: float | None,
    observations: list[dict],
    period: str = "",
) -> dict:
    """One progress row. ``observations``: the chosen figures for this indicator and region,
    any flags (not-comparable ones are counted in the caveat, never scored). ``period``: a target
    of its own kind (``annual_average 2021-2025``, ``period_total 2021-2025``), which one year's
    level never meets or misses: its evidence is insufficient, and the caveat says why."""
    d = indicator["direction"]
    row = {
        "target_year": target_year,
        "target_value": target,
        "comparator": comparator,
        "baseline_year": base_year,
        "baseline_value": baseline,
        "direction": d,
        "observed_year": None,
        "observed_value": None,
        "value_kind": "",
        "observed_bound": False,
        "observed_period": "",
        "comparable": "",
        "achievement": None,
        "gap": None,
        "cagr_actual": None,
        "cagr_required": None,
        "rr": None,
        "projected_value": None,
        "projected_year_reached": None,
        "q": None,
        "status": "no_data",
        "caveat": "",
        "caveat_codes": "",
        "source_url": "",
    }
    caveats = []
    if period:
        kind, _, span = period.partition(" ")
        row["status"] = "insufficient_evidence"
        return _finish(row, [(f"{kind}_target", span)])
    shown = [
        o for o in observations if o["comparable"] == "no" and base_year < o["year"] <= target_year
    ]
    if shown:
        caveats.append(("not_comparable_shown", len(shown)))
    usable = [
        o
        for o in observations
        if o["comparable"] in SCORABLE and base_year < o["year"] <= target_year
    ]
    if baseline is None:
        base_obs = [
            o
            for o in observations
            if o["comparable"] in SCORABLE and o["year"] == base_year and not is_bound(o)
        ]
        if base_obs:
            baseline = float(base_obs[0]["value"])
            row["baseline_value"] = baseline
            caveats.append(("baseline_observed", base_year))
    if not usable:
        later = [o for o in observations if o["comparable"] in SCORABLE and o["year"] > target_year]
        if later:
            caveats.append(("later_only", target_year))
        return _finish(row, caveats)
    obs = max(usable, key=lambda o: o["year"])
    value = float(obs["value"])
    row.update(
        observed_year=obs["year"],
        observed_value=value,
        value_kind=obs["value_kind"],
        observed_bound=is_bound(obs),
        observed_period=obs.get("period", ""),
        comparable=obs["comparable"],
        source_url=obs["source_url"],
    )
    # a part of a year is no share of a full year's target: no percentage from it (a lower
    # bound's share is a lower bound itself, and is shown as "at least")
    part_year = obs["value_kind"] == "partial_period"
    row["achievement"] = round(value / target, 4) if target and not part_year else None
    row["gap"] = round(value - target, 4)
    if obs["comparable"] == "unclear":
        caveats.append(("unclear", None))
    if obs["value_kind"] in ("rounded", "estimate") or (
        obs["value_kind"] == "point_in_time" and not obs.get("is_bound")
    ):
        caveats.append((obs["value_kind"], None))
    if obs.get("vintage") == "preliminary":
        caveats.append(("preliminary", None))
    if obs.get("year_basis") == "inferred":
        caveats.append(("inferred_year", None))
    bound = is_bound(obs)
    if bound:
        caveats.append((obs["value_kind"], None))
    hit = meets(value, target, comparator, d)
    if hit:
        row["status"] = "met"
    elif bound:
        row["status"] = "insufficient_evidence"
    elif obs["year"] == target_year:
        row["status"] = "missed"
    elif baseline is None:
        row["status"] = "insufficient_evidence"
        caveats.append(("no_baseline", None))
    else:
        _score(row, baseline, base_year, value, obs["year"], target, target_year, d)
    if obs["year"] < target_year and hit:
        caveats.append(("met_early", obs["year"]))
    return _finish(row, caveats)


def is_provisional(comparable: str, status: str, kind: str = "statuses") -> bool:
    """Whether a verdict rests on a figure of unclear definition (``provisional`` in the
    vocabulary): ``kind`` is ``statuses`` (progress) or ``annual_statuses``."""
    rule = vocab()["provisional"]
    return comparable in rule["comparable"] and status in rule[kind]


def _finish(row: dict, caveats: list[tuple[str, object]]) -> dict:
    row["provisional"] = is_provisional(row.get("comparable", ""), row["status"])
    row["caveat_codes"] = ";".join(c if a is None else f"{c}:{a}" for c, a in caveats)
    return row


def _score(row, y0, t0, yt, t, target, T, d) -> None:
    actual = cagr(y0, yt, t - t0)
    required = cagr(y0, target, T - t0)
    row["cagr_actual"], row["cagr_required"] = round(actual, 4), round(required, 4)
    if abs(required) < 1e-12:
        row["status"] = "away" if d * actual < 0 else "on_track"
    else:
        rr = d * actual / abs(required)
        row["rr"] = round(rr, 4)
        row["status"] = rr_status(rr)
    projected = yt * (1 + actual) ** (T - t)
    row["projected_value"] = round(projected, 2)
    if target != y0:
        row["q"] = round((projected - y0) / (target - y0), 4)
    if d * actual > 0 and yt > 0 and target > 0 and 1 + actual > 0:
        n = math.log(target / yt) / math.log(1 + actual)
        row["projected_year_reached"] = t + math.ceil(n) if n > 0 else t


def symbol(status: str) -> str:
    return vocab()["statuses"][status]["symbol"]
