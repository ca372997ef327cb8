from planwatch import paths


def test_root_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANWATCH_ROOT", str(tmp_path))
    assert paths.root() == tmp_path.resolve()
    assert paths.processed_dir() == tmp_path.resolve() / "data" / "processed"
    assert paths.reports_dir() == tmp_path.resolve() / "reports"


def test_plan_file_needs_exactly_one_text(monkeypatch, tmp_path):
    import pytest

    monkeypatch.setenv("PLANWATCH_ROOT", str(tmp_path))
    (tmp_path / "data" / "raw" / "plan").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="exactly one"):
        paths.plan_file()
