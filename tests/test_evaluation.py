"""The build step of the plan's own monitoring, on the project's real data: every figure in the
annual check and the index traces to a chosen observation; the shipped city data are too thin
to rank, and the coverage table says why."""

import pandas as pd

from planwatch.assess import annual, composite
from planwatch.tables import evaluation

COLUMNS = [
    "indicator",
    "region",
    "year",
    "path_value",
    "observed_value",
    "ratio_to_path",
    "status",
    "caveat",
]


def frame(built, name):
    return pd.DataFrame(built.tables[name])


def test_annual_check_traces_to_chosen_figures(built):
    check = frame(built, "annual_check")
    assert set(COLUMNS) <= set(check.columns)
    assert set(check["status"]) <= set(annual.settings()["statuses"])
    base = min(r["year"] for r in built.tables["indicators"])
    assert check["year"].min() == base + 1
    chosen = frame(built, "observations")
    keyed = chosen.set_index(["indicator", "region", "year"])
    seen = check[check["status"] != "no_data"]
    assert len(seen) > 0
    for r in seen.itertuples():
        o = keyed.loc[(r.indicator, r.region, r.year)]
        assert float(o["value"]) == r.observed_value and o["source_url"] == r.source_url
    assert check[check["status"] == "no_data"]["observed_value"].isna().all()


def test_index_rows_and_their_coverage(built):
    comp = frame(built, "composite")
    top = comp[comp["component"] == composite.OVERALL]
    assert len(top) == comp["year"].nunique()
    n_plan = len({r["indicator"] for r in built.tables["indicators"]})
    assert (top["indicators_total"] == n_plan).all()
    ok = comp.dropna(subset=["median"])
    assert ((ok["lower"] <= ok["median"]) & (ok["median"] <= ok["upper"])).all()
    # a sub-index exists only with enough scored indicators
    need = composite.settings()["min_indicators"]
    subs = comp[comp["component"] != composite.OVERALL]
    assert subs[subs["indicators_scored"] < need]["score"].isna().all()


def test_scores_leave_out_bounds_and_other_definitions(built):
    scores = frame(built, "composite_scores")
    chosen = frame(built, "observations").set_index(["indicator", "region", "year"])
    for r in scores.itertuples():
        o = chosen.loc[(r.indicator, r.region, r.year)].to_dict()
        assert r.reason == evaluation.figure_reason(o) or r.reason == "no_goalposts"
        if r.eligible:
            want = composite.distance_score(r.value, r.baseline, r.target)
            assert abs(r.raw_score - want) < 1e-3


def test_shipped_city_data_cannot_be_ranked_and_coverage_says_why(built):
    cov = frame(built, "ranking_coverage")
    assert len(cov) and not cov["enters"].any()
    assert (cov["cities_with_figure"] < cov["cities_needed"]).all()
    assert built.tables["city_ranking"] == []
    assert (cov["cities_total"] == len(built.tables["cities"])).all()
