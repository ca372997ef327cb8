import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.reports import kernels, render
from planwatch.reports import offline as export
from planwatch.reports.params import ParameterError

from .conftest import RENDERED_ONLY

pytestmark = pytest.mark.kernel  # starts Jupyter kernels


def test_all_reports_rendered_offline(rendered):
    out, results = rendered
    # 12 notebook reports (6 kinds × 2 languages) and the explorer to share, one file
    assert [r["status"] for r in results] == ["ok"] * 13, results
    assert [r["name"] for r in results].count("explorer") == 1
    for name in (
        "city-ningbo-zh",
        "city-ningbo-en",
        "category-infrastructure-zh",
        "category-infrastructure-en",
        "action-3-zh",
        "action-3-en",
        "summary-accountability-zh",
        "summary-accountability-en",
        "annual-2020-zh",
        "annual-2020-en",
        "evaluation-composite-zh",
        "evaluation-composite-en",
    ):
        text = (out / f"{name}.html").read_text(encoding="utf-8")
        assert export.external_references(text) == [], name
        assert "require.js" not in text and "MathJax" not in text
        # the Vega bundle is inlined once per file, not once per chart
        assert text.count("window.vegaEmbed=") == 1
        assert text.count('type="application/vnd.planwatch.vegalite+json"') >= 1
        assert '<nav class="pw-toc">' in text and "data checksum (sha256)" in text
        assert "planwatch: " in text


def test_no_code_in_export(rendered):
    out, _ = rendered
    text = (out / "city-ningbo-en.html").read_text(encoding="utf-8")
    assert "CityReport(" not in text and "rep.role()" not in text and "In&nbsp;[" not in text


