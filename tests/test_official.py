"""The official evaluation result beside planwatch's reconstruction: kept as published, compared
by rank correlation where both rank a year, said where they disagree (hand-made data), and shown
in the evaluation and city reports with the shipped data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planwatch.assess.ranking import against_official
from planwatch.reports.evaluation import official_place, official_result
from planwatch.tables.dataset import load
from planwatch.tables.official import official_series, rows


def _official(order: list[str], year: int = 2020) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series": "官方位次",
            "year": year,
            "region": order,
            "position": range(1, len(order) + 1),
            "source_url": "https://example.org/order",
            "source_title": "官方评价",
        }
    )


def _ours(ranks: dict[str, int | None], year: int = 2020) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": year,
            "city": list(ranks),
            "rank": [r for r in ranks.values()],
            "ranked": [r is not None for r in ranks.values()],
        }
    )


def test_both_orders_are_placed_again_among_the_regions_both_rank():
    official = _official(["甲", "乙", "丙", "丁", "戊"])
    ours = _ours({"甲": 2, "乙": 1, "丙": 4, "丁": None, "戊": 3})  # 丁 not ranked by us
    both = against_official(official, ours, 2020)
    assert both["n"] == 4
    assert [(r["region"], r["official"], r["ours"]) for r in both["rows"]] == [
        ("甲", 1, 2),
        ("乙", 2, 1),
        ("丙", 3, 4),
        ("戊", 4, 3),
    ]
    # d = (-1, 1, -1, 1): rho = 1 - 6*4 / (4*15) = 0.6
    assert math.isclose(both["rho"], 0.6)
    assert [d["region"] for d in both["differ"]] == ["甲", "乙", "丙", "戊"]


def test_the_same_order_agrees_and_too_few_common_regions_give_no_comparison():
    official = _official(["甲", "乙", "丙"])
    same = against_official(official, _ours({"甲": 1, "乙": 2, "丙": 3}), 2020)
    assert math.isclose(same["rho"], 1.0) and same["differ"] == []
    assert against_official(official, _ours({"甲": 1, "乙": 2}), 2020) is None
    assert against_official(official, _ours({"甲": 1, "乙": 2, "丙": 3}, 2021), 2020) is None


def test_the_official_rows_are_the_declared_series_of_sub_regions_only():
    assert official_series() == ["数字经济发展综合评价全省位次"]
    chosen = [
        {"indicator": "数字经济发展综合评价全省位次", "region": "嘉兴", "year": 2020,
         "value": 2, "unit": "位", "source_url": "u", "source_title": "t", "quote": "q"},
        {"indicator": "数字经济发展综合评价全省位次", "region": "浙江省", "year": 2020,
         "value": 5, "unit": "位", "source_url": "u", "source_title": "t", "quote": "q"},
        {"indicator": "地区生产总值", "region": "嘉兴", "year": 2020,
         "value": 6000, "unit": "亿元", "source_url": "u", "source_title": "t", "quote": "q"},
    ]  # fmt: skip
    got = rows(chosen, ["嘉兴", "杭州"])
    assert [(r["region"], r["position"]) for r in got] == [("嘉兴", 2)]


@pytest.fixture(scope="module")
def real_dataset(built_dir):
    return load(built_dir)


class _Data:
    """A data set with a hand-made official order and a reconstruction of the same year."""

    def __init__(self, ds, ours):
        self._ds, self.official_results, self.city_ranking = (
            ds,
            _official(["杭州", "嘉兴", "温州"]),
            ours,
        )

    def __getattr__(self, name):
        return getattr(self._ds, name)


def test_the_evaluation_report_shows_both_orders_with_their_correlation(real_dataset):
    ds = _Data(real_dataset, _ours({"杭州": 1, "嘉兴": 3, "温州": 2}))
    html = str(official_result(ds, "en"))
    assert "Spearman" in html and "ρ = 0.50" in html
    assert "Jiaxing (official 2, reconstruction 3)" in html
    assert "https://example.org/order" in html


def test_the_shipped_official_order_is_in_the_evaluation_and_city_reports(real_dataset):
    html = str(official_result(real_dataset, "zh"))
    assert html.index("杭州") < html.index("嘉兴") < html.index("丽水")
    assert "en.sx.gov.cn" in html and "无法并列比较" in html  # no reconstruction of 2020
    city = str(official_place(real_dataset, "嘉兴", "en"))
    assert "placed 2 of 11 cities" in city and "en.sx.gov.cn" in city
