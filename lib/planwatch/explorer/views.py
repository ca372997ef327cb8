"""Everything the explorer shows, derived from the data and one ``State``: the options each
control offers, the figures of the view, the chart, the sentences (the reports' own assessment),
the table, the what-if panel and the names and rows of downloads. Pure functions: the same state
gives the same view, whatever path led to it."""

from __future__ import annotations

import pandas as pd

from planwatch.assess.progress import BOUND_KINDS, bound_mask
from planwatch.explorer import state as st
from planwatch.explorer import whatif_panel
from planwatch.present import charts, charts_compare
from planwatch.present.evidence import observation_table, plain_row
from planwatch.present.html import p
from planwatch.present.voice import Voice

# the dropdowns, each named as the state field it shows, and the fields their options depend on
DROPDOWNS = (
    "category",
    "indicator",
    "region",
    "compare_mode",
    "compare_indicator",
    "compare_region",
)
OPTIONS_DEPEND_ON = frozenset({"lang", "category", "indicator", "region"})


def options(ds, s: st.State) -> dict[str, list[tuple[str, str]]]:
    """(label, value) pairs each dropdown offers in the state's language."""
    voice = Voice(ds, s.lang)
    cats = ds.indicators.drop_duplicates("category")
    return {
        "category": [(voice.local(r, "category"), r["category"]) for _, r in cats.iterrows()],
        "indicator": [(voice.indicator(n), n) for n in st.indicators(ds, s.category)],
        "region": [(voice.region(r), r) for r in st.regions_with_data(ds, s.indicator)],
        "compare_mode": [
            (voice.t("ex_off"), "off"),
            (voice.t("ex_two_indicators"), "indicators"),
            (voice.t("ex_two_regions"), "regions"),
        ],
        "compare_indicator": [
            (voice.indicator(n), n) for n in st.compare_indicators(ds, s.indicator, s.region)
        ],
        "compare_region": [
            (voice.region(r), r) for r in st.compare_regions(ds, s.indicator, s.region)
        ],
    }


def _flag_filter(rows: pd.DataFrame, s: st.State) -> pd.DataFrame:
    return rows if s.show_flagged else rows[(rows["comparable"] == "yes") & ~bound_mask(rows)]


def observation_rows(ds, s: st.State) -> pd.DataFrame:
    """The figures of the selection within the years (flagged ones left out when hidden)."""
    a = ds.observations_audit
    lo, hi = s.years
    rows = a[
        (a["indicator"] == s.indicator)
        & (a["region"] == s.region)
        & (a["year"] >= lo)
        & (a["year"] <= hi)
    ]
    return _flag_filter(rows, s).sort_values(["year", "chosen"], ascending=[True, False])


def compare_pairs(s: st.State) -> list[tuple[str, str]] | None:
    """The (indicator, region) series compared, or None outside compare mode."""
    if s.compare_mode == "indicators" and s.compare_indicator:
        return [(s.indicator, s.region), (s.compare_indicator, s.region)]
    if s.compare_mode == "regions" and s.compare_region:
        return [(s.indicator, s.region), (s.indicator, s.compare_region)]
    return None


def chart(ds, s: st.State):
    """The compared series on one indexed scale, or, where they share no comparable year in
    the chosen years (the sentences say so), the selection's own chart: never an empty one."""
    pairs = compare_pairs(s)
    if pairs:
        indexed = charts_compare.compare_indexed(ds, pairs, s.lang, s.years, s.show_flagged)
        if indexed.data.values:  # the series were indexed once, inside compare_indexed
            return indexed
    return charts.trajectory(ds, s.indicator, s.lang, s.region, s.show_flagged, s.years)


def sentences(ds, s: st.State, rows: pd.DataFrame | None = None) -> list[str]:
    """The sentences under the chart, then what compare mode has to say. ``rows``: the
    state's ``observation_rows`` when the caller has them already."""
    pairs = compare_pairs(s)
    notes = (
        charts_compare.compare_series(ds, pairs, s.lang, s.years, s.show_flagged)[2]
        if pairs
        else []
    )
    if s.compare_mode == "regions" and not s.compare_region:
        notes = [Voice(ds, s.lang).t("compare_no_region")]
    if s.compare_mode == "indicators" and not s.compare_indicator:
        notes = [Voice(ds, s.lang).t("compare_no_indicator")]
    return _assessment(ds, s, rows) + notes


