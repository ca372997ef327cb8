"""``Voice(ds, lang)``: every word a report or the explorer shows, in one language, with the
names of the data set it was given (never another one).

The words catalogue (``present.words``) holds what does not depend on the data; a voice adds the
plan's own names (indicators, units, categories, actions, sub-regions, notes) from ``ds.names``
and the plan's title, period and sub-region kind from ``ds.plan_row``. Built once per report
object or explorer view, and asked as ``self.voice.t(key)``, ``self.voice.fmt(value, unit)``.
"""

from __future__ import annotations

import pandas as pd

from planwatch.assess.progress import BOUND_KINDS
from planwatch.present import words
from planwatch.present.words import Row

_INDEX: dict[tuple[int, str], dict[tuple[str, str], dict]] = {}


def _names_index(ds) -> dict[tuple[str, str], dict]:
    """``(kind, key) → row`` of ``ds.names``, kept for the data set last asked about."""
    names = ds.names
    key = (id(names), getattr(ds, "checksum", ""))
    if key not in _INDEX:
        _INDEX.clear()
        _INDEX[key] = {(r["kind"], r["key"]): r for r in names.to_dict("records")}
    return _INDEX[key]


class _Keep(dict):
    """Fields for a catalogue text; a field not given is left as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Voice:
    """The words of one language over one data set."""

    def __init__(self, ds, lang: str):
        self.ds = ds
        self.lang = words.check_lang(lang)
        self._names = _names_index(ds)
        self._kinds = self.kind_fields()  # asked on every catalogue word with a field

    def __repr__(self) -> str:
        return f"Voice(lang={self.lang!r})"

    @property
    def is_source(self) -> bool:
        """Whether this is the language the plan is written in."""
        return words.is_source_lang(self.lang)

    # --- the catalogue ---------------------------------------------------------------------

    def t(self, key: str, **fields) -> str:
        """The catalogue's word, with ``{kind}``, ``{kind_short}`` (市), ``{kinds}`` (the
        plural) and ``{Kind}``, ``{Kinds}`` naming this plan's sub-regions wherever the catalogue
        writes them."""
        text = words.t(key, self.lang)
        return text.format_map(_Keep({**self._kinds, **fields})) if "{" in text else text

    def kind_fields(self) -> dict[str, str]:
        """What the plan calls its sub-regions: 城市 / city, its short form (市), its plural."""
        row = self.ds.plan_row
        if self.is_source:
            kind = row["subregion_kind"]
            short, kinds = row.get("subregion_kind_short") or kind, kind
        else:
            kind = short = row["subregion_kind_en"]
            kinds = row.get("subregion_kinds_en") or kind
        return {
            "kind": kind,
            "kind_short": short,
            "kinds": kinds,
            "Kind": kind[:1].upper() + kind[1:],
            "Kinds": kinds[:1].upper() + kinds[1:],
        }

    def sentence(self, key: str, **fields) -> str:
        return words.sentence(key, self.lang, **fields)

    def join(self, items) -> str:
        return words.join(items, self.lang)

    def local(self, row, field: str) -> str:
        return words.local(row, field, self.lang)

    def status(self, status: str) -> str:
        return words.status_label(status, self.lang)

    def verdict(self, status: str, provisional=False, annual: bool = False) -> str:
        """A status in words, said to be provisional when it rests on an unclear figure."""
        label = self.t(f"annual.{status}") if annual else self.status(status)
        return self.t("provisional_verdict", status=label) if is_true(provisional) else label

    def caveat(self, codes: str) -> str:
        return words.caveat_text(codes, self.lang)

    def flag(self, flag: str, value: str) -> str:
        return words.flag_word(flag, value, self.lang)

    def cmp(self, comparator: str) -> str:
        return words.cmp_word(comparator, self.lang)

    def when(self, year, period: str = "") -> str:
        return words.when(year, period, self.lang)

    def ratio(self, x) -> str:
        return words.fmt_ratio(x, self.lang)

    def with_original(self, zh: str, en: str) -> str:
        return words.name_with_original(zh, en, self.lang)

    # --- names of this data set ------------------------------------------------------------

    def english(self, kind: str, zh: str) -> str:
        row = self._names.get((kind, zh))
        return row["en"] if row else ""

    def name(self, kind: str, zh: str) -> str:
        """A plan name (indicator, category, unit, action, responsible_unit, city, region) in
        the language; the original when no translation exists."""
        if self.is_source:
            return zh
        return self.english(kind, zh) or zh

    def note(self, key: str) -> str:
        """A plan note from the manifest (``notes:``), by its id; '' when the plan has none."""
        row = self._names.get(("note", key))
        return "" if row is None else row[self.lang]

    def indicator(self, indicator: str) -> str:
        return self.name("indicator", indicator)

    def unit(self, unit: str) -> str:
        """A unit in the language (``亿元`` → ``CNY 100 million``)."""
        return self.name("unit", unit)

    def region(self, region: str) -> str:
        kind = "region" if self.english("region", region) else "city"
        return self.name(kind, region)

    def series(self, series: str) -> str:
        """A plan indicator's or context series' name (English from the data)."""
        return series if self.is_source else (self.ds.series_english(series) or series)

    def plan_title(self) -> str:
        """``《title》`` in Chinese, the English title otherwise."""
        return self.t("plan_title", title=self.local(self.ds.plan_row, "title"))

    def plan_period(self) -> str:
        row = self.ds.plan_row
        return self.t("period", start=row["period_start"], end=row["period_end"])

    def subregion_kind(self) -> str:
        """What the plan calls its sub-regions (市 / city, 地区 / region), from the manifest."""
        return self.local(self.ds.plan_row, "subregion_kind")

    # --- numbers and sentences -------------------------------------------------------------

    def fmt(self, value, unit: str, approx: bool = False) -> str:
        """A figure with every digit it was published with ("—" when missing)."""
        if value is not None and pd.isna(value):
            value = None
        return words.fmt_value(value, unit, self.lang, approx, unit_name=self.unit)

    def target_words(self, comparator: str = "", period: str = "") -> str:
        """What comes before a target's figure: its kind when it is not a level (年均, 累计),
        then the comparator (约, 超过)."""
        kind = period.partition(" ")[0]
        return (self.t(f"period_kind.{kind}") if kind else "") + self.cmp(comparator)

    def target(self, value, unit: str, comparator: str = "", period: str = "") -> str:
        """A target as the table gives it: ``年均约5.5%``."""
        return self.target_words(comparator, period) + self.fmt(value, unit)

    def progress_sentence(self, r: dict) -> str:
        """One sentence per progress row; never claims more than the data show."""
        unit = r["unit"]
        cagr = r.get("cagr_actual")
        values = {
            "name": self.indicator(r["indicator"]),
            "cmp": self.target_words(r["comparator"], _period_of(r)),
            "target": self.fmt(r["target_value"], unit),
            "observed": self.fmt(r.get("observed_value"), unit),
            "projected": self.fmt(r.get("projected_value"), unit, approx=True),
            "ach": self.ratio(r.get("achievement")),
            "cagr": self.ratio(None if cagr is None else abs(cagr)),
            "cagr_req": self.ratio(r.get("cagr_required")),
            "rr": "—" if r.get("rr") is None else f"{float(r['rr']):.2f}",
            "label": self.verdict(r["status"], r.get("provisional")),
            "caveat": self.caveat(r.get("caveat_codes", "")),
            "base_year": self.ds.baseline_year,
            "is_bound": bool(r.get("observed_bound")) or r.get("value_kind") in BOUND_KINDS,
            "when": self.when(r.get("observed_year"), r.get("observed_period") or ""),
        }
        return self.sentence("sentence.progress", r=Row(r), **values)


def is_true(flag) -> bool:
    """A boolean cell as read from a table: True, "true", 1 (never a missing value)."""
    return str(flag).strip().lower() in ("true", "1")


def _period_of(r: dict) -> str:
    """The kind of a progress row's target, from its caveat (``annual_average_target:…``)."""
    for code in str(r.get("caveat_codes") or "").split(";"):
        name = code.partition(":")[0]
        if name.endswith("_target"):
            return name.removesuffix("_target")
    return ""
