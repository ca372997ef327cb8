"""The annual implementation check on hand-computed paths: one level, one share, one
lower-is-better case with lower bounds."""

import json

import pytest

from planwatch.assess import annual


def test_level_path_is_compound_and_stays_at_the_last_target():
    # 100 → 800 in three years doubles each year; 800 → 3200 in two years doubles again
    p = annual.path(2017, 100, [(2020, 800), (2022, 3200)], linear=False, until=2023)
    assert p == pytest.approx({2018: 200, 2019: 400, 2020: 800, 2021: 1600, 2022: 3200, 2023: 3200})


def test_share_path_is_a_straight_line_in_points():
    p = annual.path(2017, 40, [(2020, 46), (2022, 50)], linear=True, until=2022)
    assert p == pytest.approx({2018: 42, 2019: 44, 2020: 46, 2021: 48, 2022: 50})
    assert annual.is_linear("%") and annual.is_linear("‰") and not annual.is_linear("亿元")


def test_a_zero_baseline_is_drawn_straight():
    assert annual.path(2017, 0, [(2019, 10)], linear=False, until=2019) == {2018: 5, 2019: 10}


def obs(value, comparable="yes", kind="exact", bound=False):
    return {"value": value, "comparable": comparable, "value_kind": kind, "is_bound": bound}


@pytest.mark.parametrize(
    "figure, path_value, expected, ratio",
    [
        (obs(200), 200, "ahead", 1.0),
        (obs(390), 400, "near", 0.975),
        (obs(1000), 1600, "behind", 0.625),
        (obs(700, kind="lower_bound", bound=True), 800, "insufficient_evidence", 0.875),
        (obs(900, kind="lower_bound", bound=True), 800, "ahead", 1.125),
        (obs(700, kind="partial_period", bound=True), 800, "insufficient_evidence", 0.875),
        (obs(3300, comparable="no"), 3200, "not_comparable", None),
        (None, 3200, "no_data", None),
        (obs(390, comparable="unclear"), 400, "near", 0.975),
    ],
)
def test_statuses_higher_is_better(figure, path_value, expected, ratio):
    st, r = annual.status(figure, path_value, 1)
    assert st == expected
    assert r == (None if ratio is None else pytest.approx(ratio))


def test_lower_is_better_with_lower_bounds():
    # path 100 → 25 in two years: 50 in 2018, 25 in 2019 (halving)
    p = annual.path(2017, 100, [(2019, 25)], linear=False, until=2019)
    assert p == pytest.approx({2018: 50, 2019: 25})
    assert annual.status(obs(40), p[2018], -1) == ("ahead", pytest.approx(1.25))
    # a lower bound of 30 when the path asks for at most 25: the value is at least 30, so behind
    assert annual.status(obs(30, kind="lower_bound", bound=True), p[2019], -1) == (
        "behind",
        pytest.approx(25 / 30),
    )
    # a lower bound of 26: the value could still be 25 or less, or not: not enough to say
    assert annual.status(obs(26, kind="lower_bound", bound=True), p[2019], -1)[0] == (
        "insufficient_evidence"
    )
    # and a lower bound below the path says nothing when lower is better
    assert annual.status(obs(20, kind="lower_bound", bound=True), p[2019], -1)[0] == (
        "insufficient_evidence"
    )


