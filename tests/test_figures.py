"""Rows cleaned a table at a time (``observations.clean_table``: the usual row made from cells
checked once) are the rows ``clean_row`` makes one by one, with the same count of missing rows
and the same first error, for random mixes of good, missing and bad cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.errors import InputError
from planwatch.inputs import figures, observations, records
from planwatch.inputs import plan as plan_manifest
from planwatch.tables import build

URL = "https://tjj.zj.gov.cn/example"
CELLS = {
    "region": ["浙江省", "杭州市", "火星", "", "杭州"],
    "indicator": ["网络零售额(亿元)", "数字经济增加值", "不存在的指标", ""],
    "year": ["2021", "2020年", "20x1", "1800", ""],
    "value": ["25230", "2.5万", "—", "", "-5", "1e999", "12,34,5", "3.57"],
    "unit": ["", "亿元", "万元", "km"],
    "period": ["", "2021-01/2021-10", "2021-13", "2030-01"],
    "value_kind": ["", "exact", "lower_bound", "partial_period", "guess"],
    "source_kind": ["", "official", "low", "x"],
    "source_url": [URL, "", "ftp://x", "http://a.b"],
    "quote": ["原文", "", "a,b"],
}
OPTIONAL = ["unit", "period", "value_kind", "source_kind", "quote"]
ROW = st.fixed_dictionaries({c: st.sampled_from(v) for c, v in CELLS.items()})


@pytest.fixture(scope="module")
def catalogue():
    b = build.Build()
    build.plan_tables(b, plan_manifest.plan_file())
    return observations.Catalogue.load(b.tables["indicators"])


def outcome(fn):
    try:
        return fn()
    except InputError as exc:
        return str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rows=st.lists(ROW, max_size=12),
    sheet=st.sampled_from(["", "表1"]),
    absent=st.sets(st.sampled_from(OPTIONAL)),
)
def test_a_table_cleans_like_its_rows_one_by_one(catalogue, rows, sheet, absent):
    """Any mix of rows, with any optional columns absent from the file."""
    path = Path("figures.csv")
    numbers = [k + 2 for k in range(len(rows))]
    rows = [{c: v for c, v in r.items() if c not in absent} for r in rows]
    columns = [c for c in CELLS if c not in absent]
    table = records.Table(numbers, {c: [r[c] for r in rows] for c in columns}, sheet)

    def one_by_one():
        out, missing = [], 0
        for n, r in zip(numbers, rows, strict=True):
            row = observations.clean_row(path, n, dict(r), catalogue, sheet)
            if row is None:
                missing += 1
            else:
                out.append(row)
        return out, missing

    catalogue.memo.clear()
    expected = outcome(one_by_one)
    catalogue.memo.clear()
    assert outcome(lambda: figures.clean_table(path, table, catalogue)) == expected


def test_rows_come_in_tables_in_their_order_and_a_late_error_after_them(tmp_path, monkeypatch):
    """A sheet read row by row comes in tables of ``CHUNK`` rows; a reader's error raised after
    some rows comes after the table of those rows."""
    monkeypatch.setattr(records, "CHUNK", 2)
    path = tmp_path / "f.csv"
    head = "region,indicator,year,value,source_url"
    lines = [f"浙江省,网络零售额(亿元),{2018 + k},{k},{URL}" for k in range(5)]
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    tables = list(records.read_tables(path))
    assert [t.numbers for t in tables] == [[2, 3], [4, 5], [6]]
    assert [y for t in tables for y in t.columns["year"]] == [str(2018 + k) for k in range(5)]
    assert [n for n, _, _ in records.read_rows(path)] == [2, 3, 4, 5, 6]


def test_a_readers_error_comes_after_the_rows_read_before_it(catalogue, monkeypatch):
    """A bad row read before a reader's error (a formula with no value further down a sheet)
    is the one reported, as when rows were cleaned one at a time."""
    good = {c: v[0] for c, v in CELLS.items()}
    bad = {**good, "region": "火星"}

    def rows(path, sheets=None, *, by_column=False):
        yield 2, good, "表1"
        yield 3, bad, "表1"
        raise InputError(path, "formula cell C9 has no stored value", 9, sheet="表1")

    monkeypatch.setattr(records, "read_rows", rows)
    path = Path("book.xlsx")
    tables = records.read_tables(path)
    first = next(tables)
    assert first.numbers == [2, 3]
    with pytest.raises(InputError, match="unknown region"):
        figures.clean_table(path, first, catalogue)
    with pytest.raises(InputError, match="formula cell"):
        next(tables)
