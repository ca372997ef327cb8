import pandas as pd

from planwatch.explorer import downloads


def test_table_downloads_write_what_they_are_given(tmp_path):
    df = pd.DataFrame({"year": [2019], "value": [1.5], "source": ["甲"]})
    out = downloads.write_table(df, tmp_path / "t.csv")
    text = out.read_text(encoding="utf-8-sig")
    assert "year" in text and "1.5" in text and "甲" in text
