"""What the explorer shows, derived from one state: the same state gives the same view, in the
state's language, from the same figures as the reports."""

import html
import re

import pytest

from planwatch.explorer import state, views
from planwatch.present.voice import Voice
from planwatch.present.words import t
from planwatch.tables import dataset

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def ds(full_project):
    return dataset.load()


def city_state(ds, lang="zh"):
    """A state on a city and a plan indicator it has figures for."""
    a = ds.observations_audit
    a = a[a["indicator"].isin(state.indicators(ds)) & (a["region"] != ds.region)]
    first = a.iloc[0]
    cat = ds.indicators.set_index("indicator").loc[first["indicator"], "category"]
    cat = cat if isinstance(cat, str) else cat.iloc[0]
    s = state.initial(ds, lang, category=cat, indicator=first["indicator"], region=first["region"])
    assert s.region == first["region"]
    return s


def test_options_are_in_the_state_language(ds):
    s = state.initial(ds, "en")
    opts = views.options(ds, s)
    for key in ("category", "indicator", "compare_mode", "compare_indicator"):
        labels = [label for label, _ in opts[key]]
        assert labels and not any(CJK.search(x) for x in labels), key
    assert [v for _, v in opts["indicator"]] == state.indicators(ds, s.category)
    zh = views.options(ds, state.change(ds, s, lang="zh"))
    assert any(CJK.search(label) for label, _ in zh["category"])


def test_the_same_state_gives_the_same_view(ds):
    s = city_state(ds)
    first = (views.sentence_html(ds, s), views.table_html(ds, s), views.whatif_html(ds, s))
    other = state.change(ds, s, lang="en", show_flagged=False, compare_mode="indicators")
    views.sentence_html(ds, other), views.table_html(ds, other), views.chart(ds, other)
    again = (views.sentence_html(ds, s), views.table_html(ds, s), views.whatif_html(ds, s))
    assert again == first


def test_a_city_view_shows_the_city_and_says_the_targets_are_the_province(ds):
    s = city_state(ds, "en")
    rows = views.observation_rows(ds, s)
    assert len(rows) and set(rows["region"]) == {s.region}
    note = t("whatif_targets_are", "en", region=Voice(ds, "en").region(ds.region))
    assert html.unescape(views.whatif_html(ds, s)).startswith(f"<p>{note}</p>")
    assert not any(CJK.search(x) for x in views.sentences(ds, s))


def test_hidden_flagged_figures_leave_the_rows_and_the_download(ds):
    s = state.initial(ds)
    shown = views.observation_rows(ds, s)
    hidden = views.observation_rows(ds, state.change(ds, s, show_flagged=False))
    assert set(hidden.index) <= set(shown.index)
    assert (hidden["comparable"] == "yes").all() and not hidden["is_bound"].any()
    assert len(views.export_rows(ds, state.change(ds, s, show_flagged=False))) == len(hidden)


def test_compare_views_have_both_series_and_their_own_names(ds):
    s = state.initial(ds, "en")
    other = state.indicators(ds)[1]
    c = state.change(ds, s, compare_mode="indicators", compare_indicator=other)
    assert views.compare_pairs(c) == [(s.indicator, s.region), (other, s.region)]
    assert set(views.export_rows(ds, c)["indicator"]) <= {s.indicator, other}
    names = {
        views.export_name(ds, x, "csv")
        for x in (s, c, state.change(ds, s, lang="zh"), state.change(ds, s, years=(2019, 2020)))
    }
    assert len(names) == 4  # nothing overwrites anything
    assert views.compare_pairs(s) is None
    assert views.compare_pairs(state.change(ds, s, compare_mode="regions")) is None


def test_a_region_with_one_indicator_says_there_is_nothing_to_compare(ds):
    """An indicator is compared only with another indicator that has figures for the region;
    where there is none, compare mode draws the selection alone and says why."""
    lonely = [
        (i, r)
        for i in state.indicators(ds)
        for r in state.regions_with_data(ds, i)
        if not state.compare_indicators(ds, i, r)
    ]
    assert lonely  # the shipped data have cities with figures for one indicator only
    i, r = lonely[0]
    cat = ds.indicators.drop_duplicates("indicator").set_index("indicator").loc[i, "category"]
    s = state.initial(ds, "en", category=cat, indicator=i, region=r)
    c = state.change(ds, s, compare_mode="indicators", compare_indicator=state.indicators(ds)[0])
    assert c.compare_indicator is None and views.compare_pairs(c) is None
    assert views.sentences(ds, c)[-1] == t("compare_no_indicator", "en")
    assert views.chart(ds, c).to_dict() == views.chart(ds, s).to_dict()
    assert views.export_name(ds, c, "csv").endswith("-trajectory.csv")


def test_sentences_and_table_from_given_rows_equal_those_computed(ds):
    for s in (city_state(ds), state.initial(ds, "en")):
        rows = views.observation_rows(ds, s)
        assert views.sentence_html(ds, s, rows) == views.sentence_html(ds, s)
        assert views.table_html(ds, s, rows) == views.table_html(ds, s)


def test_options_depend_on_nothing_outside_options_depend_on(ds):
    """The explorer rebuilds its dropdowns only when a field of OPTIONS_DEPEND_ON changes; a
    change of any other field leaves every dropdown's options as they were."""
    others = {
        "years": (2019, 2020),
        "show_flagged": False,
        "rate": 3.3,
        "compare_mode": "regions",
        "compare_indicator": state.indicators(ds)[-1],
    }
    assert not set(others) & views.OPTIONS_DEPEND_ON
    for s in (city_state(ds), state.initial(ds, "en"), city_state(ds, "en")):
        for field, value in others.items():
            new = state.change(ds, s, **{field: value})
            assert not state.changed(s, new) & views.OPTIONS_DEPEND_ON
            assert views.options(ds, new) == views.options(ds, s), field


def test_compare_offers_only_what_it_can_draw_and_never_an_empty_chart(ds):
    """A region compared with another must share a comparable full year with it; a comparison
    with none (narrowed years) falls back to the selection's own chart, and says why."""
    import dataclasses

    from planwatch.present import charts_compare

    ind = "网络零售额"
    offered = state.compare_regions(ds, ind, ds.region)
    for r in state.regions_with_data(ds, ind):
        if r == ds.region:
            continue
        common = charts_compare.compare_series(ds, [(ind, ds.region), (ind, r)], "zh")[1]
        assert (r in offered) == (common is not None), r
    s = state.initial(ds, "zh", category="产业数字化", indicator=ind)
    if offered:
        s = dataclasses.replace(
            s, compare_mode="regions", compare_region=offered[0], years=(2030, 2031)
        )
        spec = views.chart(ds, s).to_dict()
        assert spec.get("layer")  # the trajectory, not an empty indexed chart
        assert any(t("compare_no_common_year", "zh") in x for x in views.sentences(ds, s))


def test_a_sentence_says_when_its_figure_is_not_on_show(ds):
    prog = ds.progress
    row = prog[prog["observed_year"].notna() & (prog["region"] == ds.region)].iloc[0]
    cat = ds.indicators.set_index("indicator").loc[row["indicator"], "category"]
    cat = cat if isinstance(cat, str) else cat.iloc[0]
    s = state.initial(ds, "zh", category=cat, indicator=row["indicator"])
    import dataclasses

    year = int(row["observed_year"])
    narrowed = dataclasses.replace(s, years=(year + 1, year + 5))
    said = " ".join(views.sentences(ds, narrowed))
    assert f"所依据的{year}年数据不在所选年份范围内" in said
    assert "不在所选年份范围内" not in " ".join(views.sentences(ds, s))
