"""Provenance sidecars (``<file>.meta.yml``) for every file in ``data/raw/``."""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path

import yaml

from planwatch.errors import InputError
from planwatch.inputs import readers

REQUIRED = ("title", "publisher", "source_url", "date_retrieved", "sha256")
_SCHEME_RE = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")


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
    meta = _load_yaml(side)
    for key in REQUIRED:
        if not meta.get(key):
            raise InputError(
                side, "sidecar field missing or empty", column=key, expected=", ".join(REQUIRED)
            )
    check_fields(side, meta)
    return meta


def _load_yaml(side: Path) -> dict:
    """A sidecar's fields; broken YAML, another shape or bad bytes name the sidecar and line."""
    try:
        data = side.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            side, "sidecar is not UTF-8 text", line, expected="a UTF-8 YAML file"
        ) from None
    except OSError as exc:
        raise InputError(side, f"sidecar cannot be read ({exc.strerror})") from None
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(
            side,
            f"sidecar is not valid YAML ({problem})",
            mark.line + 1 if mark else None,
            expected="lines of `field: value`",
        ) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(
            side,
            f"sidecar holds a {type(meta).__name__}, not fields",
            expected="lines of `field: value` (title, publisher, source_url, …)",
        )
    return meta


def check_fields(side: Path, meta: dict) -> None:
    """source_url is http(s) (or a description without a scheme, such as 'per row …');
    dates are ISO dates."""
    url = str(meta.get("source_url", ""))
    if _SCHEME_RE.match(url) and not re.match(r"^https?://\S+$", url.strip()):
        raise InputError(
            side,
            "source URL is not a web address",
            column="source_url",
            value=url,
            expected="http:// or https://…",
        )
    for key in ("date_retrieved", "date_issued"):
        if key in meta and not _is_date(meta[key]):
            raise InputError(
                side, "not a date", column=key, value=str(meta[key]), expected="YYYY-MM-DD"
            )


def _is_date(v) -> bool:
    if isinstance(v, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(v).strip())
    except ValueError:
        return False
    return len(str(v).strip()) == 10


def raw_files(raw_dir: Path) -> list[Path]:
    """Every input file under ``raw_dir`` (files in the observations folder that are not read
    need no sidecar); a file or link resolving outside ``raw_dir`` is refused."""
    out = []
    for p in sorted(raw_dir.rglob("*")):
        if p.name.endswith(".meta.yml") or p.name.startswith(".") or p.is_dir():
            continue
        if any(part.startswith(".") for part in p.relative_to(raw_dir).parts):
            continue
        readers.inside(p, raw_dir)
        if p.parent.name == "observations" and readers.classify(p) != "read":
            continue
        if p.is_file():
            out.append(p)
    return out


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


def hand_written(path: Path, raw_dir: Path) -> bool:
    """Files the project writes by hand (the plan manifest and the mapping tables): they are
    edited often, so their checksum is taken at each build instead of kept in a sidecar. What
    came from elsewhere (the plan document, observation files) keeps a checked sidecar."""
    parts = path.relative_to(raw_dir).parts
    return parts[0] == "mappings" or parts == ("plan", "plan.yml")


def describe_hand_written(path: Path) -> dict:
    """A hand-written file's provenance: its sidecar's fields where one exists (no checksum
    check), else its name; the checksum is always the file's own, taken now."""
    side = sidecar_path(path)
    meta = _load_yaml(side) if side.exists() else {}
    if meta:
        check_fields(side, meta)
    return {
        "title": f"{path.name} (written by hand for this project)",
        "publisher": "this project",
        "source_url": "",
        **{k: v for k, v in meta.items() if v not in (None, "")},
        "sha256": sha256(path),
        "hand_written": True,
    }


def check_all(raw_dir: Path) -> dict[Path, dict]:
    raw_dir = Path(raw_dir)
    return {
        p: describe_hand_written(p) if hand_written(p, raw_dir) else check(p)
        for p in raw_files(raw_dir)
    }


def stamp(path: Path, defaults: dict | None = None, url_or_words: bool = False) -> dict:
    """Create or refresh a sidecar: keep its fields, fill missing ones from ``defaults``, and set
    sha256 to the file's checksum. A new sidecar needs title, publisher and source_url;
    date_retrieved defaults to today. ``url_or_words``: source_url may say in words (no
    scheme) that the address is not known yet."""
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a directory", expected="a file to stamp")
    if not path.is_file():
        raise InputError(path, "no such file", expected="an existing file to stamp")
    side = sidecar_path(path)
    meta = _load_yaml(side) if side.exists() else {}
    defaults = {"date_retrieved": datetime.date.today().isoformat(), **(defaults or {})}
    check_fields(side, defaults)
    meta = {"file": path.name, **defaults, **meta, "sha256": sha256(path)}
    lacking = [k for k in ("title", "publisher", "source_url") if not meta.get(k)]
    if lacking:
        raise InputError(
            side,
            f"sidecar field(s) missing: {', '.join(lacking)}",
            expected=" ".join(f"--{k.replace('_', '-')} …" for k in lacking),
        )
    given = defaults.get("source_url")
    if url_or_words and given is not None and not _SCHEME_RE.match(str(given)):
        given = None  # words, checked by check_fields below
    if given is not None and not re.match(r"^https?://\S+$", str(given).strip()):
        raise InputError(
            side,
            "source URL is not a web address",
            column="source_url",
            value=str(given),
            expected="http:// or https://…",
        )
    check_fields(side, meta)
    side.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return meta
