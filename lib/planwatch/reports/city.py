"""The city report: the city's role in the plan, every plan item that names it, its published
figures, its place among the cities where data allow, the province picture and the data gaps."""

from __future__ import annotations

import math

import pandas as pd
from markupsafe import Markup

from planwatch.assess import progress as assess
from planwatch.present import charts, charts_map
from planwatch.present.evidence import (
    method,
    not_official,
    observation_table,
    plan_subtitle,
    sources_list,
    title,
)
from planwatch.present.html import ChartOutput, Fragment, heading, p, table, tag, ul
from planwatch.reports import evaluation
from planwatch.reports.base import Report
from planwatch.reports.params import resolve_city


class CityReport(Report):
    def __init__(self, city: str, lang: str = "zh", ds=None):
        super().__init__(lang, ds)
        self.city = resolve_city(self.ds, city)
        self.row = self.ds.cities[self.ds.cities["city"] == self.city].iloc[0]

    @property
    def name(self) -> str:
        full = {"full_name": self.row["full_name"], "full_name_en": self.row["city_en"]}
        return self.voice.local(full, "full_name")

    def title(self) -> Fragment:
        kind = self.voice.local(self.ds.plan_row, "subregion_kind")
        return title(
            self.voice.t("city_report_title", name=self.name, kind=kind),
            plan_subtitle(self.voice),
        )

    def role(self) -> Fragment:
        if not self.row["in_source"]:
            text = self.voice.note("subregion_absent") or self.voice.t("subregion_absent")
            return Fragment(p(text, "pw-absent"))
        roles = [r for r in self.row["roles"].split(";") if r]
        intro = self.voice.t("plan_paragraph")
        role_head = f"{self.voice.t('roles')} ({len(roles)})"
        return Fragment(
            p(intro) + tag("blockquote", self.row["paragraph"]) + heading(3, role_head) + ul(roles)
        )

    def plan_items(self) -> Fragment:
        m = self.ds.city_mentions
        m = m[m["city"] == self.city]
        if m.empty:
            return Fragment(p(self.voice.t("no_plan_item_names_city")))
        tasks = self.ds.tasks.set_index("task_id")
        sections = self.ds.sections.set_index("section_id")
        parts = []
        for action_no, group in m.groupby("action_no", sort=True, dropna=False):
            if not pd.isna(action_no):
                act = self.ds.actions[self.ds.actions["action_no"] == action_no].iloc[0]
                parts.append(
                    heading(
                        3,
                        f"({int(action_no)}) " + self.voice.local(act, "action"),
                    )
                )
            else:
                parts.append(heading(3, self.voice.t("overall_goals")))
            rows = []
            for item_id, g in group.groupby("item_id", sort=False):
                places = "、".join(dict.fromkeys(g["place"]))
                if item_id in tasks.index:
                    task = tasks.loc[item_id]
                    what, units = task["title"], self._units(task["units"])
                elif item_id in sections.index:
                    what, units = sections.loc[item_id, "title"], ""
                else:
                    what, units = self.voice.t("city_paragraph"), ""
                rows.append([item_id, what, places, g["excerpt"].iloc[0], units])
            parts.append(
                table(
                    [
                        self.voice.t("id"),
                        self.voice.t("task"),
                        self.voice.t("place"),
                        self.voice.t("excerpt"),
                        self.voice.t("units"),
                    ],
                    rows,
                )
            )
        return Fragment(Markup("").join(parts))

    def _units(self, joined: str) -> str:
        units = [u for u in joined.split("、") if u]
        return self.voice.join(self.voice.name("responsible_unit", u) for u in units)

    def observations(self) -> Fragment:
        a = self.ds.observations_audit
        a = a[a["region"] == self.city].sort_values(
            ["indicator", "year", "chosen"], ascending=[True, True, False]
        )
        if a.empty:
            return Fragment(p(self.voice.t("no_figure_for_city")))
        return Fragment(observation_table(a, self.voice, self._series_name))

    def _series_name(self, name: str) -> str:
        return self.voice.series(name)

    def rankings(self) -> list[dict]:
        """(series, year) with a comparable figure for at least half of the cities."""
        cov = self.ds.coverage
        n_cities = len(self.ds.cities)
        need = math.ceil(n_cities / 2)
        cities = cov[
            (cov["region"] != self.ds.region) & cov["has_value"] & (cov["comparable"] == "yes")
        ]
        out = []
        for (series, year), g in cities.groupby(["indicator", "year"], sort=True):
            if len(g) < need or assess.is_ordinal(g["unit"].iloc[0]):
                continue  # too few cities, or an order already (the official one: shown as is)
            g = g.sort_values("value", ascending=False).reset_index(drop=True)
            mine = g.index[g["region"] == self.city]
            value = g.loc[mine[0], "value"] if len(mine) else None
            vintages = set(g["vintage"]) - {""}
            out.append(
                {
                    "series": series,
                    "year": int(year),
                    "n": len(g),
                    "unit": g["unit"].iloc[0],
                    # places shared on ties: 1 + the cities above; "3=" when others share it
                    "rank": int((g["value"] > value).sum()) + 1 if value is not None else None,
                    "tied": value is not None and int((g["value"] == value).sum()) > 1,
                    "value": value,
                    "low_quality": bool(len(mine)) and g.loc[mine[0], "source_kind"] == "low",
                    # named as the data name them (preliminary, final, revised)
                    "mixed_vintages": sorted(vintages) if len(vintages) > 1 else [],
                }
            )
        return out

    def ranking(self) -> Fragment:
        ranks = self.rankings()
        need = math.ceil(len(self.ds.cities) / 2)
        rule = self.voice.t("ranking_rule", need=need)
        if not ranks:
            return Fragment(p(rule + self.voice.t("no_ranking")))
        rows = []
        for r in ranks:
            place = (
                f"{r['rank']}{'=' if r['tied'] else ''} / {r['n']}"
                if r["rank"]
                else self.voice.t("no_figure_here") + f" (n={r['n']})"
            )
            value = self.voice.fmt(r["value"], r["unit"])
            if r["low_quality"]:
                value += f" ({self.voice.t('source_kind.low')})"
            if r["mixed_vintages"]:
                kinds = self.voice.join([self.voice.t(f"vintage.{v}") for v in r["mixed_vintages"]])
                place += f" ({self.voice.t('ranking_mixed_vintages', list=kinds)})"
            rows.append([self._series_name(r["series"]), r["year"], place, value])
        note = self.voice.t("ranking_note")
        return Fragment(
            p(rule)
            + table(
                [
                    self.voice.t("series"),
                    self.voice.t("year"),
                    self.voice.t("rank"),
                    self.voice.t("value"),
                ],
                rows,
            )
            + p(note, "pw-note")
        )

    def comparison_chart(self) -> ChartOutput | Fragment:
        ranks = self.rankings()
        if not ranks:
            return Fragment(p("—"))
        series = max(ranks, key=lambda r: (r["n"], r["year"]))["series"]
        return ChartOutput(charts.city_comparison(self.ds, series, self.lang, highlight=self.city))

    def city_map(self) -> ChartOutput | Fragment:
        """The cities on a map, shaded by the best-covered series, this city outlined."""
        ranks = self.rankings()
        if not ranks or not charts_map.has_map(self.ds):
            return Fragment("")
        series = max(ranks, key=lambda r: (r["n"], r["year"]))["series"]
        return ChartOutput(charts_map.series_map(self.ds, series, self.lang, highlight=self.city))

    def evaluation_rank(self) -> Fragment:
        """The city's rank in the composite evaluation, with its interval, or why there is none."""
        return Fragment(
            evaluation.city_rank(self.ds, self.city, self.lang) + not_official(self.lang)
        )

    def official_place(self) -> Fragment:
        """The city's place in the published official evaluation, with its source."""
        return evaluation.official_place(self.ds, self.city, self.lang)

    def province(self) -> Fragment:
        prog = self.ds.progress
        final = prog[prog["target_year"] == prog["target_year"].max()]
        counts = final["status"].value_counts()
        prov = final[final["provisional"].astype(bool)]["status"].value_counts()
        items = [  # provisional verdicts counted apart
            f"{assess.symbol(s)} {self.voice.status(s)}: {int(counts[s])}"
            + (f" ({self.voice.t('provisional_count', n=int(prov[s]))})" if s in prov else "")
            for s in assess.vocab()["statuses"]
            if s in counts
        ]
        year = int(final["target_year"].iloc[0])
        lead = self.voice.t(
            "region_picture", region=self.voice.region(self.ds.region), n=len(final), year=year
        )
        return Fragment(p(lead) + ul(items))

    def province_chart(self) -> ChartOutput:
        return ChartOutput(charts.achievement_bars(self.ds, self.lang))

    def gaps(self) -> Fragment:
        cov = self.ds.coverage
        mine = cov[cov["region"] == self.city]
        plan = mine[mine["series_kind"] == "plan"]
        with_data = sorted(set(plan[plan["has_value"]]["indicator"]))
        none = [n for n in dict.fromkeys(plan["indicator"]) if n not in with_data]
        ctx = mine[mine["series_kind"] == "context"]
        lines = [
            self.voice.t(
                "city_gaps", n=plan["indicator"].nunique(), have=len(with_data), none=len(none)
            )
        ]
        for series, g in ctx.groupby("indicator", sort=True):
            have = [int(y) for y in g[g["has_value"]]["year"]]
            missing = [int(y) for y in g[~g["has_value"]]["year"]]
            if have:
                lines.append(
                    f"{self._series_name(series)}: {self.voice.t('years_with_data')} {', '.join(map(str, have))}; "
                    f"{self.voice.t('missing')} {', '.join(map(str, missing)) or self.voice.t('none')}"
                )
        body = ul(lines)
        if none:
            body += p(
                self.voice.t("indicators_without_figure")
                + self.voice.join(self.voice.indicator(n) for n in none),
                "pw-note",
            )
        return Fragment(body)

    def method(self) -> Fragment:
        return method(self.voice)

    def sources(self) -> Fragment:
        a = self.ds.observations_audit
        return sources_list(self.voice, a[a["region"] == self.city])
