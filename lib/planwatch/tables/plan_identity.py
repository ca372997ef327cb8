"""The plan's identity and names as processed tables: the ``plan`` row (the manifest's title,
issuer, period, region and sub-region kind, with the baseline and target years of its table)
and the ``names`` table (every translated name, the sub-regions, the region and the manifest's
notes), the one table render-time code reads English names from."""

from __future__ import annotations

from planwatch.inputs import mappings
from planwatch.inputs import plan as plan_manifest


def plan_row(records: list[dict]) -> dict:
    """The plan's identity (manifest) with the baseline and target years of its table."""
    m = plan_manifest.load()
    years = sorted({r["year"] for r in records})
    base = sorted({r["year"] for r in records if r["is_baseline"]})
    return {
        "title": m.title["zh"],
        "title_en": m.title["en"],
        "issuer": m.issuer["zh"],
        "issuer_en": m.issuer["en"],
        "date_issued": m.date_issued,
        "period_start": m.period[0],
        "period_end": m.period[1],
        "source_url": m.source_url,
        "region": m.region["zh"],
        "region_en": m.region["en"],
        "region_en_long": m.region.get("en_long") or m.region["en"],
        "subregion_kind": m.subregion_kind["zh"],
        "subregion_kind_en": m.subregion_kind["en"],
        "subregion_kind_short": m.subregion_kind.get("zh_short") or m.subregion_kind["zh"],
        "subregion_kinds_en": m.subregion_kind.get("en_plural") or plural(m.subregion_kind["en"]),
        "baseline_year": base[0] if base else no_baseline_year(records),
        "has_baseline": bool(base),
        "languages": ";".join(m.languages),
        "target_years": ";".join(str(y) for y in years if y not in base),
        # the footer under the plan's table (资料来源:…, 注:…), kept as the table's note
        "table_note": records[0].get("table_note", "") if records else "",
    }


def no_baseline_year(records: list[dict]) -> int:
    """For a table of targets only: the year before its first column, so that figures of every
    target year count and no growth is computed from a baseline the plan does not give."""
    return min(r["year"] for r in records) - 1


def name_rows() -> list[dict]:
    """Every translated name (translations.csv), the sub-regions, the region and the plan's
    notes: the one table render-time code reads English names from."""
    m = plan_manifest.load()
    rows = [
        {"kind": kind, "key": zh, "zh": zh, "en": r["en"]}
        for (kind, zh), r in mappings.translations().items()
    ]
    rows += [
        {"kind": "city", "key": s["name"], "zh": s["name"], "en": s["en"]} for s in m.subregions
    ]
    rows.append(
        {"kind": "region", "key": m.region["zh"], "zh": m.region["zh"], "en": m.region["en"]}
    )
    rows += [{"kind": "note", "key": k, "zh": v["zh"], "en": v["en"]} for k, v in m.notes.items()]
    return rows


def plural(noun: str) -> str:
    """An English noun's plural, for a manifest that gives none: city → cities, region →
    regions, prefecture-level city → prefecture-level cities."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"