def _assessment(ds, s: st.State, rows: pd.DataFrame | None) -> list[str]:
    voice = Voice(ds, s.lang)
    if s.region == ds.region:
        prog = ds.progress
        rows = prog[prog["indicator"] == s.indicator].sort_values("target_year")
        return [
            _as_shown(voice.progress_sentence(plain_row(r)), r, s, voice)
            for _, r in rows.iterrows()
        ]
    chosen = observation_rows(ds, s) if rows is None else rows
    chosen = chosen[chosen["chosen"]]
    name = voice.indicator(s.indicator)
    place = voice.region(s.region)
    if chosen.empty:
        return [voice.t("explorer_no_figure", place=place, name=name)]
    last = chosen.iloc[-1]
    lb = last["value_kind"] in BOUND_KINDS or bool(last["is_bound"])
    return [
        voice.t(
            "explorer_city_figure",
            place=place,
            name=name,
            year=int(last["year"]),
            at_least=voice.t("at_least") if lb else "",
            value=voice.fmt(last["value"], last["unit"]),
        )
    ]


def _as_shown(sentence: str, r, s: st.State, voice) -> str:
    """A progress sentence, with a word when the figure it cites is outside the chosen years or
    hidden with the flagged figures (the assessment stands; the chart and table do not show it)."""
    year = r["observed_year"]
    if pd.isna(year):
        return sentence
    flagged = r["comparable"] != "yes" or bool(r["observed_bound"])
    if not s.years[0] <= int(year) <= s.years[1]:
        return sentence + voice.t("ex_figure_outside_years", year=int(year))
    if flagged and not s.show_flagged:
        return sentence + voice.t("ex_figure_hidden", year=int(year))
    return sentence


def sentence_html(ds, s: st.State, rows: pd.DataFrame | None = None) -> str:
    return "".join(str(p(x)) for x in sentences(ds, s, rows))


def table_html(ds, s: st.State, rows: pd.DataFrame | None = None) -> str:
    rows = observation_rows(ds, s) if rows is None else rows
    return str(observation_table(rows, Voice(ds, s.lang))) if len(rows) else str(p("—"))


def whatif_html(ds, s: st.State) -> str:
    return whatif_panel.panel_html(ds, s.indicator, s.region, s.rate, s.lang)


def export_name(ds, s: st.State, fmt_: str) -> str:
    """``<indicator id>-<region>-<language>-<first year>-<last year>-<view>.<ext>``, the view
    being ``trajectory`` or ``compare-<the other indicator or region>``."""
    lo, hi = s.years
    ind = ds.indicators.drop_duplicates("indicator").set_index("indicator")["indicator_id"]

    def place(region: str) -> str:
        return Voice(ds, "en").region(region).lower().replace(" ", "_")

    view = "trajectory"
    if s.compare_mode == "indicators" and s.compare_indicator:
        view = f"compare-{ind[s.compare_indicator]}"
    elif s.compare_mode == "regions" and s.compare_region:
        view = f"compare-{place(s.compare_region)}"
    return f"{ind[s.indicator]}-{place(s.region)}-{s.lang}-{lo}-{hi}-{view}.{fmt_}"


def export_rows(ds, s: st.State) -> pd.DataFrame:
    """The figures behind the view, with every flag and the chosen mark (both series in
    compare mode)."""
    pairs = compare_pairs(s) or [(s.indicator, s.region)]
    a, (lo, hi) = ds.observations_audit, s.years
    keep = pd.Series(False, index=a.index)
    for indicator, region in pairs:
        keep |= (a["indicator"] == indicator) & (a["region"] == region)
    rows = _flag_filter(a[keep & (a["year"] >= lo) & (a["year"] <= hi)], s)
    return rows.sort_values(["indicator", "region", "year", "chosen"], ascending=[1, 1, 1, 0])
