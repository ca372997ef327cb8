"""Maps of the plan's sub-regions (Vega-Lite geoshape, outlines inline from the ``boundaries``
table, so a map draws offline). A city without a figure is grey and says so; the highlighted
city is outlined; every word and figure is in the view's language."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from planwatch.present.charts import CJK_FONT
from planwatch.present.voice import Voice
from planwatch.present.words import t

NO_FIGURE_COLOR = "#e8e8e8"
HIGHLIGHT_STROKE = "#111111"


def has_map(ds) -> bool:
    return len(ds.tables["boundaries"]) > 0


def _features(ds, lang: str, values: dict[str, dict], highlight: str | None) -> list[dict]:
    voice = Voice(ds, lang)
    out = []
    for b in ds.tables["boundaries"].itertuples(index=False):
        v = values.get(b.region, {})
        out.append(
            {
                "type": "Feature",
                "geometry": json.loads(b.geometry),
                "properties": {
                    "city": voice.region(b.region),
                    "value": v.get("value"),
                    "label": v.get("label") or voice.t("no_figure_here"),
                    "year": v.get("year"),
                    "has_value": v.get("value") is not None,
                    "is_highlight": b.region == highlight,
                    "sentence": _sentence(voice.region(b.region), v, voice),
                },
            }
        )
    return out


def _sentence(city: str, v: dict, voice) -> str:
    label = v.get("label") or voice.t("no_figure_here")
    return f"{city}: {label}" + (f" ({v['year']})" if v.get("year") else "")


def _map(
    features: list[dict], lang: str, title: str, legend: str, scheme: str, counts: bool = False
) -> alt.Chart:
    """Three layers on one set of outlines: every city in grey, the cities with a figure shaded
    by it, the highlighted city outlined. Each city reads as a sentence to a screen reader."""
    title = alt.Title(title, subtitle=t("map_caption", lang), anchor="start")
    tooltip = [
        alt.Tooltip("properties.city:N", title=t("region", lang)),
        alt.Tooltip("properties.label:N", title=t("value", lang)),
        alt.Tooltip("properties.year:O", title=t("year", lang)),
    ]
    shapes = alt.Chart().mark_geoshape(stroke="#ffffff", strokeWidth=0.6)
    every = shapes.encode(
        color=alt.value(NO_FIGURE_COLOR),
        tooltip=tooltip,
        description=alt.Description("properties.sentence:N"),
    )
    shaded = shapes.transform_filter("datum.properties.has_value").encode(
        color=alt.Color(
            "properties.value:Q",
            title=legend,
            # the palette's palest third is left out: "1 figure" must stand apart from "none"
            scale=alt.Scale(scheme=alt.SchemeParams(name=scheme, extent=[0.35, 1])),
            legend=alt.Legend(
                orient="right", **({"format": "d", "tickMinStep": 1} if counts else {})
            ),
        ),
        tooltip=tooltip,
        description=alt.Description("properties.sentence:N"),
    )
    outline = (
        alt.Chart()
        .mark_geoshape(filled=False, stroke=HIGHLIGHT_STROKE, strokeWidth=2.4, aria=False)
        .transform_filter("datum.properties.is_highlight")
    )
    layers = [every, shaded, outline]
    if not any(f["properties"]["has_value"] for f in features):
        layers = [every, outline]  # nothing to shade: no colour scale, no legend of nothing
    return (
        alt.layer(*layers, data=alt.Data(values=features), title=title)
        .project(type="mercator")
        .properties(width=380, height=340)
        .configure(font=CJK_FONT)
        .configure_view(stroke=None)
    )


def series_map(ds, series: str, lang: str, highlight: str | None = None) -> alt.Chart:
    """Each city's latest published figure of one series (its year in the tooltip)."""
    voice = Voice(ds, lang)
    cov = ds.coverage
    rows = cov[(cov["indicator"] == series) & cov["has_value"] & (cov["region"] != ds.region)]
    unit = ds.unit_of(series)
    values = {}
    for r in rows.sort_values("year").itertuples(index=False):
        values[r.region] = {
            "value": float(r.value),
            "label": voice.fmt(r.value, unit),
            "year": int(r.year),
        }
    name = voice.series(series)
    title = voice.t("map_series_title", name=name)
    legend = voice.unit(unit)
    return _map(_features(ds, lang, values, highlight), lang, title, legend, "blues")


def coverage_map(ds, indicators: list[str], lang: str, highlight: str | None = None) -> alt.Chart:
    """How many published figures each city has for the given indicators."""
    cov = ds.coverage
    rows = cov[cov["indicator"].isin(indicators) & cov["has_value"] & (cov["region"] != ds.region)]
    counts = rows.groupby("region").size()
    values = {
        region: {"value": int(n), "label": t("n_figures", lang, n=int(n))}
        for region, n in counts.items()
    }
    legend = t("figures_found", lang)
    return _map(
        _features(ds, lang, values, highlight),
        lang,
        Voice(ds, lang).t("map_coverage_title"),
        legend,
        "greens",
        counts=True,
    )


def map_rows(chart: alt.Chart) -> pd.DataFrame:
    """The cities a map shows and what it says of each (for tests and captions)."""
    return pd.DataFrame([f["properties"] for f in chart.to_dict()["data"]["values"]])
