"""The choice rule on hand-made rows: flag by flag, lower bounds by value then period, ties by
file and row; each row's role and reason."""

from __future__ import annotations

from decimal import Decimal

from planwatch.inputs.choice import choose


def fig(value, row, comparable="yes", kind="exact", source="official", bound=False, period=""):
    return {
        "region": "R",
        "indicator": "I",
        "year": 2021,
        "value": Decimal(value),
        "comparable": comparable,
        "value_kind": kind,
        "source_kind": source,
        "vintage": "",
        "is_bound": bound,
        "bound_reason": "part of a year" if bound else "",
        "period": period,
        "file": "a.csv",
        "sheet": "",
        "row": row,
    }


def roles(rows):
    return [(r["value"], r["evidence"]) for r in choose(rows)]


def test_comparable_first_then_value_kind_then_source():
    rows = [fig(1, 2, comparable="unclear"), fig(2, 3, source="media"), fig(3, 4, kind="rounded")]
    assert roles(rows) == [(2, "evidence"), (3, "not_used"), (1, "not_used")]
    assert "comparable unclear ranks below yes" in choose(rows)[-1]["reason"]


def test_the_highest_bound_wins_and_the_others_are_weaker():
    rows = [
        fig(10, 2, kind="partial_period", bound=True, period="2021-01/2021-03"),
        fig(30, 3, kind="partial_period", bound=True, period="2021-01/2021-10"),
        fig(20, 4, kind="lower_bound", bound=True),
    ]
    assert roles(rows) == [(30, "evidence"), (20, "weaker_bound"), (10, "weaker_bound")]


def test_equal_bounds_go_to_the_longest_period():
    rows = [
        fig(30, 2, kind="partial_period", bound=True, period="2021-01/2021-06"),
        fig(30, 3, kind="partial_period", bound=True, period="2021-01/2021-09"),
    ]
    assert [r["period"] for r in choose(rows)] == ["2021-01/2021-09", "2021-01/2021-06"]


def test_a_year_end_figure_beats_a_higher_bound():
    rows = [fig(50, 2, kind="partial_period", bound=True), fig(40, 3)]
    assert roles(rows) == [(40, "evidence"), (50, "not_used")]
    assert "beats every lower bound" in choose(rows)[1]["reason"]


def test_ties_go_to_the_row_read_first():
    out = choose([fig(5, 7), fig(6, 3)])
    assert out[0]["row"] == 3 and "read first" in out[1]["reason"]
    assert out[0]["values_differ"] and out[0]["n_figures"] == 2


def test_a_low_quality_page_is_used_only_when_nothing_better_has_a_figure():
    rows = [fig(100, 2, source="low"), fig(90, 3, kind="rounded", source="media")]
    assert roles(rows) == [(90, "evidence"), (100, "not_used")]
    assert "low-quality page is used only when" in choose(rows)[1]["reason"]
    assert roles([fig(100, 2, source="low")]) == [(100, "evidence")]
    # comparability still comes first
    assert roles([fig(1, 2, source="low"), fig(2, 3, comparable="no")])[0] == (1, "evidence")


def test_one_number_at_two_precisions_gives_the_more_precise():
    """3.57万亿 (a repost) and 3.6 trillion (a media page): one number, the finer one wins even
    over a better source kind; figures that truly differ keep the usual rule."""
    fine = fig("35700", 1, kind="rounded", source="repost")
    coarse = fig("36000", 2, kind="rounded", source="media")
    out = roles(choose([coarse, fine]))
    assert out[0][:2] == (Decimal("35700"), "evidence")
    assert out[1][1] == "not_used" and "coarser precision" in choose([coarse, fine])[1]["reason"]
    other = fig("36500", 2, kind="rounded", source="media")  # 3.65 is not 3.57 rounded
    out = roles(choose([other, fig("35700", 1, kind="rounded", source="repost")]))
    assert out[0][:2] == (Decimal("36500"), "evidence")
