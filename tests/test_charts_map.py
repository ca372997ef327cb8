"""City maps: every city drawn, values joined to the right city, no-figure cities said to be so,
the highlighted city outlined, words in the view's language; offline (outlines inline)."""

from __future__ import annotations

import re

import pytest

from planwatch.present import charts_map
from planwatch.tables import dataset

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def ds(full_project):
    return dataset.load()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_series_map_joins_each_city_its_latest_figure(ds, lang):
    chart = charts_map.series_map(ds, "地区生产总值", lang, highlight="宁波")
    spec = chart.to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["geoshape"] * 3
    assert spec["projection"]["type"] == "mercator"
    rows = charts_map.map_rows(chart)
    assert len(rows) == 11 and rows["is_highlight"].sum() == 1
    cov = ds.coverage
    gdp = cov[(cov["indicator"] == "地区生产总值") & cov["has_value"] & (cov["region"] == "宁波")]
    latest = gdp.sort_values("year").iloc[-1]
    ningbo = rows[rows["is_highlight"]].iloc[0]
    assert ningbo["value"] == float(latest["value"]) and ningbo["year"] == int(latest["year"])
    text = " ".join(str(x) for x in [spec["title"], spec["layer"][1]["encoding"]["color"]["title"]])
    text += " " + " ".join(rows["city"]) + " " + " ".join(rows["label"])
    if lang == "en":
        assert not CJK.search(text), text
        assert "Ningbo" in set(rows["city"]) and "CNY" in ningbo["label"]
    else:
        assert "宁波" in set(rows["city"]) and "亿元" in ningbo["label"]
    outline = spec["layer"][2]
    assert outline["transform"] == [{"filter": "datum.properties.is_highlight"}]
    assert outline["mark"]["filled"] is False
    sentence = rows.loc[rows["is_highlight"], "sentence"].iloc[0]
    assert sentence.startswith(ningbo["city"]) and str(ningbo["year"]) in sentence


def test_a_city_without_a_figure_is_grey_and_says_so(ds):
    chart = charts_map.coverage_map(ds, ["数字经济增加值"], "en")
    rows = charts_map.map_rows(chart)
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["color"]["value"] == charts_map.NO_FIGURE_COLOR
    if rows["has_value"].any():
        assert spec["layer"][1]["transform"] == [{"filter": "datum.properties.has_value"}]
    else:  # nothing to shade: no colour scale whose legend would read NaN
        assert len(spec["layer"]) == 2 and "color" not in spec["layer"][1].get("encoding", {})
    empty = rows[~rows["has_value"]]
    assert len(empty) and set(empty["label"]) == {"no figure for this city"}
    cov = ds.coverage
    with_data = set(
        cov[
            (cov["indicator"] == "数字经济增加值") & cov["has_value"] & (cov["region"] != ds.region)
        ]["region"]
    )
    assert int(rows["has_value"].sum()) == len(with_data)


def test_no_boundaries_no_map(ds):
    import pandas as pd

    class NoGeo:
        tables = {"boundaries": pd.DataFrame(columns=["region", "region_en", "code", "geometry"])}

    assert not charts_map.has_map(NoGeo()) and charts_map.has_map(ds)


@pytest.mark.browser
@pytest.mark.kernel
def test_a_city_report_draws_its_map_offline(full_project, tmp_path):
    from planwatch.reports import render

    from .browser import browser_page

    results = render.render(only=["city:宁波"], langs=["zh"], out_dir=tmp_path, progress=False)
    assert [r["status"] for r in results] == ["ok"]
    with browser_page() as page:
        page.goto((tmp_path / "city-ningbo-zh.html").as_uri())
        page.wait_for_function(
            "() => document.querySelectorAll('g.mark-shape path').length >= 11", timeout=30000
        )
        shapes = page.evaluate(
            "() => Array.from(document.querySelectorAll('g.mark-shape')).map(g => g.children.length)"
        )
        assert shapes[:3] == [11, 11, 1]  # every city, the cities with a figure, the city outlined
        label = page.locator("g.mark-shape path[aria-label*='宁波']").first.get_attribute(
            "aria-label"
        )
        assert "亿元" in label  # the city read as a sentence
        assert page.blocked == [] and page.console_errors == []


def test_a_count_legend_counts_in_whole_figures(ds):
    chart = charts_map.coverage_map(ds, list(ds.indicators["indicator"].unique()), "zh")
    spec = chart.to_dict()
    color = spec["layer"][1]["encoding"]["color"]
    assert color["legend"]["format"] == "d" and color["legend"]["tickMinStep"] == 1
    assert color["scale"]["scheme"]["extent"][0] > 0  # the palest shade is not "no figure" grey
