"""The interactive explorer (ipywidgets): pick a category, indicator, region and years and the
chart, the observation table and the sentence update in place; a what-if panel; a compare mode;
export buttons. ``explorer()`` returns the whole widget tree (``notebooks/explore.ipynb``).

The explorer's state is one ``State`` (``explorer.state``). A control the reader moves reports a
change; the state moves by ``state.change``; every control is then set from the new state and
every view is drawn from it (``explorer.views``). A state given at opening is shown directly."""

from __future__ import annotations

import html
from dataclasses import fields

import anywidget
import ipywidgets as w
import pandas as pd
import traitlets

from planwatch.errors import InputError
from planwatch.explorer import controls, views
from planwatch.explorer import downloads as exporting
from planwatch.explorer import state as st
from planwatch.explorer.chart_view import ChartView
from planwatch.explorer.evaluation_panel import EvaluationPanel
from planwatch.explorer.map_panel import MapPanel
from planwatch.present.html import p
from planwatch.present.voice import Voice
from planwatch.present.words import t
from planwatch.tables import dataset
from planwatch.tables.storage import IncompleteSetError

# the controls, each named as the state field it shows
CONTROLS = tuple(f.name for f in fields(st.State))


class PageLanguage(anywidget.AnyWidget):
    """The page follows the explorer's language: the html element's ``lang`` (which markdown's
    other-language half is hidden by, in planwatch's Voilà page) and the window's title. It
    draws nothing."""

    _esm = """
    function render({ model, el }) {
      el.style.display = "none";
      function apply() {
        document.documentElement.setAttribute("lang", model.get("language"));
        document.title = model.get("title");
      }
      apply();
      model.on("change:language", apply);
      model.on("change:title", apply);
    }
    export default { render };
    """
    language = traitlets.Unicode("zh").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)


