"""Implausible figures are refused with the likely unit; a declared exception lets a right one in."""

from __future__ import annotations

import datetime

import pytest

from planwatch.inputs import plausibility, provenance
from planwatch.tables import build

from .test_observations import HEADER, URL, add, chosen, line
from .test_readers import prebuilt, project, refused  # noqa: F401  (fixtures)


def test_yuan_for_yi_yuan_is_refused_with_the_likely_unit(project):  # noqa: F811
    add(project, "units.csv", HEADER + "\n" + line(value="6000", unit="元") + "\n")
    msg = refused("units.csv", "row 2", "column 'value'", "implausible value", "times below")
    assert "as 亿元 it would be 6000 亿元" in msg


def test_an_absurdly_large_figure_is_refused(project):  # noqa: F811
    add(project, "big.csv", HEADER + "\n" + line(value="9000000000000000") + "\n")
    refused("big.csv", "times above")


def test_a_city_figure_in_the_wrong_unit_is_refused(project):  # noqa: F811
    add(project, "city.csv", HEADER + "\n" + line(region="宁波", value="2000", unit="元") + "\n")
    refused("city.csv", "implausible value", "for 浙江省 as a whole")


def test_a_context_series_figure_far_from_its_series_is_refused(project):  # noqa: F811
    rows = [
        line(region="宁波", indicator="地区生产总值(亿元)", year=str(y), value=v)
        for y, v in ((2019, "11985"), (2020, "12409"), (2021, "14595"))
    ]
    rows.append(line(region="宁波", indicator="地区生产总值(亿元)", year="2018", value="1.1"))
    add(project, "gdp.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    refused("gdp.csv", "row 5", "median")


@pytest.mark.parametrize("year", ["2099", "1990"])
def test_a_year_outside_the_plausible_range_is_refused(project, year):  # noqa: F811
    add(project, "year.csv", HEADER + "\n" + line(year=year) + "\n")
    lo, hi = plausibility.year_range(2017)
    refused("year.csv", "column 'year'", f"from {lo} to {hi}")


def test_year_range_follows_the_baseline_and_today():
    assert plausibility.year_range(2020, datetime.date(2026, 12, 1)) == (2010, 2026)


def write_exceptions(root, body):
    path = root / "data/raw/mappings" / plausibility.EXCEPTIONS
    path.write_text("region,indicator,year,reason\n" + body, encoding="utf-8")
    provenance.stamp(
        path,
        {"title": "t", "publisher": "p", "source_url": URL, "date_retrieved": "2026-12-01"},
    )


def test_a_declared_exception_lets_the_figure_in(project):  # noqa: F811
    add(project, "units.csv", HEADER + "\n" + line(value="6000", unit="元") + "\n")
    write_exceptions(project, "浙江省,网络零售额,2021,checked against the yearbook\n")
    assert float(chosen(build.run())[2021]["value"]) == 0.00006


def test_an_exception_for_no_figure_is_refused(project):  # noqa: F811
    write_exceptions(project, "浙江省,网络零售额,2030,stale\n")
    refused(plausibility.EXCEPTIONS, "no observation file holds", "2030")


def test_an_exception_needs_a_reason(project):  # noqa: F811
    write_exceptions(project, "浙江省,网络零售额,2021,\n")
    refused(plausibility.EXCEPTIONS, "reason")


def test_stamp_refuses_nonsense(tmp_path):
    from planwatch.errors import InputError

    f = tmp_path / "x.csv"
    f.write_text("a\n")
    ok = {"title": "t", "publisher": "p", "source_url": "https://example.org"}
    with pytest.raises(InputError, match="not a web address"):
        provenance.stamp(f, {**ok, "source_url": "javascript:alert(1)"})
    with pytest.raises(InputError, match="not a date"):
        provenance.stamp(f, {**ok, "date_retrieved": "tomorrow"})
    with pytest.raises(InputError, match="publisher"):
        provenance.stamp(f, {"title": "t", "source_url": "https://example.org"})
    with pytest.raises(InputError, match="is a directory"):
        provenance.stamp(tmp_path, ok)
    with pytest.raises(InputError, match="no such file"):
        provenance.stamp(tmp_path / "missing.csv", ok)
    assert not (tmp_path / "x.csv.meta.yml").exists()
    meta = provenance.stamp(f, ok)  # date_retrieved defaults to today: build-data accepts it
    assert meta["date_retrieved"] == datetime.date.today().isoformat()
    assert provenance.check(f)["sha256"] == meta["sha256"]
