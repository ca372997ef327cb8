from planwatch import version


def test_the_version_is_a_release_number():
    parts = version.__version__.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)
