import pytest

from planwatch.reports import common
from planwatch.tables import dataset


def test_resolvers_accept_every_spelling_and_list_valid_values(small_project):
    ds = dataset.load()
    assert common.resolve_city(ds, "Ningbo") == common.resolve_city(ds, "宁波市") == "宁波"
    assert common.resolve_action(ds, "(三)") == common.resolve_action(ds, 3) == 3
    assert common.resolve_category(ds, "infrastructure") == "基础设施"
    with pytest.raises(common.ParameterError, match="valid values: 1 "):
        common.resolve_action(ds, 99)


def test_method_text_takes_the_years_from_the_data(small_project):
    ds = dataset.load()
    en = str(common.method(ds, "en"))
    assert f"{ds.baseline_year} baseline" in en
    assert " and ".join(map(str, ds.target_years)) + " targets" in en
    other = dataset.Dataset(
        ds.folder, dict(ds.tables, plan=ds.plan.assign(baseline_year=2011, target_years="2030"))
    )
    assert "2011 baseline and its 2030 targets" in str(common.method(other, "en"))