def test_data_strings_escaped(rendered):
    out, _ = rendered
    text = (out / "category-infrastructure-en.html").read_text(encoding="utf-8")
    text += (out / "city-ningbo-zh.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in text and "<img src=x" not in text
    # the source title with a <script> tag appears escaped in the (province-wide) sources / tooltips
    zh = (out / "city-ningbo-zh.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in zh or "\\u003cscript\\u003ealert(" in zh


def test_language_and_numbers(rendered):
    out, _ = rendered
    zh = (out / "city-ningbo-zh.html").read_text(encoding="utf-8")
    en = (out / "category-infrastructure-en.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in zh and "宁波市" in zh
    assert "1.4595万亿元" in zh  # Ningbo GDP 2021: 14595 亿元, every published digit
    assert '<html lang="en">' in en and "Internet penetration rate" in en
    assert "It was already 80.9% in 2019: target met early." in en


def test_index_lists_reports(rendered):
    out, _ = rendered
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in ("city-ningbo-zh", "category-infrastructure-en"):
        assert f'href="{name}.html"' in index
    # a catalogue for readers: every report linked in each language, no build log
    assert (
        ">ok<" not in index
        and len(set(re.findall(r'href="([a-z0-9_-]+-(?:zh|en)\.html)"', index))) == 12
    )
    assert 'href="annual-2020-en.html"' in index and 'href="evaluation-composite-zh.html"' in index
    assert 'href="action-3-en.html"' in index and 'href="summary-accountability-zh.html"' in index


def test_incremental_rerun_skips(rendered):
    out, _ = rendered
    before = (out / "city-ningbo-zh.html").stat().st_mtime_ns
    results = render.render(only=RENDERED_ONLY, langs=["zh", "en"], progress=False)
    assert [r["status"] for r in results] == ["skipped"] * 13
    assert (out / "city-ningbo-zh.html").stat().st_mtime_ns == before
    state = json.loads((out / ".state.json").read_text(encoding="utf-8"))
    assert set(state) >= {"city-ningbo-zh", "category-infrastructure-en"}


def test_parameters_validated_before_kernel(small_project):
    with pytest.raises(ParameterError, match="valid values: 杭州, 宁波"):
        render.plan_jobs(render.dataset.load(), only=["city:苏州"])
    with pytest.raises(ParameterError, match="总体规模"):
        render.plan_jobs(render.dataset.load(), only=["category:不存在"])
    with pytest.raises(ParameterError, match="zh, en"):
        render.plan_jobs(render.dataset.load(), langs=["fr"])
    res = subprocess.run(
        [sys.executable, "-m", "planwatch.cli", "render", "--only", "city:苏州"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 2 and "valid values" in res.stderr and "Executing" not in res.stderr


def test_all_jobs_planned(small_project):
    jobs = render.plan_jobs(render.dataset.load())
    # cities, categories, actions, the summary, the three years with a figure in the small
    # project (2019, 2020, 2022) and the composite evaluation, each in two languages; the
    # explorer to share, one file for both
    assert len(jobs) == 11 * 2 + 4 * 2 + 7 * 2 + 2 + 3 * 2 + 2 + 1
    assert [j.name for j in jobs if j.kind == "explorer"] == ["explorer"]
    assert [j.name for j in render.plan_jobs(render.dataset.load(), ["explorer"])] == ["explorer"]
    assert len({j.name for j in jobs}) == len(jobs)
    assert all(re.fullmatch(r"[a-z0-9_-]+-(zh|en)", j.name) for j in jobs if j.kind != "explorer")
    with pytest.raises(ParameterError, match="1 \\(核心技术突破行动\\)"):
        render.plan_jobs(render.dataset.load(), only=["action:8"])


def test_failure_is_kept_and_others_continue(small_project, tmp_path):
    nb = small_project / "notebooks" / "city_report.ipynb"
    original = nb.read_text(encoding="utf-8")
    data = json.loads(original)
    data["cells"].insert(
        2,
        {
            "cell_type": "code",
            "metadata": {},
            "source": "rep.no_such_method()",
            "outputs": [],
            "execution_count": None,
        },
    )
    nb.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        results = render.render(
            only=["city:丽水", "category:总体规模"], langs=["en"], out_dir=tmp_path, progress=False
        )
    finally:
        nb.write_text(original, encoding="utf-8")
    status = {r["name"]: r for r in results}
    assert (
        status["city-lishui-en"]["status"] == "failed"
        and "no_such_method" in status["city-lishui-en"]["error"]
    )
    assert status["category-overall_scale-en"]["status"] == "ok"
    assert (tmp_path / "_failed" / "city-lishui-en.ipynb").exists()
    assert (tmp_path / "category-overall_scale-en.html").exists()
    assert (
        render.summary_table(results).splitlines()[-1]
        == "1 rendered, 0 unchanged (skipped), 1 failed"
    )


def test_dask_local_cluster_renders_the_same_reports(rendered, tmp_path):
    import re

    out, _ = rendered
    results = render.render(
        only=["action:3", "summary:accountability"],
        langs=["zh", "en"],
        out_dir=tmp_path,
        progress=False,
        scheduler="local",  # a LocalCluster on 127.0.0.1, two single-threaded worker processes
        jobs=2,
    )
    assert [r["status"] for r in results] == ["ok"] * 4, results

    def text(p):
        return re.sub(r"generated: [^<]*", "", p.read_text(encoding="utf-8"))

    for r in results:
        assert text(tmp_path / f"{r['name']}.html") == text(out / f"{r['name']}.html")


def test_a_worker_with_other_processed_data_refuses_the_job(small_project):
    job = render.plan_jobs(render.dataset.load(), only=["action:3"], langs=["en"])[0]
    res = render.run_job(job, {}, data_sum="0" * 64, root=str(small_project))
    assert res["status"] == "failed" and "is not the batch's" in res["error"]


def test_a_page_that_cannot_be_made_fails_that_report_only(small_project, monkeypatch):
    from planwatch.reports import kernels
    from planwatch.reports import offline as page
    from planwatch.tables import dataset

    job = render.plan_jobs(dataset.load(), only=["city:宁波"], langs=["zh"])[0]

    def ran(path, params, warm, timeout, timing):
        import nbformat

        timing["kernel"] = 0.0
        return nbformat.v4.new_notebook(), False, None

    monkeypatch.setattr(kernels, "execute", ran)

    def broken(*a, **k):
        raise ValueError("cannot convert")

    monkeypatch.setattr(page, "to_html", broken)
    result = render.run_job(job, {}, True, 60.0)
    assert result["status"] == "failed" and result["error"].startswith("export failed: ValueError")


@pytest.mark.browser
def test_shared_assets_render_draws_offline(small_project, tmp_path):
    from .browser import browser_page

    results = render.render(
        only=["action:3"], langs=["en"], out_dir=tmp_path, progress=False, shared_assets=True
    )
    assert [r["status"] for r in results] == ["ok"]
    bundles = list((tmp_path / "assets").glob("vega-bundle-*.js"))
    assert len(bundles) == 1
    page = (tmp_path / "action-3-en.html").read_text(encoding="utf-8")
    assert f'src="assets/{bundles[0].name}"' in page and len(page) < bundles[0].stat().st_size
    assert export.external_references(page) == []
    with browser_page() as p:
        p.goto((tmp_path / "action-3-en.html").as_uri())
        p.wait_for_selector(".pw-chart svg.marks", timeout=20000)
        assert p.blocked == [] and p.console_errors == []


def _dies_once(job, meta, warm=True, timeout=60.0, data_sum=None, root=None):
    """A job that kills its worker process (as kill -9 from outside would) the first time an
    English report runs; module level, so the pool can send it to its workers."""
    marker = Path(os.environ["PLANWATCH_TEST_MARKER"])
    if job.name.endswith("-en") and not marker.exists():
        marker.write_text("x")
        os.kill(os.getpid(), 9)
    return {
        "name": job.name,
        "status": "ok",
        "seconds": 0.0,
        "error": "",
        "retried": False,
        "html": "<html>x</html>",
    }


def test_a_worker_killed_mid_batch_costs_no_report(small_project, tmp_path, monkeypatch):
    """kill -9 of one worker breaks a process pool; the jobs it took down run again on a new
    one, so every report is made and the retry is recorded."""
    marker = tmp_path / "killed-once"
    monkeypatch.setenv("PLANWATCH_TEST_MARKER", str(marker))
    monkeypatch.setattr(render, "run_job", _dies_once)
    results = render.render(
        only=["action:3"], langs=["zh", "en"], out_dir=tmp_path / "out", progress=False, jobs=2
    )
    assert marker.exists()
    assert [r["status"] for r in results] == ["ok", "ok"], results
    assert any(r["retried"] for r in results)
    assert sorted(p.name for p in (tmp_path / "out").glob("action-3-*.html")) == [
        "action-3-en.html",
        "action-3-zh.html",
    ]


def test_a_fresh_kernel_that_dies_is_replaced_once_and_a_cell_error_is_not(monkeypatch, tmp_path):
    """``--fresh-kernels``: a kernel that died (here before replying to kernel_info, as one did
    under load in CI) is started again once; an error a cell raised is not retried."""
    calls = []

    def dies_once(notebook, params, timeout):
        calls.append(notebook)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "executed"

    monkeypatch.setattr(kernels, "run_fresh", dies_once)
    nb, retried, error = kernels.execute(tmp_path / "a.ipynb", {}, False, 60, {})
    assert (nb, retried, error, len(calls)) == ("executed", True, None, 2)

    calls.clear()

    def cell_fails(notebook, params, timeout):
        calls.append(notebook)
        raise ValueError("a cell raised")

    monkeypatch.setattr(kernels, "run_fresh", cell_fails)
    nb, retried, error = kernels.execute(tmp_path / "a.ipynb", {}, False, 60, {})
    assert (retried, str(error), len(calls)) == (False, "a cell raised", 1)
