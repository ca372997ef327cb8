"""The category report: scorecard, sentences, one chart per indicator, the plan tasks behind the
category, data coverage and sources. ``notebooks/category_report.ipynb`` calls these."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from planwatch.present import charts, charts_map
from planwatch.present.evidence import (
    conflicts,
    flags_text,
    method,
    not_official,
    plan_subtitle,
    sentences,
    source_index,
    sources_list,
    status_cell,
    title,
)
from planwatch.present.html import ChartOutput, Fragment, Outputs, heading, p, table, tag, ul
from planwatch.reports import evaluation, kinds
from planwatch.reports.base import Report
from planwatch.reports.params import resolve_category


class CategoryReport(Report):
    def __init__(self, category: str, lang: str = "zh", ds=None):
        super().__init__(lang, ds)
        self.category = resolve_category(self.ds, category)
        ind = self.ds.indicators
        self.indicators = list(
            dict.fromkeys(ind[ind["category"] == self.category].sort_values("order")["indicator"])
        )

    @property
    def name(self) -> str:
        row = self.ds.indicators[self.ds.indicators["category"] == self.category].iloc[0]
        return self.voice.local(row, "category")

    def title(self) -> Fragment:
        n = self.voice.t("n_indicators", n=len(self.indicators))
        return title(
            self.voice.t("category_report_title", name=self.name),
            plan_subtitle(self.voice, n),
        )

    def method(self) -> Fragment:
        return method(self.voice)

    def summary(self) -> Fragment:
        index = source_index(self._source_rows())
        first = p(self.voice.t("no_figures_yet")) if self.ds.observations.empty else ""
        return Fragment(first + ul(sentences(self.voice, self.indicators, index)))

    def subindex(self) -> Fragment:
        """The category's sub-index by year with its interval and coverage (planwatch's
        reconstruction), or why it has none."""
        lang = self.lang
        rows = evaluation.subindex_rows(self.ds, lang, self.category)
        body = (
            table(evaluation.subindex_headers(lang), rows)
            if rows
            else p(self.voice.t("index_none"))
        )
        return Fragment(not_official(lang) + body + p(self.voice.t("evaluation_link")))

    def _source_rows(self):
        audit = self.ds.observations_audit
        return audit[audit["indicator"].isin(self.indicators)]

    def scorecard(self) -> Fragment:
        prog = self.ds.progress
        audit = self.ds.observations_audit
        rows = []
        for name in self.indicators:
            ind = self.ds.indicators[self.ds.indicators["indicator"] == name].set_index("year")
            unit = ind["unit"].iloc[0]
            years = sorted(ind.index)
            targets = years[1:] if self.ds.has_baseline else years  # a table of targets only
            pr = prog[prog["indicator"] == name].set_index("target_year")
            # a year whose target the table leaves empty (——) has no progress row: nothing to
            # assess there, said as — rather than a crash
            no_target = pd.Series({c: "" if c == "caveat_codes" else None for c in pr.columns})
            last = pr.loc[years[-1]] if years[-1] in pr.index else no_target
            chosen = audit[
                (audit["indicator"] == name) & (audit["region"] == self.ds.region) & audit["chosen"]
            ]
            used_text = _basis(last, unit, self.voice)
            used = (
                None
                if pd.isna(last["observed_year"])
                else (int(last["observed_year"]), float(last["observed_value"]))
            )
            others = [
                f"{self.voice.fmt(o['value'], unit)} ({int(o['year'])}, {flags_text(o, self.voice)})"
                for _, o in chosen.sort_values("year").iterrows()
                if (int(o["year"]), float(o["value"])) != used
                and (o["year"] > years[-1] or o["comparable"] == "no")
            ]
            rows.append(
                [
                    self.voice.indicator(name),
                    self.voice.unit(unit),
                    *[self.voice.fmt(ind.loc[y, "value"], unit) for y in years if y not in targets],
                    *[
                        self.voice.target(
                            ind.loc[y, "value"],
                            unit,
                            ind.loc[y, "comparator"],
                            ind.loc[y, "period"],
                        )
                        for y in targets
                    ],
                    used_text,
                    self.voice.t("list_sep").join(others) or "—",
                    (self.voice.t("at_least") if _bound(last) else "")
                    + self.voice.ratio(
                        None if pd.isna(last["achievement"]) else last["achievement"]
                    ),
                    " / ".join(
                        status_cell(pr.loc[y], self.voice) if y in pr.index else "—"
                        for y in targets
                    ),
                    "—" if pd.isna(last["rr"]) else f"{last['rr']:.2f}",
                    self.voice.fmt(last["projected_value"], unit, approx=True),
                    " ".join(
                        filter(
                            None,
                            [self.voice.caveat(last["caveat_codes"]), *conflicts(self.voice, name)],
                        )
                    ),
                ]
            )
        years = sorted(self.ds.indicators["year"].unique())
        targets = years[1:] if self.ds.has_baseline else years
        headers = [
            self.voice.t("indicator"),
            self.voice.t("unit"),
            *([self.voice.t("baseline", year=self.ds.baseline_year)] if targets != years else []),
            *[f"{int(y)} {self.voice.t('target')}" for y in targets],
            self.voice.t("status_basis", year=int(years[-1])),
            self.voice.t("other_figures"),
            f"{self.voice.t('achievement')} ({int(years[-1])})",
            f"{self.voice.t('status')} ({' / '.join(str(int(y)) for y in targets)})",
            f"{self.voice.t('rr')} ({int(years[-1])})",
            f"{self.voice.t('projection')} ({int(years[-1])})",
            self.voice.t("caveat"),
        ]
        note = str(self.ds.plan_row.get("table_note") or "")
        under = p(self.voice.t("table_note_line", note=note), "pw-note") if note else Markup("")
        return Fragment(table(headers, rows) + under)

    def achievement_chart(self) -> ChartOutput:
        return ChartOutput(charts.achievement_bars(self.ds, self.lang, self.category))

    def indicator_charts(self) -> list[ChartOutput]:
        return [
            ChartOutput(charts.trajectory(self.ds, name, self.lang)) for name in self.indicators
        ]

    def indicator_sections(self) -> Outputs:
        """Each indicator's heading and chart, shown in turn when the notebook displays it."""
        charts_ = self.indicator_charts()
        return Outputs(
            part
            for name, chart in zip(self.indicators, charts_, strict=True)
            for part in (
                Fragment(heading(3, self.voice.indicator(name))),
                chart,
                *[Fragment(p(note, "pw-note")) for note in conflicts(self.voice, name)],
            )
        )

    def tasks(self) -> Fragment:
        if self.ds.actions.empty:  # a plan known by its table alone
            return Fragment(p(self.voice.t("plan_names_no_actions")))
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
                    f"({int(action_no)}) " + self.voice.local(act, "action"),
                )
            )
            rows = []
            for _, task in group.iterrows():
                us = units[units["task_id"] == task["task_id"]].sort_values("position")
                names = [
                    self.voice.with_original(u["unit"], u["unit_en"]) for _, u in us.iterrows()
                ]
                cell = Markup(self.voice.t("list_sep")).join(
                    [tag("strong", n) if i == 0 else Markup.escape(n) for i, n in enumerate(names)]
                )
                rows.append([task["task_id"], task["title"], cell])
            parts.append(
                table([self.voice.t("id"), self.voice.t("task"), self.voice.t("units")], rows)
            )
        note = self.voice.t("lead_units_note")
        return Fragment(Markup("").join(parts) + p(note, "pw-note"))

    def actions(self) -> Fragment:
        """Links to the action reports whose tasks drive this category."""
        lang = self.lang
        if self.ds.actions.empty:
            return Fragment(p(self.voice.t("plan_names_no_actions")))
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
                    f"({n}) " + self.voice.local(a, "action"),
                    href=kinds.href(self.ds, "action", str(n), lang),
                )
                + f" — {sections}"
            )
        return Fragment(ul(items))

    def coverage(self) -> Fragment:
        cov = self.ds.coverage
        cov = cov[(cov["indicator"].isin(self.indicators)) & (cov["region"] == self.ds.region)]
        years = sorted(int(y) for y in cov["year"].unique())
        rows = []
        for name in self.indicators:
            c = cov[cov["indicator"] == name].set_index("year")
            rows.append(
                [self.voice.indicator(name)]
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
        if not years:  # nothing added yet: no years to tabulate
            return Fragment(p(self.voice.t("no_figures_yet")))
        legend = self.voice.t("coverage_legend")
        found = sum(1 for r in rows for c in r[1:] if c != "·")
        total = len(rows) * len(years)
        summary = self.voice.t("coverage_summary", found=found, total=total)
        return Fragment(
            p(summary)
            + table(
                [self.voice.t("indicator")] + [str(y) for y in years], rows, "pw-table pw-coverage"
            )
            + p(legend, "pw-note")
        )

    def city_map(self) -> ChartOutput | Fragment:
        """The cities on a map: how many published figures each has for this category."""
        if not charts_map.has_map(self.ds):
            return Fragment("")
        return ChartOutput(charts_map.coverage_map(self.ds, self.indicators, self.lang))

    def sources(self) -> Fragment:
        return sources_list(self.voice, self._source_rows())


def _basis(progress_row, unit: str, voice) -> str:
    """The figure, year and flags a status rests on, or — when there is none."""
    r = progress_row
    if pd.isna(r["observed_value"]):
        return "—"
    when = voice.when(int(r["observed_year"]), r.get("observed_period") or "")
    flags = []
    if r["observed_bound"]:
        flags.append(voice.t("lower_bound"))
    if r["comparable"] != "yes":
        flags.append(voice.flag("comparable", r["comparable"]))
    if r["value_kind"] not in ("exact", "lower_bound") and not r["observed_bound"]:
        flags.append(voice.flag("value_kind", r["value_kind"]))
    text = f"{voice.fmt(r['observed_value'], unit)} ({when})"
    return text + (f" [{voice.t('list_sep').join(flags)}]" if flags else "")


def _bound(row) -> bool:
    """Whether a progress row's figure only bounds the year's value from below (so its
    achievement is "at least" that share)."""
    return not pd.isna(row["achievement"]) and bool(row["observed_bound"])
