"""Hostile observation files: every one is read or refused with a message naming the file (and
sheet, row, cell) and the build leaves data/processed/ byte for byte as it was."""

from __future__ import annotations

import codecs
import io
import os
import shutil
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import observations, readers, records
from planwatch.tables import build

from .conftest import snapshot
from .test_observations import HEADER, URL, add, chosen, line


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory):
    """One processed set of the real raw data, copied into each test's project."""
    out = tmp_path_factory.mktemp("prebuilt") / "processed"
    build.run(out)
    return out


@pytest.fixture
def project(project_copy, prebuilt):
    shutil.rmtree(project_copy / "data/processed")
    shutil.copytree(prebuilt, project_copy / "data/processed")
    return project_copy


def refused(*needles: str) -> str:
    """Run a build that must be refused; the message names every needle; nothing is written."""
    before = snapshot(paths.processed_dir())
    with pytest.raises(InputError) as exc:
        build.run()
    msg = str(exc.value)
    for needle in needles:
        assert needle in msg, (needle, msg)
    assert snapshot(paths.processed_dir()) == before
    return msg


def workbook(**sheets: list[list]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ROW = [
    "浙江省",
    "网络零售额(亿元)",
    2021,
    25230,
    "亿元",
    "yes",
    "exact",
    "",
    "stated",
    "official",
    URL,
]
HEAD = HEADER.split(",")[:11]


# --- workbooks ---------------------------------------------------------------------------------


def test_every_sheet_of_a_workbook_is_read(project):
    row2 = [*ROW[:2], 2019, 22000, *ROW[4:]]
    add(project, "book.xlsx", workbook(first=[HEAD, ROW], second=[["标题"], HEAD, row2]))
    audit = build.run().tables["observations_audit"]
    mine = {(r["sheet"], r["year"], r["row"]) for r in audit if r["file"] == "book.xlsx"}
    assert mine == {("first", 2021, 2), ("second", 2019, 3)}


def test_a_sheet_named_in_the_sidecar_is_the_only_one_read(project):
    path = add(project, "book.xlsx", workbook(a=[HEAD, ROW], b=[["junk", 1, 2], ["x", 3, 4]]))
    side = path.with_name("book.xlsx.meta.yml")
    side.write_text(side.read_text(encoding="utf-8") + "sheets: [a]\n", encoding="utf-8")
    assert chosen(build.run())[2021]["sheet"] == "a"
    side.write_text(side.read_text(encoding="utf-8").replace("[a]", "[nope]"), encoding="utf-8")
    refused("book.xlsx", "nope", "one of a, b")


def test_a_data_sheet_without_header_names_the_sheet(project):
    add(project, "book.xlsx", workbook(good=[HEAD, ROW], bad=[ROW, ROW]))
    refused("book.xlsx", "sheet 'bad'", "no header row")


def test_a_formula_without_stored_value_names_sheet_and_cell(project):
    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(HEAD)
    ws.append([*ROW[:3], "=1+1", *ROW[4:]])
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stores formulas without their results, like many tools
    add(project, "formula.xlsx", buf.getvalue())
    msg = refused("formula.xlsx", "sheet '数据'", "D2", "no stored value")
    assert "open and save the file in Excel or LibreOffice" in msg


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"", "empty file"),
        (None, "cannot open the workbook"),  # truncated
        (HEADER.encode() + b"\n", "not an .xlsx workbook"),  # a CSV renamed
        (readers.OLE_MAGIC + b"\0" * 600, "old-format .xls"),  # an .xls renamed
    ],
)
def test_damaged_workbooks(project, content, what):
    if content is None:
        content = workbook(s=[HEAD, ROW])[:900]
    add(project, "broken.xlsx", content)
    refused("broken.xlsx", what)


@pytest.mark.parametrize("name", ["old.xls", "sheet.ods"])
def test_spreadsheet_formats_that_are_not_read_are_refused(project, name):
    add(project, name, b"\xd0\xcf\x11\xe0 whatever")
    refused(name, "save it as .xlsx")


