"""Pandera schemas for every processed table; the Data Package descriptor is generated from them.

Each entry: (schema, title, description, raw sources it is built from).
"""

from __future__ import annotations

import pandera.pandas as pa

from planwatch.tables.schemas_base import COMPARATORS, GEO, ID_RE, LINE, MAPS, PLAN, c
from planwatch.tables.schemas_base import schema as _schema
from planwatch.tables.schemas_evaluation import EVALUATION
from planwatch.tables.schemas_observed import OBSERVED

TABLES: dict[str, tuple[pa.DataFrameSchema, str, str, list[str]]] = {
    "plan": (
        _schema(
            {
                "title": c(str, "the plan's title as published"),
                "title_en": c(str, "the plan's title in English"),
                "issuer": c(str, "issuing body"),
                "issuer_en": c(str, "issuing body in English"),
                "date_issued": c(str, "date the plan was issued (YYYY-MM-DD)"),
                "period_start": c(int, "first year of the plan's own span"),
                "period_end": c(int, "last year of the plan's own span"),
                "source_url": c(str, "where the plan text was taken from"),
                "region": c(str, "the region the table's targets apply to"),
                "region_en": c(str, "that region in English"),
                "region_en_long": c(str, "that region in English, long form"),
                "subregion_kind": c(str, "what the sub-regions are (城市 …)"),
                "subregion_kind_en": c(str, "the same in English"),
                "subregion_kind_short": c(str, "its short form after 各/该/本 (市 for 城市)"),
                "subregion_kinds_en": c(str, "the English plural (cities)"),
                "baseline_year": c(
                    int,
                    "baseline year of the indicator table (a table of targets only: the year "
                    "before its first column)",
                ),
                "has_baseline": c(bool, "whether the plan's table gives a baseline"),
                "languages": c(str, "the report languages, joined by ; (zh;en or zh)"),
                "target_years": c(str, "target years of the indicator table, joined by ;"),
                "table_note": c(
                    str, "the footer under the indicator table as published (its source, notes)"
                ),
            }
        ),
        "Plan",
        "One row: which plan this data set monitors (from data/raw/plan/plan.yml and the table).",
        [PLAN],
    ),
    "names": (
        _schema(
            {
                "kind": c(
                    str, "indicator, category, unit, action, responsible_unit, city, region, note"
                ),
                "key": c(str, "the name as the plan writes it (for notes: the note's id)"),
                "zh": c(str, "text shown in Chinese"),
                "en": c(str, "text shown in English"),
            },
            unique=["kind", "key"],
        ),
        "Names",
        "Every name shown to readers in both languages: the one place render-time code looks up English names.",
        [PLAN, MAPS],
    ),
    "indicators": (
        _schema(
            {
                "indicator_id": c(
                    str, "stable id (slug) of the indicator", checks=pa.Check.str_matches(ID_RE)
                ),
                "order": c(
                    int, "row order of the indicator in the plan's table", checks=pa.Check.ge(1)
                ),
                "category_id": c(
                    str, "stable id of the category", checks=pa.Check.str_matches(ID_RE)
                ),
                "category": c(str, "category as printed (spaces removed)"),
                "category_en": c(str, "category in English (curated translation)"),
                "indicator": c(str, "indicator name as printed, spaces removed, unit split off"),
                "indicator_en": c(str, "indicator name in English (curated translation)"),
                "unit": c(str, "unit as printed in the table"),
                "unit_en": c(str, "unit in English"),
                "year": c(
                    int,
                    "year of the column (from the table header)",
                    checks=pa.Check.in_range(1949, 2100),
                ),
                "value": c(float, "value printed in the table, in the table's unit", nullable=True),
                "comparator": c(
                    str,
                    "bound: = ≥ > ≤ < ≈ (empty when no value)",
                    checks=pa.Check.isin(COMPARATORS + [""]),
                ),
                "value_high": c(float, "upper end when the cell is a range", nullable=True),
                "annotation": c(str, "bracketed note printed in the cell"),
                "is_baseline": c(
                    bool,
                    "true for the baseline column (plan.yml's baseline, else 基期/现状, else "
                    "the first of several years)",
                ),
                "role": c(str, "baseline or target", checks=pa.Check.isin(["baseline", "target"])),
                "attribute": c(str, "属性 column (预期性/约束性) when the table has one"),
                "parent": c(str, "the indicator a 其中 sub-row belongs to"),
                "period": c(
                    str,
                    "empty for a level in that year; for a target of its own kind, the kind and "
                    "the years it spans: annual_average 2021-2025 (a yearly average, 年均) or "
                    "period_total 2021-2025 (a total over the years, 累计 or 〔…〕)",
                ),
                "line_start": c(int, "first " + LINE),
                "line_end": c(int, "last " + LINE),
            },
            unique=["indicator_id", "year"],
        ),
        "Indicator table",
        "The plan's indicator table: one row per indicator and year.",
        [PLAN, MAPS],
    ),
    "actions": (
        _schema(
            {
                "action_no": c(int, "number of the action (一 = 1)", unique=True),
                "action": c(str, "action title"),
                "action_en": c(str, "action title in English"),
                "numeral": c(str, "the action's number as the plan writes it (一, 二 …)"),
                "n_sections": c(int, "numbered sections in the action"),
                "n_tasks": c(int, "tasks in the action"),
                "line": c(int, LINE),
            }
        ),
        "Actions",
        "The plan's actions (主要任务), one row each.",
        [PLAN, MAPS],
    ),
    "sections": (
        _schema(
            {
                "section_id": c(str, "S<action>.<section>", unique=True),
                "action_no": c(int, "action number"),
                "section_no": c(int, "section number within the action"),
                "title": c(str, "section title"),
                "goals": c(str, "the section's goal text"),
                "line_start": c(int, "first " + LINE),
                "line_end": c(int, "last " + LINE),
            }
        ),
        "Sections",
        "Numbered sections of each action, with their goals.",
        [PLAN],
    ),
    "tasks": (
        _schema(
            {
                "task_id": c(str, "T<action>.<section>.<task>", unique=True),
                "action_no": c(int, "action number"),
                "section_no": c(int, "section number"),
                "task_no": c(int, "task number within the section"),
                "title": c(str, "task title (text before the first 。)"),
                "text": c(str, "full task text, responsible units removed"),
                "lead_unit": c(str, "first responsible unit (the lead)"),
                "units": c(str, "all responsible units in order, joined by 、"),
                "n_units": c(int, "number of responsible units", checks=pa.Check.ge(0)),
                "line_start": c(int, "first " + LINE),
                "line_end": c(int, "last " + LINE),
            }
        ),
        "Tasks",
        "Tasks (——— items) of each section, with responsible units.",
        [PLAN],
    ),
    "task_units": (
        _schema(
            {
                "task_id": c(str, "task id"),
                "action_no": c(int, "action number"),
                "position": c(
                    int, "position in the task's unit list (1 = lead)", checks=pa.Check.ge(1)
                ),
                "unit": c(str, "responsible unit as printed (spaces removed)"),
                "unit_en": c(str, "responsible unit in English"),
                "is_lead": c(bool, "true for the first unit of the task"),
            },
            unique=["task_id", "position"],
        ),
        "Responsible units",
        "One row per (task, responsible unit), order kept.",
        [PLAN, MAPS],
    ),
    "prose_targets": (
        _schema(
            {
                "target_id": c(str, "stable id: <place id>#<n>", unique=True),
                "place_kind": c(
                    str,
                    "overall, section or task",
                    checks=pa.Check.isin(["overall", "section", "task"]),
                ),
                "place_id": c(str, "O, a section id or a task id"),
                "action_no": c(
                    "Int64", "action number (empty for the overall goals)", nullable=True
                ),
                "subject": c(str, "words before the number that say what it measures"),
                "object": c(str, "words after the number, up to the clause end"),
                "indicator_id": c(str, "matched plan indicator id, or empty"),
                "indicator": c(str, "matched plan indicator name, or empty"),
                "matched_by": c(str, "plan name or alias that matched"),
                "value_raw": c(str, "the figure as printed"),
                "value": c(float, "value in the base unit"),
                "value_high": c(float, "upper end of a range, base unit", nullable=True),
                "unit": c(str, "base unit (money in 亿元; counts without 万/亿)"),
                "comparator": c(str, "bound", checks=pa.Check.isin(COMPARATORS)),
                "aspiration": c(bool, "true when worded as 力争/争取 (strive to)"),
                "year": c(int, "target year"),
                "year_source": c(
                    str,
                    "explicit (到YYYY年) or horizon (the plan's last year)",
                    checks=pa.Check.isin(["explicit", "horizon"]),
                ),
                "annual": c(bool, "true for a yearly or average-annual figure (每年, 年均)"),
                "sentence": c(str, "the sentence holding the figure"),
                "line": c(int, LINE),
            }
        ),
        "Prose targets",
        "Quantified commitments found in the plan's prose.",
        [PLAN, MAPS],
    ),
    "cities": (
        _schema(
            {
                "city": c(str, "city short name", unique=True),
                "city_en": c(str, "city in English"),
                "full_name": c(str, "official name"),
                "in_source": c(
                    bool, "false when the plan text has no positioning paragraph for the city"
                ),
                "paragraph": c(str, "the positioning paragraph (empty when absent)"),
                "roles": c(str, "roles the paragraph assigns, joined by ;"),
                "line": c("Int64", LINE, nullable=True),
            }
        ),
        "Cities",
        "The plan's sub-regions (cities) and their positioning in the plan.",
        [PLAN, MAPS],
    ),
    "city_roles": (
        _schema(
            {
                "city": c(str, "city"),
                "position": c(int, "order in the paragraph"),
                "role": c(str, "role"),
            }
        ),
        "City roles",
        "One row per role a city paragraph assigns.",
        [PLAN, MAPS],
    ),
    "city_mentions": (
        _schema(
            {
                "city": c(str, "city"),
                "place": c(str, "place as named in the text (gazetteer entry)"),
                "item_kind": c(str, "overall, section, task or city"),
                "item_id": c(str, "id of the item"),
                "action_no": c("Int64", "action number", nullable=True),
                "line": c(int, LINE),
                "excerpt": c(str, "text around the mention"),
            }
        ),
        "City mentions",
        "Every plan item that names a city or one of its places.",
        [PLAN, MAPS],
    ),
    "category_actions": (
        _schema(
            {
                "category": c(str, "indicator category"),
                "category_id": c(str, "category id"),
                "action_no": c(int, "action whose tasks drive the category"),
                "section_id": c(str, "section id"),
            },
            unique=["category", "section_id"],
        ),
        "Category → actions",
        "Which sections of which actions drive each indicator category (curated).",
        [PLAN, MAPS],
    ),
    "institutions": (
        _schema(
            {
                "name_in_text": c(str, "responsible unit as the plan's text names it", unique=True),
                "name_en": c(str, "English name"),
                "current_name": c(
                    str, "the body that holds its functions now (empty: unmapped, not guessed)"
                ),
                "change": c(
                    str,
                    "unchanged, renamed, merged, split or unmapped",
                    checks=pa.Check.isin(["unchanged", "renamed", "merged", "split", "unmapped"]),
                ),
                "note": c(str, "what changed and when"),
                "n_tasks": c(int, "tasks naming the unit"),
                "n_lead": c(int, "tasks it leads"),
                "n_actions": c(int, "actions it appears in"),
            }
        ),
        "Institutions",
        "Responsible units, with the body that holds their functions now.",
        [PLAN, MAPS],
    ),
    "consistency": (
        _schema(
            {
                "target_id": c(str, "prose target id"),
                "indicator": c(str, "plan indicator"),
                "year": c(int, "target year"),
                "prose_value": c(float, "prose value, base unit"),
                "prose_unit": c(str, "base unit"),
                "prose_comparator": c(str, "prose bound"),
                "prose_text": c(str, "figure as printed in the prose"),
                "table_value": c(float, "table value, base unit"),
                "table_unit": c(str, "base unit"),
                "table_comparator": c(str, "table bound"),
                "table_text": c(str, "figure as printed in the table"),
                "ratio": c(float, "prose / table", nullable=True),
                "finding": c(
                    str,
                    "agree, comparator, magnitude, value or unit",
                    checks=pa.Check.isin(["agree", "comparator", "magnitude", "value", "unit"]),
                ),
                "disagrees": c(bool, "true when prose and table give different figures"),
                "prose_line": c(int, LINE),
                "table_lines": c(str, "table row lines"),
                "message": c(str, "the finding in words"),
            }
        ),
        "Consistency findings",
        "Prose targets compared with the indicator table.",
        [PLAN, MAPS],
    ),
    "boundaries": (
        _schema(
            {
                "region": c(str, "plan sub-region", unique=True),
                "region_en": c(str, "the sub-region in English"),
                "code": c(str, "administrative division code (GB/T 2260)"),
                "geometry": c(
                    str, "simplified outline: a GeoJSON MultiPolygon in lon/lat (display only)"
                ),
            }
        ),
        "Sub-region boundaries",
        "One simplified outline per plan sub-region, for maps (empty when the project has none).",
        [GEO],
    ),
    **OBSERVED,
    **EVALUATION,
}
