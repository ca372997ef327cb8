"""Progress statuses with hand-computed expectations (see reference/methods.md)."""

import pytest

from planwatch.assess.progress import assess_one, cagr, meets
from planwatch.present import words

UP = {"direction": 1}
DOWN = {"direction": -1}


def obs(year, value, comparable="yes", kind="exact", **kw):
    return {
        "year": year,
        "value": value,
        "comparable": comparable,
        "value_kind": kind,
        "source_url": "https://example.org",
        "vintage": "",
        "year_basis": "stated",
        **kw,
    }


def run(observations, target=200.0, year=2022, baseline=100.0, ind=UP, comparator="="):
    return assess_one(ind, year, target, comparator, 2017, baseline, observations)


def test_moderate_with_projection():
    r = run([obs(2019, 121.0)])
    # CAGR actual = 1.21 ** (1/2) - 1 = 0.1; required = 2 ** (1/5) - 1 = 0.148698
    assert r["cagr_actual"] == pytest.approx(0.1, abs=1e-4)
    assert r["cagr_required"] == pytest.approx(0.1487, abs=1e-4)
    assert r["rr"] == pytest.approx(0.6725, abs=1e-4)
    assert r["status"] == "moderate"
    assert r["projected_value"] == pytest.approx(161.05, abs=0.01)  # 121 * 1.1 ** 3
    assert r["q"] == pytest.approx(0.6105, abs=1e-4)
    assert r["projected_year_reached"] == 2025  # ln(200/121)/ln(1.1) = 5.27 years after 2019


@pytest.mark.parametrize(
    ("value", "status"), [(144.0, "on_track"), (104.04, "insufficient"), (81.0, "away")]
)
def test_rr_classes(value, status):
    assert run([obs(2019, value)])["status"] == status


def test_declining_series_moves_away():
    r = run([obs(2018, 95.0), obs(2019, 81.0)])
    assert r["rr"] == pytest.approx(-0.6725, abs=1e-4) and r["status"] == "away"
    assert r["projected_year_reached"] is None


def test_lower_is_better():
    r = run([obs(2019, 81.0)], target=50.0, ind=DOWN)
    # actual -0.1; required 0.5 ** 0.2 - 1 = -0.12945; RR = -1 * -0.1 / 0.12945 = 0.7725
    assert r["rr"] == pytest.approx(0.7725, abs=1e-4) and r["status"] == "moderate"
    assert run([obs(2022, 45.0)], target=50.0, ind=DOWN)["status"] == "met"
    assert run([obs(2022, 55.0)], target=50.0, ind=DOWN)["status"] == "missed"


def test_met_and_missed_in_target_year():
    met = run([obs(2020, 30218.0)], target=30000.0, year=2020, baseline=20658.0)
    assert met["status"] == "met" and met["achievement"] == pytest.approx(1.0073, abs=1e-4)
    missed = run([obs(2020, 46.8)], target=47.0, year=2020, baseline=39.9)
    assert missed["status"] == "missed" and missed["gap"] == pytest.approx(-0.2)


def test_met_early():
    r = run([obs(2019, 210.0)])
    assert r["status"] == "met" and "met early (2019)" in caveat(r)


def test_lower_bound_meets_only_when_the_bound_does():
    assert (
        run([obs(2020, 41.0, kind="lower_bound")], target=40.0, year=2020, baseline=18.0)["status"]
        == "met"
    )
    r = run([obs(2019, 35.0, kind="lower_bound")], target=40.0, year=2020, baseline=18.0)
    assert r["status"] == "insufficient_evidence" and "lower bound" in caveat(r)
    r = run([obs(2022, 50.0, kind="lower_bound")], target=55.0, year=2022, baseline=39.9)
    assert r["status"] == "insufficient_evidence"


def test_not_comparable_is_shown_never_scored():
    r = run([obs(2020, 517.0, comparable="no")], target=120.0, year=2020, baseline=80.0)
    assert r["status"] == "no_data" and r["observed_value"] is None
    assert "different definition shown, not scored" in caveat(r)


def test_unclear_gives_a_provisional_verdict_with_caveat():
    r = run([obs(2022, 4316.0, comparable="unclear")], target=2010.0, baseline=1197.0)
    assert r["status"] == "met" and "definition unclear" in caveat(r)
    assert r["provisional"] is True
    firm = run([obs(2022, 4316.0)], target=2010.0, baseline=1197.0)
    assert firm["provisional"] is False
    # no verdict, nothing provisional: a lower bound that does not meet the target
    unclear_bound = run([obs(2022, 150.0, comparable="unclear", kind="lower_bound", is_bound=True)])
    assert unclear_bound["status"] == "insufficient_evidence"
    assert unclear_bound["provisional"] is False


