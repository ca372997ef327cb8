"""From a file to records: header row found, rows numbered as a spreadsheet counts, notes and
empty rows skipped, verbatim columns kept exactly, files of a folder sorted into read / not read."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from planwatch.errors import InputError
from planwatch.inputs import records

from .test_observations import HEADER, line


def test_rows_are_counted_like_a_spreadsheet(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text(
        "地区数据表\n" + HEADER + "\n\n" + line() + "\n注:来自统计公报\n", encoding="utf-8"
    )
    rows = list(records.read_rows(p))
    assert [(n, s) for n, _, s in rows] == [(4, "")]
    assert rows[0][1]["region"] == "浙江省"


def test_a_quoted_line_break_stays_in_its_cell_and_row(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text(HEADER + "\n" + line().replace("原文", '"两行\n原文"') + "\n" + line() + "\n")
    assert [n for n, _, _ in records.read_rows(p)] == [2, 3]


def test_sources_and_quotes_are_kept_verbatim(tmp_path):
    p = tmp_path / "x.csv"
    row = line(url="https://example.org/ａ b").replace("原文", "全省 數字經濟  億元")
    p.write_text(HEADER + "\n" + row + "\n", encoding="utf-8")
    ((_, r, _),) = records.read_rows(p)
    assert r["quote"] == "全省 數字經濟  億元" and r["source_url"] == "https://example.org/ａ b"
    assert r["region"] == "浙江省"  # other cells are still cleaned


def test_chinese_headers_are_recognised(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("地区,指标,年份,数值,来源链接\n浙江省,网络零售额,2021,25230,https://a.org\n")
    ((_, r, _),) = records.read_rows(p)
    assert (r["indicator"], r["value"], r["source_url"]) == ("网络零售额", "25230", "https://a.org")


def test_a_workbook_with_no_figures_at_all_is_an_error(tmp_path):
    wb = Workbook()
    wb.active.append(["说明", "这是一个说明页"])
    p = tmp_path / "x.xlsx"
    wb.save(p)
    with pytest.raises(InputError, match="no sheet holds a header row"):
        list(records.read_rows(p))


def test_files_of_a_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANWATCH_ROOT", str(tmp_path))
    folder = tmp_path / "data/raw/observations"
    folder.mkdir(parents=True)
    for name in ["a.csv", "B.TSV", "c.xlsx", "notes.md", ".hidden.csv", "~$c.xlsx"]:
        (folder / name).write_text("x")
    (folder / "d.csv").mkdir()
    files = records.observation_files()
    assert [p.name for p in files.read] == ["B.TSV", "a.csv", "c.xlsx"]
    assert len(files.skipped) == 2 and any("notes.md" in s for s in files.skipped)


def test_every_shipped_quote_title_and_url_reaches_processed_byte_for_byte(built):
    import csv

    from planwatch import paths

    audit = {(r["file"], r["row"]): r for r in built.tables["observations_audit"]}
    checked = 0
    for path in sorted(paths.observations_dir().glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for n, raw in enumerate(csv.DictReader(fh), start=2):
                got = audit.get((path.name, n))
                if got is None:
                    continue  # a row marked missing
                for col in ("quote", "source_url", "source_title", "note"):
                    assert got[col] == raw[col], (path.name, n, col)
                checked += 1
    assert checked > 150
