import nbformat

from planwatch.present.html import VEGALITE_MIME
from planwatch.reports import offline as export


def _nb(spec):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={VEGALITE_MIME: spec, "text/plain": "c"})
    ]
    md = nbformat.v4.new_markdown_cell(
        '## <span lang="zh">摘要</span><span lang="en"> Summary</span>'
    )
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), md, cell]
    return nb


def test_placeholders_replace_vegalite_outputs():
    nb, n = export._placeholders(
        _nb({"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "mark": "bar"}), "en"
    )
    html = nb.cells[2].outputs[0]["data"]["text/html"]
    assert n == 1 and 'id="pw-chart-1"' in html and "vega.github.io" not in html
    assert html.startswith('<figure class="pw-figure"><figcaption>') and "<details" in html
    assert 'role="img"' not in html  # no image role around a chart's controls


def test_page_is_offline_with_toc_and_one_bundle(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "vega_bundle", lambda: "window.vegaEmbed=function(){};")
    path = tmp_path / "x.ipynb"
    nbformat.write(_nb({"mark": "point", "data": {"values": [{"a": "<b>"}]}}), path)
    page = export.to_html(path, "en", {"planwatch": "0.1.0"})
    assert export.external_references(page) == []
    assert page.count("window.vegaEmbed=") == 1 and '<html lang="en">' in page
    assert '<a href="#pw-sec-2">Summary</a>' in page  # the English heading only
    assert "In&nbsp;[" not in page and ">x<" not in page  # no code, no prompts


def test_external_references_detects_cdn():
    assert export.external_references('<script src="https://cdn.example/x.js"></script>')
    assert export.external_references("<style>@import url(//fonts.example/a.css)</style>")
    assert not export.external_references('<a href="https://example.org">source</a>')


def test_shared_assets_page_references_one_bundle(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "vega_bundle", lambda: "window.vegaEmbed=function(){};")
    rel = export.write_assets(tmp_path)
    assert rel.startswith("assets/vega-bundle-") and (tmp_path / rel).read_text() == (
        "window.vegaEmbed=function(){};"
    )
    assert export.write_assets(tmp_path) == rel  # written once
    spec = {"mark": "bar", "data": {"values": [{"a": 1}]}}
    page = export.to_html(_nb(spec), "en", {"report": "r", export.ASSETS_KEY: rel})
    assert f'<script src="{rel}"></script>' in page
    assert "window.vegaEmbed=function(){};" not in page and export.ASSETS_KEY not in page
    assert export.external_references(page) == []