def test_a_provisional_verdict_is_said_in_words_and_marked():
    from types import SimpleNamespace

    from planwatch.present.evidence import status_cell
    from planwatch.present.voice import Voice

    voice = Voice.__new__(Voice)
    voice.lang = "en"
    voice._kinds = {}
    voice.ds = SimpleNamespace()
    row = {"symbol": "✓", "status": "met", "provisional": True}
    assert status_cell(row, voice) == "✓† target met (provisional: definition unclear)"
    assert status_cell(dict(row, provisional=False), voice) == "✓ target met"


def test_zero_baseline_uses_open_sdg_replacement():
    r = run([obs(2019, 10.0)], target=100.0, baseline=0.0)
    # (10 / 0.001) ** (1/2) - 1 = 99; (100 / 0.001) ** (1/5) - 1 = 9; RR = 11
    assert r["cagr_actual"] == pytest.approx(99.0) and r["cagr_required"] == pytest.approx(9.0)
    assert r["rr"] == pytest.approx(11.0) and r["status"] == "on_track"


def test_missing_baseline():
    r = run([obs(2019, 121.0)], baseline=None)
    assert r["status"] == "insufficient_evidence" and "no baseline" in caveat(r)
    r = run([obs(2017, 100.0), obs(2019, 121.0)], baseline=None)
    assert r["status"] == "moderate" and "observed 2017 value used" in caveat(r)


def test_no_data_and_later_only():
    assert run([])["status"] == "no_data"
    r = run([obs(2023, 43300.0)], target=40000.0, year=2022, baseline=20658.0)
    assert r["status"] == "no_data" and "only figures after 2022" in caveat(r)


def test_meets_comparators():
    assert meets(76, 76, "≥", 1) and not meets(76, 76, ">", 1)
    assert meets(15, 15, "≤", -1) and not meets(16, 15, "≤", -1)
    assert meets(40000, 40000, "=", 1)


def test_cagr_sign_change_falls_back_to_linear():
    assert cagr(-10, 10, 2) == pytest.approx(1.0)


def test_shipped_progress_table(built):
    progress = built.tables["progress"]
    assert len(progress) == 48 and len({r["indicator"] for r in progress}) == 24
    by = {(r["indicator"], r["target_year"]): r for r in progress}
    assert by[("数字经济增加值", 2020)]["status"] == "met"  # 30218 >= 30000
    assert by[("数字经济增加值", 2022)]["status"] == "missed"  # 39300 < 40000 (rounded, 3.93万亿)
    assert (
        by[("上市企业", 2020)]["status"] == "no_data"
    )  # only a not-comparable figure (517, all A-shares)
    assert by[("企业上云数", 2022)]["status"] == "insufficient_evidence"  # lower bound 41 < 50
    # three part-year 2021 figures: the January–October one (18400 < 26000) is the evidence
    assert by[("网络零售额", 2022)]["status"] == "insufficient_evidence"
    assert by[("网络零售额", 2022)]["observed_period"] == "2021-01/2021-10"
    # corrected 2026-12-06 (shared README): software 2021/22 and the province's 2021 unicorns
    # are of another definition: shown, never scored
    for name in ("软件和信息服务业收入", "独角兽企业"):
        assert by[(name, 2022)]["status"] == "no_data"
        assert "not_comparable_shown" in by[(name, 2022)]["caveat_codes"]
    assert {r["status"] for r in progress} >= {
        "met",
        "missed",
        "on_track",
        "insufficient",
        "insufficient_evidence",
        "no_data",
    }


def caveat(r: dict) -> str:
    return words.caveat_text(r["caveat_codes"], "en")


def test_achievement_only_from_what_a_figure_proves(built):
    """A part-year figure gives no share of a full year's target; a lower bound's share is kept
    (and shown as "at least")."""
    by = {(r["indicator"], r["target_year"]): r for r in built.tables["progress"]}
    part = by[("网络零售额", 2022)]  # January–October 2021
    assert part["value_kind"] == "partial_period" and part["achievement"] is None
    bound = by[("企业上云数", 2022)]  # "more than 410,000"
    assert bound["observed_bound"] and bound["achievement"] == round(41 / 50, 4)
