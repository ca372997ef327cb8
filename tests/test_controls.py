"""The explorer's accessible controls: a year range of two labelled selects that behaves like a
range slider's value, and labelled number boxes."""

from __future__ import annotations

from planwatch.explorer import controls


def test_year_range_keeps_its_value_in_order_and_in_range():
    r = controls.YearRange([2017, 2018, 2019, 2020])
    assert r.value == (2017, 2020)
    seen = []
    r.observe(lambda c: seen.append(c["new"]), "value")
    r.last.value = 2018
    assert r.value == (2017, 2018) and seen == [(2017, 2018)]
    r.first.value = 2020  # past the last: the pair is put in order
    assert r.value == (2018, 2020)
    r.value = (2019, 2030)  # beyond the data: clipped
    assert r.value == (2019, 2020) and (r.first.value, r.last.value) == (2019, 2020)
    r.value = (2015, 2015)  # wholly before the data (found by the explorer's state test)
    assert r.value == (2017, 2017) and (r.first.value, r.last.value) == (2017, 2017)
    r.set_labels("Years from", "to")
    assert (r.first.description, r.last.description) == ("Years from", "to")


def test_number_box_is_bounded():
    box = controls.number(1.0, 0.0, 3.0, 0.1)
    box.value = 5
    assert box.value == 3.0 and box.step == 0.1