def test_check_rows_for_a_small_plan():
    ind = [
        {
            "indicator": "A",
            "indicator_id": "a",
            "category": "C",
            "unit": "亿元",
            "year": 2017,
            "value": 100,
            "is_baseline": True,
        },
        {
            "indicator": "A",
            "indicator_id": "a",
            "category": "C",
            "unit": "亿元",
            "year": 2020,
            "value": 800,
            "is_baseline": False,
        },
        {
            "indicator": "B",
            "indicator_id": "b",
            "category": "C",
            "unit": "%",
            "year": 2017,
            "value": 40,
            "is_baseline": True,
        },
        {
            "indicator": "B",
            "indicator_id": "b",
            "category": "C",
            "unit": "%",
            "year": 2020,
            "value": 46,
            "is_baseline": False,
        },
    ]

    def chosen(name, year, value, region="P", **kw):
        return dict(
            obs(value, **kw),
            indicator=name,
            year=year,
            region=region,
            series_kind="plan",
            source_url="https://example.org",
            vintage="",
            year_basis="stated",
            period="",
        )

    rows = annual.check(
        ind,
        [chosen("A", 2019, 400), chosen("B", 2021, 45), chosen("A", 2018, 999, region="city")],
        {"A": 1, "B": 1},
        "P",
    )
    got = {(r["indicator"], r["year"]): (r["path_value"], r["status"]) for r in rows}
    assert got == {
        ("A", 2018): (200, "no_data"),
        ("A", 2019): (400, "ahead"),
        ("A", 2020): (800, "no_data"),
        ("A", 2021): (800, "no_data"),
        ("B", 2018): (42, "no_data"),
        ("B", 2019): (44, "no_data"),
        ("B", 2020): (46, "no_data"),
        ("B", 2021): (46, "near"),
    }
    b2021 = next(r for r in rows if (r["indicator"], r["year"]) == ("B", 2021))
    assert b2021["caveat_codes"] == "path_after_last:2020" and b2021["path_kind"] == "linear"


# --- the report ---------------------------------------------------------------------------


def test_report_years_come_from_the_data(small_project):
    from planwatch.reports import params as report
    from planwatch.reports.params import ParameterError
    from planwatch.tables import dataset

    ds = dataset.load()
    # the small project's plan-region figures: 2019, 2020 and 2022 (2018 and 2021 have none)
    assert report.valid_years(ds) == ["2019", "2020", "2022"]
    assert report.resolve_year(ds, "2020年") == "2020"
    with pytest.raises(ParameterError, match="valid values: 2019, 2020, 2022"):
        report.resolve_year(ds, 2021)


def test_report_says_what_the_path_asked_what_was_seen_and_the_gaps(small_project):
    from planwatch.reports.annual import AnnualReport

    en = AnnualReport(2020, "en")
    table = str(en.path_table())
    # 数字经济增加值 2020: path 30000 (the 2020 target), figure 30218 → 100.7 %, ahead
    assert "CNY 3 trillion" in table and "CNY 3.0218 trillion" in table
    assert "100.7%" in table and "▲ ahead of the path" in table
    # every figure quoted has its footnote, and the source list has the entry it jumps to
    sources = str(en.sources())
    n_marks = table.count('class="pw-fn"')
    assert n_marks >= 3 and all(f'id="src-{i}"' in sources for i in range(1, 2))
    # 企业上云数 2020: a lower bound of 41 万家 against a path of 40 万家: reaches it
    summary = str(en.summary()).replace("&#39;", "'")
    assert (
        "of the plan table's 24 indicators, 3 have a figure (ahead of the path 2; "
        "different definition 1) and 21 have none" in summary
    )
    gaps = str(en.gaps())
    assert "Listed companies" in gaps  # 上市企业 2020 has a figure of another definition only
    moved = str(en.moved())
    assert "Internet penetration rate: ahead of the path in 2019" in moved
    zh = AnnualReport(2022, "zh")
    assert "年度实施情况检查" in str(zh.title()) and "非官方" in str(zh.title())
    assert "1999年" not in str(zh.path_table())
    spec = zh.heatmap().spec
    assert spec["layer"][0]["mark"]["type"] == "rect"
    values = spec["datasets"] if "datasets" in spec else None
    assert values is None or values  # data inline either way
    assert "快于计划路径" in json.dumps(spec, ensure_ascii=False)
    assert "ahead" not in json.dumps(spec["layer"][0]["encoding"]["color"], ensure_ascii=False)


def test_a_verdict_on_an_unclear_figure_is_provisional_and_counted_apart(project_built):
    """With the shipped data: the 2022 check's one verdict on a figure of unclear definition
    (PCT applications, ahead) is marked †, said provisional, and counted apart."""
    from planwatch.reports.annual import AnnualReport

    rep = AnnualReport(2022, "en")
    prov = rep.rows[rep.rows["provisional"].astype(bool)]
    assert list(prov["status"]) == ["ahead"]
    assert "of which provisional 1" in str(rep.summary())
    table = str(rep.path_table())
    assert "▲† ahead of the path (provisional: definition unclear)" in table
    assert table.count("†") == 1
