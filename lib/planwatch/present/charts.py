"""Altair charts for reports and the explorer. Every function returns an ``alt.Chart`` (or a
layer of charts) with its data inline, so a spec can be tested and exported with no kernel.

Interactivity uses Vega-Lite params (legend selections, dropdowns), never Python callbacks.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from planwatch.assess.progress import bound_mask
from planwatch.assess.progress import vocab as progress_vocab
from planwatch.frames import records
from planwatch.present import palette
from planwatch.present import words as narrative
from planwatch.present.voice import Voice
from planwatch.present.words import t

CJK_FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
COMPARABLE_COLORS = {"yes": "#1f77b4", "unclear": "#ff7f0e", "no": "#9e9e9e"}
KIND_SHAPES = {  # one symbol per kind of value
    "exact": "circle",
    "rounded": "cross",
    "lower_bound": "triangle-up",
    "estimate": "triangle-down",  # the diamond is the plan's target (its own legend)
    "partial_period": "triangle-right",
    "point_in_time": "square",
}
PLAN_MARK_COLOR = "#555555"  # the plan's baseline and targets (≥ 7:1 on white)
STATUS_COLORS = palette.status_colors()  # data: vocab/assess.yml (tested for contrast and CVD)


AXIS_LABEL_LIMIT = 480  # px: long names (a unit's Chinese and English name) are shown whole


def _config(chart: alt.Chart) -> alt.Chart:
    return (
        chart.configure(font=CJK_FONT)
        .configure_view(stroke=None)
        .configure_axis(labelLimit=AXIS_LABEL_LIMIT)
    )


_records = records  # one helper for frames → JSON rows (planwatch.frames.records)


def trajectory(
    ds,
    indicator: str,
    lang: str,
    region: str | None = None,
    show_flagged: bool = True,
    years: tuple[int, int] | None = None,
) -> alt.LayerChart:
    """Observations against the straight path from the baseline to each target.

    Targets are diamonds; observations are coloured by comparability and shaped by value kind
    (lower bounds as upward triangles). Clicking the legend highlights one comparability class.
    """
    voice = Voice(ds, lang)
    region = region or ds.region  # default: the region the plan's targets apply to
    ind = ds.indicators[ds.indicators["indicator"] == indicator].sort_values("year")
    ind = ind[ind["period"] == ""]  # levels only: a yearly average or a total is not on the path
    unit = ds.unit_of(indicator)
    path = (
        pd.DataFrame(
            {
                "year": ind["year"].astype(int),
                "value": ind["value"],
                "role": [t(f"role_{r}", lang) for r in ind["role"]],
                "label": [voice.fmt(v, unit) for v in ind["value"]],
            }
        )
        if region == ds.region
        else pd.DataFrame(columns=["year", "value", "role", "label"])
    )
    audit = ds.observations_audit
    obs = audit[(audit["indicator"] == indicator) & (audit["region"] == region)].copy()
    if not show_flagged:
        obs = obs[(obs["comparable"] == "yes") & ~bound_mask(obs)]
    if years:
        obs = obs[(obs["year"] >= years[0]) & (obs["year"] <= years[1])]
        path = path[(path["year"] >= years[0]) & (path["year"] <= years[1])]
    obs = obs.assign(
        year=obs["year"].astype(int),
        label=[voice.fmt(v, unit) for v in obs["value"]],
        chosen_mark=obs["chosen"].map({True: "✓", False: ""}),
        comparable_label=[narrative.flag_word("comparable", v, lang) for v in obs["comparable"]],
        kind_label=[narrative.flag_word("value_kind", v, lang) for v in obs["value_kind"]],
        vintage_label=[
            narrative.flag_word("vintage", v, lang) if v else "" for v in obs["vintage"]
        ],
        source_label=[narrative.flag_word("source_kind", v, lang) for v in obs["source_kind"]],
    )
    obs = obs.assign(  # what a screen reader says of each point
        sentence=[
            f"{y}: {lab}, {c}, {k}"
            for y, lab, c, k in zip(
                obs["year"], obs["label"], obs["comparable_label"], obs["kind_label"], strict=True
            )
        ]
    )
    name = voice.indicator(indicator)
    y_title = f"{t('value', lang)} ({voice.name('unit', unit)})"
    x = alt.X(
        "year:Q",
        title=t("year", lang),
        axis=alt.Axis(format="d", tickMinStep=1),
        scale=alt.Scale(zero=False, padding=12),  # points at the first or last year stay whole
    )
    path = path.assign(
        sentence=[
            f"{r} {y}: {lab}"
            for r, y, lab in zip(path["role"], path["year"], path["label"], strict=True)
        ]
    )
    base_path = alt.Chart(alt.Data(values=_records(path)))
    line = base_path.mark_line(strokeDash=[6, 4], color="#555", aria=False).encode(  # points say it
        x=x,
        y=alt.Y("value:Q", title=y_title),
        tooltip=[
            alt.Tooltip("year:O", title=t("year", lang)),
            alt.Tooltip("label:N", title=t("target", lang)),
        ],
    )
    roles = [t("role_baseline", lang), t("role_target", lang)]
    targets = base_path.mark_point(size=120, filled=True, color=PLAN_MARK_COLOR).encode(
        x=x,
        y="value:Q",
        shape=alt.Shape(  # the plan's own figures: a legend of their own
            "role:N",
            title=t("plan_table_legend", lang),
            scale=alt.Scale(domain=roles, range=["square", "diamond"]),
            legend=alt.Legend(symbolFillColor=PLAN_MARK_COLOR, symbolStrokeColor=PLAN_MARK_COLOR),
        ),
        description=alt.Description("sentence:N"),
        tooltip=[
            alt.Tooltip("year:O", title=t("year", lang)),
            alt.Tooltip("label:N", title=t("target", lang)),
            alt.Tooltip("role:N", title=t("plan_table_legend", lang)),
        ],
    )
    # a select, not a legend click: reachable and operable from the keyboard
    shown_labels = [narrative.flag_word("comparable", k, lang) for k in COMPARABLE_COLORS]
    pick = alt.selection_point(
        fields=["comparable_label"],
        name="comparable_pick",
        bind=alt.binding_select(
            options=[None, *shown_labels],
            labels=[t("all_figures", lang), *shown_labels],
            name=t("comparability", lang) + " ",
        ),
    )
    points = (
        alt.Chart(
            alt.Data(
                values=_records(
                    obs[
                        [
                            "year",
                            "value",
                            "label",
                            "comparable",
                            "value_kind",
                            "comparable_label",
                            "kind_label",
                            "vintage_label",
                            "source_label",
                            "source_url",
                            "source_title",
                            "chosen_mark",
                            "sentence",
                        ]
                    ]
                )
            )
        )
        .mark_point(size=90, filled=True)
        .encode(
            x=x,
            y="value:Q",
            color=alt.Color(
                "comparable_label:N",
                title=t("comparability", lang),
                scale=alt.Scale(
                    domain=[narrative.flag_word("comparable", k, lang) for k in COMPARABLE_COLORS],
                    range=list(COMPARABLE_COLORS.values()),
                ),
            ),
            shape=alt.Shape(
                "kind_label:N",
                title=t("flags", lang),
                scale=alt.Scale(
                    domain=[narrative.flag_word("value_kind", k, lang) for k in KIND_SHAPES],
                    range=list(KIND_SHAPES.values()),
                ),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
            description=alt.Description("sentence:N"),
            tooltip=[
                alt.Tooltip("year:O", title=t("year", lang)),
                alt.Tooltip("label:N", title=t("observed", lang)),
                alt.Tooltip("comparable_label:N", title=t("comparability", lang)),
                alt.Tooltip("kind_label:N", title=t("flags", lang)),
                alt.Tooltip("vintage_label:N", title=t("vintage_word", lang)),
                alt.Tooltip("source_label:N", title=t("source_kind_word", lang)),
                alt.Tooltip("source_title:N", title=t("source", lang)),
                alt.Tooltip("chosen_mark:N", title=t("chosen", lang)),
            ],
        )
        .add_params(pick)
    )
    title = name if region == ds.region else f"{name} · {voice.region(region)}"
    layers = alt.layer(line, targets, points).resolve_scale(shape="independent")
    return _config(layers.properties(title=title, width=420, height=240))


def status_words(status: str, lang: str) -> str:
    """``✓ 已达标`` / ``✓ target met``: a status's symbol and words (never its code)."""
    return (
        f"{progress_vocab()['statuses'][status]['symbol']} {narrative.status_label(status, lang)}"
    )


