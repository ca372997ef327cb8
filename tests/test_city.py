"""Report fragments: escaping, parameter errors, content (on the small fixture project)."""

import pytest

from planwatch.present.html import link, table
from planwatch.reports.category import CategoryReport
from planwatch.reports.city import CityReport
from planwatch.reports.params import ParameterError
from planwatch.tables import dataset


def test_table_and_link_escape():
    html = str(table(["<b>h</b>"], [["<script>x</script>", None]]))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert str(link("javascript:alert(1)", "x")).startswith('<a href="#"')


def test_city_report_escapes_and_content(small_project):
    rep = CityReport("宁波", "zh", dataset.load())
    obs = str(rep.observations())
    assert (
        "<script>alert" not in obs
        and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;宁波日报" in obs
    )
    assert "1.4595万亿元" in obs  # every published digit
    ranking = str(rep.ranking())
    assert "2 / 6" in ranking  # 2021 GDP: 6 cities (half of 11, rounded up) → ranked
    assert "国家数字经济创新发展高地" in str(rep.role())


def test_hangzhou_absent_paragraph(small_project):
    zh = str(CityReport("杭州", "zh", dataset.load()).role())
    en = str(CityReport("Hangzhou", "en", dataset.load()).role())
    # the words come from the plan manifest's notes (data), not from code
    assert "没有该市的定位段落" in zh and "本报告不作补写" in zh and "does not invent one" in en


def test_no_ranking_explained(small_project):
    ds = dataset.load()
    cov = ds.coverage
    sparse = dataset.Dataset(
        ds.folder, dict(ds.tables, coverage=cov[cov["region"].isin(["浙江省", "宁波", "杭州"])])
    )
    text = str(CityReport("宁波", "en", sparse).ranking())
    assert "No series and year meets that condition" in text


def test_parameter_errors_list_valid_values(small_project):
    with pytest.raises(ParameterError, match="valid values: 杭州, 宁波, 温州"):
        CityReport("苏州", "zh")
    with pytest.raises(ParameterError, match="总体规模, 数字产业化, 产业数字化, 基础设施"):
        CategoryReport("教育", "zh")
    with pytest.raises(ParameterError, match="zh, en"):
        CategoryReport("基础设施", "de")


def test_category_report_parts(small_project):
    rep = CategoryReport("digital_industrialisation", "en", dataset.load())
    assert rep.category == "数字产业化" and len(rep.indicators) == 11
    card = str(rep.scorecard())
    assert card.count("<tr>") == 12
    tasks = str(rep.tasks())
    assert "T1.1.1" in tasks and "T2.2.5" in tasks and "T3.1.1" not in tasks
    assert "<strong>Provincial Department of Education (省教育厅)</strong>" in tasks
    assert len(rep.indicator_charts()) == 11
    assert "found for 1 of 66 indicator-years" in str(
        rep.coverage()
    )  # 11 indicators × 2017–2022; 上市企业 2020


def test_ranks_share_places_on_ties_and_say_when_vintages_mix(small_project):
    ds = dataset.load()
    cov = ds.coverage.copy()
    gdp = (cov["indicator"] == "地区生产总值") & (cov["year"] == 2021) & cov["has_value"]
    cities = cov.loc[gdp & (cov["region"] != ds.region), "region"].tolist()
    assert len(cities) >= 6 and "宁波" in cities
    # make 宁波 tie with the city above it, and one figure preliminary
    top = cov.loc[gdp & (cov["region"] != ds.region)].sort_values("value").iloc[-1]
    cov.loc[gdp & (cov["region"] == "宁波"), "value"] = top["value"]
    cov.loc[gdp & (cov["region"] == top["region"]), ["vintage", "source_kind"]] = ["final", "low"]
    cov.loc[gdp & (cov["region"] == "宁波"), ["vintage", "source_kind"]] = ["preliminary", "low"]
    tied = dataset.Dataset(ds.folder, dict(ds.tables, coverage=cov))
    ranks = [r for r in CityReport("宁波", "en", tied).rankings() if r["series"] == "地区生产总值"]
    assert (ranks[0]["rank"], ranks[0]["tied"]) == (1, True)
    assert ranks[0]["mixed_vintages"] == ["final", "preliminary"]  # as the data name them
    text = str(CityReport("宁波", "en", tied).ranking())
    assert f"1= / {len(cities)}" in text and "low-quality page" in text
    assert "mix vintages: final; preliminary" in text
    # preliminary beside a census revision is said so, not as "preliminary and final"
    cov.loc[gdp & (cov["region"] == top["region"]), "vintage"] = "revised"
    revised = dataset.Dataset(ds.folder, dict(ds.tables, coverage=cov))
    text = str(CityReport("宁波", "en", revised).ranking())
    assert "mix vintages: preliminary; revised" in text and "final" not in text


def test_a_published_order_is_never_ranked_again_or_mapped(full_project):
    """The official evaluation's order of the cities (unit 位: 1 = first) is a position, not a
    quantity: sorted as a value it would put the first city last."""
    from planwatch.assess.progress import is_ordinal
    from planwatch.reports import landing
    from planwatch.reports.city import CityReport
    from planwatch.tables import dataset

    ds = dataset.load()
    ordinal = {
        s
        for s, u in zip(ds.coverage["indicator"], ds.coverage["unit"], strict=True)
        if is_ordinal(u)
    }
    assert ordinal  # the shipped data hold the official 2020 order
    ranks = CityReport("杭州", "zh", ds).rankings()
    assert ranks and not any(r["series"] in ordinal for r in ranks)
    assert landing._best_city_series(ds) not in ordinal
    assert is_ordinal("位") and not is_ordinal("亿元")
