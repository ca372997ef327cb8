"""The interactive explorer (ipywidgets): pick a category, indicator, region and years and the
chart, the observation table and the sentence update in place; a what-if panel; a compare mode;
export buttons. ``explorer()`` returns the whole widget tree (``notebooks/explore.ipynb``)."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from planwatch.assess.progress import BOUND_KINDS, bound_mask
from planwatch.explorer import controls, whatif_panel
from planwatch.explorer import downloads as exporting
from planwatch.explorer.chart_view import ChartView
from planwatch.explorer.evaluation_panel import EvaluationPanel
from planwatch.explorer.map_panel import MapPanel
from planwatch.present import charts, charts_compare
from planwatch.present import words as narrative
from planwatch.present.html import p
from planwatch.present.words import t
from planwatch.reports.common import fmt, observation_table, progress_with_units
from planwatch.tables import dataset


class Explorer:
    def __init__(self, ds=None, lang: str = "zh"):
        self.ds = ds or dataset.load()
        ind = self.ds.indicators.sort_values("order")
        self.categories = list(dict.fromkeys(ind["category"]))
        self._busy = False
        years = sorted(int(y) for y in self.ds.coverage["year"].unique())
        self.lang = w.ToggleButtons(
            options=[("中文", "zh"), ("English", "en")], value=lang, description=""
        )
        self.category = w.Dropdown(description="")
        self.indicator = w.Dropdown(description="", layout=w.Layout(width="420px"))
        self.region = w.Dropdown(description="")
        self.years = controls.YearRange(years)
        self.show_flagged = w.Checkbox(value=True, indent=False)
        self.compare_mode = w.Dropdown(description="")
        self.compare_indicator = w.Dropdown(description="", layout=w.Layout(width="420px"))
        self.compare_region = w.Dropdown(description="")
        self.rate = controls.number(0.0, -30.0, 60.0, 0.1)
        self.view = ChartView()  # carries the Vega bundle for the page's other charts
        self.evaluation = EvaluationPanel(self.ds, lang, with_bundle=False)
        self.map = MapPanel(self.ds, with_bundle=False)
        self.sentence = w.HTML()
        self.table = w.HTML()
        self.whatif_out = w.HTML()
        self.export_status = w.HTML()
        self.buttons = {
            fmt_: w.Button(description=fmt_.upper()) for fmt_ in ("png", "svg", "csv", "xlsx")
        }
        self.labels = {
            k: w.HTML()
            for k in (
                "lang",
                "category",
                "indicator",
                "region",
                "years",
                "flagged",
                "compare",
                "rate",
                "export",
                "chart",
                "table",
                "whatif",
            )
        }
        self._rate_unset = True
        self.rows = pd.DataFrame()
        self._relabel()
        self._fill_categories()
        for control in (self.lang,):
            control.observe(self._on_lang, "value")
        self.category.observe(self._on_category, "value")
        self.indicator.observe(self._on_indicator, "value")
        self.region.observe(lambda _c: self.refresh(reset_rate=True), "value")
        for control in (
            self.years,
            self.show_flagged,
            self.compare_mode,
            self.compare_indicator,
            self.compare_region,
        ):
            control.observe(lambda _c: self.refresh(), "value")
        self.rate.observe(lambda _c: self._update_whatif(), "value")
        for fmt_, b in self.buttons.items():
            b.on_click(lambda _b, f=fmt_: self.export(f))
        self.refresh()

    # --- options --------------------------------------------------------------------------------
    def _L(self) -> str:
        return self.lang.value

    def _relabel(self) -> None:
        lang = self._L()
        text = {
            "lang": t("ex_lang", lang),
            "category": t("category", lang),
            "indicator": t("indicator", lang),
            "region": t("region", lang),
            "years": t("year", lang),
            "flagged": t("ex_flagged", lang),
            "compare": t("ex_compare", lang),
            "rate": t("ex_rate", lang),
            "export": t("ex_export", lang),
            "chart": "",
            "table": t("latest", lang),
            "whatif": t("ex_whatif", lang),
        }
        for k, v in text.items():
            self.labels[k].value = f"<b>{v}</b>"
        # every control carries its own label (a <label> a screen reader announces with it)
        named = {
            self.lang: text["lang"],
            self.category: text["category"],
            self.indicator: text["indicator"],
            self.region: text["region"],
            self.show_flagged: text["flagged"],
            self.compare_mode: text["compare"],
            self.compare_indicator: t("indicator", lang),
            self.compare_region: t("region", lang),
            self.rate: text["rate"],
        }
        for control, label in named.items():
            control.description = label
            control.style.description_width = "initial"
        self.years.set_labels(t("ex_from_year", lang), t("ex_to_year", lang))
        off = [
            (t("ex_off", lang), "off"),
            (t("ex_two_indicators", lang), "indicators"),
            (t("ex_two_regions", lang), "regions"),
        ]
        value = self.compare_mode.value or "off"
        self._set_options(self.compare_mode, off, value)

    def _set_options(self, dd: w.Dropdown, options, value) -> None:
        self._busy = True
        try:
            dd.options = options
            values = [o[1] if isinstance(o, tuple) else o for o in options]
            dd.value = value if value in values else (values[0] if values else None)
        finally:
            self._busy = False

    def _fill_categories(self) -> None:
        ind = self.ds.indicators.drop_duplicates("category")
        opts = [
            (narrative.local(r, "category", self._L()), r["category"]) for _, r in ind.iterrows()
        ]
        self._set_options(self.category, opts, self.category.value or self.categories[0])
        self._fill_indicators()

    def _indicator_options(self, category: str | None = None):
        ind = self.ds.indicators.drop_duplicates("indicator").sort_values("order")
        if category:
            ind = ind[ind["category"] == category]
        return [(narrative.indicator_name(n, self._L()), n) for n in ind["indicator"]]

    def _fill_indicators(self) -> None:
        self._set_options(
            self.indicator, self._indicator_options(self.category.value), self.indicator.value
        )
        self._set_options(
            self.compare_indicator,
            self._indicator_options(),
            self.compare_indicator.value or self.indicator.value,
        )
        self._fill_regions()

    def regions_with_data(self, indicator: str) -> list[str]:
        a = self.ds.observations_audit
        have = set(a[a["indicator"] == indicator]["region"])
        cities = [c for c in self.ds.cities["city"] if c in have]
        return [self.ds.region] + cities

    def _fill_regions(self) -> None:
        regions = self.regions_with_data(self.indicator.value)
        opts = [(narrative.region_name(r, self._L()), r) for r in regions]
        self._set_options(self.region, opts, self.region.value or self.ds.region)
        others = [r for r in regions if r != self.region.value]  # only regions with figures
        self._set_options(
            self.compare_region,
            [(narrative.region_name(r, self._L()), r) for r in others],
            self.compare_region.value if self.compare_region.value in others else None,
        )

    # --- events ---------------------------------------------------------------------------------
    def _on_lang(self, _change) -> None:
        self._relabel()
        self.evaluation.relabel(self._L())
        self._fill_categories()
        self.refresh()

    def _on_category(self, _change) -> None:
        if self._busy:
            return
        self._fill_indicators()
        self.refresh(reset_rate=True)  # the indicator may have changed with the category

    def _on_indicator(self, _change) -> None:
        if self._busy:
            return
        self._fill_regions()
        self.refresh(reset_rate=True)

    # --- outputs --------------------------------------------------------------------------------
    def observation_rows(self) -> pd.DataFrame:
        a = self.ds.observations_audit
        lo, hi = self.years.value
        rows = a[
            (a["indicator"] == self.indicator.value)
            & (a["region"] == self.region.value)
            & (a["year"] >= lo)
            & (a["year"] <= hi)
        ]
        if not self.show_flagged.value:
            rows = rows[(rows["comparable"] == "yes") & ~bound_mask(rows)]
        return rows.sort_values(["year", "chosen"], ascending=[True, False])

    def compare_pairs(self) -> list[tuple[str, str]] | None:
        """The (indicator, region) series compared, or None outside compare mode."""
        ind, region, mode = self.indicator.value, self.region.value, self.compare_mode.value
        if mode == "indicators":
            return [(ind, region), (self.compare_indicator.value, region)]
        if mode == "regions" and self.compare_region.value:
            return [(ind, region), (ind, self.compare_region.value)]
        return None

    def chart(self):
        lang, years, flagged = self._L(), self.years.value, self.show_flagged.value
        pairs = self.compare_pairs()
        if pairs:
            return charts_compare.compare_indexed(self.ds, pairs, lang, years, flagged)
        return charts.trajectory(
            self.ds, self.indicator.value, lang, self.region.value, flagged, years
        )

    def sentence_text(self) -> list[str]:
        pairs = self.compare_pairs()
        notes = (
            charts_compare.compare_series(
                self.ds, pairs, self._L(), self.years.value, self.show_flagged.value
            )[2]
            if pairs
            else []
        )
        if self.compare_mode.value == "regions" and not self.compare_region.value:
            notes = [t("compare_no_region", self._L())]
        return self._sentences() + notes

    def _sentences(self) -> list[str]:
        lang = self._L()
        if self.region.value == self.ds.region:
            prog = progress_with_units(self.ds)
            rows = prog[prog["indicator"] == self.indicator.value].sort_values("target_year")
            return [
                narrative.progress_sentence(
                    {
                        k: (None if not isinstance(v, str) and pd.isna(v) else v)
                        for k, v in r.items()
                    },
                    lang,
                    self.ds.baseline_year,
                )
                for _, r in rows.iterrows()
            ]
        rows = self.observation_rows()
        chosen = rows[rows["chosen"]]
        name = narrative.indicator_name(self.indicator.value, lang)
        place = narrative.region_name(self.region.value, lang)
        if chosen.empty:
            return [t("explorer_no_figure", lang, place=place, name=name)]
        last = chosen.iloc[-1]
        value = fmt(last["value"], last["unit"], lang)
        lb = last["value_kind"] in BOUND_KINDS or bool(last["is_bound"])
        return [
            t(
                "explorer_city_figure",
                lang,
                place=place,
                name=name,
                year=int(last["year"]),
                at_least=t("at_least", lang) if lb else "",
                value=value,
            )
        ]

    def refresh(self, reset_rate: bool = False) -> None:
        if self._busy or not self.indicator.value:
            return
        lang = self._L()
        mode = self.compare_mode.value
        self.compare_indicator.layout.display = "" if mode == "indicators" else "none"
        self.compare_region.layout.display = "" if mode == "regions" else "none"
        self.view.show(self.chart())
        self.map.update(self.indicator.value, self.region.value, lang)
        self.sentence.value = "".join(str(p(s)) for s in self.sentence_text())
        self.rows = self.observation_rows()
        self.table.value = (
            str(observation_table(self.rows, lang)) if len(self.rows) else str(p("—"))
        )
        self._update_whatif(reset_rate=reset_rate)

    @property
    def spec(self) -> dict:
        """The chart shown (what tests inspect and exports draw)."""
        return self.view.spec

    def default_rate(self) -> float | None:
        """The observed rate of the current selection (the what-if slider's default)."""
        found = whatif_panel.observed(whatif_panel.inputs(self.ds, self.indicator.value))
        return found[0] if found else None

    def _update_whatif(self, reset_rate: bool = False) -> None:
        if self._busy:
            return
        if reset_rate or self._rate_unset:
            self._busy = True
            self.rate.value = round((self.default_rate() or 0.0) * 100, 1)
            self._busy = False
            self._rate_unset = False
        self.whatif_out.value = whatif_panel.panel_html(
            self.ds, self.indicator.value, self.region.value, self.rate.value, self._L()
        )

    # --- export ---------------------------------------------------------------------------------
    def export_name(self, fmt_: str) -> str:
        """``<indicator id>-<region>-<language>-<first year>-<last year>-<view>.<ext>``, the view
        being ``trajectory`` or ``compare-<the other indicator or region>``."""
        lo, hi = self.years.value
        ind = self.ds.indicators.drop_duplicates("indicator").set_index("indicator")["indicator_id"]

        def place(region: str) -> str:
            return narrative.region_name(region, "en").lower().replace(" ", "_")

        view = "trajectory"
        if self.compare_mode.value == "indicators":
            view = f"compare-{ind[self.compare_indicator.value]}"
        elif self.compare_mode.value == "regions" and self.compare_region.value:
            view = f"compare-{place(self.compare_region.value)}"
        head = f"{ind[self.indicator.value]}-{place(self.region.value)}"
        return f"{head}-{self._L()}-{lo}-{hi}-{view}.{fmt_}"

    def export_rows(self) -> pd.DataFrame:
        """The figures behind the view, with every flag and the chosen mark (both series in
        compare mode)."""
        pairs = self.compare_pairs() or [(self.indicator.value, self.region.value)]
        a, (lo, hi) = self.ds.observations_audit, self.years.value
        keep = pd.Series(False, index=a.index)
        for indicator, region in pairs:
            keep |= (a["indicator"] == indicator) & (a["region"] == region)
        rows = a[keep & (a["year"] >= lo) & (a["year"] <= hi)]
        if not self.show_flagged.value:
            rows = rows[(rows["comparable"] == "yes") & ~bound_mask(rows)]
        return rows.sort_values(["indicator", "region", "year", "chosen"], ascending=[1, 1, 1, 0])

    def export(self, fmt_: str) -> tuple[str, bytes]:
        """The file for the reader's browser: a download link in the panel (nothing is written
        on the server). Returns (file name, bytes)."""
        name = self.export_name(fmt_)
        try:
            if fmt_ in ("png", "svg"):
                data = exporting.chart_bytes(self.spec, fmt_)
            else:
                data = exporting.table_bytes(self.export_rows(), fmt_)
        except exporting.NoCJKFontError as exc:
            self.export_status.value = str(p(str(exc), "pw-error"))
            raise
        self.export_status.value = exporting.download_link(
            data, name, t("download_ready", self._L(), name=name)
        )
        return name, data

    # --- layout ---------------------------------------------------------------------------------
    def layout(self) -> w.Widget:
        L = self.labels
        controls = w.VBox(
            [
                self.lang,
                w.HBox([self.category, self.indicator]),
                w.HBox([self.region, self.years]),
                self.show_flagged,
                w.HBox([self.compare_mode, self.compare_indicator, self.compare_region]),
            ]
        )
        whatif_box = w.VBox([L["whatif"], self.rate, self.whatif_out])
        export_box = w.HBox([L["export"], *self.buttons.values(), self.export_status])
        box = w.VBox(
            [
                controls,
                self.view.out,
                self.sentence,
                self.map.layout(),
                whatif_box,
                L["table"],
                self.table,
                export_box,
                self.evaluation.layout(),
            ]
        )
        box.explorer = self
        return box


def explorer(lang: str = "zh", ds=None) -> w.Widget:
    """The whole explorer widget tree, ready to display."""
    return Explorer(ds=ds, lang=lang).layout()
