"""Every CSV or Excel file handed to a person neutralises cells a spreadsheet would run."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from planwatch.present import spreadsheet


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_start_is_neutralised(start):
    value = start + "cmd|' /C calc'!A0"
    assert spreadsheet.neutralise(value) == "'" + value
    text = spreadsheet.csv_text(["a"], [[value]])
    assert list(csv.reader(io.StringIO(text, newline="")))[1] == ["'" + value]
    ws = load_workbook(io.BytesIO(spreadsheet.xlsx_bytes([("s", ["a"], [[value]])]))).active
    # an XML parser may read a carriage return back as a line feed (the standard library's
    # does; lxml, when installed, keeps it): either way the cell is text, neutralised
    assert ws["A2"].value in ("'" + value, ("'" + value).replace("\r", "\n"))
    assert ws["A2"].data_type == "s"


@pytest.mark.parametrize("value", ["-3.5", "+2", "-0", "12", "统计公报", "", "a=b"])
def test_numbers_and_plain_text_are_left_as_they_are(value):
    assert spreadsheet.neutralise(value) == value


@given(st.text(max_size=30))
def test_no_cell_read_back_starts_a_formula(value):
    text = spreadsheet.csv_text(["v"], [[value]])
    cell = list(csv.reader(io.StringIO(text, newline="")))[1][0]
    assert not cell.startswith(("=", "@", "\t", "\r")) or cell == value == ""
    if cell.startswith(("-", "+")):  # a signed plain number is kept as it is (+2, -3.5), no more
        assert spreadsheet._NUMBER_RE.fullmatch(cell)


def test_csv_has_a_bom_and_sheet_names_are_valid_and_unique():
    assert spreadsheet.csv_bytes(["年份"], [[2020]]).startswith(b"\xef\xbb\xbf")
    taken: set[str] = set()
    names = [spreadsheet.sheet_name("a/b:c*" + "长" * 40, taken) for _ in range(3)]
    assert len(set(names)) == 3 and all(len(n) <= 31 and "/" not in n for n in names)


def test_data_entry_templates_neutralise_names(tmp_path):
    from planwatch.inputs import entry_templates

    indicators = [{"indicator": "=1+1", "unit": "@x"}]
    csv_path, xlsx_path = entry_templates.write_templates(tmp_path, indicators, ["-地区"])
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert rows[1][:2] == ["'-地区", "'=1+1(@x)"] and rows[1][4] == "'@x"
    ws = load_workbook(xlsx_path)["observations"]
    assert ws["B2"].value == "'=1+1(@x)" and ws["B2"].data_type == "s"


def test_the_same_workbook_gives_the_same_bytes():
    import time

    sheets = [("a", ["x"], [["1"]])]
    first = spreadsheet.xlsx_bytes(sheets)
    time.sleep(2.1)  # zip members and document properties carry times to the second
    assert spreadsheet.xlsx_bytes(sheets) == first
    assert load_workbook(io.BytesIO(first))["a"]["A2"].value == "1"
