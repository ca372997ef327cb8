"""Sentences for reports, from Jinja2 templates (``templates/*_zh.j2``, ``*_en.j2``).

Every number is computed from the data and formatted for the language: 亿元/万亿元 with one
decimal in Chinese, "CNY 4.0 trillion" in English. Sentences are plain text; the HTML layer
escapes them.
"""

from __future__ import annotations

from functools import cache

import jinja2
import yaml

from planwatch.assess import progress as assess
from planwatch.inputs import mappings
from planwatch.paths import TEMPLATES_DIR, VOCAB_DIR

LANGS = ("zh", "en")
CMP_WORDS = {
    "zh": {"=": "", "≥": "不低于", ">": "超过", "≤": "不高于", "<": "低于", "≈": "约"},
    "en": {
        "=": "",
        "≥": "at least ",
        ">": "more than ",
        "≤": "at most ",
        "<": "less than ",
        "≈": "about ",
    },
}


@cache
def _fmt() -> dict:
    with open(VOCAB_DIR / "format.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def ui() -> dict:
    with open(VOCAB_DIR / "ui.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def t(key: str, lang: str) -> str:
    return ui()[key][lang]


@cache
def env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=False,
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
    )


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def fmt_value(value, unit: str, lang: str) -> str:
    """``39300, 亿元`` → ``3.9万亿元`` / ``CNY 3.9 trillion``; ``46.8, %`` → ``46.8%``."""
    if value is None:
        return "—"
    v = float(value)
    if lang == "zh":
        if unit in _fmt()["zh"]["money_units"]:
            return f"{v / 10000:.1f}万亿元" if abs(v) >= 10000 else f"{v:.1f}亿元"
        if unit in _fmt()["zh"]["one_decimal_units"]:
            return f"{v:.1f}{unit}"
        return f"{v:.0f}{unit}" if v == int(v) else f"{v:.1f}{unit}"
    if unit == "亿元":
        yuan = v * 1e8
        for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(yuan) >= size:
                return f"CNY {yuan / size:.1f} {word}"
        return f"CNY {yuan:,.0f}"
    special = _fmt()["en"]["special"]
    if unit in special:
        return special[unit].format(v=v, v10k=v * 10000)
    counts = _fmt()["en"]["counts"]
    if unit in counts:
        factor, noun = counts[unit]
        return f"{v * factor:,.0f} {noun}".strip()
    name = mappings.english("unit", unit) or unit
    return f"{v:g} {name}".strip()


def fmt_ratio(x, lang: str) -> str:
    """0.9825 → ``98.3%``."""
    return "—" if x is None else f"{float(x) * 100:.1f}%"


def indicator_name(name: str, lang: str) -> str:
    return name if lang == "zh" else (mappings.english("indicator", name) or name)


def region_name(region: str, lang: str) -> str:
    if lang == "zh":
        return region
    if region == "浙江省":
        return "Zhejiang"
    return mappings.english("city", region) or region


def progress_sentence(r: dict, lang: str) -> str:
    """One sentence per progress row; never claims more than the data show."""
    check_lang(lang)
    unit = r["unit"]
    values = {
        "name": indicator_name(r["indicator"], lang),
        "cmp": CMP_WORDS[lang][r["comparator"]],
        "target": fmt_value(r["target_value"], unit, lang),
        "observed": fmt_value(r.get("observed_value"), unit, lang),
        "projected": fmt_value(r.get("projected_value"), unit, lang),
        "ach": fmt_ratio(r.get("achievement"), lang),
        "cagr": fmt_ratio(None if r.get("cagr_actual") is None else abs(r["cagr_actual"]), lang),
        "cagr_req": fmt_ratio(r.get("cagr_required"), lang),
        "rr": "—" if r.get("rr") is None else f"{float(r['rr']):.2f}",
        "label": assess.label(r["status"], lang),
        "caveat": assess.caveat_text(r.get("caveat_codes", ""), lang),
    }
    return env().get_template(f"progress_{lang}.j2").render(r=_Row(r), **values).strip()


class _Row(dict):
    def __getattr__(self, key):
        return self.get(key)
