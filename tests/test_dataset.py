import pytest

from planwatch.tables import dataset
from planwatch.tables.storage import IncompleteSetError, write_set


def test_types_follow_schemas(small_project):
    ds = dataset.load()
    ind = ds.indicators
    assert str(ind["value"].dtype) == "float64" and str(ind["year"].dtype) == "Int64"
    assert ind["is_baseline"].dtype == bool
    assert ds.unit_of("数字经济增加值") == "亿元" and ds.unit_of("地区生产总值") == "亿元"


def test_checksum_tracks_the_data(small_project, tmp_path):
    import shutil

    copy = tmp_path / "processed"
    shutil.copytree(small_project / "data" / "processed", copy)
    before = dataset.checksum(copy)
    assert before == dataset.checksum(small_project / "data" / "processed")
    (copy / "tasks.csv").write_text(
        (copy / "tasks.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    with pytest.raises(IncompleteSetError, match="tasks.csv does not match"):
        dataset.checksum(copy)
    with pytest.raises(IncompleteSetError, match="incomplete or mixed; run `make data`"):
        dataset.load(copy)
    files = {p.name: p.read_text(encoding="utf-8") for p in copy.iterdir()}
    files.pop("manifest.json")
    write_set(files, copy)  # the edited table as a set of its own: a new data version
    assert dataset.checksum(copy) != before and len(dataset.load(copy).tasks) > 0


def test_missing_table_says_run_make_data(tmp_path):
    with pytest.raises(FileNotFoundError, match="make data"):
        dataset.read_table("indicators", tmp_path)
