import pytest

from planwatch.parse.cities import roles

CITIES = ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水"]


@pytest.fixture(scope="module")
def cities(built):
    return {c["city"]: c for c in built.tables["cities"]}


def test_eleven_cities_hangzhou_marked_absent(cities):
    assert list(cities) == CITIES
    assert (
        cities["杭州"]["in_source"] is False
        and cities["杭州"]["paragraph"] == ""
        and cities["杭州"]["roles"] == ""
    )
    assert sum(c["in_source"] for c in cities.values()) == 10
    assert cities["宁波"]["line"] == 400 and cities["丽水"]["line"] == 418


def test_roles(cities):
    assert cities["湖州"]["roles"].split(";") == [
        "全国数字化绿色智造示范区",
        "全国绿色动力能源中心",
        "全国绿色健康家居产业中心",
        "全国地理信息产业中心",
        "全省智慧物流产业中心",
    ]
    assert cities["绍兴"]["roles"] == "全国制造业和互联网融合创新试点示范区"
    assert (
        "中国(浙江)自由贸易试验区" not in cities["舟山"]["roles"]
    )  # context (围绕建设…), not a role
    assert cities["丽水"]["roles"] == "全省绿色智慧新高地"
    assert len(cities["金华"]["roles"].split(";")) == 9


def test_roles_function():
    assert roles("打造A示范区、B中心和C基地。") == ["A示范区", "B中心", "C基地"]
    assert roles("没有角色的段落。") == []


def test_mentions_through_gazetteer(built):
    m = built.tables["city_mentions"]
    pairs = {(r["city"], r["place"], r["item_id"]) for r in m}
    assert ("金华", "义乌", "T4.1.2") in pairs  # 中国(杭州、宁波、义乌)跨境电子商务综合试验区
    assert ("金华", "横店影视城", "T3.2.3") in pairs
    assert ("嘉兴", "乌镇", "city:嘉兴") in pairs
    assert ("杭州", "钱塘江金融港湾", "T4.2.2") in pairs
    assert ("宁波", "甬江科创大走廊", "T6.1.2") in pairs
    assert ("杭州", "城西科创大走廊", "T6.1.2") in pairs
    # 环杭州湾 is a region: the longest match wins, so it is not a mention of 杭州
    assert not any(
        r["place"] == "杭州"
        and "环杭州湾" in r["excerpt"]
        and r["item_id"] == "T6.1.2"
        and r["excerpt"].find("环杭州湾") <= r["excerpt"].find("杭州")
        for r in m
    )
    # responsible units (人行杭州中心支行, 杭州海关) are not place mentions
    assert not any(r["place"] == "杭州" and r["item_id"] == "T4.2.1" for r in m)
    assert {r["city"] for r in m} == set(CITIES)
