"""The explorer served by Voilà, opened in headless Chromium: changing the indicator redraws the chart."""

import os
import sys
from pathlib import Path

import pytest

from .browser import CHART, CHART_SNAP, browser_page, free_port, local_server, voila_command
from .conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture
def voila_server(small_project):
    port = free_port()
    env = dict(os.environ, PLANWATCH_ROOT=str(small_project))
    argv = voila_command(port)
    with local_server(argv, port, env) as url:
        yield url


def test_voila_app_changes_chart(voila_server):
    with browser_page(allow_prefixes=(voila_server,)) as page:
        page.goto(voila_server + "/", wait_until="commit", timeout=60000)
        page.wait_for_selector(CHART, timeout=120000)
        assert (
            "from planwatch.explorer.widgets import explorer" not in page.content()
        )  # code hidden
        before = page.evaluate(CHART_SNAP)
        assert before
        page.locator("select").nth(1).select_option(label="数字经济增加值占地区生产总值(GDP)的比重")
        page.wait_for_function(
            f"b => {{ const now = ({CHART_SNAP})(); return now !== '' && now !== b; }}",
            arg=before,
            timeout=60000,
        )
        # planwatch's page template (voila.json) drops the Font Awesome links to a CDN that
        # Voilà's own page carries: the page asks nothing of any other host.
        assert page.blocked == []
        assert page.console_errors == []


def test_voila_exports_arrive_as_browser_downloads(voila_server):
    with browser_page(allow_prefixes=(voila_server,)) as page:
        page.goto(voila_server + "/", wait_until="commit", timeout=60000)
        page.wait_for_selector(CHART, timeout=120000)
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
        page.wait_for_selector(CHART, timeout=120000)
        found = Axe().run(page, options=options).response["violations"]
        left = [
            (v["id"], n["html"][:80])
            for v in found
            if v["impact"] in ("serious", "critical")
            for n in v["nodes"]
        ]
        assert left == []
        assert page.locator("select").first.evaluate("s => s.labels.length") == 1
        # the page speaks the interface's language: lang, title, one intro
        assert page.evaluate("document.documentElement.lang") == "zh"
        assert page.title().startswith("计划数据浏览器")
        assert page.locator(".jp-RenderedMarkdown div[lang=zh]").first.is_visible()
        assert not page.locator(".jp-RenderedMarkdown div[lang=en]").first.is_visible()
        page.get_by_text("English", exact=True).first.click()
        page.wait_for_function("document.documentElement.lang === 'en'", timeout=30000)
        assert page.title().startswith("Plan explorer")
        assert page.locator(".jp-RenderedMarkdown div[lang=en]").first.is_visible()
        assert not page.locator(".jp-RenderedMarkdown div[lang=zh]").first.is_visible()


DRAWS = "() => [...document.querySelectorAll('[data-draws]')].map(e => Number(e.dataset.draws))"


def test_voila_draws_each_chart_once_per_change_with_no_warning(voila_server):
    """Every chart redrawn by a change is drawn once (not once per message), with the Vega-Lite
    the spec was written for (no version warning), and empty layers raise no warning."""
    with browser_page(allow_prefixes=(voila_server,)) as page:
        page.goto(voila_server + "/", wait_until="commit", timeout=60000)
        page.wait_for_selector(CHART, timeout=120000)
        page.wait_for_function(f"() => ({DRAWS})().length >= 2", timeout=60000)
        start = page.evaluate(DRAWS)
        assert all(n == 1 for n in start), start  # each chart drawn once when the page opens
        page.get_by_role("button", name="English").click()
        page.wait_for_function(
            f"s => ({DRAWS})().every((n, i) => n > s[i])", arg=start, timeout=60000
        )
        page.wait_for_timeout(2000)  # a second draw, if any, would come within this
        after = page.evaluate(DRAWS)
        assert [a - b for a, b in zip(after, start, strict=True)] == [1] * len(start)
        noisy = [m for m in page.console_warnings if "Vega-Lite" in m or "Infinite extent" in m]
        assert noisy == []


def test_the_page_template_voila_json_names_is_installed_with_planwatch():
    """voila.json picks planwatch's page template; pip installs it (data-files) and `make setup`
    links it for an editable install, where Voilà looks for templates."""
    import json
    import tomllib

    name = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))["VoilaConfiguration"][
        "template"
    ]
    folder = f"share/jupyter/voila/templates/{name}"
    assert (ROOT / folder / "index.html.j2").is_file() and (ROOT / folder / "conf.json").is_file()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["tool"]["setuptools"]["data-files"][folder] == [f"{folder}/*"]
    assert f"share/jupyter/voila/templates/{name}" in (ROOT / "Makefile").read_text()
    installed = Path(sys.prefix) / folder / "index.html.j2"
    assert installed.is_file(), "run `make setup`: it links the template into the venv"


def test_voila_json_waits_for_the_explorer_output_under_load():
    """With twenty kernels starting on two cores, the explorer cell's widget output reached the
    pool's pre-rendering after nbclient's default 4 s IOPub wait: the page was served with no
    widget and never drew (seen in 1 to 3 of 20 pages). voila.json waits longer."""
    import json

    conf = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
    assert conf["VoilaExecutor"]["iopub_timeout"] >= 120
