"""The plan manifest (``data/raw/plan/plan.yml``): which plan this project monitors.

Title, issuing body, date, source URL, period, the region the targets apply to and the
sub-regions with their English names are data. Nothing in the code names a plan, a region, a
year or a city; a second plan needs a second manifest, not a code change.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from planwatch import paths
from planwatch.errors import InputError

LANG_FIELDS = ("title", "issuer", "region")
NO_SUBREGION_KIND = {"zh": "地区", "en": "region"}  # words for a plan that names no sub-region


@dataclass(frozen=True)
class Plan:
    path: Path
    text: str
    title: dict
    issuer: dict
    date_issued: str
    period: tuple[int, int]
    source_url: str
    region: dict
    subregion_kind: dict
    subregions: tuple[dict, ...]
    notes: dict
    baseline: int | str | None = None  # a year column, "none" (targets only), None: the rule
    languages: tuple[str, ...] = ("zh", "en")
    table: int | None = None  # which table of an HTML/PDF/Word plan document (parse-table --list)
    pages: tuple[int, int] | None = None  # the pages of a PDF plan document to search

    def subregion_names(self) -> list[str]:
        return [s["name"] for s in self.subregions]


def _need(path: Path, data: dict, key: str, kind: type, expected: str):
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, str | list | dict) and not value):
        raise InputError(
            path,
            "plan manifest field missing or malformed",
            column=key,
            value=value,
            expected=expected,
        )
    return value


def _both(path: Path, data: dict, key: str, langs=("zh", "en")) -> dict:
    """A name in each report language (``languages: [zh]`` needs no English)."""
    value = _need(path, data, key, dict, "a mapping with " + " and ".join(langs))
    for lang in langs:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            raise InputError(
                path,
                "plan manifest field lacks a language",
                column=f"{key}.{lang}",
                value=value.get(lang),
                expected="a non-empty string",
            )
    value.setdefault("en", "")  # a Chinese-only plan (languages: [zh])
    return value


MAX_BYTES = 256 * 1024  # a manifest is a page of YAML
MAX_EN = 80  # an English name becomes part of report file names
_BAD_IN_NAME = set('/\\:*?"<>|') | {chr(c) for c in range(32)}


def _refuse_aliases(path: Path, text: str) -> None:
    """YAML anchors and aliases (``&a`` / ``*a``) are refused before anything is built from the
    text: nested aliases expand exponentially ("billion laughs") and a manifest needs none."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise InputError(
                path,
                "plan manifest uses a YAML anchor or alias",
                line=event.start_mark.line + 1,
                value=f"&{event.anchor}" if getattr(event, "anchor", None) else "*alias",
                expected="every value written out (no & or *)",
                where="line",
            )


def _check_english_name(path: Path, i: int, en: str, seen: set) -> None:
    """An English name names a report file: short, no path or control characters, unique."""
    bad = sorted(ch for ch in set(en) & _BAD_IN_NAME)
    if len(en) > MAX_EN or bad:
        raise InputError(
            path,
            "sub-region English name cannot name a file",
            column=f"subregions.items[{i}].en",
            value=en[:100],
            expected=f'at most {MAX_EN} characters, none of / \\ : * ? " < > | or controls',
        )
    if en.strip().lower() in seen:
        raise InputError(
            path,
            "two sub-regions share an English name (one report would overwrite the other)",
            column=f"subregions.items[{i}].en",
            value=en,
            expected="a different English name for each sub-region",
        )
    seen.add(en.strip().lower())


def _check_code(path: Path, i: int, code, seen: set) -> None:
    """A sub-region's administrative code (optional): digits, as text or a number, unique."""
    if code is None or code == "":
        return
    if isinstance(code, bool) or not isinstance(code, str | int) or not str(code).isdigit():
        raise InputError(
            path,
            "sub-region code is not a code",
            column=f"subregions.items[{i}].code",
            value=code,
            expected="digits, e.g. 330100",
        )
    if str(code) in seen:
        raise InputError(
            path,
            "two sub-regions share a code",
            column=f"subregions.items[{i}].code",
            value=code,
            expected="each sub-region's own code",
        )
    seen.add(str(code))


