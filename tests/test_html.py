from markupsafe import Markup

from planwatch.present.html import ChartOutput, Fragment, link, table, tag, ul


def test_everything_from_data_is_escaped():
    assert str(tag("p", "<script>x</script>")) == "<p>&lt;script&gt;x&lt;/script&gt;</p>"
    assert "&lt;img" in str(ul(["<img src=x onerror=alert(1)>"]))
    assert "&lt;b&gt;" in str(table(["<b>"], [["ok"]]))
    assert str(tag("p", Markup("<em>kept</em>"))) == "<p><em>kept</em></p>"


def test_links_only_to_web_addresses():
    assert str(link("https://example.org/a?b=1&c=2", "t")).startswith(
        '<a href="https://example.org/a?b=1&amp;c=2"'
    )
    assert str(link("javascript:alert(1)", "t")).startswith('<a href="#"')


def test_fragment_and_chart_output():
    assert Fragment("<p>a</p>")._repr_html_() == "<p>a</p>"

    class FakeChart:
        def to_dict(self):
            return {"title": "t", "mark": "bar"}

    bundle = ChartOutput(FakeChart())._repr_mimebundle_()
    assert bundle["application/vnd.vegalite.v5+json"]["mark"] == "bar"


def test_outputs_show_each_part_in_turn_only_when_displayed():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import display
    from IPython.utils.capture import capture_output

    from planwatch.present.html import Fragment, Outputs

    InteractiveShell.instance()  # a shell to publish displays to, as in a kernel

    parts = Outputs([Fragment("<h3>a</h3>"), Fragment("<p>b</p>")])
    with capture_output() as made:
        Outputs([Fragment("<h3>never shown</h3>")])  # making it shows nothing
    assert made.outputs == []
    with capture_output() as shown:
        display(parts)
    assert [o.data["text/html"] for o in shown.outputs] == ["<h3>a</h3>", "<p>b</p>"]
    assert len(parts) == 2
