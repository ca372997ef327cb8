"""Schemas of the tables built from published figures: every figure read (the audit), the chosen
ones, coverage and progress. Part of ``schemas.TABLES``."""

from __future__ import annotations

import pandera.pandas as pa

from planwatch.assess import progress
from planwatch.tables.schemas_base import COMPARATORS, MAPS, PLAN, c
from planwatch.tables.schemas_base import schema as _schema

OBSERVED = {
    "observations_audit": (
        _schema(
            {
                "file": c(str, "observation file in data/raw/observations/"),
                "sheet": c(str, "sheet of a workbook (empty for a CSV or TSV file)"),
                "row": c(int, "row in that file or sheet as a spreadsheet counts (header = 1)"),
                "region": c(str, "region (the plan's region or a sub-region short name)"),
                "series_kind": c(
                    str,
                    "plan (a plan indicator) or context (a declared context series)",
                    checks=pa.Check.isin(["plan", "context"]),
                ),
                "indicator_id": c(str, "plan indicator id (empty for context series)"),
                "indicator": c(str, "plan indicator or context series name"),
                "year": c(int, "year the figure refers to"),
                "value": c(float, "value in the indicator's unit"),
                "unit": c(str, "the indicator's unit"),
                "value_published": c(str, "value as written in the file"),
                "unit_published": c(str, "unit as written in the file"),
                "comparable": c(
                    str, "yes / unclear / no", checks=pa.Check.isin(["yes", "unclear", "no"])
                ),
                "value_kind": c(
                    str, "exact, rounded, lower_bound, estimate, partial_period or point_in_time"
                ),
                "vintage": c(str, "preliminary, final, revised or empty"),
                "year_basis": c(str, "stated or inferred"),
                "source_kind": c(str, "official, media, repost or low"),
                "period": c(
                    str,
                    "the months a part-year figure covers (2021-01/2021-10) or the point in time "
                    "(2024-05) it was counted at; empty when not stated",
                ),
                "is_bound": c(bool, "true when the figure is a lower bound of the year's value"),
                "bound_reason": c(str, "why it is a lower bound (stated; part of a year …)"),
                "source_url": c(
                    str, "where the figure was read", checks=pa.Check.str_startswith("http")
                ),
                "source_title": c(str, "title of the source"),
                "quote": c(str, "verbatim sentence with the number"),
                "note": c(str, "researcher's remarks"),
                "n_figures": c(int, "figures for this region, indicator and year"),
                "values_differ": c(bool, "true when those figures disagree"),
                "chosen": c(bool, "true for the figure chosen by the rule"),
                "evidence": c(
                    str,
                    "evidence (the figure the year is judged on), weaker_bound (a lower bound below "
                    "it) or not_used",
                    checks=pa.Check.isin(["evidence", "weaker_bound", "not_used"]),
                ),
                "reason": c(str, "why this figure was chosen or not"),
            }
        ),
        "Observations audit",
        "Every published figure read, with the choice made among duplicates.",
        ["data/raw/observations", MAPS],
    ),
    "observations": (
        None,
        "Observations",
        "The chosen figure for each region, indicator and year, with all flags and sources.",
        ["data/raw/observations", MAPS],
    ),
    "coverage": (
        _schema(
            {
                "series_kind": c(str, "plan or context"),
                "indicator_id": c(str, "plan indicator id"),
                "indicator": c(str, "plan indicator or context series"),
                "indicator_en": c(str, "its English name"),
                "region": c(str, "region"),
                "year": c(int, "year"),
                "has_value": c(bool, "true when a figure was found"),
                "value": c(float, "chosen value", nullable=True),
                "unit": c(str, "unit"),
                "comparable": c(str, "flag of the chosen figure (empty when none)"),
                "value_kind": c(str, "flag of the chosen figure"),
                "vintage": c(
                    str, "vintage of the chosen figure (preliminary, final, revised or empty)"
                ),
                "source_kind": c(str, "source kind of the chosen figure (official … low)"),
                "n_figures": c(int, "figures found"),
                "source_url": c(str, "source of the chosen figure"),
            },
            unique=["indicator", "region", "year"],
        ),
        "Coverage",
        "Indicator × year × region: the figure found, or none (a finding, never filled).",
        ["data/raw/observations", PLAN, MAPS],
    ),
    "progress": (
        _schema(
            {
                "indicator": c(str, "plan indicator name as in indicators.csv"),
                "indicator_id": c(str, "plan indicator id"),
                "category": c(str, "category"),
                "region": c(str, "region the target applies to"),
                "target_year": c(int, "target year"),
                "target_value": c(float, "target in the table's unit"),
                "unit": c(str, "unit of the target and the figures, as in indicators.csv"),
                "comparator": c(str, "target bound", checks=pa.Check.isin(COMPARATORS)),
                "baseline_year": c(int, "baseline year"),
                "baseline_value": c(float, "baseline", nullable=True),
                "direction": c(
                    int, "1 higher is better, -1 lower is better", checks=pa.Check.isin([1, -1])
                ),
                "observed_year": c("Int64", "year of the observation used", nullable=True),
                "observed_value": c(float, "observation used", nullable=True),
                "value_kind": c(str, "value_kind of the observation used"),
                "observed_bound": c(bool, "true when that observation is a lower bound"),
                "observed_period": c(str, "the months or point in time it covers, if stated"),
                "comparable": c(str, "comparable flag of the observation used"),
                "achievement": c(float, "observed / target", nullable=True),
                "gap": c(float, "observed - target", nullable=True),
                "cagr_actual": c(
                    float, "observed compound annual growth since the baseline", nullable=True
                ),
                "cagr_required": c(
                    float, "growth needed from the baseline to the target", nullable=True
                ),
                "rr": c(float, "direction × actual / |required| growth (Eurostat)", nullable=True),
                "projected_value": c(
                    float, "value at the target year at the observed rate", nullable=True
                ),
                "projected_year_reached": c(
                    "Int64", "year the target would be reached at the observed rate", nullable=True
                ),
                "q": c(
                    float, "UN projection ratio (projected - base) / (target - base)", nullable=True
                ),
                "status": c(
                    str,
                    "one of the statuses in vocab/assess.yml (met, missed, on_track …)",
                    checks=pa.Check.isin(list(progress.vocab()["statuses"])),
                ),
                "symbol": c(str, "status symbol"),
                "caveat": c(str, "caveats carried into every output (English)"),
                "provisional": c(
                    bool, "true when the verdict rests on a figure of unclear definition"
                ),
                "caveat_codes": c(
                    str, "the caveats as codes (code[:arg];…, see vocab/caveats.yml)"
                ),
                "source_url": c(str, "source of the observation used"),
            },
            unique=["indicator", "region", "target_year"],
        ),
        "Progress",
        "Progress to each target: observed value, achievement, RR, projection, status.",
        ["data/raw/observations", PLAN, MAPS],
    ),
}

# The chosen observations have the audit's columns minus the choice bookkeeping.
_audit = OBSERVED["observations_audit"][0]
OBSERVED["observations"] = (
    _audit.remove_columns(["chosen", "reason"]),
    *OBSERVED["observations"][1:],
)
