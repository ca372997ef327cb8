"""The evaluation report's coverage chart: indicator × year, how each stands in the default
construction of the index (entered, its category too thin, unclear and left out, a figure not
scored, no figure), so a reader sees the basket change from year to year; and the names of what
entered, year by year."""

from __future__ import annotations

import altair as alt
import pandas as pd

from planwatch.assess import composite
from planwatch.assess.progress import vocab
from planwatch.present import palette
from planwatch.present.charts import _config, _records
from planwatch.present.voice import Voice
from planwatch.present.words import t

COLORS = palette.entry_colors()  # data: vocab/assess.yml (tested for contrast and CVD)


def entries_frame(ds) -> pd.DataFrame:
    """indicator, category, year, entry: the default construction's use of each figure."""
    years = sorted(int(y) for y in ds.composite["year"].unique())
    g = composite.Grid.from_tables(ds.composite_scores, ds.indicators, years)
    e = composite.entries(g)
    if len(e) == 0:
        return e
    scores = ds.composite_scores
    shown = set(zip(scores["indicator"], scores["year"].astype(int), strict=True))
    not_scored = [
        k == "no_figure" and (n, int(y)) in shown
        for k, n, y in zip(e["entry"], e["indicator"], e["year"], strict=True)
    ]
    return e.assign(entry=e["entry"].where(~pd.Series(not_scored, index=e.index), "not_scored"))


def entries_chart(ds, lang: str, e: pd.DataFrame | None = None) -> alt.LayerChart:
    """``e``: ``entries_frame(ds)`` when the caller has it already."""
    voice = Voice(ds, lang)
    e = entries_frame(ds) if e is None else e
    spec = vocab()["composite"]["entries"]
    labels = {k: voice.t(f"entry.{k}") for k in spec}
    e = e.assign(
        name=[voice.indicator(n) for n in e["indicator"]],
        entry_label=[labels[k] for k in e["entry"]],
        symbol=[spec[k]["symbol"] for k in e["entry"]],
    )
    e = e.assign(
        sentence=[
            f"{n} {y}: {w}" for n, y, w in zip(e["name"], e["year"], e["entry_label"], strict=True)
        ]
    )
    order = list(dict.fromkeys(e["name"]))
    base = alt.Chart(alt.Data(values=_records(e))).encode(
        x=alt.X("year:O", title=t("year", lang)),
        y=alt.Y("name:N", sort=order, title=None),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
        color=alt.Color(
            "entry_label:N",
            title=t("entry", lang),
            scale=alt.Scale(domain=list(labels.values()), range=[COLORS[k] for k in labels]),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
        ),
        description=alt.Description("sentence:N"),
        tooltip=[
            alt.Tooltip("name:N", title=t("indicator", lang)),
            alt.Tooltip("year:O", title=t("year", lang)),
            alt.Tooltip("entry_label:N", title=t("entry", lang)),
        ],
    )
    text = base.mark_text(fontSize=11, aria=False).encode(  # the symbol: never colour alone
        text="symbol:N",
        color=alt.Color(
            "entry:N",
            legend=None,
            scale=alt.Scale(domain=list(spec), range=[palette.text_on(COLORS[k]) for k in spec]),
        ),
    )
    return _config(
        (cells + text)
        .resolve_scale(color="independent")
        .properties(title=t("entries_title", lang), width=alt.Step(40), height=alt.Step(18))
    )


def entered_names(ds, lang: str, e: pd.DataFrame | None = None) -> list[str]:
    """One sentence per year naming the indicators that entered the index."""
    voice = Voice(ds, lang)
    e = entries_frame(ds) if e is None else e
    out = []
    for year, g in e.groupby("year", sort=True):
        names = [voice.indicator(n) for n in g.loc[g["entry"] == "entered", "indicator"]]
        out.append(
            voice.t("entered_names", year=int(year), n=len(names), names=voice.join(names))
            if names
            else voice.t("entered_none", year=int(year))
        )
    return out
