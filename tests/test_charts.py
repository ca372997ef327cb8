import pytest

from planwatch.present import charts
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
    assert targets["mark"]["shape"] == "diamond"
    obs = points["data"]["values"]
    assert [(o["year"], o["value"], o["value_kind"]) for o in obs] == [(2020, 41, "lower_bound")]
    enc = points["encoding"]
    assert enc["x"]["field"] == "year" and enc["y"]["field"] == "value"
    shapes = dict(zip(enc["shape"]["scale"]["domain"], enc["shape"]["scale"]["range"], strict=True))
    assert shapes["lower_bound"] == "triangle-up"
    assert {t["field"] for t in enc["tooltip"]} >= {
        "year",
        "label",
        "comparable",
        "value_kind",
        "source_title",
    }
    params = spec.get("params", []) + points.get("params", [])
    assert params[0]["bind"] == "legend" and params[0]["select"]["fields"] == ["comparable"]
    assert enc["opacity"]["condition"]["param"] == params[0]["name"]
    assert "Noto Sans CJK SC" in spec["config"]["font"]


def test_trajectory_hides_flagged(ds):
    spec = charts.trajectory(ds, "企业上云数", "en", show_flagged=False).to_dict()
    assert spec["layer"][2]["data"]["values"] == []
    assert spec["title"] == "Enterprises using cloud services"


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
