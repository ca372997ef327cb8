"""Schemas of the plan's own monitoring tables: the annual implementation check, the composite
evaluation index (planwatch's reconstruction, not the official index), its sensitivity and the
ranking of cities. Part of ``schemas.TABLES``."""

from __future__ import annotations

import pandera.pandas as pa

from planwatch.assess import annual
from planwatch.tables.schemas_base import MAPS, PLAN, c
from planwatch.tables.schemas_base import schema as _schema

OBS = "data/raw/observations"
NOT_OFFICIAL = " planwatch's transparent reconstruction, not the official provincial index."

EVALUATION = {
    "annual_check": (
        _schema(
            {
                "indicator": c(str, "plan indicator"),
                "indicator_id": c(str, "plan indicator id"),
                "category": c(str, "the indicator's category"),
                "region": c(str, "the region the plan's targets apply to"),
                "year": c(
                    int, "year checked (first year after the baseline to the latest with data)"
                ),
                "unit": c(str, "the indicator's unit"),
                "direction": c(int, "1 higher is better, -1 lower is better"),
                "path_kind": c(
                    str,
                    "compound (levels) or linear (shares, rates)",
                    checks=pa.Check.isin(["compound", "linear"]),
                ),
                "path_value": c(float, "where the plan's path puts the indicator that year"),
                "observed_value": c(float, "the chosen figure for that year", nullable=True),
                "value_kind": c(str, "value kind of that figure"),
                "comparable": c(str, "comparable flag of that figure"),
                "observed_period": c(str, "the months or point in time it covers, if stated"),
                "ratio_to_path": c(
                    float, "observed / path (path / observed when lower is better)", nullable=True
                ),
                "status": c(
                    str,
                    "ahead, near, behind, insufficient_evidence, not_comparable or no_data",
                    checks=pa.Check.isin(list(annual.settings()["statuses"])),
                ),
                "symbol": c(str, "status symbol"),
                "provisional": c(
                    bool, "true when the verdict rests on a figure of unclear definition"
                ),
                "caveat_codes": c(str, "caveats as codes (code[:arg];…)"),
                "caveat": c(str, "caveats in English"),
                "source_url": c(str, "source of the figure"),
            },
            unique=["indicator", "region", "year"],
        ),
        "Annual implementation check",
        "Each plan indicator and year against the plan's path from the baseline through each "
        "target (compound for levels, straight for shares).",
        [OBS, PLAN, MAPS],
    ),
    "composite_scores": (
        _schema(
            {
                "region": c(str, "region"),
                "year": c(int, "year of the figure"),
                "indicator": c(str, "plan indicator"),
                "indicator_id": c(str, "plan indicator id"),
                "category": c(str, "category"),
                "category_id": c(str, "category id"),
                "value": c(float, "the chosen figure"),
                "unit": c(str, "unit"),
                "baseline": c(float, "the plan's baseline (score 0)", nullable=True),
                "target": c(float, "the plan's final target (score 100)", nullable=True),
                "target_year": c("Int64", "year of the final target", nullable=True),
                "raw_score": c(
                    float,
                    "100 × (value − baseline) / (target − baseline), before the cap",
                    nullable=True,
                ),
                "comparable": c(str, "comparable flag"),
                "value_kind": c(str, "value kind"),
                "eligible": c(bool, "true when the figure is scored"),
                "reason": c(
                    str,
                    "why not: not_comparable, bound (lower bound or part year), no_goalposts",
                    checks=pa.Check.isin(["", "not_comparable", "bound", "no_goalposts"]),
                ),
                "source_url": c(str, "source of the figure"),
            },
            unique=["region", "year", "indicator"],
        ),
        "Composite index: indicator scores",
        "Distance to target of every chosen figure:" + NOT_OFFICIAL,
        [OBS, PLAN],
    ),
    "composite": (
        _schema(
            {
                "year": c(int, "year"),
                "component": c(str, "a category (its sub-index) or overall"),
                "score": c(
                    float, "default construction (equal weights, arithmetic mean)", nullable=True
                ),
                "indicators_scored": c(int, "indicators with a score that year"),
                "indicators_total": c(int, "indicators in the plan (in the category)"),
                "categories_scored": c(int, "categories with a sub-index (overall rows)"),
                "categories_total": c(int, "categories in the plan (overall rows)"),
                "median": c(float, "Monte Carlo median", nullable=True),
                "lower": c(float, "Monte Carlo lower percentile (5 %)", nullable=True),
                "upper": c(float, "Monte Carlo upper percentile (95 %)", nullable=True),
                "draws_scored": c(int, "Monte Carlo draws that gave a value"),
                "region": c(str, "region"),
                "component_id": c(str, "category id, or overall"),
            },
            unique=["region", "year", "component"],
        ),
        "Composite evaluation index",
        "Sub-indices and overall index by year with their uncertainty interval:" + NOT_OFFICIAL,
        [OBS, PLAN],
    ),
    "composite_sensitivity": (
        _schema(
            {
                "year": c(int, "year"),
                "component": c(str, "a category or overall"),
                "choice": c(str, "construction choice (weight:<category>, aggregation, cap, …)"),
                "effect": c(
                    float,
                    "range of the result when this choice alone is switched through its options, "
                    "everything else at the default (index points; 0: no effect)",
                ),
                "first_order": c(float, "share of the variance it explains, Var(E[Y|X])/Var(Y)"),
                "lower": c(float, "bootstrap 2.5 % bound of the variance share"),
                "upper": c(float, "bootstrap 97.5 % bound of the variance share"),
                "rank": c(
                    "Int64",
                    "1 = the choice whose switch moves the result most; empty: no effect",
                    nullable=True,
                ),
                "region": c(str, "region"),
            },
            unique=["region", "year", "component", "choice"],
        ),
        "Composite index: sensitivity",
        "Which construction choice moves the index most (Monte Carlo).",
        [OBS, PLAN],
    ),
    "official_results": (
        _schema(
            {
                "series": c(str, "the context series that holds the official order"),
                "year": c(int, "year evaluated"),
                "region": c(str, "sub-region"),
                "position": c(int, "its place in the published order (1 = first)"),
                "unit": c(str, "unit of the position (位, 名)"),
                "source_url": c(str, "where the order was published"),
                "source_title": c(str, "title of the source"),
                "quote": c(str, "the source's words"),
            },
            unique=["series", "year", "region"],
        ),
        "Official evaluation results",
        "A published official order of the sub-regions (the official composite evaluation), "
        "as published; declared by the role column of mappings/context_series.csv.",
        [OBS, MAPS],
    ),
    "ranking_coverage": (
        _schema(
            {
                "year": c(int, "year"),
                "indicator": c(str, "plan indicator"),
                "cities_with_figure": c(int, "cities with a scored figure"),
                "cities_total": c(int, "cities in the plan"),
                "cities_needed": c(int, "cities needed for the indicator to enter the ranking"),
                "enters": c(bool, "true when it enters the year's ranking"),
                "cities": c(str, "cities with a figure, joined by ;"),
            },
            unique=["year", "indicator"],
        ),
        "City ranking: coverage",
        "Which indicator-years have enough city figures to rank on, and which cities have them.",
        [OBS, PLAN],
    ),
    "city_ranking": (
        _schema(
            {
                "year": c(int, "year"),
                "city": c(str, "city"),
                "ranked": c(bool, "true when the city has every entering indicator"),
                "score": c(float, "mean min-max score (0–100)", nullable=True),
                "rank": c("Int64", "rank (1 = highest; ties share a place)", nullable=True),
                "rank_median": c(float, "Monte Carlo median rank", nullable=True),
                "rank_lower": c(float, "Monte Carlo 5 % rank (best)", nullable=True),
                "rank_upper": c(float, "Monte Carlo 95 % rank (worst)", nullable=True),
                "indicators": c(str, "indicators ranked on, joined by ;"),
                "missing": c(str, "of those, the ones with no figure for this city"),
            },
            unique=["year", "city"],
        ),
        "City ranking",
        "Cities scored on the plan's indicators, with Monte Carlo rank intervals:" + NOT_OFFICIAL,
        [OBS, PLAN],
    ),
}
