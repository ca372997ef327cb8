"""Many researchers on one Voilà server (voila.json's settings, idle kernels culled sooner so the
test is short): 20 pages opened at once all draw their chart; once they are closed, no kernel is
left beyond the preheated pool and the server's memory returns near where it started. Bound to
127.0.0.1; at most 20 kernels."""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

import psutil
import pytest

from .browser import CHART, CHROMIUM_ARGS, chromium_path, free_port, local_server, voila_command
from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.load]

PAGES = 20
# seconds idle and unconnected (voila.json: 600), long enough for twenty pages to connect on two
# cores; the pool and everything else as in voila.json
CULL_AFTER = 180


def _kernels(server: psutil.Process) -> list[psutil.Process]:
    """The server's live kernels (a culled kernel not yet reaped is gone)."""
    found = []
    for c in server.children(recursive=True):
        try:
            if c.status() != psutil.STATUS_ZOMBIE and any("ipykernel" in x for x in c.cmdline()):
                found.append(c)
        except psutil.Error:
            pass
    return found


def _tree_rss(server: psutil.Process) -> int:
    total = server.memory_info().rss
    for c in server.children(recursive=True):
        try:
            total += c.memory_info().rss
        except psutil.Error:
            pass
    return total


@contextmanager
def _chromium():
    """Chromium that can reach 127.0.0.1 only (other hosts do not resolve). Unlike the other
    browser tests, requests are not intercepted one by one: for twenty pages that costs more
    than the pages themselves."""
    from playwright.sync_api import sync_playwright

    rules = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=chromium_path(), args=[*CHROMIUM_ARGS, rules], headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _wait(condition, seconds: float, what: str):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"{what} not within {seconds} s")


def test_twenty_pages_draw_and_leave_no_kernel_behind(small_project):
    pool = json.loads((ROOT / "voila.json").read_text())["VoilaConfiguration"]["default_pool_size"]
    port, started = free_port(), []
    argv = voila_command(
        port,
        f"--MappingKernelManager.cull_idle_timeout={CULL_AFTER}",
        "--MappingKernelManager.cull_interval=5",
    )
    env = dict(os.environ, PLANWATCH_ROOT=str(small_project))
    with local_server(argv, port, env, started=started) as url:
        server = psutil.Process(started[0].pid)
        _wait(lambda: len(_kernels(server)) >= pool, 120, "the preheated pool")
        time.sleep(5)  # the pool's kernel has run the notebook
        before = _tree_rss(server)
        with _chromium() as chromium:
            pages = [chromium.new_page() for _ in range(PAGES)]
            asked = []
            for page in pages:
                page.on("request", lambda r: asked.append(r.url))
            t0 = time.perf_counter()
            for page in pages:
                page.goto(url + "/", wait_until="commit", timeout=300000)
            for page in pages:
                page.wait_for_selector(CHART, timeout=600000)
            print(f"{PAGES} pages drawn in {time.perf_counter() - t0:.0f} s")
            assert len(_kernels(server)) >= PAGES  # every page has its own kernel
            assert [u for u in asked if not u.startswith((url, "data:", "blob:"))] == []
            for page in pages:
                page.close()
        _wait(lambda: len(_kernels(server)) <= pool, CULL_AFTER + 120, f"back to {pool} kernel(s)")
        time.sleep(3)
        after = _tree_rss(server)
        # the server itself keeps some memory; twenty kernels' worth (about 3 GB) must be gone
        assert after < before + 300 * 2**20, (before >> 20, after >> 20)