def _title(text: str, provisional: bool, lang: str):
    """A chart title, with the note on † as its subtitle when a provisional verdict is drawn."""
    return alt.TitleParams(text, subtitle=[t("provisional_note", lang)]) if provisional else text


def achievement_bars(ds, lang: str, category: str | None = None) -> alt.Chart:
    """Achievement (observed / target) per indicator, coloured by status; a dropdown picks the
    target year (a Vega-Lite param, so it works in exported files)."""
    voice = Voice(ds, lang)
    p = ds.progress.copy()
    if category:
        p = p[p["category"] == category]
    p = p.assign(
        name=[voice.indicator(n) for n in p["indicator"]],
        pct=(p["achievement"] * 100).round(1),
        status_label=[status_words(s, lang) for s in p["status"]],
        caveat_text=[narrative.caveat_text(c, lang) for c in p["caveat_codes"]],
        target_year=p["target_year"].astype(int),
    )
    prov = p["provisional"].astype(bool)
    p = p.assign(  # what a screen reader says, and the label at the bar's end (never nan)
        status_text=[voice.verdict(s, f) for s, f in zip(p["status"], prov, strict=True)],
        provisional_word=[voice.t("yes" if f else "no") for f in prov],
        bar_label=[  # a lower bound's share is a lower bound too: "≥"; † a provisional verdict
            progress_vocab()["statuses"][s]["symbol"]
            + ("†" if f else "")
            + ("" if pd.isna(v) else f" {'≥' if bool(b) else ''}{v}%")
            for s, v, b, f in zip(p["status"], p["pct"], p["observed_bound"], prov, strict=True)
        ],
    )
    p = p.assign(
        sentence=[
            f"{n}: {s}" if pd.isna(v) else f"{n}: {v}%, {s}"
            for n, v, s in zip(p["name"], p["pct"], p["status_text"], strict=True)
        ],
    )
    data = _records(
        p[
            [
                "name",
                "pct",
                "status",
                "status_label",
                "status_text",
                "provisional",
                "provisional_word",
                "target_year",
                "caveat_text",
                "observed_year",
                "sentence",
                "bar_label",
            ]
        ]
    )
    year = alt.param(
        name="target_year_pick",
        value=ds.target_years[-1],
        bind=alt.binding_select(options=ds.target_years, name=t("target", lang) + " "),
    )
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=None, sort=None),
            x=alt.X("pct:Q", title=f"{t('achievement', lang)} (%)"),
            # a provisional verdict's bar is outlined with a dashed line (and † at its end)
            stroke=alt.condition("datum.provisional", alt.value("#222222"), alt.value(None)),
            strokeDash=alt.condition("datum.provisional", alt.value([3, 2]), alt.value([1, 0])),
            color=alt.Color(  # legend entries in words, with the status symbol
                "status_label:N",
                title=t("status", lang),
                scale=alt.Scale(
                    domain=[status_words(s, lang) for s in STATUS_COLORS],
                    range=list(STATUS_COLORS.values()),
                ),
            ),
            description=alt.Description("sentence:N"),
            tooltip=[
                alt.Tooltip("name:N", title=t("indicator", lang)),
                alt.Tooltip("pct:Q", title=t("achievement", lang)),
                alt.Tooltip("status_label:N", title=t("status", lang)),
                alt.Tooltip("provisional_word:N", title=t("provisional_column", lang)),
                alt.Tooltip("observed_year:Q", title=t("year", lang)),
                alt.Tooltip("caveat_text:N", title=t("caveat", lang)),
            ],
        )
        .add_params(year)
        .transform_filter("datum.target_year == target_year_pick")
    )
    labels = (  # the status symbol on every bar: never colour alone
        alt.Chart(alt.Data(values=data))
        .mark_text(align="left", dx=4, color="#222222", fontSize=11, aria=False)  # the bar says it
        .encode(
            y=alt.Y("name:N", title=None, sort=None),
            x=alt.X("pct:Q", title=f"{t('achievement', lang)} (%)", impute=None),
            text="bar_label:N",
        )
        .transform_filter("datum.target_year == target_year_pick")
        .transform_calculate(pct="isValid(datum.pct) ? datum.pct : 0")
    )
    rule = (
        alt.Chart(alt.Data(values=[{}]))  # a reference line, not data (no row in the table)
        .mark_rule(strokeDash=[4, 4], color="#333", aria=False)  # 100 % is on the axis
        .encode(x=alt.datum(100, type="quantitative"))
    )
    return _config(
        alt.layer(chart, labels, rule).properties(
            title=_title(t("achievement_chart_title", lang), bool(prov.any()), lang),
            width=420,
            height=max(60, 26 * p["indicator"].nunique()),
        )
    )


