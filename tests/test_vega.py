import json

from planwatch.present import vega


def test_json_cannot_close_the_script():
    text = vega.json_for_script({"title": "</script><script>alert(1)</script>", "a": "\u2028"})
    assert (
        "</script>" not in text
        and "<" not in text
        and json.loads(text)["title"].startswith("</script>")
    )


def test_scripts_inline_the_bundle_or_reference_it_with_the_loader_after():
    inline = vega.scripts()
    assert inline.index(vega.vega_bundle()[:200]) < inline.index("vegaEmbed(target")
    shared = vega.scripts("assets/vega-bundle-abc.js")
    assert '<script src="assets/vega-bundle-abc.js"></script>' in shared
    assert vega.vega_bundle()[:200] not in shared and "http" not in shared.split("</script>")[0]
