"""The composite evaluation report (综合评价): planwatch's transparent reconstruction of the
annual composite evaluation the plan asks for, never the official index. The index over time
with its interval band, sub-indices, contributions, coverage, sensitivity, the city ranking or
why there is none, and the method. ``notebooks/evaluation.ipynb`` calls these; the category and
city reports reuse ``subindex_rows`` and ``city_rank``."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from planwatch.assess import composite
from planwatch.present import charts_evaluation as charts
from planwatch.present import words
from planwatch.present.html import ChartOutput, Fragment, p, table, tag, ul
from planwatch.present.words import t
from planwatch.reports.common import (
    check_lang,
    chosen_figures,
    plan_subtitle,
    sources_list,
    title,
)
from planwatch.tables import dataset
from planwatch.tables.evaluation import grid


def _num(x) -> str:
    return "—" if x is None or pd.isna(x) else f"{float(x):.1f}"


def interval(row) -> str:
    return "—" if pd.isna(row["lower"]) else f"{_num(row['lower'])}–{_num(row['upper'])}"


def not_official(lang: str) -> Markup:
    return tag("p", t("not_official", lang), class_="pw-not-official")


def subindex_rows(ds, lang: str, component: str) -> list[list]:
    """Year, score, median, interval, coverage of one component (a category or overall)."""
    c = ds.composite[ds.composite["component"] == component].sort_values("year")
    rows = []
    for _, r in c.iterrows():
        cover = t(
            "coverage_of", lang, n=int(r["indicators_scored"]), total=int(r["indicators_total"])
        )
        if component == composite.OVERALL:
            cover += t("list_sep", lang) + t(
                "categories_of",
                lang,
                n=int(r["categories_scored"]),
                total=int(r["categories_total"]),
            )
        rows.append([int(r["year"]), _num(r["score"]), _num(r["median"]), interval(r), cover])
    return rows


def subindex_headers(lang: str) -> list[str]:
    return [
        t("year", lang),
        t("index_default", lang),
        t("index_median", lang),
        t("index_interval", lang),
        t("coverage", lang),
    ]


def city_rank(ds, city: str, lang: str) -> Markup:
    """The city's rank and interval in each ranked year, or why no ranking exists."""
    r = ds.city_ranking
    mine = r[(r["city"] == city)] if len(r) else r
    if len(mine) == 0:
        return p(why_no_ranking(ds, lang))
    items = []
    for _, x in mine.sort_values("year").iterrows():
        if not x["ranked"]:
            items.append(
                t(
                    "city_not_ranked",
                    lang,
                    year=int(x["year"]),
                    missing=words.join(
                        [words.indicator_name(n, lang) for n in x["missing"].split(";") if n], lang
                    ),
                )
            )
            continue
        n = int(r[(r["year"] == x["year"]) & r["ranked"]].shape[0])
        items.append(
            t(
                "city_rank_line",
                lang,
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
    cov = ds.ranking_coverage
    from planwatch.assess.ranking import rule

    need_ind = rule()["min_indicators"]
    head = t("ranking_rule_composite", lang, share=int(rule()["min_share"] * 100), k=need_ind)
    if len(cov) == 0:
        return head + t("no_city_figures", lang)
    best = cov.sort_values(["cities_with_figure", "year"], ascending=[False, True]).head(3)
    best = best[best["cities_with_figure"] > 0]
    if best.empty:
        return head + t("no_city_figures", lang)
    parts = [
        t(
            "ranking_best_covered",
            lang,
            name=words.indicator_name(b["indicator"], lang),
            year=int(b["year"]),
            n=int(b["cities_with_figure"]),
            total=int(b["cities_total"]),
            need=int(b["cities_needed"]),
        )
        for _, b in best.iterrows()
    ]
    return head + t("no_year_ranked", lang) + words.join(parts, lang)


class EvaluationReport:
    def __init__(self, lang: str = "zh", ds=None):
        self.ds = ds or dataset.load()
        self.lang = check_lang(lang)
        c = self.ds.composite
        self.overall = c[c["component"] == composite.OVERALL].sort_values("year")

    def title(self) -> Fragment:
        lang = self.lang
        return title(t("evaluation_title", lang), plan_subtitle(self.ds, lang)) + Fragment(
            not_official(lang)
        )

    def _latest(self):
        scored = self.overall.dropna(subset=["score"])
        return None if scored.empty else scored.iloc[-1]

    def summary(self) -> Fragment:
        lang = self.lang
        last = self._latest()
        if last is None:
            return Fragment(p(t("index_none", lang)))
        items = [
            t(
                "index_latest",
                lang,
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
                t(
                    "sensitivity_top",
                    lang,
                    choice=self._choice(top.iloc[0]["choice"]),
                    share=words.fmt_ratio(top.iloc[0]["first_order"], lang),
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
                body.append([words.name("category", comp, lang), *row])
        return Fragment(table([t("category", lang), *subindex_headers(lang)], body))

    def _grid(self):
        years = sorted(int(y) for y in self.overall["year"])
        return grid(self.ds.composite_scores, self.ds.indicators, years)

    def contributions(self) -> Fragment | ChartOutput:
        last = self._latest()
        if last is None:
            return Fragment(p(t("index_none", self.lang)))
        contrib = composite.contributions(self._grid(), int(last["year"]))
        return ChartOutput(charts.contributions_chart(contrib, self.lang))

    def _choice(self, code: str) -> str:
        kind, _, arg = code.partition(":")
        if kind == "weight":
            return t("choice.weight", self.lang, category=words.name("category", arg, self.lang))
        return t(f"choice.{kind}", self.lang)

    def sensitivity(self) -> Fragment:
        lang = self.lang
        s = self.ds.composite_sensitivity
        s = s[(s["component"] == composite.OVERALL) & (s["rank"] <= 3)].sort_values(
            ["year", "rank"]
        )
        body = [
            [
                int(r["year"]),
                int(r["rank"]),
                self._choice(r["choice"]),
                words.fmt_ratio(r["first_order"], lang),
                _num(r["median_shift"]),
            ]
            for _, r in s.iterrows()
        ]
        headers = [
            t("year", lang),
            t("rank", lang),
            t("choice", lang),
            t("first_order", lang),
            t("median_shift", lang),
        ]
        return Fragment(table(headers, body))

    def ranking(self) -> Fragment:
        lang = self.lang
        r = self.ds.city_ranking
        if len(r) == 0 or not r["ranked"].any():
            return Fragment(p(why_no_ranking(self.ds, lang)))
        body = [
            [
                int(x["year"]),
                words.region_name(x["city"], lang),
                int(x["rank"]),
                _num(x["score"]),
                f"{int(x['rank_lower'])}–{int(x['rank_upper'])}",
            ]
            for _, x in r[r["ranked"]].sort_values(["year", "rank"]).iterrows()
        ]
        headers = [
            t("year", lang),
            t("region", lang),
            t("rank", lang),
            t("index_default", lang),
            t("rank_interval", lang),
        ]
        return Fragment(table(headers, body))

    def method(self) -> Fragment:
        lang = self.lang
        s = composite.settings()
        mc = s["monte_carlo"]
        text = t(
            "evaluation_method",
            lang,
            base_year=self.ds.baseline_year,
            cap=s["cap"],
            floor=s["floor"],
            need=s["min_indicators"],
            draws=mc["draws"],
            seed=mc["seed"],
            spread=int(mc["weight_spread"] * 100),
            caps=words.join(mc["caps"], lang),
            lo=mc["interval"][0],
            hi=mc["interval"][1],
        )
        return Fragment(
            tag("p", tag("strong", t("method_label", lang)) + text) + not_official(lang)
        )

    def sources(self) -> Fragment:
        used = chosen_figures(self.ds, self.ds.composite_scores)
        return sources_list(self.ds, used, self.lang)
