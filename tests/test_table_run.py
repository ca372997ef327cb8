"""Run-together PDF text (tests/fixtures/tables/f13…, synthetic TEST MATERIAL): group labels,
rows without their own number, A/B pairs, targets in words with a figure inside, two-part units.
Every expected cell is written by hand; what the numbers do not settle is a warning."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.errors import InputError
from planwatch.parse.table import parse_table
from planwatch.parse.table_file import parse_table_file

from .conftest import FIXTURES

F13 = FIXTURES / "tables" / "f13_pdf_run_together_groups.txt"

EXPECTED = """经济发展,地区生产总值增长,%,2025,5.5,=,
经济发展,地区生产总值增长,%,2030,5,≈,
经济发展,人均地区生产总值,万元,2025,8.5,=,
经济发展,人均地区生产总值,万元,2030,,,
经济发展,全省人均GDP,万元,2025,,,人均地区生产总值
经济发展,全省人均GDP,万元,2030,10,≥,人均地区生产总值
创新驱动,研发经费投入强度,%,2025,3.2,=,
创新驱动,研发经费投入强度,%,2030,3.6,=,
创新驱动,每万劳动力中研发人员数,人年,2025,150,=,
创新驱动,每万劳动力中研发人员数,人年,2030,180,=,
民生福祉,城镇登记失业率,%,2025,4,<,
民生福祉,城镇登记失业率,%,2030,4,<,
民生福祉,城镇调查失业率,%,2025,5.5,<,
民生福祉,城镇调查失业率,%,2030,5.5,<,
民生福祉,每千人口拥有3岁以下婴幼儿托位数,个,2025,3.5,=,
民生福祉,每千人口拥有3岁以下婴幼儿托位数,个,2030,4.5,=,
民生福祉,农村居民人均可支配收入增长,%,2025,7,=,
民生福祉,农村居民人均可支配收入增长,%,2030,7,=,
民生福祉,人均预期寿命,岁,2025,80,=,
民生福祉,人均预期寿命,岁,2030,81,=,"""


def _rows(table) -> list[str]:
    return [
        ",".join(
            [
                r["category"],
                r["indicator"],
                r["unit"],
                str(r["year"]),
                "" if r["value"] is None else format(r["value"], "f"),
                r["comparator"],
                r["parent"],
            ]
        )
        for r in table.records()
    ]


def test_groups_subrows_pairs_and_words_with_a_figure_read_as_written():
    table = parse_table_file(F13)
    assert _rows(table) == EXPECTED.splitlines()
    words = {r["indicator"]: r["target_text"] for r in table.records() if r["year"] == 2030}
    assert words["人均地区生产总值"] == "翻一番(全省人均GDP≥10万元)"
    assert {r["attribute"] for r in table.records()} == {"预期性"}
    # the one guess the row numbers do not settle is said
    assert [w for _, w in table.warnings] == [
        "row 6: a row without its own number follows it, read as its own: '农村居民人均可支配收入增长'"
    ]


def test_a_source_then_a_group_label_and_a_skipped_row_number(tmp_path):
    path = tmp_path / "run.txt"
    path.write_text(
        "序号 指标名称 单位 2025年目标 数据来源\n"
        "1 研发经费投入强度 % 3.3 省科技厅创新驱动 2 高新技术企业数 家 20000 省科技厅 "
        "4 人均预期寿命 岁 80 省卫健委\n",
        encoding="utf-8",
    )
    table = parse_table_file(path)
    got = [(r.category, r.indicator, r.attrs.get("source")) for r in table.rows]
    assert got == [
        ("", "研发经费投入强度", "省科技厅"),
        ("创新驱动", "高新技术企业数", "省科技厅"),
        ("创新驱动", "人均预期寿命", "省卫健委"),
    ]
    assert [w for _, w in table.warnings] == [
        "row numbers skip from 2 to 4: row 3 is not in the text"
    ]


def test_text_after_the_values_that_is_no_row_and_no_group_is_said(tmp_path):
    path = tmp_path / "run.txt"
    path.write_text(
        "序号 指标名称 单位 2025年目标\n1 研发经费投入强度 % 3.3 (2024年为2.9,含R&D) 2 人均预期寿命 岁 80\n",
        encoding="utf-8",
    )
    table = parse_table_file(path)
    assert [r.indicator for r in table.rows] == ["研发经费投入强度", "人均预期寿命"]
    assert any("read past" in w for _, w in table.warnings)


TOKENS = ["1", "2", "3", "4", "7", "5.5", "<4/<5.5", "≥", "%", "人年", "万元", "预期性", "约束性",
          "省统计局", "创新驱动", "二、社会民生", "翻一番(全省人均GDP≥10万元)", "翻一番(", "/", "——",
          "研发经费投入强度", "城镇登记失业率/城镇调查失业率", "3岁以下", " ", "(2024年)", "5G"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_random_run_together_rows_give_rows_or_one_clear_error(tokens):
    text = "序号 指标名称 单位 2025年 2030年 属性 数据来源\n" + " ".join(tokens) + "\n"
    try:
        table = parse_table(text, "random.txt")
    except InputError as e:
        assert "random.txt" in str(e)
        return
    for r in table.records():
        assert r["indicator"] is not None and r["year"] in (2025, 2030)
