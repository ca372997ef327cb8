"""The landing page (reports/index.html): the plan region's picture in each language, a map,
headline figures with sources, the reports; offline, switchable, and drawn in a browser."""

from __future__ import annotations

import re

import pytest

from planwatch.reports import index_page, landing
from planwatch.tables import dataset

from .browser import browser_page

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def ds(full_project):
    return dataset.load()


@pytest.fixture
def page(ds, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "city-ningbo-en.html").write_text("x", encoding="utf-8")
    state = {"city-ningbo-en": {"kind": "city", "label": "Ningbo", "lang": "en", "status": "ok"}}
    index_page.write_index(out, state, {"planwatch": "test"}, ds)
    return out / "index.html"


def test_status_counts_are_the_progress_table(ds):
    html = str(landing.status_counts(ds, "en"))
    prog = ds.progress
    final = max(ds.target_years)
    rows = prog[(prog["region"] == ds.region) & (prog["target_year"] == final)]
    cells = re.findall(r"<td>(\d+)(?: \(of which provisional (\d+)\))?</td>", html)
    assert sum(int(c) for c, _ in cells) == len(rows)  # every indicator counted once
    assert f"{final} targets" in html and "✓ target met" in html
    # provisional verdicts (on figures of unclear definition) are counted apart
    assert sum(int(k or 0) for _, k in cells) == int(rows["provisional"].sum()) > 0


def test_headlines_give_the_latest_figure_and_its_source(ds):
    html = str(landing.headlines(ds, "zh"))
    obs = ds.observations
    first = ds.indicators.drop_duplicates("indicator").iloc[0]
    mine = obs[(obs["region"] == ds.region) & (obs["indicator"] == first["indicator"])]
    latest = mine.sort_values("year").iloc[-1]
    assert f'href="{latest["source_url"]}"' in html
    assert f"({int(latest['year'])}年" in html or f"{int(latest['year'])}年" in html


def test_english_block_has_no_chinese_outside_names_of_sources(ds):
    block, n = landing.picture(ds, "en", 0)
    text = re.sub(r"<a [^>]*>.*?</a>", "", str(block))  # source titles are as published
    text = re.sub(r"<script.*?</script>", "", text, flags=re.S)
    assert n == 1 and not CJK.search(re.sub(r"<[^>]+>", "", text))


def test_page_is_one_offline_file_with_a_switch_and_the_reports(page):
    html = page.read_text(encoding="utf-8")
    assert '<meta name="viewport"' in html
    assert html.count('class="pw-picture ') == 2 and 'data-lang="en"' in html
    assert 'href="city-ningbo-en.html"' in html
    from planwatch.reports import offline

    assert offline.external_references(html) == []


@pytest.mark.browser
def test_landing_page_draws_its_maps_and_switches_language(page):
    with browser_page() as p:
        p.goto(page.as_uri())
        p.wait_for_function(
            "() => document.querySelectorAll('.pw-chart svg.marks').length >= 2", timeout=20000
        )
        assert p.locator("section.pw-picture[lang=zh] h1").is_visible()
        assert not p.locator("section.pw-picture[lang=en] h1").is_visible()
        p.click("button[data-lang=en]")
        assert p.locator("section.pw-picture[lang=en] h1").is_visible()
        assert not p.locator("section.pw-picture[lang=zh] h1").is_visible()
        assert p.locator("button[data-lang=en]").get_attribute("aria-pressed") == "true"
        p.reload()  # the choice is remembered, and it changes the whole page
        assert p.locator("section.pw-picture[lang=en] h1").is_visible()
        assert p.locator("section[lang=en] a[href='city-ningbo-en.html']").is_visible()
        assert not p.locator("section.pw-picture[lang=zh] h2").first.is_visible()
        assert p.blocked == [] and p.console_errors == []
