"""Print exported reports to PDF through headless Chromium (``planwatch render --pdf``): the page
is opened from disk with the network off, its charts drawn, and printed with the reports' print
stylesheet (``style.PRINT_CSS``). Without Chromium this is one clear message."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from planwatch.reports.batch import RenderError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
    "--virtual-time-budget=15000",  # charts draw in virtual time before the page is printed
    "--proxy-server=127.0.0.1:9",  # nothing leaves the machine: a report makes no requests
]


def chromium() -> str:
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise RenderError(
        "--pdf needs Chromium, which is not installed: install Debian's chromium package "
        "(apt-get install chromium) or Google Chrome, then run again"
    )


def print_pdf(html: Path, pdf: Path, timeout: float = 120) -> Path:
    """``html`` printed to ``pdf`` (written whole or not at all)."""
    exe = chromium()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="planwatch-pdf-") as tmp:
        part = Path(tmp) / "out.pdf"
        cmd = [exe, *FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={part}"]
        try:
            done = subprocess.run(
                [*cmd, html.resolve().as_uri()], capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"{html.name}: Chromium did not print it within {timeout:.0f} s"
            ) from None
        if done.returncode != 0 or not part.exists() or part.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise RenderError(f"{html.name}: Chromium could not print it ({tail[0][:200]})")
        shutil.move(part, pdf)
    return pdf


def print_all(out: Path, names: list[str]) -> list[Path]:
    """Each named report of ``out`` (``name.html``) printed beside it as ``name.pdf``."""
    chromium()  # one clear message before any work
    return [print_pdf(out / f"{n}.html", out / f"{n}.pdf") for n in names]
