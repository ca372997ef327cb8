"""The words catalogue (``present/words.yml``) and everything that depends on the reader's
language: labels, statuses, caveats, comparator words, number formats, sentences, and names
from the processed ``names`` and ``plan`` tables.

This is the only module that branches on the language; every other module asks it. Words about
the plan being monitored (its title, region, years, sub-regions) come from the processed data,
never from this file or the catalogue.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache

import jinja2
import yaml

from planwatch import paths
from planwatch.assess.progress import BOUND_KINDS
from planwatch.decimals import plain

LANGS = ("zh", "en")
SOURCE_LANG = "zh"  # the language the plan and its data are written in


@cache
def catalogue() -> dict:
    with open(paths.WORDS_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def is_source_lang(lang: str) -> bool:
    """Whether ``lang`` is the language the plan is written in (the default view)."""
    return check_lang(lang) == SOURCE_LANG


def t(key: str, lang: str, **fields) -> str:
    """The catalogue's word for ``key`` in ``lang``, with ``{fields}`` filled in."""
    text = catalogue()[key][check_lang(lang)]
    return text.format(**fields) if fields else text


def local(row, field: str, lang: str) -> str:
    """A data row's ``field`` in the language: ``field`` itself in the source language,
    ``field_en`` otherwise (the processed tables carry both)."""
    return row[field] if check_lang(lang) == SOURCE_LANG else row[f"{field}_{lang}"]


def join(items, lang: str) -> str:
    return t("list_sep", lang).join(str(i) for i in items)


# --- Names (from the processed ``names`` table) -----------------------------------------------


def _names() -> dict[tuple[str, str], dict]:
    from planwatch.tables import dataset

    return _names_index(dataset.load().checksum)


@lru_cache(maxsize=4)
def _names_index(_checksum: str) -> dict[tuple[str, str], dict]:
    from planwatch.tables import dataset

    df = dataset.load().names
    return {(r["kind"], r["key"]): r for r in df.to_dict("records")}


def english(kind: str, zh: str) -> str:
    row = _names().get((kind, zh))
    return row["en"] if row else ""


def name(kind: str, zh: str, lang: str) -> str:
    """A plan name (indicator, category, unit, action, responsible_unit, city, region) in the
    language; the original when no translation exists."""
    if check_lang(lang) == SOURCE_LANG:
        return zh
    return english(kind, zh) or zh


def note(key: str, lang: str) -> str:
    """A plan note from the manifest (``notes:``), by its id."""
    row = _names().get(("note", key))
    return "" if row is None else row[check_lang(lang)]


def indicator_name(indicator: str, lang: str) -> str:
    return name("indicator", indicator, lang)


def fmt_unit(unit: str, lang: str) -> str:
    """A unit in the language (``亿元`` → ``CNY 100 million``), from the names table."""
    return name("unit", unit, lang)


def region_name(region: str, lang: str) -> str:
    return name("region", region, lang) if english("region", region) else name("city", region, lang)


def plan_title(ds, lang: str) -> str:
    """``《title》`` in Chinese, the English title otherwise."""
    row = ds.plan_row
    return t("plan_title", lang, title=local(row, "title", lang))


def plan_period(ds, lang: str) -> str:
    row = ds.plan_row
    return t("period", lang, start=row["period_start"], end=row["period_end"])


# --- Statuses, caveats, comparators --------------------------------------------------------


def status_label(status: str, lang: str) -> str:
    return t(f"status.{status}", lang)


def caveat_text(codes: str, lang: str) -> str:
    """Render ``code[:arg];…`` (the progress table's caveat_codes) in a language."""
    out = []
    for item in filter(None, (codes or "").split(";")):
        code, _, arg = item.partition(":")
        out.append(t(f"caveat.{code}", lang, arg=arg))
    return t("caveat_sep", lang).join(out)


def flag_word(flag: str, value: str, lang: str) -> str:
    """An observation flag in words: ``comparable=unclear`` → 口径待确认 / definition unclear."""
    return t(f"{flag}.{value}", lang)


def cmp_word(comparator: str, lang: str) -> str:
    return t(f"cmp.{comparator}", lang)


# --- Numbers ---------------------------------------------------------------------------------


def _exact(value) -> Decimal:
    """The value as a plain decimal with the digits it was published with (a float from the
    processed tables reads back as its shortest exact decimal: 11500 → 11500, 39.9 → 39.9)."""
    return plain(Decimal(repr(float(value))))


def _sig(d: Decimal, digits: int) -> Decimal:
    """``d`` rounded to ``digits`` significant digits (for computed values such as projections)."""
    if d == 0:
        return d
    shift = digits - d.adjusted() - 1
    return plain(d.quantize(Decimal(1).scaleb(-shift)))