class Explorer:
    def __init__(self, ds=None, lang: str = "zh", state: st.State | None = None):
        self.ds = ds or dataset.load()
        self.state = st.normalise(self.ds, state) if state else st.initial(self.ds, lang)
        self._busy = False
        self.lang = w.ToggleButtons(options=[("中文", "zh"), ("English", "en")], description="")
        self.page = PageLanguage()
        self.category = w.Dropdown(description="")
        self.indicator = w.Dropdown(description="", layout=w.Layout(width="420px"))
        self.region = w.Dropdown(description="")
        self.years = controls.YearRange(st.years_of(self.ds))
        self.show_flagged = w.Checkbox(value=True, indent=False)
        self.compare_mode = w.Dropdown(description="")
        self.compare_indicator = w.Dropdown(description="", layout=w.Layout(width="420px"))
        self.compare_region = w.Dropdown(description="")
        self.rate = controls.number(0.0, -30.0, 60.0, 0.1)
        self.view = ChartView()  # carries the Vega bundle for the page's other charts
        self.evaluation = EvaluationPanel(self.ds, self.state.lang, with_bundle=False)
        self.map = MapPanel(self.ds, with_bundle=False)
        self.sentence = w.HTML()
        self.table = w.HTML()
        self.whatif_out = w.HTML()
        self.export_status = w.HTML()
        self.buttons = {
            fmt_: w.Button(description=fmt_.upper()) for fmt_ in ("png", "svg", "csv", "xlsx")
        }
        # headings of the panels (the controls carry their own labels); a widget the page does
        # not show would still be sent to it, so there is none
        self.labels = {k: w.HTML() for k in ("export", "table", "whatif")}
        self.rows = pd.DataFrame()
        self._show(self.state, first=True)
        for name in CONTROLS:
            getattr(self, name).observe(lambda c, n=name: self._on_control(n, c["new"]), "value")
        for fmt_, b in self.buttons.items():
            b.on_click(lambda _b, f=fmt_: self.export(f))

    # --- state ----------------------------------------------------------------------------------
    def _on_control(self, name: str, value) -> None:
        if self._busy:
            return
        if name == "years":
            value = tuple(value)
        self.set(**{name: value})

    def set(self, **changes) -> st.State:
        """Move the state by a reader's change and show the new state."""
        new = st.change(self.ds, self.state, **changes)
        self._show(new)
        return new

    def _show(self, s: st.State, first: bool = False) -> None:
        """Set every control from the state, then draw every view from it. Labels follow a
        change of language; the dropdowns' options are rebuilt only when what they depend on
        changed (``views.OPTIONS_DEPEND_ON``); ``first``: nothing is shown yet."""
        moved = st.changed(self.state, s)
        relabel = first or "lang" in moved
        rebuild = first or bool(moved & views.OPTIONS_DEPEND_ON)
        self.state = s
        self._busy = True
        try:
            self.lang.value = s.lang
            if relabel:
                self._relabel()
                self.page.language = s.lang
                self.page.title = self.voice.t("ex_page_title")
            opts = views.options(self.ds, s) if rebuild else {}
            for attr in views.DROPDOWNS:
                dd = getattr(self, attr)
                if attr in opts and list(dd.options) != opts[attr]:
                    dd.options = opts[attr]
                dd.value = getattr(s, attr)
            self.years.value = s.years
            self.show_flagged.value = s.show_flagged
            self.rate.value = s.rate
        finally:
            self._busy = False
        self.compare_indicator.layout.display = "" if s.compare_mode == "indicators" else "none"
        self.compare_region.layout.display = "" if s.compare_mode == "regions" else "none"
        self.view.show(views.chart(self.ds, s))
        self.map.update(s.indicator, s.region, s.lang)
        self.rows = views.observation_rows(self.ds, s)  # filtered once, shown twice
        self.sentence.value = views.sentence_html(self.ds, s, self.rows)
        self.table.value = views.table_html(self.ds, s, self.rows)
        self.whatif_out.value = views.whatif_html(self.ds, s)
        if relabel and not first:  # the evaluation panel opens in the state's language
            self.evaluation.relabel(s.lang)

    # --- options --------------------------------------------------------------------------------
    @property
    def voice(self) -> Voice:
        """The words of the state's language over this explorer's data set."""
        return Voice(self.ds, self.state.lang)

    def _relabel(self) -> None:
        text = {
            "lang": self.voice.t("ex_lang"),
            "category": self.voice.t("category"),
            "indicator": self.voice.t("indicator"),
            "region": self.voice.t("region"),
            "years": self.voice.t("year"),
            "flagged": self.voice.t("ex_flagged"),
            "compare": self.voice.t("ex_compare"),
            "rate": self.voice.t("ex_rate"),
            "export": self.voice.t("ex_export"),
            "table": self.voice.t("latest"),
            "whatif": self.voice.t("ex_whatif"),
        }
        for k, heading in self.labels.items():
            heading.value = f"<b>{text[k]}</b>"
        # every control carries its own label (a <label> a screen reader announces with it)
        named = {
            self.lang: text["lang"],
            self.category: text["category"],
            self.indicator: text["indicator"],
            self.region: text["region"],
            self.show_flagged: text["flagged"],
            self.compare_mode: text["compare"],
            self.compare_indicator: self.voice.t("ex_compare_indicator"),
            self.compare_region: self.voice.t("ex_compare_region"),
            self.rate: text["rate"],
        }
        for control, label in named.items():
            control.description = label
            control.style.description_width = "initial"
        self.years.set_labels(self.voice.t("ex_from_year"), self.voice.t("ex_to_year"))

    # --- views of the state (what tests and exports read) ------------------------------------
    @property
    def categories(self) -> list[str]:
        return st.categories(self.ds)

    def regions_with_data(self, indicator: str) -> list[str]:
        return st.regions_with_data(self.ds, indicator)

    def observation_rows(self) -> pd.DataFrame:
        return views.observation_rows(self.ds, self.state)

    def compare_pairs(self) -> list[tuple[str, str]] | None:
        return views.compare_pairs(self.state)

    def chart(self):
        return views.chart(self.ds, self.state)

    def sentence_text(self) -> list[str]:
        return views.sentences(self.ds, self.state)

    def refresh(self) -> None:
        """Draw every view again from the state."""
        self._show(self.state)

    @property
    def spec(self) -> dict:
        """The chart shown (what tests inspect and exports draw)."""
        return self.view.spec

    # --- export ---------------------------------------------------------------------------------
    def export_name(self, fmt_: str) -> str:
        return views.export_name(self.ds, self.state, fmt_)

    def export_rows(self) -> pd.DataFrame:
        return views.export_rows(self.ds, self.state)

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
            data, name, t("download_ready", self.state.lang, name=name)
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
                self.page,
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
    """The whole explorer widget tree, ready to display; on a data set that cannot be read
    (missing, tampered, of an older shape) the same one line the command line prints, and what
    to do, instead of a traceback."""
    try:
        return Explorer(ds=ds, lang=lang).layout()
    except (InputError, IncompleteSetError, FileNotFoundError) as exc:
        return w.HTML(
            f'<p class="pw-error" role="alert">planwatch: error: {html.escape(str(exc))}</p>'
        )
