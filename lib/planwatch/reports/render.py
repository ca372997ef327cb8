"""``planwatch render``: every report × language, in parallel, exported to one self-contained
HTML file each, plus ``reports/index.html``.

Parameters are validated against the data, and the output folder checked, before any kernel
starts. Workers keep warm kernels (``reports.kernels``; ``--fresh-kernels`` runs papermill per
report instead); the jobs go to a local process pool or to a Dask cluster (``--scheduler``). A
report whose notebook, parameters, input data and library are unchanged is skipped (``--force``
redoes it); the state is saved after every report, so a killed batch resumes where it stopped.
A failing report does not stop the others; its executed notebook is kept in ``reports/_failed/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from planwatch import paths
from planwatch.explorer import share
from planwatch.present import words
from planwatch.present.voice import Voice
from planwatch.reports import batch, kernels, kinds, offline
from planwatch.reports.batch import library_digest
from planwatch.reports.index_page import summary_table, write_index  # noqa: F401 (public)
from planwatch.reports.params import ParameterError
from planwatch.tables import dataset, guard
from planwatch.version import __version__

DEFAULT_TIMEOUT = 600.0  # seconds per report
CONNECT_TIMEOUT = "20s"  # to reach a Dask scheduler


@dataclass(frozen=True)
class Job:
    kind: str
    key: str  # the parameter value (as the data name it)
    slug: str  # ASCII id used in file names
    lang: str
    label: str

    @property
    def name(self) -> str:
        return kinds.get(self.kind).one_file or f"{self.kind}-{self.slug}-{self.lang}"

    @property
    def params(self) -> dict:
        return kinds.get(self.kind).params(self.key, self.lang)

    @property
    def notebook(self) -> str:
        return kinds.get(self.kind).notebook


def plan_jobs(ds, only: list[str] | None = None, langs: list[str] | None = None) -> list[Job]:
    """Every report, filtered by ``--only kind:value`` and ``--lang``; unknown values are errors
    that list the valid ones (raised before any kernel starts)."""
    allowed = [lang for lang in words.LANGS if lang in ds.languages]  # the plan's languages
    langs = langs or allowed
    for lang in langs:
        if lang not in allowed:
            raise ParameterError(f"unknown language {lang!r}; valid values: {', '.join(allowed)}")
    wanted: dict[str, set[str]] = {}
    for item in only or []:
        kind, sep, value = item.partition(":")
        if not sep and kind in kinds.KINDS and kinds.get(kind).one_file:
            sep, value = ":", kinds.get(kind).values(ds)[0]  # ``--only explorer``
        if kind not in kinds.KINDS or not sep:
            raise ParameterError(
                f"--only {item!r}: expected KIND:VALUE with KIND one of {', '.join(kinds.KINDS)}"
            )
        key = str(kinds.get(kind).resolve(ds, value))
        if key not in kinds.get(kind).values(ds):
            raise ParameterError(f"--only {item!r}: this plan's data make no such report")
        wanted.setdefault(kind, set()).add(key)
    jobs = []
    for kind in kinds.KINDS.values():
        if wanted and kind.name not in wanted:
            continue
        for key in kind.values(ds):
            if wanted.get(kind.name) and key not in wanted[kind.name]:
                continue
            for lang in langs[:1] if kind.one_file else langs:  # one file, both languages
                jobs.append(
                    Job(kind.name, key, kind.slug(ds, key), lang, kind.label(ds, key, lang))
                )
    return jobs


def job_digest(job: Job, data_sum: str, lib_sum: str) -> str:
    nb = paths.notebook(job.notebook).read_bytes() if job.notebook else job.kind.encode()
    h = hashlib.sha256(nb)
    h.update(json.dumps(job.params, ensure_ascii=False, sort_keys=True).encode())
    h.update(data_sum.encode())
    h.update(lib_sum.encode())
    return h.hexdigest()


def run_job(
    job: Job,
    meta: dict,
    warm: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    data_sum: str | None = None,
    root: str | None = None,
) -> dict:
    """Execute and export one report in a worker; the HTML (or the failed notebook) comes back
    to the parent, which alone writes into ``reports/``. ``data_sum`` and ``root``: a Dask
    worker's checkout must hold the same processed data as the batch (checked first)."""
    import nbformat

    if root is not None:
        os.environ["PLANWATCH_ROOT"] = root
    start = time.perf_counter()
    result = {"name": job.name, "status": "failed", "seconds": 0.0, "error": "", "retried": False}
    if data_sum is not None:
        try:
            here = dataset.checksum()
        except Exception as exc:  # no processed set on this worker
            here = f"unreadable ({type(exc).__name__}: {exc})"
        if here != data_sum:
            result["error"] = (
                f"this worker's data/processed/ ({here[:12]}) is not the batch's ({data_sum[:12]}): "
                "give workers the same checkout and processed data (a shared file system)"
            )
            return result
    timing: dict = {}
    nb, retried, error = kernels.execute(
        paths.notebook(job.notebook), job.params, warm, timeout, timing
    )
    executed = time.perf_counter()
    result["retried"] = retried
    if error is None:
        generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        try:
            result["html"] = offline.to_html(
                offline.with_kind_words(nb, dataset.load()),
                job.lang,
                {**meta, "report": job.name, "generated": generated},
            )
            result["status"] = "ok"
        except Exception as exc:  # the report ran but its page could not be made: this report fails
            result["error"] = f"export failed: {type(exc).__name__}: {exc}"[:300]
    else:
        result["error"] = error_line(error)
        result["notebook"] = nbformat.writes(nb) if nb is not None else ""
    end = time.perf_counter()
    result["seconds"] = round(end - start, 1)
    # where the time went: starting a warm kernel, running the notebook, exporting the HTML
    timing["execute"] = round(executed - start - timing["kernel"], 2)
    timing["export"] = round(end - executed, 2)
    result["timing"] = timing
    return result


