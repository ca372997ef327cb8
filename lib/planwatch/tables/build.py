"""``planwatch build-data``: raw → validated tables in ``data/processed/`` (atomic, deterministic)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from planwatch import paths
from planwatch.assess import progress as assess
from planwatch.errors import InputError
from planwatch.inputs import boundaries, choice, figures, mappings, observations, provenance
from planwatch.inputs import plan as plan_manifest
from planwatch.parse import cities as cities_mod
from planwatch.parse import consistency, document, source
from planwatch.parse.normalise import clean_text
from planwatch.parse.plantext import CN_NUM, paragraphs, structure
from planwatch.parse.table_file import parse_table_file
from planwatch.parse.table_values import period_column_target
from planwatch.parse.targets import Place, find_targets
from planwatch.paths import read_vocab
from planwatch.present import words
from planwatch.tables import evaluation, guard, plan_identity, plan_links
from planwatch.tables.schemas import TABLES
from planwatch.tables.schemas_base import typed
from planwatch.tables.storage import json_text, to_csv_bytes, write_set

GITIGNORE = "# Built by `make data` (planwatch build-data); never edited by hand.\n*\n!.gitignore\n"
NUMERALS = {v: k for k, v in CN_NUM.items()}
FIELD_TYPES = {"int64": "integer", "Int64": "integer", "float64": "number", "bool": "boolean"}


@dataclass
class Build:
    tables: dict[str, list[dict]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. files in the folders that are not read
    sources: dict[Path, dict] = field(default_factory=dict)


def read_plan_text(path: Path) -> str:
    """The plan text in any common encoding (``parse.source``: names the file on error), or the
    text of a plan document (an HTML page, a PDF with a text layer, a Word .docx)."""
    data = source.read_bytes(path)
    text = document.text_of(path, data)
    return text if text is not None else source.decode(path, data)


def baseline_flags(table, manifest) -> list[bool]:
    """Which year columns are baselines: as the manifest's ``baseline`` says (a year of the
    table, or none), else as the table marks them (基期/现状, else the first of several)."""
    if manifest.baseline is None:
        return table.baseline or [j == 0 for j in range(len(table.years))]
    if manifest.baseline == "none":
        return [False] * len(table.years)
    if manifest.baseline not in table.years:
        raise InputError(
            manifest.path,
            "the baseline year is not a year column of the plan's table",
            column="baseline",
            value=manifest.baseline,
            expected=f"one of {', '.join(map(str, table.years))}, or none",
        )
    return [y == manifest.baseline for y in table.years]


def period_targets(records: list[dict]) -> list[str]:
    """A 年均/累计 column's target (a yearly average or a total over the years it spans) becomes
    the target of its last year, kept as a target of its own kind (``period``); where that
    year's cell holds a level target too, the level stays and the build says so."""
    warnings = []
    for r in records:
        found = period_column_target(r.get("period_column", ""))
        if found is None:
            continue
        kind, comparator, value = found
        if r["year"] != int(kind[-4:]):
            continue
        if r["value"] is not None:
            warnings.append(
                f"{r['indicator']}: its {kind} target ({comparator}{value}) is not assessed: "
                f"the {r['year']} column holds a level target ({r['value']})"
            )
            continue
        r.update(value=value, comparator=comparator, period=kind)
    return warnings


