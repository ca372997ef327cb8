"""Data downloads of an exported report: every chart's data and every table as CSV, all of them
as one workbook, in page order, neutralised, offline."""

from __future__ import annotations

import base64
import io
import re

import altair as alt
import nbformat
import pandas as pd
import pytest
from openpyxl import load_workbook

from planwatch.present import html
from planwatch.present.html import VEGALITE_MIME, ChartOutput
from planwatch.reports import offline, takeaway

EVIL = '=HYPERLINK("http://evil.example","click")'


def chart_spec():
    df = pd.DataFrame(
        {
            "year": [2019, 2020],
            "value": [1.5, 2.5],
            "source_title": [EVIL, "统计公报"],
            "source_url": ["https://a.example/1", "https://a.example/2"],
        }
    )
    chart = (
        alt.Chart(df, title="数字经济增加值")
        .mark_line()
        .encode(x=alt.X("year:Q", title="年份"), y=alt.Y("value:Q", title="数值(亿元)"))
    )
    return ChartOutput(chart).spec


def report_nb():
    table = html.table(
        ["年份", "来源"],
        [
            [2020, html.link("https://b.example/x", "公报 <2020>")],
            [2021, html.tag("span", "+1 留言")],
        ],
    )
    nb = nbformat.v4.new_notebook()
    chart = nbformat.v4.new_code_cell("c")
    chart.outputs = [
        nbformat.v4.new_output(
            "display_data", data={VEGALITE_MIME: chart_spec(), "text/plain": "c"}
        )
    ]
    tab = nbformat.v4.new_code_cell("t")
    tab.outputs = [nbformat.v4.new_output("display_data", data={"text/html": str(table)})]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 报告"),
        nbformat.v4.new_markdown_cell("## 来源表"),
        tab,
        nbformat.v4.new_markdown_cell("## 走势"),
        chart,
    ]
    return nb


def downloads(page: str) -> dict[str, bytes]:
    found = re.findall(r'download="([^"]+)" href="data:[^,]+;base64,([^"]+)"', page)
    return {name: base64.b64decode(data) for name, data in found}


def test_every_chart_and_table_offers_its_data_in_page_order(monkeypatch):
    monkeypatch.setattr(offline, "vega_bundle", lambda: "window.vegaEmbed=function(){};")
    page = offline.to_html(report_nb(), "zh", {"report": "city_宁波_zh"})
    files = downloads(page)
    names = list(files)
    assert names == [
        "city_宁波_zh-all-data.xlsx",
        "city_宁波_zh-01-来源表.csv",
        "city_宁波_zh-02-数字经济增加值.csv",
    ]
    table = files["city_宁波_zh-01-来源表.csv"]
    assert table.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese correctly
    text = table.decode("utf-8-sig")
    assert text.splitlines()[0] == "年份,来源,来源 URL"
    assert "2020,公报 <2020>,https://b.example/x" in text
    assert "'+1 留言" in text  # a cell that would be a formula is neutralised
    chart = files["city_宁波_zh-02-数字经济增加值.csv"].decode("utf-8-sig")
    assert chart.splitlines()[0] == "年份,数值(亿元),来源,来源 URL"  # the chart's words
    assert "'=HYPERLINK" in chart and "https://a.example/2" in chart
    assert "下载数据(CSV)" in page and offline.external_references(page) == []
    assert '<caption class="pw-sr-only">来源表</caption>' in page  # named for screen readers
    assert 'scope="col"' in page
    wb = load_workbook(io.BytesIO(files["city_宁波_zh-all-data.xlsx"]))
    assert wb.sheetnames == ["表 1 来源表", "图 2 数字经济增加值"]
    cell = wb["图 2 数字经济增加值"]["C2"]
    assert cell.value == "'" + EVIL and cell.data_type == "s"


def test_english_page_words():
    d = takeaway.Downloads("x", "en")
    link = d.link("table_word", "Sources", ["a"], [["1"]])
    assert "Download the data (CSV)" in link and 'download="x-01-Sources.csv"' in link
    assert "Download all data in this report (1 tables" in d.all_link()


