"""The explorer to share (``reports/explorer.html``): its size by part, how soon its first chart
is drawn after the file is opened from disk, and how long each interaction takes until the new
chart is drawn, in headless Chromium with the network blocked. The plain alternative, in the
same run: the Python explorer computing the same views (``explorer.views``) for each state, and
with ``--voila`` the Voilà app's first chart (``bench_app.first_chart``, a preheated kernel).
Medians of several runs; no assertion.
Run: python benchmarks/bench_share.py [--runs 5] [--voila]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planwatch.explorer import share, views  # noqa: E402
from planwatch.explorer import state as st  # noqa: E402
from planwatch.tables import dataset  # noqa: E402
from tests.browser import browser  # noqa: E402

CHANGES = [  # what a reader does, in order
    {"compare_mode": "indicators"},
    {"lang": "en"},
    {"years": [2019, 2022]},
    {"show_flagged": False},
    {"rate": 4.5},
    {"compare_mode": "off"},
]


def interactions(page, ds) -> list[float]:
    """Milliseconds from a change to its chart drawn, for every indicator × region and the
    changes above."""
    out = []
    for ind in st.indicators(ds):
        for region in st.regions_with_data(ds, ind):
            steps = [{"category": _category(ds, ind)}, {"indicator": ind}, {"region": region}]
            for change in steps + CHANGES + [{"lang": "zh"}]:
                out.append(
                    page.evaluate(
                        """async (c) => { const e = window.planwatchExplorer;
                        const t = performance.now(); e.set(c); await e.drawn;
                        return performance.now() - t; }""",
                        change,
                    )
                )
    return out


def _category(ds, ind: str) -> str:
    cat = ds.indicators.set_index("indicator").loc[ind, "category"]
    return cat if isinstance(cat, str) else cat.iloc[0]


def python_views(ds) -> list[float]:
    """Milliseconds for the Python explorer to compute the same views of each state."""
    out = []
    for ind in st.indicators(ds):
        for region in st.regions_with_data(ds, ind):
            s = st.initial(ds, "zh", category=_category(ds, ind), indicator=ind, region=region)
            for change in CHANGES:
                years = change.get("years")
                s = st.change(ds, s, **({**change, "years": tuple(years)} if years else change))
                t = time.perf_counter()
                views.chart(ds, s).to_dict()
                views.sentence_html(ds, s), views.table_html(ds, s), views.whatif_html(ds, s)
                out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--voila", action="store_true", help="also time the Voilà app's first chart")
    args = ap.parse_args()
    ds = dataset.load()
    t = time.perf_counter()
    text = share.page(ds)
    made = time.perf_counter() - t
    split = share.size_split(text)
    path = Path(tempfile.mkdtemp()) / "explorer.html"
    path.write_text(text, encoding="utf-8")
    print(f"page made in {made:.1f} s")
    print("size (bytes): " + ", ".join(f"{k} {v:,}" for k, v in split.items()))
    firsts, steps = [], []
    with browser() as chromium:
        for i in range(args.runs):
            page = chromium.new_guarded_page()
            page.goto(path.as_uri())
            page.wait_for_function("window.planwatchExplorer && window.planwatchExplorer.ready")
            firsts.append(page.evaluate("window.planwatchExplorer.readyAt"))
            if i == 0:
                steps = interactions(page, ds)
            assert not page.blocked, page.blocked
            page.close()
    py = python_views(ds)
    print(
        f"first chart after opening from disk: median {statistics.median(firsts):.0f} ms "
        f"(runs: {', '.join(f'{x:.0f}' for x in firsts)})"
    )
    print(
        f"interaction to chart drawn: median {statistics.median(steps):.1f} ms, "
        f"95th percentile {sorted(steps)[int(len(steps) * 0.95)]:.1f} ms, max {max(steps):.1f} ms "
        f"over {len(steps)} changes"
    )
    print(
        f"the Python explorer computing the same views: median {statistics.median(py):.1f} ms "
        f"(page / Python = {statistics.median(steps) / statistics.median(py):.2f})"
    )
    if args.voila:
        from benchmarks.bench_app import first_chart

        v = statistics.median(first_chart(True, 25.0) for _ in range(min(args.runs, 3)))
        print(
            f"Voilà app's first chart (preheated): median {v * 1000:.0f} ms "
            f"(file / Voilà = {statistics.median(firsts) / (v * 1000):.2f})"
        )


if __name__ == "__main__":
    main()
