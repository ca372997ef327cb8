import json

import pytest

from planwatch.present import charts, charts_compare, charts_matrix
from planwatch.tables import dataset


@pytest.fixture
def ds(small_project):
    return dataset.load(small_project / "data" / "processed")


def _layers(spec):
    return spec["layer"]


def test_trajectory_spec(ds):
    spec = charts.trajectory(ds, "企业上云数", "zh").to_dict()
    path, targets, points = _layers(spec)
    assert spec["title"] == "企业上云数"
    assert [r["value"] for r in path["data"]["values"]] == [18, 40, 50]
    assert path["mark"]["type"] == "line" and path["mark"]["strokeDash"] == [6, 4]
    plan = targets["encoding"]["shape"]  # the plan's figures have their own legend entry
    assert plan["title"] == "计划表" and plan["scale"]["domain"] == ["基数", "目标"]
    assert plan["scale"]["range"] == ["square", "diamond"]
    assert spec["resolve"]["scale"]["shape"] == "independent"
    obs = points["data"]["values"]
    assert [(o["year"], o["value"], o["value_kind"]) for o in obs] == [(2020, 41, "lower_bound")]
    enc = points["encoding"]
    assert enc["x"]["field"] == "year" and enc["y"]["field"] == "value"
    shapes = dict(zip(enc["shape"]["scale"]["domain"], enc["shape"]["scale"]["range"], strict=True))
    # legends and tooltips speak the view's language; every kind of value has its own symbol
    assert shapes["下限值"] == "triangle-up" and shapes["部分时段"] == "triangle-right"
    assert len(set(shapes.values())) == len(shapes) and "diamond" not in shapes.values()
    assert enc["color"]["scale"]["domain"] == ["口径可比", "口径待确认", "口径不同(不计分)"]
    assert [o["kind_label"] for o in obs] == ["下限值"]
    assert {t["field"] for t in enc["tooltip"]} >= {
        "year",
        "label",
        "comparable_label",
        "kind_label",
        "source_title",
    }
    assert all(t.get("title") for t in enc["tooltip"])  # no raw field names shown
    assert path["encoding"]["y"]["title"] == "数值 (万家)"
    params = spec.get("params", []) + points.get("params", [])
    bind = params[0]["bind"]  # a select (keyboard), not a legend click
    assert (
        bind["input"] == "select" and bind["options"][0] is None and bind["labels"][0] == "全部数据"
    )
    assert params[0]["select"]["fields"] == ["comparable_label"]
    assert enc["opacity"]["condition"]["param"] == params[0]["name"]
    assert "Noto Sans CJK SC" in spec["config"]["font"]


def test_trajectory_hides_flagged(ds):
    spec = charts.trajectory(ds, "企业上云数", "en", show_flagged=False).to_dict()
    assert spec["layer"][2]["data"]["values"] == []
    assert spec["title"] == "Enterprises using cloud services"


def test_english_trajectory_has_no_chinese_words(ds):
    import re

    spec = charts.trajectory(ds, "企业上云数", "en").to_dict()
    text = json.dumps({k: v for k, v in spec.items() if k != "config"}, ensure_ascii=False)
    # the source title and quote are the source's own words; everything else is English
    for o in spec["layer"][2]["data"]["values"]:
        text = text.replace(o["source_title"], "")
    text = text.replace(json.dumps("企业上云数", ensure_ascii=False), "")
    assert re.findall(r"[\u4e00-\u9fff]+", text) == []


def test_compare_indexes_full_year_figures_on_a_linear_axis(ds):
    values, base, notes = charts_compare.compare_series(
        ds, [("数字经济增加值", ds.region), ("企业上云数", ds.region)], "en"
    )
    assert base == 2017 and {v["index"] for v in values if v["year"] == 2017} == {100.0}
    # 企业上云数 2020 is a lower bound: named in the notes, never indexed
    assert not [v for v in values if v["series"].startswith("Enterprises") and v["year"] == 2020]
    assert any("2020" in n and "lower bound" in n for n in notes)
    spec = charts_compare.compare_indexed(
        ds, [("数字经济增加值", ds.region), ("企业上云数", ds.region)], "en"
    ).to_dict()
    assert spec["encoding"]["x"]["type"] == "quantitative"
    assert spec["encoding"]["x"]["axis"]["format"] == "d"


def test_compare_without_a_common_year_says_so(ds):
    values, base, notes = charts_compare.compare_series(
        ds, [("数字经济增加值", ds.region), ("互联网普及率", ds.region)], "en", years=(2019, 2022)
    )
    # 2019 only for one, 2020 and 2022 only for the other: no common year
    assert values == [] and base is None
    assert "no year with a comparable full-year figure in common" in notes[0]


def test_achievement_bars_dropdown(ds):
    spec = charts.achievement_bars(ds, "en", "基础设施").to_dict()
    bars = spec["layer"][0]
    param = spec["params"][0] if "params" in spec else bars["params"][0]
    assert param["bind"]["input"] == "select" and param["bind"]["options"] == [2020, 2022]
    values = bars["data"]["values"]
    assert {v["name"] for v in values} == {
        "Internet penetration rate",
        "Fixed broadband penetration",
        "Share of broadband users on fibre",
        "Inter-provincial internet egress bandwidth",
    }
    pen = [
        v for v in values if v["name"] == "Internet penetration rate" and v["target_year"] == 2020
    ][0]
    assert pen["pct"] == pytest.approx(106.4) and pen["status"] == "met"
    assert bars["transform"][0]["filter"] == "datum.target_year == target_year_pick"


def test_city_comparison(ds):
    spec = charts.city_comparison(ds, "地区生产总值", "zh", highlight="宁波").to_dict()
    values = spec["data"]["values"]
    assert {v["city"] for v in values} == {"杭州", "宁波", "温州", "嘉兴", "绍兴", "台州"}
    assert [v["city"] for v in values if v["is_highlight"]] == ["宁波"]
    assert spec["params"][0]["bind"]["options"] == [2021]


def test_the_matrix_outlines_its_action_and_has_a_title(ds):
    spec = charts_matrix.accountability_heatmap(ds, "zh", 3).to_dict()
    assert spec["title"]  # a caption's title
    width = spec["spec"]["encoding"]["strokeWidth"]
    assert width["condition"][0] == {"test": "datum.here", "value": 2.5}
    stroke = spec["spec"]["encoding"]["stroke"]
    assert stroke["condition"]["value"] != stroke["value"] and stroke["value"]  # always drawn


def test_category_sub_indices_are_told_apart_by_shape_too_and_alike_in_both_languages(ds):
    from planwatch.present import charts_evaluation

    zh = charts_evaluation.subindex_chart(ds, "zh").to_dict()["encoding"]
    en = charts_evaluation.subindex_chart(ds, "en").to_dict()["encoding"]
    assert zh["color"]["scale"]["range"] == en["color"]["scale"]["range"]  # by place in the plan
    assert len(zh["color"]["scale"]["domain"]) == len(en["color"]["scale"]["domain"])
    assert zh["shape"]["field"] == zh["color"]["field"]  # never colour alone
    assert len(set(zh["shape"]["scale"]["range"])) == len(zh["shape"]["scale"]["range"])
    from planwatch.assess import composite

    frame = charts_evaluation.index_frame(ds, "zh")
    labels = set(frame.loc[frame["component"] != composite.OVERALL, "component_label"])
    assert labels and labels <= set(zh["color"]["scale"]["domain"])  # every line in the legend
