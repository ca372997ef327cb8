"""Action reports (one per action of the plan) and the accountability summary: what each
action promised, who answers for it, and what we know about delivery."""

from __future__ import annotations

from markupsafe import Markup

from planwatch.present import charts_matrix
from planwatch.present.evidence import flags_text, title
from planwatch.present.html import ChartOutput, Fragment, heading, link, p, table, tag, ul
from planwatch.present.voice import Voice
from planwatch.reports.base import Report
from planwatch.reports.params import resolve_action


def unit_name(ds, unit: str, lang: str) -> str:
    """Both names: as in the plan's text and the current body (or a note that it is unmapped)."""
    voice = Voice(ds, lang)
    inst = ds.institutions.set_index("name_in_text")
    row = inst.loc[unit] if unit in inst.index else None
    shown = voice.name("responsible_unit", unit)
    if row is None or row["change"] == "unchanged":
        return voice.with_original(unit, shown)
    if row["change"] == "unmapped":
        return voice.t("unit_unmapped", shown=shown, unit=unit)
    return voice.t("unit_now", shown=shown, unit=unit, now=row["current_name"])


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


class ActionReport(Report):
    def __init__(self, action, lang: str = "zh", ds=None):
        super().__init__(lang, ds)
        self.action_no = resolve_action(self.ds, action)
        self.row = self.ds.actions[self.ds.actions["action_no"] == self.action_no].iloc[0]

    @property
    def name(self) -> str:
        return self.voice.local(self.row, "action")

    def title(self) -> Fragment:
        fields = {
            "n": self.action_no,
            "numeral": self.row["numeral"],
            "name": self.name,
            "plan": self.voice.plan_title(),
            "sections": int(self.row["n_sections"]),
            "tasks": int(self.row["n_tasks"]),
        }
        return title(
            self.voice.t("action_report_title", **fields),
            self.voice.t("action_report_subtitle", **fields),
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
        note = self.voice.t("goals_quoted")
        return Fragment(ul(items) + (p(note, "pw-note") if note else Markup("")))

    def _targets_table(self, place_id: str) -> Markup:
        pt = self.ds.prose_targets[self.ds.prose_targets["place_id"] == place_id]
        if pt.empty:
            return Markup("")
        audit = self.ds.observations_audit
        cons = self.ds.consistency
        rows = []
        for _, tg in pt.iterrows():
            value = self.voice.cmp(tg["comparator"]) + self.voice.fmt(tg["value"], tg["unit"])
            if tg["value_high"] == tg["value_high"]:
                value += f"–{self.voice.fmt(tg['value_high'], tg['unit'])}"
            for _, c in cons[(cons["target_id"] == tg["target_id"]) & cons["disagrees"]].iterrows():
                value += " " + self.voice.t(
                    "prose_conflict",
                    prose=self.voice.fmt(c["prose_value"], c["prose_unit"]),
                    table=self.voice.fmt(c["table_value"], c["table_unit"]),
                    year=int(c["year"]),
                )
            obs_text = self.voice.t("no_observation")
            ind = ""
            if tg["indicator"]:
                ind = self.voice.indicator(tg["indicator"])
                chosen = audit[
                    (audit["indicator"] == tg["indicator"])
                    & (audit["region"] == self.ds.region)
                    & audit["chosen"]
                ]
                if len(chosen):
                    o = chosen.sort_values("year").iloc[-1]
                    obs_text = (
                        Markup("")
                        + f"{self.voice.fmt(o['value'], o['unit'])} ({int(o['year'])}; {flags_text(o, self.voice)}) "
                        + link(o["source_url"], "↗")
                    )
            rows.append(
                [
                    tg["target_id"],
                    tg["value_raw"],
                    value,
                    int(tg["year"]),
                    self.voice.t("aspiration") if tg["aspiration"] else "",
                    ind,
                    obs_text,
                ]
            )
        headers = [
            "ID",
            self.voice.t("as_printed"),
            self.voice.t("target"),
            self.voice.t("year"),
            "",
            self.voice.t("matched_indicator"),
            self.voice.t("latest"),
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
                parts.append(p(self.voice.t("section_targets")) + section_targets)
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
                    + p(Markup("") + self.voice.t("units") + ": " + unit_list)
                    + self._targets_table(task["task_id"])
                )
        note = self.voice.t("task_units_note", reform=self.voice.note("institutions_reform"))
        return Fragment(Markup("").join(parts) + p(note, "pw-note"))

    def cities(self) -> Fragment:
        m = self.ds.city_mentions
        m = m[(m["action_no"] == self.action_no) & ~m["item_id"].str.startswith("city:")]
        if m.empty:
            return Fragment(p(self.voice.t("action_names_no_city")))
        items = []
        for city, g in m.groupby("city", sort=False):
            label = self.voice.region(city)
            items.append(
                f"{label}: "
                + ", ".join(dict.fromkeys(g["item_id"]))
                + f" ({'、'.join(dict.fromkeys(g['place']))})"
            )
        return Fragment(ul(items))

    def accountability_chart(self) -> ChartOutput:
        return ChartOutput(charts_matrix.accountability_heatmap(self.ds, self.lang, self.action_no))

    def workload(self) -> Fragment:
        return workload_table(self.ds, self.lang, self.action_no)


def workload_table(ds, lang: str, action_no: int | None = None) -> Fragment:
    voice = Voice(ds, lang)
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
    lead = voice.t("workload_lead", units=len(w), total=total)
    return Fragment(
        p(lead)
        + table(
            [
                voice.t("units"),
                voice.t("n_lead"),
                voice.t("n_support"),
                voice.t("actions_involved"),
            ],
            rows,
        )
    )


class AccountabilityReport(Report):
    def __init__(self, lang: str = "zh", ds=None):
        super().__init__(lang, ds)

    def title(self) -> Fragment:
        acts = self.ds.actions
        fields = {"plan": self.voice.plan_title(), "n": len(acts)}
        fields["n_cn"] = acts["numeral"].iloc[-1] if len(acts) else "0"
        return title(
            self.voice.t("accountability_title"),
            self.voice.t("accountability_subtitle", **fields),
        )

    def matrix(self) -> ChartOutput:
        return ChartOutput(charts_matrix.accountability_heatmap(self.ds, self.lang))

    def workload(self) -> Fragment:
        return workload_table(self.ds, self.lang)

    def institutions(self) -> Fragment:
        inst = self.ds.institutions
        rows = [
            [
                r["name_in_text"],
                r["name_en"],
                r["current_name"] or self.voice.t("unmapped"),
                r["change"],
                r["note"],
            ]
            for _, r in inst.iterrows()
        ]
        return Fragment(
            table(
                [
                    self.voice.t("name_in_text", year=str(self.ds.plan_row["date_issued"])[:4]),
                    self.voice.t("name_english"),
                    self.voice.t("current_name"),
                    self.voice.t("change"),
                    self.voice.t("caveat"),
                ],
                rows,
            )
        )

    def actions(self) -> Fragment:
        pt = self.ds.prose_targets
        rows = []
        for _, a in self.ds.actions.iterrows():
            n = int(a["action_no"])
            rows.append(
                [
                    n,
                    self.voice.local(a, "action"),
                    int(a["n_sections"]),
                    int(a["n_tasks"]),
                    int((pt["action_no"] == n).sum()),
                    int(self.ds.task_units[self.ds.task_units["action_no"] == n]["unit"].nunique()),
                ]
            )
        return Fragment(
            table(
                [
                    self.voice.t("action"),
                    "",
                    self.voice.t("section"),
                    self.voice.t("task"),
                    self.voice.t("targets"),
                    self.voice.t("units"),
                ],
                rows,
            )
        )
