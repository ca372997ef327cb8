"""What the explorer to share (``explorer.share``) carries inside its one HTML file: every answer
the Python explorer gives that does not depend on the reader's continuous choices, computed here
by the Python explorer's own code (``explorer.views``, ``explorer.state``, ``whatif_panel``,
``charts``), plus the few rules the page must apply itself (a year range, the flagged switch, the
compare indexing, the what-if projection) with the numbers and words they need.

Words that take a value at view time travel as templates whose fields are marked
``\\x01field\\x01``: the page fills them in, and every word still comes from the catalogue.
"""

from __future__ import annotations

import pandas as pd

from planwatch.assess import whatif as whatif_rules
from planwatch.assess.progress import BOUND_KINDS, bound_mask, vocab
from planwatch.explorer import state as st
from planwatch.explorer import whatif_panel
from planwatch.explorer.chart_view import without_empty_layers
from planwatch.present import charts, charts_compare, spreadsheet, words
from planwatch.present.evidence import observation_table, plain_row, status_cell
from planwatch.present.html import VEGALITE_MIME, ChartOutput, p, table
from planwatch.present.voice import Voice

# the words of the page's own controls and panels (catalogue keys)
UI_WORDS = (
    "ex_page_title", "ex_lang", "category", "indicator", "region", "ex_from_year",
    "ex_to_year", "ex_flagged", "ex_compare", "ex_rate", "ex_whatif", "latest", "ex_export",
    "ex_off", "ex_two_indicators", "ex_two_regions", "share_intro", "share_download_csv",
    "share_dataset", "share_made", "share_needs_js", "share_chart_label", "chart_data",
    "share_sentence_label", "share_no_browser", "share_loading", "ex_compare_indicator",
    "ex_compare_region",
)  # fmt: skip


def field(name: str) -> str:
    """A template's field as the page finds it."""
    return f"\x01{name}\x01"


def template(voice: Voice, key: str, *names: str) -> str:
    return voice.t(key, **{n: field(n) for n in names})


def raw_spec(chart) -> dict:
    """A chart's spec as the Python explorer's chart receives it, before its empty layers go."""
    return ChartOutput(chart)._repr_mimebundle_()[VEGALITE_MIME]


def spec_of(chart) -> dict:
    """The spec the Python explorer sends to its chart (``ChartView.show``)."""
    return without_empty_layers(raw_spec(chart))


def _tbody(markup) -> str:
    text = str(markup)
    return text[text.index("<tbody>") + 7 : text.index("</tbody>")]


def _table_frame(voice: Voice) -> list[str]:
    """The observation table's markup before and after its rows."""
    text = str(observation_table(pd.DataFrame(columns=["x"]), voice))
    cut = text.index("<tbody>") + 7
    return [text[:cut], text[cut:]]


def observation_rows(ds) -> tuple[list[dict], str]:
    """Every published figure: what the page filters on, its table row and, for a chosen
    figure, the sentence a sub-region's view says of it, in each language; its CSV line."""
    a = ds.observations_audit
    voices = {lang: Voice(ds, lang) for lang in ds.languages}
    headers = [str(c) for c in a.columns]
    head = spreadsheet.csv_text(headers, [])
    bound = bound_mask(a)
    out = []
    for i, (_, r) in enumerate(a.iterrows()):
        one = a.iloc[[i]]
        cells = [None if _na(v) else v for v in next(one.itertuples(index=False))]
        row = {
            "indicator": r["indicator"],
            "region": r["region"],
            "year": int(r["year"]),
            "chosen": bool(r["chosen"]),
            "comparable": r["comparable"],
            "bound": bool(bound.iloc[i]),
            "value": None if _na(r["value"]) else float(r["value"]),
            "tr": {lang: _tbody(observation_table(one, v)) for lang, v in voices.items()},
            "csv": spreadsheet.csv_text(headers, [cells])[len(head) :],
        }
        if row["chosen"]:
            row["says"] = {lang: _city_sentence(v, r) for lang, v in voices.items()}
        out.append(row)
    return out, head


