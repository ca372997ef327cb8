from decimal import Decimal

import pandas as pd
import pytest

from planwatch.tables import storage


def test_csv_text_plain_numbers_and_booleans():
    df = pd.DataFrame({"a": [20658.0, 39.9, None], "b": [True, False, True], "c": ["x", "", "z"]})
    text = storage.to_csv_text(df)
    assert text.splitlines() == ["a,b,c", "20658,true,x", "39.9,false,", ",true,z"]
    assert storage._fmt(Decimal("1.50")) == "1.5"


def test_write_atomically_all_or_nothing(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_text("old a")
    real_replace = storage.os.replace
    calls = []

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", fail_second)
    with pytest.raises(OSError):
        storage.write_atomically({"a.csv": "new a", "b.csv": "new b"}, tmp_path)
    assert (tmp_path / "a.csv").read_text() == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]  # no temp files left


def test_write_atomically_writes(tmp_path):
    storage.write_atomically(
        {"x.csv": "1\n", "datapackage.json": storage.json_text({"k": "值"})}, tmp_path
    )
    assert (tmp_path / "x.csv").read_text() == "1\n" and "值" in (
        tmp_path / "datapackage.json"
    ).read_text("utf-8")
