"""Charts of the plan's own monitoring: the annual check heatmap, the composite index with its
uncertainty band, the sub-indices and each indicator's contribution. Same rules as ``charts``:
an Altair chart from a tidy frame, data inline, every label from the words catalogue."""

from __future__ import annotations

import altair as alt
import pandas as pd

from planwatch.assess import annual, composite
from planwatch.present import palette
from planwatch.present import words as narrative
from planwatch.present.charts import _config, _records, _title
from planwatch.present.voice import Voice
from planwatch.present.words import t

ANNUAL_COLORS = palette.annual_colors()  # data: vocab/assess.yml (tested for contrast and CVD)


def annual_frame(ds, lang: str) -> pd.DataFrame:
    """The annual check as the heatmap draws it: names, status words and ratio text in the
    language; ``flagged`` marks figures with a caveat about the figure itself."""
    voice = Voice(ds, lang)
    a = ds.annual_check
    own = a["caveat_codes"].str.replace(r"path_after_last:\d+;?|path_straight;?", "", regex=True)
    ratios = [
        "" if pd.isna(r) else narrative.fmt_ratio(r, lang) + ("*" if f else "")
        for r, f in zip(a["ratio_to_path"], own.str.len() > 0, strict=True)
    ]
    symbols = annual.settings()["statuses"]
    prov = a["provisional"].astype(bool)
    return a.assign(
        name=[voice.indicator(n) for n in a["indicator"]],
        status_label=[narrative.t(f"annual.{s}", lang) for s in a["status"]],
        status_text=[
            voice.verdict(s, f, annual=True) for s, f in zip(a["status"], prov, strict=True)
        ],
        provisional_word=[voice.t("yes" if f else "no") for f in prov],
        ratio_text=ratios,
        flagged=own.str.len() > 0,
        cell_text=[  # the status symbol with the ratio: never colour alone; † provisional
            f"{symbols[st]['symbol']}{'†' if f else ''} {r}".strip()
            for st, r, f in zip(a["status"], ratios, prov, strict=True)
        ],
        caveat_text=[narrative.caveat_text(c, lang) for c in a["caveat_codes"]],
        observed_text=[
            voice.fmt(None if pd.isna(v) else v, u)
            for v, u in zip(a["observed_value"], a["unit"], strict=True)
        ],
        path_text=[
            voice.fmt(v, u, approx=True) for v, u in zip(a["path_value"], a["unit"], strict=True)
        ],
    ).pipe(_with_sentence)


def _with_sentence(df: pd.DataFrame) -> pd.DataFrame:
    """What a screen reader says of a cell: the indicator, the year, the status, the ratio."""
    return df.assign(
        sentence=[
            f"{n} {y}: {s}" + (f", {r}" if r else "")
            for n, y, s, r in zip(
                df["name"], df["year"], df["status_text"], df["ratio_text"], strict=True
            )
        ]
    )


def annual_heatmap(ds, lang: str, year: int | None = None) -> alt.LayerChart:
    """Indicator × year, coloured by status, the ratio to the path as text (``*`` marks a
    flagged figure); ``year`` is outlined."""
    df = annual_frame(ds, lang)
    df = df.assign(here=df["year"] == (year or -1))
    order = list(dict.fromkeys(df["name"]))
    statuses = list(ANNUAL_COLORS)
    labels = [narrative.t(f"annual.{s}", lang) for s in statuses]
    base = alt.Chart(alt.Data(values=_records(df))).encode(
        x=alt.X("year:O", title=t("year", lang)),
        y=alt.Y("name:N", sort=order, title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "status_label:N",
            title=t("status", lang),
            scale=alt.Scale(domain=labels, range=[ANNUAL_COLORS[s] for s in statuses]),
        ),
        stroke=alt.condition("datum.here", alt.value("#000"), alt.value(None)),
        strokeWidth=alt.condition("datum.here", alt.value(2), alt.value(0)),
        description=alt.Description("sentence:N"),
        tooltip=[
            alt.Tooltip("name:N", title=t("indicator", lang)),
            alt.Tooltip("year:O", title=t("year", lang)),
            alt.Tooltip("path_text:N", title=t("path", lang)),
            alt.Tooltip("observed_text:N", title=t("observed", lang)),
            alt.Tooltip("ratio_text:N", title=t("ratio_to_path", lang)),
            alt.Tooltip("status_label:N", title=t("status", lang)),
            alt.Tooltip("provisional_word:N", title=t("provisional_column", lang)),
            alt.Tooltip("caveat_text:N", title=t("caveat", lang)),
        ],
    )
    text = base.mark_text(fontSize=10, aria=False).encode(  # the cell says it (description)
        text="cell_text:N",  # the status symbol with the ratio: never colour alone
        color=alt.Color(
            "status:N",
            legend=None,
            scale=alt.Scale(
                domain=statuses, range=[palette.text_on(ANNUAL_COLORS[s]) for s in statuses]
            ),
        ),
    )
    return _config(  # two colour scales: the cell's status, and the text legible on it
        (cells + text)
        .resolve_scale(color="independent")
        .properties(
            title=_title(t("annual_heatmap_title", lang), bool(df["provisional"].any()), lang),
            width=alt.Step(48),
            height=alt.Step(18),
        )
    )


