"""The composite evaluation index on hand-computed values: distance-to-target scores, one year's
sub-indices and overall index, the Monte Carlo reproduced exactly, and the sensitivity table."""

import math

import numpy as np
import pandas as pd
import pytest

from planwatch.assess import composite

YEARS = [2020, 2021]


def grid(rows, unclear=()):
    """rows: (indicator, category, year, raw score)."""
    df = pd.DataFrame(
        [
            {
                "indicator": i,
                "year": y,
                "raw_score": s,
                "comparable": "unclear" if (i, y) in unclear else "yes",
            }
            for i, _, y, s in rows
        ]
    )
    plan = pd.DataFrame(
        [{"indicator": i, "category": c} for i, c in dict.fromkeys((i, c) for i, c, _, _ in rows)]
        + [{"indicator": "never", "category": "C"}]
    )
    return composite.Grid.from_scores(df, YEARS, plan)


ROWS = [
    ("a1", "A", 2020, 30.0),
    ("a2", "A", 2020, 60.0),
    ("a3", "A", 2020, 120.0),
    ("b1", "B", 2020, 20.0),
    ("b2", "B", 2020, 80.0),
    ("c1", "C", 2020, 50.0),
    ("a1", "A", 2021, 40.0),
    ("b1", "B", 2021, 400.0),
    ("b2", "B", 2021, -30.0),
]


def test_distance_score_either_direction():
    assert composite.distance_score(150, 100, 300) == 25  # a quarter of the way
    assert composite.distance_score(80, 100, 60) == 50  # lower is better: half way down
    assert composite.distance_score(400, 100, 300) == 150  # beyond the target
    assert composite.distance_score(5, 5, 5) is None


def by(df, year, comp):
    return df[(df["year"] == year) & (df["component"] == comp)].iloc[0]


def test_one_year_sub_indices_and_overall_by_hand():
    g = grid(ROWS)
    out = composite.index(g)  # arithmetic, equal weights, cap 150
    assert by(out, 2020, "A")["score"] == 70  # (30 + 60 + 120) / 3
    assert by(out, 2020, "B")["score"] == 50  # (20 + 80) / 2
    assert math.isnan(by(out, 2020, "C")["score"])  # one scored indicator of two: no sub-index
    top = by(out, 2020, "overall")
    assert top["score"] == 60  # (70 + 50) / 2: the categories present
    # what the number uses: c1 is scored but C has no sub-index, so it does not count
    assert (top["indicators_scored"], top["indicators_total"]) == (5, 7)
    assert (top["categories_scored"], top["categories_total"]) == (2, 3)
    # weights: A three times B
    assert by(composite.index(g, weights={"A": 3, "B": 1}), 2020, "overall")["score"] == 65
    # geometric: A (30·60·120)^(1/3) = 60, B (20·80)^(1/2) = 40, overall (60·40)^(1/2)
    geo = composite.index(g, aggregation="geometric")
    assert by(geo, 2020, "A")["score"] == 60 and by(geo, 2020, "B")["score"] == 40
    assert by(geo, 2020, "overall")["score"] == round(math.sqrt(2400), 2)


def test_cap_floor_missing_and_unclear_choices():
    g = grid(ROWS, unclear={("b2", 2021)})
    out = composite.index(g, unclear="count")
    # 2021: b1 400 → capped at 150, b2 −30 → floored at 0: B = 75; A has one indicator: none
    assert by(out, 2021, "B")["score"] == 75
    # one category of three: below the threshold, no overall index (not B's 75 as the whole)
    assert math.isnan(by(out, 2021, "overall")["score"])
    assert by(composite.index(g, cap=200, unclear="count"), 2021, "B")["score"] == 100
    # carried forward: a2 60 and a3 120 from 2020 join a1 40: A = (40 + 60 + 120) / 3
    carried = composite.index(g, missing="carry_forward", unclear="count")
    assert by(carried, 2021, "A")["score"] == round(220 / 3, 2)
    # the unclear figure left out (the default construction: it gives no firm score): B has
    # one indicator only
    assert math.isnan(by(composite.index(g), 2021, "B")["score"])
    assert math.isnan(by(composite.index(g, unclear="exclude"), 2021, "B")["score"])


def test_monte_carlo_is_reproduced_exactly_for_a_seed():
    g = grid(ROWS)
    c1, c2 = composite.draws(3, n=200, seed=7), composite.draws(3, n=200, seed=7)
    pd.testing.assert_frame_equal(c1, c2)
    r1, r2 = composite.monte_carlo(g, c1), composite.monte_carlo(g, c2)
    np.testing.assert_array_equal(r1, r2)
    assert not composite.draws(3, n=200, seed=8).equals(c1)
    # every draw is one ordinary construction of the index with the draw's choices
    for d in (0, 17, 199):
        row = c1.iloc[d]
        one = composite.index(
            g,
            weights={grp: row[f"w{k}"] for k, grp in enumerate(g.order)},
            aggregation=row["aggregation"],
            cap=row["cap"],
            unclear=row["unclear"],
            missing=row["missing"],
        )
        for j, year in enumerate(YEARS):
            want = by(one, year, "overall")["score"]
            got = r1[d, len(g.order), j]
            assert (math.isnan(want) and np.isnan(got)) or got == pytest.approx(want, abs=0.005)
    weights = c1[[f"w{k}" for k in range(3)]].to_numpy()
    assert np.allclose(weights.sum(axis=1), 1) and weights.min() > 0


