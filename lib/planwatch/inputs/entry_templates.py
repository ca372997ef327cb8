"""Data-entry templates for researchers: a documented CSV and an Excel workbook pre-filled with
every plan indicator, its unit, and the flag vocabularies as drop-down lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwatch.inputs.observations import vocab
from planwatch.present import spreadsheet
from planwatch.present.spreadsheet import neutralise

COLUMNS = [
    "region",
    "indicator",
    "year",
    "value",
    "unit",
    "comparable",
    "value_kind",
    "vintage",
    "year_basis",
    "source_kind",
    "source_url",
    "source_title",
    "quote",
    "note",
    "period",
]
HELP = {
    "region": "the plan's region or one of its sub-regions (aliases in region_aliases.csv are accepted)",
    "indicator": "the plan's indicator name, unit in brackets optional: 指标名称(单位)",
    "year": "the year the figure refers to: 2021 or 2021年",
    "value": "the number; — or empty for not found. Full-width digits and 1,234 are fine",
    "unit": "the unit of value (万亿元 and 家 are converted to the indicator's unit)",
    "comparable": "yes = same definition as the plan; unclear; no = different definition (shown, never scored)",
    "value_kind": "exact, rounded, lower_bound (超过/突破), estimate (预计), partial_period, point_in_time",
    "vintage": "preliminary (初步核算), final (最终核实), revised, or empty",
    "year_basis": "stated in the source, or inferred from context",
    "source_kind": "official, media, repost or low",
    "period": "optional: the months a part-year figure covers (2021-01/2021-10) or the date a "
    "count was taken (2024-05, 2023-12-27), as the source states it",
    "source_url": "required: where the figure was read (http…)",
    "source_title": "title of the page or publication",
    "quote": "the sentence with the number, verbatim",
    "note": "your remarks: conversions, conflicts, scope",
}


def csv_template(indicators: list[dict], region: str) -> str:
    rows = [
        [region, f"{ind['indicator']}({ind['unit']})", "", "", ind["unit"]]
        + [""] * (len(COLUMNS) - 5)
        for ind in indicators
    ]
    return spreadsheet.csv_text(COLUMNS, rows)  # cells that would be formulas neutralised


def xlsx_template(indicators: list[dict], path: Path, regions: list[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.properties.created = wb.properties.modified = dt.datetime(2026, 1, 1)
    ws = wb.active
    ws.title = "observations"
    ws.append(COLUMNS)
    for ind in indicators:
        ws.append(
            [
                neutralise(regions[0]),
                neutralise(f"{ind['indicator']}({ind['unit']})"),
                None,
                None,
                neutralise(ind["unit"]),
            ]
        )
    last = max(len(indicators) + 200, 300)
    lists = wb.create_sheet("lists")
    lists.sheet_state = "hidden"
    lists.append(["region"] + [neutralise(r) for r in regions])
    col_letter = {name: chr(ord("A") + i) for i, name in enumerate(COLUMNS)}
    dv_region = DataValidation(
        type="list", formula1=f"lists!$B$1:${chr(ord('A') + len(regions))}$1", allow_blank=True
    )
    ws.add_data_validation(dv_region)
    dv_region.add(f"A2:A{last}")
    for flag, spec in vocab()["flags"].items():
        values = ",".join(v for v in spec["values"] if v)
        dv = DataValidation(
            type="list",
            formula1=f'"{values}"',
            allow_blank=True,
            errorTitle=flag,
            error=HELP[flag],
            promptTitle=flag,
            prompt=HELP[flag],
        )
        ws.add_data_validation(dv)
        dv.add(f"{col_letter[flag]}2:{col_letter[flag]}{last}")
    notes = wb.create_sheet("说明 notes")
    notes.append(["column", "what to enter"])
    for col in COLUMNS:
        notes.append([col, HELP[col] + (" (required)" if col in vocab()["required"] else "")])
    notes.append([])
    notes.append(
        [
            "",
            "Save into data/raw/observations/, add a sidecar with `planwatch stamp FILE --title … "
            "--publisher … --source-url …`, then run `make data`. Unfilled rows are ignored.",
        ]
    )
    wb.save(path)


def write_templates(out_dir: Path, indicators: list[dict], regions: list[str]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / "observations_template.csv"
    csv_path.write_text(csv_template(indicators, regions[0]), encoding="utf-8")
    xlsx_path = out_dir / "observations_template.xlsx"
    xlsx_template(indicators, xlsx_path, regions)
    return [csv_path, xlsx_path]
