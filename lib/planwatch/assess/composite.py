"""The composite evaluation index: planwatch's transparent reconstruction, never the official
index (the provincial scoring scheme is not public). ``reference/methods.md`` §2, §2b.

Each figure scores its distance travelled from the plan's baseline (0) to its final target (100),
direction-aware, kept between ``floor`` and ``cap``. A category's sub-index is the mean of its
scored indicators (at least ``min_indicators``); the overall index the weighted mean of the
sub-indices present (equal weights by default), always shown with its coverage. A seeded Monte
Carlo over the choices an analyst could make gives the median and interval, and which choice
moves the result most. Settings: ``vocab/assess.yml`` (``composite``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

import numpy as np
import pandas as pd

from planwatch.assess.progress import vocab

OVERALL = "overall"
# the default construction: figures of unclear definition give no firm score (they are
# provisional); the Monte Carlo draws both ways
DEFAULT = {"aggregation": "arithmetic", "unclear": "exclude", "missing": "exclude"}


def settings() -> dict:
    return vocab()["composite"]


def distance_score(value: float, baseline: float, target: float) -> float | None:
    """100 × (value − baseline) / (target − baseline): 0 at the baseline, 100 at the target,
    for either direction (a lower-is-better target lies below its baseline)."""
    if target == baseline:
        return None
    return 100.0 * (value - baseline) / (target - baseline)


@dataclass
class Grid:
    """Scores as a matrix: one row per indicator, one column per year (NaN: no figure)."""

    indicators: list[str]
    groups: list[str]  # each indicator's group (its category)
    years: list[int]
    raw: np.ndarray  # uncapped scores
    unclear: np.ndarray  # bool: the figure's definition is unclear
    order: list[str] = field(default_factory=list)  # the groups in their order

    @classmethod
    def from_scores(cls, df: pd.DataFrame, years: list[int], indicators: pd.DataFrame) -> Grid:
        """``df``: rows of ``composite_scores`` that are eligible; ``indicators``: every
        indicator of the plan (indicator, category) in order, scored or not."""
        names = list(dict.fromkeys(indicators["indicator"]))
        groups = [indicators.loc[indicators["indicator"] == n, "category"].iloc[0] for n in names]
        raw = np.full((len(names), len(years)), np.nan)
        unclear = np.zeros_like(raw, dtype=bool)
        pos = {n: i for i, n in enumerate(names)}
        col = {y: j for j, y in enumerate(years)}
        for r in df.itertuples():
            if r.indicator in pos and int(r.year) in col:
                raw[pos[r.indicator], col[int(r.year)]] = r.raw_score
                unclear[pos[r.indicator], col[int(r.year)]] = r.comparable == "unclear"
        return cls(names, groups, list(years), raw, unclear, list(dict.fromkeys(groups)))

    @classmethod
    def from_tables(cls, scores: pd.DataFrame, indicators: pd.DataFrame, years: list[int]) -> Grid:
        """The grid from the processed tables (``composite_scores``: its eligible rows, and
        ``indicators``), at build time and at render time alike."""
        ok = scores[scores["eligible"].astype(bool)] if len(scores) else scores
        plan = indicators.drop_duplicates("indicator")[["indicator", "category"]]
        return cls.from_scores(ok, years, plan)

    def matrix(self, cap: float, unclear: str, missing: str) -> np.ndarray:
        s = self.raw.copy()
        if unclear == "exclude":
            s[self.unclear] = np.nan
        if missing == "carry_forward":  # a year with no figure takes the last earlier figure
            for j in range(1, s.shape[1]):
                gap = np.isnan(s[:, j])
                s[gap, j] = s[gap, j - 1]
        return np.clip(s, settings()["floor"], cap)


def _mean(values: np.ndarray, weights: np.ndarray, aggregation: str, axis: int) -> np.ndarray:
    """Weighted mean over ``axis`` ignoring NaN (weights broadcast against ``values``)."""
    present = ~np.isnan(values)
    w = np.where(present, weights, 0.0)
    total = w.sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        if aggregation == "geometric":
            logs = np.log(np.maximum(np.where(present, values, 1.0), settings()["geometric_floor"]))
            return np.where(total > 0, np.exp((w * logs).sum(axis=axis) / total), np.nan)
        return np.where(
            total > 0, (w * np.where(present, values, 0.0)).sum(axis=axis) / total, np.nan
        )


def sub_indices(grid: Grid, s: np.ndarray, aggregation: str) -> np.ndarray:
    """One row per group, one column per year; NaN where fewer than ``min_indicators`` score."""
    need = settings()["min_indicators"]
    out = np.full((len(grid.order), s.shape[1]), np.nan)
    for k, g in enumerate(grid.order):
        rows = s[[i for i, x in enumerate(grid.groups) if x == g]]
        enough = (~np.isnan(rows)).sum(axis=0) >= need
        out[k] = np.where(enough, _mean(rows, 1.0, aggregation, 0), np.nan)
    return out


def enough(grid: Grid, s: np.ndarray, sub: np.ndarray) -> np.ndarray:
    """Per year: whether an overall index rests on enough of the plan (``min_category_share``
    of the categories with a sub-index, ``min_indicator_share`` of all indicators entering
    them)."""
    cfg = settings()
    present = ~np.isnan(sub)  # groups × years
    cats = present.sum(axis=0) >= cfg["min_category_share"] * len(grid.order) - 1e-9
    entering = np.zeros(s.shape[1])
    for k, g in enumerate(grid.order):
        mine = [i for i, x in enumerate(grid.groups) if x == g]
        entering += np.where(present[k], (~np.isnan(s[mine])).sum(axis=0), 0)
    return cats & (entering >= cfg["min_indicator_share"] * len(grid.indicators) - 1e-9)


def overall(sub: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    """Weighted mean of the sub-indices present in each year (``weights``: one per group, or
    draws × groups)."""
    if weights.ndim == 1:
        return _mean(sub, weights[:, None], aggregation, 0)
    # draws × groups × years
    return _mean(
        np.broadcast_to(sub, (len(weights), *sub.shape)), weights[:, :, None], aggregation, 1
    )


def index(
    grid: Grid,
    weights: dict[str, float] | None = None,
    aggregation: str = "arithmetic",
    cap: float | None = None,
    unclear: str = DEFAULT["unclear"],
    missing: str = "exclude",
) -> pd.DataFrame:
    """One construction of the index: year, component (a group or ``overall``), score,
    indicators_scored, indicators_total. Used by the build and by the explorer's panel."""
    cap = settings()["cap"] if cap is None else cap
    s = grid.matrix(cap, unclear, missing)
    sub = sub_indices(grid, s, aggregation)
    w = np.array([float((weights or {}).get(g, 1.0)) for g in grid.order])
    top = np.where(enough(grid, s, sub), overall(sub, w, aggregation), np.nan)
    rows = []
    for j, year in enumerate(grid.years):
        scored = ~np.isnan(s[:, j])
        for k, g in enumerate(grid.order):
            mine = [i for i, x in enumerate(grid.groups) if x == g]
            rows.append(_row(year, g, sub[k, j], int(scored[mine].sum()), len(mine)))
        n_sub = int((~np.isnan(sub[:, j])).sum())
        entered = [  # only what the number uses: scored, in a category with a sub-index
            i
            for i, g in enumerate(grid.groups)
            if scored[i] and not np.isnan(sub[grid.order.index(g), j])
        ]
        row = _row(year, OVERALL, top[j], len(entered), len(grid.indicators))
        row.update(categories_scored=n_sub, categories_total=len(grid.order))
        rows.append(row)
    return pd.DataFrame(rows)


