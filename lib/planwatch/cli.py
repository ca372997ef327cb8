"""Command-line interface: ``planwatch <command>``. Run ``planwatch --help``."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from planwatch import __version__
from planwatch.errors import InputError
from planwatch.reports.common import ParameterError
from planwatch.tables.storage import IncompleteSetError

PARSE_TABLE_HEADER = ["category", "indicator", "unit", "year", "value", "comparator"]


def cmd_parse_table(args) -> int:
    """Print the parsed table as CSV (stable contract: PARSE_TABLE_HEADER)."""
    from planwatch.parse.normalise import format_decimal
    from planwatch.parse.table import parse_table_file

    table = parse_table_file(args.file)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(PARSE_TABLE_HEADER)
    for r in table.records():
        writer.writerow(
            [
                r["category"],
                r["indicator"],
                r["unit"],
                r["year"],
                format_decimal(r["value"]),
                r["comparator"],
            ]
        )
    return 0


def cmd_build_data(args) -> int:
    from planwatch import paths
    from planwatch.tables import build

    result = build.run(Path(args.out) if args.out else None)
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for n in result.notes:
        print(f"note: {n}", file=sys.stderr)
    out = Path(args.out) if args.out else paths.processed_dir()
    print(f"wrote {len(result.tables)} tables and datapackage.json to {out}", file=sys.stderr)
    return 0


def cmd_stamp(args) -> int:
    from planwatch.inputs import provenance

    defaults = {
        k: v
        for k, v in {
            "title": args.title,
            "publisher": args.publisher,
            "source_url": args.source_url,
            "date_retrieved": args.date_retrieved,
        }.items()
        if v
    }
    for f in args.files:
        meta = provenance.stamp(Path(f), defaults)
        print(f"{f}: sha256 {meta['sha256']}", file=sys.stderr)
    return 0


def cmd_check_raw(args) -> int:
    from planwatch import paths
    from planwatch.inputs import provenance

    checked = provenance.check_all(paths.raw_dir())
    print(f"{len(checked)} raw files match their sidecars", file=sys.stderr)
    return 0


def cmd_templates(args) -> int:
    from planwatch import paths
    from planwatch.inputs import observations
    from planwatch.inputs.entry_templates import write_templates
    from planwatch.tables import build

    b = build.Build()
    build.plan_tables(b, paths.plan_file())
    seen, indicators = set(), []
    for r in b.tables["indicators"]:
        if r["indicator"] not in seen:
            seen.add(r["indicator"])
            indicators.append(r)
    regions = observations.Catalogue.load(b.tables["indicators"]).region_names()
    out = Path(args.out) if args.out else paths.root() / "data" / "templates"
    for p in write_templates(out, indicators, regions):
        print(f"wrote {p}", file=sys.stderr)
    return 0


def cmd_render(args) -> int:
    from planwatch.reports.common import ParameterError
    from planwatch.reports.render import render, summary_table

    try:
        results = render(
            only=args.only,
            langs=args.lang.split(",") if args.lang else None,
            jobs=args.jobs,
            force=args.force,
            out_dir=args.out,
            progress=not args.quiet,
        )
    except ParameterError as exc:
        print(f"planwatch render: error: {exc}", file=sys.stderr)
        return 2
    print(summary_table(results), file=sys.stderr)
    return 1 if any(r["status"] == "failed" for r in results) else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="planwatch", description=__doc__)
    p.add_argument("--version", action="version", version=f"planwatch {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("parse-table", help="print a plan text's indicator table as CSV")
    s.add_argument("file", help="plan text file (UTF-8 or GB18030)")
    s.set_defaults(func=cmd_parse_table)
    s = sub.add_parser("build-data", help="build data/processed/ from data/raw/")
    s.add_argument("--out", help="output folder (default data/processed/)")
    s.set_defaults(func=cmd_build_data)
    s = sub.add_parser(
        "stamp", help="create or refresh the .meta.yml sidecar (sha256) of raw files"
    )
    s.add_argument("files", nargs="+")
    s.add_argument("--title", help="title of the source (new sidecars)")
    s.add_argument("--publisher", help="publisher of the source")
    s.add_argument(
        "--source-url", help="where the file came from (for a hand-compiled file: its main source)"
    )
    s.add_argument("--date-retrieved", help="YYYY-MM-DD")
    s.set_defaults(func=cmd_stamp)
    s = sub.add_parser("check-raw", help="verify every raw file against its sidecar checksum")
    s.set_defaults(func=cmd_check_raw)
    s = sub.add_parser("templates", help="write the CSV and Excel data-entry templates")
    s.add_argument("--out", help="folder (default data/templates/)")
    s.set_defaults(func=cmd_templates)
    s = sub.add_parser("render", help="render every report to self-contained HTML in reports/")
    s.add_argument(
        "--only",
        action="append",
        metavar="KIND:VALUE",
        help="only these reports, e.g. city:NAME or category:NAME; valid values are in the processed data (repeatable)",
    )
    s.add_argument("--lang", help="comma-separated languages (default zh,en)")
    s.add_argument("--jobs", type=int, help="parallel reports (default: all cores)")
    s.add_argument("--force", action="store_true", help="re-render reports that are unchanged")
    s.add_argument("--out", help="output folder (default reports/)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_render)
    s = sub.add_parser("values", help="list the valid values of a report parameter (from the data)")
    s.add_argument("kind", help="report kind: city, category, action or summary")
    s.set_defaults(func=cmd_values)
    return p


def cmd_values(args) -> int:
    from planwatch.reports import kinds
    from planwatch.tables import dataset

    ds = dataset.load()
    kind = kinds.get(args.kind)
    for key in kind.values(ds):
        print(f"{key}\t{kind.label(ds, key, 'en')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (InputError, FileNotFoundError, IncompleteSetError, ParameterError) as exc:
        print(f"planwatch {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
