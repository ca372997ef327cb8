"""Write ``data/processed/`` as ONE set: every file is written into a sibling staging directory
with a ``manifest.json`` (each file's name, size and sha256), and the staging directory then
takes the place of the old one in a single step. A reader (``tables.dataset``) refuses a set
whose manifest does not match its files, so a mix of old and new tables is never used.

The swap is one ``renameat2(RENAME_EXCHANGE)`` call on Linux (atomic: at every instant the path
holds the old set or the new one). Where that call is missing, two renames are used and a failure
between them puts the old set back; a process killed between them leaves the old set beside the
path, and the next build puts it back before it starts. Leftover staging directories from a
killed build are removed by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import math
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from planwatch.decimals import format_decimal
from planwatch.tables.schemas_base import by_value

MANIFEST = "manifest.json"
FILE_MODE = 0o644
DIR_MODE = 0o755
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class IncompleteSetError(RuntimeError):
    """The processed folder does not hold one complete set written by ``build-data``."""


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


def _column(series: pd.Series) -> list[str]:
    """One column's cells as text, by its type: text as it is (most of the audit table),
    booleans and integers at once, numbers and mixed cells once per distinct value."""
    if series.dtype == bool:
        return np.where(series.to_numpy(), "true", "false").tolist()
    if series.dtype == np.int64:
        return series.astype(str).tolist()
    values = series.to_numpy(dtype=object)
    kind = pd.api.types.infer_dtype(values, skipna=False)
    if kind == "string":
        return values.tolist()
    if kind in ("floating", "decimal", "integer", "mixed-integer-float", "empty"):
        return by_value(values, _fmt, apart=lambda u: u == 0).tolist()  # -0 is written apart
    return [_fmt(v) for v in values]


def _quoted(cells: list[str]) -> list[str] | None:
    """Cells as the csv module writes them with QUOTE_MINIMAL: quoted where they hold a comma,
    a quote or a line break, inner quotes doubled; None for a column with a carriage return
    (which Python versions quote differently: left to the csv module)."""
    joined = "\x1f".join(cells)
    if "\r" in joined:
        return None
    if '"' in joined:
        return [
            '"' + c.replace('"', '""') + '"' if ("," in c or '"' in c or "\n" in c) else c
            for c in cells
        ]
    if "," in joined or "\n" in joined:
        return ['"' + c + '"' if ("," in c or "\n" in c) else c for c in cells]
    return cells


BLOCK = 1024  # rows quoted, joined and encoded together: small enough for the allocator to reuse


def to_csv_bytes(df: pd.DataFrame, block: int = BLOCK) -> bytes | bytearray:
    """CSV (UTF-8) with plain decimals (``20658``, not ``20658.0``) and lower-case booleans, built
    column by column and ``block`` rows at a time: the bytes ``DataFrame.to_csv`` writes for the
    same cells (a carriage return in a cell, or a table of one column, goes through it)."""
    header = [str(c) for c in df.columns]
    columns = [_column(df[col]) for col in df.columns]
    out = _blocks(header, columns, block) if len(header) > 1 else None
    if out is None:
        frame = pd.DataFrame(dict(zip(range(len(header)), columns, strict=True)), dtype=object)
        frame.columns = header
        return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return out


def _blocks(header: list[str], columns: list[list[str]], block: int) -> bytearray | None:
    """The CSV bytes of the cells, quoted and encoded ``block`` rows at a time into one growing
    buffer; None as soon as a cell holds a carriage return."""
    quoted = _quoted(header)
    if quoted is None:
        return None
    out = bytearray((",".join(quoted) + "\n").encode("utf-8"))
    for start in range(0, len(columns[0]), block):
        cells = [_quoted(c[start : start + block]) for c in columns]
        if any(c is None for c in cells):
            return None
        out += ("\n".join(map(",".join, zip(*cells, strict=True))) + "\n").encode("utf-8")
    return out


def json_text(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_text(files: dict[str, str | bytes]) -> str:
    entries = []
    for name in sorted(files):
        data = files[name]
        data = data.encode("utf-8") if isinstance(data, str) else data
        entries.append({"path": name, "bytes": len(data), "sha256": sha256_bytes(data)})
    return json_text({"written_by": "planwatch build-data", "files": entries})


def _staging_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.new-"


def _old_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.old-"


def clean_leftovers(out_dir: Path) -> list[Path]:
    """Put back an old set stranded by a killed two-rename swap; remove staging leftovers."""
    parent = out_dir.parent
    if not parent.exists():
        return []
    olds = sorted(parent.glob(_old_prefix(out_dir) + "*"))
    if olds and not out_dir.exists():
        os.rename(olds[-1], out_dir)
        olds = olds[:-1]
    removed = []
    for p in olds + sorted(parent.glob(_staging_prefix(out_dir) + "*")):
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p)
    return removed


def _exchange(a: Path, b: Path) -> None:
    """Swap two directories atomically (Linux renameat2); OSError(ENOSYS) where unsupported."""
    libc_name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(libc_name, use_errno=True) if libc_name else None
    fn = getattr(libc, "renameat2", None) if libc else None
    if fn is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(a))


def _swap_two_renames(staging: Path, out_dir: Path) -> Path:
    old = Path(tempfile.mkdtemp(prefix=_old_prefix(out_dir), dir=out_dir.parent))
    os.rmdir(old)
    os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(old, out_dir)
        raise
    return old


def write_set(files: dict[str, str | bytes], out_dir: Path) -> None:
    """Replace ``out_dir`` by exactly ``files`` plus their manifest, all or nothing."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(out_dir), dir=out_dir.parent))
    try:
        os.chmod(staging, DIR_MODE)
        encoded = {
            name: text.encode("utf-8") if isinstance(text, str) else text
            for name, text in files.items()
        }  # once
        for name, data in {**encoded, MANIFEST: manifest_text(encoded).encode()}.items():
            path = staging / name
            with open(path, "wb") as fh:
                fh.write(data)
            os.chmod(path, FILE_MODE)
        if not out_dir.exists():
            os.rename(staging, out_dir)
            return
        try:
            _exchange(staging, out_dir)
            old = staging  # after the exchange the staging path holds the old set
        except OSError as exc:
            if exc.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
                raise
            old = _swap_two_renames(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def read_set(folder: Path, attempts: int = 3) -> tuple[dict, dict[str, bytes]]:
    """The manifest of ``folder`` and the bytes of every file it names, each checked against its
    sha256: the bytes returned are the bytes that were hashed, so a caller parses exactly what was
    verified. Every file is read through one handle on the folder, so a set swapped in meanwhile
    is not mixed in: the old set is read whole, or (when the old set is removed under the reader)
    the read starts again on the new one. ``IncompleteSetError`` names what is wrong otherwise."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IncompleteSetError(f"{folder} not found: run `make data` (planwatch build-data)")
    for attempt in range(attempts):
        try:
            return _read_set_once(folder)
        except _Vanished:
            if attempt == attempts - 1:
                raise IncompleteSetError(
                    f"{folder} changed while it was read ({attempts} times): a build is "
                    "running; try again when it ends"
                ) from None
    raise AssertionError("unreachable")


class _Vanished(Exception):
    """The folder read was replaced and removed while it was read."""


def _read_at(dir_fd: int, name: str) -> bytes:
    fd = os.open(name, os.O_RDONLY, dir_fd=dir_fd)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def _read_set_once(folder: Path) -> tuple[dict, dict[str, bytes]]:
    hint = f"{folder} is incomplete or mixed; run `make data` (planwatch build-data)"
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        raise _Vanished from None
    try:
        try:
            mbytes = _read_at(dir_fd, MANIFEST)
        except FileNotFoundError:
            if _removed(folder, dir_fd):
                raise _Vanished from None
            raise IncompleteSetError(f"{hint}: {MANIFEST} is missing") from None
        try:
            manifest = json.loads(mbytes.decode("utf-8"))
            entries = {e["path"]: e for e in manifest["files"]}
        except (ValueError, KeyError, TypeError) as exc:
            raise IncompleteSetError(f"{hint}: {MANIFEST} is unreadable ({exc})") from None
        contents: dict[str, bytes] = {}
        for name, e in entries.items():
            try:
                data = _read_at(dir_fd, name)
            except (FileNotFoundError, IsADirectoryError):
                if _removed(folder, dir_fd):
                    raise _Vanished from None
                raise IncompleteSetError(f"{hint}: {name} is missing") from None
            if sha256_bytes(data) != e["sha256"]:
                if _removed(folder, dir_fd):
                    raise _Vanished from None
                raise IncompleteSetError(f"{hint}: {name} does not match {MANIFEST}")
            contents[name] = data
        extra = sorted(
            n
            for n in os.listdir(dir_fd)
            if n not in entries and n != MANIFEST and Path(n).suffix in (".csv", ".json")
        )
        if extra:
            raise IncompleteSetError(f"{hint}: {', '.join(extra)} not in {MANIFEST}")
    finally:
        os.close(dir_fd)
    manifest["checksum"] = sha256_bytes(mbytes)
    return manifest, contents


def _removed(folder: Path, dir_fd: int) -> bool:
    """Whether the folder read through ``dir_fd`` is no longer the one at ``folder`` (a build
    swapped a new set in and is removing the old one)."""
    try:
        here = os.stat(folder)
    except FileNotFoundError:
        return True
    there = os.fstat(dir_fd)
    return (here.st_dev, here.st_ino) != (there.st_dev, there.st_ino)


def verify_set(folder: Path) -> dict:
    """The manifest of ``folder`` (with its ``checksum``) if every file it names is there with its
    checksum and no other table is present; otherwise ``IncompleteSetError``."""
    return read_set(folder)[0]
