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


def test_a_load_racing_rebuilds_gives_one_whole_set(small_project, tmp_path):
    """Rebuilds swap two versions of the set in, as fast as they can, while loads run: every
    load is all of version A or all of version B (each table, the checksum), never a mix, and a
    load that cannot get a whole set says so."""
    import threading

    source = small_project / "data" / "processed"
    base = {p.name: p.read_text(encoding="utf-8") for p in source.iterdir()}
    base.pop("manifest.json")

    def version(tag: str) -> dict[str, str]:
        """The set with a marker row in ``names`` and 1 (A) or 3 (B) copies of a task row."""
        files = dict(base)
        lines = files["names.csv"].splitlines()
        files["names.csv"] = "\n".join(lines[:1] + [f"note,race,{tag},{tag}"] + lines[1:]) + "\n"
        lines = files["tasks.csv"].splitlines()
        files["tasks.csv"] = "\n".join(lines + lines[1:2] * (1 if tag == "A" else 3)) + "\n"
        return files

    a, b = version("A"), version("B")
    folder = tmp_path / "processed"
    write_set(a, folder)
    sums = {"A": dataset.checksum(folder)}
    write_set(b, folder)
    sums["B"] = dataset.checksum(folder)
    rows = len(base["tasks.csv"].splitlines()) - 1
    n_tasks = {"A": rows + 1, "B": rows + 3}
    stop = threading.Event()

    def rebuild():
        i = 0
        while not stop.is_set():
            write_set(a if i % 2 == 0 else b, folder)
            i += 1

    writer = threading.Thread(target=rebuild)
    writer.start()
    seen, refused = set(), 0
    try:
        for _ in range(15):
            dataset._CACHE.clear()
            try:
                ds = dataset.load(folder)
            except IncompleteSetError as exc:
                assert "changed while it was read" in str(exc) or "run `make data`" in str(exc)
                refused += 1
                continue
            names = ds.names
            tag = names.loc[names["key"] == "race", "en"].iloc[0]
            assert ds.checksum == sums[tag], "checksum of one version, tables of the other"
            assert len(ds.tasks) == n_tasks[tag], "tables of two versions in one load"
            seen.add(tag)
    finally:
        stop.set()
        writer.join()
    assert seen, f"no load got a whole set ({refused} refused)"
