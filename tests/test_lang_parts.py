"""Language of parts: bilingual markdown is switched by class; a run of text in the other
language carries its lang and stays visible; scripts and graphics are left alone."""

from __future__ import annotations

import pytest

from planwatch.reports import lang_parts

from .browser import browser_page


def test_bilingual_parts_get_a_class_and_keep_their_lang():
    body = '<h2><span lang="zh">摘要</span><span lang="en"> Summary</span></h2><div class="x" lang="en">A</div>'
    out = lang_parts.mark_bilingual(body)
    assert '<span class="pw-zh" lang="zh">摘要</span>' in out
    assert '<div class="x pw-en" lang="en">A</div>' in out


def test_other_language_runs_are_marked_on_each_page():
    en = lang_parts.mark_other_language(
        "<td>Ningbo (宁波): 《浙江统计年鉴2023》</td><script>var a='宁波';</script>", "en"
    )
    assert (
        '<span lang="zh">宁波</span>' in en and '<span lang="zh">《浙江统计年鉴2023》</span>' in en
    )
    assert "var a='宁波';" in en  # scripts untouched
    zh = lang_parts.mark_other_language("<td>来源:China Daily report, 2021</td><td>PNG</td>", "zh")
    assert '<span lang="en">China Daily report, 2021</span>' in zh
    assert "<td>PNG</td>" in zh  # a single word (a format, an acronym) is not a part


def test_the_other_bilingual_part_is_not_marked_again():
    body = lang_parts.mark_bilingual('<p><span lang="en">Digital economy plan</span>数字经济</p>')
    out = lang_parts.mark_other_language(body, "zh")
    assert out.count('lang="en"') == 1


@pytest.mark.browser
def test_marked_parts_stay_visible_and_the_other_language_is_hidden(rendered):
    out, _ = rendered
    with browser_page() as page:
        page.goto((out / "city-ningbo-en.html").as_uri())
        assert page.locator("h2 .pw-en").first.is_visible()
        assert not page.locator("h2 .pw-zh").first.is_visible()
        zh_parts = page.locator("td span[lang=zh]")
        assert zh_parts.count() > 0 and zh_parts.first.is_visible()  # Chinese names, marked


def test_escaped_text_stays_escaped_and_whole():
    page = lang_parts.mark_other_language("<td>China&#39;s plan &lt;b&gt; report</td>", "zh")
    assert page == '<td><span lang="en">China&#39;s plan</span> &lt;b&gt; report</td>'
    assert "<b>" not in page  # an escaped tag in the data stays text
