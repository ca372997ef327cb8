from decimal import Decimal

from planwatch.parse.consistency import compare


def test_plan_findings(built):
    found = {(f["indicator"], f["year"]): f for f in built.tables["consistency"]}
    disagreements = sorted(
        (k[0], f["finding"])
        for k, f in found.items()
        if f["finding"] not in ("agree", "comparator")
    )
    assert disagreements == [
        ("企业上云数", "value"),  # 累计实现20万家企业上云 vs table 50 万家
        ("网络零售额", "magnitude"),  # 26万亿元 vs 26000 亿元
        ("规模以上电子信息制造业业务收入", "magnitude"),  # 15万亿元 vs 15000 亿元
    ]
    assert found[("数字经济增加值", 2022)]["finding"] == "comparator"  # 4万亿元以上 vs 40000
    assert found[("上市企业", 2022)]["finding"] == "agree"
    assert found[("在役工业机器人数量", 2022)]["finding"] == "agree"  # 15万台 = 15 万台
    assert len(built.warnings) == 3 and all("differ" in w for w in built.warnings)


def _row(value, unit, comparator="="):
    return {
        "indicator": "X",
        "year": 2022,
        "is_baseline": False,
        "value": Decimal(value),
        "unit": unit,
        "comparator": comparator,
        "line_start": 1,
        "line_end": 2,
    }


def _target(value, unit, comparator="="):
    return {
        "target_id": "t",
        "indicator": "X",
        "year": 2022,
        "value": Decimal(value),
        "unit": unit,
        "comparator": comparator,
        "value_raw": value,
        "line": 9,
    }


def test_unit_disagreement():
    (f,) = compare([_target("5", "%")], [_row("5", "亿元")])
    assert f["finding"] == "unit"


def test_magnitude_and_value():
    assert compare([_target("1500", "亿元")], [_row("150", "亿元")])[0]["finding"] == "magnitude"
    assert compare([_target("200000", "家")], [_row("50", "万家")])[0]["finding"] == "value"
    assert compare([_target("500000", "家")], [_row("50", "万家")])[0]["finding"] == "agree"
