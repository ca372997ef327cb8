"""One place in the explorer where a chart is shown: a small widget (anywidget) that draws its
Vega-Lite spec with the Vega bundle planwatch ships, the one the exported reports use, so the
Vega-Lite version is the one the spec was written for. A new spec is one update of one trait, so
the front end draws the chart once per change, and a spec equal to the one shown is not sent.
(JupyterLab's own Vega renderer, through an output widget, drew every chart twice.) ``draws``
counts what was sent, so tests can hold the explorer to one draw per change."""

from __future__ import annotations

import json
from pathlib import Path

import anywidget
import traitlets

from planwatch.present.html import VEGALITE_MIME, ChartOutput
from planwatch.present.vega import vega_bundle

FRONT_END = Path(__file__).with_name("chart_view.js")


def without_empty_layers(spec: dict) -> dict:
    """The spec less its layers with no data (a flag kind absent from this selection): they draw
    nothing, and Vega warns of an infinite extent for each of their fields. One layer is always
    kept, so an empty chart is still a chart."""
    layers = spec.get("layer")
    if not isinstance(layers, list):
        return spec

    def empty(layer) -> bool:
        data = layer.get("data") if isinstance(layer, dict) else None
        return isinstance(data, dict) and data.get("values") == []

    kept = [without_empty_layers(x) if isinstance(x, dict) else x for x in layers if not empty(x)]
    return {**spec, "layer": kept or layers[:1]}


class ChartWidget(anywidget.AnyWidget):
    _esm = FRONT_END
    _bundle = traitlets.Unicode("").tag(sync=True)
    spec = traitlets.Unicode("").tag(sync=True)


class ChartView:
    """``with_bundle=False`` for a chart shown beside one that carries the Vega bundle (the page
    then receives the bundle once, not once per chart)."""

    def __init__(self, with_bundle: bool = True):
        self.out = ChartWidget(_bundle=vega_bundle() if with_bundle else "")
        self.spec: dict = {}
        self.draws = 0

    def show(self, chart) -> bool:
        """Show ``chart`` (an Altair chart), or nothing for None; True when something was sent."""
        shown = ChartOutput(chart) if chart is not None else None
        bundle = shown._repr_mimebundle_() if shown else None
        text = (
            json.dumps(without_empty_layers(bundle[VEGALITE_MIME]), ensure_ascii=False)
            if bundle
            else ""
        )
        self.spec = shown.spec if shown else {}
        if text == self.out.spec:
            return False
        self.out.spec = text
        self.draws += 1 if text else 0
        return True
