"""Any plan from its published document, with no code: ``planwatch new`` → edit ``plan.yml`` →
``build-data`` → ``render`` for plans of other shapes (tests/fixtures/new_plans, TEST MATERIAL):
a national plan known by a target table on a scraped page, a county plan as an HTML page."""

from __future__ import annotations

import re

import pytest
import yaml

from planwatch import paths
from planwatch.inputs import mappings
from planwatch.inputs import plan as plan_manifest
from planwatch.parse import plan_guess
from planwatch.tables import dataset

from .conftest import FIXTURES, run_cli
from .test_house_rules import plan_words

NEW = FIXTURES / "new_plans"


@pytest.fixture
def fresh(monkeypatch):
    """No project chosen by the environment; caches dropped before and after."""
    monkeypatch.setenv("PLANWATCH_ROOT", "")  # recorded, so --root's setting is undone after
    monkeypatch.delenv("PLANWATCH_ROOT")
    mappings.reset_caches()
    plan_manifest.reset_cache()
    yield
    mappings.reset_caches()
    plan_manifest.reset_cache()


def start(tmp_path, name: str, *extra) -> tuple:
    root = tmp_path / "project"
    res = run_cli("new", root, "--plan", NEW / name, *extra)
    assert res.returncode == 0, res.stderr
    return root, res


def edit_manifest(root, **changes) -> None:
    path = root / "data" / "raw" / "plan" / "plan.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_new_writes_a_project_with_its_guesses_marked(tmp_path, fresh):
    root, res = start(tmp_path, "national_targets_page.txt")
    raw = root / "data" / "raw"
    assert (raw / "plan" / "national_targets_page.txt").read_bytes() == (
        NEW / "national_targets_page.txt"
    ).read_bytes()  # byte for byte
    assert (raw / "plan" / "national_targets_page.txt.meta.yml").is_file()
    text = (raw / "plan" / "plan.yml").read_text(encoding="utf-8")
    assert "title: {zh: 示例国宽带网络发展方案}" in text  # from 《…》 in the notice
    assert re.search(r"issuer: \{zh: 示例国人民政府\}\s+# guessed: check", text)
    assert re.search(r"date_issued: 2013-08-01\s+# guessed: check", text)
    assert "languages: [zh]" in text
    props = (raw / "mappings" / "indicator_properties.csv").read_text(encoding="utf-8")
    assert props.count("direction guessed: check") == 4
    assert "宽带资费水平下降,1," in props  # a rate of reduction: more is better
    assert (root / "data" / "templates" / "observations_template.csv").is_file()
    assert "planwatch build-data" in (root / "README.md").read_text(encoding="utf-8")
    assert "4 indicators" in res.stderr


def test_new_refuses_a_folder_in_use_and_a_file_without_a_table(tmp_path, fresh):
    used = tmp_path / "used"
    used.mkdir()
    (used / "keep.txt").write_text("mine")
    res = run_cli("new", used, "--plan", NEW / "county_plan.html")
    assert res.returncode == 2 and "is not an empty folder" in res.stderr
    assert sorted(p.name for p in used.iterdir()) == ["keep.txt"]
    plain = tmp_path / "prose.txt"
    plain.write_text("一、总体要求\n推进数字化发展。\n", encoding="utf-8")
    res = run_cli("new", tmp_path / "p", "--plan", plain)
    assert res.returncode == 2 and res.stderr.count("\n") == 1, res.stderr
    assert not (tmp_path / "p").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    res = run_cli("new", tmp_path / "q", "--plan", NEW / "county_plan.html", "--source-url", "x")
    assert res.returncode == 2 and "http" in res.stderr


def test_a_targets_only_national_plan_builds_with_no_code(tmp_path, fresh, monkeypatch):
    root, _ = start(tmp_path, "national_targets_page.txt", "--source-url", "https://example.org/n")
    edit_manifest(root, baseline="none", region={"zh": "示例国"})
    monkeypatch.chdir(root / "data")  # commands find the project from a folder inside it
    res = run_cli("build-data")
    assert res.returncode == 0, res.stderr
    ds = dataset.load()
    assert not ds.has_baseline and ds.target_years == [2013, 2015, 2020]
    assert ds.languages == ["zh"] and ds.cities.empty and ds.actions.empty
    assert set(ds.progress["status"]) == {"no_data"}
    assert set(ds.indicators["category"]) == {"主要指标"}  # no category heading in the table
    # the footer after the table is not a row
    assert not ds.indicators["indicator"].str.contains("资料来源|热点").any()
    fee = ds.indicators[ds.indicators["indicator"] == "宽带资费水平下降"]
    assert fee.set_index("year")["value"].isna().to_dict() == {2013: True, 2015: False, 2020: False}


