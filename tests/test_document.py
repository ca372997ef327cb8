"""Tables where plans are published: HTML pages, Word .docx and PDF attachments
(tests/fixtures/documents/, synthetic TEST MATERIAL made by its make.py: the same indicator table
as a page with a navigation table before it and a footer after, the page saved as .txt, a .docx
with merged category cells, PDFs printed by Chromium, ruled and over a page break, and a scan).
Every expected cell is written by hand."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.errors import InputError
from planwatch.parse import document
from planwatch.parse.table_file import document_tables, parse_table_file

from .conftest import FIXTURES, run_cli

DOCS = FIXTURES / "documents"

# category,indicator,unit,year,value,comparator: `&gt;6` is > 6, `13左右` ≈ 13, `&lt;1.1` < 1.1
EXPECTED = """经济发展,地区生产总值年均增长,%,2020,6.1,=
经济发展,地区生产总值年均增长,%,2025,6,>
经济发展,数字经济核心产业增加值占GDP比重,%,2020,10.5,=
经济发展,数字经济核心产业增加值占GDP比重,%,2025,13,≈
创新驱动,研发经费投入增长,%,2020,1.1,<
创新驱动,研发经费投入增长,%,2025,7,≥
创新驱动,每万人口高价值发明专利拥有量,件,2020,8.2,=
创新驱动,每万人口高价值发明专利拥有量,件,2025,12,=
绿色生态,单位GDP能源消耗降低,%,2020,,
绿色生态,单位GDP能源消耗降低,%,2025,13.5,=""".splitlines()


def cells(path, *options) -> list[str]:
    res = run_cli("parse-table", *options, path)
    assert res.returncode == 0, res.stderr
    return [",".join(r) for r in list(csv.reader(io.StringIO(res.stdout)))[1:]]


@pytest.mark.parametrize(
    "name", ["two_tables_rowspan.html", "page_saved_as.txt", "merged_cells.docx", "ruled.pdf"]
)
def test_each_published_form_gives_the_hand_written_cells(name):
    assert cells(DOCS / name) == EXPECTED


def test_pdf_text_is_normalised_no_radical_code_points_survive():
    raw = " ".join(c for g in document_tables(DOCS / "ruled.pdf") for r in g.rows for c in r)
    assert "⽣" in raw or "⻓" in raw  # the PDF's text layer brings radicals (U+2F63, U+2ED3)
    names = {r.indicator for r in parse_table_file(DOCS / "ruled.pdf").rows}
    assert "地区生产总值年均增长" in names
    assert not any(0x2E80 <= ord(ch) <= 0x2FDF for n in names for ch in n)


def test_a_table_over_a_page_break_is_one_table_its_repeated_header_dropped():
    grids = document_tables(DOCS / "over_a_page_break.pdf")
    assert [g.where for g in grids][-1] == "pages 1-3"
    table = parse_table_file(DOCS / "over_a_page_break.pdf")
    assert [r.indicator for r in table.rows] == [f"指标{k}" for k in range(1, 61)]
    values = {(r.indicator, r.values[1].value) for r in table.rows}
    assert values == {(f"指标{k}", 19 + k) for k in range(1, 61)}
    # a category cell cut by the page break keeps its text (类别4 spans pages 1 and 2)
    assert [r.category for r in table.rows] == [f"类别{k // 6 + 1}" for k in range(60)]
    later = parse_table_file(DOCS / "over_a_page_break.pdf", pages=(2, 3))
    assert 0 < len(later.rows) < 60 and later.rows[-1].indicator == "指标60"


def test_list_shows_every_table_and_table_picks_one():
    res = run_cli("parse-table", "--list", DOCS / "two_tables_rowspan.html")
    assert res.returncode == 0
    assert res.stdout.splitlines() == [
        "table 1: table 1, 1 rows × 2 columns: 首页 | 政务公开",
        "table 2: table 2, 6 rows × 5 columns: 类别 | 指标 | 2020年 | 2025年 | 属性",
    ]
    assert cells(DOCS / "two_tables_rowspan.html", "--table", "2") == EXPECTED
    for table, words in (("1", "no indicator table"), ("3", "there is no table 3")):
        res = run_cli("parse-table", "--table", table, DOCS / "two_tables_rowspan.html")
        assert res.returncode == 2 and words in res.stderr and res.stdout == ""


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("scan.pdf", None, "no text layer (a scan); expected run OCR first"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .docx or PDF"),
        ("plan.wps", b"anything", "a WPS Writer document cannot be read"),
        ("plan.et", b"anything", "a WPS spreadsheet cannot be read"),
        ("cut.pdf", b"%PDF-1.7\n1 0 obj\n<<", "the PDF is damaged"),
        ("cut.docx", b"PK\x03\x04broken", "not a Word document"),
    ],
)
def test_a_form_not_read_ends_in_one_line(tmp_path, name, content, words):
    path = DOCS / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    res = run_cli("parse-table", path)
    assert res.returncode == 2 and res.stdout == ""
    assert len(res.stderr.strip().splitlines()) == 1 and words in res.stderr, res.stderr


def test_merged_cells_are_repeated_in_every_row_and_column_they_span():
    rows = [
        [("A", 2, 1), ("B", 1, 2)],
        [("C", 1, 1), ("D", 1, 1)],
        [("E", 1, 3)],
    ]
    assert document.expand(rows) == [["A", "B", "B"], ["A", "C", "D"], ["E", "E", "E"]]


def test_parse_plan_reads_the_same_forms():
    for name in ("two_tables_rowspan.html", "merged_cells.docx", "ruled.pdf"):
        res = run_cli("parse-plan", DOCS / name)
        assert res.returncode == 0, (name, res.stderr)
        assert '"indicators": 5' in res.stdout, name
    res = run_cli("parse-plan", DOCS / "scan.pdf")
    assert res.returncode == 2 and "no text layer" in res.stderr and res.stdout == ""


# --- hostile input -------------------------------------------------------------------------

HTML_PARTS = st.lists(
    st.sampled_from(
        [
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<th>",
            '<td rowspan="3">',
            '<td colspan="99999">',
            '<td rowspan="x">',
            "2025年",
            "2020年",
            "指标",
            "&gt;",
            "&#0;",
            "10.5",
            "<br>",
            "<thead>",
            "<tbody>",
            "（%）",
            "<!--",
            "<script>",
            "\x00",
            "\ufeff",
        ]
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(parts=HTML_PARTS)
def test_random_html_gives_rows_or_one_clear_error(tmp_path_factory, parts):
    path = tmp_path_factory.mktemp("h") / "page.html"
    path.write_text("<html>" + "".join(parts), encoding="utf-8")
    try:
        parse_table_file(path)
    except InputError as exc:
        assert str(exc).startswith(str(path))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<table>"]), body=st.binary(max_size=300)
)
def test_broken_documents_give_one_clear_error(tmp_path_factory, prefix, body):
    path = tmp_path_factory.mktemp("d") / "attachment.bin"
    path.write_bytes(prefix + body)
    try:
        parse_table_file(path)
    except InputError as exc:
        assert str(exc).startswith(str(path))


def test_a_real_pdf_cut_anywhere_gives_one_clear_error(tmp_path):
    data = (DOCS / "ruled.pdf").read_bytes()
    for cut in (len(data) // 7, len(data) // 2, len(data) - 100):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(data[:cut])
        try:
            parse_table_file(path)
        except InputError as exc:
            assert str(exc).startswith(str(path))


def test_numbered_names_footnote_marks_and_entities_as_pages_write_them(tmp_path):
    """Pasted from pages: numbered names keep the number apart, a footnote mark goes to the
    note and the value is read, an entity is the comparator it stands for."""
    text = (
        "指标\t2020年\t2025年\t属性\n"
        "1. 国内生产总值(GDP)增长(%)\t2.3\t6\t预期性\n"
        "2、全员劳动生产率增长(%)\t2.5\t6.5\t预期性\n"
        "(3)研发经费投入增长(%)\t10.5*\t&gt;7\t预期性\n"
        "④每万人口高价值发明专利拥有量(件)\t6.3①\t12\t预期性\n"
        "城镇调查失业率(%)\t5.2\t&lt;5.5\t预期性\n"
    )
    path = tmp_path / "pasted.txt"
    path.write_text(text, encoding="utf-8")
    res = run_cli("parse-table", "--with-attributes", path)
    assert res.returncode == 0 and res.stderr == "", res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    got = [
        (r["indicator"], r["year"], r["value"], r["comparator"], r["note"], r["number"])
        for r in rows
    ]
    assert got == [
        ("国内生产总值(GDP)增长", "2020", "2.3", "=", "", "1"),
        ("国内生产总值(GDP)增长", "2025", "6", "=", "", "1"),
        ("全员劳动生产率增长", "2020", "2.5", "=", "", "2"),
        ("全员劳动生产率增长", "2025", "6.5", "=", "", "2"),
        ("研发经费投入增长", "2020", "10.5", "=", "2020: *", "3"),
        ("研发经费投入增长", "2025", "7", ">", "2020: *", "3"),
        ("每万人口高价值发明专利拥有量", "2020", "6.3", "=", "2020: (1)", "4"),
        ("每万人口高价值发明专利拥有量", "2025", "12", "=", "2020: (1)", "4"),
        ("城镇调查失业率", "2020", "5.2", "=", "", ""),
        ("城镇调查失业率", "2025", "5.5", "<", "", ""),
    ]
    assert all(r["unit"] == ("件" if "专利" in r["indicator"] else "%") for r in rows)
