"""The words catalogue (``present/words.yml``) and everything that depends on the reader's
language: labels, statuses, caveats, comparator words, number formats and sentences.

This is the only module that branches on the language; every other module asks it (mostly
through ``present.voice.Voice``, which adds the names of the data set it was given). Words about
the plan being monitored (its title, region, years, sub-regions) come from the processed data,
never from this file or the catalogue: nothing here loads a data set.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import jinja2

from planwatch import paths  # package data: the catalogue's path
from planwatch.decimals import plain

LANGS = ("zh", "en")
SOURCE_LANG = "zh"  # the language the plan and its data are written in


@cache
def catalogue() -> dict:
    return paths.read_shipped_yaml(paths.WORDS_FILE)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}; valid values: {', '.join(LANGS)}")
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


def column_name(text: str, lang: str) -> str:
    """A word as a table column's name: capitalised in English (``observed`` → Observed)."""
    return text[:1].upper() + text[1:] if lang == "en" else text


def cmp_word(comparator: str, lang: str) -> str:
    """The word before a target (超过, at least …); none for a year the table leaves empty."""
    return t(f"cmp.{comparator}", lang) if comparator else ""


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


def fmt_value(value, unit: str, lang: str, approx: bool = False, unit_name=None) -> str:
    """A figure in words of the language, with every digit it was published with:
    ``11500, 亿元`` → ``1.15万亿元`` / ``CNY 1.15 trillion``; ``46.8, %`` → ``46.8%``. Two different
    values never print the same. ``approx``: a computed value, three significant digits.
    ``unit_name``: the unit's name in the language (``Voice.unit``); the unit itself without."""
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
    return f"{_num(d)} {unit_name(unit) if unit_name else unit}".strip()


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


class Row(dict):
    """A row whose fields read as attributes in sentence templates (missing ones as None)."""

    def __getattr__(self, key):
        return self.get(key)


def name_with_original(zh: str, en: str, lang: str) -> str:
    """``zh`` in the source language; ``en (zh)`` otherwise, so the original stays findable."""
    return zh if check_lang(lang) == SOURCE_LANG else f"{en} ({zh})"
