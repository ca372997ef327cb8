"""The plan's identity and names tables come from the manifest and the translations."""

from planwatch import paths
from planwatch.tables import build, dataset, plan_identity

from .test_plan_links import _edit


def test_plan_and_names_tables_come_from_the_manifest(project_copy):
    build.run()
    ds = dataset.load()
    assert ds.plan_row["region"] == "浙江省" and ds.target_years == [2020, 2022]
    names = ds.names.set_index(["kind", "key"])["en"]
    assert names[("city", "宁波")] == "Ningbo" and names[("region", "浙江省")] == "Zhejiang"
    assert ("note", "subregion_absent") in names.index
    _edit(paths.plan_manifest(), "en: Ningbo", "en: Ningbo City")
    build.run()
    assert dataset.load().names.set_index(["kind", "key"])["en"][("city", "宁波")] == "Ningbo City"


def test_the_baseline_is_the_marked_year_the_others_targets(project_copy):
    records = [
        {"year": 2020, "is_baseline": False},
        {"year": 2025, "is_baseline": True},
        {"year": 2030, "is_baseline": False},
    ]
    row = plan_identity.plan_row(records)
    assert (row["baseline_year"], row["target_years"]) == (2025, "2020;2030")
