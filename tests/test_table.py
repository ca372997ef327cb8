import csv
import io
from decimal import Decimal

import pytest

from planwatch.errors import NoTableError
from planwatch.parse.table import parse_table
from planwatch.parse.table_file import parse_table_file

from .conftest import FIXTURES, run_cli

# The plan's whole indicator table, transcribed by hand from the published text (lines 11-228).
# (category, indicator, unit, [(value, comparator) for 2017, 2020, 2022])
PLAN_TABLE = [
    ("总体规模", "数字经济增加值", "亿元", [("20658", "="), ("30000", "="), ("40000", "=")]),
    (
        "总体规模",
        "数字经济增加值占地区生产总值(GDP)的比重",
        "%",
        [("39.9", "="), ("47", "="), ("55", "=")],
    ),
    (
        "数字产业化",
        "规模以上电子信息制造业业务收入",
        "亿元",
        [("7905", "="), ("11500", "="), ("15000", "=")],
    ),
    ("数字产业化", "软件和信息服务业收入", "亿元", [("5543", "="), ("8000", "="), ("10000", "=")]),
    (
        "数字产业化",
        "数字经济核心产业全员劳动生产率",
        "万元/人年",
        [("34", "="), ("38", "="), ("44", "=")],
    ),
    (
        "数字产业化",
        "新一代信息技术产业占数字经济核心产业的比重",
        "%",
        [("43", "="), ("46", "="), ("50", "=")],
    ),
    (
        "数字产业化",
        "规模以上电子信息制造业新产品产值率",
        "%",
        [("55", "="), ("57", "="), ("60", "=")],
    ),
    (
        "数字产业化",
        "专利合作条约(PCT)专利申请量",
        "件",
        [("1197", "="), ("1640", "="), ("2010", "=")],
    ),
    (
        "数字产业化",
        "数字经济核心产业科技经费支出占主营业务收入的比重",
        "%",
        [("5.5", "="), ("6", "="), ("6.5", "=")],
    ),
    ("数字产业化", "技术交易额", "亿元", [("400", "="), ("800", "="), ("900", "=")]),
    ("数字产业化", "上市企业", "家", [("80", "="), ("120", "="), ("150", "=")]),
    ("数字产业化", "独角兽企业", "家", [("23", "="), ("40", "="), ("50", "=")]),
    ("数字产业化", "高新技术企业", "家", [("3000", "="), ("5000", "="), ("8000", "=")]),
    ("产业数字化", "在役工业机器人数量", "万台", [("5.5", "="), ("10", "="), ("15", "=")]),
    ("产业数字化", "重点工业企业装备数控化率", "%", [("57", "="), ("62", "="), ("65", "=")]),
    ("产业数字化", "重点工业企业机器联网率", "%", [("36", "="), ("44", "="), ("50", "=")]),
    (
        "产业数字化",
        "规模以上工业全员劳动生产率",
        "万元/人年",
        [("22", "="), ("25", "="), ("30", "=")],
    ),
    ("产业数字化", "企业上云数", "万家", [("18", "="), ("40", "="), ("50", "=")]),
    ("产业数字化", "网络零售额", "亿元", [("13336", "="), ("20000", "="), ("26000", "=")]),
    ("产业数字化", "跨境网络零售出口额", "亿元", [("438.1", "="), ("1000", "="), ("1400", "=")]),
    ("基础设施", "互联网普及率", "%", [("70.8", "="), ("76", "≥"), ("80", "≥")]),
    ("基础设施", "固定互联网宽带接入普及率", "户/百人", [("44.1", "="), ("50", "≥"), ("55", "≥")]),
    ("基础设施", "光纤宽带用户率", "%", [("83.9", "="), ("90", "≥"), ("93", "≥")]),
    ("基础设施", "互联网省际出口带宽", "Tbps", [("37.2", "="), ("50", "="), ("60", "=")]),
]


def test_plan_table_complete(plan_path):
    table = parse_table_file(plan_path)
    assert table.years == [2017, 2020, 2022]
    got = [
        (r.category, r.indicator, r.unit, [(str(v.value), v.comparator) for v in r.values])
        for r in table.rows
    ]
    assert got == PLAN_TABLE


def test_plan_table_category_sizes(plan_path):
    table = parse_table_file(plan_path)
    sizes = {}
    for r in table.rows:
        sizes[r.category] = sizes.get(r.category, 0) + 1
    assert sizes == {"总体规模": 2, "数字产业化": 11, "产业数字化": 7, "基础设施": 4}


def test_plan_table_records_mark_baseline_and_lines(plan_path):
    records = parse_table_file(plan_path).records()
    assert len(records) == 72
    first = records[0]
    assert first["is_baseline"] and first["year"] == 2017
    assert (first["line_start"], first["line_end"]) == (23, 31)
    assert sum(r["is_baseline"] for r in records) == 24


def test_years_come_from_the_header():
    text = "指标\n\n2030年\n\n2035年\n\nA(亿元)\n\n1\n\n2\n"
    table = parse_table(text)
    assert table.years == [2030, 2035]
    assert [str(v.value) for v in table.rows[0].values] == ["1", "2"]


