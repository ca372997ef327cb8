"""Write processed tables atomically: all are validated first, then each file is written to a
temporary name and renamed into place. On any error nothing in ``data/processed/`` changes."""

from __future__ import annotations

import json
import math
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd

from planwatch.parse.normalise import format_decimal


def _fmt(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return ""
    if isinstance(x, float):
        return format_decimal(Decimal(repr(x)))
    if isinstance(x, Decimal):
        return format_decimal(x)
    if isinstance(x, bool):
        return "true" if x else "false"
    return str(x)


def to_csv_text(df: pd.DataFrame) -> str:
    """CSV with plain decimals (``20658``, not ``20658.0``) and lower-case booleans."""
    out = pd.DataFrame(
        {col: [_fmt(v) for v in df[col].tolist()] for col in df.columns}, dtype=object
    )
    return out.to_csv(index=False, lineterminator="\n")


def write_atomically(files: dict[str, str], out_dir: Path) -> None:
    """``files`` maps file names to text. Temp files first; renames only when all are written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    temps: list[tuple[str, Path]] = []
    try:
        for name, text in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".tmp-{name}.", dir=out_dir)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            temps.append((name, Path(tmp)))
        for name, tmp in temps:
            os.replace(tmp, out_dir / name)
    finally:
        for _, tmp in temps:
            if tmp.exists():
                tmp.unlink()


def json_text(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
