import pytest

from .browser import browser_page

pytestmark = pytest.mark.browser


def test_every_exported_report_draws_its_charts_offline(rendered):
    out, _ = rendered
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 5  # 4 reports + index
    with browser_page() as page:
        for path in pages:
            page.console_errors.clear()
            page.goto(path.as_uri())
            expected = page.locator(
                "script[type='application/vnd.planwatch.vegalite+json']"
            ).count()
            # the explorer to share draws one chart from its own data, not from a spec script
            expected += page.locator("#pw-ex-chart").count()
            if expected:
                page.wait_for_function(
                    "n => document.querySelectorAll('.pw-chart svg, .pw-chart canvas').length >= n",
                    arg=expected,
                    timeout=20000,
                )
            drawn = page.eval_on_selector_all(
                ".pw-chart",
                "els => els.map(e => e.querySelectorAll('svg.marks, canvas.marks').length)",
            )
            assert drawn == [1] * expected, (path.name, drawn)
            assert page.console_errors == [], (path.name, page.console_errors)
            assert page.locator(".pw-error").count() == 0
            assert page.blocked == [], (path.name, page.blocked)
    # Chinese text is laid out (the zh report's headings are visible, the English ones hidden)
    with browser_page() as page:
        page.goto((out / "city-ningbo-zh.html").as_uri())
        assert page.locator("h2 span[lang=zh]").first.is_visible()
        assert not page.locator("h2 span[lang=en]").first.is_visible()
