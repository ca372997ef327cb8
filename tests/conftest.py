"""Shared fixtures: the project's raw plan text and an isolated copy of the project tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planwatch import mappings, paths

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def plan_path() -> Path:
    return paths.plan_file()


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
def built(tmp_path_factory):
    """One build of the project's real raw data into a temporary folder."""
    from planwatch import build

    out = tmp_path_factory.mktemp("processed")
    return build.run(out)
