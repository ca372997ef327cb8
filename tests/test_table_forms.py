"""Indicator tables as other plans publish them (tests/fixtures/tables/, synthetic TEST MATERIAL
in the forms real scrapes and PDF extractions take). Every expected cell is written by hand."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.errors import InputError, NoTableError
from planwatch.parse.table import parse_table
from planwatch.parse.table_file import parse_table_file

from .conftest import FIXTURES, run_cli

TABLES = FIXTURES / "tables"

# fixture -> (rows "category,indicator,unit,year,value,comparator", [(line, words in warning)])
EXPECTED = {
    "f01_cells_trailing_pipe.txt": (
        """数字产业,数字经济核心产业增加值,亿元,2020,1200,=
数字产业,数字经济核心产业增加值,亿元,2025,2000,=
数字产业,软件业务收入,亿元,2020,,
数字产业,软件业务收入,亿元,2025,800,≥
数字基础设施,5G基站数,万个,2020,3.5,=
数字基础设施,5G基站数,万个,2025,8,=
数字基础设施,千兆宽带用户数,万户,2020,,
数字基础设施,千兆宽带用户数,万户,2025,120,=""",
        [],
    ),
    "f02_pipe_title_header_extra_columns.txt": (
        """数字经济,数字经济增加值占GDP比重,%,2020,45,=
数字经济,数字经济增加值占GDP比重,%,2025,60,=
数字经济,规上工业企业上云率,%,2020,30,=
数字经济,规上工业企业上云率,%,2025,90,>
数字社会,政务服务事项“一网通办”率,%,2020,85,=
数字社会,政务服务事项“一网通办”率,%,2025,100,=""",
        [(3, "牵头领导")],
    ),
    "f03_tab_one_target_word_first.txt": (
        """,行政村光纤通达率,%,2025,98,>
,城市家庭宽带接入能力,Mbps,2025,1000,>
,数字经济核心产业增加值占比,%,2025,15,=
,县城5G覆盖率,%,2025,50,=
,工业互联网平台,个,2025,,
,国家级平台,个,2025,,
,电子商务交易额,亿元,2025,,""",
        [],
    ),
    "f05_pdf_run_together.txt": (
        """经济发展,地区生产总值年均增长,%,2025,6,≈
经济发展,数字经济核心产业增加值占GDP比重,%,2025,13,≥
社会民生,城镇居民人均可支配收入增长率,%,2025,7,≥
社会民生,每千人口执业医师数,人,2025,3.2,≥
社会民生,人均预期寿命,岁,2025,79,=""",
        [],
    ),
    "f06_pdf_numbers_into_values.txt": (
        """,研发经费投入强度,%,2020,2.9,=
,研发经费投入强度,%,2025,3.3,=
,高新技术企业数,家,2020,16000,=
,高新技术企业数,家,2025,35000,=
,技术合同成交额,亿元,2020,1500,=
,技术合同成交额,亿元,2025,3000,≥""",
        [],
    ),
    "f07_cells_words_and_lost_labels.txt": (
        """,城乡居民收入,亿元,2020,3000,=
,城乡居民收入,亿元,2025,,
,数字经济增加值,亿元,2020,5000,=
,数字经济增加值,亿元,2025,,
,人均,万元,2020,,
,人均,万元,2025,8,≥
,快递业务量,亿件,2020,12,=
,快递业务量,亿件,2025,20,=
,,,2020,15,=
,,,2025,25,=
,其中,,2020,4,=
,其中,,2025,8,=
,网络零售额,亿元,2020,2000,=
,网络零售额,亿元,2025,3500,=""",
        [(28, "no indicator name"), (32, "'其中' is only a fragment")],
    ),
    "f08_pipe_two_values_and_missing.txt": (
        """民生,城镇调查失业率,%,2020,5.2,=