def _na(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _city_sentence(voice: Voice, last) -> str:
    lb = last["value_kind"] in BOUND_KINDS or bool(last["is_bound"])
    return voice.t(
        "explorer_city_figure",
        place=voice.region(last["region"]),
        name=voice.indicator(last["indicator"]),
        year=int(last["year"]),
        at_least=voice.t("at_least") if lb else "",
        value=voice.fmt(last["value"], last["unit"]),
    )


def progress_rows(ds, indicator: str) -> list[dict]:
    """The plan region's progress sentences (``views._assessment``), with what decides their
    added word."""
    prog = ds.progress
    rows = prog[prog["indicator"] == indicator].sort_values("target_year")
    out = []
    for _, r in rows.iterrows():
        year = r["observed_year"]
        out.append(
            {
                "says": {
                    lang: Voice(ds, lang).progress_sentence(plain_row(r)) for lang in ds.languages
                },
                "year": None if pd.isna(year) else int(year),
                "flagged": r["comparable"] != "yes" or bool(r["observed_bound"]),
            }
        )
    return out


def trajectories(ds, indicator: str) -> dict:
    """The selection's chart for every region with figures, flagged figures shown and hidden,
    over every year: the page keeps the points within the chosen years."""
    return {
        region: {
            lang: {
                str(flag).lower(): raw_spec(
                    charts.trajectory(ds, indicator, lang, region, flag, None)
                )
                for flag in (True, False)
            }
            for lang in ds.languages
        }
        for region in st.regions_with_data(ds, indicator)
    }


def compare_inputs(ds, indicator: str, region: str) -> dict:
    """What ``charts_compare.compare_series`` reads of one series: its chosen figures and, for
    the plan's region, the baseline."""
    a = ds.observations_audit
    rows = a[(a["indicator"] == indicator) & (a["region"] == region) & a["chosen"]]
    bound = bound_mask(rows)
    figures = [
        {
            "year": int(r["year"]),
            "value": None if _na(r["value"]) else float(r["value"]),
            "comparable": r["comparable"],
            "bound": bool(b),
            "kind": {
                lang: words.flag_word("value_kind", r["value_kind"], lang) for lang in ds.languages
            },
        }
        for (_, r), b in zip(rows.iterrows(), bound, strict=True)
    ]
    baseline = None
    if region == ds.region:
        base = ds.indicators[
            (ds.indicators["indicator"] == indicator) & ds.indicators["is_baseline"]
        ]
        if len(base) and not pd.isna(base["value"].iloc[0]):
            baseline = [int(base["year"].iloc[0]), float(base["value"].iloc[0])]
    labels = {
        lang: f"{Voice(ds, lang).series(indicator)} · {Voice(ds, lang).region(region)}"
        for lang in ds.languages
    }
    return {"figures": figures, "baseline": baseline, "label": labels}


def compare_skeleton(ds, lang: str) -> dict:
    """The indexed chart with no points and its base year as a field."""
    return raw_spec(charts_compare.indexed_chart([], field("year"), lang))


def whatif(ds, indicator: str) -> dict:
    """The what-if panel of ``whatif_panel.panel_html`` less what the rate decides: its notes,
    and per target either the observed verdict's row (whole) or the projection's fixed cells and
    the numbers the page projects from."""
    inp = whatif_panel.inputs(ds, indicator)
    found = whatif_panel.observed(inp)
    if inp is None or found is None:
        return {
            "fixed": {
                lang: whatif_panel.panel_html(ds, indicator, ds.region, 0.0, lang)
                for lang in ds.languages
            }
        }
    y0, t0, values, targets, d = inp
    rate, year = found
    unit = ds.unit_of(indicator)
    prog = ds.progress[ds.progress["indicator"] == indicator].set_index("target_year")
    out = {"observed": round(rate * 100, 1), "unit": unit, "rows": [], "notes": {}, "head": {}}
    for lang in ds.languages:
        voice = Voice(ds, lang)
        out["notes"][lang] = whatif_panel.rate_note(voice, inp, found, unit)
        out["head"][lang] = str(table(_whatif_headers(voice, t0), [])).split("<tbody>")[0]
    # the rate changes the projection and its status only; 0.0 stands for any rate here
    for r in whatif_rules.whatif(y0, t0, values, 0.0, targets, d):
        row = prog.loc[r.target_year] if r.target_year in prog.index else None
        seen = (
            row is not None
            and row["status"] in ("met", "missed")
            and row["observed_year"] == r.target_year
        )
        cells = {}
        for lang in ds.languages:
            voice = Voice(ds, lang)
            target = voice.cmp(r.comparator) + voice.fmt(r.target, unit)
            if seen:
                cells[lang] = _tbody(table([""] * 8, [[
                    r.target_year, target, "—", voice.t("whatif_observed_verdict"),
                    status_cell(row, voice), voice.ratio(r.required_from_baseline), "—",
                    voice.fmt(row["observed_value"], unit),
                ]]))  # fmt: skip
            else:
                cells[lang] = [
                    str(r.target_year), target,
                    f"{voice.fmt(r.start_value, unit)} ({r.start_year})",
                    voice.ratio(r.required_from_baseline), voice.ratio(r.required_from_start),
                ]  # fmt: skip
        out["rows"].append(
            {
                "cells": cells,
                "seen": bool(seen),
                "start": r.start_value,
                "years": r.target_year - r.start_year,
                "target": r.target,
                "cmp": r.comparator,
                "required": r.required_from_baseline,
                "direction": d,
            }
        )
    return out


def _whatif_headers(voice: Voice, t0: int) -> list[str]:
    return [
        voice.t("year"), voice.t("target"), voice.t("whatif_start"), voice.t("projection"),
        voice.t("status"), voice.t("whatif_required_base", year=t0),
        voice.t("whatif_required_start"), voice.t("observed_figure"),
    ]  # fmt: skip


def language_words(ds, lang: str) -> dict:
    """Every word of one language the page shows: names, controls, templates, formats."""
    voice = Voice(ds, lang)
    cats = ds.indicators.drop_duplicates("category")
    regions = [ds.region, *ds.cities["city"]]
    statuses = vocab()["rr_classes"]
    return {
        "ui": {
            **{k: voice.t(k) for k in UI_WORDS},
            "downloaded": template(voice, "share_downloaded", "name"),
        },
        "series": {n: voice.series(n) for n in st.indicators(ds)},
        "language_name": voice.t("language_name"),
        "category": {r["category"]: voice.local(r, "category") for _, r in cats.iterrows()},
        "indicator": {n: voice.indicator(n) for n in st.indicators(ds)},
        "region": {r: voice.region(r) for r in regions},
        "status": {s: voice.status(s) for s in {c["status"] for c in statuses} | {"met"}},
        "templates": {
            "outside": template(voice, "ex_figure_outside_years", "year"),
            "hidden": template(voice, "ex_figure_hidden", "year"),
            "not_indexed": template(voice, "compare_not_indexed", "series", "year", "kind"),
            "no_common": voice.t("compare_no_common_year"),
            "no_region": voice.t("compare_no_region"),
            "no_indicator": voice.t("compare_no_indicator"),
            "about": template(voice, "chart_about", "n"),
            "assumed": template(voice, "whatif_assumed", "rate"),
            "would": template(voice, "whatif_would", "status"),
            "targets_are": voice.t("whatif_targets_are", region=voice.region(ds.region)),
        },
        "no_figure": {
            i: {
                r: voice.t("explorer_no_figure", place=voice.region(r), name=voice.indicator(i))
                for r in st.regions_with_data(ds, i)
            }
            for i in st.indicators(ds)
        },  # fmt: skip
        "table": _table_frame(voice),
        "empty_table": str(p("—")),
        "compare": compare_skeleton(ds, lang),
        "format": words.catalogue()["format"],
        "unit": {u: voice.unit(u) for u in ds.indicators["unit"].unique()},
    }
