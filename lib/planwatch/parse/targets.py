"""Find quantified targets in the plan's prose: value, unit, year, comparator, place.

``发明专利授权量达到25万项以上`` → 250000 项, ≥, (the plan's horizon). Values are normalised to a base unit
(``万亿元`` → 亿元 × 10 000; ``万项`` → 项 × 10 000). Vocabulary: ``vocab/targets.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from planwatch.parse.normalise import _longest_first, combine_comparators, plain, to_base, vocab
from planwatch.paths import read_vocab


@cache
def _vocab() -> dict:
    v = read_vocab("targets")
    units = "|".join(re.escape(u) for u in _longest_first(v["units"]))
    mags = "|".join(re.escape(m) for m in _longest_first(vocab()["magnitudes"]))
    after = "|".join(re.escape(w) for w in _longest_first(vocab()["comparators"]["after"]))
    v["_number"] = re.compile(
        rf"(?<![\dA-Za-z.])(\d+(?:\.\d+)?)(?:\s*[-~至]\s*(\d+(?:\.\d+)?))?\s*({mags})?\s*({units})?"
        rf"\s*({after})?"
    )
    v["_by_year"] = re.compile(v["by_year"])
    return v


@dataclass
class Place:
    """Where a paragraph sits in the plan: kind (overall/section/task/city) and its id."""

    kind: str
    id: str
    action_no: int | None
    text: str
    line: int


_CLAUSE_END = re.compile(r"[,;:。]")
_SENTENCE_END = re.compile(r"[。;]")


def _before_comparator(prefix: str) -> str | None:
    table = vocab()["comparators"]["before"]
    for word in _longest_first(table):
        if prefix.endswith(word):
            return table[word]
    return None


def find_targets(place: Place, horizon: int) -> list[dict]:
    v = _vocab()
    text = place.text
    out = []
    for m in v["_number"].finditer(text):
        num, high, mag, unit, after = m.groups()
        if not unit and any(
            text[m.end(1) :].lstrip().startswith(w) for w in v["not_quantity_after"]
        ):
            continue
        clause_start = max((x.end() for x in _CLAUSE_END.finditer(text, 0, m.start())), default=0)
        clause = text[clause_start : m.start()]
        before = _before_comparator(clause)
        has_verb = any(verb in clause for verb in v["verbs"]) or before is not None
        if not has_verb or not (unit or (before and after)):
            continue
        sent_start = max((x.end() for x in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
        sent_end_m = _SENTENCE_END.search(text, m.end())
        sentence = text[sent_start : sent_end_m.end() if sent_end_m else len(text)]
        years = [int(y.group(1) or y.group(2)) for y in v["_by_year"].finditer(text, 0, m.start())]
        year, year_source = (years[-1], "explicit") if years else (horizon, "horizon")
        annual = any(w in clause for w in v["annual"])
        unit_raw = (mag or "") + (unit or "")
        value, base_unit = to_base(Decimal(num), unit_raw)
        value_high = to_base(Decimal(high), unit_raw)[0] if high else None
        comparator = combine_comparators(before, vocab()["comparators"]["after"].get(after or ""))
        if high and comparator == "=":
            comparator = "≥"
        subject = _subject(text, clause_start, m.start(), sent_start)
        obj = re.split(r"[,;:。、]", text[m.end() :], maxsplit=1)[0]
        out.append(
            {
                "place_kind": place.kind,
                "place_id": place.id,
                "action_no": place.action_no,
                "subject": subject,
                "object": obj,
                "value_raw": m.group(0).strip(),
                "value": plain(value),
                "value_high": value_high,
                "unit": base_unit,
                "comparator": comparator,
                "aspiration": any(w in text[sent_start : m.start()] for w in vocab()["aspiration"]),
                "year": year,
                "year_source": year_source,
                "annual": annual,
                "sentence": sentence,
                "line": place.line,
            }
        )
    for k, rec in enumerate(out, start=1):
        rec["target_id"] = f"{place.id}#{k}"
    return out


def _subject(text: str, clause_start: int, pos: int, sent_start: int) -> str:
    """The words the number is about: the clause before it, or the clause before that when the
    number's own clause holds only a verb or comparator (``…增加值较基期翻一番,达到4万亿元``)."""
    seg_start = max(clause_start, text.rfind("、", clause_start, pos) + 1)
    subject = text[seg_start:pos]
    stripped = subject
    for word in _longest_first(list(vocab()["comparators"]["before"]) + vocab()["aspiration"]):
        stripped = stripped.replace(word, "")
    if stripped.strip() or clause_start <= sent_start:
        return subject
    prev_start = max(
        (x.end() for x in _CLAUSE_END.finditer(text, sent_start, clause_start - 1)),
        default=sent_start,
    )
    return text[prev_start:pos]
