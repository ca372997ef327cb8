"""The document commands of the CLI: ``parse-table``, ``parse-plan`` and ``new`` (each reads a
plan in any form ``parse-table`` reads)."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from planwatch.errors import InputError

PARSE_TABLE_HEADER = ["category", "indicator", "unit", "year", "value", "comparator"]


ATTRIBUTE_COLUMNS = [
    "attribute",
    "source",
    "note",
    "weight",
    "target_text",
    "raw",
    "parent",
    "line",
    "number",
    "period",
    "period_column",
    "annotation",
    "table_note",
]
PARSE_TABLE_EXIT = """exit status:
  0  at least one row was read (warnings on stderr do not fail)
  2  no row could be read (no table, an unreadable file), or any warning with --strict
"""


def cmd_parse_table(args) -> int:
    """Print the parsed table as CSV (stable contract: PARSE_TABLE_HEADER) or JSON; warnings,
    one per line with its line number, on stderr."""
    import json

    from planwatch.parse.normalise import format_decimal
    from planwatch.parse.table_file import document_tables, parse_table_file

    pages = _pages(args.pages)
    if args.list:
        grids = document_tables(args.file, pages)
        if grids is None:
            print(f"{args.file}: plain text (one table is looked for in it)")
        for n, g in enumerate(grids or [], start=1):
            first = " | ".join(
                " ".join(c.split()) for c in (g.rows[0] if g.rows else []) if c.strip()
            )
            print(f"table {n}: {g.where}, {g.size}: {first[:120]}")
        return 0
    table = parse_table_file(args.file, args.table, pages, args.baseline_year)
    where = f"{args.file}, {table.where}" if table.where else args.file
    for line, why in table.warnings:
        print(f"planwatch parse-table: warning: {where}, line {line}: {why}", file=sys.stderr)
    if args.strict and table.warnings:
        n = len(table.warnings)
        print(f"planwatch parse-table: error: {n} warning(s) and --strict", file=sys.stderr)
        return 2
    columns = PARSE_TABLE_HEADER + (ATTRIBUTE_COLUMNS if args.with_attributes else [])
    rows = []
    for r in table.records():
        r = dict(r, value=format_decimal(r["value"]), line=r["line_start"])
        rows.append({c: "" if r.get(c) is None else str(r.get(c)) for c in columns})
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r[c] for c in columns])
    return 0


def _pages(text: str | None) -> tuple[int, int] | None:
    """``3-5`` → (3, 5), ``4`` → (4, 4); anything else is refused naming the option."""
    if not text:
        return None
    lo, _, hi = text.partition("-")
    try:
        pages = (int(lo), int(hi or lo))
    except ValueError:
        raise InputError("--pages", "not a page range", value=text, expected="3-5 or 4") from None
    if pages[0] < 1 or pages[1] < pages[0]:
        raise InputError("--pages", "not a page range", value=text, expected="3-5 or 4")
    return pages


def cmd_parse_plan(args) -> int:
    """Print the structure found in a plan text as JSON."""
    import json

    from planwatch.parse.outline import outline_file

    json.dump(outline_file(args.file), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def cmd_new(args) -> int:
    """Make a folder a planwatch project for a plan document (``tables.new_project``)."""
    from planwatch.tables.new_project import new

    done = new(
        Path(args.dir),
        Path(args.plan),
        args.source_url,
        args.publisher,
        args.title,
        args.table,
        _pages(args.pages),
    )
    print(
        f"made {done.root}: {done.indicators} indicators; check plan.yml "
        f"({', '.join(done.guessed) or 'nothing guessed'}) and "
        "data/raw/mappings/indicator_properties.csv; next: see its README.md",
        file=sys.stderr,
    )
    return 0


def add_parsers(sub) -> None:
    """Register parse-table, parse-plan and new on the CLI's sub-parsers."""
    s = sub.add_parser(
        "parse-table",
        help="print a plan text's indicator table as CSV",
        description="Print the indicator table of a plan text (CSV: category,indicator,unit,"
        "year,value,comparator). Rows that cannot be read are warnings on stderr, each naming "
        "its line; every other row is printed.",
        epilog=PARSE_TABLE_EXIT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument(
        "file",
        help="plan text (UTF-8, UTF-16, GBK/GB18030), an HTML page (any extension), a PDF with "
        "a text layer or a Word .docx",
    )
    s.add_argument("--list", action="store_true", help="list the tables of a document and stop")
    s.add_argument("--table", type=int, metavar="N", help="read table N of a document (--list)")
    s.add_argument("--pages", metavar="A-B", help="only these pages of a PDF (3-5, or 4)")
    s.add_argument(
        "--baseline-year",
        type=int,
        metavar="YYYY",
        help="the year of a baseline column that names none (现值, 基期值)",
    )
    s.add_argument("--strict", action="store_true", help="any warning is an error (exit 2)")
    s.add_argument(
        "--with-attributes",
        action="store_true",
        help="add columns: " + ", ".join(ATTRIBUTE_COLUMNS),
    )
    s.add_argument("--format", choices=["csv", "json"], default="csv", help="output format")
    s.set_defaults(func=cmd_parse_table)
    s = sub.add_parser(
        "parse-plan",
        help="print a plan text's structure as JSON (headings, tasks and units, prose targets)",
    )
    s.add_argument("file", help="plan text file (UTF-8, UTF-16, GBK/GB18030)")
    s.set_defaults(func=cmd_parse_plan)
    s = sub.add_parser(
        "new",
        help="make a folder a planwatch project for a plan document",
        description="Make DIR a planwatch project for the plan in FILE (text, HTML, PDF or "
        ".docx, as parse-table reads): the document with its sidecar, a draft plan.yml "
        "(guesses marked), indicator directions, a data-entry template and a README.",
    )
    s.add_argument("dir", help="a new or empty folder")
    s.add_argument("--plan", required=True, metavar="FILE", help="the plan document")
    s.add_argument("--source-url", help="where the plan was published (http(s)://…)")
    s.add_argument("--publisher", help="who published it (default: guessed from the text)")
    s.add_argument("--title", help="the plan's title (default: guessed from the text)")
    s.add_argument(
        "--table", type=int, metavar="N", help="table N of a document (parse-table --list)"
    )
    s.add_argument("--pages", metavar="A-B", help="only these pages of a PDF")
    s.set_defaults(func=cmd_new)
