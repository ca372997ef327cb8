import re

import pytest

from planwatch.present import words as narrative
from planwatch.present.words import fmt_value


@pytest.mark.parametrize(
    ("value", "unit", "lang", "text"),
    [
        (39300, "亿元", "zh", "3.93万亿元"),
        (11500, "亿元", "zh", "1.15万亿元"),  # a plan target as the plan wrote it
        (11500, "亿元", "en", "CNY 1.15 trillion"),
        (30218, "亿元", "zh", "3.0218万亿元"),
        (5543, "亿元", "zh", "5543亿元"),
        (438.1, "亿元", "zh", "438.1亿元"),
        (46.8, "%", "zh", "46.8%"),
        (8000, "家", "zh", "8000家"),
        (8.9, "万台", "zh", "8.9万台"),
        (40000, "亿元", "en", "CNY 4 trillion"),
        (5.25, "%", "en", "5.25%"),
        (5543, "亿元", "en", "CNY 554.3 billion"),
        (8.9, "万台", "en", "89,000 units"),
        (41, "万家", "en", "410,000 enterprises"),
        (22.5, "万元/人年", "en", "CNY 225,000 per person-year"),
        (60, "Tbps", "en", "60 Tbps"),
        (None, "亿元", "en", "—"),
    ],
)
def test_fmt_value(value, unit, lang, text):
    assert fmt_value(value, unit, lang) == text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "unit", ["亿元", "%", "万家", "家", "万台", "万元/人年", "Tbps", "户/百人"]
)
def test_two_different_values_never_print_the_same(unit, lang):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    values = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)

    @settings(max_examples=200, deadline=None)
    @given(a=values, b=values)
    def check(a, b):
        if float(a) != float(b):
            assert fmt_value(float(a), unit, lang) != fmt_value(float(b), unit, lang)

    check()


def test_projections_are_rounded_and_say_so_by_their_digits():
    assert fmt_value(33315.5, "亿元", "zh", approx=True) == "3.33万亿元"
    assert fmt_value(1197.4, "件", "en", approx=True) == "1,200 applications"


def test_no_judgement_stands_between_two_identical_printed_numbers(built):
    units = {r["indicator"]: r["unit"] for r in built.tables["indicators"]}
    for r in built.tables["progress"]:
        if r["status"] in ("met", "missed") and r["observed_value"] is not None:
            for lang in ("zh", "en"):
                unit = units[r["indicator"]]
                same = fmt_value(r["observed_value"], unit, lang) == fmt_value(
                    r["target_value"], unit, lang
                )
                assert not same or r["observed_value"] == r["target_value"], r["indicator"]


def _rows(built):
    """Progress rows of the full build; English names come from the small project's processed
    set (the same translations)."""
    units = {r["indicator"]: r["unit"] for r in built.tables["indicators"]}
    return [dict(r, unit=units[r["indicator"]]) for r in built.tables["progress"]]


def _voice(lang):
    """A voice over the processed set ``PLANWATCH_ROOT`` points at (the small project)."""
    from planwatch.present.voice import Voice
    from planwatch.tables import dataset

    return Voice(dataset.load(), lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_numbers_in_sentences_come_from_the_data(built, small_project, lang):
    for r in _rows(built):
        s = _voice(lang).progress_sentence(r)
        assert fmt_value(r["target_value"], r["unit"], lang) in s
        assert str(r["target_year"]) in s
        if r["observed_value"] is not None:
            assert fmt_value(r["observed_value"], r["unit"], lang) in s
            assert str(r["observed_year"]) in s
        if r["rr"] is not None:
            assert f"{r['rr']:.2f}" in s
        if r["status"] in ("met", "missed") and r["observed_year"] == r["target_year"]:
            assert f"{r['achievement'] * 100:.1f}%" in s


def test_sentences_never_claim_more_than_the_data(built, small_project):
    rows = {(r["indicator"], r["target_year"]): r for r in _rows(built)}
    lb = rows[("企业上云数", 2022)]
    assert "至少41万家" in _voice("zh").progress_sentence(lb)
    assert "at least 410,000 enterprises" in _voice("en").progress_sentence(lb)
    assert "insufficient" in _voice("en").progress_sentence(lb)
    unclear = next(r for r in rows.values() if "unclear" in (r["caveat_codes"] or ""))
    assert "口径尚待确认" in _voice("zh").progress_sentence(unclear)
    assert "definition unclear" in _voice("en").progress_sentence(unclear)
    none = rows[("互联网省际出口带宽", 2022)]
    assert "未找到可比" in _voice("zh").progress_sentence(none)
    assert "No comparable published figure" in _voice("en").progress_sentence(none)
    zh_none = _voice("zh").progress_sentence(rows[("上市企业", 2020)])
    assert "口径不同的数据仅展示" in zh_none and not re.search(r"[A-Za-z]{4,}", zh_none)


def test_unknown_language():
    with pytest.raises(ValueError, match="zh, en"):
        narrative.check_lang("fr")


def test_every_observation_flag_has_words_in_every_language():
    from planwatch.inputs.records import vocab

    for flag, spec in vocab()["flags"].items():
        if flag == "year_basis":
            continue  # shown as 年份系推断 / year inferred
        for value in spec["values"]:
            if value:
                for lang in ("zh", "en"):
                    assert narrative.flag_word(flag, value, lang), (flag, value)
