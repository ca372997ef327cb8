"""The composite evaluation report (综合评价): planwatch's transparent reconstruction of the
annual composite evaluation the plan asks for, never the official index. The index over time
with its interval band, sub-indices, contributions, coverage, sensitivity, the city ranking or
why there is none, and the method. ``notebooks/evaluation.ipynb`` calls these; the category and
city reports reuse ``subindex_rows`` and ``city_rank``."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from planwatch.assess import composite
from planwatch.assess.ranking import against_official, rule
from planwatch.present import charts_entries, words
from planwatch.present import charts_evaluation as charts
from planwatch.present.evidence import (
    chosen_figures,
    not_official,
    plan_subtitle,
    sources_list,
    title,
)
from planwatch.present.html import ChartOutput, Fragment, Outputs, link, p, table, tag, ul
from planwatch.present.voice import Voice
from planwatch.reports.base import Report
from planwatch.tables.evaluation import grid


def _num(x) -> str:
    return "—" if x is None or pd.isna(x) else f"{float(x):.1f}"


def interval(row) -> str:
    return "—" if pd.isna(row["lower"]) else f"{_num(row['lower'])}–{_num(row['upper'])}"


def subindex_rows(ds, lang: str, component: str) -> list[list]:
    """Year, score, median, interval, coverage of one component (a category or overall)."""
    voice = Voice(ds, lang)
    c = ds.composite[ds.composite["component"] == component].sort_values("year")
    rows = []
    for _, r in c.iterrows():
        cover = voice.t(
            "coverage_of", n=int(r["indicators_scored"]), total=int(r["indicators_total"])
        )
        if component == composite.OVERALL:
            cover += voice.t("list_sep") + voice.t(
                "categories_of", n=int(r["categories_scored"]), total=int(r["categories_total"])
            )
        rows.append([int(r["year"]), _num(r["score"]), _num(r["median"]), interval(r), cover])
    return rows


def subindex_headers(lang: str) -> list[str]:
    keys = ("year", "index_default", "index_median", "index_interval", "coverage")
    return [words.t(k, lang) for k in keys]


def city_rank(ds, city: str, lang: str) -> Markup:
    """The city's rank and interval in each ranked year, or why no ranking exists."""
    voice = Voice(ds, lang)
    r = ds.city_ranking
    mine = r[(r["city"] == city)] if len(r) else r
    if len(mine) == 0:
        return p(why_no_ranking(ds, lang))
    items = []
    for _, x in mine.sort_values("year").iterrows():
        if not x["ranked"]:
            items.append(
                voice.t(
                    "city_not_ranked",
                    year=int(x["year"]),
                    missing=voice.join([voice.indicator(n) for n in x["missing"].split(";") if n]),
                )
            )
            continue
        n = int(r[(r["year"] == x["year"]) & r["ranked"]].shape[0])
        items.append(
            voice.t(
                "city_rank_line",
                year=int(x["year"]),
                rank=int(x["rank"]),
                n=n,
                lo=int(x["rank_lower"]),
                hi=int(x["rank_upper"]),
                score=_num(x["score"]),
            )
        )
    return ul(items)


def why_no_ranking(ds, lang: str) -> str:
    voice = Voice(ds, lang)
    cov = ds.ranking_coverage
    need_ind = rule()["min_indicators"]
    head = voice.t("ranking_rule_composite", share=int(rule()["min_share"] * 100), k=need_ind)
    if len(cov) == 0:
        return head + voice.t("no_city_figures")
    best = cov.sort_values(["cities_with_figure", "year"], ascending=[False, True]).head(3)
    best = best[best["cities_with_figure"] > 0]
    if best.empty:
        return head + voice.t("no_city_figures")
    parts = [
        voice.t(
            "ranking_best_covered",
            name=voice.indicator(b["indicator"]),
            year=int(b["year"]),
            n=int(b["cities_with_figure"]),
            total=int(b["cities_total"]),
            need=int(b["cities_needed"]),
        )
        for _, b in best.iterrows()
    ]
    return head + voice.t("no_year_ranked") + voice.join(parts)


