"""Column helpers and constants shared by the processed-table schemas."""

from __future__ import annotations

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
