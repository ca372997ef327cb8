"""Warm kernels: the same reports as fresh kernels; a kernel that dies or hangs is replaced and
the report retried once, then marked failed while the batch goes on; workers and kernels end
with a render killed with kill -9, and the next render resumes with the unfinished reports."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from planwatch.inputs import mappings
from planwatch.reports import render

from .conftest import RENDERED_ONLY

pytestmark = pytest.mark.kernel


def normalised(path: Path) -> str:
    """A report's HTML without its generation time."""
    return re.sub(r"generated: [^<]*", "generated: …", path.read_text(encoding="utf-8"))


def _warm_and_fresh(tmp_path: Path, only: list[str] | None) -> list[dict]:
    """Render ``only`` (None: the whole batch) with warm kernels and with fresh ones; every
    report ok both ways (a failure names its report and error) and the same page both ways."""
    warm = render.render(only=only, out_dir=tmp_path / "warm", progress=False)
    fresh = render.render(only=only, out_dir=tmp_path / "fresh", progress=False, fresh_kernels=True)
    failed = [
        (how, r["name"], r.get("error"))
        for how, rs in (("warm", warm), ("fresh", fresh))
        for r in rs
        if r["status"] != "ok"
    ]
    assert failed == []
    assert sorted(r["name"] for r in fresh) == sorted(r["name"] for r in warm)
    for r in warm:
        name = r["name"] + ".html"
        assert normalised(tmp_path / "warm" / name) == normalised(tmp_path / "fresh" / name), name
    return warm


def test_warm_and_fresh_kernels_give_the_same_reports_for_one_of_every_kind(
    small_project, tmp_path
):
    from planwatch.reports import kinds

    warm = _warm_and_fresh(tmp_path, RENDERED_ONLY)
    assert {r["name"].split("-")[0] for r in warm} == set(kinds.KINDS)  # a sample of every kind
    one_file = {k.one_file for k in kinds.KINDS.values() if k.one_file}
    assert one_file and one_file <= {r["name"] for r in warm}  # a page in both languages
    assert {r["name"].rsplit("-", 1)[1] for r in warm if r["name"] not in one_file} == {"zh", "en"}


@pytest.mark.slow
def test_warm_and_fresh_kernels_give_the_same_reports_for_the_whole_batch(small_project, tmp_path):
    """Every report of every kind, for every value and language, both ways (minutes of fresh
    kernels on two cores: the slow tier, which CI runs)."""
    warm = _warm_and_fresh(tmp_path, None)
    assert len(warm) > len(RENDERED_ONLY) * 2  # the whole batch, not a sample


@pytest.fixture
def own_project(small_built, tmp_path, monkeypatch):
    """A copy of the small project (data, notebooks) this test may change."""
    root = tmp_path / "project"
    shutil.copytree(small_built, root, ignore=shutil.ignore_patterns("reports"))
    monkeypatch.setenv("PLANWATCH_ROOT", str(root))
    mappings.reset_caches()
    yield root
    mappings.reset_caches()


def add_cell(notebook: Path, source: str) -> None:
    data = json.loads(notebook.read_text(encoding="utf-8"))
    data["cells"].insert(
        2,
        {
            "cell_type": "code",
            "metadata": {},
            "source": source,
            "outputs": [],
            "execution_count": None,
        },
    )
    notebook.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_dead_or_hung_kernel_is_replaced_and_the_report_retried_then_failed(
    own_project, tmp_path
):
    nbs = own_project / "notebooks"
    add_cell(nbs / "accountability.ipynb", "import os\nos._exit(1)")  # the kernel dies
    add_cell(nbs / "annual_check.ipynb", "import time\ntime.sleep(3600)")  # the kernel hangs
    start = time.perf_counter()
    results = render.render(
        only=["summary:accountability", "annual:2020", "category:总体规模"],
        langs=["en"],
        jobs=1,
        timeout=12,
        out_dir=tmp_path,
        progress=False,
    )
    took = time.perf_counter() - start
    by = {r["name"]: r for r in results}
    dead, hung, fine = (
        by["summary-accountability-en"],
        by["annual-2020-en"],
        by["category-overall_scale-en"],
    )
    assert dead["status"] == "failed" and dead["retried"]
    # the fresh retry's error depends on which nbclient notices first, the dead kernel or the
    # cell's timeout (on a loaded machine); either way the report failed after one retry
    assert any(w in dead["error"].lower() for w in ("deadkernel", "died", "timeout"))
    assert hung["status"] == "failed" and hung["retried"]
    assert "timeout" in hung["error"].lower() or "timed out" in hung["error"].lower()
    # the same worker went on with a new kernel
    assert fine["status"] == "ok" and (tmp_path / "category-overall_scale-en.html").exists()
    assert (tmp_path / "_failed" / "annual-2020-en.ipynb").exists()
    assert took < 240  # two 12 s timeouts, not an hour
    state = json.loads((tmp_path / ".state.json").read_text(encoding="utf-8"))
    assert state["annual-2020-en"]["status"] == "failed" and state["annual-2020-en"]["digest"] == ""


def marked_processes(mark: str) -> list[int]:
    """Processes whose environment carries ``mark`` (the render, its workers and kernels)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            env = (proc / "environ").read_bytes()
        except OSError:
            continue
        if f"PLANWATCH_TEST_MARK={mark}".encode() in env:
            try:
                if (proc / "stat").read_text().split()[2] != "Z":
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_leaves_no_orphans_and_the_next_render_resumes(own_project, tmp_path):
    out = tmp_path / "reports"
    mark = uuid.uuid4().hex
    only = ["action:1", "action:2", "action:3", "action:4", "action:5", "action:6"]
    args = [sys.executable, "-m", "planwatch.cli", "render", "--out", str(out), "--lang", "en"]
    args += ["--jobs", "1", "--quiet"] + [x for o in only for x in ("--only", o)]
    env = dict(os.environ, PLANWATCH_TEST_MARK=mark)
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = out / ".state.json"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if state.exists() and json.loads(state.read_text(encoding="utf-8")):
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the batch ended before it could be killed"
    assert len(marked_processes(mark)) >= 3  # the render, a worker, a kernel
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while marked_processes(mark) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert marked_processes(mark) == []
    done = set(json.loads(state.read_text(encoding="utf-8")))
    assert 1 <= len(done) < len(only)
    # resume: the finished reports are skipped, only the rest is rendered; the lock was freed
    results = render.render(only=only, langs=["en"], out_dir=out, progress=False, jobs=1)
    status = {r["name"]: r["status"] for r in results}
    assert {n for n, s in status.items() if s == "skipped"} == done
    assert all(s == "ok" for n, s in status.items() if n not in done)


def test_a_worker_checks_its_own_parent_not_pid_1():
    """A render running as PID 1 (a container's entry point) must not look like a dead parent;
    a worker whose parent is gone exits at once."""
    code = "import os, sys; from planwatch.reports import kernels; kernels.worker_init(None, {pid}); print('alive')"
    ok = subprocess.run(
        [sys.executable, "-c", code.format(pid="os.getppid()")], capture_output=True, text=True
    )
    assert ok.returncode == 0 and ok.stdout.strip() == "alive"
    gone = subprocess.run(
        [sys.executable, "-c", code.format(pid="os.getppid() + 424242")],
        capture_output=True,
        text=True,
    )
    assert gone.returncode == 1 and gone.stdout == ""
