"""The explorer's map: the cities shaded by the selected indicator's latest published figure, the
selected city outlined; a sentence instead when no city has a figure (or the project has no
boundaries)."""

from __future__ import annotations

import ipywidgets as w

from planwatch.explorer.chart_view import ChartView
from planwatch.present import charts_map
from planwatch.present.html import p
from planwatch.present.voice import Voice


class MapPanel:
    def __init__(self, ds, with_bundle: bool = True):
        self.ds = ds
        self.view = ChartView(with_bundle)
        self.note = w.HTML()
        self.shown: tuple | None = None  # the selection drawn (a map is redrawn only for a new one)

    @property
    def spec(self) -> dict:
        return self.view.spec

    @property
    def draws(self) -> int:
        return self.view.draws

    def has_cities(self, indicator: str) -> bool:
        cov = self.ds.coverage
        rows = cov[(cov["indicator"] == indicator) & cov["has_value"]]
        return bool((rows["region"] != self.ds.region).any())

    def update(self, indicator: str, region: str, lang: str) -> None:
        """Redraw for the selection (once per change of selection or language)."""
        voice = Voice(self.ds, lang)
        if self.shown == (indicator, region, lang):
            return
        self.shown = (indicator, region, lang)
        if not charts_map.has_map(self.ds) or not self.has_cities(indicator):
            self.view.show(None)
            self.note.value = str(p(voice.t("map_none"), "pw-note"))
            return
        highlight = region if region != self.ds.region else None
        self.view.show(charts_map.series_map(self.ds, indicator, lang, highlight=highlight))
        self.note.value = ""

    def layout(self) -> w.Widget:
        return w.VBox([self.view.out, self.note])
