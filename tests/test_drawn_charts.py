"""What Chromium draws, not just the spec: every chart of a sample of every report kind (the
``rendered`` reports, both languages) passes ``tools/check_charts.py`` at 1280 px and at 390 px:
legible text on its marks, colours in a legend, no NaN drawn, labels whole, captions with titles
that count the rows of a reader's data table, and no chart text under 9 px on a phone."""

from __future__ import annotations

import pytest

from .conftest import ROOT


@pytest.mark.browser
@pytest.mark.kernel
@pytest.mark.parametrize("width", [1280, 390])
def test_every_drawn_chart_passes_the_readers_checks(rendered, width):
    import sys

    sys.path.insert(0, str(ROOT))
    from tools.check_charts import check

    folder, results = rendered
    assert all(r["status"] == "ok" for r in results), results
    pages = sorted(p.name for p in folder.glob("*.html"))
    assert len(pages) >= 12  # every kind, both languages, and the landing page
    problems = check(folder, pages, width)
    assert [f"{p.page} {p.chart}: {p.what}" for p in problems] == []


@pytest.mark.browser
def test_the_check_finds_what_a_reader_would(tmp_path):
    """The check is not a rubber stamp: a chart whose text is the colour of its cell, with a
    raw field name in its table and a row twice, is reported."""
    import sys

    sys.path.insert(0, str(ROOT))
    from planwatch.reports import offline
    from tools.check_charts import check

    cells = [{"x": "a", "c": "#1f77b4", "t": "1.0", "flag": True}] * 2
    spec = {
        "title": "T",
        "data": {"values": cells},
        "layer": [
            {
                "mark": "rect",
                "encoding": {
                    "x": {"field": "x", "type": "nominal", "title": "X"},
                    "color": {"field": "c", "type": "nominal", "scale": None, "legend": None},
                },
            },
            {
                "mark": {"type": "text", "fontSize": 10},
                "encoding": {
                    "x": {"field": "x", "type": "nominal"},
                    "text": {"field": "t"},
                    "color": {"field": "c", "type": "nominal", "scale": None},
                },
            },
        ],
    }
    html = offline.embed(spec, 1, "zh")
    page = tmp_path / "r.html"
    page.write_text(
        '<!DOCTYPE html><html lang="zh"><body>' + html + offline.scripts() + "</body></html>",
        encoding="utf-8",
    )
    found = " | ".join(p.what for p in check(tmp_path, ["r.html"], 1280))
    assert "illegible" in found
