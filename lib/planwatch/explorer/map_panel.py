"""The explorer's map: the cities shaded by the selected indicator's latest published figure, the
selected city outlined; a sentence instead when no city has a figure (or the project has no
boundaries)."""

from __future__ import annotations

import ipywidgets as w
from IPython.display import display

from planwatch.present import charts_map
from planwatch.present.html import ChartOutput, p
from planwatch.present.words import t


class MapPanel:
    def __init__(self, ds):
        self.ds = ds
        self.out = w.Output()
        self.note = w.HTML()
        self.spec: dict = {}
        self.shown: tuple | None = None  # the selection drawn (a map is redrawn only for a new one)
        self.draws = 0

    def has_cities(self, indicator: str) -> bool:
        cov = self.ds.coverage
        rows = cov[(cov["indicator"] == indicator) & cov["has_value"]]
        return bool((rows["region"] != self.ds.region).any())

    def update(self, indicator: str, region: str, lang: str) -> None:
        """Redraw for the selection (once per change of selection or language)."""
        if self.shown == (indicator, region, lang):
            return
        self.shown = (indicator, region, lang)
        with self.out:
            self.out.clear_output(wait=True)
            if not charts_map.has_map(self.ds) or not self.has_cities(indicator):
                self.spec = {}
                self.note.value = str(p(t("map_none", lang), "pw-note"))
                return
            highlight = region if region != self.ds.region else None
            chart = charts_map.series_map(self.ds, indicator, lang, highlight=highlight)
            self.spec = chart.to_dict()
            self.note.value = ""
            self.draws += 1
            display(ChartOutput(chart))

    def layout(self) -> w.Widget:
        return w.VBox([self.out, self.note])
