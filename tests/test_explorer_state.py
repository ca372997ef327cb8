"""One state, one truth: whatever sequence of changes led to a state, the explorer shows what a
fresh explorer opened directly on that state shows (property-based, random sequences)."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planwatch.explorer import state as explorer_state
from planwatch.explorer.views import DROPDOWNS
from planwatch.explorer.widgets import CONTROLS, Explorer
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
        st.tuples(st.just("compare_indicator"), st.integers(0, 30)),
        st.tuples(st.just("compare_region"), st.integers(0, 3)),
        st.tuples(st.just("years"), st.tuples(st.integers(2015, 2026), st.integers(2015, 2026))),
    ),
    min_size=1,
    max_size=5,
)


def pick(dd, i):
    values = [v for _, v in dd.options]
    return values[i % len(values)] if values else None


def view(e: Explorer) -> tuple:
    """Everything shown: the views, and the options every dropdown offers (rebuilt only when
    what they depend on changed, so a stale list would show here)."""
    offered = tuple(tuple(getattr(e, name).options) for name in DROPDOWNS)
    return (e.sentence.value, e.table.value, e.whatif_out.value, e.spec, e.map.spec, offered)


def controls(e: Explorer) -> dict:
    """What each control shows, named as the state field it shows."""
    return {name: getattr(e, name).value for name in CONTROLS}


@pytest.mark.slow
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
@example(actions=[("rate", -0.0), ("rate", 0.0)])  # found by CI: "-0.0%" against "0.0%"
def test_any_path_to_a_state_shows_what_a_fresh_explorer_shows(small_project, actions):
    ds = dataset.load()
    e = Explorer(ds=ds, lang="zh")
    moved_rate = False
    for what, arg in actions:
        before = e.state.selection()
        if what == "lang":
            e.lang.value = arg
        elif what in ("category", "indicator", "region"):
            getattr(e, what).value = pick(getattr(e, what), arg)
        elif what == "flagged":
            e.show_flagged.value = arg
        elif what == "rate":
            e.rate.value = arg
            moved_rate = True
        elif what == "compare":
            e.compare_mode.value = arg
        elif what in ("compare_indicator", "compare_region"):
            if getattr(e, what).options:
                getattr(e, what).value = pick(getattr(e, what), arg)
        elif what == "years":
            e.years.value = arg
        if e.state.selection() != before:
            moved_rate = False  # a new selection resets the slider
        # every control shows the state, the one model of the explorer
        assert controls(e) == {k: v for k, v in vars(e.state).items()}
        assert e.state.compare_indicator != e.state.indicator  # never compared with itself
    if not moved_rate:  # the slider is back at the observed rate of the selection
        assert e.rate.value == explorer_state.observed_rate(e.ds, e.state.indicator)
    fresh = Explorer(ds=ds, state=e.state)  # opened directly on the state
    assert fresh.state == e.state
    assert view(e) == view(fresh)