def test_the_manifest_names_the_baseline_column(tmp_path, fresh):
    root, _ = start(tmp_path, "national_targets_page.txt")
    edit_manifest(root, baseline=2015)
    assert run_cli("--root", root, "build-data").returncode == 0
    plan_manifest.reset_cache()
    ds = dataset.load()
    assert ds.baseline_year == 2015 and ds.target_years == [2013, 2020]
    edit_manifest(root, baseline=2031)
    res = run_cli("--root", root, "build-data")
    assert res.returncode == 2 and "baseline" in res.stderr and "2013, 2015, 2020" in res.stderr
    for bad in (True, "2015年", [2015]):
        edit_manifest(root, baseline=bad)
        plan_manifest.reset_cache()
        res = run_cli("--root", root, "build-data")
        assert res.returncode == 2 and "baseline is neither a year nor none" in res.stderr


def test_english_reports_need_every_name_and_say_which_rows_to_add(tmp_path, fresh):
    root, _ = start(tmp_path, "county_plan.html", "--source-url", "https://example.org/c")
    edit_manifest(
        root,
        languages=["zh", "en"],
        title={"zh": "示例县规划", "en": "County plan"},
        issuer={"zh": "示例县", "en": "County"},
        region={"zh": "示例县", "en": "County"},
    )
    res = run_cli("--root", root, "build-data")
    assert res.returncode == 2
    assert "no English name for 4 indicator name(s)" in res.stderr
    assert "indicator,平均办事时间,<English>," in res.stderr
    assert "languages: [zh]" in res.stderr


def test_an_html_county_plan_builds_and_hand_written_files_need_no_stamp(tmp_path, fresh):
    root, _ = start(tmp_path, "county_plan.html", "--source-url", "https://example.org/c")
    assert run_cli("--root", root, "build-data").returncode == 0
    ds = dataset.load()
    assert list(ds.indicators["category"].unique()) == ["数字基础设施", "数字治理"]
    assert ds.baseline_year == 2020 and ds.target_years == [2025]
    props = root / "data" / "raw" / "mappings" / "indicator_properties.csv"
    assert "平均办事时间,-1," in props.read_text(encoding="utf-8")  # its target is written <2
    props.write_text(props.read_text(encoding="utf-8").replace(",,,direction", ",0,,direction"))
    res = run_cli("--root", root, "build-data")  # edited by hand, not stamped again
    assert res.returncode == 0, res.stderr
    package = (root / "data" / "processed" / "datapackage.json").read_text(encoding="utf-8")
    from planwatch.inputs import provenance

    assert provenance.sha256(props) in package  # the checksum of the file as built
    doc = root / "data" / "raw" / "plan" / "county_plan.html"
    doc.write_bytes(doc.read_bytes() + b"\n")  # what came from elsewhere stays checked
    res = run_cli("--root", root, "build-data")
    assert res.returncode == 2 and "checksum does not match" in res.stderr


def test_the_project_is_found_from_inside_it(tmp_path, fresh, monkeypatch):
    root, _ = start(tmp_path, "county_plan.html")
    deep = root / "data" / "templates"
    monkeypatch.chdir(deep)
    assert paths.root() == root.resolve()
    monkeypatch.setenv("PLANWATCH_ROOT", str(tmp_path))
    assert paths.root() == tmp_path.resolve()  # the environment wins
    monkeypatch.delenv("PLANWATCH_ROOT")
    monkeypatch.chdir(tmp_path)
    assert paths.find_project(tmp_path) is None


@pytest.mark.kernel
def test_new_to_reports_with_no_seed_word_and_no_city(tmp_path, fresh):
    root, _ = start(tmp_path, "national_targets_page.txt", "--source-url", "https://example.org/n")
    edit_manifest(root, baseline="none", region={"zh": "示例国"})
    assert run_cli("--root", root, "build-data").returncode == 0
    res = run_cli("--root", root, "render", "--quiet")
    assert res.returncode == 0, res.stderr
    pages = {p.name: p.read_text(encoding="utf-8") for p in (root / "reports").glob("*.html")}
    assert set(pages) == {"index.html", "category-main_indicators-zh.html", "explorer.html"}, (
        sorted(pages)
    )
    body = re.sub(
        r"<script.*?</script>|<style.*?</style>",
        "",
        pages["category-main_indicators-zh.html"],
        flags=re.S,
    )
    assert "尚未加入任何公开数据" in body and "没有基数" in body
    assert "年基数" not in body  # no baseline column for a table of targets
    seed = [w for w in plan_words() if not w.startswith("(?")]
    for name, html in pages.items():
        text = re.sub(r"<script.*?</script>", "", html, flags=re.S)
        assert [w for w in seed if w in text] == [], name
        assert not re.search(r"城市(?!家庭宽带)|本市|各市|\{kind", text), name  # but its indicator


