"""The explorer's map follows the selection: drawn for an indicator with city figures (the
selected city outlined, words in the view's language), a sentence otherwise, redrawn only when
the selection changes."""

from __future__ import annotations

from planwatch.explorer.widgets import Explorer
from planwatch.present import charts_map
from planwatch.tables import dataset


def test_a_plan_indicator_without_city_figures_says_so(full_project):
    e = Explorer(ds=dataset.load(), lang="en")
    e.category.value = "基础设施"
    if e.map.has_cities(e.indicator.value):  # pick one without city figures
        e.indicator.value = next(v for _, v in e.indicator.options if not e.map.has_cities(v))
    assert e.map.spec == {} and "no map" in e.map.note.value


def test_the_map_outlines_the_selected_city_and_follows_the_language(full_project):
    e = Explorer(ds=dataset.load(), lang="zh")
    with_cities = [
        (c, v)
        for c in e.categories
        for v in e.ds.indicators.loc[e.ds.indicators["category"] == c, "indicator"].unique()
        if e.map.has_cities(v)
    ]
    assert with_cities, "the shipped data have a plan indicator with city figures"
    category, indicator = with_cities[0]
    e.category.value = category
    e.indicator.value = indicator
    city = next(r for r in e.regions_with_data(indicator) if r != e.ds.region)
    e.region.value = city
    assert e.map.spec["layer"][0]["mark"]["type"] == "geoshape"
    rows = charts_map.map_rows(charts_map.series_map(e.ds, indicator, "zh", highlight=city))
    assert rows.loc[rows["is_highlight"], "city"].tolist() == [city]
    draws = e.map.draws
    e.years.value = (e.years.value[0] + 1, e.years.value[1])  # not a new selection
    assert e.map.draws == draws
    e.lang.value = "en"
    assert e.map.draws == draws + 1 and "latest published figure" in str(e.map.spec["title"])
