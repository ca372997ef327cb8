"""Observation files: messy but valid input is read; invalid input is a clear error and leaves
data/processed/ unchanged."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import observations, provenance
from planwatch.inputs import plan as plan_manifest
from planwatch.tables import build

from .conftest import snapshot

HEADER = "region,indicator,year,value,unit,comparable,value_kind,vintage,year_basis,source_kind,source_url,source_title,quote,note"
URL = "https://tjj.zj.gov.cn/example"


def add(root, name, content):
    path = root / "data/raw/observations" / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    provenance.stamp(
        path,
        {"title": "test", "publisher": "test", "source_url": URL, "date_retrieved": "2026-11-29"},
    )
    return path


def line(
    region="浙江省",
    indicator="网络零售额(亿元)",
    year="2021",
    value="25230",
    unit="亿元",
    comparable="yes",
    kind="exact",
    vintage="",
    basis="stated",
    skind="official",
    url=URL,
):
    return f"{region},{indicator},{year},{value},{unit},{comparable},{kind},{vintage},{basis},{skind},{url},统计公报,原文,"


def chosen(b, indicator="网络零售额", region="浙江省"):
    return {
        r["year"]: r
        for r in b.tables["observations"]
        if r["indicator"] == indicator and r["region"] == region
    }


# --- messy but valid ---------------------------------------------------------------------------


def test_gbk_encoded_file(project_copy):
    add(project_copy, "yearbook_gbk.csv", (HEADER + "\n" + line() + "\n").encode("gbk"))
    assert chosen(build.run())[2021]["value"] == 25230


def test_utf8_bom_fullwidth_digits_thousands_and_year_suffix(project_copy):
    text = HEADER + "\n" + line(value='"２５,２３０"', year="2021年") + "\n"
    add(project_copy, "bom.csv", "\ufeff" + text)
    assert chosen(build.run())[2021]["value"] == 25230


@pytest.mark.parametrize("marker", ["—", "-", "…", ""])
def test_missing_markers_are_skipped(project_copy, marker):
    add(project_copy, "gaps.csv", HEADER + "\n" + line(value=marker, year="2021") + "\n")
    assert not [r for r in build.run().tables["observations_audit"] if r["file"] == "gaps.csv"]


def test_units_are_converted(project_copy):
    rows = [
        line(value="2.5", unit="万亿元", year="2021"),
        line(indicator="企业上云数(万家)", value="450000", unit="家", year="2021"),
    ]
    add(project_copy, "units.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    b = build.run()
    assert chosen(b)[2021]["value"] == 25000
    assert chosen(b, "企业上云数")[2021]["value"] == 45


def test_a_bandwidth_in_another_scale_is_converted(project_copy):
    """Plans and sources write a bandwidth in Gbps, Tbps or Mbps: one quantity at three scales."""
    rows = [
        line(indicator="互联网省际出口带宽(Tbps)", value="45000", unit="Gbps", year="2020"),
        line(indicator="互联网省际出口带宽(Tbps)", value="52000000", unit="Mbps", year="2021"),
    ]
    add(project_copy, "bandwidth.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    got = chosen(build.run(), "互联网省际出口带宽")
    assert (got[2020]["value"], got[2021]["value"]) == (45, 52)
    assert (got[2020]["unit_published"], got[2021]["unit_published"]) == ("Gbps", "Mbps")


def test_region_and_indicator_aliases(project_copy):
    rows = [
        line(region="Hangzhou", indicator="网络零售额", year="2021"),
        line(region="全省", indicator="电子信息制造业主营业务收入", year="2021", value="14000"),
    ]
    add(project_copy, "aliases.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    b = build.run()
    assert chosen(b, region="杭州")[2021]["value"] == 25230
    assert chosen(b, "规模以上电子信息制造业业务收入")[2021]["value"] == 14000


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_with_title_row_chinese_headers_and_notes(project_copy):
    rows = [
        ["浙江统计年鉴2022 摘录"],
        ["地区", "指标", "年份", "数值", "单位", "可比", "来源链接"],
        ["浙江省", "网络零售额(亿元)", 2021, 25230.0, "亿元", "yes", URL],
        [None, None, None, None],
        ["注:数据来自年鉴表 12-3。", None, None, None],
    ]
    add(project_copy, "yearbook.xlsx", _xlsx(rows))
    b = build.run()
    row = chosen(b)[2021]
    assert row["value"] == 25230 and row["file"] == "yearbook.xlsx" and row["row"] == 3
    assert row["value_kind"] == "exact" and row["source_kind"] == "low"  # documented defaults


def test_conflict_resolved_by_rule(project_copy):
    rows = [
        line(value="25000", kind="lower_bound", skind="low"),
        line(value="25230", skind="media"),
        line(value="25300", comparable="unclear", skind="official"),
    ]
    add(project_copy, "conflict.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    b = build.run()
    assert chosen(b)[2021]["value"] == 25230
    audit = [r for r in b.tables["observations_audit"] if r["file"] == "conflict.csv"]
    assert len(audit) == 3 and all(r["values_differ"] for r in audit)
    reasons = {int(r["value"]): r["reason"] for r in audit}
    assert reasons[25300] == "not chosen: comparable unclear ranks below yes"
    assert reasons[25000] == (
        "not chosen: a low-quality page is used only when no better source has a figure"
    )
    assert reasons[25230].startswith("chosen among 6")  # with the three shipped part-year figures


def test_shipped_conflicts_keep_every_figure(built):
    audit = [
        r
        for r in built.tables["observations_audit"]
        if r["indicator"] == "数字经济增加值占地区生产总值(GDP)的比重" and r["year"] == 2020
    ]
    assert {float(r["value"]) for r in audit} == {46.8, 43}
    assert [float(r["value"]) for r in audit if r["chosen"]] == [46.8]


def test_coverage_shows_gaps(built):
    cov = built.tables["coverage"]
    plan_prov = [
        r
        for r in cov
        if r["series_kind"] == "plan" and r["region"] == "浙江省" and 2017 <= r["year"] <= 2022
    ]
    assert len(plan_prov) == 24 * 6
    assert not any(r["has_value"] for r in plan_prov if r["indicator"] == "互联网省际出口带宽")
    assert sum(r["has_value"] for r in plan_prov) >= 20


# --- invalid: clear error, nothing written -------------------------------------------------------

INVALID = [
    ("non_numeric", line(value="两万五"), "row 2, column 'value'", "not a number"),
    (
        "unknown_indicator",
        line(indicator="数字经济增加值总额(亿元)"),
        "row 2, column 'indicator'",
        "closest: 数字经济增加值",
    ),
    ("unknown_region", line(region="苏州"), "row 2, column 'region'", "unknown region"),
    ("no_source", line(url=""), "row 2, column 'source_url'", "provenance is mandatory"),
    (
        "negative_count",
        line(indicator="上市企业(家)", unit="家", value="-3"),
        "row 2, column 'value'",
        "negative count",
    ),
    (
        "impossible_percent",
        line(indicator="互联网普及率(%)", unit="%", value="130"),
        "row 2, column 'value'",
        "impossible value",
    ),
    ("bad_flag", line(comparable="maybe"), "row 2, column 'comparable'", "'yes', 'unclear', 'no'"),
    ("bad_year", line(year="明年"), "row 2, column 'year'", "not a year"),
    ("bad_unit", line(unit="%"), "row 2, column 'unit'", "cannot be converted"),
]


@pytest.mark.parametrize(("name", "row", "where", "what"), INVALID, ids=[i[0] for i in INVALID])
def test_invalid_rows(project_built, name, row, where, what):
    before = snapshot(paths.processed_dir())
    add(project_built, f"{name}.csv", HEADER + "\n" + line(year="2019") + "\n" + row + "\n")
    # the bad row is the second data row: spreadsheet row 3
    with pytest.raises(InputError) as exc:
        build.run()
    msg = str(exc.value)
    assert f"{name}.csv" in msg and where.replace("row 2", "row 3") in msg and what in msg
    assert snapshot(paths.processed_dir()) == before


def test_missing_required_column(project_built):
    before = snapshot(paths.processed_dir())
    add(
        project_built,
        "nocol.csv",
        "region,indicator,year,value\n浙江省,网络零售额(亿元),2021,25230\n",
    )
    with pytest.raises(InputError, match="missing required column.*source_url") as exc:
        build.run()
    assert "nocol.csv" in str(exc.value) and "row 1" in str(exc.value)
    assert snapshot(paths.processed_dir()) == before


def test_file_without_sidecar_is_an_error(project_copy):
    (project_copy / "data/raw/observations/new.csv").write_text(
        HEADER + "\n" + line() + "\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="sidecar missing"):
        build.run()


# --- cells checked once per distinct cells ----------------------------------------------------

CELLS = {
    "region": ["浙江省", "杭州", "火星", ""],
    "indicator": ["网络零售额(亿元)", "网络零售额", "数字经济核心产业增加值", "不存在的指标"],
    "year": ["2021", "2021年", "2099", "二〇二一", ""],
    "value": ["25230", "2.5万", "-3", "—", "abc", ""],
    "unit": ["亿元", "万亿元", "元", "", "公斤"],
    "period": ["", "2021-01/2021-06", "2021-13", "2020-01/2020-03"],
    "value_kind": ["exact", "lower_bound", "partial_period", "whatever", ""],
    "comparable": ["yes", "unclear", "", "maybe"],
    "source_url": [URL, "", "javascript:alert(1)"],
}
# the first cell of each list is good and drawn most often, so that many rows are figures
ROWS = st.lists(
    st.fixed_dictionaries({k: st.sampled_from([v[0]] * 8 + v) for k, v in CELLS.items()}),
    max_size=12,
)


@pytest.fixture(scope="module")
def catalogue():
    b = build.Build()
    build.plan_tables(b, plan_manifest.plan_file())
    return observations.Catalogue.load(b.tables["indicators"])


def _outcome(r: dict, n: int, cat) -> object:
    try:
        return observations.clean_row(paths.raw_dir() / "x.csv", n, dict(r), cat)
    except InputError as exc:
        return str(exc)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=ROWS)
def test_a_warm_cache_gives_what_a_fresh_catalogue_gives(catalogue, rows):
    """Every row, checked with the cells of earlier rows remembered, comes out as it does with
    nothing remembered: the same figure or the same error (file, row, column, value)."""
    warm = catalogue
    for n, r in enumerate(rows, start=2):
        fresh = observations.Catalogue(**{**vars(catalogue), "memo": {}})
        assert _outcome(r, n, warm) == _outcome(r, n, fresh)
