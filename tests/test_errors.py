from planwatch.errors import InputError


def test_message_names_file_row_column_value_expectation():
    e = InputError("obs.csv", "not a number", 3, "value", "两万", "a number")
    assert str(e) == "obs.csv, row 3, column 'value': not a number (got '两万'); expected a number"


def test_text_files_count_lines():
    e = InputError(
        "plan.txt", "cannot read the value", 202, "2020年", "≥七十六", "a number", where="line"
    )
    assert str(e).startswith("plan.txt, line 202, column '2020年'")
    assert str(InputError("plan.txt", "no table")) == "plan.txt: no table"
