"""A new user opens notebooks/explore.ipynb in JupyterLab, runs all cells and gets the explorer."""

import os
import sys
from pathlib import Path

import pytest

from .browser import CHART, CHART_SNAP, browser_page, free_port, local_server

pytestmark = pytest.mark.browser


def test_explorer_in_jupyterlab_after_run_all(small_project):
    port = free_port()
    jupyter = Path(sys.executable).parent / "jupyter"
    env = dict(os.environ, PLANWATCH_ROOT=str(small_project))
    argv = [
        str(jupyter),
        "lab",
        "--allow-root",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.token=t",
        "--LabApp.news_url=",
        f"--notebook-dir={small_project / 'notebooks'}",
    ]
    with local_server(argv, port, env) as base, browser_page(allow_prefixes=(base,)) as page:
        page.set_viewport_size({"width": 1400, "height": 1400})
        page.goto(f"{base}/lab/tree/explore.ipynb?token=t", wait_until="commit", timeout=60000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('span')].some(s => /\\| Idle/.test(s.textContent))",
            timeout=120000,
        )
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.wait_for_selector(CHART, timeout=180000)
        before = page.evaluate(CHART_SNAP)
        page.locator(".jp-OutputArea select").nth(1).select_option(
            label="数字经济增加值占地区生产总值(GDP)的比重"
        )
        page.wait_for_function(
            f"b => {{ const now = ({CHART_SNAP})(); return now !== '' && now !== b; }}",
            arg=before,
            timeout=60000,
        )
        page.wait_for_function(
            "() => document.querySelector('.jp-Notebook').innerText.includes('2020年目标47%')",
            timeout=30000,
        )
        assert [e for e in page.console_errors if "ERR_FAILED" not in e] == []
