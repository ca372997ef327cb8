"""Build step of the official evaluation results: a published order of the sub-regions (the
official composite evaluation the plan asks for) kept as ``official_results``, one row per
year and sub-region with its position and source. Which context series is such an order is
data: the ``role`` column of ``mappings/context_series.csv`` (``official_order``). A position is
shown as published, beside planwatch's reconstruction, never re-ranked or scored."""

from __future__ import annotations

from planwatch import paths
from planwatch.inputs import mappings

ROLE = "official_order"


def official_series() -> list[str]:
    """The context series that are published official orders (``role: official_order``)."""
    rows = mappings.read_csv(paths.mappings_dir() / "context_series.csv", ["series"])
    return [r["series"] for r in rows if (r.get("role") or "").strip() == ROLE]


def rows(chosen: list[dict], subregions: list[str]) -> list[dict]:
    """``official_results``: the chosen figure of each official order, year and sub-region."""
    series = set(official_series())
    out = []
    for o in chosen:
        if o["indicator"] not in series or o["region"] not in subregions or o["value"] is None:
            continue
        out.append(
            {
                "series": o["indicator"],
                "year": int(o["year"]),
                "region": o["region"],
                "position": int(o["value"]),
                "unit": o["unit"],
                "source_url": o["source_url"],
                "source_title": o["source_title"],
                "quote": o["quote"],
            }
        )
    return sorted(out, key=lambda r: (r["series"], r["year"], r["position"]))
