"""Column helpers and constants shared by the processed-table schemas."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pandera.pandas as pa

COMPARATORS = ["=", "≥", ">", "≤", "<", "≈"]
PLAN = "data/raw/plan"
MAPS = "data/raw/mappings"
GEO = "data/raw/geo"


def c(
    dtype, description: str, nullable: bool = False, checks=None, unique: bool = False
) -> pa.Column:
    return pa.Column(
        dtype, checks=checks, nullable=nullable, unique=unique, description=description
    )


def schema(columns: dict, unique=None) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=True, ordered=True, unique=unique, coerce=False)


LINE = "line number in the plan text file (1-based)"
ID_RE = r"^[a-z0-9_]+$"


_BOOL = {True: True, False: False, "true": True, "false": False}


def _number(x):
    """A cell as a number for ``pd.to_numeric``: None/'' missing, Decimals as floats."""
    if x is None or x == "":
        return None
    return float(x) if isinstance(x, Decimal) else x


def _boolean(x) -> bool:
    try:
        return _BOOL[x]
    except (KeyError, TypeError):
        raise ValueError(f"{x!r} is not a boolean (true or false)") from None


def typed(df: pd.DataFrame, schema: pa.DataFrameSchema, *, nullable_ints: bool) -> pd.DataFrame:
    """``df``'s columns as ``schema`` types them, the one place that says how: numbers, integers,
    booleans (``true``/``false`` in CSV), text (missing as ''). Rows made by the build keep
    ``int64`` columns as ``int64``; tables read back (``nullable_ints``) have them as ``Int64``."""
    for col, spec in schema.columns.items():
        kind = str(spec.dtype)
        if kind in ("float64", "int64", "Int64"):
            numbers = pd.to_numeric(df[col].map(_number), errors="raise")
            if kind == "float64":
                df[col] = numbers.astype("float64")
            else:
                df[col] = numbers.astype("Int64" if nullable_ints or kind == "Int64" else "int64")
        elif kind == "bool":
            df[col] = df[col].map(_boolean).astype(bool)
        else:
            df[col] = df[col].fillna("").astype(str)
    return df
