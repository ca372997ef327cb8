"""Running one report notebook in a worker: warm kernels, fresh kernels, timeouts and retries.

A warm worker keeps one Jupyter kernel alive with the heavy imports done once; each report runs
in a fresh user namespace in it (``%reset -f``), with papermill's parameters injected as usual.
Whatever the library caches is keyed by the processed data's checksum (``tables.dataset``,
``present.words``), so nothing of one report's data reaches the next. A kernel that dies or
passes the per-report timeout is replaced, and the report is retried once in a fresh kernel
(papermill, as ``--fresh-kernels`` does) before it is marked failed.

Workers end with their parent (Linux parent-death signal), and their kernels with them
(ipykernel polls its parent), so a render killed with ``kill -9`` leaves nothing running.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from pathlib import Path

import nbformat
from nbclient.exceptions import DeadKernelError

from planwatch import paths

WARM_IMPORTS = (
    "import pandas, altair, ipywidgets\n"
    "import planwatch.reports.city, planwatch.reports.category, planwatch.reports.action\n"
    "import planwatch.reports.annual, planwatch.reports.evaluation\n"
)
RESET = "get_ipython().run_line_magic('reset', '-f')\nimport gc as _gc; _gc.collect(); del _gc\n"
PR_SET_PDEATHSIG = 1


class ReportTimeout(RuntimeError):
    pass


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent ends (no-op elsewhere)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except OSError:
            pass


def redirect_output(log_path: str | None) -> None:
    """This process's standard output and error (and so its kernels') to the log file."""
    if log_path:
        fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)


def worker_init(log_path: str | None, parent_pid: int | None = None) -> None:
    """ProcessPool initializer: end with the parent; kernel and papermill chatter (the
    "running over TCP without encryption" warning, logs) go to the log file, not the terminal."""
    die_with_parent()
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the signal was armed
    redirect_output(log_path)
    import multiprocessing.util

    multiprocessing.util.Finalize(None, shutdown_warm, exitpriority=10)


def parameterized(notebook: Path, params: dict) -> nbformat.NotebookNode:
    from papermill.iorw import load_notebook_node  # gives every cell its tags list
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(notebook))
    return parameterize_notebook(nb, params, kernel_name="python3", language="python")


class WarmKernel:
    """One long-lived kernel; ``run`` executes a parameterised notebook in a clean namespace.
    nbclient drives it with its own asynchronous client per report (closed afterwards); a
    watchdog kills the kernel process when a report passes its timeout."""

    def __init__(self, cwd: Path):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.cwd = Path(cwd)
        self.root = os.environ.get("PLANWATCH_ROOT", "")
        self.km = AsyncKernelManager(kernel_name="python3")
        run_sync(self.km.start_kernel)(cwd=str(self.cwd))
        self._execute(
            nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(WARM_IMPORTS)]), 300
        )

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(run_sync(self.km.is_alive)())

    def _execute(self, nb: nbformat.NotebookNode, timeout: float) -> None:
        from nbclient import NotebookClient

        client = NotebookClient(
            nb,
            km=self.km,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(self.cwd)}},
        )
        try:
            client.execute()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()

    def run(self, nb: nbformat.NotebookNode, timeout: float) -> nbformat.NotebookNode:
        nb.cells.insert(0, nbformat.v4.new_code_cell(RESET))
        hung = threading.Event()
        pid = getattr(self.km.provisioner, "pid", None)

        def watchdog() -> None:
            hung.set()
            if pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

        timer = threading.Timer(timeout, watchdog)
        timer.start()
        try:
            self._execute(nb, timeout)
        except Exception:
            if hung.is_set():
                raise ReportTimeout(f"report did not finish in {timeout:g} s") from None
            raise
        finally:
            timer.cancel()
            nb.cells.pop(0)
        return nbformat.reads(nbformat.writes(nb), as_version=4)  # as papermill's file would be

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # already gone
            pass


_WARM: WarmKernel | None = None


def warm_kernel() -> WarmKernel:
    """This worker's kernel: started on first use, replaced when dead or when the project root
    changed (a Dask worker may serve several checkouts)."""
    global _WARM
    cwd = paths.notebooks_dir()
    root = os.environ.get("PLANWATCH_ROOT", "")
    if _WARM is not None and (not _WARM.alive() or _WARM.cwd != cwd or _WARM.root != root):
        _WARM.shutdown()
        _WARM = None
    if _WARM is None:
        _WARM = WarmKernel(cwd)
    return _WARM


def shutdown_warm() -> None:
    global _WARM
    if _WARM is not None:
        _WARM.shutdown()
        _WARM = None


def run_fresh(notebook: Path, params: dict, timeout: float) -> nbformat.NotebookNode:
    """Today's way: papermill starts a kernel for this report and shuts it down after."""
    import tempfile

    import papermill as pm

    with tempfile.TemporaryDirectory(prefix="planwatch-") as tmp:
        out = Path(tmp) / notebook.name
        try:
            pm.execute_notebook(
                str(notebook),
                str(out),
                parameters=params,
                kernel_name="python3",
                progress_bar=False,
                cwd=str(paths.notebooks_dir()),
                log_output=False,
                execution_timeout=timeout,
            )
        except Exception as exc:
            exc.notebook = nbformat.read(out, as_version=4) if out.exists() else None
            raise
        return nbformat.read(out, as_version=4)


def execute(notebook: Path, params: dict, warm: bool, timeout: float, timing: dict):
    """(executed notebook, retried, error). Warm: the worker's kernel, replaced and retried once
    in a fresh kernel on any failure; fresh: papermill, once more when its kernel died. ``timing`` gets the seconds spent
    starting a warm kernel (``kernel``; 0 when it was already running)."""
    timing["kernel"] = 0.0
    if warm:
        try:
            start = time.perf_counter()
            kernel = warm_kernel()
            timing["kernel"] = round(time.perf_counter() - start, 2)
            return kernel.run(parameterized(notebook, params), timeout), False, None
        except Exception:
            shutdown_warm()  # whatever happened, the next report gets a new kernel
    try:
        return run_fresh(notebook, params, timeout), warm, None
    except Exception as exc:
        if warm or not kernel_died(exc):
            return getattr(exc, "notebook", None), warm, exc
    try:  # a fresh kernel that died (starting, or under a cell) is replaced once, as a warm one
        return run_fresh(notebook, params, timeout), True, None
    except Exception as exc:
        return getattr(exc, "notebook", None), True, exc


def kernel_died(exc: BaseException) -> bool:
    """Whether a run failed because its kernel died (not because of what a cell did)."""
    return isinstance(exc, DeadKernelError) or "Kernel died" in str(exc)
