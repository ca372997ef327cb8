"""Action reports (one per action of the plan) and the accountability summary: what each
action promised, who answers for it, and what we know about delivery."""

from __future__ import annotations

from markupsafe import Markup

from planwatch.present import charts, words
from planwatch.present.html import ChartOutput, Fragment, heading, link, p, table, tag, ul
from planwatch.present.words import t
from planwatch.reports.common import check_lang, flags_text, fmt, resolve_action, title
from planwatch.tables import dataset


def unit_name(ds, unit: str, lang: str) -> str:
    """Both names: as in the plan's text and the current body (or a note that it is unmapped)."""
    inst = ds.institutions.set_index("name_in_text")
    row = inst.loc[unit] if unit in inst.index else None
    shown = words.name("responsible_unit", unit, lang)
    if row is None or row["change"] == "unchanged":
        return words.name_with_original(unit, shown, lang)
    if row["change"] == "unmapped":
        return t("unit_unmapped", lang, shown=shown, unit=unit)
    return t("unit_now", lang, shown=shown, unit=unit, now=row["current_name"])


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
        return words.local(self.row, "action", self.lang)

    def title(self) -> Fragment:
        fields = {
            "n": self.action_no,
            "numeral": self.row["numeral"],
            "name": self.name,
            "plan": words.plan_title(self.ds, self.lang),
            "sections": int(self.row["n_sections"]),
            "tasks": int(self.row["n_tasks"]),
        }
        return title(
            t("action_report_title", self.lang, **fields),
            t("action_report_subtitle", self.lang, **fields),
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
        note = t("goals_quoted", self.lang)
        return Fragment(ul(items) + (p(note, "pw-note") if note else Markup("")))

    def _targets_table(self, place_id: str) -> Markup:
        lang = self.lang
        pt = self.ds.prose_targets[self.ds.prose_targets["place_id"] == place_id]
        if pt.empty:
            return Markup("")
        audit = self.ds.observations_audit
        cons = self.ds.consistency
        rows = []
        for _, tg in pt.iterrows():
            value = words.cmp_word(tg["comparator"], lang) + fmt(tg["value"], tg["unit"], lang)
            if tg["value_high"] == tg["value_high"]:
                value += f"–{fmt(tg['value_high'], tg['unit'], lang)}"
            for _, c in cons[(cons["target_id"] == tg["target_id"]) & cons["disagrees"]].iterrows():
                value += " " + t(
                    "prose_conflict",
                    lang,
                    prose=fmt(c["prose_value"], c["prose_unit"], lang),
                    table=fmt(c["table_value"], c["table_unit"], lang),
                    year=int(c["year"]),
                )
            obs_text = t("no_observation", lang)
            ind = ""
            if tg["indicator"]:
                ind = words.indicator_name(tg["indicator"], lang)
                chosen = audit[
                    (audit["indicator"] == tg["indicator"])
                    & (audit["region"] == self.ds.region)
                    & audit["chosen"]
                ]
                if len(chosen):
                    o = chosen.sort_values("year").iloc[-1]
                    obs_text = (
                        Markup("")
                        + f"{fmt(o['value'], o['unit'], lang)} ({int(o['year'])}; {flags_text(o, lang)}) "
                        + link(o["source_url"], "↗")
                    )
            rows.append(
                [
                    tg["target_id"],
                    tg["value_raw"],
                    value,
                    int(tg["year"]),
                    t("aspiration", lang) if tg["aspiration"] else "",
                    ind,
                    obs_text,
                ]
            )
        headers = [
            "ID",
            t("as_printed", lang),
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
                parts.append(p(t("section_targets", lang)) + section_targets)
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
        note = t("task_units_note", lang, reform=words.note("institutions_reform", lang))
        return Fragment(Markup("").join(parts) + p(note, "pw-note"))

    def cities(self) -> Fragment:
        lang = self.lang
        m = self.ds.city_mentions
        m = m[(m["action_no"] == self.action_no) & ~m["item_id"].str.startswith("city:")]
        if m.empty:
            return Fragment(p(t("action_names_no_city", lang)))
        items = []
        for city, g in m.groupby("city", sort=False):
            label = words.region_name(city, lang)
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
    lead = t("workload_lead", lang, units=len(w), total=total)
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
        acts = self.ds.actions
        fields = {"plan": words.plan_title(self.ds, self.lang), "n": len(acts)}
        fields["n_cn"] = acts["numeral"].iloc[-1] if len(acts) else "0"
        return title(
            t("accountability_title", self.lang),
            t("accountability_subtitle", self.lang, **fields),
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
                r["current_name"] or t("unmapped", lang),
                r["change"],
                r["note"],
            ]
            for _, r in inst.iterrows()
        ]
        return Fragment(
            table(
                [
                    t("name_in_text", lang, year=str(self.ds.plan_row["date_issued"])[:4]),
                    t("name_english", lang),
                    t("current_name", lang),
                    t("change", lang),
                    t("caveat", lang),
                ],
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
                    words.local(a, "action", lang),
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
