"""Take the data away from an exported report: every chart's data and every table as a CSV
download (UTF-8 with BOM, cells neutralised, source columns kept, a file name that says what it
is), and one workbook of all of them. The files travel inside the page as data URIs, so the
downloads work offline and nothing is fetched."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser

from markupsafe import Markup, escape

from planwatch.present import spreadsheet, words
from planwatch.present.html import download_link

_UNSAFE = re.compile(r"[^\w\-]+")


def slug(text: str, limit: int = 48) -> str:
    """A file-name part: letters and digits of any script, '-' and '_'; others become '_'."""
    return _UNSAFE.sub("_", str(text)).strip("_")[:limit].rstrip("_") or "data"


def title_text(spec: dict) -> str:
    title = spec.get("title", "")
    if not title:
        parts = [p for k in ("layer", "vconcat", "hconcat", "concat") for p in spec.get(k) or []]
        title = next((t for t in map(title_text, parts) if t), "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title)


def chart_records(spec: dict) -> list[dict]:
    """Every data row a Vega-Lite spec carries inline (its datasets and each layer's values)."""
    out: list[dict] = []
    for rows in (spec.get("datasets") or {}).values():
        out += [r for r in rows if isinstance(r, dict)]
    data = spec.get("data")
    if isinstance(data, dict) and isinstance(data.get("values"), list):
        out += [r for r in data["values"] if isinstance(r, dict)]
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key) or []:
            if isinstance(part, dict):
                part = {k: v for k, v in part.items() if k != "datasets"}
                out += chart_records(part)
    if isinstance(spec.get("spec"), dict):
        out += chart_records(spec["spec"])
    return out


def field_titles(spec: dict) -> dict[str, str]:
    """Field → axis or legend title in the chart's own words (its encodings, layers included)."""
    out: dict[str, str] = {}
    if isinstance(spec.get("spec"), dict):  # a faceted chart's inner chart
        out.update(field_titles(spec["spec"]))
    for channel in (spec.get("encoding") or {}).values():
        for enc in channel if isinstance(channel, list) else [channel]:
            if isinstance(enc, dict) and isinstance(enc.get("field"), str):
                title = enc.get("title")
                if isinstance(title, str) and title:
                    out.setdefault(enc["field"], title)
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key) or []:
            if isinstance(part, dict):
                for k, v in field_titles(part).items():
                    out.setdefault(k, v)
    return out


def _flat(record: dict) -> dict:
    """A map feature's properties (its outline is not data to take away); any other nested
    value as JSON text."""
    if record.get("type") == "Feature" and isinstance(record.get("properties"), dict):
        record = {f"properties.{k}": v for k, v in record["properties"].items()}
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
        for k, v in record.items()
    }


def records_table(
    records: list[dict], titles: dict[str, str], lang: str | None = None
) -> tuple[list[str], list[list]]:
    """The chart's data as a reader's table: the fields the chart shows a reader (those its axes,
    legends and tooltips name, under those names), values as
    words (是/否 for a flag, nothing for a missing number), each row once (layers that share
    data carry it twice). The caption's count, the table and the downloads all use it."""
    records = [_flat(r) for r in records if r]  # an empty row feeds a reference line, no data
    named = set(titles)
    if lang:  # where a figure comes from travels with it, named in the page's words
        source = words.t("source", lang)
        titles = {"source_title": source, "source_url": f"{source} URL", **titles}
    # a row the chart names nothing of (a reference line at 100) is no data; a field it does
    # not name is internal (a chart that names nothing keeps every field: a bare spec)
    records = [r for r in records if named & set(r)] if named else records
    fields = list(dict.fromkeys(k for r in records for k in r))
    fields = [f for f in fields if f in titles] if named else fields
    headers, seen = [], set()
    for f in fields:
        h = titles.get(f, f)
        h = words.column_name(h, lang) if lang and f in titles else h
        headers.append(h if h not in seen else f)
        seen.add(headers[-1])
    rows = dict.fromkeys(tuple(_reader_value(r.get(f), lang) for f in fields) for r in records)
    return headers, [list(row) for row in rows]


