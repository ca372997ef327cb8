"""The explorer to share (one offline HTML file) against the Python explorer: opened from disk
with the network blocked, the page's views of a grid of states (every indicator × region, compare
off, by indicator and by region, flagged figures shown and hidden, chosen years, three what-if
rates, both languages) are the Python explorer's, cell for cell: state, sentences, observation
table, what-if panel, chart spec and CSV download."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from planwatch.explorer import share, share_data, views
from planwatch.explorer import state as st
from planwatch.explorer.downloads import table_bytes
from planwatch.present import words
from planwatch.present.voice import Voice
from planwatch.reports.offline import external_references
from planwatch.tables import dataset

from .browser import browser_page


@pytest.fixture(scope="module")
def shared(full_built, tmp_path_factory):
    """(data set, payload, path of the page) for the full project."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_ROOT", str(full_built))
        ds = dataset.load()
        data = share.payload(ds)
        path = tmp_path_factory.mktemp("share") / "explorer.html"
        path.write_text(share.page(ds, "zh", {"data": "test"}, data), encoding="utf-8")
        yield ds, data, path


@pytest.fixture(scope="module")
def page(shared):
    with browser_page() as pg:
        pg.goto(shared[2].as_uri())
        pg.wait_for_function(
            "window.planwatchExplorer && (window.planwatchExplorer.ready"
            " || window.planwatchExplorer.failed)",
            timeout=30000,
        )
        assert not pg.evaluate("window.planwatchExplorer.failed")
        yield pg
        assert not pg.blocked, pg.blocked  # nothing left the page


def js_state(s: st.State) -> dict:
    d = asdict(s)
    d["years"] = list(s.years)
    return d


def py_state(d: dict) -> st.State:
    return st.State(**{**d, "years": tuple(d["years"])})


def python_view(ds, s: st.State) -> dict:
    return {
        "state": js_state(s),
        "sentence_html": views.sentence_html(ds, s),
        "table_html": views.table_html(ds, s),
        "whatif_html": views.whatif_html(ds, s),
        "spec": json.loads(json.dumps(share_data.spec_of(views.chart(ds, s)))),
        "csv": table_bytes(views.export_rows(ds, s), "csv").decode("utf-8"),
        "csv_name": views.export_name(ds, s, "csv"),
        "options": {k: [list(x) for x in v] for k, v in views.options(ds, s).items()},
    }


PAGE_VIEW = """(states) => states.map((s) => {
  const e = window.planwatchExplorer, v = e.view(e.normalise(s));
  return {state: v.state, sentence_html: v.sentence_html, table_html: v.table_html,
          whatif_html: v.whatif_html, spec: v.spec, csv: v.csv, csv_name: v.csv_name,
          options: v.options};
})"""


VIEW_NAME = re.compile(r"view_[0-9a-f]+_\d+")


def named_alike(spec: dict) -> dict:
    """A spec whose view names (Altair's: a hash of the view's content, so of its data) are
    numbered in order of appearance: the page keeps the names of the chart over every year."""
    text = json.dumps(spec, ensure_ascii=False)
    names: dict[str, str] = {}
    for m in VIEW_NAME.finditer(text):
        names.setdefault(m.group(0), f"view_{len(names)}")
    return json.loads(VIEW_NAME.sub(lambda m: names[m.group(0)], text))


def compare(ds, page, states: list[st.State], parts=None) -> int:
    got = page.evaluate(PAGE_VIEW, [js_state(s) for s in states])
    for s, js in zip(states, got, strict=True):
        py = python_view(ds, st.normalise(ds, s))
        js["spec"], py["spec"] = named_alike(js["spec"]), named_alike(py["spec"])
        for key in parts or py:
            assert js[key] == py[key], f"{key} differs for {s}"
    return len(states)


def grid(ds, lang: str, mode: str):
    for ind in st.indicators(ds):
        cat = ds.indicators.set_index("indicator").loc[ind, "category"]
        cat = cat if isinstance(cat, str) else cat.iloc[0]
        for region in st.regions_with_data(ds, ind):
            others = st.compare_regions(ds, ind, region)
            yield st.normalise(
                ds,
                st.State(
                    lang, cat, ind, region, (2017, 2024), True, mode,
                    st.indicators(ds)[-1], others[0] if others else None,
                    st.observed_rate(ds, ind),
                ),
            )  # fmt: skip


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("mode", ["off", "indicators", "regions"])
def test_every_indicator_and_region_is_the_python_explorers(shared, page, lang, mode):
    ds = shared[0]
    n = compare(ds, page, list(grid(ds, lang, mode)))
    assert n == sum(len(st.regions_with_data(ds, i)) for i in st.indicators(ds))


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_years_and_flagged_figures_are_the_python_explorers(shared, page, lang):
    ds = shared[0]
    states = []
    for s in grid(ds, lang, "indicators"):
        for years, flagged in (((2019, 2021), False), ((2018, 2018), True), ((2023, 2024), False)):
            states.append(st.State(**{**asdict(s), "years": years, "show_flagged": flagged}))
    assert compare(ds, page, states) == len(states)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_three_rates_give_the_python_what_if(shared, page, lang):
    ds = shared[0]
    states = [
        st.State(**{**asdict(s), "rate": rate})
        for s in grid(ds, lang, "off")
        for rate in (-7.5, 0.0, st.observed_rate(ds, s.indicator) + 3.3)
    ]
    assert compare(ds, page, states, ["state", "whatif_html"]) == len(states)