def index_frame(ds, lang: str) -> pd.DataFrame:
    voice = Voice(ds, lang)
    c = ds.composite
    return c.assign(
        component_label=[
            t("overall_index", lang) if x == composite.OVERALL else voice.name("category", x)
            for x in c["component"]
        ]
    )


def index_chart(ds, lang: str, mine: pd.DataFrame | None = None) -> alt.LayerChart:
    """The overall index by year: the Monte Carlo's 5–95 % band, its median, and the default
    construction's score (points; none where coverage is too thin). ``mine``: another
    construction's overall rows (year, score), drawn as an orange line (the explorer's panel)."""
    df = index_frame(ds, lang)
    df = df[df["component"] == composite.OVERALL]
    base = alt.Chart(alt.Data(values=_records(df))).encode(x=alt.X("year:O", title=t("year", lang)))
    y_title = t("index_points", lang)
    band = base.mark_area(opacity=0.25, color="#4c78a8").encode(
        y=alt.Y("lower:Q", title=y_title), y2="upper:Q"
    )
    median = base.mark_line(color="#4c78a8", strokeDash=[4, 3]).encode(y="median:Q")
    points = base.mark_point(filled=True, size=70, color="#1f3b5c").encode(
        y="score:Q",
        tooltip=[
            alt.Tooltip("year:O", title=t("year", lang)),
            alt.Tooltip("score:Q", title=t("index_default", lang), format=".1f"),
            alt.Tooltip("median:Q", title=t("index_median", lang), format=".1f"),
            alt.Tooltip("lower:Q", title=t("index_lower", lang), format=".1f"),
            alt.Tooltip("upper:Q", title=t("index_upper", lang), format=".1f"),
            alt.Tooltip("indicators_scored:Q", title=t("indicators_scored", lang)),
        ],
    )
    target = (
        alt.Chart(alt.Data(values=[{}]))  # the final target's line, not data (no table row)
        .mark_rule(color="#555", strokeDash=[2, 2], aria=False)  # 100 is on the axis
        .encode(y=alt.datum(100, type="quantitative"))
    )
    # no band or median where the uncertainty analysis gave none (an empty layer draws nothing,
    # and Vega warns of an infinite extent for it)
    uncertain = [band, median] if df["lower"].notna().any() else []
    scored = [points] if df["score"].notna().any() else []
    layers = alt.layer(*uncertain, *scored, target)
    if mine is not None and mine["score"].notna().any():
        yours = (
            alt.Chart(alt.Data(values=_records(mine[["year", "score"]].dropna())))
            .mark_line(point=True, color="#e6550d")
            .encode(
                x="year:O",
                y="score:Q",
                tooltip=[
                    alt.Tooltip("year:O", title=t("year", lang)),
                    alt.Tooltip("score:Q", title=t("ex_index_yours", lang), format=".1f"),
                ],
            )
        )
        layers = layers + yours
    return _config(layers.properties(title=t("index_chart_title", lang), width=420, height=220))


def subindex_chart(ds, lang: str, category: str | None = None) -> alt.Chart:
    """Each category's sub-index by year (default construction); ``category`` alone if given."""
    df = index_frame(ds, lang)
    df = df[df["component"] != composite.OVERALL].dropna(subset=["score"])
    if category:
        df = df[df["component"] == category]
    voice = Voice(ds, lang)
    order = [voice.name("category", c) for c in dict.fromkeys(ds.indicators["category"])]
    colors, shapes = palette.categorical(len(order))
    return _config(
        alt.Chart(alt.Data(values=_records(df)))
        .mark_line(point={"filled": True, "size": 60})
        .encode(
            x=alt.X("year:O", title=t("year", lang)),
            y=alt.Y("score:Q", title=t("index_points", lang)),
            color=alt.Color(
                "component_label:N",
                title=t("category", lang),
                scale=alt.Scale(domain=order, range=colors),
            ),
            shape=alt.Shape(
                "component_label:N",
                title=t("category", lang),
                scale=alt.Scale(domain=order, range=shapes),
            ),
            tooltip=[
                alt.Tooltip("component_label:N", title=t("category", lang)),
                alt.Tooltip("year:O", title=t("year", lang)),
                alt.Tooltip("score:Q", title=t("index_default", lang), format=".1f"),
                alt.Tooltip("indicators_scored:Q", title=t("indicators_scored", lang)),
            ],
        )
        .properties(title=t("subindex_chart_title", lang), width=420, height=200)
    )


def contributions_chart(ds, contrib: pd.DataFrame, lang: str) -> alt.Chart:
    """Points each indicator adds to the overall index in one year (``evaluation.contributions``)."""
    voice = Voice(ds, lang)
    df = contrib.assign(name=[voice.indicator(n) for n in contrib["indicator"]])
    return _config(
        alt.Chart(alt.Data(values=_records(df)))
        .mark_bar()
        .encode(
            x=alt.X("points:Q", title=t("contribution_points", lang)),
            y=alt.Y("name:N", sort="-x", title=None),
            tooltip=[
                alt.Tooltip("name:N", title=t("indicator", lang)),
                alt.Tooltip("score:Q", title=t("indicator_score", lang), format=".1f"),
                alt.Tooltip("points:Q", title=t("contribution_points", lang), format=".1f"),
            ],
        )
        .properties(title=t("contributions_title", lang), width=360, height=alt.Step(18))
    )
