"""The explorer's composite-evaluation panel: a weight slider per category and the choice of
arithmetic or geometric mean; the index table and chart update in place. The numbers come from
``assess.composite.index`` on the processed indicator scores, the same function the build uses,
so equal weights and the arithmetic mean reproduce the published default construction."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from planwatch.assess import composite
from planwatch.explorer import controls
from planwatch.explorer.chart_view import ChartView
from planwatch.present import charts_evaluation as charts
from planwatch.present.evidence import not_official
from planwatch.present.html import p, table
from planwatch.present.voice import Voice
from planwatch.tables.evaluation import grid


class EvaluationPanel:
    def __init__(self, ds, lang: str = "zh", with_bundle: bool = True):
        self.ds = ds
        self.lang = lang
        top = ds.composite[ds.composite["component"] == composite.OVERALL]
        self.grid = grid(ds.composite_scores, ds.indicators, sorted(int(y) for y in top["year"]))
        self.weights = {c: controls.number(1.0, 0.0, 3.0, 0.1) for c in self.grid.order}
        self.aggregation = w.ToggleButtons(options=[("", "arithmetic"), ("", "geometric")])
        self._busy = False
        self.heading = w.HTML()
        self.note = w.HTML()
        self.table = w.HTML()
        self.view = ChartView(with_bundle)
        self.result = pd.DataFrame()
        for s in self.weights.values():
            s.observe(lambda _c: self.refresh(), "value")
        self.aggregation.observe(lambda _c: self.refresh(), "value")
        self.relabel(lang)

    @property
    def voice(self) -> Voice:
        return Voice(self.ds, self.lang)

    def relabel(self, lang: str) -> None:
        voice = Voice(self.ds, lang)
        self.lang = lang
        self.heading.value = f"<b>{voice.t('ex_evaluation')}</b>"
        self.note.value = str(not_official(lang))
        for c, box in self.weights.items():
            box.description = voice.t("choice.weight", category=voice.name("category", c))
        value, self._busy = self.aggregation.value, True
        try:  # new options reset the value: keep the reader's choice
            self.aggregation.options = [
                (voice.t("ex_arithmetic"), "arithmetic"),
                (voice.t("ex_geometric"), "geometric"),
            ]
            self.aggregation.value = value
        finally:
            self._busy = False
        self.refresh()

    def chosen_weights(self) -> dict[str, float]:
        return {c: s.value for c, s in self.weights.items()}

    def refresh(self) -> None:
        if self._busy:
            return
        lang = self.lang
        weights = self.chosen_weights()
        if not self.grid.years:
            self.table.value = str(p(self.voice.t("index_none")))
            return
        if sum(weights.values()) == 0:
            self.table.value = str(p(self.voice.t("ex_weights_zero")))
            return
        out = composite.index(self.grid, weights=weights, aggregation=self.aggregation.value)
        self.result = out[out["component"] == composite.OVERALL]
        body = [
            [
                int(r["year"]),
                "—" if pd.isna(r["score"]) else f"{r['score']:.1f}",
                self.voice.t(
                    "coverage_of", n=int(r["indicators_scored"]), total=int(r["indicators_total"])
                )
                + self.voice.t("list_sep")
                + self.voice.t(
                    "categories_of", n=int(r["categories_scored"]), total=int(r["categories_total"])
                ),
            ]
            for _, r in self.result.iterrows()
        ]
        headers = [self.voice.t("year"), self.voice.t("ex_index_yours"), self.voice.t("coverage")]
        self.table.value = str(table(headers, body))
        self.view.show(charts.index_chart(self.ds, lang, mine=self.result))

    @property
    def spec(self) -> dict:
        return self.view.spec

    def layout(self) -> w.Widget:
        sliders = [self.weights[c] for c in self.grid.order]
        return w.VBox(
            [self.heading, self.note, *sliders, self.aggregation, self.view.out, self.table]
        )
