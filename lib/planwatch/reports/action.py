"""Action reports (one per action of the plan) and the accountability summary: what each
action promised, who answers for it, and what we know about delivery."""

from __future__ import annotations

import re

from markupsafe import Markup

from planwatch.present import charts
from planwatch.tables import dataset
from planwatch.inputs import mappings
from planwatch.present import words as narrative
from planwatch.present.html import ChartOutput, Fragment, heading, link, p, table, tag, ul
from planwatch.present.words import t
from planwatch.parse.plantext import CN_NUM
from planwatch.reports.common import ParameterError, check_lang, fmt, title

CN_DIGITS = {v: k for k, v in CN_NUM.items()}


def resolve_action(ds, value) -> int:
    text = re.sub(r"^[(（]|[)）]$", "", str(value).strip())
    for _, a in ds.actions.iterrows():
        n = int(a["action_no"])
        if (
            text in (str(n), CN_DIGITS.get(n, ""), a["action"], a["action_en"])
            or text.lower() == a["action_en"].lower()
        ):
            return n
    valid = ", ".join(f"{int(a['action_no'])} ({a['action']})" for _, a in ds.actions.iterrows())
    raise ParameterError(f"unknown action {value!r}; valid values: {valid}")


def unit_name(ds, unit: str, lang: str) -> str:
    """Both names: as in the 2018 text and the current body (or a note that it is unmapped)."""
    inst = ds.institutions.set_index("name_in_text")
    row = inst.loc[unit] if unit in inst.index else None
    shown = unit if lang == "zh" else (mappings.english("responsible_unit", unit) or unit)
    if row is None or row["change"] == "unchanged":
        return shown if lang == "zh" else f"{shown} ({unit})"
    if row["change"] == "unmapped":
        return (
            f"{shown}(现名称未核实)"
            if lang == "zh"
            else f"{shown} ({unit}; current body not confirmed)"
        )
    return (
        f"{shown} → {row['current_name']}"
        if lang == "zh"
        else f"{shown} ({unit} → now {row['current_name']})"
    )


def workload(ds, action_no: int | None = None):
    tu = (
        ds.task_units
        if action_no is None
        else ds.task_units[ds.task_units["action_no"] == action_no]
    )
    g = tu.groupby("unit").agg(
        n_lead=("is_lead", "sum"),
        n_tasks=("task_id", "count"),
        actions=("action_no", lambda s: sorted({int(x) for x in s})),
    )
    g["n_support"] = g["n_tasks"] - g["n_lead"]
    return g.sort_values(["n_tasks", "n_lead"], ascending=False)


class ActionReport:
    def __init__(self, action, lang: str = "zh", ds=None):
        self.ds = ds or dataset.load()
        self.lang = check_lang(lang)
        self.action_no = resolve_action(self.ds, action)
        self.row = self.ds.actions[self.ds.actions["action_no"] == self.action_no].iloc[0]

    @property
    def name(self) -> str:
        return self.row["action"] if self.lang == "zh" else self.row["action_en"]

    def title(self) -> Fragment:
        n, tasks = self.action_no, int(self.row["n_tasks"])
        if self.lang == "zh":
            return title(
                f"({CN_DIGITS[n]}){self.name}",
                f"《浙江省数字经济五年倍增计划》第{n}项行动 · {int(self.row['n_sections'])}节 · {tasks}项任务",
            )
        return title(
            f"Action {n}: {self.name}",
            f"Zhejiang Digital Economy Five-Year Doubling Plan · "
            f"{int(self.row['n_sections'])} sections · {tasks} tasks",
        )

    def goals(self) -> Fragment:
        secs = self.ds.sections[self.ds.sections["action_no"] == self.action_no]
        items = [
            Markup("")
            + tag("strong", f"{int(s['section_no'])}. {s['title']}")
            + Markup(" ")
            + s["goals"]
            for _, s in secs.iterrows()
        ]
        note = (
            "" if self.lang == "zh" else p("Goals are quoted from the plan in Chinese.", "pw-note")
        )
        return Fragment(ul(items) + Markup(note))

    def _targets_table(self, place_id: str) -> Markup:
        lang = self.lang
        pt = self.ds.prose_targets[self.ds.prose_targets["place_id"] == place_id]
        if pt.empty:
            return Markup("")
        audit = self.ds.observations_audit
        rows = []
        for _, tg in pt.iterrows():
            value = narrative.CMP_WORDS[lang][tg["comparator"]] + fmt(tg["value"], tg["unit"], lang)
            if tg["value_high"] == tg["value_high"]:
                value += f"–{fmt(tg['value_high'], tg['unit'], lang)}"
            obs_text = t("no_observation", lang)
            ind = ""
            if tg["indicator"]:
                ind = narrative.indicator_name(tg["indicator"], lang)
                chosen = audit[
                    (audit["indicator"] == tg["indicator"])
                    & (audit["region"] == "浙江省")
                    & audit["chosen"]
                ]
                if len(chosen):
                    o = chosen.sort_values("year").iloc[-1]
                    obs_text = (
                        Markup("")
                        + f"{fmt(o['value'], o['unit'], lang)} ({int(o['year'])}; {o['comparable']}, {o['value_kind']}) "
                        + link(o["source_url"], "↗")
                    )
            rows.append(
                [
                    tg["target_id"],
                    tg["value_raw"],
                    value + ("" if lang == "en" else ""),
                    int(tg["year"]),
                    ("力争" if lang == "zh" else "aspiration") if tg["aspiration"] else "",
                    ind,
                    obs_text,
                ]
            )
        headers = [
            "ID",
            "原文" if lang == "zh" else "as printed",
            t("target", lang),
            t("year", lang),
            "",
            t("matched_indicator", lang),
            t("latest", lang),
        ]
        return table(headers, rows)

    def tasks(self) -> Fragment:
        lang = self.lang
        parts = []
        secs = self.ds.sections[self.ds.sections["action_no"] == self.action_no]
        units = self.ds.task_units
        for _, s in secs.iterrows():
            parts.append(heading(3, f"{int(s['section_no'])}. {s['title']}"))
            section_targets = self._targets_table(s["section_id"])
            if section_targets:
                parts.append(
                    p(t("targets", lang) + (" — " if lang == "en" else ":") + t("goals", lang))
                    + section_targets
                )
            for _, task in self.ds.tasks[
                self.ds.tasks["section_no"].eq(s["section_no"])
                & self.ds.tasks["action_no"].eq(self.action_no)
            ].iterrows():
                us = units[units["task_id"] == task["task_id"]].sort_values("position")
                names = [unit_name(self.ds, u, lang) for u in us["unit"]]
                unit_list = Markup("; ").join(
                    [tag("strong", n) if i == 0 else Markup.escape(n) for i, n in enumerate(names)]
                )
                parts.append(
                    tag("h4", f"{task['task_id']} {task['title']}")
                    + p(task["text"])
                    + p(Markup("") + t("units", lang) + ": " + unit_list)
                    + self._targets_table(task["task_id"])
                )
        note = (
            "牵头单位以粗体列在首位;“→”后为2018年机构改革后的现名称。"
            if lang == "zh"
            else "The lead unit is first, in bold; “now …” gives the body after the 2018 reform. Task texts are quoted in Chinese."
        )
        return Fragment(Markup("").join(parts) + p(note, "pw-note"))

    def cities(self) -> Fragment:
        lang = self.lang
        m = self.ds.city_mentions
        m = m[(m["action_no"] == self.action_no) & ~m["item_id"].str.startswith("city:")]
        if m.empty:
            return Fragment(
                p("本行动未点名任何城市。" if lang == "zh" else "This action names no city.")
            )
        items = []
        for city, g in m.groupby("city", sort=False):
            label = narrative.region_name(city, lang)
            items.append(
                f"{label}: "
                + ", ".join(dict.fromkeys(g["item_id"]))
                + f" ({'、'.join(dict.fromkeys(g['place']))})"
            )
        return Fragment(ul(items))

    def accountability_chart(self) -> ChartOutput:
        return ChartOutput(charts.accountability_heatmap(self.ds, self.lang, self.action_no))

    def workload(self) -> Fragment:
        return workload_table(self.ds, self.lang, self.action_no)


