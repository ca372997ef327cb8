"""How time per report behaves as a batch grows: synthetic batches of N report jobs (the real
reports, repeated as numbered variants with their own file names), warm kernels, all cores.

Prints one table: jobs, seconds, seconds per report, peak memory of the whole process tree
(the render, its workers and their kernels, sampled every 0.5 s). One run on this machine; no
assertion. Run: python benchmarks/bench_render_scale.py [--sizes 25,50,100,200]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import tempfile
import threading
import time
from pathlib import Path

import psutil

from planwatch.reports import batch, render
from planwatch.tables import dataset


def tree_rss() -> int:
    me = psutil.Process()
    total = 0
    for p in [me, *me.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def run(ds, n: int, folder: Path) -> tuple[float, float]:
    base = render.plan_jobs(ds)
    todo = [
        dataclasses.replace(j, slug=f"{j.slug}-v{i // len(base)}")
        for i, j in zip(range(n), (base * (n // len(base) + 1)), strict=False)
    ]
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss())
            time.sleep(0.5)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    start = time.perf_counter()
    with batch.Lock(folder):
        results = render.run_batch(ds, todo, folder, force=True, progress=False)
    seconds = time.perf_counter() - start
    done.set()
    t.join()
    assert all(r["status"] == "ok" for r in results), [r for r in results if r["status"] != "ok"]
    return seconds, peak[0] / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="25,50,100,200")
    args = ap.parse_args()
    ds = dataset.load()
    print(f"cores: {os.cpu_count()}; warm kernels, one worker per core")
    print(f"{'jobs':>5} {'seconds':>8} {'s/report':>9} {'peak MiB':>9}")
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            seconds, mib = run(ds, n, Path(tmp))
        print(f"{n:5d} {seconds:8.1f} {seconds / n:9.2f} {mib:9.0f}", flush=True)


if __name__ == "__main__":
    main()
