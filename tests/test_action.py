"""Action reports and accountability (issue: the plan's seven actions)."""

from collections import Counter

import pytest

from planwatch.present.charts_matrix import accountability_heatmap
from planwatch.reports.action import (
    AccountabilityReport,
    ActionReport,
    resolve_action,
    unit_name,
    workload,
)
from planwatch.reports.params import ParameterError
from planwatch.tables import dataset


@pytest.fixture
def ds(small_project):
    return dataset.load(small_project / "data" / "processed")


def test_counts_per_action_pinned_against_the_text(ds):
    tasks = Counter(int(x) for x in ds.tasks["action_no"])
    assert tasks == {1: 8, 2: 8, 3: 13, 4: 15, 5: 9, 6: 14, 7: 12}
    units = {
        n: ds.task_units[ds.task_units["action_no"] == n]["unit"].nunique() for n in range(1, 8)
    }
    assert units == {1: 11, 2: 7, 3: 17, 4: 24, 5: 6, 6: 15, 7: 19}  # 1, 2, 5, 6, 7 counted by hand
    targets = Counter(int(x) for x in ds.prose_targets["action_no"].dropna())
    # the 80 figures were each checked against the text (see test_targets.py for the rules)
    assert targets == {1: 14, 2: 13, 3: 23, 4: 11, 5: 8, 6: 9, 7: 1}
    assert int(ds.prose_targets["action_no"].isna().sum()) == 1  # the overall goal (4万亿元以上)


def test_matrix_totals_equal_task_unit_pairs(ds):
    spec = accountability_heatmap(ds, "zh").to_dict()
    values = spec["data"]["values"]
    assert sum(v["tasks"] for v in values) == len(ds.task_units) == 269
    assert sum(v["tasks"] for v in values if v["role"] == "lead") == len(ds.tasks) - int(
        (ds.tasks["n_units"] == 0).sum()
    )
    assert spec["facet"]["column"]["field"] == "role_label"
    w = workload(ds)
    assert int(w["n_tasks"].sum()) == 269 and int(w.loc["省经信委", "n_lead"]) == int(
        ds.institutions.set_index("name_in_text").loc["省经信委", "n_lead"]
    )


def test_prose_targets_link_to_table_indicators(ds):
    pt = ds.prose_targets
    linked = pt[pt["indicator"] != ""]
    names = set(ds.indicators["indicator"])
    assert len(linked) >= 10 and set(linked["indicator"]) <= names
    ids = dict(zip(ds.indicators["indicator"], ds.indicators["indicator_id"], strict=False))
    assert all(ids[r["indicator"]] == r["indicator_id"] for _, r in linked.iterrows())
    # every consistency finding's prose target is one of these links
    assert set(ds.consistency["target_id"]) <= set(linked["target_id"])
    assert pt["target_id"].is_unique


def test_institution_map_names_occur_in_text(plan_raw, ds):
    from planwatch.parse.normalise import clean_text

    text = clean_text(plan_raw)
    inst = ds.institutions
    assert all(name in text for name in inst["name_in_text"])
    assert set(inst["name_in_text"]) == set(ds.task_units["unit"])
    assert inst.set_index("name_in_text").loc["省经信委", "current_name"] == "省经济和信息化厅"
    assert inst.set_index("name_in_text").loc["省海港委", "change"] == "unmapped"


def test_reports_show_both_names(ds):
    assert unit_name(ds, "省经信委", "zh") == "省经信委 → 省经济和信息化厅"
    assert "now 省经济和信息化厅" in unit_name(ds, "省经信委", "en")
    assert "current body not confirmed" in unit_name(ds, "省海港委", "en")
    tasks = str(ActionReport(3, "zh", ds).tasks())
    assert "省经信委 → 省经济和信息化厅" in tasks


def test_action_report_targets_and_observations(ds):
    rep = ActionReport("三", "en", ds)
    html = str(rep.tasks())
    assert "T3.1.5#1" in html and "Enterprises using cloud services" in html
    assert (
        "410,000 enterprises (2020; news media; lower bound; year inferred)" in html
    )  # latest observation of the linked indicator, flags in words
    # the prose target that disagrees with the table says so, with both figures
    assert (
        "disagrees with the plan&#39;s indicator table: the text says 200,000 companies, "
        "the table&#39;s 2022 target is 500,000 companies" in html
    )
    zh = str(ActionReport("三", "zh", ds).tasks())
    assert "与指标表不一致:正文为200000家,指标表2022年目标为500000家" in zh
    assert "no observation yet" in html
    assert "Hangzhou" in str(rep.cities()) and "Jinhua" in str(rep.cities())


def test_resolve_action(ds):
    assert (
        resolve_action(ds, "3")
        == resolve_action(ds, "三")
        == resolve_action(ds, "产业数字化转型行动")
        == 3
    )
    with pytest.raises(ParameterError, match="valid values"):
        resolve_action(ds, 9)


def test_accountability_summary(ds):
    rep = AccountabilityReport("en", ds)
    assert str(rep.actions()).count("<tr>") == 8
    assert "unmapped" in str(rep.institutions())
