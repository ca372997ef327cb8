"""`planwatch add`: a researcher's file in one step, with what changed; a refused file leaves
data/raw/ and data/processed/ as they were. The figures here are made up for the test."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import yaml

from planwatch import cli, paths
from planwatch.errors import InputError
from planwatch.tables import adding

from .conftest import snapshot

HEAD = "region,indicator,year,value,unit,source_url,quote\n"
URL = "https://example.org/report"


@pytest.fixture
def project(project_built):
    return project_built


def researcher_file(tmp_path, rows: str, name: str = "my_figures.csv"):
    path = tmp_path / name
    path.write_text(HEAD + rows, encoding="utf-8")
    return path


def test_add_copies_stamps_rebuilds_and_says_what_moved(project, tmp_path, capsys):
    src = researcher_file(tmp_path, f"浙江省,软件和信息服务业收入,2020,8500,亿元,{URL},测试用\n")
    code = cli.main(["add", str(src), "--source-url", URL, "--publisher", "测试"])
    out = capsys.readouterr().out
    assert code == 0
    assert "added my_figures.csv: 1 figure(s), 1 of them the evidence of their year" in out
    assert "软件和信息服务业收入 2020: no_data → met" in out
    target = paths.observations_dir() / "my_figures.csv"
    assert target.read_bytes() == src.read_bytes()
    meta = yaml.safe_load(target.with_name("my_figures.csv.meta.yml").read_text(encoding="utf-8"))
    assert meta["date_retrieved"] == datetime.date.today().isoformat()
    assert meta["publisher"] == "测试" and meta["title"] == "my_figures"


@pytest.mark.parametrize(
    "rows, what",
    [
        (f"火星,软件和信息服务业收入,2020,8500,亿元,{URL},x\n", "unknown region"),
        (f"浙江省,软件和信息服务业收入,2020,85000000,亿元,{URL},x\n", "100"),
        ("浙江省,软件和信息服务业收入,2020,8500,亿元,,x\n", "source URL"),
    ],
)
def test_a_file_that_does_not_build_is_taken_out_again(project, tmp_path, rows, what):
    raw = snapshot(paths.observations_dir())
    processed = snapshot(paths.processed_dir())
    src = researcher_file(tmp_path, rows)
    with pytest.raises(InputError) as exc:
        adding.add(src, URL, "测试")
    assert what in str(exc.value) and "my_figures.csv" in str(exc.value)
    assert snapshot(paths.observations_dir()) == raw
    assert snapshot(paths.processed_dir()) == processed


def test_refused_before_anything_is_copied(project, tmp_path, capsys):
    raw = snapshot(paths.observations_dir())
    src = researcher_file(tmp_path, f"浙江省,软件和信息服务业收入,2020,8500,亿元,{URL},x\n")
    with pytest.raises(InputError, match="not a web address"):
        adding.add(src, "javascript:alert(1)", "测试")
    with pytest.raises(InputError, match="no such file"):
        adding.add(tmp_path / "missing.csv", URL, "测试")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match="save it as .xlsx"):
        adding.add(old, URL, "测试")
    existing = sorted(p for p in paths.observations_dir().glob("*.csv"))[0]
    clash = researcher_file(tmp_path, "", name=existing.name)
    with pytest.raises(InputError, match="already in the observations folder"):
        adding.add(clash, URL, "测试")
    assert snapshot(paths.observations_dir()) == raw
    assert cli.main(["add", str(src), "--source-url", "ftp://x", "--publisher", "p"]) != 0
    assert "error" in capsys.readouterr().err


def test_a_link_planted_under_the_name_is_never_written_through(project, tmp_path):
    """A dangling symlink where the file would go: refused, and nothing is written outside."""
    outside = tmp_path / "outside.csv"
    (paths.observations_dir() / "my_figures.csv").symlink_to(outside)
    src = tmp_path / "src"
    src.mkdir()
    mine = researcher_file(src, f"浙江省,网络零售额(亿元),2021,25230,亿元,{URL},原文\n")
    before = snapshot(paths.processed_dir())
    with pytest.raises(InputError, match="already in the observations folder"):
        adding.add(mine, URL, "a publisher")
    assert not outside.exists()
    assert (paths.observations_dir() / "my_figures.csv").is_symlink()  # left for a person
    assert snapshot(paths.processed_dir()) == before


def test_an_error_quotes_a_huge_value_by_its_start_and_length():
    err = InputError("f.csv", "bad value", value="x" * 5_000_000, expected="a number")
    text = str(err)
    assert len(text) < 400 and "5000002 characters" in text


def test_a_shipped_file_added_again_is_refused_and_one_new_row_is_said(project, tmp_path):
    """A file whose every figure is already in the data adds nothing: refused, nothing left;
    with one new row, it is added and each repeated figure is named with both rows."""
    from planwatch.tables import dataset

    shipped = (paths.observations_dir() / "zhejiang_province.csv").read_text(encoding="utf-8")
    before = snapshot(paths.raw_dir()), dataset.checksum()
    again = tmp_path / "province_again.csv"
    again.write_text(shipped, encoding="utf-8")
    with pytest.raises(
        InputError, match=r"every one of its \d+ figure\(s\) is already in the data"
    ):
        adding.add(again, URL, "a publisher")
    assert (snapshot(paths.raw_dir()), dataset.checksum()) == before  # as it was
    header, *rows = list(csv.reader(io.StringIO(shipped)))
    row = dict(zip(header, rows[0], strict=True))
    row["year"], row["value"] = "2024", "123456"  # a new figure of the same series
    more = tmp_path / "province_more.csv"
    with open(more, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows, [row[h] for h in header]])
    added = adding.add(more, URL, "a publisher")
    assert added.figures == len(rows) + 1  # the new row is read as a figure too
    twice = [w for w in added.warnings if w.startswith("the same figure twice")]
    assert len(twice) == len(rows)  # every repeated figure, each named with both rows
    assert all("zhejiang_province.csv row" in w and "province_more.csv row" in w for w in twice)


def test_strict_refuses_a_file_that_brings_a_warning(project, tmp_path):
    from planwatch.tables import dataset

    before = snapshot(paths.raw_dir()), dataset.checksum()
    rows = (
        "region,indicator,year,value,unit,comparable,value_kind,source_kind,source_url,quote\n"
        f"浙江省,数字经济增加值(亿元),2017,26649,亿元,yes,exact,official,{URL},原文\n"
    )
    mine = tmp_path / "official.csv"
    mine.write_text(rows, encoding="utf-8")
    with pytest.raises(InputError, match="--strict: 1 warning"):
        adding.add(mine, URL, "a publisher", strict=True)
    assert (snapshot(paths.raw_dir()), dataset.checksum()) == before
    assert adding.add(mine, URL, "a publisher").replaced  # without --strict: added, and said


def test_a_figure_that_takes_over_the_evidence_and_a_conflict_are_said(project, tmp_path):
    # the shipped 2017 figure of 数字经济增加值 is 20658 (exact, a repost); an official exact one
    # 29% higher takes over the evidence, and a second official exact one disagrees with it
    rows = (
        "region,indicator,year,value,unit,comparable,value_kind,source_kind,source_url,quote\n"
        f"浙江省,数字经济增加值(亿元),2017,26649,亿元,yes,exact,official,{URL},原文\n"
        f"浙江省,数字经济增加值(亿元),2017,20700,亿元,yes,exact,official,{URL}/2,原文二\n"
    )
    mine = tmp_path / "official.csv"
    mine.write_text(rows, encoding="utf-8")
    added = adding.add(mine, URL, "a publisher")
    assert any(
        r.startswith("evidence replaced: 数字经济增加值 浙江省 2017: 20658 (zhejiang_province.csv)")
        and r.endswith("(+29.0%)")
        for r in added.replaced
    ), added.replaced
    assert any(w.startswith("official exact figures disagree by 22.3%") for w in added.warnings)


def test_unfilled_rows_of_a_template_are_said_with_their_numbers(project, tmp_path, capsys):
    """Rows left without a value and a source (a template partly filled) are passed over, and
    the add and the build say which."""
    src = researcher_file(
        tmp_path,
        f"浙江省,软件和信息服务业收入,2020,8500,亿元,{URL},测试用\n"
        "浙江省,网络零售额,2021,,亿元,,\n"
        "浙江省,数字经济增加值,2022,—,亿元,,\n",
    )
    assert cli.main(["add", str(src), "--source-url", URL, "--publisher", "测试"]) == 0
    out = capsys.readouterr().out
    assert "added my_figures.csv: 1 figure(s)" in out
    note = "2 row(s) with no value and no source passed over as unfilled (row 3, 4)"
    assert f"note: {paths.observations_dir() / 'my_figures.csv'}: {note}" in out, out
    assert cli.main(["build-data"]) == 0
    assert note in capsys.readouterr().err
