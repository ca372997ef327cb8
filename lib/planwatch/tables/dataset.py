"""Load the processed tables (``data/processed/*.csv``) with the types their schemas declare."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planwatch import paths
from planwatch.tables.schemas import TABLES
from planwatch.tables.storage import IncompleteSetError, verify_set


def records(df: pd.DataFrame) -> list[dict]:
    """A frame's rows as dicts, missing values as None (for JSON specs and table rows)."""
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in df.to_dict("records")]


def read_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    folder = Path(folder) if folder else paths.processed_dir()
    path = folder / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `make data` (planwatch build-data) first")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for col, spec in TABLES[name][0].columns.items():
        dtype = str(spec.dtype)
        if dtype == "float64":
            df[col] = pd.to_numeric(df[col].replace("", None), errors="raise").astype("float64")
        elif dtype in ("int64", "Int64"):
            df[col] = pd.to_numeric(df[col].replace("", None), errors="raise").astype("Int64")
        elif dtype == "bool":
            df[col] = df[col].map({"true": True, "false": False}).astype(bool)
    return df


@dataclass
class Dataset:
    folder: Path
    tables: dict[str, pd.DataFrame]
    checksum: str = ""  # sha256 of the processed files it was loaded from

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.tables[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def plan_row(self) -> dict:
        """The one row of the ``plan`` table: which plan, region, period and years."""
        return self.tables["plan"].iloc[0].to_dict()

    @property
    def region(self) -> str:
        """The region the plan's targets apply to (as the data name it)."""
        return self.plan_row["region"]

    @property
    def baseline_year(self) -> int:
        return int(self.plan_row["baseline_year"])

    @property
    def target_years(self) -> list[int]:
        return [int(y) for y in str(self.plan_row["target_years"]).split(";") if y]

    def unit_of(self, indicator: str) -> str:
        ind = self.tables["indicators"]
        units = ind.loc[ind["indicator"] == indicator, "unit"]
        if len(units):
            return units.iloc[0]
        cov = self.tables["coverage"]
        return cov.loc[cov["indicator"] == indicator, "unit"].iloc[0]

    def series_english(self, name: str) -> str:
        """A plan indicator's or context series' English name (from the data), or ''."""
        cov = self.tables["coverage"]
        names = cov.loc[cov["indicator"] == name, "indicator_en"]
        return names.iloc[0] if len(names) else ""


_CACHE: dict[tuple, Dataset] = {}
_VERIFIED: dict[str, tuple[tuple, dict]] = {}


def _signature(folder: Path) -> tuple:
    """Name, size, mtime and inode of every file: changes whenever a file is written or the
    set is swapped, so an unchanged folder is not hashed again."""
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(
            (p.name, s.st_size, s.st_mtime_ns, s.st_ino)
            for p in folder.iterdir()
            if p.is_file() and (s := p.stat())
        )
    )


def _manifest(folder: Path) -> dict:
    """``verify_set(folder)``, re-run only when the folder's files changed since the last one."""
    sig = _signature(folder)
    hit = _VERIFIED.get(str(folder))
    if hit and sig and hit[0] == sig:
        return hit[1]
    manifest = verify_set(folder)
    _VERIFIED[str(folder)] = (sig, manifest)
    return manifest


def checksum(folder: Path | None = None) -> str:
    """sha256 of the set's manifest (which holds every file's sha256): the data version of a
    report. Refuses a set whose files do not match their manifest."""
    return _manifest(Path(folder) if folder else paths.processed_dir())["checksum"]


def load(folder: Path | None = None) -> Dataset:
    """Every processed table of one complete set (``IncompleteSetError`` otherwise)."""
    folder = Path(folder) if folder else paths.processed_dir()
    manifest = _manifest(folder)
    key = (str(folder), manifest["checksum"])
    if key not in _CACHE:
        present = {e["path"] for e in manifest["files"]}
        missing = [n for n in TABLES if f"{n}.csv" not in present]
        if missing:
            raise IncompleteSetError(
                f"{folder} lacks {', '.join(missing)}: it was built by another planwatch "
                "version; run `make data` (planwatch build-data)"
            )
        _CACHE.clear()  # one data version at a time: nothing of an older set is kept
        _CACHE[key] = Dataset(folder, {n: read_table(n, folder) for n in TABLES}, key[1])
    return _CACHE[key]
