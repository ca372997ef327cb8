"""The explorer's what-if panel: an assumed annual growth rate applied from the latest
comparable full-year figure before each target year. Its default is the observed rate of the
current selection, and the lead says which two figures it comes from. A target year that
already has its figure shows the reports' verdict (the progress table, the same assessment
code), not a projection; with no figure there is nothing to project from, and it says so. The
plan's targets are the province's: in a city view the panel says so and works on the
province's figures."""

from __future__ import annotations

import pandas as pd

from planwatch.assess import whatif
from planwatch.assess.progress import bound_mask
from planwatch.present.evidence import status_cell
from planwatch.present.html import p, table
from planwatch.present.voice import Voice


def inputs(ds, indicator: str):
    """(baseline, base year, {year: full-year comparable value}, targets, direction) for the
    region the targets apply to, or None without a baseline."""
    ind = ds.indicators[ds.indicators["indicator"] == indicator].sort_values("year")
    bases = ind[ind["is_baseline"]]
    if bases.empty or pd.isna(bases["value"].iloc[0]):  # a table of targets only: no baseline
        return None
    base = bases.iloc[0]
    a = ds.observations_audit
    obs = a[
        (a["indicator"] == indicator)
        & (a["region"] == ds.region)
        & a["chosen"]
        & (a["comparable"] != "no")
        & ~bound_mask(a)
        & (a["year"] > base["year"])
    ]
    targets = [
        (int(r["year"]), float(r["value"]), r["comparator"])
        for _, r in ind[~ind["is_baseline"] & (ind["period"] == "")].iterrows()
        if not pd.isna(r["value"])
    ]
    d = int(ds.progress[ds.progress["indicator"] == indicator]["direction"].iloc[0])
    values = {int(r["year"]): float(r["value"]) for _, r in obs.iterrows()}
    return float(base["value"]), int(base["year"]), values, targets, d


def observed(inp) -> tuple[float, int] | None:
    """(rate, year of the figure it runs to): baseline to the latest comparable full-year figure
    up to the last target year (or the latest at all)."""
    if not inp or not inp[2]:
        return None
    y0, t0, values, targets, _d = inp
    last_target = max(T for T, _x, _c in targets)
    usable = [y for y in values if y <= last_target] or list(values)
    year = max(usable)
    return whatif.observed_rate(y0, t0, values[year], year), year


def rate_note(voice, inp: tuple, obs: tuple, unit: str) -> str:
    """The sentence naming the observed rate and the two figures it runs between."""
    y0, t0, values, _targets, _d = inp
    rate, year = obs
    return voice.t(
        "whatif_rate_from",
        rate=f"{rate * 100:.1f}",
        base_year=t0,
        base=voice.fmt(y0, unit),
        year=year,
        value=voice.fmt(values[year], unit),
    )


def panel_html(ds, indicator: str, region: str, rate_percent: float, lang: str) -> str:
    voice = Voice(ds, lang)
    rate_percent = float(rate_percent) + 0.0  # a slider at -0.0 reads 0.0, not "-0.0%"
    inp = inputs(ds, indicator)
    notes = []
    if region != ds.region:
        notes.append(voice.t("whatif_targets_are", region=voice.region(ds.region)))
    if inp is None:
        return "".join(str(p(x)) for x in [*notes, voice.t("whatif_no_baseline")])
    y0, t0, values, targets, d = inp
    obs = observed(inp)
    unit = ds.unit_of(indicator)
    if obs is None:
        notes.append(voice.t("whatif_no_figure"))
        return "".join(str(p(x)) for x in notes)
    rate, year = obs
    notes.append(rate_note(voice, inp, obs, unit))
    if round(rate * 100, 1) != round(rate_percent, 1):
        notes.append(voice.t("whatif_assumed", rate=f"{rate_percent:.1f}"))
    prog = ds.progress[ds.progress["indicator"] == indicator].set_index("target_year")
    body = []
    for r in whatif.whatif(y0, t0, values, rate_percent / 100, targets, d):
        target = voice.cmp(r.comparator) + voice.fmt(r.target, unit)
        row = prog.loc[r.target_year] if r.target_year in prog.index else None
        if (
            row is not None
            and row["status"] in ("met", "missed")
            and row["observed_year"] == r.target_year
        ):
            body.append(
                [
                    r.target_year,
                    target,
                    "—",
                    voice.t("whatif_observed_verdict"),
                    status_cell(row, voice),
                    voice.ratio(r.required_from_baseline),
                    "—",
                    voice.fmt(row["observed_value"], unit),
                ]
            )
            continue
        body.append(
            [
                r.target_year,
                target,
                f"{voice.fmt(r.start_value, unit)} ({r.start_year})",
                voice.fmt(r.projected, unit, approx=True),
                voice.t("whatif_would", status=voice.status(r.status)),
                voice.ratio(r.required_from_baseline),
                voice.ratio(r.required_from_start),
                "—",
            ]
        )
    headers = [
        voice.t("year"),
        voice.t("target"),
        voice.t("whatif_start"),
        voice.t("projection"),
        voice.t("status"),
        voice.t("whatif_required_base", year=t0),
        voice.t("whatif_required_start"),
        voice.t("observed_figure"),
    ]
    return "".join(str(p(x)) for x in notes) + str(table(headers, body))
