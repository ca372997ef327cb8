"""One state, one truth: whatever sequence of changes led to a state, the explorer shows what a
fresh explorer opened directly on that state shows (property-based, random sequences)."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planwatch.explorer.widgets import Explorer
from planwatch.tables import dataset

ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("lang"), st.sampled_from(["zh", "en"])),
        st.tuples(st.just("category"), st.integers(0, 3)),
        st.tuples(st.just("indicator"), st.integers(0, 10)),
        st.tuples(st.just("region"), st.integers(0, 3)),
        st.tuples(st.just("flagged"), st.booleans()),
        st.tuples(st.just("rate"), st.floats(-10, 30).map(lambda x: round(x, 1))),
        st.tuples(st.just("compare"), st.sampled_from(["off", "indicators", "regions"])),
    ),
    min_size=1,
    max_size=5,
)


def pick(dd, i):
    values = [v for _, v in dd.options]
    return values[i % len(values)] if values else None


def view(e: Explorer) -> tuple:
    return (e.sentence.value, e.table.value, e.whatif_out.value, e.spec)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
@example(actions=[("rate", -0.0), ("rate", 0.0)])  # found by CI: "-0.0%" against "0.0%"
def test_any_path_to_a_state_shows_what_a_fresh_explorer_shows(small_project, actions):
    ds = dataset.load()
    e = Explorer(ds=ds, lang="zh")
    moved_rate = False
    for what, arg in actions:
        if what == "lang":
            e.lang.value = arg
        elif what == "category":
            before = (e.category.value, e.indicator.value, e.region.value)
            e.category.value = pick(e.category, arg)
            if (e.category.value, e.indicator.value, e.region.value) != before:
                moved_rate = False  # a new selection resets the slider
        elif what == "indicator":
            before = (e.category.value, e.indicator.value, e.region.value)
            e.indicator.value = pick(e.indicator, arg)
            if (e.category.value, e.indicator.value, e.region.value) != before:
                moved_rate = False  # a new selection resets the slider
        elif what == "region":
            before = (e.category.value, e.indicator.value, e.region.value)
            e.region.value = pick(e.region, arg)
            if (e.category.value, e.indicator.value, e.region.value) != before:
                moved_rate = False  # a new selection resets the slider
        elif what == "flagged":
            e.show_flagged.value = arg
        elif what == "rate":
            e.rate.value = arg
            moved_rate = True
        elif what == "compare":
            e.compare_mode.value = arg
    fresh = Explorer(ds=ds, lang=e.lang.value)
    fresh.category.value = e.category.value
    fresh.indicator.value = e.indicator.value
    fresh.region.value = e.region.value
    fresh.show_flagged.value = e.show_flagged.value
    fresh.compare_mode.value = e.compare_mode.value
    if e.compare_indicator.value:
        fresh.compare_indicator.value = e.compare_indicator.value
    if e.compare_region.value:
        fresh.compare_region.value = e.compare_region.value
    if moved_rate:
        fresh.rate.value = e.rate.value
    else:  # the slider is back at the observed rate of the selection
        assert e.rate.value == round((e.default_rate() or 0.0) * 100, 1)
    assert view(e) == view(fresh)
