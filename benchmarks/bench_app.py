"""How soon the explorer's first chart appears after a researcher opens the Voilà app: with the
project's `voila.json` (a preheated kernel) against Voilà's default (a kernel started on
request), in the same run on this machine. Each side: start Voilà on 127.0.0.1, wait until the
pool is warm (a few seconds), open the page in headless Chromium and time until the first
chart is drawn; repeated, median printed. No assertion.
Run: python benchmarks/bench_app.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import CHART, browser_page, free_port, local_server, voila_command  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def first_chart(preheat: bool, settle: float) -> float:
    port = free_port()
    argv = voila_command(port, f"--VoilaConfiguration.preheat_kernel={preheat}")
    with local_server(argv, port, dict(os.environ)) as url:
        time.sleep(settle)  # a preheated pool is ready by then; a default server just idles
        with browser_page(allow_prefixes=(url,)) as page:
            start = time.perf_counter()
            page.goto(url + "/", wait_until="commit", timeout=120000)
            page.wait_for_selector(CHART, timeout=120000)
            return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--settle", type=float, default=25.0, help="seconds between start and page")
    args = ap.parse_args()
    warm = [first_chart(True, args.settle) for _ in range(args.runs)]
    cold = [first_chart(False, args.settle) for _ in range(args.runs)]
    w, c = statistics.median(warm), statistics.median(cold)
    print(f"first chart, preheated kernel (voila.json): median {w:5.1f} s  runs {warm}")
    print(f"first chart, Voila default               : median {c:5.1f} s  runs {cold}")
    print(f"ratio preheated / default: {w / c:.2f}   (goal: first chart within 2 s)")


if __name__ == "__main__":
    main()
