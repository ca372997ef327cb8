"""Drive the explorer in-process: set controls, check the chart spec, table and sentence."""

import html
import io

import pytest
from PIL import Image

from planwatch.explorer import downloads as exporting
from planwatch.explorer.widgets import Explorer, explorer
from planwatch.tables import dataset


@pytest.fixture
def ex(small_project, tmp_path):
    return Explorer(ds=dataset.load(), lang="zh")


def test_tree_and_defaults(small_project):
    box = explorer("en", ds=dataset.load())
    e = box.explorer
    assert e.category.value == "总体规模" and e.indicator.value == "数字经济增加值"
    assert e.spec["title"] == "Digital economy value added"
    assert "CNY 3 trillion" in e.sentence.value and "CNY 3.0218 trillion" in e.sentence.value


def test_indicator_follows_category(ex):
    ex.category.value = "基础设施"
    assert [v for _, v in ex.indicator.options] == [
        "互联网普及率",
        "固定互联网宽带接入普及率",
        "光纤宽带用户率",
        "互联网省际出口带宽",
    ]
    assert ex.indicator.value == "互联网普及率" and ex.spec["title"] == "互联网普及率"
    assert "2019年已达到80.9%" in ex.sentence.value
    assert "80.9%" in ex.table.value and ex.table.value.count("<tr>") == 2


def test_regions_only_with_data(ex):
    assert [v for _, v in ex.region.options] == ["浙江省"]
    ex.category.value = "产业数字化"
    ex.indicator.value = "企业上云数"
    assert [v for _, v in ex.region.options] == ["浙江省"]


def test_flagged_toggle_changes_chart_and_table(ex):
    ex.category.value = "产业数字化"
    ex.indicator.value = "企业上云数"
    obs_layer = lambda: ex.spec["layer"][2]["data"]["values"]  # noqa: E731
    assert [o["value_kind"] for o in obs_layer()] == [
        "lower_bound"
    ] and "至少41万家" in ex.sentence.value
    ex.show_flagged.value = False
    assert obs_layer() == [] and ex.table.value == "<p>—</p>"


def test_year_range_filters(ex):
    ex.years.value = (2021, 2024)
    years = [o["year"] for o in ex.spec["layer"][2]["data"]["values"]]
    assert years == [2022] and [p["year"] for p in ex.spec["layer"][0]["data"]["values"]] == [2022]


def test_language_switch(ex):
    ex.lang.value = "en"
    assert ex.spec["title"] == "Digital economy value added"
    assert dict(ex.category.options)["Overall scale"] == "总体规模"
    assert "the 2022 target is CNY 4 trillion" in ex.sentence.value


def test_city_region_sentence(small_project, tmp_path):
    e = Explorer(ds=dataset.load(), lang="en")
    e.category.value = "总体规模"
    assert "宁波" not in [
        v for _, v in e.region.options
    ]  # no plan-indicator figure for cities in the fixture
    e.compare_mode.value = "regions"
    # only regions with a figure for the indicator are offered: here none besides the province
    assert [v for _, v in e.compare_region.options] == []
    assert "No other region has a figure for this indicator" in e.sentence.value


def test_compare_two_indicators_indexed(ex):
    ex.compare_mode.value = "indicators"
    # only indicators with a figure for the region are offered, never the one shown
    offered = [v for _, v in ex.compare_indicator.options]
    assert offered == ["上市企业", "企业上云数", "互联网普及率"]
    assert ex.compare_indicator.value == "上市企业"  # the first other one, not itself
    ex.compare_indicator.value = "互联网普及率"
    values = ex.spec["data"]["values"]
    assert {v["series"].split(" ·")[0] for v in values} == {"数字经济增加值", "互联网普及率"}
    base = [v for v in values if v["year"] == min(v["year"] for v in values)]
    assert len(base) == 2 and {v["index"] for v in base} == {100.0}
    first = [v for v in values if v["series"].startswith("数字经济增加值 ·") and v["year"] == 2020][
        0
    ]
    assert first["index"] == pytest.approx(30218 / 20658 * 100, abs=0.01)
    assert ex.compare_indicator.layout.display == "" and ex.compare_region.layout.display == "none"


def test_whatif_slider(ex):
    # the default is the observed rate of the selection, and the lead names its two figures
    assert ex.rate.value == pytest.approx(round(((39300 / 20658) ** 0.2 - 1) * 100, 1))
    assert "从2017年基数2.0658万亿元到2022年的3.93万亿元" in ex.whatif_out.value
    ex.rate.value = 5.0
    html = ex.whatif_out.value
    assert "下表按滑块设定的5.0%推演" in html
    # 2020 and 2022 have their figures: the reports' verdicts, not projections
    assert "✓ 已达标" in html and "✗ 未达标" in html and "已有当年数据" in html
    assert "推演:" not in html


