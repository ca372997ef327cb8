"""Two real plans, taken through planwatch as a new user would, with no code change: the State
Council's “宽带中国” targets as a trade page quoted them (a national plan whose table holds only
targets, a footer under it), and a ministry's plan page in its HTML (tests/fixtures/real, each
with its source). new → edit plan.yml → add → build-data → render; no report shows a word of the
seed plan or of cities."""

from __future__ import annotations

import re

import pytest

from planwatch.cli import main
from planwatch.inputs import mappings
from planwatch.tables import dataset

from .conftest import FIXTURES
from .test_house_rules import plan_words

REAL = FIXTURES / "real"


def _project(tmp_path, monkeypatch, document: str, title: str):
    root = tmp_path / "project"
    tmp_path.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANWATCH_ROOT", raising=False)
    mappings.reset_caches()
    assert main(["new", str(root), "--plan", str(REAL / document), "--title", title]) == 0
    monkeypatch.chdir(root)  # commands find their project from the folder they run in
    return root


def _edit(plan_yml, **keys):
    text = plan_yml.read_text(encoding="utf-8")
    for key, value in keys.items():
        text = re.sub(rf"^{key}:.*$", f"{key}: {value}", text, flags=re.M)
    plan_yml.write_text(text, encoding="utf-8")


@pytest.fixture
def broadband(tmp_path, monkeypatch):
    root = _project(
        tmp_path, monkeypatch, "broadband_china_chinaccl.txt", "“宽带中国”战略及实施方案"
    )
    plan = root / "data" / "raw" / "plan" / "plan.yml"
    # what the user checks: the table holds targets only (2013 is a target year here)
    _edit(plan, baseline="none", issuer="{zh: 国务院}", region="{zh: 全国}")
    figures = REAL / "broadband_china_figures.csv"
    assert (
        main(
            [
                "add",
                str(figures),
                "--title",
                "National broadband figures (media reports)",
                "--publisher",
                "planwatch tests (real figures, sources in each row)",
                "--source-url",
                "http://bzd888.cn/zixun/guoneixinwen/2021/0708/42333.html",
            ]
        )
        == 0
    )
    yield root
    mappings.reset_caches()


def test_a_national_targets_only_plan_from_a_scraped_page_builds(broadband):
    ds = dataset.load()
    assert ds.region == "全国" and not ds.has_baseline
    assert ds.target_years == [2013, 2015, 2020] and len(ds.cities) == 0
    prog = ds.progress.set_index(["indicator", "target_year"])
    # 52.6 % at the end of 2015 against a 50 % target; 96 % in 2020 against 70 %
    assert prog.loc[("固定宽带家庭普及率", 2015), "status"] == "met"
    assert prog.loc[("固定宽带家庭普及率", 2020), "status"] == "met"
    # 9.89亿 in 2020 against 11.0亿: missed in the target year itself
    assert prog.loc[("网民数量", 2020), "status"] == "missed"
    # the footer is the table's note, never an indicator
    assert "热点新闻" not in set(ds.indicators["indicator"])
    assert ds.plan_row["table_note"] == "资料来源:中华人民共和国中央人民政府网"
    from planwatch.reports.category import CategoryReport

    card = str(CategoryReport(ds.indicators["category"].iloc[0], "zh", ds).scorecard())
    assert "计划指标表下的表注:资料来源:中华人民共和国中央人民政府网" in card


@pytest.mark.kernel
def test_both_real_plans_render_with_no_seed_word(broadband, tmp_path, monkeypatch):
    from planwatch.reports import render

    results = render.render(jobs=2, progress=False)
    assert results and all(r["status"] == "ok" for r in results), results
    pages = {p.name: p.read_text(encoding="utf-8") for p in (broadband / "reports").glob("*.html")}
    # the ministry's page, in its own project
    other = _project(
        tmp_path / "b",
        monkeypatch,
        "explosives_13th_miit.html",
        "民用爆炸物品行业发展规划(2016-2020年)",
    )
    _edit(
        other / "data" / "raw" / "plan" / "plan.yml",
        region="{zh: 全国}",
        issuer="{zh: 工业和信息化部}",
    )
    assert main(["build-data"]) == 0
    results = render.render(jobs=2, progress=False)
    assert results and all(r["status"] == "ok" for r in results), results
    pages.update(
        {f"b/{p.name}": p.read_text(encoding="utf-8") for p in (other / "reports").glob("*.html")}
    )
    assert any("宽带" in html for html in pages.values())
    assert any("工业炸药" in html for html in pages.values())
    seed = [w for w in plan_words() if not w.startswith("(?")]
    # planwatch's words for cities, unless the plan itself writes them (城市家庭普及率)
    own = "".join(p.read_text(encoding="utf-8") for p in REAL.glob("*.txt")) + "".join(
        p.read_text(encoding="utf-8") for p in REAL.glob("*.html")
    )
    city_words = [w for w in ("城市", "各市", "本市", "city", "cities") if w not in own]
    for name, html in pages.items():
        text = re.sub(r"<script.*?</script>", "", html, flags=re.S)
        hits = [w for w in seed + city_words if w in text]
        assert hits == [], (name, hits)