def _row(year, component, score, scored, total) -> dict:
    return {
        "year": year,
        "component": component,
        "score": None if np.isnan(score) else round(float(score), 2),
        "indicators_scored": scored,
        "indicators_total": total,
        "categories_scored": 0,
        "categories_total": 0,
    }


def draws(n_groups: int, n: int | None = None, seed: int | None = None) -> pd.DataFrame:
    """The Monte Carlo's choices, one row per draw, from ``seed`` (deterministic). The discrete
    choices are balanced: every combination of aggregation, cap, unclear and missing is drawn
    equally often (the first ``n`` of them in turn, counts differing by one at most), in a
    shuffled order; only the category weights are random. So the discrete part of the result's
    distribution does not depend on the seed, and neither does a median that falls between
    two options (a random split would put it on either side from one seed to the next)."""
    mc = settings()["monte_carlo"]
    rng = np.random.default_rng(mc["seed"] if seed is None else seed)
    n = mc["draws"] if n is None else n
    spread = mc["weight_spread"]
    w = rng.uniform(1 - spread, 1 + spread, size=(n, n_groups))
    out = pd.DataFrame(w / w.sum(axis=1, keepdims=True), columns=[f"w{k}" for k in range(n_groups)])
    names = ("aggregation", "cap", "unclear", "missing")
    combos = list(product(mc["aggregations"], mc["caps"], mc["unclear"], mc["missing"]))
    picked = [combos[i % len(combos)] for i in range(n)]
    order = rng.permutation(n)
    for k, name in enumerate(names):
        out[name] = [picked[i][k] for i in order]
    return out


