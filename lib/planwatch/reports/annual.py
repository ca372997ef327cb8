"""The annual implementation check report (年度实施情况检查): for one year, what the plan's path
asked for, what was observed, what moved since the previous year, and the gaps.
``notebooks/annual_check.ipynb`` calls these."""

from __future__ import annotations

import pandas as pd
from markupsafe import escape

from planwatch.present import charts_evaluation as charts
from planwatch.present import words
from planwatch.present.html import ChartOutput, Fragment, p, table, tag, ul
from planwatch.present.words import t
from planwatch.reports.common import (
    check_lang,
    chosen_figures,
    fmt,
    footnote,
    plan_subtitle,
    resolve_year,
    source_index,
    sources_list,
    title,
)
from planwatch.tables import dataset

SEEN = ("ahead", "near", "behind", "insufficient_evidence", "not_comparable")


class AnnualReport:
    def __init__(self, year: int, lang: str = "zh", ds=None):
        self.ds = ds or dataset.load()
        self.lang = check_lang(lang)
        self.year = int(resolve_year(self.ds, year))
        a = self.ds.annual_check
        self.rows = a[a["year"] == self.year]
        self.previous = a[a["year"] == self.year - 1]

    def title(self) -> Fragment:
        return title(
            t("annual_report_title", self.lang, year=self.year),
            plan_subtitle(self.ds, self.lang, t("annual_reconstruction", self.lang)),
        )

    def _name(self, indicator: str) -> str:
        return words.indicator_name(indicator, self.lang)

    def summary(self) -> Fragment:
        lang = self.lang
        counts = self.rows["status"].value_counts()
        seen = [f"{t(f'annual.{s}', lang)} {int(counts[s])}" for s in SEEN if s in counts]
        n_fig = int(sum(counts.get(s, 0) for s in SEEN))
        items = [
            t(
                "annual_counts",
                lang,
                year=self.year,
                n=len(self.rows),
                have=n_fig,
                none=int(counts.get("no_data", 0)),
                parts=words.join(seen, lang) or t("none", lang),
            )
        ]
        return Fragment(ul(items))

    def _audit_rows(self) -> pd.DataFrame:
        return chosen_figures(self.ds, self.rows[self.rows["status"] != "no_data"])

    def path_table(self) -> Fragment:
        lang = self.lang
        index = source_index(self._audit_rows())
        body = []
        for r in self.rows.itertuples():
            observed = (
                fmt(r.observed_value, r.unit, lang)
                if not pd.isna(r.observed_value)
                else t("no_observation", lang)
            )
            if r.observed_period:
                observed += f" ({words.when(r.year, r.observed_period, lang)})"
            body.append(
                [
                    self._name(r.indicator),
                    fmt(r.path_value, r.unit, lang, approx=True),
                    escape(observed) + footnote(r.source_url, index),
                    "" if pd.isna(r.ratio_to_path) else words.fmt_ratio(r.ratio_to_path, lang),
                    f"{r.symbol} {t(f'annual.{r.status}', lang)}",
                    words.caveat_text(r.caveat_codes, lang),
                ]
            )
        headers = [
            t("indicator", lang),
            t("path_value_year", lang, year=self.year),
            t("observed_figure", lang),
            t("ratio_to_path", lang),
            t("status", lang),
            t("caveat", lang),
        ]
        return Fragment(table(headers, body))

    def heatmap(self) -> ChartOutput:
        return ChartOutput(charts.annual_heatmap(self.ds, self.lang, self.year))

    def moved(self) -> Fragment:
        """Indicators whose status or figure changed since the previous year."""
        lang = self.lang
        before = self.previous.set_index("indicator")
        items = []
        for r in self.rows.itertuples():
            if r.indicator not in before.index:
                continue
            b = before.loc[r.indicator]
            if b["status"] == r.status and (
                r.status == "no_data" or b["observed_value"] == r.observed_value
            ):
                continue
            items.append(
                t(
                    "annual_moved",
                    lang,
                    name=self._name(r.indicator),
                    prev=self.year - 1,
                    year=self.year,
                    was=t(f"annual.{b['status']}", lang),
                    now=t(f"annual.{r.status}", lang),
                    was_ratio=words.fmt_ratio(
                        None if pd.isna(b["ratio_to_path"]) else b["ratio_to_path"], lang
                    ),
                    now_ratio=words.fmt_ratio(
                        None if pd.isna(r.ratio_to_path) else r.ratio_to_path, lang
                    ),
                )
            )
        if self.previous.empty:
            return Fragment(p(t("annual_first_year", lang, year=self.year)))
        return Fragment(
            ul(items) if items else p(t("annual_nothing_moved", lang, prev=self.year - 1))
        )

    def gaps(self) -> Fragment:
        lang = self.lang
        missing = self.rows[self.rows["status"] == "no_data"]
        other = self.rows[self.rows["status"] == "not_comparable"]
        out = p(
            t("annual_gaps", lang, year=self.year, n=len(missing))
            + words.join([self._name(n) for n in missing["indicator"]], lang)
        )
        if len(other):
            out += p(
                t("annual_other_definition", lang, n=len(other))
                + words.join([self._name(n) for n in other["indicator"]], lang)
            )
        return Fragment(out)

    def method(self) -> Fragment:
        lang = self.lang
        return Fragment(
            tag(
                "p",
                tag("strong", t("method_label", lang))
                + t("annual_method", lang, base_year=self.ds.baseline_year),
            )
        )

    def sources(self) -> Fragment:
        return sources_list(self.ds, self._audit_rows(), self.lang)