def test_tsv_and_any_letter_case_are_read(project):
    add(project, "tabs.tsv", (HEADER + "\n" + line(year="2019")).replace(",", "\t") + "\n")
    add(project, "UPPER.CSV", HEADER + "\n" + line(year="2020", value="22000") + "\n")
    add(project, "Book.XLSX", workbook(s=[HEAD, [*ROW[:2], 2018, 20000, *ROW[4:]]]))
    files = {r["file"] for r in build.run().tables["observations_audit"]}
    assert {"tabs.tsv", "UPPER.CSV", "Book.XLSX"} <= files


def test_other_files_and_folders_are_listed_as_not_read(project):
    (project / "data/raw/observations/readme.txt").write_text("notes", encoding="utf-8")
    (project / "data/raw/observations/x.csv").mkdir()
    notes = build.run().notes
    assert any("readme.txt" in n and "not read" in n for n in notes)
    assert any("x.csv" in n and "folder" in n for n in notes)


def test_a_symlink_outside_the_project_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    outside.write_text(HEADER + "\n" + line() + "\n", encoding="utf-8")
    (project / "data/raw/observations/linked.csv").symlink_to(outside)
    refused("linked.csv", "resolves outside")


# --- text files --------------------------------------------------------------------------------


def text(year="2021"):
    return HEADER + "\n" + line(year=year) + "\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-le"),  # no BOM
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),  # classic Mac line endings
        lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    ],
)
def test_encodings_and_line_endings_are_read(project, encode):
    add(project, "enc.csv", encode(text()))
    assert chosen(build.run())[2021]["value"] == 25230


def test_a_long_field_is_read_and_one_over_the_limit_names_its_line(project):
    long_quote = "长" * 200_000  # over Python's default 128 KiB field limit
    add(project, "long.csv", text().replace("原文", long_quote))
    assert len(chosen(build.run())[2021]["quote"]) == 200_000
    huge = "x" * (readers.FIELD_LIMIT + 10)
    add(project, "long.csv", text() + line(year="2019").replace("原文", huge) + "\n")
    refused("long.csv", "line 3", "longer than 16 MiB")


def test_big5_is_named_as_such(project):
    big5 = ("region,indicator,year,value,source_url\n浙江省,網絡零售額,2021,25230," + URL).encode(
        "big5"
    )
    add(project, "big5.csv", big5)
    refused("big5.csv", "Big5")


def test_undecodable_bytes_give_their_line(project):
    add(project, "bad.csv", text().encode("utf-8") + b"\xff\xfe\xfd,\x80\x81\n")
    refused("bad.csv", "line 3", "UTF-8 or GB18030")


def test_binary_file_is_refused(project):
    add(project, "bin.csv", bytes(range(256)) * 8)
    refused("bin.csv")


# --- sidecars ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"title: [unclosed\npublisher: x\n", "not valid YAML"),
        (b"- a\n- b\n", "holds a list"),
        ("title: 统计\n".encode("gbk"), "not UTF-8"),
        (
            b"title: t\npublisher: p\nsource_url: javascript:alert(1)\n"
            b"date_retrieved: 2026-01-01\nsha256: x\n",
            "not a web address",
        ),
        (
            b"title: t\npublisher: p\nsource_url: https://a.org\ndate_retrieved: soon\nsha256: x\n",
            "not a date",
        ),
    ],
)
def test_broken_sidecars_are_named(project, content, what):
    path = add(project, "ok.csv", text())
    path.with_name("ok.csv.meta.yml").write_bytes(content)
    refused("ok.csv.meta.yml", what)


def test_broken_yaml_names_its_line(project):
    path = add(project, "ok.csv", text())
    path.with_name("ok.csv.meta.yml").write_text("title: t\npublisher: p\n  bad: [\n")
    refused("ok.csv.meta.yml", "line 3")


# --- the processed data a report reads ---------------------------------------------------------