def monte_carlo(grid: Grid, choice: pd.DataFrame) -> np.ndarray:
    """Every draw's result: draws × components (groups, then overall) × years."""
    g = len(grid.order)
    out = np.full((len(choice), g + 1, len(grid.years)), np.nan)
    weights = choice[[f"w{k}" for k in range(g)]].to_numpy()
    keys = ["aggregation", "cap", "unclear", "missing"]
    for combo, idx in choice.groupby(keys).indices.items():
        agg, cap, unclear, missing = combo
        s = grid.matrix(cap, unclear, missing)
        sub = sub_indices(grid, s, agg)
        out[idx, :g, :] = sub
        out[idx, g, :] = np.where(enough(grid, s, sub), overall(sub, weights[idx], agg), np.nan)
    return out


def summary(grid: Grid, choice: pd.DataFrame, results: np.ndarray) -> pd.DataFrame:
    """Median and interval per year and component, beside the default construction's score."""
    lo, hi = settings()["monte_carlo"]["interval"]
    base = index(grid, **DEFAULT)
    comps = grid.order + [OVERALL]
    rows = []
    for r in base.to_dict("records"):
        k, j = comps.index(r["component"]), grid.years.index(r["year"])
        vals = results[:, k, j]
        vals = vals[~np.isnan(vals)]
        if pd.isna(r["score"]):  # no figure of its own (or too few): no median, no interval
            vals = vals[:0]
        q = np.percentile(vals, [50, lo, hi]) if len(vals) else [np.nan] * 3
        r.update(
            median=_round(q[0]),
            lower=_round(q[1]),
            upper=_round(q[2]),
            draws_scored=int(len(vals)),
        )
        rows.append(r)
    return pd.DataFrame(rows)


def _round(x) -> float | None:
    return None if np.isnan(x) else round(float(x), 2)


def _switches(grid: Grid) -> dict[str, list[dict]]:
    """Each construction choice and the settings it can take, everything else at the default:
    a category's weight at 1 ± the spread (the others at 1), and each listed option."""
    mc = settings()["monte_carlo"]
    out = {
        f"weight:{g}": [
            {"weights": {g: 1 - mc["weight_spread"]}},
            {"weights": {g: 1 + mc["weight_spread"]}},
        ]
        for g in grid.order
    }
    for name, key in (
        ("aggregation", "aggregations"),
        ("cap", "caps"),
        ("unclear", "unclear"),
        ("missing", "missing"),
    ):
        out[name] = [{name: o} for o in mc[key]]
    return out


def _shares(y: np.ndarray, codes: np.ndarray, k: int, picks: np.ndarray) -> np.ndarray:
    """First-order share of the variance of ``y`` explained by a factor (``codes`` 0..k-1),
    Var(E[y | factor]) / Var(y), for each row of ``picks`` (indices into ``y``: one resample
    per row; the first row may be the draws themselves). Vectorised: one bincount per factor."""
    yb, cb = y[picks], codes[picks]
    b, n = yb.shape
    flat = (cb + k * np.arange(b)[:, None]).ravel()
    sums = np.bincount(flat, weights=yb.ravel(), minlength=b * k).reshape(b, k)
    sizes = np.bincount(flat, minlength=b * k).reshape(b, k)
    mean = yb.mean(axis=1, keepdims=True)
    var = yb.var(axis=1)
    means = np.where(sizes > 0, sums / np.maximum(sizes, 1), 0.0)
    between = (sizes * (means - mean) ** 2).sum(axis=1) / n
    return np.where(var > 0, between / np.where(var > 0, var, 1.0), 0.0)


