"""A voice speaks the names of the data set it was given, never those of the default set."""

import pandas as pd
import pytest

from planwatch.present.voice import Voice
from planwatch.tables import dataset


def _other(ds):
    """The same set with another plan title and another English indicator name."""
    names = ds.names.copy()
    hit = (names["kind"] == "indicator") & (names["key"] == "数字经济增加值")
    names.loc[hit, "en"] = "Another plan's name"
    plan = ds.plan.assign(title_en="Another Plan")
    return dataset.Dataset(ds.folder, dict(ds.tables, names=names, plan=plan), "other")


def test_names_come_from_the_set_given_not_the_default(small_project):
    ds = dataset.load()
    other = _other(ds)
    assert Voice(other, "en").indicator("数字经济增加值") == "Another plan's name"
    assert Voice(ds, "en").indicator("数字经济增加值") != "Another plan's name"
    assert Voice(other, "en").plan_title() == "Another Plan"
    assert Voice(other, "zh").indicator("数字经济增加值") == "数字经济增加值"


def test_a_report_built_on_another_set_speaks_its_names(small_project):
    from planwatch.reports.category import CategoryReport

    other = _other(dataset.load())
    text = str(CategoryReport("数字产业化", "en", ds=other).title())
    assert "Another Plan" in text


def test_fmt_missing_values_and_units_in_the_language(small_project):
    v = Voice(dataset.load(), "en")
    assert v.fmt(None, "亿元") == v.fmt(float("nan"), "亿元") == v.fmt(pd.NA, "亿元") == "—"
    assert v.fmt(11500, "亿元") == "CNY 1.15 trillion"
    assert Voice(dataset.load(), "zh").fmt(11500, "亿元") == "1.15万亿元"


def test_unknown_language_is_refused(small_project):
    with pytest.raises(ValueError, match="valid values: zh, en"):
        Voice(dataset.load(), "fr")
