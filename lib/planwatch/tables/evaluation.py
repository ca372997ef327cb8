"""Build step of the plan's own monitoring: the annual implementation check, the composite
evaluation index (with its Monte Carlo and sensitivity) and the ranking of cities. Called by
``build.observation_tables``; the methods are in ``assess.annual``, ``assess.composite`` and
``assess.ranking``."""

from __future__ import annotations

import pandas as pd

from planwatch.assess import annual, composite, ranking
from planwatch.assess.progress import SCORABLE, is_bound
from planwatch.frames import records as _records
from planwatch.present import words
from planwatch.tables import official


def figure_reason(obs: dict) -> str:
    """Why a figure is not scored in the index ('' when it is)."""
    if obs["comparable"] not in SCORABLE:
        return "not_comparable"
    if is_bound(obs):
        return "bound"
    return ""


def scores(indicators: list[dict], chosen: list[dict], region: str, years: list[int]) -> list[dict]:
    """``composite_scores``: every chosen figure of the region in the evaluated years, with its
    distance-to-target score (baseline 0, final target 100, uncapped) or why it has none."""
    rows = []
    for name in dict.fromkeys(r["indicator"] for r in indicators):
        mine = [r for r in indicators if r["indicator"] == name]
        base = next((r for r in mine if r["is_baseline"]), None)
        goals = sorted(  # level targets: a yearly average or a period total is no level
            (r["year"], r["value"])
            for r in mine
            if not r["is_baseline"] and r["value"] is not None and not r.get("period")
        )
        for obs in (o for o in chosen if o["indicator"] == name and o["region"] == region):
            if obs["year"] not in years:
                continue
            reason = figure_reason(obs)
            raw = None
            if not reason and (base is None or base["value"] is None or not goals):
                reason = "no_goalposts"
            if not reason:
                raw = composite.distance_score(
                    float(obs["value"]), float(base["value"]), float(goals[-1][1])
                )
                reason = "" if raw is not None else "no_goalposts"
            rows.append(
                {
                    "region": region,
                    "year": obs["year"],
                    "indicator": name,
                    "indicator_id": mine[0]["indicator_id"],
                    "category": mine[0]["category"],
                    "category_id": mine[0]["category_id"],
                    "value": float(obs["value"]),
                    "unit": mine[0]["unit"],
                    "baseline": None
                    if base is None or base["value"] is None
                    else float(base["value"]),
                    "target": float(goals[-1][1]) if goals else None,
                    "target_year": goals[-1][0] if goals else None,
                    "raw_score": None if raw is None else round(raw, 4),
                    "comparable": obs["comparable"],
                    "value_kind": obs["value_kind"],
                    "eligible": not reason,
                    "reason": reason,
                    "source_url": obs["source_url"],
                }
            )
    return rows


def grid(scores_df: pd.DataFrame, indicators: pd.DataFrame, years: list[int]) -> composite.Grid:
    """The index's score matrix from the processed tables (build time and render time)."""
    return composite.Grid.from_tables(scores_df, indicators, years)


def run(build, chosen: list[dict], region: str, directions: dict[str, int]) -> None:
    indicators = build.tables["indicators"]
    check = annual.check(indicators, chosen, directions, region)
    for r in check:
        r["caveat"] = words.caveat_text(r["caveat_codes"], "en")
    build.tables["annual_check"] = check
    years = sorted({r["year"] for r in check})
    score_rows = scores(indicators, chosen, region, years)
    build.tables["composite_scores"] = score_rows
    frame = pd.DataFrame(score_rows, columns=list(score_rows[0]) if score_rows else ["eligible"])
    g = grid(frame, pd.DataFrame(indicators), years)
    choice = composite.draws(len(g.order))
    results = composite.monte_carlo(g, choice) if years else None
    cats = {r["category"]: r["category_id"] for r in indicators}
    summary = composite.summary(g, choice, results) if years else pd.DataFrame()
    build.tables["composite"] = [
        dict(r, region=region, component_id=cats.get(r["component"], composite.OVERALL))
        for r in _records(summary)
    ]
    sens = composite.sensitivity(g, choice, results) if years else pd.DataFrame()
    build.tables["composite_sensitivity"] = [dict(r, region=region) for r in _records(sens)]
    _cities(build, chosen, directions, years, choice)


def _cities(build, chosen, directions, years, choice) -> None:
    cities = [c["city"] for c in build.tables["cities"]]
    build.tables["official_results"] = official.rows(chosen, cities)
    names = list(dict.fromkeys(r["indicator"] for r in build.tables["indicators"]))
    figures = pd.DataFrame(
        [
            o
            for o in chosen
            if o["region"] in cities and o["indicator"] in names and not figure_reason(o)
        ],
        columns=["region", "indicator", "year", "value", "comparable"],
    )
    city_years = sorted(set(years) | set(figures["year"].astype(int)))
    cov = ranking.coverage(figures, cities, city_years, names)
    build.tables["ranking_coverage"] = _records(cov)
    posts = ranking.goalposts(figures) if len(figures) else {}
    out = []
    need = ranking.rule()["min_indicators"]
    for year in city_years:
        entering = list(cov.loc[(cov["year"] == year) & cov["enters"], "indicator"])
        if len(entering) < need:
            continue
        out += _records(
            ranking.rank_year(figures, year, entering, cities, directions, posts, choice)
        )
    build.tables["city_ranking"] = out
