"""``planwatch render``: every report × language with papermill, in parallel, exported to one
self-contained HTML file each, plus ``reports/index.html``.

Parameters are validated against the data before any kernel starts. A report whose notebook,
parameters, input data and library are unchanged is skipped (``--force`` redoes it). A failing
report does not stop the others; its executed notebook is kept in ``reports/_failed/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from markupsafe import Markup, escape

from planwatch import __version__, paths
from planwatch.present import words
from planwatch.reports import kinds
from planwatch.reports.common import ParameterError
from planwatch.tables import dataset


@dataclass(frozen=True)
class Job:
    kind: str
    key: str  # the parameter value (as the data name it)
    slug: str  # ASCII id used in file names
    lang: str
    label: str

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.slug}-{self.lang}"

    @property
    def params(self) -> dict:
        return kinds.get(self.kind).params(self.key, self.lang)

    @property
    def notebook(self) -> str:
        return kinds.get(self.kind).notebook


def plan_jobs(ds, only: list[str] | None = None, langs: list[str] | None = None) -> list[Job]:
    """Every report, filtered by ``--only kind:value`` and ``--lang``; unknown values are errors
    that list the valid ones (raised before any kernel starts)."""
    langs = langs or list(words.LANGS)
    for lang in langs:
        if lang not in words.LANGS:
            raise ParameterError(
                f"unknown language {lang!r}; valid values: {', '.join(words.LANGS)}"
            )
    wanted: dict[str, set[str]] = {}
    for item in only or []:
        kind, sep, value = item.partition(":")
        if kind not in kinds.KINDS or not sep:
            raise ParameterError(
                f"--only {item!r}: expected KIND:VALUE with KIND one of {', '.join(kinds.KINDS)}"
            )
        wanted.setdefault(kind, set()).add(str(kinds.get(kind).resolve(ds, value)))
    jobs = []
    for kind in kinds.KINDS.values():
        if wanted and kind.name not in wanted:
            continue
        for key in kind.values(ds):
            if wanted.get(kind.name) and key not in wanted[kind.name]:
                continue
            for lang in langs:
                jobs.append(
                    Job(kind.name, key, kind.slug(ds, key), lang, kind.label(ds, key, lang))
                )
    return jobs


def library_digest() -> str:
    h = hashlib.sha256()
    for p in sorted(paths.PACKAGE_DIR.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".yml", ".j2", ".csv"):
            h.update(str(p.relative_to(paths.PACKAGE_DIR)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def job_digest(job: Job, data_sum: str, lib_sum: str) -> str:
    nb = (paths.notebooks_dir() / job.notebook).read_bytes()
    h = hashlib.sha256(nb)
    h.update(json.dumps(job.params, ensure_ascii=False, sort_keys=True).encode())
    h.update(data_sum.encode())
    h.update(lib_sum.encode())
    return h.hexdigest()


def run_job(job: Job, out_dir: str, meta: dict) -> dict:
    """Execute and export one report (in a worker process)."""
    import papermill as pm

    from planwatch.reports.offline import to_html

    out = Path(out_dir)
    work = out / "_work"
    work.mkdir(parents=True, exist_ok=True)
    executed = work / f"{job.name}.ipynb"
    start = time.perf_counter()
    try:
        pm.execute_notebook(
            str(paths.notebooks_dir() / job.notebook),
            str(executed),
            parameters=job.params,
            kernel_name="python3",
            progress_bar=False,
            cwd=str(paths.notebooks_dir()),
            log_output=False,
        )
        html = to_html(
            executed,
            job.lang,
            {
                **meta,
                "report": job.name,
                "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            },
        )
        tmp = out / f".{job.name}.html.tmp"
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, out / f"{job.name}.html")
        executed.unlink(missing_ok=True)
        return {
            "name": job.name,
            "status": "ok",
            "seconds": round(time.perf_counter() - start, 1),
            "error": "",
        }
    except Exception as exc:  # keep the executed notebook for debugging
        failed = out / "_failed"
        failed.mkdir(exist_ok=True)
        if executed.exists():
            shutil.move(str(executed), failed / executed.name)
        return {
            "name": job.name,
            "status": "failed",
            "seconds": round(time.perf_counter() - start, 1),
            "error": f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"[
                :300
            ],
        }


def render(
    only=None,
    langs=None,
    jobs: int | None = None,
    force: bool = False,
    out_dir: Path | None = None,
    progress: bool = True,
) -> list[dict]:
    ds = dataset.load()
    todo = plan_jobs(ds, only, langs)  # validation happens here, before any kernel
    out = Path(out_dir) if out_dir else paths.reports_dir()
    out.mkdir(parents=True, exist_ok=True)
    state_path = out / ".state.json"
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    data_sum, lib_sum = ds.checksum, library_digest()
    meta = {
        "planwatch": __version__,
        "data checksum (sha256)": data_sum,
        "source": f"{words.plan_title(ds, 'zh')} {ds.plan_row['source_url']}",
    }
    results, pending = [], []
    for job in todo:
        digest = job_digest(job, data_sum, lib_sum)
        if (
            not force
            and state.get(job.name, {}).get("digest") == digest
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
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(run_job, job, str(out), meta): (job, digest) for job, digest in pending
            }
            for fut in as_completed(futures):
                job, digest = futures[fut]
                res = fut.result()
                results.append(res)
                if res["status"] == "ok":
                    state[job.name] = {"digest": digest, **asdict(job)}
                else:
                    state.pop(job.name, None)
                bar.update(1)
        bar.close()
    state_path.write_text(
        json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    by_name = {r["name"]: r for r in results}
    write_index(out, [(j, by_name[j.name]) for j in todo], meta, ds)
    shutil.rmtree(out / "_work", ignore_errors=True)
    return [by_name[j.name] for j in todo]


def write_index(out: Path, rows: list[tuple[Job, dict]], meta: dict, ds) -> None:
    """reports/index.html: every report with its status and link (all strings escaped)."""
    existing = {p.stem for p in out.glob("*.html")}
    groups = {k.name: (bilingual(k.group), []) for k in kinds.KINDS.values()}
    for job, res in rows:
        cell = (
            Markup('<a href="')
            + escape(job.name + ".html")
            + Markup('">')
            + escape(job.label)
            + Markup("</a>")
            if job.name in existing
            else escape(job.label)
        )
        groups[job.kind][1].append(
            Markup("<tr><td>")
            + cell
            + Markup("</td><td>")
            + escape(job.lang)
            + Markup("</td><td>")
            + escape(res["status"])
            + Markup("</td><td>")
            + escape(res["error"])
            + Markup("</td></tr>")
        )
    body = Markup("").join(
        Markup("<h2>")
        + escape(title)
        + Markup("</h2><table class='pw-table'><thead><tr>")
        + Markup("").join(
            Markup("<th>") + escape(bilingual(k)) + Markup("</th>")
            for k in ("index_report", "index_lang", "index_status", "index_error")
        )
        + Markup("</tr></thead><tbody>")
        + Markup("").join(trs)
        + Markup("</tbody></table>")
        for title, trs in groups.values()
        if trs
    )
    from planwatch.reports.offline import CSS

    footer = Markup("<br>").join(escape(f"{k}: {v}") for k, v in meta.items())
    page = (
        Markup(
            '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>planwatch reports</title><style>'
        )
        + Markup(CSS)
        + Markup("</style></head><body><h1>planwatch · ")
        + escape(ds.plan_row["title"])
        + Markup("</h1>")
        + body
        + Markup('<footer class="pw-meta">')
        + footer
        + Markup("</footer></body></html>\n")
    )
    (out / "index.html").write_text(str(page), encoding="utf-8")


def bilingual(key: str) -> str:
    """``城市报告 · City reports``: the index page serves readers of every language."""
    return " · ".join(words.t(key, lang) for lang in words.LANGS)


def summary_table(results: list[dict]) -> str:
    lines = [f"{'report':32} {'status':8} {'seconds':>7}  error"]
    lines += [f"{r['name']:32} {r['status']:8} {r['seconds']:7.1f}  {r['error']}" for r in results]
    counts = {s: sum(r["status"] == s for r in results) for s in ("ok", "skipped", "failed")}
    lines.append(
        f"{counts['ok']} rendered, {counts['skipped']} unchanged (skipped), {counts['failed']} failed"
    )
    return "\n".join(lines)