def test_whatif_projects_only_where_the_year_has_no_figure(ex):
    ex.category.value = "基础设施"  # 互联网普及率: a 2019 figure (80.9 %), targets 2020 and 2022
    assert ex.indicator.value == "互联网普及率"
    observed = ((80.9 / 70.8) ** (1 / 2) - 1) * 100  # from the 70.8 % baseline of 2017
    assert ex.rate.value == pytest.approx(round(observed, 1))  # reset with the category
    html = ex.whatif_out.value
    assert html.count("推演:") == 2 and "80.9%" in html
    ex.rate.value = 0.0
    assert "推演:已达标" in ex.whatif_out.value  # 80.9 % held flat meets both targets


def test_whatif_without_a_figure_says_so(ex):
    ex.category.value = "数字产业化"
    ex.indicator.value = "数字经济核心产业全员劳动生产率"
    assert "没有可比的全年数据,无从推演" in ex.whatif_out.value
    assert "进展不足" not in ex.whatif_out.value and "<table" not in ex.whatif_out.value


def test_exports_arrive_as_browser_downloads(ex, small_project):
    import base64
    import re

    before = {p for p in small_project.rglob("*")}
    ex.category.value = "基础设施"
    name, svg = ex.export("svg")
    assert name == "internet_penetration_rate-zhejiang-zh-2017-2022-trajectory.svg"
    assert svg.decode("utf-8").startswith("<svg") and "互联网普及率" in svg.decode("utf-8")
    # the panel holds a download link carrying the file itself
    link = ex.export_status.value
    assert f'download="{name}"' in link and "data:image/svg+xml;base64," in link
    payload = re.search(r'base64,([^"]+)"', link).group(1)
    assert base64.b64decode(payload) == svg
    name, png = ex.export("png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # the Chinese title was drawn with the CJK font: blanking it changes the pixels of the title
    blank = dict(ex.spec, title="       ")
    a = Image.open(io.BytesIO(png)).convert("L")
    b = Image.open(io.BytesIO(exporting.chart_png(blank))).convert("L")
    top = (0, 0, a.width, 40)
    assert a.crop(top).tobytes() != b.crop(top).tobytes()
    assert min(a.crop(top).tobytes()) < 100  # dark glyph pixels, not an empty title strip
    name, csv_bytes = ex.export("csv")
    assert csv_bytes.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Chinese
    csv_text = csv_bytes.decode("utf-8-sig")
    header = csv_text.splitlines()[0].split(",")
    assert header[:4] == ["file", "sheet", "row", "region"] and "80.9" in csv_text
    assert {"chosen", "comparable", "value_kind", "source_kind"} <= set(header)
    name, xlsx = ex.export("xlsx")
    assert name.endswith("-zh-2017-2022-trajectory.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(xlsx)).active
    assert ws.max_row == 2 and "互联网普及率" in [c.value for c in ws[2]]
    # a view in English and a compare view get other names: nothing overwrites anything
    ex.compare_mode.value = "indicators"
    ex.compare_indicator.value = "数字经济增加值"
    ex.lang.value = "en"
    name, _ = ex.export("csv")
    assert name == (
        "internet_penetration_rate-zhejiang-en-2017-2022-compare-digital_economy_value_added.csv"
    )
    assert {p for p in small_project.rglob("*")} == before  # nothing written in the project


def test_no_cjk_font_is_a_clear_error(monkeypatch):
    exporting.cjk_font_dir.cache_clear()
    monkeypatch.setattr(exporting, "FONT_DIRS", [])
    monkeypatch.setattr(
        exporting.subprocess, "run", lambda *a, **k: type("R", (), {"stdout": ""})()
    )
    with pytest.raises(exporting.NoCJKFontError, match="fonts-noto-cjk"):
        exporting.cjk_font_dir()
    exporting.cjk_font_dir.cache_clear()


def test_a_tampered_data_set_is_the_clis_one_line_in_the_explorer(project_built, capsys):
    """Voilà and JupyterLab show planwatch's message on a bad data set, the same words as the
    command line, not a traceback."""
    from planwatch.cli import main
    from planwatch.explorer.widgets import explorer

    csv = project_built / "data" / "processed" / "progress.csv"
    csv.write_bytes(csv.read_bytes().replace(b"met", b"wet", 1))
    assert main(["values", "city"]) == 2
    cli_line = capsys.readouterr().err.strip().removeprefix("planwatch values: error: ")
    shown = explorer("en")
    assert shown.__class__.__name__ == "HTML" and 'role="alert"' in shown.value
    assert html.escape(cli_line) in shown.value and "make data" in shown.value
