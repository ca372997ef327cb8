"""Real plan tables nobody on the project wrote (``tests/fixtures/real``, each with its source):
`parse-table` reads at least 90 % of their cells right in every form they are kept in, and the
expected cells are the ones read by hand from the page."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from planwatch.parse.table_file import parse_table_file
from tools.measure_tables import GOAL, expected, measure, score

REAL = Path(__file__).parent / "fixtures" / "real"


def test_every_real_table_names_its_source_and_its_expected_cells():
    metas = sorted(REAL.glob("*.source.yml"))
    assert len(metas) >= 3
    for meta_path in metas:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        assert meta["source_url"].startswith("http"), meta_path
        assert (REAL / meta["expected"]).is_file()
        for name in meta["forms"].values():
            assert (REAL / name).is_file(), name


@pytest.mark.parametrize(
    "table,form,share,detail", measure(REAL), ids=lambda v: v if isinstance(v, str) else ""
)
def test_each_form_of_each_real_table_is_read_to_the_goal(table, form, share, detail):
    assert share >= GOAL, f"{table} [{form}]: {detail}"


def test_the_scraped_page_is_read_whole_with_its_footer_as_the_tables_note():
    table = parse_table_file(REAL / "broadband_china_chinaccl.txt")
    assert table.warnings == []
    assert table.notes == ["资料来源:中华人民共和国中央人民政府网"]  # not a row; 热点新闻 ignored
    names = [r.indicator for r in table.rows]
    assert "热点新闻" not in names and "" not in names
    rural = next(r for r in table.rows if r.indicator == "农村宽带用户")
    assert rural.parent == "固定宽带接入用户"  # the other part of 其中:城市宽带用户


def test_a_value_with_a_note_in_brackets_keeps_the_note(tmp_path):
    records = parse_table_file(REAL / "broadband_china.html").records()
    city = {r["year"]: r for r in records if r["indicator"] == "城市宽带接入能力"}
    assert city[2013]["value"] == 20 and city[2013]["annotation"] == "80%用户"


def test_the_measure_counts_a_wrong_cell_and_a_cell_the_page_lacks(tmp_path):
    want = expected(REAL / "innovation_13th_expected.csv")
    page = (REAL / "innovation_13th_zujuan.txt").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(page.replace("2.21万亿元", "2.12万亿元"), encoding="utf-8")
    right, n, extra, diffs = score(wrong, want)
    assert (right, n, extra) == (7, 8, 0) and "全社会研发经费" in diffs[0]
    more = tmp_path / "more.txt"
    lines = page.splitlines()
    lines[4:4] = ["专利授权量"]
    lines[10:10] = ["30万件"]
    lines[16:16] = ["40万件"]
    more.write_text("\n".join(lines), encoding="utf-8")
    right, n, extra, _ = score(more, want)
    assert (right, n, extra) == (8, 8, 2)


def test_years_down_the_rows_in_delimited_lines_are_turned(tmp_path):
    page = tmp_path / "turned.txt"
    page.write_text(
        "年份|地区生产总值|常住人口\n2020年|6.5万亿元|6468万人\n2025年|9万亿元|6600万人\n"
    )
    table = parse_table_file(page)
    got = [(r["indicator"], r["unit"], r["year"], str(r["value"])) for r in table.records()]
    assert got == [
        ("地区生产总值", "万亿元", 2020, "6.5"),
        ("地区生产总值", "万亿元", 2025, "9"),
        ("常住人口", "万人", 2020, "6468"),
        ("常住人口", "万人", 2025, "6600"),
    ]


def test_expected_cells_are_written_by_hand_not_copied_from_output():
    """The expected file lists every indicator-year of the page, each with its value or none."""
    with (REAL / "broadband_china_expected.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 22 * 3
    assert sum(1 for r in rows if not r["value"]) == 12


def test_the_ministrys_page_gives_its_indicator_table_and_keeps_targets_in_words():
    table = parse_table_file(REAL / "explosives_13th_miit.html")
    words = {r["indicator"]: r["target_text"] for r in table.records() if r["year"] == 2020}
    assert words["安全生产事故死亡人数"] == "较“十二五”下降30%以上"
    assert words["特别重大安全生产事故"] == "“十三五”时期零发生"
    staff = next(r for r in table.rows if r.indicator.startswith("工业炸药危险等级"))
    assert (staff.unit, staff.values[1].comparator, staff.values[1].value) == ("人", "≤", 6)
    # the two targets in words are said; nothing else is
    assert len(table.warnings) == 2 and all("kept as text" in w for _, w in table.warnings)