@pytest.mark.browser
def test_moving_the_state_follows_the_python_rules(shared, page):
    """``change`` from the page's controls' point of view: a new selection brings back the
    observed rate, an unknown value falls back as ``normalise`` does."""
    ds = shared[0]
    s = st.initial(ds, "en")
    steps = [
        {"rate": 2.25},
        {"category": st.categories(ds)[-1]},
        {"rate": -1.05},
        {"years": [2024, 2019]},
        {"region": "nowhere"},
        {"compare_mode": "regions"},
        {"lang": "zh", "compare_mode": "bogus"},
    ]
    for step in steps:
        js = page.evaluate("([s, c]) => window.planwatchExplorer.change(s, c)", [js_state(s), step])
        s = st.change(ds, s, **{k: tuple(v) if k == "years" else v for k, v in step.items()})
        assert js == js_state(s), step


@pytest.fixture(scope="module")
def fmt_cases(shared):
    """(units, the Python formatter) for the number test."""
    ds = shared[0]
    units = sorted(set(ds.indicators["unit"]) | {"亿元", "%", "万家", "家", "unknown"})
    voices = [Voice(ds, lang) for lang in ("zh", "en")]
    return units, lambda v, a: [[voice.fmt(v, u, a) for u in units] for voice in voices]


@pytest.mark.browser
@settings(max_examples=200, deadline=None)
@given(
    value=hs.floats(min_value=-1e12, max_value=1e12, allow_nan=False)
    | hs.decimals(min_value=-100000, max_value=100000, places=3).map(float)
    | hs.sampled_from([0.0, -0.0, 0.5, 2.5, 1e-7, 123456789.0, 0.125, 99.95]),
    approx=hs.booleans(),
)
def test_numbers_read_as_the_python_ones(page, fmt_cases, value, approx):
    units, python_fmt = fmt_cases
    got = page.evaluate(
        "([v, us, a]) => ['zh', 'en'].map((l) => us.map((u) =>"
        " window.planwatchExplorer.fmt(v, u, l, a)))",
        [value, units, approx],
    )
    assert got == python_fmt(value, approx)
    assert page.evaluate("(v) => window.planwatchExplorer.pyRound(v, 2)", value) == round(value, 2)


@pytest.mark.browser
def test_the_controls_move_the_page_and_the_csv_downloads(shared, page):
    ds = shared[0]
    ind = st.indicators(ds)[1]
    cat = ds.indicators.set_index("indicator").loc[ind, "category"]
    cat = cat if isinstance(cat, str) else cat.iloc[0]
    page.select_option("#pw-ex-category", cat)
    page.select_option("#pw-ex-indicator", ind)
    page.select_option("#pw-ex-year-from", "2018")
    page.select_option("#pw-ex-lang", "en")
    page.wait_for_function("window.planwatchExplorer.state.lang === 'en'")
    s = py_state(page.evaluate("window.planwatchExplorer.state"))
    assert (s.indicator, s.years[0], s.lang) == (ind, 2018, "en")
    assert page.evaluate("document.documentElement.lang") == "en"
    said = html.unescape(re.sub(r"<[^>]+>", "", views.sentence_html(ds, s)))
    assert page.text_content("#pw-ex-sentences") == said
    page.evaluate("window.planwatchExplorer.drawn")
    assert page.locator("#pw-ex-chart svg").count() == 1
    page.select_option("#pw-ex-compare-mode", "indicators")
    page.wait_for_function("window.planwatchExplorer.state.compare_mode === 'indicators'")
    assert page.locator("#pw-ex-compare-indicator").is_visible()
    with page.expect_download() as dl:
        page.click("#pw-ex-csv")
    s = py_state(page.evaluate("window.planwatchExplorer.state"))
    assert dl.value.suggested_filename == views.export_name(ds, s, "csv")
    assert open(dl.value.path(), "rb").read() == table_bytes(views.export_rows(ds, s), "csv")
    labels = page.eval_on_selector_all(
        "#pw-ex-controls select, #pw-ex-controls input, #pw-ex-whatif-control input",
        "els => els.map(e => e.closest('label') && e.closest('label').textContent.trim())",
    )
    assert all(labels), labels  # every control carries its label
    assert len(set(labels)) == len(labels), labels  # and no two read the same


def test_the_page_is_one_file_with_no_network_reference(shared):
    ds, data, path = shared
    text = path.read_text(encoding="utf-8")
    assert external_references(text) == []
    split = share.size_split(text)
    assert split["total"] == sum(v for k, v in split.items() if k != "total")
    assert ds.checksum == data["checksum"]
    footer = text[text.index('<footer class="pw-meta"') :].split("</footer>")[0]
    assert footer.count(ds.checksum) == 1 and share.built(ds) in footer
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", share.built(ds))
    assert re.search(r"<script[^>]*>\s*</script>", text) is None


def test_every_word_the_page_shows_comes_from_the_catalogue(shared):
    ds, data, _ = shared
    for lang in data["langs"]:
        ui = data["words"][lang]["ui"]
        for key in share_data.UI_WORDS:
            assert ui[key] == words.t(key, lang)
        assert "\x01rate\x01" in data["words"][lang]["templates"]["assumed"]


def test_data_strings_travel_escaped(shared):
    """A source title is a cell of a table row, escaped by the same code as the reports'."""
    _, data, _ = shared
    for row in data["rows"]:
        for tr in row["tr"].values():
            assert "<script" not in tr.lower()
            assert tr.startswith("<tr><td>") and tr.endswith("</td></tr>")
