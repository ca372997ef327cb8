"""Ranking of the plan's sub-regions (cities) on their own figures for the plan's indicators.

Min-max goalposts across every city and year (fixed across years, so scores compare over time,
as DESI), direction-aware, 0–100; the score is the mean over the indicators that enter the year.
Rule (``vocab/assess.yml``, ``composite.city_ranking``): an indicator enters a year when at least
``min_share`` of the cities have an eligible figure for it; a year is ranked when at least
``min_indicators`` indicators enter; a city is ranked when it has a figure for every one of them.
Rank intervals come from the same seeded Monte Carlo as the index (indicator weights,
aggregation, unclear figures, missing years).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from planwatch.assess.composite import _mean, settings


def rule() -> dict:
    return settings()["city_ranking"]


def goalposts(df: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """(lowest, highest) eligible figure of each indicator over all cities and years."""
    return {
        n: (float(g["value"].min()), float(g["value"].max())) for n, g in df.groupby("indicator")
    }


def scaled(value: float, lo: float, hi: float, direction: int) -> float | None:
    if hi == lo:
        return None
    s = 100.0 * (value - lo) / (hi - lo)
    return s if direction > 0 else 100.0 - s


def coverage(
    df: pd.DataFrame, cities: list[str], years: list[int], indicators: list[str]
) -> pd.DataFrame:
    """Per year and indicator: how many cities have an eligible figure, and whether it enters."""
    need = math.ceil(rule()["min_share"] * len(cities))
    rows = []
    for year in years:
        for name in indicators:
            have = sorted(set(df.loc[(df["year"] == year) & (df["indicator"] == name), "region"]))
            rows.append(
                {
                    "year": year,
                    "indicator": name,
                    "cities_with_figure": len(have),
                    "cities_total": len(cities),
                    "cities_needed": need,
                    "enters": len(have) >= need,
                    "cities": ";".join(have),
                }
            )
    return pd.DataFrame(rows)


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Competition ranks (1 = highest score; ties share the better place); NaN stays NaN."""
    out = np.full(scores.shape, np.nan)
    ok = ~np.isnan(scores)
    vals = scores[ok]
    out[ok] = [1 + int((vals > v).sum()) for v in vals]
    return out


def rank_year(
    df: pd.DataFrame,
    year: int,
    entering: list[str],
    cities: list[str],
    directions: dict[str, int],
    posts: dict[str, tuple[float, float]],
    choice: pd.DataFrame,
) -> pd.DataFrame:
    """Scores and ranks of one year (default construction), with the Monte Carlo's median rank
    and 5–95 % rank interval. ``df``: eligible figures (region, indicator, year, value,
    comparable)."""
    lo_q, hi_q = settings()["monte_carlo"]["interval"]

    def matrix(unclear: str, missing: str) -> np.ndarray:
        m = np.full((len(cities), len(entering)), np.nan)
        for a, city in enumerate(cities):
            for b, name in enumerate(entering):
                mine = df[(df["region"] == city) & (df["indicator"] == name) & (df["year"] <= year)]
                if unclear == "exclude":
                    mine = mine[mine["comparable"] != "unclear"]
                if missing == "exclude":
                    mine = mine[mine["year"] == year]
                if len(mine):
                    v = float(mine.sort_values("year")["value"].iloc[-1])
                    m[a, b] = scaled(v, *posts[name], directions[name])
        return m

    full = matrix("count", "exclude")
    base = full.copy()
    ranked = ~np.isnan(base).any(axis=1)
    base[~ranked] = np.nan
    score = _mean(base, np.ones(len(entering)), "arithmetic", 1)
    score[~ranked] = np.nan
    rank = _ranks(score)
    mats = {
        (u, m): matrix(u, m) for u in ("count", "exclude") for m in ("exclude", "carry_forward")
    }
    rng = np.random.default_rng(settings()["monte_carlo"]["seed"] + year)
    spread = settings()["monte_carlo"]["weight_spread"]
    sims = np.full((len(choice), len(cities)), np.nan)
    for d, c in enumerate(choice.itertuples()):
        m = mats[(c.unclear, c.missing)].copy()
        m[~ranked] = np.nan
        w = rng.uniform(1 - spread, 1 + spread, size=len(entering))
        sims[d] = _ranks(_mean(m, w[None, :], c.aggregation, 1))
    rows = []
    for a, city in enumerate(cities):
        r = sims[:, a]
        r = r[~np.isnan(r)]
        rows.append(
            {
                "year": year,
                "city": city,
                "ranked": bool(ranked[a]),
                "score": None if np.isnan(score[a]) else round(float(score[a]), 2),
                "rank": None if np.isnan(rank[a]) else int(rank[a]),
                "rank_median": float(np.median(r)) if len(r) else None,
                "rank_lower": float(np.percentile(r, lo_q)) if len(r) else None,
                "rank_upper": float(np.percentile(r, hi_q)) if len(r) else None,
                "indicators": ";".join(entering),
                "missing": ";".join(n for b, n in enumerate(entering) if np.isnan(full[a, b])),
            }
        )
    return pd.DataFrame(rows)


def against_official(official: pd.DataFrame, ranked: pd.DataFrame, year: int) -> dict | None:
    """A published order and planwatch's reconstruction of the same year side by side: both
    placed again among the sub-regions both rank, Spearman's rank correlation, and the
    sub-regions whose places differ. None when fewer than three are in both."""
    off = official.loc[official["year"] == year, ["region", "position"]]
    ours = ranked.loc[(ranked["year"] == year) & ranked["ranked"].astype(bool), ["city", "rank"]]
    both = off.merge(ours.rename(columns={"city": "region"}), on="region")
    if len(both) < 3:
        return None
    both = both.assign(
        official=both["position"].rank(method="min").astype(int),
        ours=both["rank"].astype(float).rank(method="min").astype(int),
    ).sort_values("official")
    a = both["position"].rank(method="average").to_numpy(float)  # Spearman: Pearson on ranks
    b = both["rank"].astype(float).rank(method="average").to_numpy(float)
    rho = float(np.corrcoef(a, b)[0, 1]) if a.std() and b.std() else float("nan")
    differ = both[both["official"] != both["ours"]]
    return {
        "year": year,
        "n": len(both),
        "rho": rho,
        "rows": both[["region", "official", "ours"]].to_dict("records"),
        "differ": differ[["region", "official", "ours"]].to_dict("records"),
    }
