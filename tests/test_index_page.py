"""reports/index.html lists every report present and every report the state knows, escaped."""

from planwatch.reports import index_page
from planwatch.tables import dataset


def test_index_lists_files_and_state(small_project, tmp_path):
    ds = dataset.load()
    (tmp_path / "action-3-en.html").write_text("x", encoding="utf-8")
    (tmp_path / "stray-<b>-zh.html").write_text("x", encoding="utf-8")
    state = {
        "action-3-en": {
            "kind": "action",
            "label": "(3) Action",
            "lang": "en",
            "status": "ok",
            "error": "",
        },
        "city-lishui-en": {
            "kind": "city",
            "label": "Lishui",
            "lang": "en",
            "status": "failed",
            "error": "boom <x>",
        },
    }
    index_page.write_index(tmp_path, state, {"planwatch": "test"}, ds)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="action-3-en.html"' in html and "(3) Action" in html
    assert "Lishui" in html and "failed" in html and "boom &lt;x&gt;" in html
    assert 'href="city-lishui-en.html"' not in html  # no file: listed, not linked
    assert "stray-&lt;b&gt;-zh" in html and "<b>-zh" not in html
    assert "index.html" not in html.split("<body>")[1].split("<footer")[0]


def test_index_is_not_rewritten_when_nothing_it_shows_changed(small_project, tmp_path):
    ds = dataset.load()
    state = {"action-3-en": {"kind": "action", "label": "(3)", "lang": "en", "status": "ok"}}
    (tmp_path / "action-3-en.html").write_text("x", encoding="utf-8")
    index_page.write_index(tmp_path, state, {"planwatch": "test"}, ds)
    page = tmp_path / "index.html"
    page.write_text("kept", encoding="utf-8")  # a marker: rewritten pages lose it
    index_page.write_index(tmp_path, state, {"planwatch": "test"}, ds)
    assert page.read_text(encoding="utf-8") == "kept"
    (tmp_path / "action-4-en.html").write_text("x", encoding="utf-8")  # a new report file
    index_page.write_index(tmp_path, state, {"planwatch": "test"}, ds)
    assert "action-4-en" in page.read_text(encoding="utf-8")


def test_the_landing_page_is_a_catalogue_for_readers(small_project, tmp_path):
    """One entry per report with its languages side by side; what planwatch is and how recent
    the figures are; no build log."""
    ds = dataset.load()
    state = {}
    for lang, label in (("zh", "宁波"), ("en", "Ningbo")):
        (tmp_path / f"city-ningbo-{lang}.html").write_text("x", encoding="utf-8")
        state[f"city-ningbo-{lang}"] = {"kind": "city", "label": label, "lang": lang}
    index_page.write_index(tmp_path, state, {"planwatch": "test"}, ds)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    zh = html.split('lang="zh">', 2)[2].split("</section>")[0]
    assert zh.count("宁波") >= 1 and zh.count('href="city-ningbo-') == 2  # both languages
    assert "planwatch 跟踪" in zh and "最新的年份为" in zh
    assert (
        ">ok<" not in html and "<th" not in html.split("<footer")[0].split("pw-landing-status")[0]
    )
