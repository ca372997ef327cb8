"""The shared stylesheet loads nothing over the network and hides the other language."""

from planwatch.reports import offline
from planwatch.reports.style import CSS


def test_stylesheet_is_offline_and_hides_the_other_language():
    assert offline.CSS_URL.search(CSS) is None and "http" not in CSS
    assert "html[lang=zh] [lang=en]{display:none}" in CSS
    assert "html[lang=en] [lang=zh]{display:none}" in CSS
