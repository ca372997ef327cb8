"""What a report or the explorer shows as evidence, in one voice: the figures chosen, the
observation table with flags and sources, one sentence per progress row with a footnote mark to
its source, the numbered source list, and the headings that name the plan and its method."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup, escape

from planwatch.present import words
from planwatch.present.html import Fragment, link, table, tag
from planwatch.present.voice import is_true


def chosen_figures(ds, used: pd.DataFrame) -> pd.DataFrame:
    """The chosen audit rows (with their sources and quotes) of the figures ``used`` names by
    indicator, region and year: what a report's footnotes and source list point to."""
    audit = ds.observations_audit
    keys = pd.MultiIndex.from_frame(used[["indicator", "region", "year"]].astype(object))
    here = pd.MultiIndex.from_frame(audit[["indicator", "region", "year"]].astype(object))
    return audit[here.isin(keys) & audit["chosen"].to_numpy()]


def source_index(rows: pd.DataFrame) -> dict[str, int]:
    """The number of each source of ``rows`` in the report's source list (1, 2 …, by URL): the
    one numbering footnote marks and the list share."""
    urls = sorted(set(rows["source_url"]) - {""})
    return {u: n for n, u in enumerate(urls, start=1)}


def footnote(url: str, index: dict[str, int]) -> Markup:
    """A mark after a sentence that jumps to its source in the list (works offline)."""
    n = index.get(url)
    if n is None:
        return Markup("")
    return tag("sup", tag("a", f"[{n}]", href=f"#src-{n}"), class_="pw-fn")


def plain_row(row: pd.Series) -> dict:
    """A frame row as a dict, missing values as None."""
    return {k: (None if (not isinstance(v, str) and pd.isna(v)) else v) for k, v in row.items()}


def sentences(voice, indicators: list[str], index: dict[str, int] | None = None) -> list:
    """One sentence per indicator and target year; with ``index``, a footnote mark to the source
    of the figure it quotes."""
    p = voice.ds.progress
    out = []
    for name in indicators:
        for _, row in p[p["indicator"] == name].sort_values("target_year").iterrows():
            text = voice.progress_sentence(plain_row(row))
            out.append(escape(text) + footnote(row["source_url"], index or {}))
    return out


def conflicts(voice, indicator: str) -> list[str]:
    """Where the plan's text and its own table disagree on this indicator's target, in words
    (the same note wherever the indicator is scored or charted)."""
    c = voice.ds.consistency
    mine = c[(c["indicator"] == indicator) & c["disagrees"].astype(bool)] if len(c) else c
    return [
        voice.t(
            "prose_conflict",
            prose=voice.fmt(r["prose_value"], r["prose_unit"]),
            table=voice.fmt(r["table_value"], r["table_unit"]),
            year=int(r["year"]),
        )
        for _, r in mine.sort_values("year").iterrows()
    ]


def flags_text(row, voice) -> str:
    """Every flag of a listed figure in words: source kind, comparability, kind of value (with
    its period), vintage, year basis."""
    parts = [voice.flag("source_kind", row["source_kind"])]
    if row["comparable"] != "yes":
        parts.append(voice.flag("comparable", row["comparable"]))
    if row["value_kind"] != "exact":
        kind = voice.flag("value_kind", row["value_kind"])
        period = row.get("period") or ""
        parts.append(kind + (f" ({voice.when(row['year'], period)})" if period else ""))
    if row.get("vintage"):
        parts.append(voice.flag("vintage", row["vintage"]))
    if row.get("year_basis") == "inferred":
        parts.append(voice.t("year_inferred"))
    return voice.t("list_sep").join(parts)


def observation_table(rows: pd.DataFrame, voice, series_name=None) -> Markup:
    """Published figures with flags, the chosen mark and the source link; ``series_name``
    (a function) adds a first column naming the series."""
    body = [
        ([series_name(r["indicator"])] if series_name else [])
        + [
            int(r["year"]),
            voice.fmt(r["value"], r["unit"]),
            flags_text(r, voice),
            "✓" if r["chosen"] else "",
            link(r["source_url"], r["source_title"] or r["source_url"]),
        ]
        for _, r in rows.iterrows()
    ]
    headers = ([voice.t("series")] if series_name else []) + [
        voice.t(k) for k in ("year", "value", "flags", "chosen", "source")
    ]
    return table(headers, body)


def sources_list(voice, rows: pd.DataFrame) -> Fragment:
    """Plan text plus every source behind ``rows`` (observation rows), each once."""
    plan = voice.ds.plan_row
    items = [
        Markup("")
        + voice.plan_title()
        + f" ({plan['date_issued']})"
        + Markup(" — ")
        + link(plan["source_url"])
    ]
    index = source_index(rows)
    entries = []
    for url, n in index.items():
        group = rows[rows["source_url"] == url]
        first = group.iloc[0]
        quotes = list(dict.fromkeys(q for q in group["quote"] if q))
        body = (
            Markup(f"[{n}] ")
            + (first["source_title"] or url)
            + Markup(" — ")
            + link(url)
            + Markup(" (")
            + voice.flag("source_kind", first["source_kind"])
            + Markup(")")
        )
        if quotes:
            body += Markup(" ") + tag("q", " … ".join(quotes))
        entries.append(tag("li", body, id=f"src-{n}"))
    plan_item = Markup("").join(tag("li", i) for i in items)
    return Fragment(tag("ul", plan_item + Markup("").join(entries)))


def not_official(lang: str) -> Markup:
    """The caveat beside every reconstructed index: not the official evaluation."""
    return tag("p", words.t("not_official", lang), class_="pw-not-official")


def title(text: str, subtitle: str) -> Fragment:
    return Fragment(tag("h1", text) + tag("p", subtitle, class_="pw-subtitle"))


def plan_subtitle(voice, extra: str = "") -> str:
    """``《plan》(first—last year)`` plus an optional tail, from the processed plan table."""
    line = voice.t("plan_subtitle", plan=voice.plan_title(), period=voice.plan_period())
    return line + (f" · {extra}" if extra else "")


def status_cell(row, voice) -> str:
    """A status with its symbol; a provisional verdict says so (†, and in words)."""
    provisional = is_true(row.get("provisional", ""))
    mark = "†" if provisional else ""
    return f"{row['symbol']}{mark} {voice.verdict(row['status'], provisional)}"


def method(voice) -> Fragment:
    """The assessment method as the reports state it (one source: the words catalogue), with
    the plan's own baseline and target years."""
    ds = voice.ds
    years = voice.t("and_join").join(str(y) for y in ds.target_years)
    if ds.has_baseline:
        text = voice.t("method_text", base_year=ds.baseline_year, target_years=years)
    else:
        text = voice.t("method_text_no_baseline", target_years=years)
    return Fragment(tag("p", tag("strong", voice.t("method_label")) + text))
