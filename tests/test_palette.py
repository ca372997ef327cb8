"""The status colours: every one at least 3:1 against the page, every pair far apart for readers
with normal vision and with each common colour-vision deficiency, white or black text readable on
each; and the checks themselves give the known figures."""

from __future__ import annotations

import itertools

import pytest

from planwatch.present import palette

MIN_DELTA_E = 15  # CIE76: well above "noticeable" (about 2) and "clearly different" (about 10)


@pytest.mark.parametrize(
    "colors", [palette.status_colors(), palette.annual_colors(), palette.entry_colors()]
)
def test_each_status_colour_stands_out_from_the_page(colors):
    low = {s: round(palette.contrast(c), 2) for s, c in colors.items() if palette.contrast(c) < 3}
    assert low == {}
    assert len(set(colors.values())) == len(colors)  # no two statuses share a colour


@pytest.mark.parametrize(
    "colors", [palette.status_colors(), palette.annual_colors(), palette.entry_colors()]
)
@pytest.mark.parametrize("vision", palette.VISIONS)
def test_every_pair_stays_apart_for_every_vision(colors, vision):
    close = [
        (a, b, round(palette.distance(colors[a], colors[b], vision), 1))
        for a, b in itertools.combinations(colors, 2)
        if palette.distance(colors[a], colors[b], vision) < MIN_DELTA_E
    ]
    assert close == []


def test_text_on_each_fill_is_readable():
    for c in [
        *palette.status_colors().values(),
        *palette.annual_colors().values(),
        *palette.entry_colors().values(),
    ]:
        assert palette.contrast(palette.text_on(c), c) >= 3


def test_the_checks_give_known_figures():
    assert palette.contrast("#000000") == pytest.approx(21)
    assert palette.contrast("#777777") == pytest.approx(4.48, abs=0.01)
    # red and green, far apart for most readers, nearly meet for a deuteranope
    assert palette.distance("#d62728", "#2ca02c") > 60
    assert (
        palette.distance("#d62728", "#2ca02c", "deutan")
        < palette.distance("#d62728", "#2ca02c") / 2
    )
    assert palette.distance("#0000ff", "#0000ff", "tritan") == 0
