"""Turn an executed notebook into ONE self-contained HTML file that works offline.

nbconvert's ``basic`` template gives the body without CDN scripts; inputs and prompts are
dropped. Each Vega-Lite output becomes a placeholder holding its spec as JSON, and the Vega,
Vega-Lite and Vega-Embed JavaScript (vl-convert's bundle) is inlined once per file, followed by a
small loader that embeds every chart. Every chart's data and every table can be downloaded as
CSV, and all of them as one workbook (``takeaway``). The page gets a table of contents, the reader's language
(the other language's spans in bilingual markdown are hidden) and a generation footer.
"""

from __future__ import annotations

import copy
import hashlib
import html
import re
from pathlib import Path

import nbformat
from markupsafe import Markup, escape

from planwatch.present import words
from planwatch.present.html import table as html_table
from planwatch.present.style import CSS
from planwatch.present.vega import VEGA_MIMES, json_for_script, scripts, vega_bundle  # noqa: F401
from planwatch.present.voice import Voice
from planwatch.reports import batch, lang_parts, takeaway


def embed(spec: dict, n: int, lang: str) -> str:
    """A chart as a figure: its caption (title and what it shows, in the page's language), its
    placeholder and spec (drawn by ``scripts()``), and its data as a table, collapsed."""
    spec = _quiet_empty_layers(dict(spec))
    spec.pop("$schema", None)
    title = takeaway.title_text(spec)
    headers, rows = takeaway.records_table(
        takeaway.chart_records(spec), takeaway.field_titles(spec), lang
    )
    about = spec.get("description") or words.t("chart_about", lang, n=len(rows))
    spec["description"] = f"{title}: {about}" if title else about
    table = html_table(headers, rows[:MAX_TABLE_ROWS], "pw-data-table", caption=title or None)
    more = (
        str(escape(words.t("chart_rows_more", lang, n=len(rows) - MAX_TABLE_ROWS)))
        if len(rows) > MAX_TABLE_ROWS
        else ""
    )
    caption = (
        Markup('<figcaption><span class="pw-figtitle">')
        + escape(title)
        + Markup("</span> ")
        + escape(about)
        + Markup("</figcaption>")
    )
    return (
        f'<figure class="pw-figure">{caption}'
        f'<div class="pw-chart" id="pw-chart-{n}"></div>'
        f'<script type="application/vnd.planwatch.vegalite+json" data-target="pw-chart-{n}">'
        f"{json_for_script(spec)}</script>"
        f'<details class="pw-chart-data"><summary>{escape(words.t("chart_data", lang))}</summary>'
        f"{table}{more}</details></figure>"
    )


MAX_TABLE_ROWS = 300


def _quiet_empty_layers(spec: dict) -> dict:
    """A layer with no data draws nothing: it is kept out of the accessibility tree (an empty
    graphics group would be announced with no name)."""
    data = spec.get("data")
    if isinstance(data, dict) and data.get("values") == [] and "mark" in spec:
        mark = spec["mark"] if isinstance(spec["mark"], dict) else {"type": spec["mark"]}
        spec["mark"] = {**mark, "aria": False}
    for key in ("layer", "hconcat", "vconcat", "concat"):
        if isinstance(spec.get(key), list):
            spec[key] = [
                _quiet_empty_layers(dict(p)) if isinstance(p, dict) else p for p in spec[key]
            ]
    return spec


ASSETS = "assets"  # the folder, beside the reports, that --shared-assets writes the bundle to
ASSETS_KEY = "_assets"  # in a page's meta: the bundle's relative path (not shown in the footer)


def write_assets(out: Path) -> str:
    """Write the bundle once into ``out/assets/`` (named by its checksum, so a page always gets
    the bundle it was made with); the path the pages reference."""
    text = vega_bundle()
    name = f"vega-bundle-{hashlib.sha256(text.encode()).hexdigest()[:12]}.js"
    path = Path(out) / ASSETS / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        batch.write_atomic(path, text)
    return f"{ASSETS}/{name}"