民生,城镇调查失业率,%,2025,5.5,<
民生,城镇登记失业率,%,2020,3.1,=
民生,城镇登记失业率,%,2025,4.5,<
民生,每千人口养老床位数,张,2020,,
民生,每千人口养老床位数,张,2025,45,=
民生,婴儿死亡率,‰,2020,,
民生,婴儿死亡率,‰,2025,4,<
环境,PM2.5年均浓度,微克/立方米,2020,,
环境,PM2.5年均浓度,微克/立方米,2025,30,≤
环境,森林覆盖率,%,2020,,
环境,森林覆盖率,%,2025,61.5,=
环境,地表水达标率,%,2020,,
环境,地表水达标率,%,2025,95,≥""",
        [],
    ),
    "f09_spaces_gbk.txt": (
        """,货物进出口总额,亿元,2020,4000,=
,货物进出口总额,亿元,2025,5000,≥
,实际使用外资,亿美元,2020,30,=
,实际使用外资,亿美元,2025,40,=
,跨境电商进出口额,亿元,2020,300,=
,跨境电商进出口额,亿元,2025,1000,=""",
        [],
    ),
    "f10_utf16_marked_baseline.txt": (
        """,研发人员数,万人,2021,10,=
,研发人员数,万人,2025,15,=
,研发人员数,万人,2030,20,=
,发明专利拥有量,件,2021,8000,=
,发明专利拥有量,件,2025,15000,=
,发明专利拥有量,件,2030,25000,=""",
        [],
    ),
    "f11_pipe_unlabelled_and_unknown.txt": (
        """,5G用户数,万户,2020,500,=