def test_a_missing_processed_table_is_named_before_any_report_starts(project, capsys):
    from planwatch.cli import main

    os.remove(project / "data/processed/progress.csv")
    assert main(["render", "--only", "city:宁波", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "progress.csv is missing" in err and "make data" in err
    assert not list((project / "reports").glob("*.html"))


# --- property-based: only rows or InputError ---------------------------------------------------

CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["浙江省", "杭州", "网络零售额(亿元)", "2021", "2099", "25230", "—", URL]),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
)


def _read(path, cat):
    try:
        for n, r, sheet in records.read_rows(path):
            observations.clean_row(path, n, r, cat, sheet)
    except InputError:
        pass


@pytest.fixture(scope="module")
def catalogue(prebuilt):
    from planwatch.tables import dataset

    rows = dataset.read_table("indicators", prebuilt).to_dict("records")
    for r in rows:
        r["value"] = None if r["value"] != r["value"] else r["value"]
    return observations.Catalogue.load(rows)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".tsv", ".xlsx"]))
def test_random_bytes_give_rows_or_input_error(tmp_path_factory, catalogue, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    path.write_bytes(data)
    _read(path, catalogue)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(st.lists(CELLS, max_size=14), max_size=8), header=st.booleans())
def test_random_csv_shapes_give_rows_or_input_error(tmp_path_factory, catalogue, rows, header):
    import csv

    buf = io.StringIO()
    w = csv.writer(buf)
    if header:
        w.writerow(HEAD)
    w.writerows(rows)
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    _read(path, catalogue)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(st.lists(CELLS, max_size=12), max_size=6), header=st.booleans())
def test_random_workbook_cells_give_rows_or_input_error(tmp_path_factory, catalogue, rows, header):
    wb = Workbook()
    ws = wb.active
    path = tmp_path_factory.mktemp("fuzz") / "f.xlsx"
    try:
        if header:
            ws.append(HEAD)
        for r in rows:
            ws.append(r)
        wb.save(path)
    except Exception:  # openpyxl refuses some strings (control characters): not our reader
        return
    _read(path, catalogue)


def test_zip_that_is_not_a_workbook(project):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    add(project, "zip.xlsx", buf.getvalue())
    refused("zip.xlsx", "cannot open the workbook")


def test_size_limits_refuse_a_file_before_it_is_read_whole(tmp_path, monkeypatch):
    """Bytes on disk, the unpacked size of a workbook, rows and cells of a sheet: each refused
    in one line naming the limit (limits lowered for the test; the shipped ones are in
    vocab/observations.yml)."""
    from planwatch.inputs import readers

    book = tmp_path / "figures.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    for i in range(12):
        ws.append(["浙江省", "网络零售额(亿元)", 2020 + i % 3, 100 + i])
    wb.save(book)
    small = {"bytes": 10**9, "unpacked_bytes": 10**9, "rows": 10, "cells": 10**6}
    monkeypatch.setattr(readers, "_limits", lambda: small)
    with pytest.raises(InputError) as e:
        [list(g.rows) for g in readers.grids(book)]
    assert "12 rows" in str(e.value) and "10 rows" in str(e.value) and "数据" in str(e.value)
    monkeypatch.setattr(readers, "_limits", lambda: dict(small, rows=100, cells=20))
    with pytest.raises(InputError, match="over the limits of 100 rows or 20 cells"):
        [list(g.rows) for g in readers.grids(book)]
    monkeypatch.setattr(readers, "_limits", lambda: dict(small, rows=100, unpacked_bytes=1000))
    with pytest.raises(InputError, match="unpacks to .* over the limit of 1,000"):
        readers.grids(book)
    text = tmp_path / "figures.csv"
    text.write_text("region,indicator,year,value\n" + "浙江省,网络零售额,2020,1\n" * 50)
    monkeypatch.setattr(readers, "_limits", lambda: dict(small, bytes=100))
    with pytest.raises(InputError, match="bytes, over the limit of 100"):
        readers.grids(text)
