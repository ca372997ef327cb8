"""A second plan proves the house: a synthetic plan (tests/fixtures/second_plan, TEST MATERIAL)
goes through build-data and render with no code change, and no word of the seed plan appears."""

from __future__ import annotations

import re
import shutil

import pytest

from planwatch.inputs import mappings, provenance
from planwatch.tables import build, dataset

from .conftest import FIXTURES, ROOT
from .test_house_rules import plan_words

SECOND = FIXTURES / "second_plan"


@pytest.fixture
def second_root(tmp_path, monkeypatch):
    root = tmp_path / "second"
    raw = root / "data" / "raw"
    for part in ("plan", "mappings", "observations"):
        shutil.copytree(SECOND / part, raw / part)
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    for p in provenance.raw_files(raw):
        provenance.stamp(
            p,
            {
                "title": "TEST MATERIAL (synthetic plan)",
                "publisher": "planwatch tests",
                "source_url": "https://example.org/test-material",
                "date_retrieved": "2026-11-30",
            },
        )
    monkeypatch.setenv("PLANWATCH_ROOT", str(root))
    mappings.reset_caches()
    yield root
    mappings.reset_caches()


def test_second_plan_builds(second_root):
    build.run()
    ds = dataset.load()
    assert ds.region == "示例省" and ds.baseline_year == 2020 and ds.target_years == [2025]
    assert list(ds.cities["city"]) == ["东川", "西岭", "南湾"]
    assert list(ds.cities["in_source"]) == [True, True, False]
    assert len(ds.indicators) == 6 and set(ds.progress["target_year"]) == {2025}
    assert len(ds.actions) == 2 and len(ds.tasks) == 3


@pytest.mark.kernel
def test_second_plan_renders_with_no_seed_word(second_root):
    from planwatch.reports import render

    build.run()
    results = render.render(only=["city:东川", "category:产业规模"], jobs=2, progress=False)
    assert [r["status"] for r in results] == ["ok"] * 4, results
    out = second_root / "reports"
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    assert set(pages) >= {"index.html", "city-dongchuan-zh.html", "category-industry_scale-en.html"}
    assert "示例省智慧产业发展规划" in pages["city-dongchuan-zh.html"]
    assert (
        "Example Province Smart Industry Development Plan"
        in pages["category-industry_scale-en.html"]
    )
    assert "2020" in pages["category-industry_scale-en.html"]  # its own baseline year
    seed = [w for w in plan_words() if not w.startswith("(?")]  # names, title, URL, cities
    for name, html in pages.items():
        text = re.sub(r"<script.*?</script>", "", html, flags=re.S)  # the inlined Vega bundle
        hits = [w for w in seed if w in text]
        assert hits == [], (name, hits)


@pytest.fixture
def national_root(second_root):
    """The second plan as a national plan: no sub-regions, an empty gazetteer, figures for the
    whole region only."""
    raw = second_root / "data" / "raw"
    plan_yml = raw / "plan" / "plan.yml"
    plan_yml.write_text(
        re.sub(r"  items:\n(    - .*\n)+", "  items: []\n", plan_yml.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    gaz = raw / "mappings" / "gazetteer.csv"
    gaz.write_text(gaz.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    for path in (raw / "mappings" / "region_aliases.csv", raw / "observations" / "example.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        keep = [lines[0]] + [x for x in lines[1:] if "示例省" in x]
        path.write_text("\n".join(keep) + "\n", encoding="utf-8")
    for p in provenance.raw_files(raw):
        provenance.stamp(p)
    mappings.reset_caches()
    return second_root


def test_a_plan_without_sub_regions_builds(national_root):
    build.run()
    ds = dataset.load()
    assert ds.cities.empty and ds.city_mentions.empty and ds.city_ranking.empty
    assert ds.region == "示例省" and len(ds.indicators) == 6
    from planwatch.reports import kinds

    assert kinds.KINDS["city"].values(ds) == []


@pytest.mark.kernel
def test_a_plan_without_sub_regions_renders_every_report(national_root):
    from planwatch.reports import render

    build.run()
    results = render.render(progress=False, jobs=2)
    assert results and [r["status"] for r in results] == ["ok"] * len(results), results
    assert not any(r["name"].startswith("city-") for r in results)


def test_the_words_follow_what_the_plan_calls_its_sub_regions(second_root):
    """A plan whose sub-regions are 地区 / regions is spoken of as such, in both languages."""
    from planwatch.present.voice import Voice
    from planwatch.reports import index_page

    plan_yml = second_root / "data" / "raw" / "plan" / "plan.yml"
    text = plan_yml.read_text(encoding="utf-8").replace(
        "kind: {zh: 城市, en: city}", "kind: {zh: 地区, en: region}"
    )
    plan_yml.write_text(text, encoding="utf-8")
    provenance.stamp(plan_yml)
    mappings.reset_caches()
    build.run()
    ds = dataset.load()
    zh, en = Voice(ds, "zh"), Voice(ds, "en")
    assert en.t("map_none").startswith("No region has") and zh.t("map_none").startswith("没有地区")
    assert zh.t("map_series_title", name="X") == "各地区X:最新公开数据"
    assert "of 5 regions" in en.t("city_rank_line", year=1, rank=1, n=5, lo=1, hi=2, score=3)
    assert index_page.bilingual("group_city", ds) == "地区报告 · Region reports"
    for key in ("ranking_rule", "no_plan_item_names_city", "city_gaps", "landing_map"):
        said = zh.t(key, need=2, n=1, have=1, none=0) + en.t(key, need=2, n=1, have=1, none=0)
        assert "市" not in said and "city" not in said.lower() and "cities" not in said, key
    import nbformat

    from planwatch.reports import offline

    nb = offline.with_kind_words(nbformat.read(ROOT / "notebooks" / "city_report.ipynb", 4), ds)
    md = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "本地区公开数据" in md and "Published figures for the region" in md
    assert "在各地区中的位置" in md and "Place among the regions" in md and "{" not in md
