from planwatch import paths
from planwatch.inputs import plan as plan_manifest


def test_root_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANWATCH_ROOT", str(tmp_path))
    assert paths.root() == tmp_path.resolve()
    assert paths.processed_dir() == tmp_path.resolve() / "data" / "processed"
    assert paths.reports_dir() == tmp_path.resolve() / "reports"


def test_plan_file_comes_from_the_manifest(monkeypatch, tmp_path):
    import pytest

    from planwatch.errors import InputError
    from planwatch.inputs import plan

    monkeypatch.setenv("PLANWATCH_ROOT", str(tmp_path))
    plan.reset_cache()
    (tmp_path / "data" / "raw" / "plan").mkdir(parents=True)
    with pytest.raises(InputError, match="plan manifest missing"):
        plan_manifest.plan_file()
    plan.reset_cache()
