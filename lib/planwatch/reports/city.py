"""The city report: the city's role in the plan, every plan item that names it, its published
figures, its place among the cities where data allow, the province picture and the data gaps."""

from __future__ import annotations

import math

import pandas as pd
from markupsafe import Markup

from planwatch.assess import progress as assess
from planwatch.present import charts, charts_map, words
from planwatch.present.html import ChartOutput, Fragment, heading, p, table, tag, ul
from planwatch.present.words import t
from planwatch.reports import evaluation
from planwatch.reports.common import (
    check_lang,
    fmt,
    method,
    observation_table,
    plan_subtitle,
    resolve_city,
    sources_list,
    title,
)
from planwatch.tables import dataset


class CityReport:
    def __init__(self, city: str, lang: str = "zh", ds=None):
        self.ds = ds or dataset.load()
        self.lang = check_lang(lang)
        self.city = resolve_city(self.ds, city)
        self.row = self.ds.cities[self.ds.cities["city"] == self.city].iloc[0]

    @property
    def name(self) -> str:
        full = {"full_name": self.row["full_name"], "full_name_en": self.row["city_en"]}
        return words.local(full, "full_name", self.lang)

    def title(self) -> Fragment:
        kind = words.local(self.ds.plan_row, "subregion_kind", self.lang)
        return title(
            t("city_report_title", self.lang, name=self.name, kind=kind),
            plan_subtitle(self.ds, self.lang),
        )

    def role(self) -> Fragment:
        lang = self.lang
        if not self.row["in_source"]:
            text = words.note("subregion_absent", lang) or t("subregion_absent", lang)
            return Fragment(p(text, "pw-absent"))
        roles = [r for r in self.row["roles"].split(";") if r]
        intro = t("plan_paragraph", lang)
        role_head = f"{t('roles', lang)} ({len(roles)})"
        return Fragment(
            p(intro) + tag("blockquote", self.row["paragraph"]) + heading(3, role_head) + ul(roles)
        )

    def plan_items(self) -> Fragment:
        lang = self.lang
        m = self.ds.city_mentions
        m = m[m["city"] == self.city]
        if m.empty:
            return Fragment(p(t("no_plan_item_names_city", lang)))
        tasks = self.ds.tasks.set_index("task_id")
        sections = self.ds.sections.set_index("section_id")
        parts = []
        for action_no, group in m.groupby("action_no", sort=True, dropna=False):
            if not pd.isna(action_no):
                act = self.ds.actions[self.ds.actions["action_no"] == action_no].iloc[0]
                parts.append(
                    heading(
                        3,
                        f"({int(action_no)}) " + words.local(act, "action", lang),
                    )
                )
            else:
                parts.append(heading(3, t("overall_goals", lang)))
            rows = []
            for item_id, g in group.groupby("item_id", sort=False):
                places = "、".join(dict.fromkeys(g["place"]))
                if item_id in tasks.index:
                    task = tasks.loc[item_id]
                    what, units = task["title"], self._units(task["units"])
                elif item_id in sections.index:
                    what, units = sections.loc[item_id, "title"], ""
                else:
                    what, units = t("city_paragraph", lang), ""
                rows.append([item_id, what, places, g["excerpt"].iloc[0], units])
            parts.append(
                table(
                    [
                        t("id", lang),
                        t("task", lang),
                        t("place", lang),
                        t("excerpt", lang),
                        t("units", lang),
                    ],
                    rows,
                )
            )
        return Fragment(Markup("").join(parts))

    def _units(self, joined: str) -> str:
        units = [u for u in joined.split("、") if u]
        return words.join((words.name("responsible_unit", u, self.lang) for u in units), self.lang)

    def observations(self) -> Fragment:
        lang = self.lang
        a = self.ds.observations_audit
        a = a[a["region"] == self.city].sort_values(
            ["indicator", "year", "chosen"], ascending=[True, True, False]
        )
        if a.empty:
            return Fragment(p(t("no_figure_for_city", lang)))
        return Fragment(observation_table(a, lang, self._series_name))

    def _series_name(self, name: str) -> str:
        return words.series_name(self.ds, name, self.lang)

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
            if len(g) < need:
                continue
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
                    "mixed_vintages": "preliminary" in vintages and len(vintages) > 1,
                }
            )
        return out

    def ranking(self) -> Fragment:
        lang = self.lang
        ranks = self.rankings()
        need = math.ceil(len(self.ds.cities) / 2)
        rule = t("ranking_rule", lang, need=need)
        if not ranks:
            return Fragment(p(rule + t("no_ranking", lang)))
        rows = []
        for r in ranks:
            place = (
                f"{r['rank']}{'=' if r['tied'] else ''} / {r['n']}"
                if r["rank"]
                else t("no_figure_here", lang) + f" (n={r['n']})"
            )
            value = fmt(r["value"], r["unit"], lang)
            if r["low_quality"]:
                value += f" ({t('source_kind.low', lang)})"
            if r["mixed_vintages"]:
                place += f" ({t('ranking_mixed_vintages', lang)})"
            rows.append([self._series_name(r["series"]), r["year"], place, value])
        note = t("ranking_note", lang)
        return Fragment(
            p(rule)
            + table([t("series", lang), t("year", lang), t("rank", lang), t("value", lang)], rows)
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
            evaluation.city_rank(self.ds, self.city, self.lang) + evaluation.not_official(self.lang)
        )

    def province(self) -> Fragment:
        lang = self.lang
        prog = self.ds.progress
        final = prog[prog["target_year"] == prog["target_year"].max()]
        counts = final["status"].value_counts()
        items = [
            f"{assess.symbol(s)} {words.status_label(s, lang)}: {int(counts[s])}"
            for s in assess.vocab()["statuses"]
            if s in counts
        ]
        year = int(final["target_year"].iloc[0])
        lead = t(
            "region_picture",
            lang,
            region=words.region_name(self.ds.region, lang),
            n=len(final),
            year=year,
        )
        return Fragment(p(lead) + ul(items))

    def province_chart(self) -> ChartOutput:
        return ChartOutput(charts.achievement_bars(self.ds, self.lang))

    def gaps(self) -> Fragment:
        lang = self.lang
        cov = self.ds.coverage
        mine = cov[cov["region"] == self.city]
        plan = mine[mine["series_kind"] == "plan"]
        with_data = sorted(set(plan[plan["has_value"]]["indicator"]))
        none = [n for n in dict.fromkeys(plan["indicator"]) if n not in with_data]
        ctx = mine[mine["series_kind"] == "context"]
        lines = [
            t(
                "city_gaps",
                lang,
                n=plan["indicator"].nunique(),
                have=len(with_data),
                none=len(none),
            )
        ]
        for series, g in ctx.groupby("indicator", sort=True):
            have = [int(y) for y in g[g["has_value"]]["year"]]
            missing = [int(y) for y in g[~g["has_value"]]["year"]]
            if have:
                lines.append(
                    f"{self._series_name(series)}: {t('years_with_data', lang)} {', '.join(map(str, have))}; "
                    f"{t('missing', lang)} {', '.join(map(str, missing)) or t('none', lang)}"
                )
        body = ul(lines)
        if none:
            body += p(
                t("indicators_without_figure", lang)
                + words.join((words.indicator_name(n, lang) for n in none), lang),
                "pw-note",
            )
        return Fragment(body)

    def method(self) -> Fragment:
        return method(self.ds, self.lang)

    def sources(self) -> Fragment:
        a = self.ds.observations_audit
        return sources_list(self.ds, a[a["region"] == self.city], self.lang)
