"""The annual implementation check: where the plan's own path put each indicator in each year,
and what was observed (``reference/methods.md`` §1; issue "the plan's own monitoring").

The path runs from the baseline to the first target, then from target to target; after the last
target year it stays at the last target. Amounts and counts follow constant compound growth;
shares and rates (the units listed in ``vocab/assess.yml``) follow a straight line in points.
"""

from __future__ import annotations

from planwatch.assess.progress import SCORABLE, is_provisional, vocab


def settings() -> dict:
    return vocab()["annual"]


def is_linear(unit: str) -> bool:
    return unit in settings()["linear_units"]


def path(
    base_year: int, baseline: float, targets: list[tuple[int, float]], linear: bool, until: int
) -> dict[int, float]:
    """Path value for every year from ``base_year + 1`` to ``until``. A compound path needs a
    positive baseline and targets; otherwise the segment is drawn straight (and says so)."""
    points = [(base_year, float(baseline))] + sorted((int(y), float(v)) for y, v in targets)
    out: dict[int, float] = {}
    for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
        straight = linear or v0 <= 0 or v1 <= 0
        for y in range(y0 + 1, y1 + 1):
            f = (y - y0) / (y1 - y0)
            out[y] = v0 + f * (v1 - v0) if straight else v0 * (v1 / v0) ** f
    last_year, last_value = points[-1]
    for y in range(last_year + 1, until + 1):
        out[y] = last_value
    return {y: v for y, v in out.items() if y <= until}


def ratio(observed: float, path_value: float, direction: int) -> float | None:
    """Observed over path (higher is better) or path over observed (lower is better)."""
    num, den = (observed, path_value) if direction > 0 else (path_value, observed)
    if den == 0:
        return None
    return num / den


def status(obs: dict | None, path_value: float, direction: int) -> tuple[str, float | None]:
    """(status, ratio) for one indicator-year. ``obs`` is the chosen figure or None."""
    if obs is None:
        return "no_data", None
    if obs["comparable"] not in SCORABLE:
        return "not_comparable", None
    r = ratio(float(obs["value"]), path_value, direction)
    if r is None:
        return "insufficient_evidence", None
    near = settings()["near_min"]
    cls = "ahead" if r >= 1 else "near" if r >= near else "behind"
    lower_bound = bool(obs.get("is_bound")) or obs.get("value_kind") == "lower_bound"
    if lower_bound:
        # the year's value is at least this figure: it proves "ahead" when higher is better and
        # reaches the path, and "behind" when lower is better and stays short by the margin
        if (direction > 0 and cls == "ahead") or (direction < 0 and cls == "behind"):
            return cls, r
        return "insufficient_evidence", r
    if obs.get("value_kind") == "partial_period":  # a part of a year of a non-accumulating value
        return "insufficient_evidence", r
    return cls, r


def caveats(obs: dict | None, year: int, last_target_year: int, straight: bool) -> list[str]:
    codes = []
    if year > last_target_year:
        codes.append(f"path_after_last:{last_target_year}")
    if straight:
        codes.append("path_straight")
    if obs is None:
        return codes
    if obs["comparable"] == "unclear":
        codes.append("unclear")
    if obs.get("value_kind") in ("rounded", "estimate", "lower_bound", "partial_period"):
        codes.append(obs["value_kind"])
    elif obs.get("is_bound"):
        codes.append("lower_bound")
    if obs.get("vintage") == "preliminary":
        codes.append("preliminary")
    if obs.get("year_basis") == "inferred":
        codes.append("inferred_year")
    return codes


def check(
    indicators: list[dict], chosen: list[dict], directions: dict[str, int], region: str
) -> list[dict]:
    """Every row of ``annual_check``: plan indicator × year (first year after the baseline to
    the latest year with any figure for the region), for the region the targets apply to."""
    plan_obs = [o for o in chosen if o["series_kind"] == "plan" and o["region"] == region]
    base_years = [r["year"] for r in indicators if r["is_baseline"]]
    if not plan_obs or not base_years:
        return []
    until = max(o["year"] for o in plan_obs)
    by_key = {(o["indicator"], int(o["year"])): o for o in plan_obs}
    rows = []
    for name in dict.fromkeys(r["indicator"] for r in indicators):
        mine = [r for r in indicators if r["indicator"] == name]
        base = next((r for r in mine if r["is_baseline"]), None)
        targets = [  # level targets only: a path never runs to a yearly average or a total
            (r["year"], r["value"]) for r in mine if not r["is_baseline"] and not r.get("period")
        ]
        targets = [(y, v) for y, v in targets if v is not None]
        unit, d = mine[0]["unit"], directions[name]
        if base is None or base["value"] is None or not targets:
            continue  # no path without a baseline and a target: the progress table says why
        linear = is_linear(unit)
        b = float(base["value"])
        p = path(base["year"], b, targets, linear, until)
        straight = not linear and (b <= 0 or any(float(v) <= 0 for _, v in targets))
        last_target = max(y for y, _ in targets)
        for year, pv in sorted(p.items()):
            obs = by_key.get((name, year))
            st, r = status(obs, pv, d)
            rows.append(
                {
                    "indicator": name,
                    "indicator_id": mine[0]["indicator_id"],
                    "category": mine[0]["category"],
                    "region": region,
                    "year": year,
                    "unit": unit,
                    "direction": d,
                    "path_kind": "linear" if linear or straight else "compound",
                    "path_value": round(pv, 4),
                    "observed_value": None if obs is None else float(obs["value"]),
                    "value_kind": "" if obs is None else obs["value_kind"],
                    "comparable": "" if obs is None else obs["comparable"],
                    "observed_period": "" if obs is None else obs.get("period", ""),
                    "ratio_to_path": None if r is None else round(r, 4),
                    "status": st,
                    "provisional": obs is not None
                    and is_provisional(obs["comparable"], st, "annual_statuses"),
                    "symbol": settings()["statuses"][st]["symbol"],
                    "caveat_codes": ";".join(caveats(obs, year, last_target, straight)),
                    "caveat": "",
                    "source_url": "" if obs is None else obs["source_url"],
                }
            )
    return rows
