"""Compare two folders of rendered reports by what a reader gets: the visible text of every page
(scripts and styles left out, and the footer's data checksum and generation time, which change on
every build) and every chart's Vega-Lite spec. Usage:

    python tools/compare_reports.py OLD_REPORTS_DIR NEW_REPORTS_DIR

Prints each page that differs with the first lines that do, then ``same N differ M``; exits 1
when a page differs or is missing. Used to check that a refactoring changed no report.
"""

import difflib
import json
import pathlib
import re
import sys
from html.parser import HTMLParser


class T(HTMLParser):
    def __init__(s):
        super().__init__()
        s.out = []
        s.skip = 0
        s.specs = []
        s.inspec = False

    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if tag in ("style",) or (
            tag == "script" and a.get("type") != "application/vnd.planwatch.vegalite+json"
        ):
            s.skip += 1
        if tag == "script" and a.get("type") == "application/vnd.planwatch.vegalite+json":
            s.inspec = True

    def handle_endtag(s, tag):
        if tag in ("style", "script"):
            if s.inspec:
                s.inspec = False
            elif s.skip:
                s.skip -= 1

    def handle_data(s, d):
        if s.inspec:
            s.specs.append(d)
            return
        if (
            not s.skip
            and d.strip()
            and not re.match(r"(data checksum|generated|planwatch \d|library)", d.strip())
        ):
            s.out.append(d.strip())


def extract(p):
    t = T()
    t.feed(p.read_text(encoding="utf-8"))
    specs = []
    for sp in t.specs:
        try:
            specs.append(json.dumps(json.loads(sp), sort_keys=True, ensure_ascii=False))
        except Exception:
            specs.append(sp)
    return t.out, specs


a, b = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
same = diff = missing = 0
for f in sorted(a.glob("*.html")):
    g = b / f.name
    if not g.exists():
        print("MISSING", f.name)
        missing += 1
        continue
    ta, sa = extract(f)
    tb, sb = extract(g)
    if ta == tb and sa == sb:
        same += 1
        continue
    diff += 1
    print("==", f.name, "text differs" if ta != tb else "", "specs differ" if sa != sb else "")
    for line in list(difflib.unified_diff(ta, tb, lineterm="", n=0))[2:14]:
        print("   ", line[:200])
    if sa != sb:
        for i, (x, y) in enumerate(zip(sa, sb, strict=False)):
            if x != y:
                for line in list(
                    difflib.unified_diff(x.split(", "), y.split(", "), lineterm="", n=0)
                )[2:8]:
                    print("    spec", i, line[:200])
                break
print("same", same, "differ", diff)
sys.exit(1 if diff or missing else 0)
