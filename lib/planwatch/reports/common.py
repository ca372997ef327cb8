"""Pieces shared by the report notebooks: parameter validation, names, sources, sentences."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup, escape

from planwatch.present import words
from planwatch.present.html import Fragment, link, table, tag
from planwatch.present.words import t


class ParameterError(ValueError):
    """A report parameter names nothing in the data; the message lists the valid values."""


def check_lang(lang: str) -> str:
    if lang not in words.LANGS:
        raise ParameterError(f"unknown lang {lang!r}; valid values: {', '.join(words.LANGS)}")
    return lang


def valid_categories(ds) -> list[str]:
    return list(dict.fromkeys(ds.indicators.sort_values("order")["category"]))


def resolve_category(ds, value: str) -> str:
    for _, r in ds.indicators.drop_duplicates("category").iterrows():
        if str(value) in (r["category"], r["category_id"], r["category_en"]):
            return r["category"]
    raise ParameterError(
        f"unknown category {value!r}; valid values: {', '.join(valid_categories(ds))}"
    )


def valid_cities(ds) -> list[str]:
    return list(ds.cities["city"])


def resolve_city(ds, value: str) -> str:
    for _, r in ds.cities.iterrows():
        if (
            str(value).strip() in (r["city"], r["full_name"])
            or str(value).strip().lower() == r["city_en"].lower()
        ):
            return r["city"]
    raise ParameterError(f"unknown city {value!r}; valid values: {', '.join(valid_cities(ds))}")


def valid_actions(ds) -> list[str]:
    return [str(int(n)) for n in ds.actions["action_no"]]


def resolve_action(ds, value) -> int:
    text = str(value).strip().strip("()（）")
    for _, a in ds.actions.iterrows():
        n = int(a["action_no"])
        if text in (str(n), a["numeral"], a["action"]) or text.lower() == a["action_en"].lower():
            return n
    valid = ", ".join(f"{int(a['action_no'])} ({a['action']})" for _, a in ds.actions.iterrows())
    raise ParameterError(f"unknown action {value!r}; valid values: {valid}")


def valid_years(ds) -> list[str]:
    """Years of the check that have at least one figure (one report each)."""
    a = ds.annual_check
    return [str(y) for y in sorted(set(a.loc[a["status"] != "no_data", "year"]))]


def resolve_year(ds, value) -> str:
    valid = valid_years(ds)
    text = str(value).strip().removesuffix("年")
    if text not in valid:
        raise ParameterError(f"unknown year {value!r}; valid values: {', '.join(valid)}")
    return text


def progress_with_units(ds) -> pd.DataFrame:
    units = ds.indicators.drop_duplicates("indicator").set_index("indicator")["unit"]
    return ds.progress.assign(unit=ds.progress["indicator"].map(units))


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


def sentences(ds, indicators: list[str], lang: str, index: dict[str, int] | None = None) -> list:
    """One sentence per indicator and target year; with ``index``, a footnote mark to the source
    of the figure it quotes."""
    p = progress_with_units(ds)
    out = []
    for name in indicators:
        for _, row in p[p["indicator"] == name].sort_values("target_year").iterrows():
            text = words.progress_sentence(_plain(row), lang, ds.baseline_year)
            out.append(escape(text) + footnote(row["source_url"], index or {}))
    return out


def _plain(row: pd.Series) -> dict:
    return {k: (None if (not isinstance(v, str) and pd.isna(v)) else v) for k, v in row.items()}


def flags_text(row, lang: str) -> str:
    """Every flag of a listed figure in words: source kind, comparability, kind of value (with
    its period), vintage, year basis."""
    parts = [words.flag_word("source_kind", row["source_kind"], lang)]
    if row["comparable"] != "yes":
        parts.append(words.flag_word("comparable", row["comparable"], lang))
    if row["value_kind"] != "exact":
        kind = words.flag_word("value_kind", row["value_kind"], lang)
        period = row.get("period") or ""
        parts.append(kind + (f" ({words.when(row['year'], period, lang)})" if period else ""))
    if row.get("vintage"):
        parts.append(words.flag_word("vintage", row["vintage"], lang))
    if row.get("year_basis") == "inferred":
        parts.append(t("year_inferred", lang))
    return t("list_sep", lang).join(parts)


def observation_table(rows: pd.DataFrame, lang: str, series_name=None) -> Markup:
    """Published figures with flags, the chosen mark and the source link; ``series_name``
    (a function) adds a first column naming the series."""
    body = [
        ([series_name(r["indicator"])] if series_name else [])
        + [
            int(r["year"]),
            fmt(r["value"], r["unit"], lang),
            flags_text(r, lang),
            "✓" if r["chosen"] else "",
            link(r["source_url"], r["source_title"] or r["source_url"]),
        ]
        for _, r in rows.iterrows()
    ]
    headers = ([t("series", lang)] if series_name else []) + [
        t("year", lang),
        t("value", lang),
        t("flags", lang),
        t("chosen", lang),
        t("source", lang),
    ]
    return table(headers, body)


def sources_list(ds, rows: pd.DataFrame, lang: str) -> Fragment:
    """Plan text plus every source behind ``rows`` (observation rows), each once."""
    plan = ds.plan_row
    items = [
        Markup("")
        + words.plan_title(ds, lang)
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
            + words.flag_word("source_kind", first["source_kind"], lang)
            + Markup(")")
        )
        if quotes:
            body += Markup(" ") + tag("q", " … ".join(quotes))
        entries.append(tag("li", body, id=f"src-{n}"))
    plan_item = Markup("").join(tag("li", i) for i in items)
    return Fragment(tag("ul", plan_item + Markup("").join(entries)))


def title(text: str, subtitle: str) -> Fragment:
    return Fragment(tag("h1", text) + tag("p", subtitle, class_="pw-subtitle"))


def plan_subtitle(ds, lang: str, extra: str = "") -> str:
    """``《plan》(first—last year)`` plus an optional tail, from the processed plan table."""
    return t(
        "plan_subtitle", lang, plan=words.plan_title(ds, lang), period=words.plan_period(ds, lang)
    ) + (f" · {extra}" if extra else "")


def unit_label(unit: str, lang: str) -> str:
    return words.name("unit", unit, lang)


def status_cell(row, lang: str) -> str:
    return f"{row['symbol']} {words.status_label(row['status'], lang)}"


def fmt(value, unit, lang, approx: bool = False):
    return words.fmt_value(None if pd.isna(value) else value, unit, lang, approx)


def method(ds, lang: str) -> Fragment:
    """The assessment method as the reports state it (one source: the words catalogue), with
    the plan's own baseline and target years."""
    years = ds.target_years
    return Fragment(
        tag(
            "p",
            tag("strong", t("method_label", lang))
            + words.t(
                "method_text",
                lang,
                base_year=ds.baseline_year,
                target_years=words.t("and_join", lang).join(str(y) for y in years),
            ),
        )
    )