def city_comparison(ds, series: str, lang: str, highlight: str | None = None) -> alt.Chart:
    """One series across cities, a dropdown picks the year; the highlighted city stands out."""
    voice = Voice(ds, lang)
    cov = ds.coverage
    rows = cov[
        (cov["indicator"] == series) & cov["has_value"] & (cov["region"] != ds.region)
    ].copy()
    years = sorted(int(y) for y in rows["year"].unique())
    here, others = voice.region(highlight) if highlight else "", t("other_places", lang)
    rows = rows.assign(
        city=[voice.region(r) for r in rows["region"]],
        is_highlight=rows["region"] == highlight,
        group=[here if r == highlight else others for r in rows["region"]],
        year=rows["year"].astype(int),
        comparable_label=[narrative.flag_word("comparable", v, lang) for v in rows["comparable"]],
        kind_label=[narrative.flag_word("value_kind", v, lang) for v in rows["value_kind"]],
    )
    data = _records(
        rows[
            [
                "city",
                "value",
                "year",
                "comparable_label",
                "kind_label",
                "is_highlight",
                "group",
                "source_url",
            ]
        ]
    )
    pick = alt.param(
        name="year_pick",
        value=years[-1] if years else 0,
        bind=alt.binding_select(options=years or [0], name=t("year", lang) + " "),
    )
    unit = ds.unit_of(series)
    title = voice.series(series)
    return _config(
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("city:N", sort="-y", title=None),
            y=alt.Y("value:Q", title=f"{t('value', lang)} ({voice.unit(unit)})"),
            color=alt.Color(  # what the red bar means, in the legend
                "group:N",
                title=None,
                scale=alt.Scale(
                    domain=[here, others] if here else [others],
                    range=["#d62728", "#1f77b4"] if here else ["#1f77b4"],
                ),
            ),
            tooltip=[
                alt.Tooltip("city:N", title=t("region", lang)),
                alt.Tooltip("value:Q", title=t("value", lang)),
                alt.Tooltip("year:O", title=t("year", lang)),
                alt.Tooltip("comparable_label:N", title=t("flags", lang)),
                alt.Tooltip("kind_label:N", title=t("value_kind_word", lang)),
            ],
        )
        .add_params(pick)
        .transform_filter("datum.year == year_pick")
        .properties(title=title, width=420, height=220)
    )
