"""HTML fragments that notebooks display. Every string from data is escaped here (markupsafe);
charts are shown through their Vega-Lite mimetype so JupyterLab draws them and the exporter can
swap in an offline embed."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

VEGALITE_MIME = "application/vnd.vegalite.v5+json"


class Fragment:
    """Displayable HTML (``_repr_html_``)."""

    def __init__(self, html: str | Markup):
        self.html = Markup(html)

    def _repr_html_(self) -> str:
        return str(self.html)

    def __str__(self) -> str:
        return str(self.html)

    def __add__(self, other: Fragment) -> Fragment:
        return Fragment(self.html + other.html)


class ChartOutput:
    """A chart displayed through the Vega-Lite mimetype; ``spec`` is what tests inspect."""

    def __init__(self, chart):
        self.chart = chart
        self.spec = chart.to_dict()

    def _repr_mimebundle_(self, include=None, exclude=None):
        title = self.spec.get("title", "chart")
        # no chart menu in JupyterLab or Voilà (an unnamed, English-only control): the
        # explorer's own buttons and the reports' downloads export charts and data
        # and no "$schema": Altair writes the Vega-Lite version it was built for, the front end
        # draws with the one it ships, and Vega-Embed warns on every chart when they differ
        spec = {
            **{k: v for k, v in self.spec.items() if k != "$schema"},
            "usermeta": {**self.spec.get("usermeta", {}), "embedOptions": {"actions": False}},
        }
        return {VEGALITE_MIME: spec, "text/plain": f"<planwatch chart: {title}>"}


class Outputs:
    """Several displayable parts shown one after another as separate outputs of one cell (a
    heading, then its chart, …), through IPython's display protocol when a notebook shows the
    object: nothing is displayed by calling the function that makes it."""

    def __init__(self, parts: Iterable):
        self.parts = list(parts)

    def _ipython_display_(self) -> None:
        from IPython.display import display  # the display protocol's own entry point

        for part in self.parts:
            display(part)

    def __len__(self) -> int:
        return len(self.parts)


def tag(name: str, content, **attrs) -> Markup:
    """``<name attrs>content</name>``; content is escaped unless it is already Markup."""
    attr = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"'
        for k, v in attrs.items()
        if v is not None
    )
    return Markup(f"<{name}{attr}>") + escape(content) + Markup(f"</{name}>")


def link(url: str, text: str | None = None) -> Markup:
    if not url:
        return escape(text or "")
    safe = url if url.startswith(("http://", "https://")) else "#"
    return tag("a", text or url, href=safe, rel="noopener", target="_blank")


def table(
    headers: Iterable, rows: Iterable[Iterable], cls: str = "pw-table", caption=None
) -> Markup:
    """A table with column headers (``scope="col"``) and an optional caption, in a box that
    scrolls sideways on a narrow screen rather than widening the page."""
    head = Markup("").join(tag("th", h, scope="col") for h in headers)
    body = Markup("").join(
        tag("tr", Markup("").join(tag("td", "" if c is None else c) for c in row)) for row in rows
    )
    cap = tag("caption", caption) if caption else Markup("")
    inner = tag("table", cap + tag("thead", tag("tr", head)) + tag("tbody", body), class_=cls)
    return tag("div", inner, class_="pw-table-wrap")


def ul(items: Iterable) -> Markup:
    return tag("ul", Markup("").join(tag("li", i) for i in items))


def p(text, cls: str | None = None) -> Markup:
    return tag("p", text, class_=cls)


def heading(level: int, text) -> Markup:
    return tag(f"h{level}", text)


def join(parts: Iterable) -> Fragment:
    return Fragment(
        Markup("").join(Markup(x) if isinstance(x, Markup) else escape(x) for x in parts)
    )


MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "csv": "text/csv;charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_link(data: bytes, filename: str, text: str) -> Markup:
    """An ``<a download>`` link carrying the file itself (a data URI): a click saves it in the
    reader's browser (an exported page, JupyterLab, Voilà); nothing is fetched or written on a
    server."""
    import base64

    fmt = filename.rsplit(".", 1)[-1]
    href = f"data:{MIME[fmt]};base64,{base64.b64encode(data).decode('ascii')}"
    return tag("a", text, class_="pw-download", download=filename, href=href)