def read(path: Path) -> Plan:
    if not path.is_file():
        raise InputError(
            path,
            "plan manifest missing",
            expected="data/raw/plan/plan.yml naming the plan (see the README)",
        )
    if path.stat().st_size > MAX_BYTES:
        raise InputError(
            path,
            f"plan manifest is {path.stat().st_size} bytes",
            expected=f"a manifest of at most {MAX_BYTES // 1024} KiB",
        )
    try:
        text_ = path.read_text(encoding="utf-8")
        _refuse_aliases(path, text_)
        data = yaml.safe_load(text_)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            path,
            "plan manifest is not readable YAML (UTF-8)",
            line=mark.line + 1 if mark is not None else None,
            value=str(exc).splitlines()[0],
            expected="YAML as in the README",
            where="line",
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            path,
            "plan manifest is not a mapping",
            value=type(data).__name__,
            expected="key: value pairs",
        )
    reading = _reading_keys(path, data)
    langs = reading.get("languages", ("zh", "en"))
    text = _need(path, data, "text", str, "the plan text's file name beside the manifest")
    if not (path.parent / text).is_file() or "/" in text:
        raise InputError(
            path,
            "plan text not found",
            column="text",
            value=text,
            expected=f"a file in {path.parent}",
        )
    url = _need(path, data, "source_url", str, "an http(s) URL")
    if not url.startswith(("https://", "http://")):
        raise InputError(
            path,
            "source URL is not http(s)",
            column="source_url",
            value=url,
            expected="an http(s) URL",
        )
    date = data.get("date_issued")
    if not isinstance(date, dt.date):
        raise InputError(
            path,
            "date_issued is not a date",
            column="date_issued",
            value=date,
            expected="YYYY-MM-DD",
        )
    period = _need(path, data, "period", list, "[first year, last year]")
    if (
        len(period) != 2
        or not all(isinstance(y, int) and not isinstance(y, bool) for y in period)
        or not all(1900 <= y <= 2200 for y in period)
        or period[0] > period[1]
    ):
        raise InputError(
            path,
            "period is not two years in order",
            column="period",
            value=period,
            expected="[first year, last year]",
        )
    subs = data.get("subregions")
    if subs is None:  # a plan with no sub-regions: no sub-region reports, maps or ranking
        subs = {"kind": dict(NO_SUBREGION_KIND), "items": []}
    subs = _need(
        path, {"subregions": subs}, "subregions", dict, "kind (zh, en) and items, or no subregions"
    )
    kind = _both(path, subs, "kind", langs)
    for extra in ("zh_short", "en_plural"):  # optional: 市 for 城市, cities for city
        if extra in kind and (not isinstance(kind[extra], str) or not kind[extra].strip()):
            raise InputError(
                path,
                "sub-region kind's optional form is not a word",
                column=f"subregions.kind.{extra}",
                value=kind[extra],
                expected="a non-empty string (or leave it out)",
            )
    items = subs.get("items")
    if items is None:
        items = []  # a plan with no sub-regions (a national plan): no city reports, no maps
    if not isinstance(items, list):
        raise InputError(
            path,
            "plan manifest field missing or malformed",
            column="items",
            value=items,
            expected="a list of {name, full_name, en} (empty for a plan with no sub-regions)",
        )
    seen, seen_en, seen_codes = set(), set(), set()
    for i, item in enumerate(items, start=1):
        for key in ("name", "full_name", "en")[: len(langs) + 1]:
            if (
                not isinstance(item, dict)
                or not isinstance(item.get(key), str)
                or not item[key].strip()
            ):
                raise InputError(
                    path,
                    "sub-region entry incomplete",
                    column=f"subregions.items[{i}].{key}",
                    value=item,
                    expected="name, full_name and en",
                )
        if item["name"] in seen:
            raise InputError(
                path,
                "duplicate sub-region",
                column=f"subregions.items[{i}]",
                value=item["name"],
                expected="each sub-region once",
            )
        seen.add(item["name"])
        if "en" in langs:
            _check_english_name(path, i, item["en"], seen_en)
        _check_code(path, i, item.get("code"), seen_codes)
    notes = data.get("notes") or {}
    if not isinstance(notes, dict):
        raise InputError(
            path,
            "notes is not a mapping",
            column="notes",
            value=notes,
            expected="note id: {zh: …, en: …}",
        )
    for key in notes:
        _both(path, notes, key, langs)
    return Plan(
        **reading,
        path=path,
        text=text,
        title=_both(path, data, "title", langs),
        issuer=_both(path, data, "issuer", langs),
        date_issued=date.isoformat(),
        period=(period[0], period[1]),
        source_url=url,
        region=_both(path, data, "region", langs),
        subregion_kind=kind,
        subregions=tuple(
            {
                "name": s["name"],
                "full_name": s["full_name"],
                "en": s.get("en") or "",
                "code": str(s.get("code") or ""),
                "order": n,
            }
            for n, s in enumerate(items, start=1)
        ),
        notes=notes,
    )


def _reading_keys(path: Path, data: dict) -> dict:
    """Optional keys that say how to read the plan: ``baseline`` (a year of the table, or
    ``none`` when the table holds only targets), ``languages`` ([zh] or [zh, en]), ``table``
    (which table of a document) and ``pages`` (``3-5`` of a PDF)."""
    out = {}
    base = data.get("baseline")
    if base is not None:
        if isinstance(base, bool) or not (
            (isinstance(base, int) and 1900 <= base <= 2200) or str(base).lower() == "none"
        ):
            raise InputError(
                path,
                "baseline is neither a year nor none",
                column="baseline",
                value=base,
                expected="the year of the table's baseline column, or none (targets only)",
            )
        out["baseline"] = base if isinstance(base, int) else "none"
    langs = data.get("languages")
    if langs is not None:
        if langs not in (["zh"], ["zh", "en"], ["en", "zh"]):
            raise InputError(
                path,
                "languages is not [zh] or [zh, en]",
                column="languages",
                value=langs,
                expected="[zh] (Chinese reports only) or [zh, en]",
            )
        out["languages"] = ("zh", "en") if "en" in langs else ("zh",)
    table = data.get("table")
    if table is not None:
        if isinstance(table, bool) or not isinstance(table, int) or not 1 <= table <= 999:
            raise InputError(
                path,
                "table is not a table number",
                column="table",
                value=table,
                expected="N as `planwatch parse-table FILE --list` numbers the tables",
            )
        out["table"] = table
    pages = data.get("pages")
    if pages is not None:
        m = re.fullmatch(r"\s*(\d{1,4})\s*(?:-\s*(\d{1,4}))?\s*", str(pages))
        if isinstance(pages, bool) or not m or int(m[1]) < 1 or int(m[2] or m[1]) < int(m[1]):
            raise InputError(
                path,
                "pages is not a page range",
                column="pages",
                value=pages,
                expected="a page (4) or a range (3-5) of the PDF",
            )
        out["pages"] = (int(m[1]), int(m[2] or m[1]))
    return out


@cache
def _load(path: str) -> Plan:
    return read(Path(path))


def load() -> Plan:
    """The manifest of the project at ``paths.root()``."""
    return _load(str(paths.plan_manifest()))


def plan_file() -> Path:
    """The plan text the manifest names, in ``data/raw/plan/``."""
    return paths.plan_dir() / load().text


def reset_cache() -> None:
    _load.cache_clear()
