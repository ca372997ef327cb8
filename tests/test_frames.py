import numpy as np
import pandas as pd

from planwatch.frames import records


def test_records_turn_every_missing_value_into_none():
    df = pd.DataFrame({"a": [1.5, np.nan], "b": ["x", None], "c": pd.array([1, None], "Int64")})
    assert records(df) == [{"a": 1.5, "b": "x", "c": 1}, {"a": None, "b": None, "c": None}]
