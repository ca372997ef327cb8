"""Curated mapping tables in ``data/raw/mappings/``: gazetteer, translations, aliases (the
sub-regions come from the plan manifest).

Like OWID's etl name mappings, they complain both ways: a name in the data with no mapping is
an error, and so is a mapping entry that matches nothing in the data.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import plan


def read_csv(path: Path, required: list[str]) -> list[dict]:
    """Read a small UTF-8 CSV; a missing column or empty required cell names file, row, column.
    A mapping file that is not there is the same as an empty one (a plan known by its table
    alone needs no gazetteer, aliases or institutions)."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(
                path,
                f"missing column(s) {', '.join(missing)}",
                1,
                expected=f"columns {', '.join(required)}",
            )
        return [dict(row, _row=i) for i, row in enumerate(reader, start=2)]


def cities() -> tuple[dict, ...]:
    """The plan's sub-regions (from the plan manifest), in display order."""
    return tuple(
        {"city": s["name"], "full_name": s["full_name"], "city_en": s["en"], "order": s["order"]}
        for s in plan.load().subregions
    )


def city_names() -> list[str]:
    return [r["city"] for r in cities()]


@cache
def gazetteer() -> tuple[dict, ...]:
    path = paths.mappings_dir() / "gazetteer.csv"
    rows = read_csv(path, ["place", "city", "kind", "place_en", "note"])
    known = set(city_names())
    for r in rows:
        for c in filter(None, r["city"].split(";")):
            if c not in known:
                raise InputError(
                    path,
                    "unknown city",
                    r["_row"],
                    "city",
                    c,
                    f"one of {', '.join(sorted(known))} (or empty for a region)",
                )
    return tuple(rows)


def check_gazetteer_against(text: str) -> None:
    """Every gazetteer place must occur in the (cleaned) plan text."""
    path = paths.mappings_dir() / "gazetteer.csv"
    for r in gazetteer():
        if r["place"] not in text:
            raise InputError(
                path,
                "place does not occur in the plan text",
                r["_row"],
                "place",
                r["place"],
                "a place named in the plan (remove stale entries)",
            )


@cache
def translations() -> dict[tuple[str, str], dict]:
    path = paths.mappings_dir() / "translations.csv"
    out, ids = {}, {}
    for r in read_csv(path, ["kind", "zh", "en", "id"]):
        key = (r["kind"], r["zh"])
        if key in out:
            raise InputError(
                path, "duplicate translation", r["_row"], "zh", r["zh"], "one row per kind and name"
            )
        if not r["id"].strip() and r["kind"] in ("indicator", "category"):
            r = {**r, "id": _ID_UNSAFE.sub("_", r["en"].lower()).strip("_")[:60]}
        if r["kind"] in ("indicator", "category") and r["id"]:
            other = ids.setdefault((r["kind"], r["id"]), r)
            if other is not r:
                raise InputError(
                    path,
                    f"two {r['kind']} rows share the id (given, or made from the English name)",
                    r["_row"],
                    "id",
                    r["id"],
                    f"an id of its own (row {other['_row']} has it)",
                )
        out[key] = r
    return out


_ID_UNSAFE = re.compile(r"[^a-z0-9]+")  # an id left empty is made from the English name


def _csv_cell(text: str) -> str:
    return f'"{text}"' if any(ch in text for ch in ',"\n') else text


def translation(kind: str, zh: str, order: int) -> dict:
    """A name's translation row; for a Chinese-only plan without one: no English name and an
    id made from its order (``indicator_3``)."""
    row = translations().get((kind, zh))
    return row if row is not None else {"en": "", "id": f"{kind}_{order}"}


def english(kind: str, zh: str) -> str:
    row = translations().get((kind, zh))
    return row["en"] if row else ""


def check_translations(kind: str, names: list[str]) -> None:
    """Complain both ways: every name needs a translation (unless the plan's reports are in
    Chinese only), every translation a name. A missing name is listed with the row to add."""
    path = paths.mappings_dir() / "translations.csv"
    have = {zh: r for (k, zh), r in translations().items() if k == kind}
    lacking = [n for n in dict.fromkeys(names) if n not in have]
    if lacking and "en" in plan.load().languages:
        rows = "; ".join(f"{kind},{_csv_cell(n)},<English>," for n in lacking[:20])
        raise InputError(
            path,
            f"no English name for {len(lacking)} {kind} name(s) found in the data",
            value=lacking,
            expected=f"a row kind={kind} for each: add {rows}"
            + (" …" if len(lacking) > 20 else "")
            + " (or set `languages: [zh]` in plan.yml for Chinese reports only)",
        )
    stale = sorted(set(have) - set(names))
    if stale:
        raise InputError(
            path,
            f"translation matches no {kind} in the data",
            have[stale[0]]["_row"],
            "zh",
            stale[0],
            f"a {kind} name that occurs in the data",
        )


@cache
def aliases() -> tuple[dict, ...]:
    return tuple(
        read_csv(paths.mappings_dir() / "indicator_aliases.csv", ["alias", "indicator", "note"])
    )


def check_aliases(indicators: list[str]) -> None:
    path = paths.mappings_dir() / "indicator_aliases.csv"
    for r in aliases():
        if r["indicator"] and r["indicator"] not in indicators:
            raise InputError(
                path,
                "alias points to an unknown indicator",
                r["_row"],
                "indicator",
                r["indicator"],
                "a name from the plan's indicator table",
            )


def match_indicator(subject: str, indicators: list[str]) -> tuple[str, str]:
    """Longest plan name or alias found in ``subject`` → (indicator or '', the matched words).

    An alias with an empty indicator is an explicit non-match (``准独角兽企业`` is not
    ``独角兽企业``)."""
    candidates = [(name, name) for name in indicators]
    candidates += [(r["alias"], r["indicator"]) for r in aliases()]
    hits = [(alias, ind) for alias, ind in candidates if alias in subject]
    if not hits:
        return "", ""
    alias, ind = max(hits, key=lambda h: len(h[0]))
    return ind, alias


def reset_caches() -> None:
    plan.reset_cache()
    for f in (gazetteer, translations, aliases):
        f.cache_clear()
