"""Cost of planwatch's validated observation reading against a plain pandas.read_csv.

Run: make bench. Prints ratios (planwatch / plain) measured in this one process; no assertion.
"""

from __future__ import annotations

import time

import pandas as pd

from planwatch import paths
from planwatch.inputs import observations
from planwatch.tables import build


def best_of(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    b = build.Build()
    build.plan_tables(b, paths.plan_file())
    cat = observations.Catalogue.load(b.tables["indicators"])
    files = observations.observation_files()

    def plain():
        for f in files:
            pd.read_csv(f, dtype=str)

    def validated():
        observations.choose(observations.read_all(cat)[0])

    t_plain, t_pw = best_of(plain), best_of(validated)
    print(f"plain pandas.read_csv : {t_plain * 1000:8.1f} ms")
    print(f"planwatch read+choose : {t_pw * 1000:8.1f} ms")
    print(f"ratio planwatch/plain : {t_pw / t_plain:8.2f}")


if __name__ == "__main__":
    main()
