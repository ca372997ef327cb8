"""Frames to plain rows: one helper every floor may use (JSON specs, table rows, build rows)."""

from __future__ import annotations

import pandas as pd


def records(df: pd.DataFrame) -> list[dict]:
    """A frame's rows as dicts, missing values as None (for JSON specs and table rows)."""
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in df.to_dict("records")]