def test_fixture_pipe_with_unit_and_attribute_columns():
    table = parse_table_file(FIXTURES / "table_pipe_unit_column.txt")
    assert table.years == [2015, 2020]
    rows = {r.indicator: r for r in table.rows}
    assert list(rows) == [
        "固定宽带家庭普及率",
        "光纤入户用户占比",
        "移动宽带用户普及率",
        "城市家庭宽带接入能力",
        "行政村光纤通达比例",
        "光纤通达行政村数",
    ]
    assert {r.category for r in table.rows} == {"宽带用户规模", "宽带网络能力"}
    assert rows["光纤入户用户占比"].parent == "固定宽带家庭普及率"
    assert rows["光纤入户用户占比"].values[1].comparator == "≥"
    assert rows["移动宽带用户普及率"].values[0].value is None
    assert rows["移动宽带用户普及率"].attribute == "约束性"
    assert rows["城市家庭宽带接入能力"].unit == "Mbps"
    assert rows["城市家庭宽带接入能力"].values[0].annotation == "部分城市"
    assert (
        rows["城市家庭宽带接入能力"].values[1].value,
        rows["城市家庭宽带接入能力"].values[1].comparator,
    ) == (Decimal(100), ">")
    assert rows["行政村光纤通达比例"].values[1].comparator == ">"
    assert rows["光纤通达行政村数"].values[0].value == Decimal(1234)


def test_fixture_one_cell_per_line_with_numbered_categories():
    table = parse_table_file(FIXTURES / "table_cells_numbered_categories.txt")
    assert table.years == [2013, 2015, 2020]
    got = [
        (
            r.category,
            r.indicator,
            r.unit,
            [None if v.value is None else str(v.value) for v in r.values],
        )
        for r in table.rows
    ]
    assert got == [
        ("宽带用户规模", "宽带用户数", "万户", ["1200", None, "2000"]),
        ("宽带用户规模", "农村宽带用户数", "万户", ["300", "450", "800"]),
        ("宽带网络能力", "农村宽带接入速率", "Mbps", ["4", "20", "100"]),
    ]
    assert table.rows[1].parent == "宽带用户数"
    assert table.rows[1].values[2].comparator == "≈"
    assert table.rows[2].values[2].comparator == ">"


def test_fixture_tab_separated_with_attribute():
    table = parse_table_file(FIXTURES / "table_tab_categories.txt")
    assert table.years == [2016, 2018, 2020]
    got = [
        (
            r.category,
            r.indicator,
            r.unit,
            [(None if v.value is None else str(v.value), v.comparator) for v in r.values],
            r.attribute,
        )
        for r in table.rows
    ]
    assert got == [
        (
            "经济发展",
            "地区生产总值年均增长",
            "%",
            [("7.5", "="), ("7", "≈"), ("6.5", "≥")],
            "预期性",
        ),
        ("经济发展", "研发经费支出占比", "%", [("2.4", "="), (None, ""), ("2.8", "≥")], "预期性"),
        ("资源环境", "单位GDP能耗降低", "%", [(None, ""), (None, ""), ("15", "≤")], "约束性"),
    ]


def test_gb18030_file(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(
        "| 指标 | 2017年 | 2020年 |\n| 网络零售额(亿元) | 13336 | 20000 |\n".encode("gb18030")
    )
    assert parse_table_file(p).rows[0].indicator == "网络零售额"


def test_no_table_is_a_clear_error():
    with pytest.raises(NoTableError, match="no indicator table"):
        parse_table_file(FIXTURES / "no_table.txt")


def test_bad_value_is_kept_as_text_with_a_warning_naming_line_and_column():
    table = parse_table_file(FIXTURES / "table_bad_value.txt")
    ((line, msg),) = table.warnings
    assert line == 3 and "2020年" in msg and "两万" in msg
    rec = table.records()[1]
    assert (
        rec["value"] is None
        and rec["target_text"] == "两万"
        and table.records()[0]["value"] == 13336
    )


def test_short_row_keeps_its_values_and_warns():
    text = "指标\n\n2017年\n\n2020年\n\nA(亿元)\n\n1\n\nB(亿元)\n\n2\n\n3\n"
    table = parse_table(text, "short.txt")
    assert [[v.value for v in r.values] for r in table.rows] == [[1, None], [2, 3]]
    assert "1 of 2 year values" in table.warnings[0][1]


def _cli(*args):
    return run_cli(*args)


def test_cli_parse_table_contract(plan_path):
    res = _cli("parse-table", str(plan_path))
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert res.stdout.splitlines()[0] == "category,indicator,unit,year,value,comparator"
    assert len(rows) == 72
    assert rows[0] == {
        "category": "总体规模",
        "indicator": "数字经济增加值",
        "unit": "亿元",
        "year": "2017",
        "value": "20658",
        "comparator": "=",
    }
    assert {r["value"] for r in rows if r["indicator"] == "在役工业机器人数量"} == {
        "5.5",
        "10",
        "15",
    }
    assert [r["comparator"] for r in rows if r["indicator"] == "互联网普及率"] == ["=", "≥", "≥"]


def test_cli_parse_table_fixture_and_failure():
    res = _cli("parse-table", str(FIXTURES / "table_tab_categories.txt"))
    assert res.returncode == 0
    assert "资源环境,单位GDP能耗降低,%,2020,15,≤" in res.stdout.splitlines()
    bad = _cli("parse-table", str(FIXTURES / "no_table.txt"))
    assert bad.returncode != 0 and "no indicator table" in bad.stderr and bad.stdout == ""


def test_a_unit_between_the_number_and_its_bound_word_is_the_unit():
    from planwatch.parse.table_values import read_cell

    cases = {
        "6人（含）以下": ("6", "≤", "人"),
        "30%以上": ("30", "≥", "%"),
        "10万元左右": ("10", "≈", "万元"),
        "第3位": ("3", "=", "位"),
    }
    for text, (value, comparator, unit) in cases.items():
        cell = read_cell(text)
        assert (str(cell.first.value), cell.first.comparator, cell.unit) == (
            value,
            comparator,
            unit,
        )
    words = read_cell("较“十二五”下降30%以上")  # a change against another period: kept as written
    assert words.first.value is None and words.text == "较“十二五”下降30%以上"
