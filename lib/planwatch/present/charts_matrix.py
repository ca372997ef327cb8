"""The responsibility matrix: responsible unit × action, the number of tasks each unit leads or
supports, every cell outlined and the report's own action in red."""

from __future__ import annotations

import altair as alt

from planwatch.present import words as narrative
from planwatch.present.charts import _config, _records
from planwatch.present.words import t


def accountability_heatmap(ds, lang: str, highlight_action: int | None = None) -> alt.FacetChart:
    """Responsible unit × action: number of tasks, lead and supporting roles side by side.
    Hovering a row highlights one unit (a Vega-Lite point selection)."""
    tu = ds.task_units.assign(
        role=ds.task_units["is_lead"].map({True: "lead", False: "supporting"})
    )
    counts = tu.groupby(["unit", "action_no", "role"]).size().reset_index(name="tasks")
    totals = tu.groupby("unit").size().sort_values(ascending=False)
    en = ds.institutions.set_index("name_in_text")["name_en"]
    names = {u: narrative.name_with_original(u, en.get(u, u), lang) for u in totals.index}
    role_label = {"lead": t("role_lead", lang), "supporting": t("role_supporting", lang)}
    counts = counts.assign(
        unit_label=counts["unit"].map(names),
        role_label=counts["role"].map(role_label),
        action_no=counts["action_no"].astype(int),
        here=counts["action_no"] == (highlight_action or -1),
    )
    counts = counts.assign(  # what a screen reader says of a cell
        sentence=[
            f"{u}, {t('action', lang)} {a}, {r}: {n}"
            for u, a, r, n in zip(
                counts["unit_label"],
                counts["action_no"],
                counts["role_label"],
                counts["tasks"],
                strict=True,
            )
        ]
    )
    order = [names[u] for u in totals.index]
    hover = alt.selection_point(
        fields=["unit_label"], on="pointerover", name="unit_hover", empty=False
    )
    base = (
        alt.Chart(alt.Data(values=_records(counts)))
        .mark_rect()
        .encode(
            x=alt.X("action_no:O", title=t("action", lang)),
            y=alt.Y("unit_label:N", sort=order, title=None),
            color=alt.Color("tasks:Q", title=t("task", lang), scale=alt.Scale(scheme="blues")),
            # every cell outlined (a one-task cell's pale blue is about 1.3:1 on white), the
            # report's own action in red
            stroke=alt.condition("datum.here", alt.value("#d62728"), alt.value("#595959")),
            description=alt.Description("sentence:N"),
            strokeWidth=alt.StrokeWidthValue(  # the report's own action outlined; a hovered unit
                0.6,
                condition=[
                    {"test": "datum.here", "value": 2.5},
                    {"param": hover.name, "empty": False, "value": 1.5},
                ],
            ),
            tooltip=[
                alt.Tooltip("unit_label:N", title=t("units", lang)),
                alt.Tooltip("action_no:O", title=t("action", lang)),
                alt.Tooltip("role_label:N", title=t("status", lang)),
                alt.Tooltip("tasks:Q", title=t("task", lang)),
            ],
        )
        .add_params(hover)
        .properties(width=200, height=alt.Step(14))
    )
    return _config(
        base.facet(
            column=alt.Column(
                "role_label:N", title=None, sort=[role_label["lead"], role_label["supporting"]]
            )
        ).properties(title=t("accountability_chart_title", lang))
    )