@pytest.mark.parametrize(
    "text, expected",
    [
        ("某省人民政府办公厅关于印发某省数字经济发展规划的通知\n", "某省数字经济发展规划"),
        ("首页\n《某市智慧城市行动方案(2021—2023年)》\n", "某市智慧城市行动方案(2021—2023年)"),
        ("网站导航\n某县乡村振兴规划\n正文", "某县乡村振兴规划"),
        ("没有标题的一段文字。\n", None),
    ],
)
def test_title_guesses(text, expected):
    assert plan_guess.title(text) == expected


def test_other_guesses():
    assert plan_guess.period("某市行动方案(2021—2023年)", [2020, 2025]) == (2021, 2023)
    assert plan_guess.period("某市行动方案", [2020, 2025]) == (2020, 2025)
    assert plan_guess.region("某某省数字经济规划") == "某某省"
    assert plan_guess.region("“十四五”数字经济发展规划") == "全国"
    assert plan_guess.date_issued("2021年2月30日 2021年3月1日").isoformat() == "2021-03-01"
    assert plan_guess.issuer("某市人民政府\n正文") == "某市人民政府"
    assert plan_guess.lower_is_better("城镇调查失业率(%)")
    assert plan_guess.lower_is_better("单位GDP能耗", ("≤",))
    assert not plan_guess.lower_is_better("单位GDP能耗降低(%)")
    assert not plan_guess.lower_is_better("网民数")


def test_yearly_average_and_period_total_targets_are_never_compared_with_a_level(tmp_path, fresh):
    root, _ = start(tmp_path, "period_targets.txt")
    res = run_cli("--root", root, "build-data")
    assert res.returncode == 0, res.stderr
    ds = dataset.load()
    ind = ds.indicators.set_index(["indicator", "year"])
    assert ind.loc[("地区生产总值增长", 2025), "period"] == "annual_average 2021-2025"
    assert ind.loc[("地区生产总值增长", 2025), "value"] == 5.5  # from the 年均/累计 column
    assert ind.loc[("单位GDP能耗降低", 2025), "period"] == "period_total 2021-2025"  # 〔13.5〕
    assert ind.loc[("城镇调查失业率", 2025), "period"] == ""  # a level
    prog = ds.progress.set_index("indicator")
    assert prog.loc["单位GDP能耗降低", "status"] == "insufficient_evidence"
    assert prog.loc["单位GDP能耗降低", "caveat_codes"] == "period_total_target:2021-2025"
    assert prog.loc["研发经费投入增长", "caveat_codes"] == "annual_average_target:2021-2025"
    from planwatch.present.voice import Voice

    zh = Voice(ds, "zh")
    row = ds.progress[ds.progress["indicator"] == "地区生产总值增长"].iloc[0].to_dict()
    assert "年均约5.5%" in zh.progress_sentence(row)
    assert "年均目标" in zh.progress_sentence(row)


def test_names_lists_the_rows_english_reports_need(tmp_path, fresh):
    root, _ = start(tmp_path, "county_plan.html", "--source-url", "https://example.org/c")
    assert run_cli("--root", root, "build-data").returncode == 0
    res = run_cli("--root", root, "names")
    assert res.returncode == 0 and "6 name(s) without English" in res.stderr
    rows = (root / "data" / "templates" / "names.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "kind,zh,en,id" and "indicator,平均办事时间,," in rows
    assert not any(r.startswith("unit,") for r in rows)  # %, 万户, 天 have English built in


def test_a_set_built_by_another_version_is_one_clear_error(tmp_path, fresh):
    root, _ = start(tmp_path, "county_plan.html", "--source-url", "https://example.org/c")
    assert run_cli("--root", root, "build-data").returncode == 0
    from planwatch.tables import storage

    processed = root / "data" / "processed"
    files = {p.name: p.read_text(encoding="utf-8") for p in processed.glob("*.csv")}
    lines = files["indicators.csv"].splitlines()
    col = lines[0].split(",").index("period")
    files["indicators.csv"] = (
        "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != col) for line in lines)
        + "\n"
    )
    storage.write_set({**files, ".gitignore": "*\n"}, processed)  # a whole set, of an old shape
    res = run_cli("--root", root, "render", "--quiet")
    assert res.returncode == 2 and res.stderr.count("\n") == 1, res.stderr
    assert "lacks column(s) period" in res.stderr and "build-data" in res.stderr


def test_a_real_state_council_page_gives_its_issuer_and_a_national_region(tmp_path):
    """The “宽带中国” target table as a trade page quoted it (tests/fixtures/real): the State
    Council document number names the issuer, and a national plan has the region 全国."""
    from planwatch.parse import plan_guess

    page = (FIXTURES / "real" / "broadband_china_chinaccl.txt").read_text(encoding="utf-8")
    assert plan_guess.issuer(page) == "国务院"
    assert plan_guess.region("“宽带中国”战略及实施方案", page) == "全国"
    assert plan_guess.region("成都市数字经济发展规划", page) == "成都市"  # the title decides first
    assert plan_guess.region("数字经济发展规划", "本市各区人民政府:") is None
