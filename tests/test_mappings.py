import pytest

from planwatch.errors import InputError
from planwatch.inputs import mappings


def test_translations_complain_both_ways():
    with pytest.raises(InputError, match="no English name"):
        mappings.check_translations(
            "category", ["总体规模", "数字产业化", "产业数字化", "基础设施", "新类别"]
        )
    with pytest.raises(InputError, match="matches no category"):
        mappings.check_translations("category", ["总体规模", "数字产业化", "产业数字化"])
    mappings.check_translations("category", ["总体规模", "数字产业化", "产业数字化", "基础设施"])


def test_gazetteer_places_must_occur_in_text():
    with pytest.raises(InputError, match="does not occur") as exc:
        mappings.check_gazetteer_against("只有杭州")
    assert "gazetteer.csv" in str(exc.value)


def test_gazetteer_cities_are_known():
    known = set(mappings.city_names())
    for r in mappings.gazetteer():
        assert set(filter(None, r["city"].split(";"))) <= known


def test_match_indicator_longest_wins():
    names = ["独角兽企业", "上市企业"]
    assert mappings.match_indicator("准独角兽企业", names) == ("", "准独角兽企业")
    assert mappings.match_indicator("独角兽企业", names) == ("独角兽企业", "独角兽企业")
    assert mappings.match_indicator("别的", names) == ("", "")


def test_read_csv_missing_column(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("place,city\n义乌,金华\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column") as exc:
        mappings.read_csv(f, ["place", "city", "kind"])
    assert "m.csv" in str(exc.value) and "kind" in str(exc.value)
