"""Full report batch: `planwatch render` against the plain way a user would script it.

Plain way, for each report in turn: the `papermill` CLI, then `jupyter nbconvert --to html
--no-input`. Then `planwatch render --force` with warm kernels (the default), the same with
`--fresh-kernels`, and the no-change rerun. All in one run on this machine; prints the seconds,
the ratios and where the time goes per report (kernel start, execution, export, from the render
state). Run: make bench-render (takes several minutes).
Usage: python benchmarks/bench_render.py [--limit N]   (N reports only, for a quick look)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planwatch import paths
from planwatch.reports import render
from planwatch.tables import dataset

BIN = Path(sys.executable).parent


def plain(jobs, out: Path) -> float:
    start = time.perf_counter()
    for job in jobs:
        nb = paths.notebooks_dir() / job.notebook
        executed = out / f"{job.name}.ipynb"
        params = [x for k, v in job.params.items() for x in ("-p", k, str(v))]
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(nb),
                str(executed),
                *params,
                "--cwd",
                str(paths.notebooks_dir()),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                str(BIN / "jupyter"),
                "nbconvert",
                "--to",
                "html",
                "--no-input",
                str(executed),
                "--output-dir",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N reports")
    args = ap.parse_args()
    jobs = render.plan_jobs(dataset.load())
    if args.limit:
        jobs = jobs[: args.limit]
    only = sorted({f"{j.kind}:{j.key}" for j in jobs})
    langs = sorted({j.lang for j in jobs})
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp, "planwatch"), Path(tmp, "plain")
        b.mkdir()
        # both planwatch runs are what a user types: a fresh `planwatch render` process each
        cli = [
            str(BIN / "planwatch"),
            "render",
            "--out",
            str(a),
            "--quiet",
            *[x for o in only for x in ("--only", o)],
            "--lang",
            ",".join(langs),
        ]
        t0 = time.perf_counter()
        subprocess.run([*cli, "--force", "--fresh-kernels"], check=True, capture_output=True)
        t_fresh = time.perf_counter() - t0
        fresh_state = json.loads((a / ".state.json").read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        subprocess.run([*cli, "--force"], check=True, capture_output=True)
        t_full = time.perf_counter() - t0
        warm_state = json.loads((a / ".state.json").read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        rerun = subprocess.run(cli, check=True, capture_output=True, text=True)
        t_rerun = time.perf_counter() - t0
        skipped = rerun.stderr.strip().splitlines()[-1]
        t_plain = plain(jobs, b)
    print(f"reports: {len(jobs)}, cores: {os.cpu_count()}; rerun: {skipped}")
    print(f"plain papermill + nbconvert, sequential : {t_plain:8.1f} s")
    print(
        f"planwatch render --force (warm kernels) : {t_full:8.1f} s   ratio {t_full / t_plain:.2f} (goal <= 0.15)"
    )
    print(
        f"planwatch render --force --fresh-kernels: {t_fresh:8.1f} s   ratio {t_fresh / t_plain:.2f}"
    )
    print(
        f"planwatch render (no-change rerun)      : {t_rerun:8.1f} s   ratio {t_rerun / t_full:.3f} of full (goal <= 0.02)"
    )
    for label, state in (("warm", warm_state), ("fresh", fresh_state)):
        parts = {
            k: sum(e.get("timing", {}).get(k, 0.0) for e in state.values())
            for k in ("kernel", "execute", "export")
        }
        n = max(1, len(state))
        print(
            f"per report ({label:5}): kernel start {parts['kernel'] / n:5.2f} s, execution "
            f"{parts['execute'] / n:5.2f} s, export {parts['export'] / n:5.2f} s"
            + (
                "   (fresh: papermill's kernel start is inside execution)"
                if label == "fresh"
                else ""
            )
        )


if __name__ == "__main__":
    main()
