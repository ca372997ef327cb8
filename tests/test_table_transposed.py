"""Tables with years down the rows are found and turned; other text is left alone."""

from __future__ import annotations

from planwatch.parse.table_cells import lines_of
from planwatch.parse.table_transposed import find_transposed


def _grid(text: str) -> list[list[str]] | None:
    found = find_transposed(lines_of(text))
    return None if found is None else [[c.text for c in row] for row in found]


def test_one_cell_per_line_is_turned_with_each_cell_on_its_line():
    text = "研发经费\n高新技术企业\n2020年\n2.4%\n1.2万家\n2025年\n3%\n2万家\n"
    assert _grid(text) == [
        ["指标", "2020年", "2025年"],
        ["研发经费", "2.4%", "3%"],
        ["高新技术企业", "1.2万家", "2万家"],
    ]
    found = find_transposed(lines_of(text))
    assert [c.line for c in found[2]] == [2, 5, 8]


def test_tab_delimited_with_a_year_heading_is_turned():
    text = "年度\t网民数量\t普及率\n2013\t6.18亿\t45.8%\n2015\t6.88亿\t50.3%\n"
    assert _grid(text) == [
        ["指标", "2013", "2015"],
        ["网民数量", "6.18亿", "6.88亿"],
        ["普及率", "45.8%", "50.3%"],
    ]


def test_one_year_row_is_not_a_table_and_prose_is_left_alone():
    assert _grid("研发经费\n高新技术企业\n2020年\n2.4%\n1.2万家\n") is None
    assert _grid("到2025年,数字经济增加值达到5万亿元。\n2020年以来成效明显。\n") is None
    # an ordinary table (years across) is not taken for a turned one
    assert _grid("指标|2020年|2025年\n研发经费|2.4|3\n") is None


def test_a_row_of_the_wrong_width_ends_the_turned_table():
    text = "年份|甲指标|乙指标\n2020|1|2\n2021|3|4\n2022|5\n"
    assert _grid(text) == [["指标", "2020", "2021"], ["甲指标", "1", "3"], ["乙指标", "2", "4"]]