def with_kind_words(nb, ds) -> nbformat.NotebookNode:
    """The notebook's markdown with what the plan calls its sub-regions: ``{kind.zh}`` (城市),
    ``{kind_short.zh}`` (市), ``{kinds.en}`` (cities), ``{Kinds.en}`` … as the reports' words
    say them (``Voice.kind_fields``)."""
    nb = copy.deepcopy(nb)
    fill = {
        f"{{{key}.{lang}}}": value
        for lang in words.LANGS
        for key, value in Voice(ds, lang).kind_fields().items()
    }
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "{" in cell.source:
            for token, value in fill.items():
                cell.source = cell.source.replace(token, value)
    return nb


def _placeholders(nb, lang: str) -> tuple[nbformat.NotebookNode, int]:
    nb = copy.deepcopy(nb)
    n = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            mime = next((m for m in VEGA_MIMES if m in data), None)
            if mime is None:
                continue
            n += 1
            out["data"] = {"text/html": embed(data[mime], n, lang)}
            out["metadata"] = {}
    return nb, n


_HEADING = re.compile(r"<h([12])([^>]*)>(.*?)</h\1>", re.S)


def _toc(body: str, lang: str) -> tuple[str, Markup]:
    items, counter = [], [0]

    def visible(inner: str) -> str:
        for other in (x for x in words.LANGS if x != lang):
            inner = re.sub(rf'<span lang="{other}">.*?</span>', "", inner, flags=re.S)
        inner = re.sub(r"<a [^>]*class=\"anchor-link\"[^>]*>.*?</a>", "", inner, flags=re.S)
        return html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()

    def repl(m):
        level, attrs, inner = m.group(1), m.group(2), m.group(3)
        counter[0] += 1
        anchor = f"pw-sec-{counter[0]}"
        if level == "2":
            items.append((anchor, visible(inner)))
        attrs = re.sub(r'\sid="[^"]*"', "", attrs)
        return f'<h{level} id="{anchor}"{attrs}>{inner}</h{level}>'

    body = _HEADING.sub(repl, body)
    title = words.t("contents", lang)
    toc = (
        Markup('<nav class="pw-toc"><strong>')
        + escape(title)
        + Markup("</strong><ol>")
        + Markup("").join(
            Markup('<li><a href="#') + escape(a) + Markup('">') + escape(text) + Markup("</a></li>")
            for a, text in items
        )
        + Markup("</ol></nav>")
    )
    return body, toc


def to_html(nb_path, lang: str, meta: dict[str, str]) -> str:
    """One executed notebook (a path, or the notebook itself) as one offline HTML page; with
    ``meta[ASSETS_KEY]`` the page references the shared bundle instead of holding it."""
    from nbconvert import HTMLExporter

    meta = dict(meta)
    assets = meta.pop(ASSETS_KEY, None)
    nb = (
        copy.deepcopy(nb_path)
        if isinstance(nb_path, nbformat.NotebookNode)
        else nbformat.read(nb_path, as_version=4)
    )
    downloads = takeaway.Downloads(meta.get("report") or "report", lang)
    nb, n_charts = _placeholders(nb, lang)
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    body, _ = exporter.from_notebook_node(nb)
    body = re.sub(r'<a class="anchor-link" href="[^"]*">.*?</a>', "", body, flags=re.S)
    body = re.sub(r' id="cell-id=[^"]*"', "", body)  # random per run (papermill's injected cell)
    body = takeaway.add_links(body, downloads)
    body, toc = _toc(body, lang)
    body = lang_parts.mark_other_language(lang_parts.mark_bilingual(body), lang)
    toc = toc + Markup(downloads.all_link())
    m = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    title = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else "planwatch report"
    if m:  # table of contents right after the title block
        end = body.find("</div>", body.find("pw-subtitle")) if "pw-subtitle" in body else m.end()
        body = body[:end] + str(toc) + body[end:]
    else:
        body = str(toc) + body
    footer = (
        Markup('<footer class="pw-meta">')
        + Markup("<br>").join(escape(f"{k}: {v}") for k, v in meta.items())
        + Markup("</footer>")
    )
    tail = scripts(assets) if n_charts else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f"<body>{body}{footer}{tail}</body></html>\n"
    )


EXTERNAL_REF = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""",
    re.I,
)
CSS_URL = re.compile(r"""(?:@import|url\()\s*["']?(?:https?:)?//""", re.I)


def external_references(text: str) -> list[str]:
    """Script, stylesheet, font or image references to the network (should be none)."""
    return [m.group(0) for m in EXTERNAL_REF.finditer(text)] + [
        m.group(0) for m in CSS_URL.finditer(text)
    ]
