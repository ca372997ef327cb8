"""The category report: scorecard, sentences, one chart per indicator, the plan tasks behind the
category, data coverage and sources. ``notebooks/category_report.ipynb`` calls these."""

from __future__ import annotations

import pandas as pd
from IPython.display import display
from markupsafe import Markup

from planwatch.present import charts, charts_map, words
from planwatch.present.html import ChartOutput, Fragment, heading, p, table, tag, ul
from planwatch.present.words import t
from planwatch.reports import evaluation, kinds
from planwatch.reports.common import (
    check_lang,
    flags_text,
    fmt,
    method,
    plan_subtitle,
    progress_with_units,
    resolve_category,
    sentences,
    source_index,
    sources_list,
    status_cell,
    title,
    unit_label,
)
from planwatch.tables import dataset


class CategoryReport:
    def __init__(self, category: str, lang: str = "zh", ds=None):
        self.ds = ds or dataset.load()
        self.lang = check_lang(lang)
        self.category = resolve_category(self.ds, category)
        ind = self.ds.indicators
        self.indicators = list(
            dict.fromkeys(ind[ind["category"] == self.category].sort_values("order")["indicator"])
        )

    @property
    def name(self) -> str:
        row = self.ds.indicators[self.ds.indicators["category"] == self.category].iloc[0]
        return words.local(row, "category", self.lang)

    def title(self) -> Fragment:
        n = t("n_indicators", self.lang, n=len(self.indicators))
        return title(
            t("category_report_title", self.lang, name=self.name),
            plan_subtitle(self.ds, self.lang, n),
        )

    def method(self) -> Fragment:
        return method(self.ds, self.lang)

    def summary(self) -> Fragment:
        index = source_index(self._source_rows())
        return Fragment(ul(sentences(self.ds, self.indicators, self.lang, index)))

    def subindex(self) -> Fragment:
        """The category's sub-index by year with its interval and coverage (planwatch's
        reconstruction), or why it has none."""
        lang = self.lang
        rows = evaluation.subindex_rows(self.ds, lang, self.category)
        body = table(evaluation.subindex_headers(lang), rows) if rows else p(t("index_none", lang))
        return Fragment(evaluation.not_official(lang) + body + p(t("evaluation_link", lang)))

    def _source_rows(self):
        audit = self.ds.observations_audit
        return audit[audit["indicator"].isin(self.indicators)]

    def scorecard(self) -> Fragment:
        lang = self.lang
        prog = progress_with_units(self.ds)
        audit = self.ds.observations_audit
        rows = []
        for name in self.indicators:
            ind = self.ds.indicators[self.ds.indicators["indicator"] == name].set_index("year")
            unit = ind["unit"].iloc[0]
            years = sorted(ind.index)
            pr = prog[prog["indicator"] == name].set_index("target_year")
            last = pr.loc[years[-1]]
            chosen = audit[
                (audit["indicator"] == name) & (audit["region"] == self.ds.region) & audit["chosen"]
            ]
            used_text = _basis(last, unit, lang)
            used = (
                None
                if pd.isna(last["observed_year"])
                else (int(last["observed_year"]), float(last["observed_value"]))
            )
            others = [
                f"{fmt(o['value'], unit, lang)} ({int(o['year'])}, {flags_text(o, lang)})"
                for _, o in chosen.sort_values("year").iterrows()
                if (int(o["year"]), float(o["value"])) != used
                and (o["year"] > years[-1] or o["comparable"] == "no")
            ]
            rows.append(
                [
                    words.indicator_name(name, lang),
                    unit_label(unit, lang),
                    fmt(ind.loc[years[0], "value"], unit, lang),
                    *[
                        (
                            words.cmp_word(ind.loc[y, "comparator"], lang)
                            + fmt(ind.loc[y, "value"], unit, lang)
                        )
                        for y in years[1:]
                    ],
                    used_text,
                    t("list_sep", lang).join(others) or "—",
                    words.fmt_ratio(
                        None if last["achievement"] != last["achievement"] else last["achievement"],
                        lang,
                    ),
                    " / ".join(status_cell(pr.loc[y], lang) for y in years[1:]),
                    "—" if last["rr"] != last["rr"] else f"{last['rr']:.2f}",
                    fmt(last["projected_value"], unit, lang, approx=True),
                    words.caveat_text(last["caveat_codes"], lang),
                ]
            )
        years = sorted(self.ds.indicators["year"].unique())
        headers = [
            t("indicator", lang),
            t("unit", lang),
            t("baseline", lang, year=self.ds.baseline_year),
            *[f"{int(y)} {t('target', lang)}" for y in years[1:]],
            t("status_basis", lang, year=int(years[-1])),
            t("other_figures", lang),
            f"{t('achievement', lang)} ({int(years[-1])})",
            f"{t('status', lang)} ({' / '.join(str(int(y)) for y in years[1:])})",
            f"{t('rr', lang)} ({int(years[-1])})",
            f"{t('projection', lang)} ({int(years[-1])})",
            t("caveat", lang),
        ]
        return Fragment(table(headers, rows))

    def achievement_chart(self) -> ChartOutput:
        return ChartOutput(charts.achievement_bars(self.ds, self.lang, self.category))

    def indicator_charts(self) -> list[ChartOutput]:
        return [
            ChartOutput(charts.trajectory(self.ds, name, self.lang)) for name in self.indicators
        ]

    def show_indicator_charts(self) -> None:
        for name, chart in zip(self.indicators, self.indicator_charts(), strict=True):
            display(Fragment(heading(3, words.indicator_name(name, self.lang))))
            display(chart)

    def tasks(self) -> Fragment:
        lang = self.lang
        ca = self.ds.category_actions
        sections = ca[ca["category"] == self.category]["section_id"].tolist()
        tasks = self.ds.tasks
        tasks = tasks.assign(
            section_id="S" + tasks["action_no"].astype(str) + "." + tasks["section_no"].astype(str)
        )
        tasks = tasks[tasks["section_id"].isin(sections)]
        units = self.ds.task_units
        parts = []
        for action_no, group in tasks.groupby("action_no", sort=True):
            act = self.ds.actions[self.ds.actions["action_no"] == action_no].iloc[0]
            parts.append(
                heading(
                    3,
                    f"({int(action_no)}) " + words.local(act, "action", lang),
                )
            )
            rows = []
            for _, task in group.iterrows():
                us = units[units["task_id"] == task["task_id"]].sort_values("position")
                names = [
                    words.name_with_original(u["unit"], u["unit_en"], lang)
                    for _, u in us.iterrows()
                ]
                cell = Markup(t("list_sep", lang)).join(
                    [tag("strong", n) if i == 0 else Markup.escape(n) for i, n in enumerate(names)]
                )
                rows.append([task["task_id"], task["title"], cell])
            parts.append(table([t("id", lang), t("task", lang), t("units", lang)], rows))
        note = t("lead_units_note", lang)
        return Fragment(Markup("").join(parts) + p(note, "pw-note"))

    def actions(self) -> Fragment:
        """Links to the action reports whose tasks drive this category."""
        lang = self.lang
        ca = self.ds.category_actions
        items = []
        for n in sorted({int(x) for x in ca[ca["category"] == self.category]["action_no"]}):
            a = self.ds.actions[self.ds.actions["action_no"] == n].iloc[0]
            sections = ", ".join(
                ca[(ca["category"] == self.category) & (ca["action_no"] == n)]["section_id"]
            )
            items.append(
                Markup("")
                + tag(
                    "a",
                    f"({n}) " + words.local(a, "action", lang),
                    href=kinds.href(self.ds, "action", str(n), lang),
                )
                + f" — {sections}"
            )
        return Fragment(ul(items))

    def coverage(self) -> Fragment:
        lang = self.lang
        cov = self.ds.coverage
        cov = cov[(cov["indicator"].isin(self.indicators)) & (cov["region"] == self.ds.region)]
        years = sorted(int(y) for y in cov["year"].unique())
        rows = []
        for name in self.indicators:
            c = cov[cov["indicator"] == name].set_index("year")
            rows.append(
                [words.indicator_name(name, lang)]
                + [
                    (
                        "●"
                        if c.loc[y, "comparable"] == "yes"
                        else "◐"
                        if c.loc[y, "comparable"] == "unclear"
                        else "○"
                    )
                    if c.loc[y, "has_value"]
                    else "·"
                    for y in years
                ]
            )
        legend = t("coverage_legend", lang)
        found = sum(1 for r in rows for c in r[1:] if c != "·")
        total = len(rows) * len(years)
        summary = t("coverage_summary", lang, found=found, total=total)
        return Fragment(
            p(summary)
            + table([t("indicator", lang)] + [str(y) for y in years], rows, "pw-table pw-coverage")
            + p(legend, "pw-note")
        )

    def city_map(self) -> ChartOutput | Fragment:
        """The cities on a map: how many published figures each has for this category."""
        if not charts_map.has_map(self.ds):
            return Fragment("")
        return ChartOutput(charts_map.coverage_map(self.ds, self.indicators, self.lang))

    def sources(self) -> Fragment:
        return sources_list(self.ds, self._source_rows(), self.lang)


def _basis(progress_row, unit: str, lang: str) -> str:
    """The figure, year and flags a status rests on, or — when there is none."""
    r = progress_row
    if pd.isna(r["observed_value"]):
        return "—"
    when = words.when(int(r["observed_year"]), r.get("observed_period") or "", lang)
    flags = []
    if r["observed_bound"]:
        flags.append(t("lower_bound", lang))
    if r["comparable"] != "yes":
        flags.append(words.flag_word("comparable", r["comparable"], lang))
    if r["value_kind"] not in ("exact", "lower_bound") and not r["observed_bound"]:
        flags.append(words.flag_word("value_kind", r["value_kind"], lang))
    text = f"{fmt(r['observed_value'], unit, lang)} ({when})"
    return text + (f" [{t('list_sep', lang).join(flags)}]" if flags else "")
