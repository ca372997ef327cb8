"""The city report: the city's role in the plan, every plan item that names it, its published
figures, its place among the cities where data allow, the province picture and the data gaps."""

from __future__ import annotations

import math

from markupsafe import Markup

from planwatch.present import charts
from planwatch.tables import dataset
from planwatch.present import words as narrative
from planwatch.present.html import ChartOutput, Fragment, heading, p, table, tag, ul
from planwatch.present.words import t
from planwatch.reports.common import check_lang, fmt, observation_table, resolve_city, sources_list, title


class CityReport:
    def __init__(self, city: str, lang: str = "zh", ds=None):
        self.ds = ds or dataset.load()
        self.lang = check_lang(lang)
        self.city = resolve_city(self.ds, city)
        self.row = self.ds.cities[self.ds.cities["city"] == self.city].iloc[0]

    @property
    def name(self) -> str:
        return self.row["full_name"] if self.lang == "zh" else self.row["city_en"]

    def title(self) -> Fragment:
        if self.lang == "zh":
            return title(
                f"{self.name}:数字经济五年倍增计划城市报告",
                "《浙江省数字经济五年倍增计划》(2018—2022)",
            )
        return title(
            f"{self.name}: city report on the Digital Economy Five-Year Doubling Plan",
            "Zhejiang Digital Economy Five-Year Doubling Plan (2018–2022)",
        )

    def role(self) -> Fragment:
        lang = self.lang
        if not self.row["in_source"]:
            text = (
                "计划原文“促进区域协同发展”部分没有杭州市的定位段落(目前找到的另一版本同样缺失),本报告不作补写。"
                if lang == "zh"
                else "The plan's text has no positioning paragraph for Hangzhou in its regional section (the only "
                "other copy found lacks it too); this report does not invent one."
            )
            return Fragment(p(text, "pw-absent"))
        roles = [r for r in self.row["roles"].split(";") if r]
        intro = "计划原文:" if lang == "zh" else "The plan's paragraph (in Chinese):"
        role_head = f"{t('roles', lang)} ({len(roles)})"
        return Fragment(
            p(intro) + tag("blockquote", self.row["paragraph"]) + heading(3, role_head) + ul(roles)
        )

    def plan_items(self) -> Fragment:
        lang = self.lang
        m = self.ds.city_mentions
        m = m[m["city"] == self.city]
        if m.empty:
            return Fragment(
                p(
                    "计划中没有提及该市或其地名的条目。"
                    if lang == "zh"
                    else "No plan item names this city or its places."
                )
            )
        tasks = self.ds.tasks.set_index("task_id")
        sections = self.ds.sections.set_index("section_id")
        parts = []
        for action_no, group in m.groupby("action_no", sort=True, dropna=False):
            if action_no == action_no:  # not NaN
                act = self.ds.actions[self.ds.actions["action_no"] == action_no].iloc[0]
                parts.append(
                    heading(
                        3,
                        f"({int(action_no)}) "
                        + (act["action"] if lang == "zh" else act["action_en"]),
                    )
                )
            else:
                parts.append(heading(3, "总体目标" if lang == "zh" else "Overall goals"))
            rows = []
            for item_id, g in group.groupby("item_id", sort=False):
                places = "、".join(dict.fromkeys(g["place"]))
                if item_id in tasks.index:
                    task = tasks.loc[item_id]
                    what, units = task["title"], self._units(task["units"])
                elif item_id in sections.index:
                    what, units = sections.loc[item_id, "title"], ""
                else:
                    what, units = ("城市定位段落" if lang == "zh" else "city paragraph"), ""
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
        if self.lang == "zh":
            return joined
        from planwatch.inputs import mappings

        return "; ".join(
            mappings.english("responsible_unit", u) or u for u in joined.split("、") if u
        )

    def observations(self) -> Fragment:
        lang = self.lang
        a = self.ds.observations_audit
        a = a[a["region"] == self.city].sort_values(
            ["indicator", "year", "chosen"], ascending=[True, True, False]
        )
        if a.empty:
            return Fragment(
                p(
                    "未找到该市的任何公开数据。"
                    if lang == "zh"
                    else "No published figure was found for this city."
                )
            )
        return Fragment(observation_table(a, lang, self._series_name))

    def _series_name(self, name: str) -> str:
        return self.ds.series_name(name, self.lang)

    def rankings(self) -> list[dict]:
        """(series, year) with a comparable figure for at least half of the cities."""
        cov = self.ds.coverage
        n_cities = len(self.ds.cities)
        need = math.ceil(n_cities / 2)
        cities = cov[(cov["region"] != "浙江省") & cov["has_value"] & (cov["comparable"] == "yes")]
        out = []
        for (series, year), g in cities.groupby(["indicator", "year"], sort=True):
            if len(g) < need:
                continue
            g = g.sort_values("value", ascending=False).reset_index(drop=True)
            mine = g.index[g["region"] == self.city]
            out.append(
                {
                    "series": series,
                    "year": int(year),
                    "n": len(g),
                    "unit": g["unit"].iloc[0],
                    "rank": int(mine[0]) + 1 if len(mine) else None,
                    "value": g.loc[mine[0], "value"] if len(mine) else None,
                }
            )
        return out

    def ranking(self) -> Fragment:
        lang = self.lang
        ranks = self.rankings()
        need = math.ceil(len(self.ds.cities) / 2)
        rule = (
            f"仅当至少{need}个城市(半数)有同一年份的可比数据时才排名。"
            if lang == "zh"
            else f"A ranking is shown only where at least {need} of the cities (half) have a comparable figure for the same year."
        )
        if not ranks:
            why = (
                "没有任何指标-年份达到这一条件,因此不显示排名。"
                if lang == "zh"
                else "No series and year meets that condition, so no ranking is shown."
            )
            return Fragment(p(rule + why))
        rows = []
        for r in ranks:
            place = (
                f"{r['rank']} / {r['n']}"
                if r["rank"]
                else ("该市无数据" if lang == "zh" else "no figure for this city")
                + f" (n={r['n']})"
            )
            rows.append(
                [self._series_name(r["series"]), r["year"], place, fmt(r["value"], r["unit"], lang)]
            )
        note = (
            "排名按数值从高到低;增速类指标同样从高到低。"
            if lang == "zh"
            else "Ranked from highest to lowest value (growth rates likewise)."
        )
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

    def province(self) -> Fragment:
        lang = self.lang
        prog = self.ds.progress
        final = prog[prog["target_year"] == prog["target_year"].max()]
        counts = final["status"].value_counts()
        items = [
            f"{narrative.assess.symbol(s)} {narrative.assess.label(s, lang)}: {int(counts[s])}"
            for s in narrative.assess.vocab()["statuses"]
            if s in counts
        ]
        year = int(final["target_year"].iloc[0])
        lead = (
            f"全省{len(final)}项指标{year}年目标的评估结果:"
            if lang == "zh"
            else f"Province-wide, the {len(final)} indicators' {year} targets stand as follows:"
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
        lines = []
        if lang == "zh":
            lines.append(
                f"计划{plan['indicator'].nunique()}项指标中,{len(with_data)}项有该市数据,{len(none)}项没有。"
            )
        else:
            lines.append(
                f"Of the plan's {plan['indicator'].nunique()} indicators, {len(with_data)} have a figure for this city "
                f"and {len(none)} have none."
            )
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
                ("无数据的计划指标:" if lang == "zh" else "Plan indicators with no figure: ")
                + ("、" if lang == "zh" else "; ").join(
                    narrative.indicator_name(n, lang) for n in none
                ),
                "pw-note",
            )
        return Fragment(body)

    def sources(self) -> Fragment:
        a = self.ds.observations_audit
        return sources_list(self.ds, a[a["region"] == self.city], self.lang)
