"""Ranking of cities on a fixture with full city data: goalposts, scores, ranks and rank
intervals worked out by hand."""

import pandas as pd
import pytest

from planwatch.assess import composite, ranking

CITIES = ["a", "b", "c", "d", "e"]


def figures():
    rows = []
    x = {2021: [40, 20, 30, 10, 15], 2022: [50, 30, 20, 10, 12]}  # higher is better
    y = {2021: [2, 3, 4, 5], 2022: [1, 4, 2, 5]}  # lower is better; no figure for e
    for year, vals in x.items():
        rows += [("X", city, year, v) for city, v in zip(CITIES, vals, strict=True)]
    for year, vals in y.items():
        rows += [("Y", city, year, v) for city, v in zip(CITIES, vals, strict=False)]
    return pd.DataFrame(
        [
            {"indicator": i, "region": c, "year": y, "value": float(v), "comparable": "yes"}
            for i, c, y, v in rows
        ]
    )


def test_coverage_rule_and_goalposts():
    df = figures()
    cov = ranking.coverage(df, CITIES, [2021, 2022], ["X", "Y", "Z"])
    row = cov[(cov["year"] == 2022) & (cov["indicator"] == "Y")].iloc[0]
    # 70 % of five cities: four are needed; Y has four
    assert (row["cities_with_figure"], row["cities_needed"], row["enters"]) == (4, 4, True)
    assert not cov[cov["indicator"] == "Z"]["enters"].any()
    assert ranking.goalposts(df) == {"X": (10.0, 50.0), "Y": (1.0, 5.0)}


def test_ranks_and_rank_intervals_by_hand():
    df = figures()
    choice = composite.draws(2, n=400, seed=11)
    out = ranking.rank_year(
        df, 2022, ["X", "Y"], CITIES, {"X": 1, "Y": -1}, ranking.goalposts(df), choice
    ).set_index("city")
    # X 2022 on 10..50: a 100, b 50, c 25, d 0; Y (lower better) on 1..5: a 100, b 25, c 75, d 0
    assert out.loc["a", "score"] == 100
    assert out.loc["b", "score"] == 37.5
    assert out.loc["c", "score"] == 50
    assert out.loc["d", "score"] == 0
    assert [out.loc[c, "rank"] for c in "abcd"] == [1, 3, 2, 4]
    # e has no Y figure: not ranked, and the missing indicator is named
    assert not out.loc["e", "ranked"] and pd.isna(out.loc["e", "rank"])
    assert out.loc["e", "missing"] == "Y"
    # a leads on both indicators and d trails on both: first and last whatever the weights or the
    # mean; b and c trade places only (b wins when X weighs more than twice Y)
    assert (out.loc["a", "rank_lower"], out.loc["a", "rank_upper"]) == (1, 1)
    assert (out.loc["d", "rank_lower"], out.loc["d", "rank_upper"]) == (4, 4)
    for city in "bc":
        assert 2 <= out.loc[city, "rank_lower"] <= out.loc[city, "rank_upper"] <= 3


def test_ties_share_a_place():
    import numpy as np

    assert list(ranking._ranks(np.array([50.0, 70.0, 50.0, np.nan, 10.0]))[[0, 1, 2, 4]]) == [
        2,
        1,
        2,
        4,
    ]


def test_scaled_is_direction_aware():
    assert ranking.scaled(30, 10, 50, 1) == 50
    assert ranking.scaled(20, 10, 50, -1) == 75
    assert ranking.scaled(3, 3, 3, 1) is None


@pytest.mark.parametrize("share_cities", [1, 2])
def test_too_few_cities_means_no_indicator_enters(share_cities):
    df = figures()
    df = df[df["region"].isin(CITIES[:share_cities])]
    cov = ranking.coverage(df, CITIES, [2022], ["X", "Y"])
    assert not cov["enters"].any()
    assert list(cov["cities_with_figure"]) == [share_cities, share_cities]
