"""Provenance sidecars (``<file>.meta.yml``) for every file in ``data/raw/``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from planwatch.errors import InputError

REQUIRED = ("title", "publisher", "source_url", "date_retrieved", "sha256")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".meta.yml")


def read_sidecar(path: Path) -> dict:
    side = sidecar_path(path)
    if not side.exists():
        raise InputError(
            side, "provenance sidecar missing", expected=f"a .meta.yml beside {path.name}"
        )
    meta = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    for key in REQUIRED:
        if not meta.get(key):
            raise InputError(
                side, "sidecar field missing or empty", column=key, expected=", ".join(REQUIRED)
            )
    return meta


def raw_files(raw_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in raw_dir.rglob("*")
        if p.is_file() and not p.name.endswith(".meta.yml") and not p.name.startswith(".")
    )


def check(path: Path) -> dict:
    """Verify the file against its sidecar's checksum; return the sidecar."""
    meta = read_sidecar(path)
    actual = sha256(path)
    if actual != str(meta["sha256"]):
        raise InputError(
            sidecar_path(path),
            "checksum does not match the file",
            column="sha256",
            value=meta["sha256"],
            expected=actual,
        )
    return meta


def check_all(raw_dir: Path) -> dict[Path, dict]:
    return {p: check(p) for p in raw_files(raw_dir)}


def stamp(path: Path, defaults: dict | None = None) -> dict:
    """Create or refresh a sidecar: keep its fields, fill missing ones from ``defaults``, and set
    sha256 to the file's checksum. For curated files edited by hand (mappings)."""
    side = sidecar_path(path)
    meta = (yaml.safe_load(side.read_text(encoding="utf-8")) or {}) if side.exists() else {}
    meta = {"file": path.name, **(defaults or {}), **meta, "sha256": sha256(path)}
    side.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return meta
