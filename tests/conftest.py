"""Shared fixtures: the project's raw plan text and an isolated copy of the project tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planwatch.inputs import mappings
from planwatch.inputs import plan as plan_manifest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RENDERED_ONLY = [
    "city:宁波",
    "category:基础设施",
    "action:3",
    "summary:accountability",
    "annual:2020",
    "evaluation:composite",
    "explorer",
]


@pytest.fixture(scope="session")
def plan_path() -> Path:
    return plan_manifest.plan_file()


@pytest.fixture(scope="session")
def plan_raw(plan_path) -> str:
    return plan_path.read_text(encoding="utf-8")


@pytest.fixture
def project_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/raw in a temporary project root; PLANWATCH_ROOT points at it."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    (root / "data" / "processed").mkdir(parents=True)
    monkeypatch.setenv("PLANWATCH_ROOT", str(root))
    mappings.reset_caches()
    yield root
    mappings.reset_caches()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="session")
def _built(tmp_path_factory):
    from planwatch.tables import build

    out = tmp_path_factory.mktemp("processed")
    return build.run(out), out


@pytest.fixture(scope="session")
def built(_built):
    """One build of the project's real raw data (the Build, its tables as rows)."""
    return _built[0]


@pytest.fixture(scope="session")
def built_dir(_built) -> Path:
    """The processed folder that one build of the real raw data wrote (read it, never write)."""
    return _built[1]


@pytest.fixture
def project_built(project_copy, built_dir) -> Path:
    """``project_copy`` with its processed set in place (a copy of the session's one build of
    the same raw data), as ``make data`` would have left it."""
    processed = project_copy / "data" / "processed"
    shutil.rmtree(processed)
    shutil.copytree(built_dir, processed)
    return project_copy


@pytest.fixture(scope="session")
def small_built(tmp_path_factory):
    """A project root with the real plan, the real mappings and a small observation file (one
    source title holds a <script> tag), its processed data built. PLANWATCH_ROOT points at it for
    the session's duration of the fixture's users."""
    from planwatch.tables import build

    root = tmp_path_factory.mktemp("small") / "project"
    shutil.copytree(ROOT / "data" / "raw" / "plan", root / "data" / "raw" / "plan")
    shutil.copytree(ROOT / "data" / "raw" / "mappings", root / "data" / "raw" / "mappings")
    shutil.copytree(ROOT / "data" / "raw" / "geo", root / "data" / "raw" / "geo")
    obs = root / "data" / "raw" / "observations"
    obs.mkdir(parents=True)
    shutil.copy(FIXTURES / "observations_small.csv", obs / "small.csv")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    from planwatch.inputs import provenance

    provenance.stamp(
        obs / "small.csv",
        {
            "title": "fixture",
            "publisher": "tests",
            "source_url": "https://example.org",
            "date_retrieved": "2026-11-29",
        },
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_ROOT", str(root))
        mappings.reset_caches()
        build.run()
    mappings.reset_caches()
    return root


@pytest.fixture(scope="session")
def full_built(tmp_path_factory):
    """A project root with all of the project's raw data (plan, mappings, observations,
    boundaries) and its processed data built."""
    from planwatch.tables import build

    root = tmp_path_factory.mktemp("full") / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_ROOT", str(root))
        mappings.reset_caches()
        build.run()
    mappings.reset_caches()
    return root


@pytest.fixture
def full_project(full_built, monkeypatch):
    """PLANWATCH_ROOT points at the full project for this test only."""
    monkeypatch.setenv("PLANWATCH_ROOT", str(full_built))
    mappings.reset_caches()
    yield full_built
    mappings.reset_caches()


@pytest.fixture
def small_project(small_built, monkeypatch):
    """PLANWATCH_ROOT points at the small project for this test only (through monkeypatch)."""
    monkeypatch.setenv("PLANWATCH_ROOT", str(small_built))
    mappings.reset_caches()
    yield small_built
    mappings.reset_caches()


@pytest.fixture(scope="session")
def _rendered(small_built):
    from planwatch.reports import render

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_ROOT", str(small_built))
        mappings.reset_caches()
        results = render.render(only=RENDERED_ONLY, langs=["zh", "en"], progress=False)
    mappings.reset_caches()
    return small_built / "reports", results


@pytest.fixture
def rendered(_rendered, small_project):
    """Reports rendered (once) from the small project, both languages: 宁波, 基础设施, action 3
    and the accountability summary."""
    return _rendered


def run_cli(*args):
    """``planwatch ARGS`` run in this process (the same ``cli.main`` the console script calls),
    its exit code and what it printed: a traceback would be an exception here and fail the
    test. ``tests/test_cli.py`` runs the real console entry point in a subprocess."""
    import contextlib
    import io
    import subprocess

    from planwatch import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:  # argparse refusing the arguments
            code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
