"""A year judged on all its evidence: part-year figures of accumulating values and counts of a
growing stock before year-end are lower bounds; the highest bound is the evidence; an exact
year-end figure beats every bound; a year is missed only on an exact year-end figure."""

from __future__ import annotations

import pytest

from planwatch.errors import InputError
from planwatch.present.voice import Voice
from planwatch.tables import build, dataset

from .test_observations import URL, add

HEADER = "region,indicator,year,value,unit,comparable,value_kind,source_kind,source_url,period"


def row(indicator, year, value, kind, period="", unit=""):
    return f"浙江省,{indicator},{year},{value},{unit},yes,{kind},official,{URL},{period}"


@pytest.fixture
def only_mine(project_copy):
    """The project with its own observation files removed: only the test's figures count."""
    folder = project_copy / "data/raw/observations"
    for p in folder.iterdir():
        p.unlink()
    return project_copy


def run(root, *rows):
    add(root, "mine.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    b = build.run()
    audit = b.tables["observations_audit"]
    progress = {(r["indicator"], r["target_year"]): r for r in b.tables["progress"]}
    return audit, progress


def test_the_longest_of_three_part_year_figures_is_the_evidence(only_mine):
    audit, progress = run(
        only_mine,
        row("跨境网络零售出口额", 2021, 300, "partial_period", "2021-01/2021-03"),
        row("跨境网络零售出口额", 2021, 1100, "partial_period", "2021-01/2021-11"),
        row("跨境网络零售出口额", 2021, 800, "partial_period", "2021-01/2021-08"),
    )
    roles = {float(r["value"]): (r["evidence"], r["is_bound"]) for r in audit}
    assert roles == {
        1100: ("evidence", True),
        800: ("weaker_bound", True),
        300: ("weaker_bound", True),
    }
    p = progress[("跨境网络零售出口额", 2022)]  # target 1400
    assert (p["status"], p["observed_value"], p["observed_period"]) == (
        "insufficient_evidence",
        1100,
        "2021-01/2021-11",
    )
    assert p["unit"] == "亿元"  # progress rows carry their indicator's unit
    ds = dataset.load()
    zh = Voice(ds, "zh").progress_sentence(p)
    en = Voice(ds, "en").progress_sentence(p)
    assert "2021年1—11月至少" in zh and "at least" in en and "January–November 2021" in en


def test_a_mid_year_stock_below_the_target_and_a_year_end_bound_above_it_is_met(only_mine):
    audit, progress = run(
        only_mine,
        row("企业上云数", 2020, 37, "point_in_time", "2020-06"),  # target 2020: 40 万家
        row("企业上云数", 2020, 41, "lower_bound"),
    )
    assert progress[("企业上云数", 2020)]["status"] == "met"
    assert {float(r["value"]): r["evidence"] for r in audit} == {41: "evidence", 37: "weaker_bound"}


def test_a_point_in_time_figure_of_a_share_is_judged_as_before(only_mine):
    _, progress = run(only_mine, row("光纤宽带用户率", 2020, 85, "point_in_time", "2020-02"))
    p = progress[("光纤宽带用户率", 2020)]  # target ≥ 90: a share does not accumulate
    assert p["status"] == "missed" and not p["observed_bound"]
    assert "point_in_time" in p["caveat_codes"]


def test_a_part_year_figure_above_a_full_year_target_is_met(only_mine):
    _, progress = run(
        only_mine, row("跨境网络零售出口额", 2022, 1500, "partial_period", "2022-01/2022-06")
    )
    assert progress[("跨境网络零售出口额", 2022)]["status"] == "met"


def test_an_exact_year_end_figure_beats_every_bound_and_can_miss(only_mine):
    audit, progress = run(
        only_mine,
        row("跨境网络零售出口额", 2022, 1450, "partial_period", "2022-01/2022-11"),
        row("跨境网络零售出口额", 2022, 1300, "exact"),
    )
    assert {float(r["value"]): r["evidence"] for r in audit} == {1300: "evidence", 1450: "not_used"}
    assert progress[("跨境网络零售出口额", 2022)]["status"] == "missed"


def test_a_count_dated_after_the_year_end_is_not_a_bound_of_that_year(only_mine):
    audit, _ = run(only_mine, row("在役工业机器人数量", 2019, 8.9, "point_in_time", "2020-01"))
    assert audit[0]["is_bound"] is False


@pytest.mark.parametrize(
    ("period", "what"),
    [
        ("2021-13", "not a period"),
        ("2020-01/2020-10", "outside the figure's year"),
        ("1-10月", "not a period"),
    ],
)
def test_a_bad_period_is_refused(only_mine, period, what):
    add(
        only_mine,
        "bad.csv",
        HEADER + "\n" + row("网络零售额", 2021, 18400, "partial_period", period) + "\n",
    )
    with pytest.raises(InputError, match=what) as exc:
        build.run()
    assert "column 'period'" in str(exc.value) and "bad.csv" in str(exc.value)


def test_the_shipped_data(built):
    progress = {(r["indicator"], r["target_year"]): r for r in built.tables["progress"]}
    assert progress[("企业上云数", 2020)]["status"] == "met"
    retail = progress[("网络零售额", 2022)]
    assert (retail["observed_year"], retail["observed_value"], retail["observed_period"]) == (
        2021,
        18400,
        "2021-01/2021-10",
    )
