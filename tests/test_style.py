"""The shared stylesheet loads nothing over the network and hides the other language by class
(text marked with its lang stays visible)."""

from planwatch.present.style import CSS
from planwatch.reports import offline


def test_stylesheet_is_offline_and_hides_the_other_language():
    assert offline.CSS_URL.search(CSS) is None and "http" not in CSS
    assert "html[lang=zh] .pw-en{display:none}" in CSS
    assert "html[lang=en] .pw-zh{display:none}" in CSS
    assert "[lang=en]{display:none}" not in CSS and "[lang=zh]{display:none}" not in CSS
