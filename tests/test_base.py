import pytest

from planwatch.reports.base import Report
from planwatch.reports.params import ParameterError
from planwatch.tables import dataset


def test_a_report_opens_on_the_set_given_with_its_voice(small_project):
    ds = dataset.load()
    r = Report("en", ds)
    assert r.ds is ds and r.lang == "en" and r.voice.ds is ds and r.voice.lang == "en"
    assert Report().ds.checksum == ds.checksum  # the default processed set otherwise


def test_an_unknown_language_is_a_parameter_error(small_project):
    with pytest.raises(ParameterError, match="valid values: zh, en"):
        Report("fr")