def official_result(ds, lang: str) -> Fragment:
    """Each published official order (the official composite evaluation) as published, with its
    source; beside it planwatch's reconstruction of the same year, when there is one, with
    Spearman's rank correlation and where the two disagree."""
    voice = Voice(ds, lang)
    off = ds.official_results
    if len(off) == 0:
        return Fragment(p(voice.t("official_none")))
    parts = []
    for (_, year), g in off.groupby(["series", "year"], sort=True):
        g = g.sort_values("position")
        year = int(year)
        both = against_official(g, ds.city_ranking, year) if len(ds.city_ranking) else None
        ours = {r["region"]: r["ours"] for r in both["rows"]} if both else {}
        headers = [voice.t("official_place"), voice.t("region")]
        if both:
            headers.append(voice.t("reconstruction_place"))
        body = [
            [int(r["position"]), voice.region(r["region"])]
            + ([ours.get(r["region"], "—")] if both else [])
            for _, r in g.iterrows()
        ]
        parts.append(p(voice.t("official_order_intro", year=year)) + table(headers, body))
        sources = g.drop_duplicates("source_url")
        parts.append(
            p(
                voice.t("source")
                + ": "
                + Markup("; ").join(
                    link(r["source_url"], r["source_title"]) for _, r in sources.iterrows()
                )
            )
        )
        if not both:
            parts.append(p(voice.t("official_not_reconstructed", year=year)))
            continue
        line = voice.t("official_vs_ours", n=both["n"], rho=f"{both['rho']:.2f}")
        items = [
            voice.t(
                "official_differ_item",
                region=voice.region(d["region"]),
                official=d["official"],
                ours=d["ours"],
            )
            for d in both["differ"]
        ]
        line += " " + (
            voice.t("official_differ", list=voice.join(items))
            if items
            else voice.t("official_agree")
        )
        parts.append(p(line))
    return Fragment(Markup("").join(parts))


def official_place(ds, city: str, lang: str) -> Fragment:
    """The city's place in each published official order, with planwatch's rank that year."""
    voice = Voice(ds, lang)
    off = ds.official_results
    mine = off[off["region"] == city] if len(off) else off
    if len(mine) == 0:
        return Fragment(p(voice.t("official_city_none")))
    r = ds.city_ranking
    items = []
    for _, x in mine.sort_values("year").iterrows():
        year = int(x["year"])
        n = int(((off["series"] == x["series"]) & (off["year"] == year)).sum())
        line = voice.t("official_city_line", year=year, n=n, position=int(x["position"]))
        ours = (
            r[(r["city"] == city) & (r["year"] == year) & r["ranked"].astype(bool)] if len(r) else r
        )
        line += " " + (
            voice.t("official_city_ours", rank=int(ours["rank"].iloc[0]))
            if len(ours)
            else voice.t("official_city_no_ours")
        )
        items.append(line + " " + link(x["source_url"], x["source_title"]))
    return Fragment(ul(items))


