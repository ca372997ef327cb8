from decimal import Decimal

import pytest

from planwatch.parse.targets import Place, find_targets


def targets(text, horizon=2022):
    return find_targets(Place("task", "T", 1, text, 1), horizon)


@pytest.fixture(scope="module")
def prose(built):
    return {t["target_id"]: t for t in built.tables["prose_targets"]}


def test_magnitude_and_comparator():
    (t,) = targets(
        "到 2022年,在网络信息技术领域形成一批标志性创新成果,发明专利授权量达到25万项以上"
    )
    assert (t["value"], t["unit"], t["comparator"], t["year"], t["year_source"]) == (
        Decimal(250000),
        "项",
        "≥",
        2022,
        "explicit",
    )


def test_trillion_yuan_goes_to_100_million_yuan():
    (t,) = targets("全省规模以上电子信息制造业主营业务收入突破15万亿元")
    assert (t["value"], t["unit"], t["comparator"]) == (Decimal(150000), "亿元", ">")


def test_range_count_and_year_from_horizon():
    a, b = targets("培育世界一流企业5-8家、上市企业150家")
    assert (a["value"], a["value_high"], a["comparator"], a["year_source"]) == (
        Decimal(5),
        Decimal(8),
        "≥",
        "horizon",
    )
    assert (b["value"], b["subject"]) == (Decimal(150), "上市企业")


def test_aspiration_annual_and_approximate():
    (t,) = targets("力争数字经济核心产业增加值年均增长15%左右")
    assert t["aspiration"] and t["annual"] and t["comparator"] == "≈" and t["unit"] == "%"


def test_not_targets():
    assert targets("26个加快发展县及偏远农村、山区、海岛等地利用数字技术") == []
    assert targets("重点在特色块状经济产业带和年交易额在20亿元以上专业市场建设行业大数据中心") == []
    assert targets("到2022年,加快5G 网络和IPV6 部署,打造“21世纪数字丝绸之路”") == []


def test_unitless_index_needs_both_comparators():
    (t,) = targets("“两化”融合发展指数达到100以上")
    assert (t["value"], t["unit"], t["comparator"]) == (Decimal(100), "", "≥")


def test_plan_targets(prose):
    assert len(prose) == 80
    assert prose["O#1"]["indicator"] == "数字经济增加值" and prose["O#1"]["value"] == Decimal(40000)
    assert prose["T4.2.1#1"]["value"] == Decimal(1500000000) and prose["T4.2.1#1"]["unit"] == "人"
    assert prose["T6.3.3#2"]["value"] == Decimal(200000000) and prose["T6.3.3#2"]["unit"] == "个"
    assert prose["T3.1.5#1"]["indicator"] == "企业上云数"  # matched on the words after the number
    assert prose["S2.2#4"]["indicator"] == ""  # 准独角兽企业 is explicitly not 独角兽企业
    assert prose["S2.1#1"]["indicator"] == ""  # 数字经济核心产业增加值 is not the plan's indicator
    assert prose["T6.3.4#1"]["unit"] == "Mbps" and prose["T6.3.4#1"]["year_source"] == "horizon"
    assert prose["T1.2.3#1"]["annual"]