def plan_tables(build: Build, plan_path: Path) -> None:
    raw = read_plan_text(plan_path)
    manifest = plan_manifest.load()
    table = parse_table_file(plan_path, manifest.table, manifest.pages)
    table.baseline = baseline_flags(table, manifest)
    fatal = [w for i, w in enumerate(table.warnings) if i not in table.words]
    for line, why in (w for i, w in enumerate(table.warnings) if i in table.words):
        build.warnings.append(  # a target in words: kept as written, never assessed as a number
            f"{plan_path.name}, line {line}: the indicator table: {why}"
        )
    if fatal:  # the plan's own table is read whole, or the build stops
        line, why = fatal[0]
        raise InputError(
            plan_path,
            f"the indicator table: {why}",
            line,
            expected="every row and value of the plan's table read (`planwatch parse-table` "
            "lists what it cannot read)",
        )
    records = table.records()
    build.warnings += period_targets(records)
    implicit = {}
    if records and not any(r["category"] for r in records):  # rows under no category heading
        one = read_vocab("table")["category_when_none"]
        implicit[("category", one["zh"])] = {"en": one["en"], "id": one["id"]}
        for r in records:
            r["category"] = one["zh"]
    names = list(dict.fromkeys(r["indicator"] for r in records))
    cats = list(dict.fromkeys(r["category"] for r in records))
    mappings.check_translations("indicator", names)
    if not implicit:
        mappings.check_translations("category", cats)
    mappings.check_aliases(names)
    tr = {**implicit, **mappings.translations()}
    for kind, found in (("indicator", names), ("category", cats)):
        for n, name in enumerate(found, start=1):
            tr.setdefault((kind, name), mappings.translation(kind, name, n))  # Chinese only
    units_en = read_vocab("units_en")  # common units; a row kind=unit in translations wins
    chinese_only = "en" not in manifest.languages
    for r in records:
        r["indicator_id"] = tr[("indicator", r["indicator"])]["id"]
        r["category_id"] = tr[("category", r["category"])]["id"]
        r["category_en"] = tr[("category", r["category"])]["en"]
        r["indicator_en"] = tr[("indicator", r["indicator"])]["en"]
        unit_row = tr.get(("unit", r["unit"]))
        if unit_row is None and r["unit"] in units_en:
            unit_row = {"en": units_en[r["unit"]]}
        if unit_row is None and chinese_only:
            unit_row = {"en": ""}
        if unit_row is None:
            raise InputError(
                paths.mappings_dir() / "translations.csv",
                "no English name for unit",
                value=r["unit"],
                expected="a row kind=unit",
            )
        r["unit_en"] = unit_row["en"]
        r["role"] = "baseline" if r["is_baseline"] else "target"
    build.tables["indicators"] = records

    paras = paragraphs(raw, mappings.city_names())
    mappings.check_gazetteer_against("\n".join(clean_text(line) for line in raw.splitlines()))
    s = structure(paras)
    mappings.check_translations("action", [a["action"] for a in s.actions])
    for a in s.actions:
        a["action_en"] = mappings.english("action", a["action"])
        a["numeral"] = NUMERALS[a["action_no"]]
        a["n_sections"] = sum(x["action_no"] == a["action_no"] for x in s.sections)
        a["n_tasks"] = sum(t["action_no"] == a["action_no"] for t in s.tasks)
    mappings.check_translations(
        "responsible_unit", list(dict.fromkeys(u["unit"] for u in s.task_units))
    )
    for u in s.task_units:
        u["unit_en"] = mappings.english("responsible_unit", u["unit"])
    build.tables.update(
        actions=s.actions, sections=s.sections, tasks=s.tasks, task_units=s.task_units
    )

    places = [Place("overall", "O", None, p.text, p.line_start) for p in s.overall]
    places += [
        Place("section", x["section_id"], x["action_no"], x["goals"], x["line_start"])
        for x in s.sections
    ]
    places += [
        Place("task", t["task_id"], t["action_no"], t["text"], t["line_start"]) for t in s.tasks
    ]
    horizon = max(table.years)
    ids = {r["indicator"]: r["indicator_id"] for r in records}
    targets = []
    for place in places:
        for t in find_targets(place, horizon):
            t["indicator"], t["matched_by"] = mappings.match_indicator(t["subject"], names)
            if not t[
                "matched_by"
            ]:  # Chinese often names the thing after the number: 20万家企业上云
                t["indicator"], t["matched_by"] = mappings.match_indicator(t["object"], names)
            t["indicator_id"] = ids.get(t["indicator"], "")
            targets.append(t)
    build.tables["prose_targets"] = targets

    city_rows = cities_mod.city_table(paras, mappings.cities())
    build.tables["cities"] = city_rows
    build.tables["city_roles"] = cities_mod.role_table(city_rows)
    items = [
        {
            "item_kind": p.kind,
            "item_id": p.id,
            "action_no": p.action_no,
            "text": p.text,
            "line": p.line,
        }
        for p in places
    ]
    items += [
        {
            "item_kind": "city",
            "item_id": f"city:{p.city}",
            "action_no": action_no,  # the action whose part of the text holds the paragraph
            "text": f"{p.city}:{p.text}",
            "line": p.line_start,
        }
        for p, action_no in plan_links.with_action(paras)
        if p.kind == "city"
    ]
    build.tables["city_mentions"] = cities_mod.mentions(items, mappings.gazetteer())

    build.tables["category_actions"] = plan_links.category_actions(records, s)
    build.tables["institutions"] = plan_links.institutions(s, raw)

    build.tables["boundaries"] = boundaries.read()
    build.tables["plan"] = [plan_identity.plan_row(records)]
    build.tables["names"] = plan_identity.name_rows()

    findings = consistency.compare(targets, records)
    build.tables["consistency"] = findings
    for f in findings:
        if f["finding"] in consistency.DISAGREEMENTS:
            build.warnings.append(f"{plan_path.name}: {f['message']}")


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    schema = TABLES[name][0]
    cols = list(schema.columns)
    df = pd.DataFrame(rows, columns=cols)  # a key a row lacks: missing (NaN)
    typed(df, schema, nullable_ints=False)
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(5).to_dict("records")
        raise InputError(
            f"data/processed/{name}.csv",
            "processed table fails its schema",
            value=cases,
            expected="see lib/planwatch/schemas.py",
        ) from None


