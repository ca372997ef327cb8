"""Plain decimals, shared by every stage: ``plain`` drops trailing zeros without exponent
notation, ``format_decimal`` prints one (``20658``, ``39.9``, never ``2.0658E+4``)."""

from __future__ import annotations

from decimal import Decimal


def plain(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation."""
    d = d.normalize()
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d


def format_decimal(d: Decimal | None) -> str:
    """A plain decimal string: ``20658``, ``39.9``, never ``2.0658E+4``."""
    if d is None:
        return ""
    return format(plain(d), "f")
