"""Column helpers and constants shared by the processed-table schemas."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
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


def by_value(values: np.ndarray, fn, apart=None) -> np.ndarray:
    """``fn`` of every cell of an object array, called once per distinct cell; missing cells,
    and cells of a distinct value ``apart`` names (one equal to another but written apart, like
    -0 and 0), cell by cell."""
    codes, uniques = pd.factorize(values)  # missing cells: code -1
    out = np.array([*(fn(u) for u in uniques), None], dtype=object)[codes]
    alone = [k for k, u in enumerate(uniques) if apart and apart(u)]
    for i in np.flatnonzero((codes == -1) | np.isin(codes, alone)):
        out[i] = fn(values[i])
    return out


def _by_value(column: pd.Series, fn) -> pd.Series:
    return pd.Series(by_value(column.to_numpy(dtype=object), fn), index=column.index)


def typed(df: pd.DataFrame, schema: pa.DataFrameSchema, *, nullable_ints: bool) -> pd.DataFrame:
    """``df``'s columns as ``schema`` types them, the one place that says how: numbers, integers,
    booleans (``true``/``false`` in CSV), text (missing as ''). Rows made by the build keep
    ``int64`` columns as ``int64``; tables read back (``nullable_ints``) have them as ``Int64``.
    A column already of a number or boolean type is taken as it is."""
    for col, spec in schema.columns.items():
        kind = str(spec.dtype)
        column = df[col]
        if kind in ("float64", "int64", "Int64"):
            plain_numbers = pd.api.types.is_numeric_dtype(column.dtype) and column.dtype != bool
            numbers = column if plain_numbers else _by_value(column, _number)
            numbers = pd.to_numeric(numbers, errors="raise")
            if kind == "float64":
                df[col] = numbers.astype("float64")
            else:
                df[col] = numbers.astype("Int64" if nullable_ints or kind == "Int64" else "int64")
        elif kind == "bool":
            df[col] = (column if column.dtype == bool else _by_value(column, _boolean)).astype(bool)
        else:
            df[col] = column.fillna("").astype(str)
    return df