def workload_table(ds, lang: str, action_no: int | None = None) -> Fragment:
    w = workload(ds, action_no)
    rows = [
        [
            unit_name(ds, u, lang),
            int(r["n_lead"]),
            int(r["n_support"]),
            ", ".join(map(str, r["actions"])),
        ]
        for u, r in w.iterrows()
    ]
    total = int(w["n_tasks"].sum())
    lead = (
        f"共{len(w)}个责任单位、{total}个(任务, 单位)组合。"
        if lang == "zh"
        else f"{len(w)} responsible units in {total} (task, unit) pairs."
    )
    return Fragment(
        p(lead)
        + table(
            [
                t("units", lang),
                t("n_lead", lang),
                t("n_support", lang),
                t("actions_involved", lang),
            ],
            rows,
        )
    )


class AccountabilityReport:
    def __init__(self, lang: str = "zh", ds=None):
        self.ds = ds or dataset.load()
        self.lang = check_lang(lang)

    def title(self) -> Fragment:
        if self.lang == "zh":
            return title(
                "责任分工总览", "《浙江省数字经济五年倍增计划》七大行动的责任单位与任务分布"
            )
        return title(
            "Accountability summary",
            "Who answers for the seven actions of the Zhejiang Digital Economy Five-Year Doubling Plan",
        )

    def matrix(self) -> ChartOutput:
        return ChartOutput(charts.accountability_heatmap(self.ds, self.lang))

    def workload(self) -> Fragment:
        return workload_table(self.ds, self.lang)

    def institutions(self) -> Fragment:
        lang = self.lang
        inst = self.ds.institutions
        rows = [
            [
                r["name_in_text"],
                r["name_en"],
                r["current_name"] or ("(未映射)" if lang == "zh" else "(unmapped)"),
                r["change"],
                r["note"],
            ]
            for _, r in inst.iterrows()
        ]
        return Fragment(
            table(
                ["2018", "English", t("current_name", lang), t("change", lang), t("caveat", lang)],
                rows,
            )
        )

    def actions(self) -> Fragment:
        lang = self.lang
        pt = self.ds.prose_targets
        rows = []
        for _, a in self.ds.actions.iterrows():
            n = int(a["action_no"])
            rows.append(
                [
                    n,
                    a["action"] if lang == "zh" else a["action_en"],
                    int(a["n_sections"]),
                    int(a["n_tasks"]),
                    int((pt["action_no"] == n).sum()),
                    int(self.ds.task_units[self.ds.task_units["action_no"] == n]["unit"].nunique()),
                ]
            )
        return Fragment(
            table(
                [
                    t("action", lang),
                    "",
                    t("section", lang),
                    t("task", lang),
                    t("targets", lang),
                    t("units", lang),
                ],
                rows,
            )
        )
