"""What a reader sees (``make check-charts``): open every report in headless Chromium, offline,
and check each drawn chart and its data table, from the drawn SVG rather than from the spec.

Checks, per chart: every text drawn over a mark is legible on it (contrast ≥ 4.5:1, 3:1 for large
text); no ``NaN``/``undefined``/``null`` drawn; colours that tell marks apart appear in a legend;
under 5 % of axis labels cut to "…"; the caption has a title and counts the rows its data table
shows, with no row twice; the data table's headers are words (no raw field names) and its cells no
``True``/``False``/``nan`` or, on a Chinese page, English codes; at 390 px wide no chart text is
drawn under 9 px. ``python tools/check_charts.py [REPORTS_DIR] [--width 1280|390] [NAME …]``
prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import browser  # noqa: E402

MIN_PX = 9.0
CUT_SHARE = 0.05

CHECK_JS = r"""
(minPx) => {
  function rgb(c) {
    if (!c || c === "none" || c === "transparent") return null;
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (m) { const p = m[1].split(",").map(Number); if (p.length > 3 && p[3] === 0) return null; return p.slice(0, 3); }
    if (c[0] === "#") {
      let h = c.slice(1); if (h.length === 3) h = h.split("").map(x => x + x).join("");
      return [0, 2, 4].map(i => parseInt(h.slice(i, i + 2), 16));
    }
    return null;
  }
  function lum(c) {
    const a = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
  }
  function contrast(a, b) { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
  function fillOf(el) {
    const s = getComputedStyle(el);
    const op = parseFloat(s.fillOpacity || "1") * parseFloat(s.opacity || "1");
    if (op < 0.5) return null;
    return rgb(s.fill);
  }
  const out = [];
  document.querySelectorAll("figure.pw-figure").forEach((fig, n) => {
    const problems = [];
    const titleEl = fig.querySelector(".pw-figtitle");
    const title = titleEl ? titleEl.textContent.trim() : "";
    if (!title) problems.push("caption without a title");
    const svg = fig.querySelector(".pw-chart svg");
    const cap = fig.querySelector("figcaption");
    const capText = cap ? cap.textContent.replace(title, "") : "";
    const counted = (capText.match(/\d+/) || [null])[0];
    const rows = [...fig.querySelectorAll("details.pw-chart-data table tbody tr")].map(r => r.textContent.trim());
    if (counted !== null && rows.length && Number(counted) !== rows.length)
      problems.push(`caption counts ${counted} data points, its table has ${rows.length} rows`);
    const dup = rows.length - new Set(rows).size;
    if (dup > 0) problems.push(`${dup} row(s) of the data table appear twice`);
    const heads = [...fig.querySelectorAll("details.pw-chart-data table thead th")].map(th => th.textContent.trim());
    const raw = heads.filter(h => /^[a-z][a-z0-9_.]*$/.test(h));
    if (raw.length) problems.push(`data table headers are field names: ${raw.join(", ")}`);
    const cells = [...fig.querySelectorAll("details.pw-chart-data table tbody td")].map(td => td.textContent.trim());
    const pyish = cells.filter(c => /^(True|False|nan|NaN|None|undefined|null)$/.test(c) || /\bnan%|NaN/.test(c));
    if (pyish.length) problems.push(`data table shows ${[...new Set(pyish)].slice(0, 4).join(", ")}`);
    if (document.documentElement.lang === "zh") {
      const codes = cells.filter(c => /^[a-z][a-z_]{2,}$/.test(c));
      if (codes.length) problems.push(`Chinese data table shows codes: ${[...new Set(codes)].slice(0, 4).join(", ")}`);
    }
    if (!svg) {
      if (fig.querySelector(".pw-chart")) problems.push("no chart drawn");
      out.push({n, title, problems}); return;
    }
    const texts = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim());
    const bad = texts.filter(t => /\b(NaN|undefined|null)\b/.test(t.textContent));
    if (bad.length) problems.push(`draws ${[...new Set(bad.map(t => t.textContent))].slice(0, 3).join(", ")}`);
    const labels = [...svg.querySelectorAll("g.role-axis-label text")];
    const cut = labels.filter(t => t.textContent.endsWith("…"));
    if (labels.length && cut.length / labels.length >= 0.05)
      problems.push(`${cut.length} of ${labels.length} axis labels cut`);
    const shown = svg.getBoundingClientRect().width > 0;  // the other language's part is hidden
    const scale = shown ? svg.getBoundingClientRect().width / (parseFloat(svg.getAttribute("width")) || svg.getBoundingClientRect().width) : 1;
    const small = !shown ? [] : texts.filter(t => parseFloat(getComputedStyle(t).fontSize) * scale < minPx);
    if (small.length) problems.push(`${small.length} text(s) drawn under ${minPx} px (smallest ${Math.min(...small.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)).toFixed(1)} px)`);
    let illegible = 0, worst = 99;
    svg.querySelectorAll("g.role-mark.mark-text text").forEach(t => {
      const fg = fillOf(t); if (!fg) return;
      t.scrollIntoView({block: "center", inline: "center"});  // elementsFromPoint sees the viewport only
      const b = t.getBoundingClientRect(); if (!b.width) return;
      const under = document.elementsFromPoint(b.x + b.width / 2, b.y + b.height / 2)
        .find(e => e !== t && svg.contains(e) && e.tagName === "path" && !e.closest("g.mark-text") && fillOf(e));
      const bg = under ? fillOf(under) : [255, 255, 255];
      const large = parseFloat(getComputedStyle(t).fontSize) * scale >= 18.66;
      const r = contrast(fg, bg);
      if (r < (large ? 3 : 4.5)) { illegible++; worst = Math.min(worst, r); }
    });
    if (illegible) problems.push(`${illegible} text mark(s) illegible on their background (worst ${worst.toFixed(2)}:1)`);
    const aria = [...svg.querySelectorAll("[aria-label]")].map(e => e.getAttribute("aria-label"));
    const rawAria = aria.filter(a => /(^|;\s*)[a-z][a-z0-9_.]*(_[a-z0-9.]+)+:|(^|;\s*)(x|y|index|status|role|value):/.test(a));
    if (rawAria.length) problems.push(`${rawAria.length} screen-reader label(s) read field names (${rawAria[0].slice(0, 60)})`);
    const markFills = new Set();
    svg.querySelectorAll("g.role-mark:not(.mark-text):not(.mark-rule):not(.mark-line) path").forEach(p => {
      const f = fillOf(p); if (f) markFills.add(f.join(","));
    });
    const legendFills = new Set();
    svg.querySelectorAll("g.role-legend-symbol path").forEach(p => {
      const s = getComputedStyle(p);
      [rgb(s.fill), rgb(s.stroke)].forEach(f => { if (f) legendFills.add(f.join(",")); });
    });
    const gradient = svg.querySelector("g.role-legend-gradient");
    if (markFills.size > 1 && !legendFills.size && !gradient)
      problems.push(`${markFills.size} colours of marks and no legend`);
    else if (legendFills.size && !gradient) {
      const missing = [...markFills].filter(f => !legendFills.has(f));
      if (missing.length) problems.push(`${missing.length} mark colour(s) not in the legend (rgb ${missing.slice(0, 2).join(" / ")})`);
    }
    out.push({n, title, problems});
  });
  return out;
}
"""


@dataclass
class Problem:
    page: str
    chart: str
    what: str


def check_page(page, path: Path, width: int) -> list[Problem]:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function(
        "() => [...document.querySelectorAll('.pw-chart')].every("
        "c => c.querySelector('svg') || c.classList.contains('pw-error'))",
        timeout=60_000,
    )
    found = page.evaluate(CHECK_JS, MIN_PX if width <= 480 else 0)
    out = [
        Problem(path.name, f"{c['n'] + 1}. {c['title'][:40]}", what)
        for c in found
        for what in c["problems"]
    ]
    for text in page.evaluate(
        "() => [...document.querySelectorAll('.pw-error')].map(e => e.textContent)"
    ):
        out.append(Problem(path.name, "-", f"chart error: {text[:100]}"))
    return out


def check(folder: Path, names: list[str] | None = None, width: int = 1280) -> list[Problem]:
    pages = sorted(folder.glob("*.html")) if not names else [folder / n for n in names]
    problems: list[Problem] = []
    with browser() as chromium:
        page = chromium.new_guarded_page()
        for path in pages:
            problems += check_page(page, path, width)
        if page.blocked:
            problems.append(Problem("-", "-", f"network requests: {page.blocked[:3]}"))
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "reports"))
    ap.add_argument("names", nargs="*", help="report file names (default: every page)")
    ap.add_argument("--width", type=int, default=1280, help="viewport width (390: a phone)")
    args = ap.parse_intermixed_args()
    problems = check(Path(args.folder), args.names or None, args.width)
    for p in problems:
        print(f"{p.page}\t{p.chart}\t{p.what}")
    print(f"{len(problems)} problem(s) at {args.width} px", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