class EvaluationReport(Report):
    def __init__(self, lang: str = "zh", ds=None):
        super().__init__(lang, ds)
        c = self.ds.composite
        self.overall = c[c["component"] == composite.OVERALL].sort_values("year")

    def title(self) -> Fragment:
        lang = self.lang
        return title(self.voice.t("evaluation_title"), plan_subtitle(self.voice)) + Fragment(
            not_official(lang)
        )

    def _latest(self):
        scored = self.overall.dropna(subset=["score"])
        return None if scored.empty else scored.iloc[-1]

    def summary(self) -> Fragment:
        last = self._latest()
        if last is None:
            return Fragment(p(self.voice.t("index_none")) + p(self._thresholds()))
        items = [
            self.voice.t(
                "index_latest",
                year=int(last["year"]),
                score=_num(last["score"]),
                lo=_num(last["lower"]),
                hi=_num(last["upper"]),
                n=int(last["indicators_scored"]),
                total=int(last["indicators_total"]),
                k=int(last["categories_scored"]),
                cats=int(last["categories_total"]),
            )
        ]
        sens = self.ds.composite_sensitivity
        top = sens[
            (sens["component"] == composite.OVERALL)
            & (sens["year"] == last["year"])
            & (sens["rank"] == 1)
        ]
        if len(top):
            items.append(
                self.voice.t(
                    "sensitivity_top",
                    choice=self._choice(top.iloc[0]["choice"]),
                    effect=_num(top.iloc[0]["effect"]),
                )
            )
        return Fragment(ul(items))

    def index_chart(self) -> ChartOutput:
        return ChartOutput(charts.index_chart(self.ds, self.lang))

    def index_table(self) -> Fragment:
        rows = subindex_rows(self.ds, self.lang, composite.OVERALL)
        return Fragment(table(subindex_headers(self.lang), rows))

    def subindex_chart(self) -> ChartOutput:
        return ChartOutput(charts.subindex_chart(self.ds, self.lang))

    def subindex_table(self) -> Fragment:
        lang = self.lang
        c = self.ds.composite
        body = []
        for comp in dict.fromkeys(c.loc[c["component"] != composite.OVERALL, "component"]):
            for row in subindex_rows(self.ds, lang, comp):
                body.append([self.voice.name("category", comp), *row])
        return Fragment(table([self.voice.t("category"), *subindex_headers(lang)], body))

    def _grid(self):
        years = sorted(int(y) for y in self.overall["year"])
        return grid(self.ds.composite_scores, self.ds.indicators, years)

    def _thresholds(self) -> str:
        """Why no year has an overall index: what each year rests on, against the thresholds."""
        s = composite.settings()
        c = self.ds.composite
        top = c[c["component"] == composite.OVERALL].sort_values("year")
        years = self.voice.t("list_sep").join(
            self.voice.t(
                "index_year_basis",
                year=int(r["year"]),
                k=int(r["categories_scored"]),
                n=int(r["indicators_scored"]),
            )
            for _, r in top.iterrows()
        )
        return self.voice.t(
            "index_thresholds",
            cat_share=self.voice.ratio(s["min_category_share"]),
            ind_share=self.voice.ratio(s["min_indicator_share"]),
            cats=int(top["categories_total"].max()) if len(top) else 0,
            total=int(top["indicators_total"].max()) if len(top) else 0,
            years=years,
        )

    def contributions(self) -> Fragment | ChartOutput:
        last = self._latest()
        if last is None:
            return Fragment(p(self.voice.t("index_none")))
        contrib = composite.contributions(self._grid(), int(last["year"]))
        return ChartOutput(charts.contributions_chart(self.ds, contrib, self.lang))

    def _choice(self, code: str) -> str:
        kind, _, arg = code.partition(":")
        if kind == "weight":
            return self.voice.t("choice.weight", category=self.voice.name("category", arg))
        return self.voice.t(f"choice.{kind}")

    def sensitivity(self) -> Fragment:
        """The three choices whose switch moves each year's result most, with their share of the
        Monte Carlo's variance and its bootstrap interval (none when it reaches zero); then the
        choices with no effect that year."""
        s = self.ds.composite_sensitivity
        s = s[s["component"] == composite.OVERALL]
        moved = s[s["rank"].notna() & (s["rank"] <= 3)].sort_values(["year", "rank"])
        body = [
            [
                int(r["year"]),
                int(r["rank"]),
                self._choice(r["choice"]),
                _num(r["effect"]),
                self._share(r),
            ]
            for _, r in moved.iterrows()
        ]
        headers = [
            self.voice.t("year"),
            self.voice.t("rank"),
            self.voice.t("choice"),
            self.voice.t("effect"),
            self.voice.t("first_order"),
        ]
        none = [
            self.voice.t(
                "sensitivity_none_line",
                year=int(year),
                list=self.voice.join([self._choice(c) for c in g["choice"]]),
            )
            for year, g in s[s["rank"].isna()].groupby("year", sort=True)
        ]
        if not len(s):
            return Fragment(p(self.voice.t("sensitivity_no_index")))
        return Fragment(table(headers, body) + (ul(none) if none else Markup("")))

    def _share(self, r) -> str:
        """A variance share with its bootstrap interval; none when the interval reaches zero."""
        if r["lower"] < 0.01:
            return self.voice.t("no_effect")
        return self.voice.t(
            "share_ci",
            share=self.voice.ratio(r["first_order"]),
            lo=self.voice.ratio(r["lower"]),
            hi=self.voice.ratio(r["upper"]),
        )

    def ranking(self) -> Fragment:
        lang = self.lang
        r = self.ds.city_ranking
        if len(r) == 0 or not r["ranked"].any():
            return Fragment(p(why_no_ranking(self.ds, lang)))
        body = [
            [
                int(x["year"]),
                self.voice.region(x["city"]),
                int(x["rank"]),
                _num(x["score"]),
                f"{int(x['rank_lower'])}–{int(x['rank_upper'])}",
            ]
            for _, x in r[r["ranked"]].sort_values(["year", "rank"]).iterrows()
        ]
        headers = [
            self.voice.t("year"),
            self.voice.t("region"),
            self.voice.t("rank"),
            self.voice.t("index_default"),
            self.voice.t("rank_interval"),
        ]
        return Fragment(table(headers, body))

    def entries(self) -> Outputs | Fragment:
        """Which indicators entered the index in which year: a chart, then their names."""
        if len(self.ds.composite) == 0:
            return Fragment(p("—"))
        e = charts_entries.entries_frame(self.ds)  # once for the chart and the names
        return Outputs(
            [
                ChartOutput(charts_entries.entries_chart(self.ds, self.lang, e)),
                Fragment(ul(charts_entries.entered_names(self.ds, self.lang, e))),
            ]
        )

    def official(self) -> Fragment:
        """The published official result, beside planwatch's reconstruction where it ranks."""
        return official_result(self.ds, self.lang)

    def method(self) -> Fragment:
        lang = self.lang
        s = composite.settings()
        mc = s["monte_carlo"]
        text = self.voice.t(
            "evaluation_method",
            base_year=self.ds.baseline_year,
            cap=s["cap"],
            floor=s["floor"],
            need=s["min_indicators"],
            cat_share=self.voice.ratio(s["min_category_share"]),
            ind_share=self.voice.ratio(s["min_indicator_share"]),
            draws=mc["draws"],
            seed=mc["seed"],
            spread=int(mc["weight_spread"] * 100),
            caps=self.voice.join(mc["caps"]),
            lo=mc["interval"][0],
            hi=mc["interval"][1],
        )
        return Fragment(
            tag("p", tag("strong", self.voice.t("method_label")) + text) + not_official(lang)
        )

    def sources(self) -> Fragment:
        used = chosen_figures(self.ds, self.ds.composite_scores)
        return sources_list(self.voice, used)