def sensitivity(grid: Grid, choice: pd.DataFrame, results: np.ndarray) -> pd.DataFrame:
    """For each year, component and construction choice with a score of its own:

    - ``effect``: how far the result moves when this one choice is switched through its options
      and everything else stays at the default construction (index points; deterministic, so no
      noise of the draws). Below ``effect_tolerance`` it is no effect (0, ``rank`` empty);
    - ``first_order`` with a bootstrap interval (``lower``, ``upper``) over the Monte Carlo's
      draws: Var(E[Y | choice]) / Var(Y), category weights binned into quintiles; an interval
      that reaches zero is reported as none by the report.

    ``rank`` 1 is the choice whose switch moves the result most."""
    mc = settings()["monte_carlo"]
    tol = mc["effect_tolerance"]
    comps = grid.order + [OVERALL]
    base = index(grid, **DEFAULT)
    scored = {(r["component"], r["year"]): r["score"] for r in base.to_dict("records")}
    switched = {
        name: [index(grid, **{**DEFAULT, **opt}) for opt in options]
        for name, options in _switches(grid).items()
    }
    factors = {
        f"weight:{g}": pd.qcut(choice[f"w{k}"], 5, labels=False) for k, g in enumerate(grid.order)
    }
    for name in ("aggregation", "cap", "unclear", "missing"):
        factors[name] = choice[name].astype(str)
    rng = np.random.default_rng(mc["seed"])
    rows = []
    for (k, comp), (j, year) in product(enumerate(comps), enumerate(grid.years)):
        own = scored.get((comp, year))
        if own is None or pd.isna(own):
            continue  # nothing of its own to be sensitive about
        y = results[:, k, j]
        ok = ~np.isnan(y)
        yy = y[ok]
        n = len(yy)
        picks = np.vstack([np.arange(n), rng.integers(0, n, size=(mc["bootstrap"], n))])
        found = []
        for name, frames in switched.items():
            if comp != OVERALL and name.startswith("weight:"):
                continue  # a sub-index does not depend on the category weights
            values = [own] + [
                f.loc[(f["component"] == comp) & (f["year"] == year), "score"].iloc[0]
                for f in frames
            ]
            values = [float(v) for v in values if not pd.isna(v)]
            effect = max(values) - min(values)
            codes, levels = pd.factorize(factors[name][ok])
            shares = _shares(yy, codes, max(len(levels), 1), picks) if n > 1 else np.zeros(2)
            share = float(shares[0])
            lo, hi = np.percentile(shares[1:], [2.5, 97.5])
            found.append((name, effect if effect >= tol else 0.0, share, lo, hi))
        found.sort(key=lambda x: (-x[1], -x[2], x[0]))
        for rank, (name, effect, share, lo, hi) in enumerate(found, 1):
            rows.append(
                {
                    "year": year,
                    "component": comp,
                    "choice": name,
                    "effect": round(effect, 2),
                    "first_order": round(share, 4),
                    "lower": round(float(lo), 4),
                    "upper": round(float(hi), 4),
                    "rank": rank if effect > 0 else None,
                }
            )
    return pd.DataFrame(
        rows,
        columns=["year", "component", "choice", "effect", "first_order", "lower", "upper", "rank"],
    )


def contributions(grid: Grid, year: int, weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Points each scored indicator adds to the overall index in ``year`` under the default
    (arithmetic) construction: category weight share × score / indicators scored in it. They add
    up to the overall index. Indicators of a category with no sub-index add nothing."""
    s = grid.matrix(settings()["cap"], "count", "exclude")
    j = grid.years.index(year)
    sub = sub_indices(grid, s, "arithmetic")[:, j]
    w = np.array([float((weights or {}).get(g, 1.0)) for g in grid.order])
    present = ~np.isnan(sub)
    total = w[present].sum()
    rows = []
    for k, g in enumerate(grid.order):
        if not present[k]:
            continue
        mine = [i for i, x in enumerate(grid.groups) if x == g and not np.isnan(s[i, j])]
        for i in mine:
            points = w[k] / total * s[i, j] / len(mine)
            rows.append(
                {
                    "indicator": grid.indicators[i],
                    "component": g,
                    "score": round(float(s[i, j]), 2),
                    "points": round(float(points), 2),
                }
            )
    return pd.DataFrame(rows, columns=["indicator", "component", "score", "points"])


def entries(grid: Grid, cap: float | None = None) -> pd.DataFrame:
    """How each indicator-year stands in the default construction of the index: ``entered``
    (scored, its category has a sub-index), ``category_thin`` (scored, its category too thin
    that year), ``unclear`` (a figure of unclear definition, left out by default), ``no_figure``
    (no scored figure). One row per indicator and year, in the plan's order."""
    cap = settings()["cap"] if cap is None else cap
    s = grid.matrix(cap, **{k: v for k, v in DEFAULT.items() if k != "aggregation"})
    counted = grid.matrix(cap, "count", DEFAULT["missing"])
    sub = sub_indices(grid, s, DEFAULT["aggregation"])
    rows = []
    for i, (name, group) in enumerate(zip(grid.indicators, grid.groups, strict=True)):
        for j, year in enumerate(grid.years):
            if not np.isnan(s[i, j]):
                kind = "category_thin" if np.isnan(sub[grid.order.index(group), j]) else "entered"
            elif grid.unclear[i, j] and not np.isnan(counted[i, j]):
                kind = "unclear"
            else:
                kind = "no_figure"
            rows.append({"indicator": name, "category": group, "year": year, "entry": kind})
    return pd.DataFrame(rows)