def render(
    only=None,
    langs=None,
    jobs: int | None = None,
    force: bool = False,
    out_dir: Path | None = None,
    progress: bool = True,
    fresh_kernels: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    scheduler: str | None = None,
    wait: bool = False,
    verbose: bool = False,
    shared_assets: bool = False,
) -> list[dict]:
    with guard.reading():  # one data set from the first report to the last
        return _render(
            only, langs, jobs, force, out_dir, progress, fresh_kernels, timeout, scheduler,
            wait, verbose, shared_assets,
        )  # fmt: skip


def _render(
    only, langs, jobs, force, out_dir, progress, fresh_kernels, timeout, scheduler, wait,
    verbose, shared_assets,
) -> list[dict]:  # fmt: skip
    ds = dataset.load()
    todo = plan_jobs(ds, only, langs)  # validation happens here, before any kernel
    out = Path(out_dir) if out_dir else paths.reports_dir()
    batch.check_out_dir(out)
    with batch.Lock(out, wait=wait):
        return run_batch(
            ds,
            todo,
            out,
            jobs,
            force,
            progress,
            not fresh_kernels,
            timeout,
            scheduler,
            verbose,
            shared_assets,
        )


def run_batch(
    ds,
    todo: list[Job],
    out: Path,
    jobs: int | None = None,
    force: bool = False,
    progress: bool = True,
    warm: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    scheduler: str | None = None,
    verbose: bool = False,
    shared_assets: bool = False,
) -> list[dict]:
    """Render the planned ``todo`` into ``out``; the caller has checked the folder and holds
    its lock (``render`` does both). ``shared_assets``: pages reference one bundle in
    ``out/assets/`` instead of each holding it."""
    state, warnings = batch.load_state(out)
    for w in warnings:
        print(f"planwatch render: warning: {w}", file=sys.stderr)
    data_sum, lib_sum = ds.checksum, library_digest()
    meta = {
        "planwatch": __version__,
        "data checksum (sha256)": data_sum,
        "source": f"{Voice(ds, 'zh').plan_title()} {ds.plan_row['source_url']}",
    }
    if shared_assets:
        meta[offline.ASSETS_KEY] = offline.write_assets(out)
        lib_sum += ":" + meta[offline.ASSETS_KEY]  # a page made the other way is made again
    results, pending = [], []
    for job in todo:
        digest = job_digest(job, data_sum, lib_sum)
        entry = state.get(job.name, {})
        if (
            not force
            and entry.get("digest") == digest
            and entry.get("status", "ok") == "ok"
            and (out / f"{job.name}.html").exists()
        ):
            results.append({"name": job.name, "status": "skipped", "seconds": 0.0, "error": ""})
        else:
            pending.append((job, digest))
    if pending:
        from tqdm import tqdm

        workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
        bar = tqdm(
            total=len(pending), desc="reports", unit="report", disable=not progress, file=sys.stderr
        )
        log = None if verbose else str(out / batch.LOG)
        for job, digest in [(j, d) for j, d in pending if not j.notebook]:
            res = make_page(ds, job, meta)
            _keep(out, job, digest, res, state)
            results.append(res)
            bar.update(1)
        pending = [(j, d) for j, d in pending if j.notebook]
        run = _dask if scheduler else _pool
        for job, digest, res in (
            run(pending, meta, warm, timeout, workers, log, scheduler) if pending else []
        ):
            _keep(out, job, digest, res, state)
            results.append(res)
            bar.update(1)
        bar.close()
    by_name = {r["name"]: r for r in results}
    write_index(out, state, meta, ds)
    return [by_name[j.name] for j in todo]


