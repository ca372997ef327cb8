"""Reading published figures: planwatch's validated reader against a plain ``pandas.read_csv``.

Run: ``make bench`` (or ``python benchmarks/bench_observations.py --rows 200000``). A file of N
rows is made in a temporary folder from the project's own observation rows (each quote made
unique, as real quotes are); each side then runs in a fresh Python process that reports its time
and peak memory: the plain read, planwatch's read, check and choice, and the whole
``build-data`` of a copy of the project with the file added and without it. Prints figures and
ratios (planwatch / plain) from this one run; no assertion.

For whole-process timings by an outside timer: ``--make FILE`` writes the file, and
``--side plain FILE`` / ``--side planwatch FILE`` runs one side on it.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from planwatch import paths

PLAIN = """
import json, resource, sys, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
print(json.dumps({"s": time.perf_counter() - t, "rows": len(df),
    "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PLANWATCH = """
import json, resource, sys, time
from pathlib import Path
from planwatch import paths
from planwatch.inputs import choice, figures, observations
from planwatch.inputs import plan as plan_manifest
from planwatch.tables import build
b = build.Build()
build.plan_tables(b, plan_manifest.plan_file())
cat = observations.Catalogue.load(b.tables["indicators"])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
rows, _, _ = figures.read_all(cat, Path(sys.argv[1]).parent)
choice.choose(rows)
print(json.dumps({"s": time.perf_counter() - t, "rows": len(rows),
    "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "base_mb": base}))
"""


def make_file(folder: Path, n: int) -> Path:
    src = paths.observations_dir() / "zhejiang_province.csv"
    with open(src, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    quote = header.index("quote")
    out = folder / "big.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for i in range(n):
            row = list(rows[i % len(rows)])
            row[quote] = f"{row[quote]} #{i}"
            w.writerow(row)
    return out


def build_side(path: Path | None) -> dict:
    """The whole ``planwatch build-data`` of a copy of this project with the file added (its
    sidecar stamped), or without it (``None``), in a fresh process: seconds and peak memory of
    that process."""
    import os
    import shutil
    import time

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(paths.root() / "data" / "raw", root / "data" / "raw")
        env = dict(os.environ, PLANWATCH_ROOT=str(root))
        if path is not None:
            shutil.copy(path, root / "data" / "raw" / "observations" / path.name)
            subprocess.run(
                [sys.executable, "-m", "planwatch.cli", "stamp",
                 str(root / "data" / "raw" / "observations" / path.name), "--title", "bench",
                 "--publisher", "bench", "--source-url", "https://example.org/bench"],
                env=env, check=True, capture_output=True,
            )  # fmt: skip
        code = (
            "import json, resource, sys, time\n"
            "from planwatch.tables import build\n"
            "t = time.perf_counter()\n"
            "build.run()\n"
            "print(json.dumps({'s': time.perf_counter() - t,"
            " 'mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
        )
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - start
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "wall": wall}


def run(code: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--make", type=Path, help="write the file of --rows rows here and stop")
    ap.add_argument("--side", choices=["plain", "planwatch"], help="run one side on FILE")
    ap.add_argument("file", nargs="?", type=Path)
    args = ap.parse_args()
    if args.make:
        args.make.mkdir(parents=True, exist_ok=True)
        print(make_file(args.make, args.rows))
        return
    if args.side:
        print(run(PLAIN if args.side == "plain" else PLANWATCH, args.file))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = make_file(Path(tmp), args.rows)
        size = path.stat().st_size / 1e6
        plain, pw = run(PLAIN, path), run(PLANWATCH, path)
        whole = build_side(path)
        alone = build_side(None)
    assert pw["rows"] == plain["rows"] == args.rows, (pw, plain)
    print(f"file: {args.rows} rows, {size:.1f} MB")
    print(f"plain pandas.read_csv        : {plain['s']:7.2f} s  peak {plain['mb']:6.0f} MB")
    print(f"planwatch read+check+choose  : {pw['s']:7.2f} s  peak {pw['mb']:6.0f} MB")
    print(f"ratio time   planwatch/plain : {pw['s'] / plain['s']:7.2f}")
    print(f"whole build-data with it     : {whole['s']:7.2f} s  peak {whole['mb']:6.0f} MB")
    print(f"ratio time   build-data/plain: {whole['s'] / plain['s']:7.2f}")
    print(f"build-data without the file  : {alone['s']:7.2f} s  peak {alone['mb']:6.0f} MB")
    print(f"ratio time   the file's part : {(whole['s'] - alone['s']) / plain['s']:7.2f}")
    print(
        f"memory per MB of file        : planwatch {(pw['mb'] - pw['base_mb']) / size:.1f} MB, "
        f"plain {plain['mb'] / size:.1f} MB (whole process)"
    )


if __name__ == "__main__":
    main()
