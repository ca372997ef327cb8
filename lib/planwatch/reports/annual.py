"""The annual implementation check report (年度实施情况检查): for one year, what the plan's path
asked for, what was observed, what moved since the previous year, and the gaps.
``notebooks/annual_check.ipynb`` calls these."""

from __future__ import annotations

import pandas as pd
from markupsafe import escape

from planwatch.present import charts_evaluation as charts
from planwatch.present.evidence import (
    chosen_figures,
    conflicts,
    footnote,
    plan_subtitle,
    source_index,
    sources_list,
    title,
)
from planwatch.present.html import ChartOutput, Fragment, p, table, tag, ul
from planwatch.present.words import t
from planwatch.reports.base import Report
from planwatch.reports.params import resolve_year

SEEN = ("ahead", "near", "behind", "insufficient_evidence", "not_comparable")


class AnnualReport(Report):
    def __init__(self, year: int, lang: str = "zh", ds=None):
        super().__init__(lang, ds)
        self.year = int(resolve_year(self.ds, year))
        a = self.ds.annual_check
        self.rows = a[a["year"] == self.year]
        self.previous = a[a["year"] == self.year - 1]

    def title(self) -> Fragment:
        return title(
            self.voice.t("annual_report_title", year=self.year),
            plan_subtitle(self.voice, self.voice.t("annual_reconstruction")),
        )

    def _name(self, indicator: str) -> str:
        return self.voice.indicator(indicator)

    def summary(self) -> Fragment:
        lang = self.lang
        counts = self.rows["status"].value_counts()
        prov = self.rows[self.rows["provisional"].astype(bool)]["status"].value_counts()
        seen = [  # provisional verdicts counted apart
            f"{self.voice.t(f'annual.{s}')} {int(counts[s])}"
            + (f" ({self.voice.t('provisional_count', n=int(prov[s]))})" if s in prov else "")
            for s in SEEN
            if s in counts
        ]
        n_fig = int(sum(counts.get(s, 0) for s in SEEN))
        items = [
            self.voice.t(
                "annual_counts",
                year=self.year,
                n=len(self.rows),
                have=n_fig,
                none=int(counts.get("no_data", 0)),
                parts=self.voice.join(seen) or t("none", lang),
            )
        ]
        return Fragment(ul(items))

    def _audit_rows(self) -> pd.DataFrame:
        return chosen_figures(self.ds, self.rows[self.rows["status"] != "no_data"])

    def path_table(self) -> Fragment:
        index = source_index(self._audit_rows())
        body = []
        for r in self.rows.itertuples():
            observed = (
                self.voice.fmt(r.observed_value, r.unit)
                if not pd.isna(r.observed_value)
                else self.voice.t("no_observation")
            )
            if r.observed_period:
                observed += f" ({self.voice.when(r.year, r.observed_period)})"
            body.append(
                [
                    self._name(r.indicator),
                    self.voice.fmt(r.path_value, r.unit, approx=True),
                    escape(observed) + footnote(r.source_url, index),
                    "" if pd.isna(r.ratio_to_path) else self.voice.ratio(r.ratio_to_path),
                    f"{r.symbol}{'†' if r.provisional else ''} "
                    + self.voice.verdict(r.status, r.provisional, annual=True),
                    " ".join(
                        filter(
                            None,
                            [
                                self.voice.caveat(r.caveat_codes),
                                *conflicts(self.voice, r.indicator),
                            ],
                        )
                    ),
                ]
            )
        headers = [
            self.voice.t("indicator"),
            self.voice.t("path_value_year", year=self.year),
            self.voice.t("observed_figure"),
            self.voice.t("ratio_to_path"),
            self.voice.t("status"),
            self.voice.t("caveat"),
        ]
        return Fragment(table(headers, body))

    def heatmap(self) -> ChartOutput:
        return ChartOutput(charts.annual_heatmap(self.ds, self.lang, self.year))

    def moved(self) -> Fragment:
        """Indicators whose status or figure changed since the previous year."""
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
                self.voice.t(
                    "annual_moved",
                    name=self._name(r.indicator),
                    prev=self.year - 1,
                    year=self.year,
                    was=self.voice.verdict(b["status"], b["provisional"], annual=True),
                    now=self.voice.verdict(r.status, r.provisional, annual=True),
                    was_ratio=self.voice.ratio(
                        None if pd.isna(b["ratio_to_path"]) else b["ratio_to_path"]
                    ),
                    now_ratio=self.voice.ratio(
                        None if pd.isna(r.ratio_to_path) else r.ratio_to_path
                    ),
                )
            )
        if self.previous.empty:
            return Fragment(p(self.voice.t("annual_first_year", year=self.year)))
        return Fragment(
            ul(items) if items else p(self.voice.t("annual_nothing_moved", prev=self.year - 1))
        )

    def gaps(self) -> Fragment:
        missing = self.rows[self.rows["status"] == "no_data"]
        other = self.rows[self.rows["status"] == "not_comparable"]
        out = p(
            self.voice.t("annual_gaps", year=self.year, n=len(missing))
            + self.voice.join([self._name(n) for n in missing["indicator"]])
        )
        if len(other):
            out += p(
                self.voice.t("annual_other_definition", n=len(other))
                + self.voice.join([self._name(n) for n in other["indicator"]])
            )
        return Fragment(out)

    def method(self) -> Fragment:
        return Fragment(
            tag(
                "p",
                tag("strong", self.voice.t("method_label"))
                + self.voice.t("annual_method", base_year=self.ds.baseline_year),
            )
        )

    def sources(self) -> Fragment:
        return sources_list(self.voice, self._audit_rows())