def _reader_value(value, lang: str | None):
    if isinstance(value, bool):
        return words.t("yes" if value else "no", lang) if lang else value
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class _TableReader(HTMLParser):
    """The header and body cells of a ``pw-table`` as text (the other language's spans left
    out); a cell with a link adds the link's address in a column of its own."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang, self.rows, self.cell, self.href = lang, [], None, None
        self.hidden = 0  # depth inside an element in another language

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.hidden or (a.get("lang") and a["lang"] != self.lang):
            self.hidden += tag not in ("br", "img", "input")
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell, self.href = [], None
        elif tag == "a" and self.cell is not None:
            self.href = a.get("href")
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if self.hidden:
            self.hidden -= tag not in ("br", "img", "input")
            return
        if tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1].append((" ".join("".join(self.cell).split()), self.href))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None and not self.hidden:
            self.cell.append(data)


def table_cells(table_html: str, lang: str) -> tuple[list[str], list[list[str]]]:
    """A report table as (headers, rows) of text, with a ``… URL`` column after each column that
    holds links."""
    reader = _TableReader(lang)
    reader.feed(table_html)
    rows = [r for r in reader.rows if r]
    if not rows:
        return [], []
    head, body = [h for h, _ in rows[0]], rows[1:]
    width = max([len(head)] + [len(r) for r in body])
    head += [""] * (width - len(head))
    linked = [i for i in range(width) if any(i < len(r) and r[i][1] for r in body)]
    headers = []
    for i, h in enumerate(head):
        headers.append(h)
        if i in linked:
            headers.append(f"{h} URL".strip())
    out = []
    for r in body:
        r = r + [("", None)] * (width - len(r))
        row = []
        for i, (text, href) in enumerate(r):
            row.append(text)
            if i in linked:
                row.append(href or "")
        out.append(row)
    return headers, out


class Downloads:
    """Collects the page's data tables and makes their links; ``all_link`` offers them as one
    workbook."""

    def __init__(self, prefix: str, lang: str):
        self.prefix, self.lang = slug(prefix, 80), lang
        self.tables: list[tuple[str, list[str], list[list]]] = []

    def link(self, kind: str, title: str, headers: list[str], rows: list[list]) -> str:
        if not headers:
            return ""
        n = len(self.tables) + 1
        name = f"{words.t(kind, self.lang)} {n} {title}".strip()
        self.tables.append((name, headers, rows))
        filename = f"{self.prefix}-{n:02d}-{slug(title or words.t(kind, self.lang))}.csv"
        data = spreadsheet.csv_bytes(headers, rows)
        label = words.t("download_csv", self.lang)
        return str(
            Markup('<p class="pw-data">')
            + Markup(download_link(data, filename, label))
            + Markup("</p>")
        )

    def chart(self, spec: dict) -> str:
        table = records_table(chart_records(spec), field_titles(spec), self.lang)
        return self.link("chart_word", title_text(spec), *table)

    def all_link(self) -> str:
        if not self.tables:
            return ""
        data = spreadsheet.xlsx_bytes(self.tables)
        label = words.t("download_all", self.lang, n=len(self.tables))
        return str(
            Markup('<p class="pw-data pw-data-all">')
            + Markup(download_link(data, f"{self.prefix}-all-data.xlsx", label))
            + Markup("</p>")
        )


_ITEM = re.compile(
    r'<table[^>]*\sclass="pw-table(?:\s[^"]*)?"[^>]*>.*?</table>'
    r'|<script[^>]*\stype="application/vnd\.planwatch\.vegalite\+json"[^>]*>(.*?)</script>',
    re.S,
)
_HEADING = re.compile(r"<h[1-4][^>]*>(.*?)</h[1-4]>", re.S)


def add_links(body: str, downloads: Downloads) -> str:
    """A CSV link after every chart (its data) and every report table (named after the heading
    above it), numbered in page order."""
    out, last = [], 0
    for m in _ITEM.finditer(body):
        if m.group(1) is not None:
            out.append(body[last : m.end()])
            out.append(downloads.chart(json.loads(m.group(1))))
        else:
            headings = _HEADING.findall(body, 0, m.start())
            title = _plain(headings[-1], downloads.lang) if headings else ""
            out.append(body[last : m.start()])
            out.append(_captioned(m.group(0), title))
            out.append(
                downloads.link("table_word", title, *table_cells(m.group(0), downloads.lang))
            )
        last = m.end()
    out.append(body[last:])
    return "".join(out)


def _captioned(table_html: str, title: str) -> str:
    """A table without a caption gets the heading above it as one, for screen readers (it is
    on the page already, just above)."""
    if not title or "<caption" in table_html[:400]:
        return table_html
    end = table_html.index(">") + 1
    return (
        f'{table_html[:end]}<caption class="pw-sr-only">{escape(title)}</caption>{table_html[end:]}'
    )


def _plain(fragment: str, lang: str) -> str:
    reader = _TableReader(lang)
    reader.feed(f"<table><tr><td>{fragment}</td></tr></table>")
    return reader.rows[0][0][0] if reader.rows and reader.rows[0] else ""
