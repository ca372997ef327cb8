"""Refresh the README's screenshots (``make screenshots``): the landing page, a city report and a
category report from ``reports/``, the explorer to share (``reports/explorer.html``, in English,
comparing two indicators) and the explorer served by Voilà on 127.0.0.1, each opened in headless
Chromium (Debian's package, through Playwright) with the network blocked.

Writes ``docs/screenshots/{landing,city,category,explorer_shared,explorer}.png``. Needs the reports rendered
(``make screenshots`` renders the ones it shows first).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "landing": "index.html",
    "city": "city-ningbo-zh.html",
    "category": "category-digital_industrialisation-en.html",
}
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
WIDTH, HEIGHT = 1100, 1500


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        sys.exit("screenshots: Chromium not found (apt-get install chromium)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def block_network(page, allowed: tuple[str, ...]) -> None:
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(allowed) else r.abort(),
    )


def shoot_pages(browser) -> list[Path]:
    done = []
    for name, file in PAGES.items():
        path = ROOT / "reports" / file
        if not path.exists():
            sys.exit(f"screenshots: {path} is missing: run `make reports` first")
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        block_network(page, ("file://", "data:"))
        page.goto(path.as_uri())
        n = page.locator("script[type='application/vnd.planwatch.vegalite+json']").count()
        if n:
            page.wait_for_function(
                "n => document.querySelectorAll('.pw-chart svg.marks').length >= n", arg=n
            )
        out = OUT / f"{name}.png"
        page.screenshot(path=out)
        page.close()
        done.append(out)
    return done


def shoot_shared(browser) -> Path:
    path = ROOT / "reports" / "explorer.html"
    if not path.exists():
        sys.exit(f"screenshots: {path} is missing: run `make reports` first")
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    block_network(page, ("file://", "data:"))
    page.goto(path.as_uri())
    page.wait_for_function("window.planwatchExplorer && window.planwatchExplorer.ready")
    page.evaluate(
        """async () => { const e = window.planwatchExplorer;
        e.set({lang: "en"}); e.set({compare_mode: "indicators"}); await e.drawn; }"""
    )
    out = OUT / "explorer_shared.png"
    page.screenshot(path=out)
    page.close()
    return out


def shoot_explorer(browser) -> Path:
    port = free_port()
    voila = Path(sys.executable).parent / "voila"
    argv = [str(voila), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}"]
    proc = subprocess.Popen(
        [*argv, str(ROOT / "notebooks" / "explore.ipynb")],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            if time.time() > deadline:
                sys.exit("screenshots: Voilà did not start")
            time.sleep(0.3)
        url = f"http://127.0.0.1:{port}"
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        block_network(page, (url, "data:"))
        page.goto(url + "/", wait_until="commit", timeout=60000)
        page.wait_for_selector(".vega-embed svg.marks, .vega-embed canvas", timeout=120000)
        page.wait_for_timeout(1500)
        out = OUT / "explorer.png"
        page.screenshot(path=out)
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=ARGS, headless=True)
        try:
            files = shoot_pages(browser) + [shoot_shared(browser), shoot_explorer(browser)]
        finally:
            browser.close()
    for f in files:
        print(f"wrote {f.relative_to(ROOT)} ({f.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
