"""A document's text: one reading of bytes for parse-table, parse-plan and the input readers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.errors import InputError, NoTableError
from planwatch.parse import source

TEXT = "指标,2017年,2022年\n数字经济增加值(亿元),20000,40000\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030"]
)
def test_every_common_encoding_reads_the_same_text(tmp_path, encoding):
    path = tmp_path / "t.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert source.read_text(path, expected="a table") == TEXT


def test_big5_is_named_not_misread(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes("數位經濟增加值,數位產業化,網路零售額,國內生產總值".encode("big5"))
    with pytest.raises(InputError, match="Big5"):
        source.read_text(path, expected="a table")


def test_empty_file_directory_and_missing_file_each_say_so(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b" \n")
    with pytest.raises(NoTableError, match="empty file"):
        source.read_text(tmp_path / "empty.txt", "a table", error=NoTableError)
    with pytest.raises(InputError, match="is a directory"):
        source.read_text(tmp_path, "a table")
    with pytest.raises(InputError, match="cannot be read"):
        source.read_text(tmp_path / "missing.txt", "a table")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_text_or_one_input_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "x.txt"
    path.write_bytes(data)
    try:
        text = source.read_text(path, expected="a table")
    except InputError as exc:
        assert str(exc).startswith(str(path))
    else:
        assert isinstance(text, str) and text.strip()
