"""The explorer's composite-evaluation panel on the real data: the default settings reproduce
the published default construction; weights and the mean change the index in place."""

import math

import pytest

from planwatch.assess import composite
from planwatch.explorer.evaluation_panel import EvaluationPanel
from planwatch.tables import build, dataset


@pytest.fixture
def real(project_copy):
    build.run()
    return dataset.load()


def score(result, year):
    return result.set_index("year").loc[year, "score"]


def test_defaults_reproduce_the_processed_index(real):
    panel = EvaluationPanel(real, "en")
    top = real.composite[real.composite["component"] == composite.OVERALL].set_index("year")
    for year, row in top.iterrows():
        mine = score(panel.result, year)
        assert (math.isnan(row["score"]) and math.isnan(mine)) or mine == row["score"]
    assert "not the official" in panel.note.value


def test_weights_and_mean_change_the_index_in_place(real, monkeypatch):
    # the shipped data give no year two sub-indices; with the thresholds lowered, the panel's
    # arithmetic still holds (the thresholds themselves: tests/test_composite.py)
    loose = {**composite.settings(), "min_category_share": 0.0, "min_indicator_share": 0.0}
    monkeypatch.setattr(composite, "settings", lambda: loose)
    panel = EvaluationPanel(real, "en")
    c = real.composite
    top = c[c["component"] == composite.OVERALL]
    # the year with the most sub-indices (the weights matter where there are two or more)
    year = int(top.sort_values("categories_scored", ascending=False, kind="stable")["year"].iloc[0])
    subs = c[(c["year"] == year) & (c["component"] != composite.OVERALL)].dropna(subset=["score"])
    first = subs["component"].iloc[0]
    panel.weights[first].value = 3.0
    w = {x: (3.0 if x == first else 1.0) for x in subs["component"]}
    want = sum(w[x] * s for x, s in zip(subs["component"], subs["score"], strict=True)) / sum(
        w.values()
    )
    assert score(panel.result, year) == pytest.approx(want, abs=0.01)
    assert f"{want:.1f}" in panel.table.value
    arithmetic = score(panel.result, year)
    panel.aggregation.value = "geometric"
    assert score(panel.result, year) < arithmetic  # a geometric mean never exceeds the arithmetic
    # the chart shows the reader's construction beside the published band
    assert any(layer.get("mark", {}).get("color") == "#e6550d" for layer in panel.spec["layer"])
    panel.relabel("zh")
    assert panel.aggregation.value == "geometric" and "权重" in panel.weights[first].description
    for s in panel.weights.values():
        s.value = 0.0
    assert "权重均为0" in panel.table.value
