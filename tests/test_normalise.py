from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.parse.normalise import (
    clean_text,
    format_decimal,
    parse_number,
    parse_value,
    split_unit,
    to_base,
    unit_kind,
)

FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@pytest.mark.parametrize(
    ("cell", "value", "comparator"),
    [
        ("≥76", "76", "≥"),
        ("> 98", "98", ">"),
        ("大于 100", "100", ">"),
        ("不低于90", "90", "≥"),
        ("约 30", "30", "≈"),
        ("30左右", "30", "≈"),
        ("15以内", "15", "≤"),
        ("达到65以上", "65", "≥"),
        ("1.5万", "15000", "="),
        ("2億", "200000000", "="),
        ("3萬", "30000", "="),
        ("１２３４", "1234", "="),
        ("1,234.5", "1234.5", "="),
        ("＞５", "5", ">"),
    ],
)
def test_parse_value_spellings(cell, value, comparator):
    v = parse_value(cell)
    assert v.value == Decimal(value)
    assert v.comparator == comparator


@pytest.mark.parametrize("cell", ["—", "——", "-", "", "…", "  "])
def test_missing_cells(cell):
    assert parse_value(cell).value is None


def test_annotation_and_range():
    v = parse_value("20(部分城市)")
    assert (v.value, v.annotation) == (Decimal(20), "部分城市")
    r = parse_value("5-8")
    assert (r.value, r.value_high, r.comparator) == (Decimal(5), Decimal(8), "≥")


@pytest.mark.parametrize("cell", ["两万", "abc", "12a", "≥", "1..2"])
def test_not_a_value(cell):
    with pytest.raises(ValueError):
        parse_value(cell)


def test_clean_text_spaces():
    assert clean_text("数字 产业 化") == "数字产业化"
    assert clean_text("比 重(% )") == "比重(%)"
    assert clean_text("100 Mbps以上") == "100 Mbps以上"
    assert clean_text("3\ue010夯实") == "3夯实"
    assert clean_text("（亿元）") == "(亿元)"


def test_split_unit():
    assert split_unit("数字经济增加值占地区生产总值(GDP)的比重(% )") == (
        "数字经济增加值占地区生产总值(GDP)的比重",
        "%",
    )
    assert split_unit("数字经济核心产业全员劳动生产率(万元/ 人年)")[1] == "万元/人年"
    assert split_unit("上市企业") == ("上市企业", "")


@pytest.mark.parametrize(
    ("value", "unit", "base_value", "base_unit"),
    [
        ("4", "万亿元", "40000", "亿元"),
        ("5000", "万元", "0.5", "亿元"),
        ("50", "万家", "500000", "家"),
        ("15", "万台", "150000", "台"),
        ("2", "亿个", "200000000", "个"),
        ("39.9", "%", "39.9", "%"),
        ("34", "万元/人年", "34", "万元/人年"),
        ("1.2", "个百分点", "1.2", "pp"),
    ],
)
def test_to_base(value, unit, base_value, base_unit):
    assert to_base(Decimal(value), unit) == (Decimal(base_value), base_unit)


def test_unit_kind():
    assert unit_kind("万亿元") == unit_kind("亿元") == "money"
    assert unit_kind("万家") == "count"
    assert unit_kind("%") == "rate"
    assert unit_kind("个百分点") == "rate"


# Property-based tests -----------------------------------------------------------------------

decimals = st.decimals(
    min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
)


@given(decimals)
def test_fullwidth_digits_parse_like_ascii(d):
    text = format_decimal(d)
    assert parse_number(text.translate(FULLWIDTH)) == parse_number(text) == d


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators(n):
    assert parse_number(f"{n:,}") == n


@given(decimals, st.sampled_from(["万", "亿", "万亿", "萬", "億"]))
def test_magnitude_words_multiply(d, word):
    factor = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "万亿": 10**12}[word]
    assert parse_number(format_decimal(d) + word) == d * factor


@given(
    decimals,
    st.sampled_from([("≥", "≥"), ("不低于", "≥"), ("大于", ">"), ("> ", ">"), ("约", "≈")]),
)
def test_prefix_comparators(d, pair):
    word, symbol = pair
    v = parse_value(word + format_decimal(d))
    assert (v.value, v.comparator) == (d, symbol)


@given(decimals, st.sampled_from([("以上", "≥"), ("左右", "≈"), ("以内", "≤"), ("以下", "≤")]))
def test_suffix_comparators(d, pair):
    word, symbol = pair
    v = parse_value(format_decimal(d) + word)
    assert (v.value, v.comparator) == (d, symbol)


@given(st.text(alphabet="数字经济产业化增加值比重", min_size=1, max_size=12), st.data())
def test_stray_spaces_between_cjk_are_removed(word, data):
    cuts = data.draw(st.lists(st.integers(0, len(word)), max_size=4))
    spaced = word
    for cut in sorted(set(cuts), reverse=True):
        spaced = spaced[:cut] + " " + spaced[cut:]
    assert clean_text(spaced) == word


@given(decimals)
def test_format_decimal_is_plain(d):
    text = format_decimal(d)
    assert "E" not in text and Decimal(text) == d
    assert not (("." in text) and text.endswith("0"))


def test_units_of_one_quantity_at_several_scales():
    from decimal import Decimal

    from planwatch.parse.normalise import scale_between, unit_factor

    assert scale_between("Mbps", "Gbps") == Decimal("0.001")
    assert scale_between("TB", "PB") == Decimal("0.001")
    assert scale_between("太字节", "GB") == Decimal("1000")
    assert scale_between("Mbps", "GB") is None  # a speed is not a volume
    assert unit_factor("亿户") == (Decimal("100000000"), "户")
    assert unit_factor("万亿元") == (Decimal("10000"), "亿元")
    assert unit_factor("万台") == (Decimal("10000"), "台")
