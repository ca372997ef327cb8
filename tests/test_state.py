"""The explorer's state model: a state opened or moved always holds together, and a new selection
brings the what-if rate back to the observed rate of that selection."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.explorer import state, whatif_panel
from planwatch.tables import dataset


@pytest.fixture
def ds(full_project):
    return dataset.load()


def observed(ds, indicator):
    found = whatif_panel.observed(whatif_panel.inputs(ds, indicator))
    return round(found[0] * 100, 1) if found else 0.0


def test_a_state_opened_directly(ds):
    s = state.initial(ds, "en")
    first = state.categories(ds)[0]
    assert (s.lang, s.category, s.region, s.compare_mode) == ("en", first, ds.region, "off")
    assert s.indicator == state.indicators(ds, first)[0]
    assert s.years == (state.years_of(ds)[0], state.years_of(ds)[-1]) and s.show_flagged
    assert s.rate == observed(ds, s.indicator) != 0.0


def test_a_new_selection_resets_the_rate_and_other_changes_keep_it(ds):
    s = state.change(ds, state.initial(ds), rate=12.3)
    assert s.rate == 12.3
    for change in ({"lang": "en"}, {"years": (2019, 2021)}, {"show_flagged": False}):
        assert state.change(ds, s, **change).rate == 12.3, change
    other = state.categories(ds)[1]
    moved = state.change(ds, s, category=other)
    assert moved.indicator == state.indicators(ds, other)[0]  # the indicator follows
    assert moved.rate == observed(ds, moved.indicator)
    # a change that sets the rate along with the selection keeps the rate it sets
    assert state.change(ds, s, category=other, rate=1.5).rate == 1.5


def test_a_city_is_offered_only_where_it_has_figures(ds):
    a = ds.observations_audit
    plan = set(state.indicators(ds))
    a = a[a["indicator"].isin(plan)]
    city = next(c for c in ds.cities["city"] if c in set(a["region"]))
    with_city = sorted(set(a[a["region"] == city]["indicator"]))[0]
    without = next(i for i in state.indicators(ds) if city not in state.regions_with_data(ds, i))
    cat_of = ds.indicators.drop_duplicates("indicator").set_index("indicator")["category"]
    s = state.initial(ds, category=cat_of[with_city], indicator=with_city, region=city)
    assert s.region == city
    # moving to an indicator the city has no figure for falls back to the plan's region
    s = state.change(ds, s, category=cat_of[without], indicator=without)
    assert s.indicator == without and s.region == ds.region


def test_years_are_kept_in_order_and_within_the_data(ds):
    years = state.years_of(ds)
    s = state.change(ds, state.initial(ds), years=(2021, 2019))
    assert s.years == (2019, 2021)
    assert state.change(ds, s, years=(1900, 3000)).years == (years[0], years[-1])


def test_compare_choices_hold_together(ds):
    s = state.change(ds, state.initial(ds), compare_mode="regions", compare_region="nowhere")
    assert s.compare_mode == "regions" and s.compare_region is None
    assert state.change(ds, s, compare_mode="sideways").compare_mode == "off"
    # an indicator is never compared with itself: an unknown or the same one gives the first
    # other indicator with a figure for the region
    others = state.compare_indicators(ds, s.indicator, s.region)
    assert others and s.indicator not in others
    for asked in ("no such", s.indicator):
        assert state.change(ds, s, compare_indicator=asked).compare_indicator == others[0]
    assert state.change(ds, s, compare_indicator=others[-1]).compare_indicator == others[-1]
    assert (
        state.change(ds, s, rate=-0.0).rate == 0.0
        and str(state.change(ds, s, rate=-0.0).rate) == "0.0"
    )


def test_an_unknown_field_is_refused_by_name(ds):
    with pytest.raises(state.StateError, match="no colour"):
        state.change(ds, state.initial(ds), colour="red")


def test_changed_names_the_fields_that_differ(ds):
    s = state.initial(ds)
    assert state.changed(s, s) == set()
    assert state.changed(s, replace(s, lang="en", rate=9.9)) == {"lang", "rate"}


TEXT = st.sampled_from(["", "nowhere", "总体规模", "基础设施", "浙江省", "杭州市", "宁波市", "zh"])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    lang=st.sampled_from(["zh", "en", "fr", ""]),
    category=TEXT,
    indicator=TEXT,
    region=TEXT,
    years=st.tuples(st.integers(1990, 2040), st.integers(1990, 2040)),
    flagged=st.booleans(),
    mode=st.sampled_from(["off", "indicators", "regions", "x"]),
    rate=st.floats(-30, 60),
)
def test_any_state_normalises_to_one_that_holds_together(
    ds, lang, category, indicator, region, years, flagged, mode, rate
):
    raw = state.State(lang, category, indicator, region, years, flagged, mode, region, region, rate)
    s = state.normalise(ds, raw)
    assert state.normalise(ds, s) == s  # once is enough
    assert s.lang in state.LANGS and s.category in state.categories(ds)
    assert s.indicator in state.indicators(ds, s.category)
    assert s.region in state.regions_with_data(ds, s.indicator)
    assert s.compare_region in [None, *state.compare_regions(ds, s.indicator, s.region)]
    lo, hi = s.years
    assert state.years_of(ds)[0] <= lo <= hi <= state.years_of(ds)[-1]
