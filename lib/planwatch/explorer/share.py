"""The explorer to share: one HTML file that opens from disk with the network off and lets a
reader choose category, indicator, region, years, flagged figures, a comparison and a what-if
rate, in either language, with no kernel (``planwatch render --only explorer``).

Truth by construction: every answer that does not hang on the reader's continuous choices is the
Python explorer's own (``share_data``); the page (``share.js``) only applies the rules that do
(years, flagged figures, compare indexing, the what-if projection), and a browser test holds it
to ``explorer.views`` over a grid of states. The data travel inside, gzip-compressed (the page
unpacks them with the browser's own ``DecompressionStream``), with the data set's checksum."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
from pathlib import Path

from markupsafe import escape

from planwatch.assess.progress import vocab
from planwatch.explorer import share_data as sd
from planwatch.explorer import state as st
from planwatch.present.style import CSS
from planwatch.present.vega import json_for_script, vega_bundle
from planwatch.present.voice import Voice
from planwatch.tables import storage

PAGE_CODE = Path(__file__).with_name("share.js")
PAGE_STYLE = """
.pw-ex-controls{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.6rem}
.pw-ex-controls label{display:flex;flex-direction:column;font-size:.9rem;gap:.2rem}
.pw-ex-controls label.pw-check{flex-direction:row;align-items:center}
.pw-ex-controls select,.pw-ex-controls input{font:inherit;padding:.25rem;max-width:100%}
#pw-ex-chart{min-height:260px;overflow-x:auto}
[hidden]{display:none!important}
"""


def payload(ds) -> dict:
    """Everything the page needs, from the processed data set and the words catalogue."""
    indicators = st.indicators(ds)
    rows, csv_head = sd.observation_rows(ds)
    regions = {i: st.regions_with_data(ds, i) for i in indicators}
    ind_ids = ds.indicators.drop_duplicates("indicator").set_index("indicator")["indicator_id"]
    en = Voice(ds, "en")
    return {
        "checksum": ds.checksum,
        "langs": list(ds.languages),
        "region": ds.region,
        "years": st.years_of(ds),
        "categories": st.categories(ds),
        "by_category": {c: st.indicators(ds, c) for c in st.categories(ds)},
        "indicators": indicators,
        "regions": regions,
        "compare_regions": {
            i: {r: st.compare_regions(ds, i, r) for r in regions[i]} for i in indicators
        },
        "compare_indicators": {  # indicators with a figure for the region (the page drops the one shown)
            r: st.compare_indicators(ds, "", r) for r in dict.fromkeys(sum(regions.values(), []))
        },
        "observed_rate": {i: st.observed_rate(ds, i) for i in indicators},
        "ids": {i: str(ind_ids[i]) for i in indicators},
        "place": {r: en.region(r).lower().replace(" ", "_") for rs in regions.values() for r in rs},
        "rows": rows,
        "csv_head": csv_head,
        "progress": {i: sd.progress_rows(ds, i) for i in indicators},
        "trajectory": {i: sd.trajectories(ds, i) for i in indicators},
        "series": {i: {r: sd.compare_inputs(ds, i, r) for r in regions[i]} for i in indicators},
        "whatif": {i: sd.whatif(ds, i) for i in indicators},
        "rr_classes": vocab()["rr_classes"],
        "zero_base": vocab()["zero_base"],
        "words": {lang: sd.language_words(ds, lang) for lang in ds.languages},
        "category_options": list(ds.indicators.drop_duplicates("category")["category"]),
    }


def packed(data: dict) -> str:
    """The payload as base64 of gzip of its JSON (mtime 0: the same data give the same bytes)."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return base64.b64encode(gzip.compress(raw.encode("utf-8"), 9, mtime=0)).decode("ascii")


def built(ds) -> str:
    """When the data set was written (its manifest's time; the set's bytes hold no date, so
    that the same raw files build the same bytes), or a dash when that cannot be read."""
    try:
        stamp = (Path(ds.folder) / storage.MANIFEST).stat().st_mtime
    except (OSError, TypeError):
        return "—"
    return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def page(ds, lang: str | None = None, meta: dict | None = None, data: dict | None = None) -> str:
    """The whole page, opened in ``lang`` (the plan's first language by default)."""
    lang = lang or ds.languages[0]
    voice = Voice(ds, lang)
    made = dt.date.today().isoformat()
    meta = {  # the data set's checksum once, in the page's words, with when it was built
        **{k: v for k, v in (meta or {}).items() if v != ds.checksum},
        voice.t("share_dataset"): ds.checksum,
        voice.t("share_built"): built(ds),
        voice.t("share_made"): made,
    }
    footer = "<br>".join(f"{escape(k)}: {escape(v)}" for k, v in meta.items())
    body = f"""
<main id="pw-ex" data-lang="{escape(lang)}">
<h1 id="pw-ex-title">{escape(voice.t("ex_page_title"))}</h1>
<p id="pw-ex-intro">{escape(voice.t("share_intro"))}</p>
<noscript><p class="pw-error">{escape(voice.t("share_needs_js"))}</p></noscript>
<p id="pw-ex-status" role="status"></p>
<form id="pw-ex-controls" class="pw-ex-controls" hidden onsubmit="return false"></form>
<section aria-labelledby="pw-ex-chart-title">
<h2 id="pw-ex-chart-title"></h2>
<figure class="pw-figure"><figcaption><span class="pw-figtitle" id="pw-ex-figtitle"></span>
<span id="pw-ex-about"></span></figcaption><div class="pw-chart" id="pw-ex-chart"></div>
<details class="pw-chart-data"><summary id="pw-ex-chart-data-label"></summary>
<div id="pw-ex-chart-data"></div></details></figure>
<div id="pw-ex-sentences" aria-live="polite"></div>
</section>
<section aria-labelledby="pw-ex-whatif-title"><h2 id="pw-ex-whatif-title"></h2>
<div id="pw-ex-whatif-control"></div><div id="pw-ex-whatif"></div></section>
<section aria-labelledby="pw-ex-table-title"><h2 id="pw-ex-table-title"></h2>
<div id="pw-ex-table"></div>
<p><button type="button" id="pw-ex-csv"></button> <span id="pw-ex-csv-status"></span></p>
</section>
<footer class="pw-meta" id="pw-ex-footer">{footer}</footer>
</main>"""
    data_text = packed(data if data is not None else payload(ds))
    opening = {
        "lang": lang,
        "no_browser": voice.t("share_no_browser"),
        "loading": voice.t("share_loading"),
    }
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(voice.t('ex_page_title'))}</title>"
        f"<style>{CSS}{PAGE_STYLE}</style></head><body>{body}"
        f'<script type="application/octet-stream" id="pw-ex-data">{data_text}</script>'
        f'<script type="application/json" id="pw-ex-meta">'
        f"{json_for_script(opening)}</script>"
        f"<script>{vega_bundle()}</script><script>{PAGE_CODE.read_text()}</script>"
        "</body></html>\n"
    )


def size_split(text: str) -> dict[str, int]:
    """Bytes of the page by part: the Vega bundle, the packed data, the page's code, the rest."""
    total = len(text.encode("utf-8"))
    bundle = len(vega_bundle().encode("utf-8"))
    start = text.index('id="pw-ex-data">') + len('id="pw-ex-data">')
    data = text.index("</script>", start) - start
    code = len(PAGE_CODE.read_bytes())
    return {
        "total": total,
        "bundle": bundle,
        "data": data,
        "code": code,
        "rest": total - bundle - data - code,
    }
