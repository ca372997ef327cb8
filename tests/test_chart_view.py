"""The explorer's chart widget: one trait update per new chart, none for an equal one, no
"$schema" (no version warning), no chart menu, and no empty layers sent to the front end."""

from __future__ import annotations

import json

import altair as alt
import pytest

from planwatch.explorer.chart_view import FRONT_END, ChartView, without_empty_layers


def _chart(values, title="t"):
    return (
        alt.Chart(alt.Data(values=values))
        .mark_point()
        .encode(x="a:Q", y="b:Q")
        .properties(title=title)
    )


def test_a_new_chart_is_sent_once_and_an_equal_one_not_again():
    view = ChartView()
    sent = []
    view.out.observe(lambda c: sent.append(c["new"]), "spec")
    assert view.show(_chart([{"a": 1, "b": 2}])) is True
    assert view.show(_chart([{"a": 1, "b": 2}])) is False  # the same chart: nothing sent
    assert view.show(_chart([{"a": 1, "b": 3}])) is True
    assert len(sent) == 2 and view.draws == 2
    shown = json.loads(view.out.spec)
    assert "$schema" not in shown and shown["usermeta"]["embedOptions"]["actions"] is False
    assert view.spec["title"] == "t" and "$schema" in view.spec  # what tests and exports read
    assert view.show(None) is True and view.out.spec == "" and view.spec == {}
    assert view.draws == 2


def test_empty_layers_are_left_out_but_one_layer_always_stays():
    full = {"data": {"values": [{"a": 1}]}, "mark": "point"}
    empty = {"data": {"values": []}, "mark": "rule"}
    spec = {"layer": [full, empty, {"layer": [empty, full]}]}
    assert without_empty_layers(spec)["layer"] == [full, {"layer": [full]}]
    assert without_empty_layers({"layer": [empty, empty]})["layer"] == [empty]
    assert without_empty_layers(full) == full


def test_the_front_end_ships_with_the_package_and_draws_with_planwatchs_bundle():
    import tomllib

    from planwatch.present.vega import vega_bundle

    text = FRONT_END.read_text(encoding="utf-8")
    assert "export default" in text and 'model.on("change:spec"' in text
    assert ChartView().out._bundle == vega_bundle() and "vegaEmbed" in vega_bundle()[-200:]
    root = FRONT_END.parents[3]
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "explorer/*.js" in data["tool"]["setuptools"]["package-data"]["planwatch"]


def test_the_explorer_sends_the_bundle_once_with_its_main_chart(small_project):
    from planwatch.explorer.widgets import Explorer

    e = Explorer(lang="en")
    assert e.view.out._bundle and e.map.view.out._bundle == "" == e.evaluation.view.out._bundle
    assert "__planwatchVegaReady" in FRONT_END.read_text(encoding="utf-8")  # the others wait


FAKE_MODEL = """
async ([code, bundle, specs]) => {
  const listeners = [];
  const model = {
    values: { _bundle: bundle, spec: specs[0] },
    get(k) { return this.values[k]; },
    on(_e, f) { listeners.push(f); },
    off() {},
  };
  const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
  const widget = (await import(url)).default;
  const el = document.createElement("div");
  document.body.appendChild(el);
  await widget.render({ model, el });
  for (const spec of specs.slice(1)) {  // changes that come faster than a drawing
    model.values.spec = spec;
    listeners.forEach((f) => f());
  }
  await new Promise((r) => setTimeout(r, 1500));
  return {
    charts: el.querySelectorAll("svg.marks").length,
    draws: Number(el.dataset.draws),
    text: el.textContent,
  };
}
"""


@pytest.mark.browser
def test_changes_faster_than_a_drawing_leave_one_chart_the_newest():
    from planwatch.present.vega import vega_bundle

    from .browser import browser_page

    def spec(title: str) -> str:
        chart = alt.Chart(alt.Data(values=[{"x": 1, "y": 2}])).mark_point().encode(x="x:Q", y="y:Q")
        return json.dumps(chart.properties(title=title, description=title).to_dict())

    specs = [spec("first"), spec("second"), spec("third")]
    with browser_page() as page:
        page.set_content("<html><body></body></html>")
        out = page.evaluate(
            FAKE_MODEL, [FRONT_END.read_text(encoding="utf-8"), vega_bundle(), specs]
        )
        assert page.console_errors == []
    # one chart on the page, the newest; overtaken drawings are dropped, not counted
    assert out["charts"] == 1 and out["text"].endswith("third"), out
    assert 1 <= out["draws"] <= 2, out
