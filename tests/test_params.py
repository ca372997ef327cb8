import pytest

from planwatch.reports import params
from planwatch.tables import dataset


def test_resolvers_accept_every_spelling_and_list_valid_values(small_project):
    ds = dataset.load()
    assert params.resolve_city(ds, "Ningbo") == params.resolve_city(ds, "宁波市") == "宁波"
    assert params.resolve_action(ds, "(三)") == params.resolve_action(ds, 3) == 3
    assert params.resolve_category(ds, "infrastructure") == "基础设施"
    with pytest.raises(params.ParameterError, match="valid values: 1 "):
        params.resolve_action(ds, 99)


def test_one_language_check_its_refusal_a_parameter_error():
    from planwatch.present import words

    with pytest.raises(ValueError) as theirs:
        words.check_lang("fr")
    with pytest.raises(params.ParameterError) as mine:
        params.check_lang("fr")
    assert str(mine.value) == str(theirs.value) == "unknown lang 'fr'; valid values: zh, en"
    assert params.check_lang("en") == "en"
