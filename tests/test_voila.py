"""The explorer served by Voilà, opened in headless Chromium: changing the indicator redraws the chart."""

import os
import sys
from pathlib import Path

import pytest

from .browser import browser_page, free_port, local_server
from .conftest import ROOT

pytestmark = pytest.mark.browser

# Voilà's own page template links Font Awesome from a CDN; the network is blocked, the icons are
# not needed by the explorer, so only these requests may fail.
VOILA_OWN_CDN = "https://cdn.jsdelivr.net/npm/@fortawesome/"


@pytest.fixture
def voila_server(small_project):
    port = free_port()
    voila = Path(sys.executable).parent / "voila"
    env = dict(os.environ, PLANWATCH_ROOT=str(small_project))
    argv = [
        str(voila),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        str(ROOT / "notebooks" / "explore.ipynb"),
    ]
    with local_server(argv, port, env) as url:
        yield url


SNAP = (
    "() => { const c = document.querySelector('.vega-embed canvas'); if (c) return c.toDataURL();"
    " const s = document.querySelector('.vega-embed svg.marks'); return s ? s.outerHTML : ''; }"
)


def test_voila_app_changes_chart(voila_server):
    with browser_page(allow_prefixes=(voila_server,)) as page:
        page.goto(voila_server + "/", wait_until="commit", timeout=60000)
        page.wait_for_selector(".vega-embed canvas, .vega-embed svg.marks", timeout=120000)
        assert (
            "from planwatch.explorer.widgets import explorer" not in page.content()
        )  # code hidden
        before = page.evaluate(SNAP)
        assert before
        page.locator("select").nth(1).select_option(label="数字经济增加值占地区生产总值(GDP)的比重")
        page.wait_for_function(
            f"b => {{ const now = ({SNAP})(); return now !== '' && now !== b; }}",
            arg=before,
            timeout=60000,
        )
        assert all(u.startswith(VOILA_OWN_CDN) for u in page.blocked), page.blocked
        errors = [e for e in page.console_errors if "ERR_FAILED" not in e]
        assert errors == []


def test_voila_exports_arrive_as_browser_downloads(voila_server):
    with browser_page(allow_prefixes=(voila_server,)) as page:
        page.goto(voila_server + "/", wait_until="commit", timeout=60000)
        page.wait_for_selector(".vega-embed canvas, .vega-embed svg.marks", timeout=120000)
        page.get_by_role("button", name="CSV").click()
        link = page.locator("a.pw-download")
        link.wait_for(timeout=60000)
        with page.expect_download(timeout=60000) as info:
            link.click()
        download = info.value
        name = download.suggested_filename
        assert name.startswith("digital_economy_value_added-zhejiang-zh-") and name.endswith(
            "-trajectory.csv"
        )
        data = Path(download.path()).read_bytes()
        assert (
            data.startswith(b"\xef\xbb\xbf")
            and "chosen" in data.decode("utf-8-sig").splitlines()[0]
        )


def test_voila_app_controls_are_named(voila_server):
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"],
    }
    with browser_page(allow_prefixes=(voila_server,)) as page:
        page.goto(voila_server + "/", wait_until="commit", timeout=60000)
        page.wait_for_selector(".vega-embed canvas, .vega-embed svg.marks", timeout=120000)
        found = Axe().run(page, options=options).response["violations"]
        left = [
            (v["id"], n["html"][:80])
            for v in found
            if v["impact"] in ("serious", "critical")
            for n in v["nodes"]
        ]
        assert left == []
        assert page.locator("select").first.evaluate("s => s.labels.length") == 1
