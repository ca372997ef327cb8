"""The build step of the plan's own monitoring, on the project's real data: every figure in the
annual check and the index traces to a chosen observation; the shipped city data are too thin
to rank, and the coverage table says why."""

import pandas as pd
import pytest

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


# --- the reports ----------------------------------------------------------------------------


def test_evaluation_report_on_the_real_data(project_copy):
    import json

    from planwatch.reports.evaluation import EvaluationReport
    from planwatch.tables import build, dataset

    build.run()
    ds = dataset.load()
    for lang, official in (("zh", "不是官方发布的综合评价指数"), ("en", "not the official")):
        rep = EvaluationReport(lang, ds)
        assert official in str(rep.title()) and official in str(rep.method())
    rep = EvaluationReport("en", ds)
    top = ds.composite[ds.composite["component"] == composite.OVERALL].dropna(subset=["score"])
    if top.empty:  # the shipped data: every year rests on one category, so no number
        summary = str(rep.summary())
        assert (
            "No year has enough" in summary and "Each year rests on: 2018: 1 categories" in summary
        )
        assert (
            ds.composite.loc[ds.composite["component"] == composite.OVERALL, "median"].isna().all()
        )
        return
    last = top.sort_values("year").iloc[-1]
    summary = str(rep.summary())
    assert f"in {int(last['year'])}" in summary
    assert (
        f"on {int(last['indicators_scored'])} of {int(last['indicators_total'])} indicators"
        in summary
    )
    n_years = int((ds.composite["component"] == composite.OVERALL).sum())
    assert str(rep.index_table()).count("<tr>") == n_years + 1  # a row per year, and the header
    # contributions add up to the index of the latest year
    spec = rep.contributions().spec
    points = [v["points"] for v in spec["data"]["values"]]
    assert sum(points) == pytest.approx(last["score"], abs=0.05)
    assert "Contribution (index points)" in json.dumps(spec)
    # the shipped data cannot rank the cities: the report says why, naming what is missing
    ranking = str(rep.ranking())
    assert "no ranking is possible" in ranking and "of 11 cities" in ranking


def test_category_and_city_reports_show_the_evaluation(small_project):
    from planwatch.reports.category import CategoryReport
    from planwatch.reports.city import CityReport

    sub = str(CategoryReport("总体规模", "en").subindex())
    assert "not the official" in sub
    # in the small project no year has two scored indicators in a category: no sub-index
    assert "<td>—</td>" in sub or "No year has enough" in sub
    rank = str(CityReport("宁波", "zh").evaluation_rank())
    assert "无法排名" in rank and "不是官方" in rank
