"""The report-kind registry: one entry per kind; render, index and cross-links use it."""

import json

import pytest

from planwatch.reports import kinds
from planwatch.reports.params import ParameterError
from planwatch.tables import dataset

from .conftest import ROOT


def test_every_kind_has_its_notebook_with_its_parameter():
    for kind in kinds.KINDS.values():
        if kind.one_file:  # a page made without a notebook (the explorer to share)
            assert not kind.notebook and kind.param is None
            continue
        nb = json.loads((ROOT / "notebooks" / kind.notebook).read_text(encoding="utf-8"))
        params = "".join(
            "".join(c["source"])
            for c in nb["cells"]
            if "parameters" in c["metadata"].get("tags", [])
        )
        assert "lang:" in params
        if kind.param:
            assert f"{kind.param}: {kind.param_type.__name__}" in params


def test_names_links_and_values_come_from_the_registry(small_project):
    ds = dataset.load()
    assert kinds.href(ds, "action", "3", "en") == "action-3-en.html"
    assert kinds.href(ds, "explorer", "all", "en") == "explorer.html"  # both languages
    assert kinds.report_name(ds, "city", "宁波", "zh") == "city-ningbo-zh"
    assert kinds.get("action").resolve(ds, "三") == "3"
    assert kinds.get("city").params("宁波", "en") == {"city": "宁波", "lang": "en"}
    assert kinds.get("action").params("3", "zh") == {"action": 3, "lang": "zh"}
    assert kinds.param_help(ds, "city").split(", ") == list(ds.cities["city"])
    with pytest.raises(ParameterError, match="valid kinds: city, category, action, summary"):
        kinds.get("year")
