"""Load the processed tables (``data/processed/*.csv``) with the types their schemas declare.

A set is parsed from the very bytes whose checksums were verified (``storage.read_set``), so a
load that races a rebuild gives the old set or the new one, never a mix under either checksum.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planwatch import paths
from planwatch.tables.schemas import TABLES
from planwatch.tables.schemas_base import typed
from planwatch.tables.storage import IncompleteSetError, read_set


def read_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """One processed table, typed (from its folder as it is now: use ``load`` for a whole set)."""
    folder = Path(folder) if folder else paths.processed_dir()
    path = folder / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `make data` (planwatch build-data) first")
    return parse_table(name, path.read_bytes())


def parse_table(name: str, data: bytes) -> pd.DataFrame:
    """The CSV bytes of processed table ``name`` as a frame with its schema's types."""
    df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in TABLES[name][0].columns if c not in df.columns]
    if missing:  # a set built by another version of planwatch
        raise IncompleteSetError(
            f"data/processed/{name}.csv lacks column(s) {', '.join(missing)}: it was built by "
            "another version of planwatch; run `make data` (planwatch build-data)"
        )
    typed(df, TABLES[name][0], nullable_ints=True)
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
    def has_baseline(self) -> bool:
        """False for a plan whose table holds only targets (``baseline: none``)."""
        return bool(self.plan_row.get("has_baseline", True))

    @property
    def languages(self) -> list[str]:
        """The report languages the plan manifest asks for (zh, or zh and en)."""
        return str(self.plan_row.get("languages") or "zh;en").split(";")

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


_CACHE: dict[str, tuple[tuple, Dataset]] = {}


def _signature(folder: Path) -> tuple:
    """Inode of the folder and name, size, mtime and inode of every file: changes whenever a file
    is written or the set is swapped, so an unchanged folder is not read again."""
    try:
        st = folder.stat()
        return (st.st_ino, st.st_dev) + tuple(
            sorted(
                (p.name, s.st_size, s.st_mtime_ns, s.st_ino)
                for p in folder.iterdir()
                if p.is_file() and (s := p.stat())
            )
        )
    except FileNotFoundError:
        return ()


def checksum(folder: Path | None = None) -> str:
    """sha256 of the set's manifest (which holds every file's sha256): the data version of a
    report. Refuses a set whose files do not match their manifest."""
    return load(folder).checksum


def load(folder: Path | None = None) -> Dataset:
    """Every processed table of one complete set (``IncompleteSetError`` otherwise), parsed from
    the bytes that were verified."""
    folder = Path(folder) if folder else paths.processed_dir()
    sig = _signature(folder)
    hit = _CACHE.get(str(folder))
    if hit and sig and hit[0] == sig:
        return hit[1]
    manifest, contents = read_set(folder)
    missing = [n for n in TABLES if f"{n}.csv" not in contents]
    if missing:
        raise IncompleteSetError(
            f"{folder} lacks {', '.join(missing)}: it was built by another planwatch "
            "version; run `make data` (planwatch build-data)"
        )
    tables = {n: parse_table(n, contents[f"{n}.csv"]) for n in TABLES}
    ds = Dataset(folder, tables, manifest["checksum"])
    _CACHE.clear()  # one data version at a time: nothing of an older set is kept
    if sig:
        _CACHE[str(folder)] = (sig, ds)
    return ds
