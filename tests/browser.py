"""Headless Chromium (Debian's package) driven by Playwright, with the network blocked."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError(
            "Chromium not found: install Debian's chromium package (.ci/run does this)"
        )
    return path


def guarded_page(browser, allow_prefixes: tuple[str, ...]):
    """A new page of ``browser`` whose requests outside ``allow_prefixes`` are aborted and
    recorded (``page.blocked``), with its console errors and warnings collected."""
    page = browser.new_page()
    page.blocked = []
    page.console_errors = []
    page.console_warnings = []

    def route(r):
        if r.request.url.startswith(allow_prefixes) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            page.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on(
        "console",
        lambda m: page.console_warnings.append(m.text) if m.type == "warning" else None,
    )
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    return page


@contextmanager
def browser(allow_prefixes: tuple[str, ...] = ("file://",)):
    """Headless Chromium; ``new_page()`` opens a guarded page (see ``guarded_page``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        chromium.new_guarded_page = lambda: guarded_page(chromium, allow_prefixes)
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def browser_page(allow_prefixes: tuple[str, ...] = ("file://",)):
    """A page whose requests outside ``allow_prefixes`` are aborted and recorded."""
    with browser(allow_prefixes) as chromium:
        yield chromium.new_guarded_page()


def voila_command(port: int, *options: str) -> list[str]:
    """Voilà serving the explorer notebook on 127.0.0.1:port (voila.json's settings, read from
    the working directory), with ``options`` on top."""
    import sys
    from pathlib import Path

    voila = Path(sys.executable).parent / "voila"
    notebook = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
    return [
        str(voila),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        *options,
        str(notebook),
    ]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def local_server(argv: list[str], port: int, env: dict, seconds: float = 60, started=None):
    """Start a server process and wait until it listens on 127.0.0.1:port; stop it afterwards.
    ``started``: a list the process is appended to (for tests that watch its children)."""
    import socket
    import subprocess
    import time

    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if started is not None:
        started.append(proc)
    try:
        deadline = time.time() + seconds
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.time() > deadline:
                raise RuntimeError(f"nothing listens on port {port} after {seconds} s")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# the first chart on the page as text: an SVG's markup (the explorer draws SVG) or a canvas's image
CHART = ".vega-embed svg.marks, .vega-embed canvas"
CHART_SNAP = (
    "() => { const s = document.querySelector('.vega-embed svg.marks'); if (s) return s.outerHTML;"
    " const c = document.querySelector('.vega-embed canvas'); return c ? c.toDataURL() : ''; }"
)
