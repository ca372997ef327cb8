"""Wrapped names in unruled PDF tables are joined only on evidence, and never across headings."""

from __future__ import annotations

from planwatch.parse.pdf_rows import join_wrapped

from .conftest import FIXTURES

HEAD = ["指标", "单位", "2020年", "2025年"]


def test_centred_names_of_two_and_three_lines_are_joined():
    rows = [
        HEAD,
        ["一、经济发展", "", "", ""],
        ["地区生产总值", "亿元", "5000", "7000"],
        ["数字经济核心产业增加", "", "", ""],
        ["", "%", "10.5", "13"],
        ["值占地区生产总值比重", "", "", ""],
        ["规模以上工业企业", "", "", ""],
        ["数字化改造覆盖率", "%", "40", "80"],
        ["(不含小微企业)", "", "", ""],
        ["研发经费投入强度", "%", "2.9", "3.3"],
    ]
    assert join_wrapped(rows) == [
        HEAD,
        ["一、经济发展", "", "", ""],
        ["地区生产总值", "亿元", "5000", "7000"],
        ["数字经济核心产业增加值占地区生产总值比重", "%", "10.5", "13"],
        ["规模以上工业企业数字化改造覆盖率(不含小微企业)", "%", "40", "80"],
        ["研发经费投入强度", "%", "2.9", "3.3"],
    ]


def test_without_a_values_row_nothing_is_joined():
    rows = [HEAD, ["经济发展", "", "", ""], ["地区生产总值", "亿元", "5000", "7000"]]
    assert join_wrapped(rows) == rows


def test_an_unruled_pdf_with_wrapped_names_reads_whole():
    from planwatch.parse.table_file import parse_table_file

    table = parse_table_file(FIXTURES / "documents" / "unruled_wrapped.pdf")
    assert [r.indicator for r in table.rows] == [
        "地区生产总值",
        "数字经济核心产业增加值占地区生产总值比重",
        "每万人口高价值发明专利拥有量",
        "研发经费投入强度",
    ]
    assert table.warnings == []


def test_a_group_label_above_a_named_row_is_not_joined_to_it():
    rows = [
        HEAD,
        ["数字经济核心产业增加", "", "", ""],
        ["", "%", "10.5", "13"],
        ["值占地区生产总值比重", "", "", ""],
        ["社会民生", "", "", ""],
        ["人均预期寿命", "岁", "79", "80"],
    ]
    assert join_wrapped(rows) == [
        HEAD,
        ["数字经济核心产业增加值占地区生产总值比重", "%", "10.5", "13"],
        ["社会民生", "", "", ""],
        ["人均预期寿命", "岁", "79", "80"],
    ]