,5G用户数,万户,2025,1500,=
,,,2020,30,=
,,,2025,60,=
,提高,,2020,2,=
,提高,,2025,4,=
,物联网终端数,万个,2020,800,=
,物联网终端数,万个,2025,2000,=""",
        [(4, "no indicator name"), (5, "'提高' is only a fragment"), (6, "extra cells")],
    ),
}


def cli(*args):
    return run_cli("parse-table", *args)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_form_parses_to_its_hand_written_cells(name):
    rows, warnings = EXPECTED[name]
    table = parse_table_file(TABLES / name)
    got = [
        ",".join(
            [
                r["category"],
                r["indicator"],
                r["unit"],
                str(r["year"]),
                "" if r["value"] is None else format(r["value"], "f"),
                r["comparator"],
            ]
        )
        for r in table.records()
    ]
    assert got == rows.splitlines()
    assert len(table.warnings) == len(warnings), table.warnings
    for (line, words), (got_line, got_msg) in zip(warnings, table.warnings, strict=True):
        assert got_line == line and words in got_msg, (got_line, got_msg)


def test_the_cli_prints_the_same_rows_and_names_each_warning_line():
    res = cli(TABLES / "f07_cells_words_and_lost_labels.txt")
    assert res.returncode == 0
    body = res.stdout.splitlines()
    assert body[0] == "category,indicator,unit,year,value,comparator"
    assert body[1:] == EXPECTED["f07_cells_words_and_lost_labels.txt"][0].splitlines()
    assert [ln for ln in res.stderr.splitlines() if "warning" in ln] == [
        f"planwatch parse-table: warning: {TABLES / 'f07_cells_words_and_lost_labels.txt'}, "
        "line 28: row has values but no indicator name (lost in the scrape?): kept unnamed",
        f"planwatch parse-table: warning: {TABLES / 'f07_cells_words_and_lost_labels.txt'}, "
        "line 32: label '其中' is only a fragment of a name: kept as it is",
    ]


def test_strict_turns_a_warning_into_exit_2_and_prints_no_rows():
    res = cli(TABLES / "f11_pipe_unlabelled_and_unknown.txt", "--strict")
    assert res.returncode == 2 and res.stdout == "" and "--strict" in res.stderr
    assert cli(TABLES / "f01_cells_trailing_pipe.txt", "--strict").returncode == 0


def test_attributes_and_json():
    res = cli(TABLES / "f02_pipe_title_header_extra_columns.txt", "--with-attributes")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    first = rows[0]
    assert (first["attribute"], first["source"], first["line"]) == ("预期性", "市发改委", "6")
    words = cli(TABLES / "f03_tab_one_target_word_first.txt", "--with-attributes").stdout
    trade = [r for r in csv.DictReader(io.StringIO(words)) if r["indicator"] == "电子商务交易额"]
    assert trade[0]["target_text"] == "翻一番" and trade[0]["value"] == ""
    sub = [r for r in csv.DictReader(io.StringIO(words)) if r["indicator"] == "国家级平台"]
    assert sub[0]["parent"] == "工业互联网平台"
    js = json.loads(cli(TABLES / "f03_tab_one_target_word_first.txt", "--format", "json").stdout)
    assert js[0] == {
        "category": "",
        "indicator": "行政村光纤通达率",
        "unit": "%",
        "year": "2025",
        "value": "98",
        "comparator": ">",
    }


def test_one_target_year_is_not_a_baseline_and_a_marked_baseline_is():
    assert not any(
        r["is_baseline"]
        for r in parse_table_file(TABLES / "f03_tab_one_target_word_first.txt").records()
    )
    recs = parse_table_file(TABLES / "f10_utf16_marked_baseline.txt").records()
    assert [r["year"] for r in recs if r["is_baseline"]] == [2021, 2021]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("f04_groups_not_years.txt", "regions or groups (城镇, 农村), not years"),
        ("f12_pdf_no_row_numbers.txt", "without running row numbers"),
    ],
)
def test_tables_that_cannot_be_read_exit_2_with_why(name, words):
    res = cli(TABLES / name)
    assert res.returncode == 2 and res.stdout == "" and words in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02\xff" * 100,
        "網絡零售額\t2020年".encode("big5"),
        "无表格".encode("utf-16"),
    ],
)
def test_unreadable_files_are_one_line_each(tmp_path, content):
    p = tmp_path / "x.txt"
    p.write_bytes(content)
    res = cli(p)
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.stderr and str(p) in res.stderr


def test_a_directory_and_a_missing_file(tmp_path):
    for target in (tmp_path, tmp_path / "missing.txt"):
        res = cli(target)
        assert res.returncode == 2 and "Traceback" not in res.stderr


@pytest.mark.slow
def test_a_50_mb_line_is_one_message_in_bounded_time(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(("数字经济" * 4_400_000).encode("utf-8"))  # about 50 MB on one line
    t = time.perf_counter()
    res = cli(p)
    assert res.returncode == 2 and "no indicator table" in res.stderr
    assert time.perf_counter() - t < 120  # a bound to catch a runaway, not a benchmark


def test_comments_are_skipped():
    text = (
        "# 指标 2019年 2020年\n| 指标 | 2020年 | 2025年 |\n# | 注释 | 1 | 2 |\n| A(个) | 1 | 2 |\n"
    )
    assert [r.indicator for r in parse_table(text).rows] == ["A"]


TEXT = st.text(
    alphabet=st.sampled_from(
        list("指标年份2025年20|\t ,.%≥<>—/其中一、(1)个亿元\n翻番数字经济目标值单位属性城镇农村#")
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXT)
def test_arbitrary_text_gives_rows_or_a_clear_error(text):
    t = time.perf_counter()
    try:
        table = parse_table(text, "fuzz.txt")
    except InputError:
        return
    assert table.rows
    for r in table.records():
        assert r["year"] in table.years
    assert time.perf_counter() - t < 5


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_give_rows_or_a_clear_error(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("fuzz") / "x.txt"
    p.write_bytes(data)
    try:
        parse_table_file(p)
    except (InputError, NoTableError):
        pass


def test_a_markdown_table_with_emphasis_and_time_units():
    text = (
        "| 指标 | 含义 | 2025年目标值 |\n|---|---|---|\n"
        "| **首字延迟** | 延迟 | < 100ms |\n| `吞吐量` | 速度 | 10×基线 |\n"
    )
    table = parse_table(text)
    assert [(r.indicator, r.unit, r.values[0].value) for r in table.rows] == [
        ("首字延迟", "ms", 100),
        ("吞吐量", "", None),
    ]
    assert [w for _, w in table.warnings if "10×基线" in w]  # kept as text, with a warning


def _attr_rows(tmp_path, text, *options):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    res = run_cli("parse-table", "--with-attributes", *options, path)
    assert res.returncode == 0, res.stderr
    keep = ("indicator", "year", "value", "comparator", "period", "period_column")
    return [tuple(r[k] for k in keep) for r in csv.DictReader(io.StringIO(res.stdout))], res.stderr


def test_period_targets_keep_their_kind_and_the_years_they_span(tmp_path):
    """〔…〕 is a total over the plan's years; a 年均/累计 column is kept per row with its kind and
    span; neither is read past or lost."""
    rows, err = _attr_rows(
        tmp_path,
        "指标\t2020年\t2025年\t年均/累计\n"
        "地区生产总值增长(%)\t2.3\t—\t5.5\n"
        "单位GDP能耗降低(%)\t—\t〔13.5〕\t—\n"
        "高价值发明专利(件)\t6.3\t12\t〔5.7〕\n",
    )
    assert err == ""
    assert rows == [
        ("地区生产总值增长", "2020", "2.3", "=", "", "annual_average 2021-2025: 5.5"),
        ("地区生产总值增长", "2025", "", "", "", "annual_average 2021-2025: 5.5"),
        ("单位GDP能耗降低", "2020", "", "", "", ""),
        ("单位GDP能耗降低", "2025", "13.5", "=", "period_total 2021-2025", ""),
        ("高价值发明专利", "2020", "6.3", "=", "", "period_total 2021-2025: 5.7"),
        ("高价值发明专利", "2025", "12", "=", "", "period_total 2021-2025: 5.7"),
    ]


def test_a_year_column_with_a_period_suffix_and_a_baseline_that_names_no_year(tmp_path):
    text = (
        "指标\t现值\t2030年/年均\t属性\n"
        "国内生产总值增长(%)\t5.0\t4.5左右\t预期性\n"
        "常住人口城镇化率\t67%\t70%\t预期性\n"
    )
    rows, err = _attr_rows(tmp_path, text, "--baseline-year", "2025")
    assert err == ""
    assert rows == [
        ("国内生产总值增长", "2025", "5", "=", "", ""),
        ("国内生产总值增长", "2030", "4.5", "≈", "annual_average 2026-2030", ""),
        ("常住人口城镇化率", "2025", "67", "=", "", ""),
        ("常住人口城镇化率", "2030", "70", "=", "", ""),  # a level: not a measure of change
    ]
    rows, err = _attr_rows(tmp_path, text)  # no year for 现值: said, and the column read past
    assert "column '现值' is a baseline that names no year" in err and "--baseline-year" in err
    assert [r[1] for r in rows] == ["2030", "2030"]


def test_two_part_units_are_units_in_run_together_text(tmp_path):
    path = tmp_path / "run.txt"
    path.write_text(
        "序号 指标名称 单位 2025年目标 数据来源\n"
        "1 每万劳动力中研发人员数人年≥140省科技厅2 每万人城市公交车拥有量标台≥16省交通厅"
        "3 城镇居民人均可支配收入增长率% ≥ 7省统计局\n",
        encoding="utf-8",
    )
    got = [(r.indicator, r.unit, r.values[0].value) for r in parse_table_file(path).rows]
    assert got == [
        ("每万劳动力中研发人员数", "人年", 140),
        ("每万人城市公交车拥有量", "标台", 16),
        ("城镇居民人均可支配收入增长率", "%", 7),
    ]
