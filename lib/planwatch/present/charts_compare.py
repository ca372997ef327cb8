"""The explorer's compare views: two indicators, or two regions, on one indexed scale (first
common year = 100). Same rules as ``charts``: an Altair chart from a tidy frame, data inline,
every label from the words catalogue."""

from __future__ import annotations

import altair as alt
import pandas as pd

from planwatch.assess.progress import bound_mask
from planwatch.present import words as narrative
from planwatch.present.charts import _config
from planwatch.present.voice import Voice
from planwatch.present.words import t


def compare_series(
    ds,
    series: list[tuple[str, str]],
    lang: str,
    years: tuple[int, int] | None = None,
    show_flagged: bool = True,
) -> tuple[list[dict], int | None, list[str]]:
    """(index points, base year, notes) for an indexed comparison. Only full-year comparable
    figures are indexed (with ``show_flagged`` off, confirmed definitions only), on the earliest
    year every series has one (the plan's baseline counts for the province); lower bounds and
    part-year figures are named in the notes, not indexed; with no common year nothing is
    indexed and the notes say so."""
    voice = Voice(ds, lang)
    frames, notes = [], []
    ok_flags = ("yes", "unclear") if show_flagged else ("yes",)
    for indicator, region in series:
        a = ds.observations_audit
        rows = a[(a["indicator"] == indicator) & (a["region"] == region) & a["chosen"]]
        if years:
            rows = rows[(rows["year"] >= years[0]) & (rows["year"] <= years[1])]
        label = f"{voice.series(indicator)} · {voice.region(region)}"
        full = rows[rows["comparable"].isin(ok_flags) & ~bound_mask(rows)]
        left = rows[rows["comparable"].isin(ok_flags) & bound_mask(rows)]
        for _, r in left.iterrows():
            kind = narrative.flag_word("value_kind", r["value_kind"], lang)
            notes.append(
                t("compare_not_indexed", lang, series=label, year=int(r["year"]), kind=kind)
            )
        pts = {int(r["year"]): float(r["value"]) for _, r in full.iterrows()}
        if region == ds.region:
            base = ds.indicators[
                (ds.indicators["indicator"] == indicator) & ds.indicators["is_baseline"]
            ]
            y = int(base["year"].iloc[0]) if len(base) else None
            if y is not None and not pd.isna(base["value"].iloc[0]):
                if not years or years[0] <= y <= years[1]:
                    pts.setdefault(y, float(base["value"].iloc[0]))
        frames.append((label, pts))
    common = set.intersection(*(set(p) for _, p in frames)) if frames else set()
    base_year = min(common) if common else None
    if base_year is None:
        notes.insert(0, t("compare_no_common_year", lang))
        return [], None, notes
    values = []
    for label, pts in frames:
        for y, v in sorted(pts.items()):
            if y < base_year or not pts[base_year]:
                continue
            values.append(
                {
                    "series": label,
                    "year": y,
                    "index": round(v / pts[base_year] * 100, 2),
                    "value": v,
                }
            )
    return values, base_year, notes


def compare_indexed(
    ds,
    series: list[tuple[str, str]],
    lang: str,
    years: tuple[int, int] | None = None,
    show_flagged: bool = True,
) -> alt.Chart:
    """Two or more (indicator, region) series on one indexed scale (base year = 100) on a
    linear year axis; see ``compare_series`` for what is indexed."""
    values, base_year, _notes = compare_series(ds, series, lang, years, show_flagged)
    return indexed_chart(values, base_year, lang)


def indexed_chart(values: list[dict], base_year, lang: str) -> alt.Chart:
    """The indexed chart of ``compare_series``'s points (the offline explorer draws its own
    points into this chart, with the base year as a field of the title)."""
    title = (
        t("index_title", lang, year=base_year) if base_year else t("compare_no_common_year", lang)
    )
    return _config(
        alt.Chart(alt.Data(values=values))
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "year:Q",
                title=t("year", lang),
                axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(zero=False, padding=12),
            ),
            y=alt.Y("index:Q", title=title),
            color=alt.Color(
                "series:N",
                title=None,
                # one entry a line: two long series names side by side run past a phone
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
            ),
            tooltip=[
                alt.Tooltip("series:N", title=t("series", lang)),
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("index:Q", title=t("index_word", lang)),
                alt.Tooltip("value:Q", title=t("value", lang)),
            ],
        )
        .properties(title=title, width=420, height=240)
    )