def datapackage(build: Build, frames: dict[str, pd.DataFrame]) -> dict:
    root = paths.root()
    sources = []
    for p, meta in sorted(build.sources.items()):
        sources.append(
            {
                "title": meta["title"],
                "path": str(p.relative_to(root)),
                "url": str(meta["source_url"]),
                "sha256": str(meta["sha256"]),
            }
        )
    resources = []
    for name, df in frames.items():
        schema, title, description, prefixes = TABLES[name]
        fields = [
            {
                "name": col,
                "type": FIELD_TYPES.get(str(spec.dtype), "string"),
                "description": spec.description or "",
            }
            for col, spec in schema.columns.items()
        ]
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": title,
                "description": description,
                "rows": int(len(df)),
                "sources": [
                    s for s in sources if any(s["path"].startswith(pre) for pre in prefixes)
                ],
                "schema": {"fields": fields, "missingValues": [""]},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "planwatch-processed",
        "title": f"planwatch processed tables: {plan_manifest.load().title['zh']}",
        "description": "Built by `planwatch build-data` from data/raw/. Do not edit by hand.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "sources": sources,
        "resources": resources,
    }


def run(out_dir: Path | None = None) -> Build:
    """Build every table, validate all, then write all (or nothing); one build or add at a time
    (``guard.data_lock``)."""
    with guard.data_lock(), figures.no_cycle_collection():
        return _run(Path(out_dir) if out_dir else paths.processed_dir())


def _run(out_dir: Path) -> Build:
    mappings.reset_caches()
    build = Build(sources=provenance.check_all(paths.raw_dir()))
    plan_tables(build, plan_manifest.plan_file())
    observation_tables(build)
    frames = {name: frame(name, build.tables[name]) for name in TABLES if name in build.tables}
    files = {f"{name}.csv": to_csv_bytes(df) for name, df in frames.items()}
    files["datapackage.json"] = json_text(datapackage(build, frames))
    files[".gitignore"] = GITIGNORE
    write_set(files, out_dir)
    return build


def observation_tables(build: Build, folder: Path | None = None) -> None:
    """Observations (audit, chosen), coverage and progress."""
    indicators = build.tables["indicators"]
    cat = observations.Catalogue.load(indicators)
    rows, _missing, skipped = figures.read_all(cat, folder)
    build.notes.extend(skipped)
    audit = choice.choose(rows)
    build.warnings.extend(choice.findings(rows))
    build.tables["observations_audit"] = audit
    chosen = [r for r in audit if r["chosen"]]
    build.tables["observations"] = chosen

    by_key = {(r["indicator"], r["region"], r["year"]): r for r in chosen}
    years = sorted(r["year"] for r in indicators)
    last = max([years[-1]] + [r["year"] for r in chosen])
    series = [
        (
            "plan",
            n,
            cat.indicators[n]["id"],
            cat.indicators[n]["unit"],
            mappings.english("indicator", n),
        )
        for n in cat.indicators
    ]
    series += [("context", n, "", cat.series[n]["unit"], cat.series[n]["en"]) for n in cat.series]
    coverage = []
    for kind, name, ind_id, unit, name_en in series:
        for region in cat.region_names():
            for year in range(years[0], last + 1):
                o = by_key.get((name, region, year))
                coverage.append(
                    {
                        "series_kind": kind,
                        "indicator_id": ind_id,
                        "indicator": name,
                        "indicator_en": name_en,
                        "region": region,
                        "year": year,
                        "has_value": o is not None,
                        "value": o["value"] if o else None,
                        "unit": unit,
                        "comparable": o["comparable"] if o else "",
                        "value_kind": o["value_kind"] if o else "",
                        "vintage": o["vintage"] if o else "",
                        "source_kind": o["source_kind"] if o else "",
                        "n_figures": o["n_figures"] if o else 0,
                        "source_url": o["source_url"] if o else "",
                    }
                )
    build.tables["coverage"] = coverage

    region = plan_manifest.load().region["zh"]
    progress = []
    no_base = {"year": plan_identity.no_baseline_year(indicators), "value": None}
    for name, info in cat.indicators.items():
        base = next((r for r in indicators if r["indicator"] == name and r["is_baseline"]), no_base)
        obs = [r for r in chosen if r["indicator"] == name and r["region"] == region]
        for r in (r for r in indicators if r["indicator"] == name and not r["is_baseline"]):
            if r["value"] is None:
                continue
            row = assess.assess_one(
                info,
                r["year"],
                float(r["value"]),
                r["comparator"],
                base["year"],
                None if base["value"] is None else float(base["value"]),
                obs,
                r.get("period") or "",
            )
            row.update(
                indicator=name,
                indicator_id=info["id"],
                category=r["category"],
                region=region,
                unit=info["unit"],
                symbol=assess.symbol(row["status"]),
                caveat=words.caveat_text(row["caveat_codes"], "en"),
            )
            progress.append(row)
    build.tables["progress"] = progress
    directions = {n: info["direction"] for n, info in cat.indicators.items()}
    evaluation.run(build, chosen, region, directions)
