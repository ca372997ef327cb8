"""The column reader of large CSV files (pandas' C parser) gives the same cells, records, figures
and errors as the row-by-row reader; where it cannot promise that, it steps aside."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planwatch.errors import InputError
from planwatch.inputs import figures, observations, readers, records
from planwatch.inputs import plan as plan_manifest
from planwatch.tables import build

from .test_observations import HEADER, line

TRICKY = st.lists(st.sampled_from(list('ab1,"\r\n\t 长、.-') + ["\r\n"]), max_size=80).map("".join)


def by_rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return [row for _, row in readers._csv_rows(None, text, delimiter)]


def same_cells(columns: list[list[str]], rows: list[list[str]]) -> bool:
    """Equal once short rows are padded and empty rows at the very end are set aside."""
    width = len(columns)
    grid = [[c[i] for c in columns] for i in range(len(columns[0]))]
    padded = [r + [""] * (width - len(r)) for r in rows]
    while padded and not "".join(padded[-1]):
        padded.pop()
    while grid and not "".join(grid[-1]):
        grid.pop()
    return grid == padded


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TRICKY, delimiter=st.sampled_from([",", "\t"]))
@example(text='a,b\r\n"x\r\ny",2\r\n', delimiter=",")
@example(text='a,b\n"ab"c,d\n', delimiter=",")
@example(text="a,b\n1\n\n4,5\n", delimiter=",")
def test_random_text_gives_the_same_cells_or_steps_aside(text, delimiter):
    try:
        rows = by_rows(text, delimiter)
    except InputError:
        rows = None
    columns = readers.csv_columns(text, delimiter)
    if columns is None:
        return  # the row reader reads it (and reports what is wrong)
    assert rows is not None, "the column reader read what the row reader refuses"
    assert same_cells(columns, rows)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rows=st.lists(
        st.lists(st.text(alphabet='ab,"\n\r 长1', max_size=6), min_size=3, max_size=3),
        max_size=8,
    )
)
def test_written_csv_gives_the_same_cells(rows):
    buf = io.StringIO()
    csv.writer(buf).writerows([["a", "b", "c"], *rows])
    columns = readers.csv_columns(buf.getvalue(), ",")
    assert columns is not None
    assert same_cells(columns, by_rows(buf.getvalue()))


def test_what_the_column_reader_does_not_promise_goes_row_by_row():
    assert readers.csv_columns("a,b\n1,2,3\n", ",") is None  # a row longer than the first
    assert readers.csv_columns('a,"b\n', ",") is None  # an open quote at the end
    assert readers.csv_columns("a,b\n1,\x002\n", ",") is None  # a NUL character


@pytest.fixture(scope="module")
def catalogue():
    b = build.Build()
    build.plan_tables(b, plan_manifest.plan_file())
    return observations.Catalogue.load(b.tables["indicators"])


def big_file(tmp_path, rows: list[str]):
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "\r\n" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    return path


def read(path, cat):
    rows, missing, _ = figures.read_all(cat, path.parent)
    for r in rows:
        r.pop("_path")
    return rows, missing


def error(path, cat) -> str:
    with pytest.raises(InputError) as exc:
        figures.read_all(cat, path.parent)
    return str(exc.value)


@pytest.fixture
def both_ways(monkeypatch):
    """Read a file once by rows and once by columns."""

    def run(fn):
        monkeypatch.setattr(readers, "FAST_CHARS", 10**12)
        slow = fn()
        monkeypatch.setattr(readers, "FAST_CHARS", 1)
        fast = fn()
        return slow, fast

    return run


def test_a_file_read_by_columns_gives_the_same_figures(tmp_path, catalogue, both_ways):
    rows = [
        line(year=str(y), value=f"{25000 + i}").replace("原文", f'"引文 {i}\r\n第二, 行"')
        for i, y in enumerate([2018, 2019, 2020, 2021] * 50)
    ]
    rows += ["", "注:数据来自统计公报", line(year="2022", value="—")]
    path = big_file(tmp_path, rows)
    slow, fast = both_ways(lambda: read(path, catalogue))
    assert len(slow[0]) == 200 and slow[1] == 1
    assert fast == slow
    assert grid_was_columns(path)


def grid_was_columns(path) -> bool:
    old = readers.FAST_CHARS
    try:
        readers.FAST_CHARS = 1
        return readers.grids(path)[0].columns is not None
    finally:
        readers.FAST_CHARS = old


@pytest.mark.parametrize(
    "bad, what",
    [
        (dict(value='"12,34,5"'), "not a number"),
        (dict(year="20x1"), "not a year"),
        (dict(region="火星"), "unknown region"),
        (dict(url="ftp://x"), "source URL"),
        (dict(kind="guess"), "unknown value_kind"),
    ],
)
def test_a_bad_row_deep_in_a_big_file_names_the_same_row(
    tmp_path,
    catalogue,
    both_ways,
    bad,
    what,
):
    rows = [line(year=str(2018 + i % 4), value=str(25000 + i)) for i in range(150)]
    rows[137] = line(**bad)
    path = big_file(tmp_path, rows)
    slow, fast = both_ways(lambda: error(path, catalogue))
    assert fast == slow
    assert what in fast and "row 139" in fast, fast


def test_a_field_over_the_limit_in_a_big_file_names_its_line(tmp_path, catalogue, monkeypatch):
    monkeypatch.setattr(readers, "FIELD_LIMIT", 1000)
    monkeypatch.setattr(readers, "FAST_CHARS", 1)
    rows = [line(year="2021")] * 5 + [line(year="2019").replace("原文", "x" * 2000)]
    path = big_file(tmp_path, rows)
    assert "longer than" in error(path, catalogue)


def test_records_cleaned_by_column_are_cleaned_like_rows():
    cells = ["浙江省 ", "ＡＢＣ", "数字 经济", "100 Mbps", "a\tb", "", "杭州"]
    assert records._cleaned(cells) == [records.clean_text(c) for c in cells]


def grid_cells(path, fast: bool, monkeypatch):
    """The cells ``readers.grids`` gives for a file (rows, trailing empty rows set aside), or the
    error it raises, read with the column reader allowed (fast) or not."""
    monkeypatch.setattr(readers, "FAST_CHARS", 1 if fast else 10**12)
    try:
        grid = readers.grids(path)[0]
        rows = [cells for _, cells in grid.rows]
    except InputError as exc:
        return "error", str(exc)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    while rows and not "".join(rows[-1]):
        rows.pop()
    return "cells", rows


PIECES = st.sampled_from(
    ["a", "1", ",", '"', "\n", "\r\n", "\t", " ", "长", "、", "数字经济", "\ufeff", "\x85"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    text=st.lists(PIECES, max_size=60).map("".join),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    junk=st.one_of(st.just(b""), st.binary(max_size=3)),
)
@example(text='"x\r\ny",2\r\n', encoding="utf-8", junk=b"")  # CR inside quotes
@example(text='"x\ry",2\r', encoding="utf-8", junk=b"")
@example(text="\ufeff长,1\n", encoding="utf-8-sig", junk=b"")
@example(text="长,1\n", encoding="utf-8", junk=b"\xff")  # not UTF-8: decoded as GB18030
@example(text="长,1\n", encoding="utf-8", junk=b"\xa1")  # neither UTF-8 nor GB18030
def test_bytes_of_any_encoding_give_the_same_cells_by_either_reader(
    tmp_path_factory, monkeypatch, text, encoding, junk
):
    """A large file is parsed from its bytes when they are UTF-8 (line ends made LF there, as in
    the text); any other file (another encoding, a BOM, bytes that are not UTF-8) is decoded
    first: the same cells, or the same error, as the row-by-row reader."""
    path = tmp_path_factory.mktemp("g") / "f.csv"
    path.write_bytes("a,b,c\n".encode(encoding) + text.encode(encoding) + junk)
    slow = grid_cells(path, False, monkeypatch)
    fast = grid_cells(path, True, monkeypatch)
    assert fast == slow


def test_a_large_utf8_file_is_parsed_from_its_bytes_and_gbk_is_decoded_first(tmp_path, monkeypatch):
    text = "region,indicator,year\n" + "浙江省,数字经济增加值,2020\n" * 50
    plain = tmp_path / "plain.csv"
    plain.write_bytes(text.encode("utf-8"))
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gb18030"))
    monkeypatch.setattr(readers, "FAST_CHARS", 1)
    assert readers._utf8_columns(plain.read_bytes(), "csv") is not None
    assert readers._utf8_columns(gbk.read_bytes(), "csv") is None  # not UTF-8: decoded first
    assert readers._utf8_columns(b"\xef\xbb\xbf" + plain.read_bytes(), "csv") is None  # a BOM
    assert grid_cells(gbk, True, monkeypatch) == grid_cells(plain, True, monkeypatch)
    assert grid_cells(plain, True, monkeypatch) == grid_cells(plain, False, monkeypatch)


def quote_state_at_end(text: str, delimiter: str) -> bool:
    """An oracle written apart from the reader: whether the csv module (default dialect, not
    strict) is inside a quoted cell when the text ends, by its states, char by char."""
    state = "start"
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if state == "start":
            state = "quoted" if ch == '"' else "start" if ch in (delimiter, "\n") else "field"
        elif state == "field":
            state = "start" if ch in (delimiter, "\n") else "field"
        elif state == "quoted":
            state = "quote_in_quoted" if ch == '"' else "quoted"
        else:  # a quote inside a quoted cell: doubled, or the cell's end
            state = "quoted" if ch == '"' else "start" if ch in (delimiter, "\n") else "field"
    return state == "quoted"


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TRICKY, delimiter=st.sampled_from([",", "\t"]))
@example(text=",", delimiter=",")
@example(text='a,"b""', delimiter=",")
@example(text='"ab"c"d', delimiter=",")
def test_a_quote_left_open_at_the_end_is_refused_with_its_line(text, delimiter):
    """The row reader refuses a text that ends inside a quoted cell (the cell would swallow the
    rest of the file, or a last row would be taken as something else), and only such a text."""
    try:
        by_rows(text, delimiter)
        refused = False
    except InputError as exc:
        refused = "never closed" in str(exc)
    assert refused == quote_state_at_end(text, delimiter)


def test_an_open_quote_at_the_end_of_a_big_file_is_refused_either_way(
    tmp_path, catalogue, both_ways
):
    rows = [line(year=str(2018 + i % 4), value=str(25000 + i)) for i in range(150)]
    path = big_file(tmp_path, rows)
    path.write_bytes(path.read_bytes() + '"浙江省,网络零售额(亿元),2021'.encode())
    slow, fast = both_ways(lambda: error(path, catalogue))
    assert fast == slow
    assert "line 152" in fast and "never closed" in fast, fast


def test_cells_right_of_the_header_are_refused_either_way_with_their_row(
    tmp_path, catalogue, both_ways
):
    """A comma left unquoted in a note shifts a cell right of the header's last column: the
    row is refused (the cell would be lost), by either reader, after the rows above it."""
    rows = [line(year=str(2018 + i % 4), value=str(25000 + i)) for i in range(150)]
    rows[120] = rows[120] + ",第二句"
    path = big_file(tmp_path, rows)
    slow, fast = both_ways(lambda: error(path, catalogue))
    assert fast == slow
    assert "row 122, column '15'" in fast and "right of the header" in fast, fast
    assert "第二句" in fast
    rows[100] = line(value="abc")  # a bad row above it is the one reported
    path = big_file(tmp_path, rows)
    slow, fast = both_ways(lambda: error(path, catalogue))
    assert fast == slow and "row 102" in fast and "not a number" in fast, fast


def test_empty_cells_right_of_the_header_and_a_wide_title_row_are_read(
    tmp_path, catalogue, both_ways
):
    rows = [line(year=str(2018 + i % 4), value=str(25000 + i)) + ",, " for i in range(150)]
    path = big_file(tmp_path, rows)
    text = path.read_text(encoding="utf-8")
    path.write_text("浙江省数字经济统计" + "," * 20 + "\r\n" + text, encoding="utf-8")
    slow, fast = both_ways(lambda: read(path, catalogue))
    assert fast == slow and len(slow[0]) == 150
