from decimal import Decimal

from planwatch.decimals import format_decimal, plain


def test_plain_and_format():
    assert str(plain(Decimal("3.0E+4"))) == "30000"
    assert str(plain(Decimal("1.1500"))) == "1.15"
    assert format_decimal(Decimal("2.0658E+4")) == "20658"
    assert format_decimal(None) == ""