def test_table_cells_leave_out_the_other_language_and_keep_links():
    t = (
        '<table class="pw-table"><tr><th>名称<span lang="en">Name</span></th><th>x</th></tr>'
        '<tr><td>甲<br>乙</td><td><a href="https://c.example">链接</a></td></tr>'
        "<tr><td>丙</td></tr></table>"
    )
    headers, rows = takeaway.table_cells(t, "zh")
    assert headers == ["名称", "x", "x URL"]
    assert rows == [["甲 乙", "链接", "https://c.example"], ["丙", "", ""]]


def test_layered_chart_data_and_names():
    spec = {
        "layer": [
            {"data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "title": "A"}}},
            {"data": {"values": [{"a": 2, "b": 3}]}, "title": "T"},
        ]
    }
    assert takeaway.chart_records(spec) == [{"a": 1}, {"a": 2, "b": 3}]
    assert takeaway.title_text(spec) == "T"
    headers, rows = takeaway.records_table(
        takeaway.chart_records(spec), takeaway.field_titles(spec)
    )
    assert headers == ["A"] and rows == [[1], [2]]  # b: named by no axis, legend or tooltip


def test_file_names_are_safe():
    assert takeaway.slug('a/b\\c:"<x>" 年份') == "a_b_c_x_年份"
    assert takeaway.slug("...") == "data"


@pytest.mark.browser
def test_a_reader_downloads_a_table_in_the_browser(tmp_path):
    from .browser import browser_page

    path = tmp_path / "r.html"
    path.write_text(offline.to_html(report_nb(), "zh", {"report": "r"}), encoding="utf-8")
    with browser_page() as page:
        page.goto(path.as_uri())
        with page.expect_download() as info:
            page.locator("a.pw-download", has_text="下载数据(CSV)").first.click()
        download = info.value
        assert download.suggested_filename == "r-01-来源表.csv"
        data = open(download.path(), "rb").read()
        assert data.startswith(b"\xef\xbb\xbf") and "公报 <2020>" in data.decode("utf-8-sig")
        assert page.blocked == []


def test_a_map_offers_what_it_says_of_each_city_not_its_outlines():
    feature = {
        "type": "Feature",
        "geometry": {"type": "MultiPolygon", "coordinates": [[[[120, 30], [121, 30], [120, 31]]]]},
        "properties": {"city": "宁波", "label": "1.8万亿元", "year": 2024},
    }
    spec = {
        "data": {"values": [feature]},
        "mark": {"type": "geoshape"},
        "encoding": {"tooltip": [{"field": "properties.city", "title": "地区"}]},
    }
    headers, rows = takeaway.records_table(
        takeaway.chart_records(spec), takeaway.field_titles(spec)
    )
    assert headers == ["地区"] and rows == [["宁波"]]  # the fields the map names, no outline
    d = takeaway.Downloads("m", "zh")
    assert "m-01-" in d.chart(spec) and load_workbook(
        io.BytesIO(base64.b64decode(re.search(r"base64,([^\"]+)", d.all_link()).group(1)))
    )


def test_nested_values_become_text_in_a_workbook():
    from planwatch.present import spreadsheet

    data = spreadsheet.xlsx_bytes([("s", ["a", "b"], [[{"k": [1, 2]}, 3]])])
    ws = load_workbook(io.BytesIO(data))["s"]
    assert ws["A2"].value == '{"k": [1, 2]}' and ws["B2"].value == 3


def test_a_charts_table_is_for_readers():
    """Named fields only, flags as words, no missing number as nan, each row once."""
    row = {"year": 2020, "v": float("nan"), "ok": True, "internal_code": "no_data"}
    spec = {
        "layer": [
            {"data": {"values": [row]}, "encoding": {"x": {"field": "year", "title": "年份"}}},
            {"data": {"values": [row]}, "encoding": {"y": {"field": "v", "title": "数值"}}},
        ],
        "encoding": {"tooltip": [{"field": "ok", "title": "达标"}]},
    }
    headers, rows = takeaway.records_table(
        takeaway.chart_records(spec), takeaway.field_titles(spec), "zh"
    )
    assert headers == ["年份", "数值", "达标"] and rows == [[2020, None, "是"]]
