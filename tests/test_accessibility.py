"""Reports everyone can read: axe-core (WCAG 2.1 A and AA rules) finds no serious or critical
violation on a report of every kind in both languages and on the landing page; nothing is wider
than a 390 px phone; a chart control is reached and operated with the keyboard alone."""

from __future__ import annotations

import pytest

from .browser import browser_page

pytestmark = pytest.mark.browser

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SERIOUS = ("serious", "critical")


def drawn(page) -> None:
    n = page.locator("script[type='application/vnd.planwatch.vegalite+json']").count()
    if n:
        page.wait_for_function(
            "n => document.querySelectorAll('.pw-chart svg.marks').length >= n",
            arg=n,
            timeout=30000,
        )


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=WCAG).response["violations"]
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×: {v['nodes'][0]['target']})"
        for v in found
        if v["impact"] in SERIOUS
    ]


def test_every_kind_of_report_and_the_landing_page_pass_axe(rendered):
    out, _ = rendered
    pages = sorted(out.glob("*.html"))
    kinds = {p.name.split("-")[0] for p in pages}
    assert {"city", "category", "action", "summary", "annual", "evaluation", "index.html"} <= kinds
    problems = {}
    with browser_page() as page:
        for path in pages:
            page.goto(path.as_uri())
            drawn(page)
            bad = serious_violations(page)
            if bad:
                problems[path.name] = bad
    assert problems == {}


def test_nothing_is_wider_than_a_phone(rendered):
    out, _ = rendered
    wide = {}
    with browser_page() as page:
        page.set_viewport_size({"width": 390, "height": 844})
        for path in sorted(out.glob("*.html")):
            page.goto(path.as_uri())
            drawn(page)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 390:
                wide[path.name] = width
    assert wide == {}


def test_a_chart_control_works_from_the_keyboard(rendered):
    out, _ = rendered
    with browser_page() as page:
        page.goto((out / "category-infrastructure-en.html").as_uri())
        drawn(page)
        select = page.locator(".vega-bindings select").first
        before = page.locator(".pw-chart svg.marks").first.inner_html()
        for _ in range(200):  # Tab until the chart's control has the focus
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.tagName") == "SELECT":
                break
        assert page.evaluate("() => document.activeElement.closest('.vega-bindings') !== null")
        options = select.locator("option").count()
        assert options >= 2
        start = select.input_value()
        page.keyboard.press("ArrowUp" if select.evaluate("s => s.selectedIndex") else "ArrowDown")
        page.wait_for_function(
            "v => document.querySelector('.vega-bindings select').value !== v", arg=start
        )
        page.wait_for_timeout(300)
        assert page.locator(".pw-chart svg.marks").first.inner_html() != before