def test_summary_interval_contains_the_median_and_sensitivity_ranks_choices():
    g = grid(ROWS)
    choice = composite.draws(3, n=300, seed=3)
    res = composite.monte_carlo(g, choice)
    s = composite.summary(g, choice, res)
    top = by(s, 2020, "overall")
    assert top["lower"] <= top["median"] <= top["upper"]
    assert top["score"] == 60 and top["draws_scored"] == 300
    sens = composite.sensitivity(g, choice, res)
    mine = sens[(sens["year"] == 2020) & (sens["component"] == "B")].sort_values("rank")
    # B in 2020 (20 and 80: under every cap, nothing unclear or missing) moves with the
    # aggregation only: arithmetic 50, geometric 40
    assert mine.iloc[0]["choice"] == "aggregation"
    assert mine.iloc[0]["first_order"] == pytest.approx(1.0)
    assert mine.iloc[0]["effect"] == pytest.approx(10.0)
    # a choice with no effect is none: no rank, effect 0, even where chance imbalance between
    # the draws' options gives it a small share of the variance
    rest = mine.iloc[1:]
    assert set(rest["choice"]) == {"cap", "unclear", "missing"}
    assert (rest["effect"] == 0).all() and rest["rank"].isna().all()
    assert (rest["lower"] < 0.01).all()  # the share's interval reaches zero: reported as none
    assert not mine["choice"].str.startswith("weight:").any()


def test_switching_one_choice_alone_is_exact_and_ranks_what_moves_the_result():
    g = grid(ROWS, unclear={("b2", 2021)})
    choice = composite.draws(3, n=200, seed=5)
    sens = composite.sensitivity(g, choice, composite.monte_carlo(g, choice))
    top = sens[(sens["year"] == 2020) & (sens["component"] == "overall")].set_index("choice")
    # weight of A at 0.5 or 1.5 (B at 1): (0.5·70 + 50) / 1.5 = 56.67, (1.5·70 + 50) / 2.5 = 62
    assert top.loc["weight:A", "effect"] == pytest.approx(62 - 56.67, abs=0.01)
    # the cap: a3 120 is capped at 100 (A 63.33, overall 56.67) or kept (60): 3.33 points
    assert top.loc["cap", "effect"] == pytest.approx(3.33, abs=0.01)
    assert top.loc["unclear", "effect"] == 0 and pd.isna(top.loc["unclear", "rank"])
    assert top["rank"].min() == 1 and top.loc[top["rank"] == 1].index[0] == "aggregation"


def test_the_published_median_stays_within_its_tolerance_with_the_seed():
    """Three seeds, the configured number of draws: every median moves less than the stated
    tolerance (vocab/assess.yml, monte_carlo.median_tolerance)."""
    g = grid(ROWS)
    tol = composite.settings()["monte_carlo"]["median_tolerance"]
    medians = []
    for seed in (1234, 1, 2):
        choice = composite.draws(len(g.order), seed=seed)
        s = composite.summary(g, choice, composite.monte_carlo(g, choice))
        medians.append(s.set_index(["year", "component"])["median"])
    table = pd.concat(medians, axis=1).dropna()
    assert len(table) >= 3
    assert ((table.max(axis=1) - table.min(axis=1)) <= tol).all(), table


def test_contributions_add_up_to_the_overall_index():
    g = grid(ROWS)
    c = composite.contributions(g, 2020).set_index("indicator")
    # A weighs 1/2 over three indicators, B 1/2 over two; C has no sub-index
    assert c.loc["a3", "points"] == round(0.5 * 120 / 3, 2)
    assert c.loc["b2", "points"] == round(0.5 * 80 / 2, 2)
    assert "c1" not in c.index
    assert c["points"].sum() == pytest.approx(60, abs=0.01)
    heavy = composite.contributions(g, 2020, weights={"A": 3, "B": 1})
    assert heavy["points"].sum() == pytest.approx(65, abs=0.01)


def test_an_overall_index_needs_enough_of_the_plan(monkeypatch):
    """Thresholds before a number: the share of categories with a sub-index and the share of
    indicators entering them; below either, no index, and no median or interval either."""
    g = grid(ROWS)
    assert by(composite.index(g), 2020, "overall")["score"] == 60  # 2 of 3, 5 of 7: enough
    strict = {**composite.settings(), "min_indicator_share": 0.8}  # 5 of 7 is not 80 %
    monkeypatch.setattr(composite, "settings", lambda: strict)
    assert math.isnan(by(composite.index(g), 2020, "overall")["score"])
    choice = composite.draws(len(g.order), n=50, seed=3)
    summary = composite.summary(g, choice, composite.monte_carlo(g, choice))
    top = summary[summary["component"] == composite.OVERALL]
    assert top["median"].isna().all() and top["lower"].isna().all()
    sens = composite.sensitivity(g, choice, composite.monte_carlo(g, choice))
    assert not (sens["component"] == composite.OVERALL).any()  # nothing to be sensitive about


def test_entries_say_how_each_indicator_year_stands_in_the_default_index():
    g = grid(ROWS, unclear={("b2", 2021)})
    e = composite.entries(g).set_index(["indicator", "year"])["entry"]
    assert [e[(i, 2020)] for i in ("a1", "a2", "a3", "b1", "b2", "c1", "never")] == [
        "entered",
        "entered",
        "entered",
        "entered",
        "entered",
        "category_thin",  # scored, but C has one scored indicator of the two it needs
        "no_figure",
    ]
    # 2021: a1 alone in A; b2 unclear, left out by default, so b1 is alone in B too
    assert [e[(i, 2021)] for i in ("a1", "b1", "b2", "a2")] == [
        "category_thin",
        "category_thin",
        "unclear",
        "no_figure",
    ]
    entered = composite.index(g).pipe(lambda d: d[d["component"] == "overall"])
    assert list(entered["indicators_scored"]) == [5, 0]  # the counts match the entries
