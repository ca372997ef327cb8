"""How many cells of real plan tables `parse-table` reads right, form by form.

    python tools/measure_tables.py [tests/fixtures/real]

Each ``*.source.yml`` there names a real table (its source and how it was found), the files of
its forms and the expected cells, read by hand from the published page. A cell is right when its
indicator-year is read with the expected category, unit, parent, value, comparator and the note
printed beside the value; a cell read that the page does not have (a footer read as a row)
counts against the form. Prints one line per form and exits 1 when a form is under 90 %."""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

import yaml

from planwatch.errors import InputError
from planwatch.parse.table_file import parse_table_file

FIELDS = ("category", "unit", "parent", "comparator", "annotation")
GOAL = 0.9


def expected(path: Path) -> dict[tuple[str, int], dict]:
    with path.open(encoding="utf-8") as f:
        return {(r["indicator"], int(r["year"])): r for r in csv.DictReader(f)}


def _same(got: dict, want: dict) -> bool:
    if any(str(got.get(k) or "") != want[k] for k in FIELDS):
        return False
    if not want["value"]:
        return got["value"] is None
    return got["value"] is not None and Decimal(got["value"]) == Decimal(want["value"])


def score(document: Path, want: dict) -> tuple[int, int, int, list[str]]:
    """(right, expected, read but not on the page, what differs) for one form of a table."""
    try:
        table = parse_table_file(document)
    except InputError as e:
        return 0, len(want), 0, [f"not read: {e}"]
    got = {(r["indicator"], r["year"]): r for r in table.records()}
    right, diffs = 0, []
    for key, w in want.items():
        g = got.get(key)
        if g is not None and _same(g, w):
            right += 1
        else:
            diffs.append(f"{key}: read {None if g is None else {k: g.get(k) for k in w}}")
    extra = len(set(got) - set(want))
    return right, len(want), extra, diffs


def measure(folder: Path) -> list[tuple[str, str, float, str]]:
    out = []
    for meta_path in sorted(folder.glob("*.source.yml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        want = expected(folder / meta["expected"])
        for form, name in meta["forms"].items():
            right, n, extra, diffs = score(folder / name, want)
            share = right / (n + extra) if n + extra else 0.0
            detail = f"{right}/{n} right, {extra} read that the page lacks"
            if diffs:
                detail += "; first difference: " + diffs[0]
            out.append((meta_path.name.removesuffix(".source.yml"), form, share, detail))
    return out


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "tests/fixtures/real"
    results = measure(folder)
    for table, form, share, detail in results:
        print(f"{table} [{form}]: {share:.0%} ({detail})")
    return 0 if results and all(s >= GOAL for _, _, s, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