def fmt_value(value, unit: str, lang: str, approx: bool = False) -> str:
    """A figure in words of the language, with every digit it was published with:
    ``11500, 亿元`` → ``1.15万亿元`` / ``CNY 1.15 trillion``; ``46.8, %`` → ``46.8%``. Two different
    values never print the same. ``approx``: a computed value, three significant digits."""
    if value is None or value != value:
        return "—"
    d = _exact(value)
    if approx:
        d = _sig(d, 3)
    rules = catalogue()["format"]
    if check_lang(lang) == "zh":
        if unit in rules["zh"]["money_units"]:
            return f"{_num(d / 10000)}万亿元" if abs(d) >= 10000 else f"{_num(d)}亿元"
        return f"{_num(d)}{unit}"
    if unit == "亿元":
        yuan = d * 100_000_000
        for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
            if abs(yuan) >= size:
                return f"CNY {_num(yuan / size)} {word}"
        return f"CNY {_num(yuan, True)}"
    en = rules["en"]
    if unit in en["special"]:
        return en["special"][unit].format(v=_num(d), v10k=_num(d * 10000, True))
    if unit in en["counts"]:
        factor, noun = en["counts"][unit]
        return f"{_num(d * factor, True)} {noun}".strip()
    return f"{_num(d)} {name('unit', unit, lang)}".strip()


def _num(d: Decimal, grouped: bool = False) -> str:
    d = plain(d)
    return format(d, ",f") if grouped else format(d, "f")


def when(year, period: str, lang: str) -> str:
    """When a figure refers to: ``2021年`` / ``2021``, or its period: ``2021年1—10月`` /
    ``January–October 2021``, ``2024年5月`` / ``May 2024``, ``2023年12月27日`` / ``27 December 2023``."""
    if year is None or year != year:
        return ""
    if not period:
        return t("when.year", lang, y=int(year))
    months = catalogue()["months"][check_lang(lang)]
    parts = period.split("/")
    y, m = int(parts[0][:4]), int(parts[0][5:7])
    if len(parts) == 2:
        m2 = int(parts[1][5:7])
        return t("when.months", lang, y=y, m1=m, m2=m2, M1=months[m - 1], M2=months[m2 - 1])
    if len(parts[0]) == 10:
        return t("when.day", lang, y=y, m=m, d=int(parts[0][8:]), M=months[m - 1])
    return t("when.month", lang, y=y, m=m, M=months[m - 1])


def fmt_ratio(x, lang: str) -> str:
    """0.9825 → ``98.3%``."""
    return "—" if x is None else f"{float(x) * 100:.1f}%"


# --- Sentences -------------------------------------------------------------------------------


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        autoescape=False, keep_trailing_newline=False, undefined=jinja2.StrictUndefined
    )


def sentence(key: str, lang: str, **fields) -> str:
    return _env().from_string(catalogue()[key][check_lang(lang)]).render(**fields).strip()


def progress_sentence(r: dict, lang: str, base_year: int) -> str:
    """One sentence per progress row; never claims more than the data show."""
    unit = r["unit"]
    values = {
        "name": indicator_name(r["indicator"], lang),
        "cmp": cmp_word(r["comparator"], lang),
        "target": fmt_value(r["target_value"], unit, lang),
        "observed": fmt_value(r.get("observed_value"), unit, lang),
        "projected": fmt_value(r.get("projected_value"), unit, lang, approx=True),
        "ach": fmt_ratio(r.get("achievement"), lang),
        "cagr": fmt_ratio(None if r.get("cagr_actual") is None else abs(r["cagr_actual"]), lang),
        "cagr_req": fmt_ratio(r.get("cagr_required"), lang),
        "rr": "—" if r.get("rr") is None else f"{float(r['rr']):.2f}",
        "label": status_label(r["status"], lang),
        "caveat": caveat_text(r.get("caveat_codes", ""), lang),
        "base_year": base_year,
        "is_bound": bool(r.get("observed_bound")) or r.get("value_kind") in BOUND_KINDS,
        "when": when(r.get("observed_year"), r.get("observed_period") or "", lang),
    }
    return sentence("sentence.progress", lang, r=_Row(r), **values)


class _Row(dict):
    def __getattr__(self, key):
        return self.get(key)


def name_with_original(zh: str, en: str, lang: str) -> str:
    """``zh`` in the source language; ``en (zh)`` otherwise, so the original stays findable."""
    return zh if check_lang(lang) == SOURCE_LANG else f"{en} ({zh})"


def series_name(ds, series: str, lang: str) -> str:
    """A plan indicator's or context series' name in the language (English from the data)."""
    if check_lang(lang) == SOURCE_LANG:
        return series
    return ds.series_english(series) or series