def make_page(ds, job: Job, meta: dict) -> dict:
    """A page made without a notebook (the explorer to share), in this process."""
    start = time.perf_counter()
    res = {"name": job.name, "status": "failed", "seconds": 0.0, "error": "", "retried": False}
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    try:
        res["html"] = share.page(ds, job.lang, {**meta, "report": job.name, "generated": generated})
        res["status"] = "ok"
    except Exception as exc:  # one page failing does not stop the batch
        res["error"] = f"{type(exc).__name__}: {exc}"[:300]
    res["seconds"] = round(time.perf_counter() - start, 1)
    return res


def _keep(out: Path, job: Job, digest: str, res: dict, state: dict) -> None:
    """Write one finished report (or its failed notebook) and save the state at once."""
    html = res.pop("html", None)
    notebook = res.pop("notebook", None)
    if res["status"] == "ok":
        batch.write_atomic(out / f"{job.name}.html", html)
    else:
        failed = out / batch.FAILED
        failed.mkdir(exist_ok=True)
        if notebook:
            batch.write_atomic(failed / f"{job.name}.ipynb", notebook)
    state[job.name] = {
        "digest": digest if res["status"] == "ok" else "",
        "status": res["status"],
        "error": res["error"],
        "finished": batch.stamp(),
        "seconds": res["seconds"],
        "timing": res.get("timing", {}),
        **asdict(job),
    }
    batch.save_state(out, state)


def error_line(error: BaseException) -> str:
    """One line that says why a report failed: the exception's last line that says something
    (not a rule of dashes); for a cell that ran past the timeout, the seconds and the cell."""
    text = str(error).strip()
    if type(error).__name__ == "CellTimeoutError":
        secs = re.search(r"after (\d+(?:\.\d+)?) seconds", text)
        cell = re.search(r"-{5,}\s*\n(.*?)\n\s*-{5,}", text, re.S)
        preview = " ".join(cell.group(1).split())[:120] if cell else "?"
        took = f"{secs.group(1)} s" if secs else "the timeout"
        return f"CellTimeoutError: a cell ran past {took}: {preview}"[:300]
    lines = [ln for ln in text.splitlines() if re.search(r"\w", ln)]
    return f"{type(error).__name__}: {lines[-1] if lines else ''}"[:300]


def _pool(pending, meta, warm, timeout, workers, log, _scheduler):
    """The jobs on a local process pool. A worker that dies (kill -9, out of memory) breaks
    the pool: the jobs it took down with it run once more on a new pool, and only a job lost
    twice fails ("worker lost")."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    todo = list(pending)
    for attempt in (1, 2):
        lost = []
        pool = ProcessPoolExecutor(
            max_workers=workers, initializer=kernels.worker_init, initargs=(log, os.getpid())
        )
        try:
            futures = {
                pool.submit(run_job, job, meta, warm, timeout): (job, digest)
                for job, digest in todo
            }
            for fut in as_completed(futures):
                job, digest = futures[fut]
                if attempt == 1 and isinstance(fut.exception(), BrokenProcessPool):
                    lost.append((job, digest))
                    continue
                res = _result(job, fut)
                res["retried"] = res.get("retried", False) or attempt == 2
                yield job, digest, res
        except BaseException:  # Ctrl-C, or the caller stopped: no queued report runs on
            _stop(pool)
            raise
        pool.shutdown(wait=True)
        if not lost:
            return
        todo = lost


def _stop(pool) -> None:
    """Cancel what is queued and end the workers now (their kernels end with them), instead of
    letting the pool finish the batch before it lets go."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.kill()


def _dask(pending, meta, warm, timeout, workers, log, scheduler):
    """The jobs on a Dask distributed cluster: ``local`` starts one on 127.0.0.1 with one
    single-threaded worker process per job slot, whose output (and its kernels') goes to the
    log as in the process pool; otherwise ``scheduler`` is its address."""
    import logging

    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.CRITICAL if log else logging.WARNING,
        )
    data_sum, root = dataset.checksum(), str(paths.root())
    try:
        try:
            client = Client(cluster or scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise batch.RenderError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}; start one with "
                "`dask scheduler` (see the README) or use --scheduler local"
            ) from None
        with client:
            if cluster is not None and log:
                client.run(kernels.redirect_output, log)
            futures = {
                client.submit(
                    run_job,
                    job,
                    meta,
                    warm,
                    timeout,
                    data_sum,
                    root,
                    pure=False,
                    key=f"report-{job.name}",
                ): (job, digest)
                for job, digest in pending
            }
            for fut in as_completed(futures):
                job, digest = futures[fut]
                yield job, digest, _result(job, fut)
    finally:
        if cluster is not None:
            cluster.close()


def _result(job: Job, fut) -> dict:
    try:
        return fut.result()
    except Exception as exc:  # the worker itself died (not the kernel: that is retried there)
        return {
            "name": job.name,
            "status": "failed",
            "seconds": 0.0,
            "error": f"worker lost: {type(exc).__name__}: {exc}"[:300],
            "retried": False,
        }
