"""Normalise numbers, units, comparators and stray spacing in Chinese plan text.

Every later cleaning step goes through these helpers. The vocabulary (comparator spellings,
magnitude words, traditional variants, missing-value markers) lives in ``vocab/normalise.yml``.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from planwatch.decimals import format_decimal, plain  # noqa: F401 (re-exported)
from planwatch.paths import read_vocab


@cache
def vocab() -> dict:
    return read_vocab("normalise")


def _longest_first(words) -> list[str]:
    return sorted(words, key=len, reverse=True)


_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’—…·《》"
_SPACE_RE = re.compile(r"\s+")
_KEEP_SPACE_RE = re.compile(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])")


@cache
def _control_re() -> re.Pattern:
    """Private-use, control and format characters (categories Co, Cc, Cf), as one class. Outside
    planes 0, 1 and 14 there are only the private-use planes 15 and 16."""
    ranges, start = ["\U000f0000-\U0010ffff"], None
    for cp in itertools.chain(range(0x20000), range(0xE0000, 0xE1001)):
        hit = cp < 0xE1000 and unicodedata.category(chr(cp)) in ("Co", "Cc", "Cf")
        if hit and start is None:
            start = cp
        elif not hit and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    return re.compile("[" + "".join(ranges) + "]")


@cache
def _variants() -> tuple[dict, list]:
    single = {ord(k): v for k, v in vocab()["variants"].items() if len(k) == 1}
    multi = [(k, v) for k, v in vocab()["variants"].items() if len(k) != 1]
    return single, multi


def clean_text(text: str) -> str:
    """Fold full-width forms (NFKC), map traditional variants, drop stray spaces.

    A run of white space is kept (as one space) only between two ASCII letters or digits
    (``100 Mbps``, ``IPV6 根``→ no); everywhere else it is removed (``数字 产业 化`` → ``数字产业化``,
    ``(% )`` → ``(%)``).
    """
    if (
        text.isascii()
        and text.isprintable()
        and " " not in text
        and "&" not in text
        and _ascii_clean()
    ):
        return text  # printable ASCII without spaces is already clean (NFKC leaves it as it is)
    return _clean_text(text)


@cache
def _ascii_clean() -> bool:
    """No variant spelling to map is written in ASCII."""
    return not any(any(ch.isascii() for ch in k) for k in vocab()["variants"])


_CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(20)}  # ① … ⑳ (NFKC would give 1 … 20)


@lru_cache(maxsize=1 << 16)
def _clean_text(text: str) -> str:
    if "&" in text and ";" in text:  # text pasted from a page's source: &gt; &lt; &amp; &#12298;
        text = html.unescape(text)
    # a circled number is a footnote mark or a row number, kept apart from the digits around it
    text = text.translate(str.maketrans(_CIRCLED))
    text = unicodedata.normalize("NFKC", text)
    # Private-use and control characters left by scrapers stand where a space was.
    text = _control_re().sub(" ", text)
    single, multi = _variants()
    text = text.translate(single)
    for old, new in multi:
        text = text.replace(old, new)
    # one space between two ASCII letters or digits (NUL marks it: controls are gone by now)
    text = _KEEP_SPACE_RE.sub("\x00", text.strip())
    return _SPACE_RE.sub("", text).replace("\x00", " ")


@cache
def _missing() -> frozenset:
    return frozenset(vocab()["missing"])


def is_missing(cell: str) -> bool:
    return clean_text(cell) in _missing()


_PLAIN_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_NUM_RE = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?|[+-]?\.\d+")


def parse_number(text: str) -> Decimal:
    """Parse one number with optional thousands separators and magnitude word.

    ``'1,234.5'`` → 1234.5; ``'１２'`` → 12; ``'3.57万'`` → 35700; ``'2亿'`` → 200000000.
    Raises ValueError when the text is not exactly one number (with optional magnitude).
    """
    if _PLAIN_RE.fullmatch(text):  # the common case: digits with an optional decimal part
        # without a trailing zero after the point, the text is already plain (no exponent)
        return Decimal(text) if "." not in text or text[-1] != "0" else plain(Decimal(text))
    s = clean_text(text).replace(" ", "")
    factor = Decimal(1)
    for word, f in _magnitudes():
        if s.endswith(word) and len(s) > len(word):
            factor = f
            s = s[: -len(word)]
            break
    if not _NUM_RE.fullmatch(s):
        raise ValueError(f"not a number: {text!r}")
    try:
        return plain(Decimal(s.replace(",", "")) * factor)
    except InvalidOperation as exc:  # pragma: no cover - regex already guards
        raise ValueError(f"not a number: {text!r}") from exc


@cache
def _magnitudes() -> tuple[tuple[str, Decimal], ...]:
    mags = vocab()["magnitudes"]
    return tuple((w, Decimal(mags[w])) for w in _longest_first(mags))


@dataclass(frozen=True)
class Value:
    """A table cell or prose figure: value, comparator, optional upper end and annotation."""

    value: Decimal | None
    comparator: str = "="
    value_high: Decimal | None = None
    annotation: str = ""
    aspiration: bool = False


def _strip_comparators(s: str) -> tuple[str, str | None, str | None, bool]:
    v = vocab()
    aspiration = False
    changed = True
    while changed:
        changed = False
        for word in v["aspiration"]:
            if s.startswith(word):
                s, aspiration, changed = s[len(word) :], True, True
    before = after = None
    for word in _longest_first(v["comparators"]["before"]):
        if s.startswith(word):
            before, s = v["comparators"]["before"][word], s[len(word) :]
            break
    for word in _longest_first(v["comparators"]["after"]):
        if s.endswith(word):
            after, s = v["comparators"]["after"][word], s[: -len(word)]
            break
    return s, before, after, aspiration


def combine_comparators(before: str | None, after: str | None) -> str:
    """``达到 … 以上`` is ``≥``: an explicit bound after the number wins over ``达到`` (=)."""
    if after and (before in (None, "=")):
        return after
    return before or after or "="


_ANNOT_RE = re.compile(r"^(.*?)\s*[(\[](.+)[)\]]\s*$")
_RANGE_RE = re.compile(r"^(.+?)(?:-|~|～|至|到|—)(.+)$")


def parse_value(cell: str) -> Value:
    """Parse a table cell or figure: ``≥76``, ``> 98``, ``大于 100``, ``20(部分城市)``, ``5-8``,
    ``约30``, ``30左右``, ``1.5万``, ``—`` (missing). Raises ValueError on anything else."""
    s = clean_text(cell).replace(" ", "")
    if s in set(vocab()["missing"]):
        return Value(None, "")
    annotation = ""
    m = _ANNOT_RE.match(s)
    if m and m.group(1):
        s, annotation = m.group(1), m.group(2)
    s, before, after, aspiration = _strip_comparators(s)
    comparator = combine_comparators(before, after)
    try:
        return Value(parse_number(s), comparator, None, annotation, aspiration)
    except ValueError:
        pass
    r = _RANGE_RE.match(s)
    if r:
        low, high = parse_number(r.group(1)), parse_number(r.group(2))
        if low <= high:
            return Value(
                low, "≥" if comparator == "=" else comparator, high, annotation, aspiration
            )
    raise ValueError(f"not a value: {cell!r}")


def is_number(text: str) -> bool:
    """Whether ``text`` is exactly one number (``parse_number`` reads it)."""
    try:
        parse_number(text)
    except ValueError:
        return False
    return True


def looks_like_value(cell: str) -> bool:
    try:
        parse_value(cell)
    except ValueError:
        return False
    return True


_UNIT_TAIL_RE = re.compile(r"^(.*\S)\s*\(([^()]*)\)$")


@lru_cache(maxsize=4096)
def split_unit(name: str) -> tuple[str, str]:
    """Split a trailing bracketed unit off an indicator name.

    ``数字经济增加值(亿元)`` → (``数字经济增加值``, ``亿元``); ``…(GDP)的比重(% )`` → (``…(GDP)的比重``,
    ``%``). A name with no trailing bracket has unit ``''``.
    """
    s = clean_text(name)
    m = _UNIT_TAIL_RE.match(s)
    if not m:
        return s, ""
    return m.group(1), normalise_unit(m.group(2))


def normalise_unit(unit: str) -> str:
    s = clean_text(unit).replace(" ", "")
    if s in ("个百分点", "百分点"):
        return "pp"
    return s


@lru_cache(maxsize=4096)
def unit_factor(unit: str) -> tuple[Decimal, str]:
    """(factor, base unit) so that value × factor is in the base unit.

    Money goes to 亿元 (``万亿元`` → × 10 000, ``万元`` → × 0.0001); counts drop their magnitude
    word (``万家`` → × 10 000 家); rates and unknown units are their own base (factor 1).
    """
    u = normalise_unit(unit)
    v = vocab()
    mags = v["magnitudes"]
    if u in v["rate_units"] or u in ("", "pp"):
        return Decimal(1), u
    money = v["money_base"]
    if u.endswith("元"):
        prefix = u[:-1]
        if prefix == "":
            return Decimal(1) / Decimal(mags["亿"]), money
        if prefix in mags:
            return plain(Decimal(mags[prefix]) / Decimal(mags["亿"])), money
    for word in _longest_first(mags):
        rest = u[len(word) :]
        if u.startswith(word) and rest in v["count_units"]:
            return Decimal(mags[word]), rest
    return Decimal(1), u


def scale_between(unit: str, target: str) -> Decimal | None:
    """The factor taking a figure in ``unit`` to ``target`` when both are one quantity written at
    different scales (``Mbps`` → ``Gbps``: 0.001; ``scaled_units`` in the vocabulary), else None.
    Kept apart from ``unit_factor``: a bandwidth is shown in the unit the plan writes."""
    u, t = normalise_unit(unit), normalise_unit(target)
    for scales in vocab()["scaled_units"].values():
        if u in scales and t in scales:
            return plain(Decimal(scales[u]) / Decimal(scales[t]))
    return None


def to_base(value: Decimal | None, unit: str) -> tuple[Decimal | None, str]:
    factor, base = unit_factor(unit)
    return (None if value is None else plain(value * factor)), base


def unit_kind(unit: str) -> str:
    """'money', 'count', 'rate' or 'other' — the dimension two units must share to compare."""
    _, base = unit_factor(unit)
    v = vocab()
    if base == v["money_base"]:
        return "money"
    if base in v["count_units"]:
        return "count"
    if base in v["rate_units"] or base in ("pp",):
        return "rate"
    return "other"
